/*
 * fuzz_load.c -- arbitrary bytes into mote_load (decode, validate,
 * compile); what loads is introspected and instantiated against dummy
 * imports made from its own import list.
 *
 * The feature set is all of mote's for inputs of even length and exactly
 * WebAssembly 2.0 (MOTE_FEATURE_NONE) for odd ones.
 *
 * Beyond "no memory error", it checks the promises the API makes about
 * failures and sizing:
 *   - a failed load or instantiation leaves the arena exactly as it was,
 *     with a status that is a load error and a message;
 *   - mote_unload gives back every byte;
 *   - mote_measure's total is enough: an arena of exactly that size holds
 *     the load and an instance.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#define ARENA_BYTES (2u << 20)
#define OBJECT_ARENA_BYTES (1u << 20)

static uint8_t arena_buf[ARENA_BYTES];
static uint8_t exact_buf[ARENA_BYTES];
static uint8_t object_buf[OBJECT_ARENA_BYTES];

static void check_failure(const mote_arena *a, mote_status st, size_t used)
{
    const mote_error *e = mote_arena_error(a);
    FUZZ_CHECK(e->status == st);
    FUZZ_CHECK(e->message[0] != 0);
    FUZZ_CHECK(memchr(e->message, 0, sizeof e->message) != NULL);
    fuzz_check_restored(a, used);
}

static void introspect(const mote_module *m)
{
    uint32_t n = mote_module_num_exports(m);
    for (uint32_t i = 0; i < n; i++) {
        mote_extern_info info;
        FUZZ_CHECK(mote_module_export(m, i, &info) == MOTE_OK);
        FUZZ_CHECK(info.name_len == 0 || info.name != NULL);
        if (info.kind == MOTE_EXTERN_FUNC) {
            size_t len;
            const char *name = mote_module_func_name(m, info.index, &len);
            (void)name;
        }
    }
    FUZZ_CHECK(mote_module_export(m, n, &(mote_extern_info){0}) == MOTE_ERR_NOT_FOUND);
    FUZZ_CHECK(mote_module_code_bytes(m) <= mote_module_bytes(m));
}

/* Instantiates m in `a` with dummy imports; returns the status. */
static mote_status instantiate(mote_arena *a, const mote_module *m, mote_instance **inst,
                               mote_arena *objects)
{
    fuzz_imports *fi = calloc(1, sizeof *fi);
    if (!fi)
        return MOTE_ERR_NO_MEMORY;
    mote_status st = MOTE_ERR_UNLINKABLE;
    if (fuzz_make_imports(fi, m, objects, FUZZ_HOST_ZEROS) >= 0) {
        mote_instance_config cfg = {
            .value_stack_bytes = 4096, .call_stack_bytes = 1024, .start_fuel = FUZZ_START_FUEL};
        size_t used = mote_arena_used(a);
        st = mote_instantiate(a, m, fi->imports, fi->count, &cfg, inst);
        if (st != MOTE_OK) {
            FUZZ_CHECK(*inst == NULL);
            check_failure(a, st, used);
        }
    }
    fuzz_imports_free(fi);
    free(fi);
    return st;
}

/* mote_measure's figure must hold: an arena of `total` bytes fits it all. */
static void check_measure(mote_arena *scratch, const uint8_t *data, size_t size)
{
    mote_needs needs;
    mote_instance_config cfg = {.value_stack_bytes = 4096, .call_stack_bytes = 1024};
    size_t used = mote_arena_used(scratch);
    mote_load_config features = {.features = (size & 1) ? MOTE_FEATURE_NONE : 0};
    mote_status st = mote_measure(scratch, data, size, &features, &cfg, &needs);
    fuzz_check_restored(scratch, used);
    if (st != MOTE_OK || needs.total > ARENA_BYTES)
        return;
    mote_arena *exact = fuzz_arena_in(exact_buf, sizeof exact_buf, needs.total);
    FUZZ_CHECK(exact != NULL);
    mote_module *m;
    FUZZ_CHECK(mote_load(exact, data, size, &features, &m) == MOTE_OK);
    FUZZ_CHECK(mote_module_bytes(m) == needs.module_bytes);
    mote_arena *objects = fuzz_arena_in(object_buf, sizeof object_buf, sizeof object_buf);
    mote_instance *inst = NULL;
    /* Only the arena may be too small for the instance, and it is not. */
    FUZZ_CHECK(instantiate(exact, m, &inst, objects) != MOTE_ERR_NO_MEMORY);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mote_arena *a = fuzz_arena_in(arena_buf, sizeof arena_buf, sizeof arena_buf);
    size_t used = mote_arena_used(a);
    mote_module *m = NULL;
    mote_load_config features = {.features = (size & 1) ? MOTE_FEATURE_NONE : 0};
    mote_status st = mote_load(a, data, size, &features, &m);
    if (st != MOTE_OK) {
        FUZZ_CHECK(m == NULL);
        /* UNSUPPORTED: well-formed, but not in this build or not run yet
         * (GC types) */
        FUZZ_CHECK(st == MOTE_ERR_MALFORMED || st == MOTE_ERR_INVALID || st == MOTE_ERR_LIMIT ||
                   st == MOTE_ERR_NO_MEMORY || st == MOTE_ERR_UNSUPPORTED);
        check_failure(a, st, used);
        return 0;
    }
    introspect(m);
    mote_arena *objects = fuzz_arena_in(object_buf, sizeof object_buf, sizeof object_buf);
    mote_instance *inst = NULL;
    instantiate(a, m, &inst, objects);
    mote_unload(m);
    fuzz_check_restored(a, used);
    check_measure(a, data, size);
    return 0;
}
