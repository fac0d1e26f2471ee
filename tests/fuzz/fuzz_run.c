/*
 * fuzz_run.c -- runs valid modules: every exported function is called with
 * arguments derived from the input, under fuel (so loops end) and small
 * stacks (so deep recursion traps), with paused calls resumed a few times
 * and then abandoned.  Exported memories, tables and globals are poked
 * through the API as an embedder would.
 *
 * Input: a 16-byte control block, then the module.
 *   byte 0   bits 0-1 host function behaviour (fuzz_host_mode)
 *            bits 2-3 stack sizes, bits 4-5 fuel per slice
 *            bit 6    a 64 KiB memory cap, bit 7 a table cap of 16
 *   bytes 1-8 seed of the argument values; bit 0 of byte 1 also runs the
 *            module from a precompiled image (mote_image_compile +
 *            mote_image_attach) instead of mote_load
 *   bytes 9-15 unused (room for more switches)
 * The seed corpus is spec-suite modules behind such a block (see
 * make-seeds.sh), so mutations of both parts stay close to valid input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#define CONTROL_BYTES 16
#define ARENA_BYTES (4u << 20)
#define OBJECT_ARENA_BYTES (1u << 20)
#define MAX_RESUMES 3
#define MAX_VALUES 64

static uint8_t arena_buf[ARENA_BYTES];
static uint8_t object_buf[OBJECT_ARENA_BYTES];
static uint64_t image_buf[(1u << 20) / 8]; /* images must be 8-byte aligned */

/* The module, loaded or from an image of it compiled for this build. */
static mote_status load(mote_arena *a, const uint8_t *wasm, size_t len, bool image, mote_module **m)
{
    if (!image)
        return mote_load(a, wasm, len, NULL, m);
    const int32_t *table;
    size_t n = mote_handler_table(&table), written;
    size_t used = mote_arena_used(a);
    mote_status st = mote_image_compile(a, wasm, len, NULL, table, n, (uint8_t *)image_buf,
                                        sizeof image_buf, &written);
    fuzz_check_restored(a, used);
    if (st != MOTE_OK)
        return st;
    st = mote_image_attach(a, (const uint8_t *)image_buf, written, wasm, len, m);
    FUZZ_CHECK(st == MOTE_OK); /* an image of this build attaches */
    return st;
}

typedef struct run {
    mote_instance *inst;
    mote_arena *arena;
    int64_t fuel;
    uint64_t memory_cap;
    uint64_t rng;
    mote_func *some_func; /* a funcref to pass where one is wanted */
    const fuzz_imports *imports;
} run;

/* True if mem is one the harness made for an import: memory_cap applies
 * only to the memory an instance defines. */
static bool imported_memory(const run *r, const mote_memory *mem)
{
    for (uint32_t i = 0; i < r->imports->count; i++)
        if (r->imports->imports[i].ext.kind == MOTE_EXTERN_MEMORY &&
            r->imports->imports[i].ext.u.memory == mem)
            return true;
    return false;
}

