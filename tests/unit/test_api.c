/*
 * test_api.c -- unit tests of the core through its public API.
 *
 * usage: test_api <wasm-dir> <test-name>
 * Each test is registered with ctest on its own; a failed check prints its
 * line and the core's last error message.
 */
#include <mote/mote.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature_groups.h" /* the core's MOTE_WITH_* (mote_core_facts) */
#include "mote_check.h"

MOTE_CHECK_DEFINE;
static mote_arena *current; /* its last error goes with a failed check */

static const char *last_error(void)
{
    return current ? mote_arena_error(current)->message : "(no arena yet)";
}

static const char *wasm_dir;

static uint8_t *read_file(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", wasm_dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(*len ? *len : 1);
    if (fread(buf, 1, *len, f) != *len)
        exit(2);
    fclose(f);
    return buf;
}

/* ---- host functions for basic.wat ---------------------------------------- */

static int host_calls;

static mote_status add3(mote_instance *caller, mote_value *io, void *user)
{
    (void)caller;
    host_calls++;
    io[0].i32 = io[0].i32 + io[1].i32 + io[2].i32 + *(int32_t *)user;
    return MOTE_OK;
}

/* Set: fail returns MOTE_EXCEPTION without throwing (a build without
 * exceptions makes that a host trap). */
static bool fail_as_exception;

static mote_status fail(mote_instance *caller, mote_value *io, void *user)
{
    (void)io;
    (void)user;
    if (fail_as_exception)
        return MOTE_EXCEPTION;
    return mote_host_trap(caller, "host said no");
}

static mote_status quit(mote_instance *caller, mote_value *io, void *user)
{
    (void)user;
    return mote_host_exit(caller, io[0].i32);
}

static int32_t bias = 1000;

static const mote_import basic_imports[] = {
    {.module = "env", .name = "add3", .fn = add3, .signature = "(iii)i", .user = &bias},
    {.module = "env", .name = "fail", .fn = fail, .signature = "(i)"},
    {.module = "env", .name = "quit", .fn = quit, .signature = "(i)"},
};

typedef struct fixture {
    uint8_t *buf;
    mote_arena *arena;
    mote_module *module;
    mote_instance *inst;
    uint8_t *wasm;
} fixture;

static void setup(fixture *fx, const char *file, size_t arena_size, const mote_instance_config *cfg)
{
    size_t len;
    fx->wasm = read_file(file, &len);
    fx->buf = malloc(arena_size);
    fx->arena = mote_arena_init(fx->buf, arena_size);
    current = fx->arena;
    CHECK(mote_load(fx->arena, fx->wasm, len, NULL, &fx->module) == MOTE_OK);
    CHECK(mote_instantiate(fx->arena, fx->module, basic_imports, 3, cfg, &fx->inst) == MOTE_OK);
}

static void teardown(fixture *fx)
{
    free(fx->buf);
    free(fx->wasm);
    current = NULL;
}

static mote_status call1(mote_instance *inst, const char *name, int32_t arg, mote_value *res)
{
    mote_value a = {.i32 = arg};
    mote_func *f = mote_export_func(inst, name);
    CHECK(f != NULL);
    const mote_valtype *p, *r;
    uint32_t np, nr;
    mote_func_type(f, &p, &np, &r, &nr);
    return mote_call(inst, f, &a, np, res, nr);
}

/* ---- tests ------------------------------------------------------------------- */

static void test_arena(void)
{
    static uint8_t small[16];
    CHECK(mote_arena_init(small, sizeof small) == NULL);
    static uint8_t buf[4096];
    mote_arena *a = mote_arena_init(buf + 1, sizeof buf - 1); /* misaligned on purpose */
    CHECK(a != NULL);
    CHECK(mote_arena_size(a) <= sizeof buf - 1);
    CHECK(mote_arena_used(a) > 0 && mote_arena_used(a) < 512);
    CHECK(mote_arena_peak(a) == mote_arena_used(a));
}