/* splitmix64: the argument stream, seeded from the control block. */
static uint64_t next_random(run *r)
{
    uint64_t z = (r->rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void check_trap(run *r)
{
    const mote_error *e = mote_arena_error(r->arena);
    FUZZ_CHECK(e->status == MOTE_TRAP);
    FUZZ_CHECK(e->trap != MOTE_TRAP_NONE && e->trap <= MOTE_TRAP_HOST);
    FUZZ_CHECK(e->message[0] != 0);
    mote_frame frames[8];
    size_t n = mote_backtrace(r->inst, frames, 8);
    FUZZ_CHECK(n <= 8);
}

/* Calls f with arguments from the stream; resumes a paused call a few times. */
static mote_status call(run *r, mote_func *f, int depth)
{
    const mote_valtype *params, *results;
    uint32_t np, nr;
    mote_func_type(f, &params, &np, &results, &nr);
    if (np > MAX_VALUES || nr > MAX_VALUES)
        return MOTE_OK;
    mote_value args[MAX_VALUES], res[MAX_VALUES];
    uint8_t raw[MAX_VALUES * 9];
    for (size_t i = 0; i < sizeof raw; i += 8) {
        uint64_t x = next_random(r);
        memcpy(raw + i, &x, sizeof raw - i < 8 ? sizeof raw - i : 8);
    }
    fuzz_bytes b = {raw, sizeof raw};
    for (uint32_t i = 0; i < np; i++)
        args[i] = fuzz_value(&b, params[i], r->some_func);

    mote_set_fuel(r->inst, r->fuel);
    mote_status st = mote_call(r->inst, f, args, np, res, nr);
    for (int k = 0; st == MOTE_PAUSED && k < MAX_RESUMES; k++) {
        FUZZ_CHECK(mote_is_paused(r->inst));
        mote_set_fuel(r->inst, r->fuel);
        st = mote_resume(r->inst);
    }
    if (st == MOTE_PAUSED) {
        mote_abandon(r->inst);
        FUZZ_CHECK(!mote_is_paused(r->inst));
        FUZZ_CHECK(mote_resume(r->inst) == MOTE_ERR_STATE);
        return st;
    }
    FUZZ_CHECK(!mote_is_paused(r->inst));
    if (st == MOTE_TRAP)
        check_trap(r);
    else if (st == MOTE_EXIT)
        FUZZ_CHECK(mote_exit_code(r->inst) == 3);
    else if (st == MOTE_OK && depth == 0)
        /* A returned funcref must be a callable function object. */
        for (uint32_t i = 0; i < nr; i++)
            if (results[i] == MOTE_FUNCREF && res[i].func)
                call(r, res[i].func, depth + 1);
    return st;
}

static void poke_memory(run *r, mote_memory *mem)
{
    uint64_t size = mote_memory_size(mem);
    if (r->memory_cap && !imported_memory(r, mem))
        FUZZ_CHECK(size <= r->memory_cap);
    if (size)
        (void)(volatile uint8_t)mote_memory_data(mem)[size - 1];
    int64_t old = mote_memory_grow(mem, next_random(r) % 3);
    FUZZ_CHECK(old == -1 || (uint64_t)old <= size);
    uint64_t off = next_random(r) % (size + 16), len = next_random(r) % 64;
    uint8_t *p = mote_memory_ptr(r->inst, off, len);
    if (p && len)
        p[len - 1] ^= 1;
}

static void poke_table(run *r, mote_table *t)
{
    uint32_t n = mote_table_size(t);
    uint32_t i = (uint32_t)(next_random(r) % (n + 2u));
    mote_value v;
    mote_status st = mote_table_get(t, i, &v);
    FUZZ_CHECK((st == MOTE_OK) == (i < n));
    if (st == MOTE_OK && v.ref == NULL)
        FUZZ_CHECK(mote_table_set(t, i, v) == MOTE_OK); /* writing a null is always fine */
}

static void poke_global(run *r, mote_global *g)
{
    bool mutable_;
    mote_valtype t = mote_global_type(g, &mutable_);
    mote_value v = mote_global_get(g);
    if (t == MOTE_FUNCREF)
        return; /* only function objects may go there */
    if (t != MOTE_EXTERNREF)
        v.u64 ^= next_random(r);
    FUZZ_CHECK((mote_global_set(g, v) == MOTE_OK) == mutable_);
}

static void run_exports(run *r, const mote_module *m)
{
    uint32_t n = mote_module_num_exports(m);
    for (uint32_t i = 0; i < n && !r->some_func; i++) {
        mote_extern_info info;
        mote_extern ext;
        if (mote_module_export(m, i, &info) == MOTE_OK && info.kind == MOTE_EXTERN_FUNC &&
            mote_find_export(r->inst, info.name, info.name_len, &ext) == MOTE_OK)
            r->some_func = ext.u.func;
    }
    for (uint32_t i = 0; i < n; i++) {
        mote_extern_info info;
        mote_extern ext;
        FUZZ_CHECK(mote_module_export(m, i, &info) == MOTE_OK);
        FUZZ_CHECK(mote_find_export(r->inst, info.name, info.name_len, &ext) == MOTE_OK);
        FUZZ_CHECK(ext.kind == info.kind);
        switch (ext.kind) {
        case MOTE_EXTERN_FUNC: {
            mote_status st = call(r, ext.u.func, 0);
            if (fuzz_verbose())
                fprintf(stderr, "  %.*s: %s %s\n", (int)info.name_len, info.name,
                        mote_status_name(st),
                        st == MOTE_TRAP ? mote_arena_error(r->arena)->message : "");
            break;
        }
        case MOTE_EXTERN_MEMORY: poke_memory(r, ext.u.memory); break;
        case MOTE_EXTERN_TABLE: poke_table(r, ext.u.table); break;
        default: poke_global(r, ext.u.global); break;
        }
    }
}

static const uint32_t value_stacks[4] = {256, 2048, 16384, 65536};
static const uint32_t call_stacks[4] = {48, 512, 2048, 8192};
static const int64_t fuels[4] = {1, 50, 500, 5000};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < CONTROL_BYTES)
        return 0;
    uint8_t control = data[0];
    const uint8_t *wasm = data + CONTROL_BYTES;
    size_t wasm_len = size - CONTROL_BYTES;

    mote_arena *a = fuzz_arena_in(arena_buf, sizeof arena_buf, sizeof arena_buf);
    mote_arena *objects = fuzz_arena_in(object_buf, sizeof object_buf, sizeof object_buf);
    mote_module *m;
    /* zeroed: freed below even when the module never got its imports */
    fuzz_imports *fi = calloc(1, sizeof *fi);
    if (fi && load(a, wasm, wasm_len, data[1] & 1, &m) == MOTE_OK &&
        fuzz_make_imports(fi, m, objects, (fuzz_host_mode)(control & 3)) >= 0) {
        run r;
        memset(&r, 0, sizeof r);
        r.arena = a;
        r.imports = fi;
        r.fuel = fuels[(control >> 4) & 3];
        r.memory_cap = (control & 0x40) ? 65536 : 0;
        memcpy(&r.rng, data + 1, sizeof r.rng);
        mote_instance_config cfg = {
            .value_stack_bytes = value_stacks[(control >> 2) & 3],
            .call_stack_bytes = call_stacks[(control >> 2) & 3],
            .memory_cap = r.memory_cap,
            .table_cap = (control & 0x80) ? 16 : 0,
            .start_fuel = FUZZ_START_FUEL,
        };
        size_t used = mote_arena_used(a);
        mote_status st = mote_instantiate(a, m, fi->imports, fi->count, &cfg, &r.inst);
        if (fuzz_verbose())
            fprintf(stderr, "instantiate: %s %s\n", mote_status_name(st),
                    st ? mote_arena_error(a)->message : "");
        if (st == MOTE_OK)
            run_exports(&r, m);
        else
            fuzz_check_restored(a, used);
    }
    if (fi)
        fuzz_imports_free(fi);
    free(fi);
    return 0;
}