static void test_calls(void)
{
    fixture fx;
    setup(&fx, "basic.wasm", 1 << 20, NULL);
    mote_value r[2];
    CHECK(call1(fx.inst, "fib", 20, r) == MOTE_OK && r[0].i32 == 6765);
    CHECK(call1(fx.inst, "sum", 100000, r) == MOTE_OK && r[0].i64 == 5000050000LL);
    CHECK(call1(fx.inst, "call_host", 5, r) == MOTE_OK && r[0].i32 == 1115 && host_calls == 1);
    mote_value args[2] = {{.i32 = 3}, {.i64 = -9}};
    mote_func *swap = mote_export_func(fx.inst, "swap");
    CHECK(mote_call(fx.inst, swap, args, 2, r, 2) == MOTE_OK && r[0].i64 == -9 && r[1].i32 == 3);
    CHECK(mote_call(fx.inst, swap, args, 1, r, 2) == MOTE_ERR_ARGUMENT);
    CHECK(mote_export_func(fx.inst, "nope") == NULL);
    mote_global *g = mote_export_global(fx.inst, "counter");
    CHECK(g && mote_global_get(g).i32 == 7);
    CHECK(call1(fx.inst, "bump", 0, r) == MOTE_OK && r[0].i32 == 8 && mote_global_get(g).i32 == 8);
    teardown(&fx);
}

static void test_traps(void)
{
    fixture fx;
    mote_instance_config cfg = {.value_stack_bytes = 64 * 1024, .call_stack_bytes = 16 * 1024};
    setup(&fx, "basic.wasm", 1 << 20, &cfg);
    const mote_error *e = mote_arena_error(fx.arena);
    mote_value r[1];
    mote_value args[2] = {{.i32 = 7}, {.i32 = 0}};
    CHECK(mote_call(fx.inst, mote_export_func(fx.inst, "div"), args, 2, r, 1) == MOTE_TRAP);
    CHECK(e->trap == MOTE_TRAP_DIVIDE_BY_ZERO && strstr(e->message, "integer divide by zero"));
    CHECK(call1(fx.inst, "load", 65535, r) == MOTE_TRAP &&
          e->trap == MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
    CHECK(call1(fx.inst, "load", 65532, r) == MOTE_OK);
    CHECK(call1(fx.inst, "host_trap", 0, r) == MOTE_TRAP && e->trap == MOTE_TRAP_HOST &&
          strstr(e->message, "host said no"));
    CHECK(call1(fx.inst, "host_exit", 0, r) == MOTE_EXIT && mote_exit_code(fx.inst) == 42);
    CHECK(call1(fx.inst, "deep", 100, r) == MOTE_OK && r[0].i32 == 100);
    CHECK(call1(fx.inst, "deep", 10000000, r) == MOTE_TRAP && e->trap == MOTE_TRAP_STACK_EXHAUSTED);
    mote_frame frames[4];
    CHECK(mote_backtrace(fx.inst, frames, 4) == 4 && frames[0].func == 8 && frames[3].func == 8);
    /* the instance is usable after every kind of failure */
    CHECK(call1(fx.inst, "fib", 10, r) == MOTE_OK && r[0].i32 == 55);
    teardown(&fx);
}

static void test_memory_grow(void)
{
    fixture fx;
    setup(&fx, "basic.wasm", 1 << 20, NULL);
    mote_value r[1];
    mote_memory *mem = mote_export_memory(fx.inst, "memory");
    CHECK(mem && mote_memory_size(mem) == 65536);
    CHECK(call1(fx.inst, "grow", 2, r) == MOTE_OK && r[0].i32 == 1);
    CHECK(mote_memory_size(mem) == 3 * 65536);
    CHECK(call1(fx.inst, "grow", 2, r) == MOTE_OK && r[0].i32 == -1); /* max is 4 */
    CHECK(call1(fx.inst, "load", 3 * 65536 - 4, r) == MOTE_OK && r[0].i32 == 0);
    CHECK(mote_memory_ptr(fx.inst, 3 * 65536 - 4, 4) != NULL);
    CHECK(mote_memory_ptr(fx.inst, 3 * 65536 - 4, 5) == NULL);
    CHECK(mote_memory_ptr(fx.inst, UINT64_MAX, 2) == NULL);
    teardown(&fx);

    /* a memory cap stops growth below the declared maximum */
    mote_instance_config cfg = {.memory_cap = 2 * 65536};
    setup(&fx, "basic.wasm", 1 << 20, &cfg);
    CHECK(call1(fx.inst, "grow", 1, r) == MOTE_OK && r[0].i32 == 1);
    CHECK(call1(fx.inst, "grow", 1, r) == MOTE_OK && r[0].i32 == -1);
    teardown(&fx);
}

/* Runs `name`(arg) in slices of `slice` fuel units; returns the result,
 * which the caller reads as its type says (of an i32 result only the i32
 * member is defined: the rest is what the value stack held). */
static mote_value run_sliced(mote_instance *inst, const char *name, int32_t arg, int64_t slice,
                             int *pauses)
{
    mote_value a = {.i32 = arg}, r[1];
    *pauses = 0;
    mote_set_fuel(inst, slice);
    mote_status st = mote_call(inst, mote_export_func(inst, name), &a, 1, r, 1);
    while (st == MOTE_PAUSED) {
        (*pauses)++;
        CHECK(mote_get_fuel(inst) == 0);
        mote_set_fuel(inst, slice);
        st = mote_resume(inst);
    }
    CHECK(st == MOTE_OK);
    return r[0];
}

static void test_fuel(void)
{
    fixture fx;
    setup(&fx, "basic.wasm", 1 << 20, NULL);
    int pauses;
    const int64_t plenty = 1000000;
    int64_t whole = run_sliced(fx.inst, "sum", 1000, plenty, &pauses).i64;
    int64_t used = plenty - mote_get_fuel(fx.inst);
    CHECK(whole == 500500 && pauses == 0);
    CHECK(used == 1001); /* one call and 1000 back-edges */
    CHECK(run_sliced(fx.inst, "sum", 1000, 1, &pauses).i64 == whole && pauses == used - 1);
    CHECK(run_sliced(fx.inst, "sum", 1000, 7, &pauses).i64 == whole &&
          pauses == (used + 6) / 7 - 1);
    CHECK(run_sliced(fx.inst, "sum", 1000, 1000, &pauses).i64 == whole && pauses == 1);
    int32_t fibs = run_sliced(fx.inst, "fib", 15, plenty, &pauses).i32;
    used = plenty - mote_get_fuel(fx.inst);
    CHECK(fibs == 610 && used == 1973); /* fib(15) makes 1973 calls */
    CHECK(run_sliced(fx.inst, "fib", 15, 1, &pauses).i32 == fibs && pauses == used - 1);
    CHECK(run_sliced(fx.inst, "fib", 15, 7, &pauses).i32 == fibs && pauses == (used + 6) / 7 - 1);

    /* runaway code stops with its fuel, and the instance takes new calls */
    mote_value r[1];
    mote_set_fuel(fx.inst, MOTE_FUEL_OFF);
    mote_set_fuel(fx.inst, 100000);
    CHECK(mote_call(fx.inst, mote_export_func(fx.inst, "forever"), NULL, 0, NULL, 0) ==
          MOTE_PAUSED);
    CHECK(mote_is_paused(fx.inst) && mote_get_fuel(fx.inst) == 0);
    CHECK(call1(fx.inst, "fib", 5, r) == MOTE_ERR_STATE);
    mote_abandon(fx.inst);
    mote_set_fuel(fx.inst, MOTE_FUEL_OFF);
    CHECK(call1(fx.inst, "fib", 5, r) == MOTE_OK && r[0].i32 == 5);

    /* an interrupt stops the call at its next back-edge or call */
    mote_interrupt(fx.inst);
    CHECK(mote_call(fx.inst, mote_export_func(fx.inst, "forever"), NULL, 0, NULL, 0) ==
          MOTE_PAUSED);
    mote_abandon(fx.inst);
    CHECK(mote_resume(fx.inst) == MOTE_ERR_STATE);
    teardown(&fx);
}

/* The arena's last message says `text`, or, from a core without message
 * text, is a code ("@i630": tools/mote-msg turns it back into the text). */
static bool says(const mote_arena *a, const char *text)
{
    const char *msg = mote_arena_error(a)->message;
    return MOTE_WITH_MESSAGES ? strstr(msg, text) != NULL : strchr(msg, '@') != NULL;
}

static void test_start(void)
{
    size_t len;
    uint8_t *wasm = read_file("start.wasm", &len);
    uint8_t *buf = malloc(1 << 20);
    mote_arena *a = mote_arena_init(buf, 1 << 20);
    current = a;
    mote_module *m;
    CHECK(mote_load(a, wasm, len, NULL, &m) == MOTE_OK);
    mote_global *flag;
    CHECK(mote_global_new(a, MOTE_I32, false, (mote_value){.i32 = 1}, &flag) == MOTE_OK);
    mote_import im = {
        .module = "env", .name = "flag", .ext = {.kind = MOTE_EXTERN_GLOBAL, .u.global = flag}};
    size_t used = mote_arena_used(a);
    mote_instance *inst;
    CHECK(mote_instantiate(a, m, &im, 1, NULL, &inst) == MOTE_TRAP);
    CHECK(mote_arena_error(a)->trap == MOTE_TRAP_UNREACHABLE);
    CHECK(mote_arena_used(a) == used);
    mote_global_set(flag, (mote_value){.i32 = 0}); /* immutable: refused */
    CHECK(mote_global_get(flag).i32 == 1);
    mote_global *flag0;
    CHECK(mote_global_new(a, MOTE_I32, false, (mote_value){.i32 = 0}, &flag0) == MOTE_OK);
    im.ext.u.global = flag0;
    CHECK(mote_instantiate(a, m, &im, 1, NULL, &inst) == MOTE_OK);
    CHECK(mote_global_get(mote_export_global(inst, "seen")).i32 == 1);
    /* a start function that loops forever is stopped by its fuel */
    mote_global *flag2;
    CHECK(mote_global_new(a, MOTE_I32, false, (mote_value){.i32 = 2}, &flag2) == MOTE_OK);
    im.ext.u.global = flag2;
    mote_instance_config bounded = {.start_fuel = 1000};
    used = mote_arena_used(a);
    CHECK(mote_instantiate(a, m, &im, 1, &bounded, &inst) == MOTE_ERR_STATE);
    CHECK(says(a, "ran out of fuel"));
    CHECK(mote_arena_used(a) == used);
    /* linking errors name the import */
    CHECK(mote_instantiate(a, m, NULL, 0, NULL, &inst) == MOTE_ERR_UNLINKABLE);
    CHECK(strstr(mote_arena_error(a)->message, "\"env\" \"flag\"") != NULL);
    mote_global *wrong;
    CHECK(mote_global_new(a, MOTE_I64, false, (mote_value){.i64 = 0}, &wrong) == MOTE_OK);
    im.ext.u.global = wrong;
    CHECK(mote_instantiate(a, m, &im, 1, NULL, &inst) == MOTE_ERR_UNLINKABLE);
    free(buf);
    free(wasm);
}

static void test_bad_modules(void)
{
    size_t len;
    uint8_t *wasm = read_file("basic.wasm", &len);
    uint8_t *buf = malloc(1 << 20);
    mote_arena *a = mote_arena_init(buf, 1 << 20);
    current = a;
    size_t used = mote_arena_used(a);
    mote_module *m;
    /* every truncation of a valid module is rejected */
    for (size_t n = 0; n < len; n++) {
        mote_status st = mote_load(a, wasm, n, NULL, &m);
        if (st == MOTE_OK) { /* cut at a section boundary: a smaller valid module */
            mote_unload(m);
            continue;
        }
        CHECK(st == MOTE_ERR_MALFORMED || st == MOTE_ERR_INVALID);
        CHECK(mote_arena_used(a) == used && m == NULL);
    }
    /* single-byte corruptions never crash; whatever loads also runs */
    uint8_t *copy = malloc(len);
    unsigned seed = 12345;
    for (int round = 0; round < 20000; round++) {
        memcpy(copy, wasm, len);
        seed = seed * 1103515245u + 12345u;
        size_t at = (seed >> 8) % len;
        copy[at] ^= (uint8_t)(1u << ((seed >> 4) & 7));
        mote_status st = mote_load(a, copy, len, NULL, &m);
        if (st == MOTE_OK)
            mote_unload(m);
        CHECK(mote_arena_used(a) == used);
    }
    const uint8_t garbage[] = "this is not a wasm module";
    CHECK(mote_load(a, garbage, sizeof garbage, NULL, &m) == MOTE_ERR_MALFORMED);
    CHECK(says(a, "magic header not detected"));
    free(copy);
    free(buf);
    free(wasm);
}

/* The number in "arena too small" is enough, and close to what is used. */
static void test_arena_too_small(void)
{
    size_t len;
    uint8_t *wasm = read_file("basic.wasm", &len);
    uint8_t *big = malloc(1 << 20);
    mote_arena *scratch = mote_arena_init(big, 1 << 20);
    current = scratch;
    mote_needs needs;
    mote_instance_config cfg = {.value_stack_bytes = 4096, .call_stack_bytes = 1024};
    CHECK(mote_measure(scratch, wasm, len, NULL, &cfg, &needs) == MOTE_OK);
    CHECK(needs.module_bytes > 0 && needs.instance_bytes > 65536 && needs.total >= needs.load_peak);
    CHECK(mote_arena_used(scratch) == mote_arena_used(mote_arena_init(big, 1 << 20)));

    for (size_t size = 600; size < needs.total; size += 97) {
        uint8_t *buf = malloc(size);
        mote_arena *a = mote_arena_init(buf, size);
        current = a;
        size_t used = mote_arena_used(a);
        mote_module *m;
        mote_status st = mote_load(a, wasm, len, NULL, &m);
        if (st == MOTE_OK) {
            mote_instance *inst;
            st = mote_instantiate(a, m, basic_imports, 3, &cfg, &inst);
            CHECK(st == MOTE_ERR_NO_MEMORY);
        } else {
            CHECK(st == MOTE_ERR_NO_MEMORY && mote_arena_used(a) == used);
            const char *msg = mote_arena_error(a)->message;
            const char *num = strstr(msg, "needs ");
            CHECK(num != NULL);
            if (num && !strstr(msg, "at least")) {
                size_t need = strtoul(num + 6, NULL, 10);
                /* an arena with exactly that much free loads the module */
                size_t exact = size - (size - used) + need;
                uint8_t *buf2 = malloc(exact + 8);
                mote_arena *b = mote_arena_init(buf2, exact);
                CHECK(mote_load(b, wasm, len, NULL, &m) == MOTE_OK);
                CHECK(need <= needs.load_peak + 64);
                free(buf2);
            }
        }
        free(buf);
    }
    /* and the measured total is enough for load + instantiate */
    uint8_t *buf = malloc(needs.total);
    mote_arena *a = mote_arena_init(buf, needs.total);
    current = a;
    mote_module *m;
    mote_instance *inst;
    CHECK(mote_load(a, wasm, len, NULL, &m) == MOTE_OK);
    CHECK(mote_instantiate(a, m, basic_imports, 3, &cfg, &inst) == MOTE_OK);
    mote_value r[1];
    CHECK(call1(inst, "fib", 12, r) == MOTE_OK && r[0].i32 == 144);
    free(buf);
    free(big);
    free(wasm);
}

/* A module compiled ahead of time into an image runs from the image. */
static void test_image(void)
{
    size_t len;
    uint8_t *wasm = read_file("basic.wasm", &len);
    uint8_t *big = malloc(1 << 20);
    mote_arena *scratch = mote_arena_init(big, 1 << 20);
    current = scratch;
    const int32_t *table;
    size_t n = mote_handler_table(&table);
    size_t need;
    uint8_t small[64];
    CHECK(mote_image_compile(scratch, wasm, len, NULL, table, n, small, sizeof small, &need) ==
          MOTE_ERR_NO_MEMORY);
    CHECK(need > sizeof small && strstr(mote_arena_error(scratch)->message, "needs"));
    uint64_t *image = malloc(need + 8); /* 8-byte aligned */
    size_t written;
    CHECK(mote_image_compile(scratch, wasm, len, NULL, table, n, (uint8_t *)image, need,
                             &written) == MOTE_OK &&
          written == need);
    CHECK(mote_arena_used(scratch) == mote_arena_used(mote_arena_init(big, 1 << 20)));
    /* a module compiled for another build cannot run here */
    mote_module *m;
    int32_t *other = malloc(n * sizeof *other);
    memcpy(other, table, n * sizeof *other);
    other[1] ^= 4;
    uint64_t *foreign = malloc(need + 8);
    CHECK(mote_image_compile(scratch, wasm, len, NULL, other, n, (uint8_t *)foreign, need,
                             &written) == MOTE_OK);
    uint8_t *buf = malloc(1 << 20);
    mote_arena *a = mote_arena_init(buf, 1 << 20);
    current = a;
    CHECK(mote_image_attach(a, (uint8_t *)foreign, need, wasm, len, &m) == MOTE_ERR_STATE);
    CHECK(mote_image_attach(a, (uint8_t *)image, need, wasm, len - 1, &m) == MOTE_ERR_ARGUMENT);
    CHECK(mote_image_attach(a, (uint8_t *)image + 1, need - 1, wasm, len, &m) == MOTE_ERR_ARGUMENT);
    CHECK(mote_image_attach(a, (uint8_t *)image, need - 8, wasm, len, &m) == MOTE_ERR_MALFORMED);
    size_t before = mote_arena_used(a);
    CHECK(mote_image_attach(a, (uint8_t *)image, need, wasm, len, &m) == MOTE_OK);
    CHECK(mote_arena_used(a) - before < 512); /* only the header */
    mote_instance *inst;
    CHECK(mote_instantiate(a, m, basic_imports, 3, NULL, &inst) == MOTE_OK);
    mote_value r[1];
    CHECK(call1(inst, "fib", 20, r) == MOTE_OK && r[0].i32 == 6765);
    CHECK(call1(inst, "call_host", 1, r) == MOTE_OK && r[0].i32 == 1111);
    mote_value args[2] = {{.i32 = 1}, {.i32 = 0}};
    CHECK(mote_call(inst, mote_export_func(inst, "div"), args, 2, r, 1) == MOTE_TRAP);
    CHECK(strstr(mote_arena_error(a)->message, "integer divide by zero (func 10 +0x"));
    free(buf);
    free(foreign);
    free(other);
    free(image);
    free(big);
    free(wasm);
}

/* ---- exceptions: eh.wat and eh_callee.wat --------------------------------------- */

static mote_tag *eh_err;        /* the embedder's tag, "(i)" */
static mote_instance *eh_other; /* the instance of eh_callee.wat */

static mote_status eh_host_throw(mote_instance *caller, mote_value *io, void *user)
{
    (void)user;
    mote_value payload = {.i32 = io[0].i32 * 2};
    return mote_host_throw(caller, eh_err, &payload, 1);
}

static mote_status eh_host_bad_throw(mote_instance *caller, mote_value *io, void *user)
{
    (void)io;
    (void)user;
    return mote_host_throw(caller, eh_err, NULL, 0); /* the tag wants one i32 */
}

/* Calls the other instance, which throws; passes the exception on. */
static mote_status eh_call_other(mote_instance *caller, mote_value *io, void *user)
{
    (void)user;
    mote_value r;
    mote_status st = mote_call(eh_other, mote_export_func(eh_other, "inner"), io, 1, &r, 1);
    if (st != MOTE_EXCEPTION)
        return mote_host_trap(caller, "the nested call did not throw");
    const mote_exception *exn = mote_uncaught_exception(eh_other);
    mote_value payload[2];
    if (!exn || mote_exception_tag(exn) != eh_err || mote_exception_payload(exn, payload, 2) != 1 ||
        payload[0].i32 != io[0].i32)
        return mote_host_trap(caller, "the nested call threw something else");
    return mote_host_rethrow(caller, exn);
}

static void test_exceptions(void)
{
    size_t len_a, len_b;
    uint8_t *wasm_a = read_file("eh.wasm", &len_a), *wasm_b = read_file("eh_callee.wasm", &len_b);
    uint8_t *buf = malloc(1 << 20);
    mote_arena *a = mote_arena_init(buf, 1 << 20);
    current = a;
    if (!MOTE_WITH_EXCEPTIONS) {
        /* Refused at load, by the option's name; the arena unchanged. */
        mote_module *m = NULL;
        size_t used = mote_arena_used(a);
        CHECK(mote_load(a, wasm_b, len_b, NULL, &m) == MOTE_ERR_UNSUPPORTED && m == NULL);
        CHECK(strstr(mote_arena_error(a)->message, "(MOTE_WITH_EXCEPTIONS)") != NULL);
        CHECK(mote_arena_used(a) == used);
        /* No tags either, so no host function can throw; one that
         * returns MOTE_EXCEPTION all the same traps. */
        CHECK(mote_tag_new(a, "(i)", &eh_err) == MOTE_ERR_UNSUPPORTED);
        CHECK(strstr(mote_arena_error(a)->message, "(MOTE_WITH_EXCEPTIONS)") != NULL);
        CHECK(mote_arena_used(a) == used);
        fixture fx;
        setup(&fx, "basic.wasm", 1 << 20, NULL);
        mote_value r[1];
        fail_as_exception = true;
        CHECK(call1(fx.inst, "host_trap", 0, r) == MOTE_TRAP &&
              mote_arena_error(fx.arena)->trap == MOTE_TRAP_HOST);
        fail_as_exception = false;
        CHECK(mote_uncaught_exception(fx.inst) == NULL);
        teardown(&fx);
        free(buf);
        free(wasm_a);
        free(wasm_b);
        return;
    }
    CHECK(mote_tag_new(a, "(i)", &eh_err) == MOTE_OK);
    CHECK(mote_tag_new(a, "(i", &eh_err) == MOTE_ERR_ARGUMENT);
    CHECK(mote_tag_new(a, "(i)", &eh_err) == MOTE_OK);
    mote_module *mb, *ma;
    CHECK(mote_load(a, wasm_b, len_b, NULL, &mb) == MOTE_OK);
    mote_import ib[] = {
        {.module = "env", .name = "err", .ext = {.kind = MOTE_EXTERN_TAG, .u.tag = eh_err}}};
    CHECK(mote_instantiate(a, mb, ib, 1, NULL, &eh_other) == MOTE_OK);
    CHECK(mote_load(a, wasm_a, len_a, NULL, &ma) == MOTE_OK);
    mote_import ia[] = {
        {.module = "env", .name = "err", .ext = {.kind = MOTE_EXTERN_TAG, .u.tag = eh_err}},
        {.module = "env", .name = "host_throw", .fn = eh_host_throw, .signature = "(i)"},
        {.module = "env", .name = "host_bad_throw", .fn = eh_host_bad_throw, .signature = "()"},
        {.module = "env", .name = "call_other", .fn = eh_call_other, .signature = "(i)i"},
        {.module = "other",
         .name = "inner",
         .ext = {.kind = MOTE_EXTERN_FUNC, .u.func = mote_export_func(eh_other, "inner")}},
    };
    mote_instance *inst;
    CHECK(mote_instantiate(a, ma, ia, 5, NULL, &inst) == MOTE_OK);
    const mote_error *e = mote_arena_error(a);
    mote_value r[1];
    CHECK(call1(inst, "catch_host", 20, r) == MOTE_OK && r[0].i32 == 41);
    CHECK(call1(inst, "through_host", 7, r) == MOTE_OK && r[0].i32 == 107);
    CHECK(call1(inst, "direct", 9, r) == MOTE_OK && r[0].i32 == 1009);

    /* uncaught: the embedder reads the tag and the payload */
    CHECK(call1(inst, "uncaught", -3, r) == MOTE_EXCEPTION && e->status == MOTE_EXCEPTION);
    const mote_exception *exn = mote_uncaught_exception(inst);
    mote_value payload[2];
    CHECK(exn && mote_exception_tag(exn) == mote_export_tag(inst, "own"));
    CHECK(exn && mote_exception_payload(exn, payload, 2) == 2 && payload[0].i32 == -3 &&
          payload[1].i64 == 7);
    const mote_valtype *types;
    uint32_t ntypes;
    mote_tag_type(mote_export_tag(inst, "own"), &types, &ntypes);
    CHECK(ntypes == 2 && types[0] == MOTE_I32 && types[1] == MOTE_I64);

    /* traps are not exceptions, and a bad host throw is a trap */
    CHECK(call1(inst, "trap", 0, r) == MOTE_TRAP && e->trap == MOTE_TRAP_UNREACHABLE);
    CHECK(mote_uncaught_exception(inst) == NULL);
    CHECK(call1(inst, "bad_throw", 0, r) == MOTE_TRAP && e->trap == MOTE_TRAP_HOST);

    /* many throws in a row reuse the room of dead exceptions */
    for (int i = 0; i < 100000; i++)
        if (call1(inst, "catch_host", i, r) != MOTE_OK || r[0].i32 != 2 * i + 1) {
            CHECK(!"catch_host in a loop");
            break;
        }
    CHECK(call1(inst, "direct", 1, r) == MOTE_OK && r[0].i32 == 1001);
    free(buf);
    free(wasm_a);
    free(wasm_b);
}

/* Every status's and trap's name by value: error.c keeps each list as one
 * string in the enum's order, which no switch checks. */
static void test_names(void)
{
    static const char *const statuses[] = {
        [MOTE_OK] = "ok",
        [MOTE_ERR_MALFORMED] = "malformed",
        [MOTE_ERR_INVALID] = "invalid",
        [MOTE_ERR_LIMIT] = "limit exceeded",
        [MOTE_ERR_NO_MEMORY] = "arena too small",
        [MOTE_ERR_UNLINKABLE] = "unlinkable",
        [MOTE_ERR_NOT_FOUND] = "not found",
        [MOTE_ERR_ARGUMENT] = "bad argument",
        [MOTE_ERR_STATE] = "bad state",
        [MOTE_TRAP] = "trap",
        [MOTE_PAUSED] = "paused",
        [MOTE_EXIT] = "exit",
        [MOTE_ERR_UNSUPPORTED] = "not in this build",
        [MOTE_EXCEPTION] = "uncaught exception",
    };
    static const char *const traps[] = {
        [MOTE_TRAP_NONE] = "no trap",
        [MOTE_TRAP_UNREACHABLE] = "unreachable",
        [MOTE_TRAP_MEMORY_OUT_OF_BOUNDS] = "out of bounds memory access",
        [MOTE_TRAP_TABLE_OUT_OF_BOUNDS] = "out of bounds table access",
        [MOTE_TRAP_UNDEFINED_ELEMENT] = "undefined element",
        [MOTE_TRAP_UNINITIALIZED_ELEMENT] = "uninitialized element",
        [MOTE_TRAP_INDIRECT_CALL_TYPE] = "indirect call type mismatch",
        [MOTE_TRAP_DIVIDE_BY_ZERO] = "integer divide by zero",
        [MOTE_TRAP_INTEGER_OVERFLOW] = "integer overflow",
        [MOTE_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
        [MOTE_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
        [MOTE_TRAP_HOST] = "host trap",
        [MOTE_TRAP_NULL_REFERENCE] = "null reference",
        [MOTE_TRAP_NULL_FUNCTION] = "null function reference",
        [MOTE_TRAP_NULL_EXCEPTION] = "null exception reference",
    };
    const size_t nstatus = sizeof statuses / sizeof statuses[0];
    const size_t ntrap = sizeof traps / sizeof traps[0];
    for (size_t i = 0; i < nstatus; i++)
        CHECKF(statuses[i] && !strcmp(mote_status_name((mote_status)i), statuses[i]),
               "status %zu: %s", i, mote_status_name((mote_status)i));
    for (size_t i = 0; i < ntrap; i++)
        CHECKF(traps[i] && !strcmp(mote_trap_message((mote_trap)i), traps[i]), "trap %zu: %s", i,
               mote_trap_message((mote_trap)i));
    CHECK(!strcmp(mote_status_name((mote_status)nstatus), "unknown status"));
    CHECK(!strcmp(mote_status_name((mote_status)-1), "unknown status"));
    CHECK(!strcmp(mote_trap_message((mote_trap)ntrap), "unknown trap"));
    CHECK(!strcmp(mote_trap_message((mote_trap)1000), "unknown trap"));
    CHECK(!strcmp(mote_valtype_name(MOTE_I64), "i64") && !strcmp(mote_valtype_name(0), "?"));
}

static const struct {
    const char *name;
    void (*fn)(void);
} tests[] = {
    {"image", test_image},
    {"arena", test_arena},
    {"calls", test_calls},
    {"traps", test_traps},
    {"memory_grow", test_memory_grow},
    {"fuel", test_fuel},
    {"start", test_start},
    {"bad_modules", test_bad_modules},
    {"arena_too_small", test_arena_too_small},
    {"exceptions", test_exceptions},
    {"names", test_names},
};

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s <wasm-dir> <test>\n", argv[0]);
        return 2;
    }
    wasm_dir = argv[1];
    check_state.context = last_error;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (strcmp(tests[i].name, argv[2]) == 0) {
            tests[i].fn();
            return check_summary(argv[2]);
        }
    }
    fprintf(stderr, "no test named %s\n", argv[2]);
    return 2;
}
