/*
 * core_tests.c -- the core's small-RAM and runaway-code features, as a
 * firmware that runs on every board (under QEMU) and on the host:
 *
 *   custom page sizes (1-byte pages): size, grow, bounds, data segments,
 *     imports and exports with matching and mismatching page sizes;
 *   the embedder's memory cap;
 *   native stack use that does not depend on wasm call depth;
 *   fuel slices that give the same results as one uninterrupted run;
 *   trap reports with function names and a backtrace;
 *   64-bit division (i64.div and i64.rem), by libgcc's routine or by the
 *     core's own loop (MOTE_WITH_FAST_DIV64), against the C compiler's.
 *
 * Modules are written with wasm_builder.h (wabt has no syntax for custom
 * page sizes, and boards have no files).  Prints one line per failed
 * check (mote_check.h) and ends with "core: N passed, N failed".
 */
#include <stdio.h>
#include <string.h>

#include <mote/hal.h>
#include <mote/mote.h>

#include "feature_groups.h" /* the core's MOTE_WITH_* (mote_core_facts) */
#include "mote_check.h"
#include "numeric.h" /* div64_udivmod */
#include "wasm_builder.h"

MOTE_CHECK_DEFINE;
static mote_arena *arena;

/* Each failed check also prints the arena's last error. */
static const char *last_error(void)
{
    return mote_arena_error(arena)->message;
}

static uint8_t buf_a[512], buf_b[512], buf_c[512];

/* Small stacks: the tests run on a 16 KiB board too. */
static const mote_instance_config small = {.value_stack_bytes = 1024, .call_stack_bytes = 256};

/* types used by the modules below */
static void types_section(wb *b)
{
    wb_section_begin(b, 1);
    wb_u32(b, 4);
    wb_bytes(b, "\x60\x00\x01\x7f", 4);     /* 0: () -> i32 */
    wb_bytes(b, "\x60\x01\x7f\x01\x7f", 5); /* 1: (i32) -> i32 */
    wb_bytes(b, "\x60\x02\x7f\x7f\x00", 5); /* 2: (i32 i32) -> () */
    wb_bytes(b, "\x60\x01\x7f\x00", 4);     /* 3: (i32) -> () */
    wb_section_end(b);
}

static void body(wb *b, const uint8_t *code, size_t n)
{
    wb_begin(b);
    wb_u32(b, 0); /* no locals */
    wb_bytes(b, code, n);
    wb_end(b);
}

/* (memory (export "m") 100 1000 (pagesize 1)) with size/grow/load/store
 * functions and "abcd" at 96..99, or at `data_at` when given. */
static size_t cps_module(uint8_t *buf, size_t cap, uint32_t data_at)
{
    wb b;
    wb_init(&b, buf, cap);
    types_section(&b);
    wb_section_begin(&b, 3); /* functions */
    wb_u32(&b, 5);
    wb_bytes(&b, "\x00\x01\x01\x02\x01", 5);
    wb_section_end(&b);
    wb_section_begin(&b, 5); /* memory */
    wb_u32(&b, 1);
    wb_memory_limits(&b, 100, 1, 1000, 0);
    wb_section_end(&b);
    wb_section_begin(&b, 7); /* exports */
    wb_u32(&b, 6);
    const char *names[] = {"size", "grow", "load", "store", "load32"};
    for (uint32_t i = 0; i < 5; i++) {
        wb_name(&b, names[i]);
        wb_byte(&b, 0);
        wb_u32(&b, i);
    }
    wb_name(&b, "m");
    wb_byte(&b, 2);
    wb_u32(&b, 0);
    wb_section_end(&b);
    wb_section_begin(&b, 10); /* code */
    wb_u32(&b, 5);
    body(&b, CODE(OP(memory_size), 0, OP(end)));
    body(&b, CODE(OP(local_get), 0, OP(memory_grow), 0, OP(end)));
    body(&b, CODE(OP(local_get), 0, OP(i32_load8_u), 0, 0, OP(end)));
    body(&b, CODE(OP(local_get), 0, OP(local_get), 1, OP(i32_store8), 0, 0, OP(end)));
    body(&b, CODE(OP(local_get), 0, OP(i32_load), 2, 0, OP(end)));
    wb_section_end(&b);
    wb_section_begin(&b, 11); /* data */
    wb_u32(&b, 1);
    wb_u32(&b, 0);
    wb_byte(&b, OP(i32_const));
    wb_s32(&b, data_at);
    wb_byte(&b, OP(end));
    wb_u32(&b, 4);
    wb_bytes(&b, "abcd", 4);
    wb_section_end(&b);
    return b.overflow ? 0 : b.len;
}

/* A module importing "a" "m": a memory of at least `min` pages of 2^log2 bytes. */
static size_t importer_module(uint8_t *buf, size_t cap, uint32_t min, uint32_t log2)
{
    wb b;
    wb_init(&b, buf, cap);
    wb_section_begin(&b, 2);
    wb_u32(&b, 1);
    wb_name(&b, "a");
    wb_name(&b, "m");
    wb_byte(&b, 2);
    wb_memory_limits(&b, min, 0, 0, log2);
    wb_section_end(&b);
    return b.overflow ? 0 : b.len;
}

static int32_t call_i(mote_instance *inst, const char *name, int32_t a, int32_t b, mote_status *st)
{
    mote_func *f = mote_export_func(inst, name);
    if (!f) {
        *st = MOTE_ERR_NOT_FOUND;
        return 0;
    }
    const mote_valtype *p, *r;
    uint32_t np, nr;
    mote_func_type(f, &p, &np, &r, &nr);
    mote_value args[2] = {{.i32 = a}, {.i32 = b}}, res[1] = {{.i32 = 0}};
    *st = mote_call(inst, f, args, np, res, nr);
    return res[0].i32;
}

static int32_t ok_call(mote_instance *inst, const char *name, int32_t a, int32_t b)
{
    mote_status st;
    int32_t v = call_i(inst, name, a, b, &st);
    CHECK(st == MOTE_OK);
    return v;
}

static void test_custom_page_sizes(void)
{
    size_t len = cps_module(buf_a, sizeof buf_a, 96);
    mote_module *m;
    mote_instance *inst;
    REQUIRE(mote_load(arena, buf_a, len, NULL, &m) == MOTE_OK);
    REQUIRE(mote_instantiate(arena, m, NULL, 0, &small, &inst) == MOTE_OK);
    mote_status st;
    CHECK(ok_call(inst, "size", 0, 0) == 100);
    CHECK(ok_call(inst, "load", 99, 0) == 'd');
    call_i(inst, "load", 100, 0, &st);
    CHECK(st == MOTE_TRAP && mote_arena_error(arena)->trap == MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
    call_i(inst, "load32", 97, 0, &st); /* bytes 97..100: the last is outside */
    CHECK(st == MOTE_TRAP);
    CHECK(ok_call(inst, "load32", 96, 0) == 0x64636261);
    /* Unaligned (wasm allows it; ARMv6-M faults on a plain unaligned LDR). */
    CHECK(ok_call(inst, "load32", 95, 0) == 0x63626100);
    CHECK(ok_call(inst, "grow", 1, 0) == 100); /* grows by one byte */
    CHECK(ok_call(inst, "size", 0, 0) == 101);
    CHECK(ok_call(inst, "load", 100, 0) == 0);
    CHECK(ok_call(inst, "grow", 900, 0) == -1); /* 1001 > max 1000 */
    CHECK(ok_call(inst, "grow", 899, 0) == 101);
    ok_call(inst, "store", 999, 7);
    CHECK(ok_call(inst, "load", 999, 0) == 7);
    call_i(inst, "load", 1000, 0, &st);
    CHECK(st == MOTE_TRAP);
    CHECK(mote_memory_size(mote_export_memory(inst, "m")) == 1000);

    /* imports must agree on the page size */
    mote_extern mem;
    CHECK(mote_find_export(inst, "m", 1, &mem) == MOTE_OK);
    mote_import im = {.module = "a", .name = "m", .ext = mem};
    mote_instance *other;
    size_t ilen = importer_module(buf_b, sizeof buf_b, 50, 0);
    CHECK(mote_load(arena, buf_b, ilen, NULL, &m) == MOTE_OK);
    CHECK(mote_instantiate(arena, m, &im, 1, &small, &other) == MOTE_OK);
    mote_unload(m); /* module and instance: the arena is small on some boards */
    ilen = importer_module(buf_b, sizeof buf_b, 1001, 0); /* more than it has */
    CHECK(mote_load(arena, buf_b, ilen, NULL, &m) == MOTE_OK);
    CHECK(mote_instantiate(arena, m, &im, 1, &small, &other) == MOTE_ERR_UNLINKABLE);
    mote_unload(m);
    ilen = importer_module(buf_b, sizeof buf_b, 0, 16); /* 64 KiB pages */
    CHECK(mote_load(arena, buf_b, ilen, NULL, &m) == MOTE_OK);
    CHECK(mote_instantiate(arena, m, &im, 1, &small, &other) == MOTE_ERR_UNLINKABLE);
    mote_unload(m);

    /* a data segment past the memory's end fails instantiation */
    len = cps_module(buf_c, sizeof buf_c, 98);
    CHECK(mote_load(arena, buf_c, len, NULL, &m) == MOTE_OK);
    size_t used = mote_arena_used(arena);
    CHECK(mote_instantiate(arena, m, NULL, 0, &small, &inst) == MOTE_TRAP);
    const mote_error *e = mote_arena_error(arena);
    CHECK(e->trap == MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
    /* the segment and the memory size, unless the core keeps no message
     * text (MOTE_WITH_MESSAGES=OFF: a code, "@i496") */
    CHECK(e->message[0] == '@' || (strstr(e->message, "98") && strstr(e->message, "100")));
    CHECK(mote_arena_used(arena) == used);

    /* only page sizes 1 and 64 KiB exist; the feature can be turned off */
    ilen = importer_module(buf_b, sizeof buf_b, 1, 5);
    CHECK(mote_load(arena, buf_b, ilen, NULL, &m) == MOTE_ERR_INVALID);
    mote_load_config mvp = {.features = MOTE_FEATURE_NONE};
    ilen = importer_module(buf_b, sizeof buf_b, 1, 0);
    CHECK(mote_load(arena, buf_b, ilen, &mvp, &m) == MOTE_ERR_MALFORMED);
}

static void test_memory_cap(void)
{
    size_t len = cps_module(buf_a, sizeof buf_a, 96);
    mote_module *m;
    mote_instance *inst;
    REQUIRE(mote_load(arena, buf_a, len, NULL, &m) == MOTE_OK);
    mote_instance_config cfg = {
        .memory_cap = 150, .value_stack_bytes = 1024, .call_stack_bytes = 256};
    REQUIRE(mote_instantiate(arena, m, NULL, 0, &cfg, &inst) == MOTE_OK);
    CHECK(ok_call(inst, "grow", 50, 0) == 100);
    CHECK(ok_call(inst, "grow", 1, 0) == -1); /* at the cap */
    mote_status st;
    call_i(inst, "load", 150, 0, &st);
    CHECK(st == MOTE_TRAP);
    cfg.memory_cap = 64; /* below the declared minimum */
    CHECK(mote_instantiate(arena, m, NULL, 0, &cfg, &inst) == MOTE_ERR_LIMIT);
    const char *msg = mote_arena_error(arena)->message;
    CHECK(strstr(msg, "100") && strstr(msg, "64"));
}

/* ---- native stack ---------------------------------------------------------- */

static uintptr_t probe_at;

static mote_status probe(mote_instance *caller, mote_value *io, void *user)
{
    (void)caller;
    (void)io;
    (void)user;
    volatile uint8_t marker = 0;
    probe_at = (uintptr_t)&marker;
    return MOTE_OK;
}

/* rec(n): recurses n deep, then calls env.probe */
static size_t recursion_module(uint8_t *buf, size_t cap)
{
    wb b;
    wb_init(&b, buf, cap);
    types_section(&b);
    wb_section_begin(&b, 2);
    wb_u32(&b, 1);
    wb_name(&b, "env");
    wb_name(&b, "probe");
    wb_byte(&b, 0);
    wb_u32(&b, 3);
    wb_section_end(&b);
    wb_section_begin(&b, 3);
    wb_u32(&b, 1);
    wb_u32(&b, 3);
    wb_section_end(&b);
    wb_section_begin(&b, 7);
    wb_u32(&b, 1);
    wb_name(&b, "rec");
    wb_byte(&b, 0);
    wb_u32(&b, 1);
    wb_section_end(&b);
    wb_section_begin(&b, 10);
    wb_u32(&b, 1);
    /* if (n == 0) probe(0) else rec(n - 1) */
    body(&b,
         CODE(OP(local_get), 0, OP(i32_eqz), OP(if), 0x40, OP(i32_const), 0, OP(call), 0, OP(else),
              OP(local_get), 0, OP(i32_const), 1, OP(i32_sub), OP(call), 1, OP(end), OP(end)));
    wb_section_end(&b);
    return b.overflow ? 0 : b.len;
}

#define PAINT_BYTES 4096
#define PAINT 0xA5

/*
 * Stack high-water marks: paint the free stack below the caller, run, and
 * see how much of the paint is gone.  Both helpers are called from the
 * same frame, so their locals sit at the same address.  Interrupts stay
 * locked meanwhile (an interrupt frame would land in the painted area).
 * Under AddressSanitizer the region below the stack pointer is its own, so
 * there only the probe's address is compared.
 */
#if defined(__SANITIZE_ADDRESS__)
#define PAINTING 0
#else
#define PAINTING 1
#endif

__attribute__((noinline)) static void paint_stack(void)
{
    volatile uint8_t marker = 0;
    volatile uint8_t *below = (volatile uint8_t *)((uintptr_t)&marker - PAINT_BYTES);
    for (size_t i = 0; PAINTING && i < PAINT_BYTES; i++)
        below[i] = PAINT;
}

__attribute__((noinline)) static size_t stack_used(void)
{
    volatile uint8_t marker = 0;
    volatile uint8_t *below = (volatile uint8_t *)((uintptr_t)&marker - PAINT_BYTES);
    size_t untouched = 0;
    while (PAINTING && untouched < PAINT_BYTES && below[untouched] == PAINT)
        untouched++;
    return PAINTING ? PAINT_BYTES - untouched : 1;
}

static size_t run_at_depth(mote_instance *inst, int32_t depth, uintptr_t *probe_out)
{
    mote_status st;
    mote_hal_irq_state irq = mote_hal_irq_lock();
    paint_stack();
    call_i(inst, "rec", depth, 0, &st);
    size_t used = stack_used();
    mote_hal_irq_unlock(irq);
    CHECK(st == MOTE_OK);
    *probe_out = probe_at;
    return used;
}

static void test_native_stack(void)
{
    size_t len = recursion_module(buf_a, sizeof buf_a);
    mote_module *m;
    mote_instance *inst;
    REQUIRE(mote_load(arena, buf_a, len, NULL, &m) == MOTE_OK);
    /* a frame of rec() takes 2 slots and a 24-byte frame record */
    size_t free_bytes = mote_arena_size(arena) - mote_arena_used(arena);
    int32_t depth = 10000;
    while (depth > 100 && (size_t)depth * 48 + 8192 > free_bytes)
        depth /= 2;
    mote_instance_config cfg = {.value_stack_bytes = (uint32_t)depth * 16 + 256,
                                .call_stack_bytes = (uint32_t)depth * 24 + 256};
    mote_import im = {.module = "env", .name = "probe", .fn = probe, .signature = "(i)"};
    REQUIRE(mote_instantiate(arena, m, &im, 1, &cfg, &inst) == MOTE_OK);
    uintptr_t probe_shallow, probe_deep;
    size_t shallow = run_at_depth(inst, 10, &probe_shallow);
    size_t deep = run_at_depth(inst, depth, &probe_deep);
    printf("core: native stack at wasm depth 10: %lu bytes, at depth %ld: %lu bytes\n",
           (unsigned long)shallow, (long)depth, (unsigned long)deep);
    CHECK(probe_shallow == probe_deep);
    CHECK(shallow == deep && shallow > 0 && shallow < PAINT_BYTES);
    /* deeper than the stacks allow: a clean trap, not a crash */
    mote_status st;
    call_i(inst, "rec", depth * 4, 0, &st);
    CHECK(st == MOTE_TRAP && mote_arena_error(arena)->trap == MOTE_TRAP_STACK_EXHAUSTED);
}

/* ---- fuel ------------------------------------------------------------------ */

/* work(n) = sum over i < n of fib(i % 12), with a loop and recursive calls */
static size_t fuel_module(uint8_t *buf, size_t cap)
{
    wb b;
    wb_init(&b, buf, cap);
    types_section(&b);
    wb_section_begin(&b, 3);
    wb_u32(&b, 2);
    wb_u32(&b, 1);
    wb_u32(&b, 1);
    wb_section_end(&b);
    wb_section_begin(&b, 7);
    wb_u32(&b, 1);
    wb_name(&b, "work");
    wb_byte(&b, 0);
    wb_u32(&b, 1);
    wb_section_end(&b);
    wb_section_begin(&b, 10);
    wb_u32(&b, 2);
    /* fib(n): n < 2 ? n : fib(n-1) + fib(n-2) */
    body(&b,
         CODE(OP(local_get), 0, OP(i32_const), 2, OP(i32_lt_u), OP(if), 0x7f, OP(local_get), 0,
              OP(else), OP(local_get), 0, OP(i32_const), 1, OP(i32_sub), OP(call), 0, OP(local_get),
              0, OP(i32_const), 2, OP(i32_sub), OP(call), 0, OP(i32_add), OP(end), OP(end)));
    /* work(n): locals i, acc */
    wb_begin(&b);
    wb_u32(&b, 1);
    wb_u32(&b, 2);
    wb_byte(&b, 0x7f);
    wb_code(&b, CODE(OP(block), 0x40, OP(loop), 0x40, OP(local_get), 1, OP(local_get), 0,
                     OP(i32_ge_s), OP(br_if), 1, /* i >= n */
                     OP(local_get), 2, OP(local_get), 1, OP(i32_const), 12, OP(i32_rem_u), OP(call),
                     0, OP(i32_add), OP(local_set), 2, /* acc += fib(i % 12) */
                     OP(local_get), 1, OP(i32_const), 1, OP(i32_add), OP(local_set), 1, /* i++ */
                     OP(br), 0, OP(end), OP(end), OP(local_get), 2, OP(end)));
    wb_end(&b);
    wb_section_end(&b);
    return b.overflow ? 0 : b.len;
}

static int32_t sliced(mote_instance *inst, int32_t n, int64_t slice, int64_t *pauses)
{
    mote_value arg = {.i32 = n}, res = {.i32 = 0};
    *pauses = 0;
    mote_set_fuel(inst, slice);
    mote_status st = mote_call(inst, mote_export_func(inst, "work"), &arg, 1, &res, 1);
    while (st == MOTE_PAUSED) {
        ++*pauses;
        mote_set_fuel(inst, slice);
        st = mote_resume(inst);
    }
    mote_set_fuel(inst, MOTE_FUEL_OFF);
    CHECK(st == MOTE_OK);
    return res.i32;
}

static void test_fuel_slices(void)
{
    size_t len = fuel_module(buf_a, sizeof buf_a);
    mote_module *m;
    mote_instance *inst;
    REQUIRE(mote_load(arena, buf_a, len, NULL, &m) == MOTE_OK);
    mote_instance_config cfg = {.value_stack_bytes = 2048, .call_stack_bytes = 1024};
    REQUIRE(mote_instantiate(arena, m, NULL, 0, &cfg, &inst) == MOTE_OK);
    int64_t p1, p7, p1000, none;
    int32_t whole = sliced(inst, 60, MOTE_FUEL_OFF, &none);
    CHECK(whole == 5 * (0 + 1 + 1 + 2 + 3 + 5 + 8 + 13 + 21 + 34 + 55 + 89));
    CHECK(sliced(inst, 60, 1, &p1) == whole);
    CHECK(sliced(inst, 60, 7, &p7) == whole);
    CHECK(sliced(inst, 60, 1000, &p1000) == whole);
    int64_t units = p1 + 1; /* every unit but the last ends a slice of 1 */
    CHECK(p7 == (units + 6) / 7 - 1 && p1000 == (units + 999) / 1000 - 1);
    printf(
        "core: work(60) = %ld in %ld fuel units; slices of 1, 7, 1000 paused %ld, %ld, %ld times\n",
        (long)whole, (long)units, (long)p1, (long)p7, (long)p1000);
}

/* ---- trap reports ------------------------------------------------------------- */

static char report[512];
static size_t report_len;

static void collect(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    if (report_len + len < sizeof report) {
        memcpy(report + report_len, text, len);
        report_len += len;
        report[report_len] = 0;
    }
}

/* outer(x) = divide(x) + 1, divide(x) = 100 / x; with a name section */
static size_t named_module(uint8_t *buf, size_t cap)
{
    wb b;
    wb_init(&b, buf, cap);
    types_section(&b);
    wb_section_begin(&b, 3);
    wb_u32(&b, 2);
    wb_u32(&b, 1);
    wb_u32(&b, 1);
    wb_section_end(&b);
    wb_section_begin(&b, 7);
    wb_u32(&b, 1);
    wb_name(&b, "outer");
    wb_byte(&b, 0);
    wb_u32(&b, 1);
    wb_section_end(&b);
    wb_section_begin(&b, 10);
    wb_u32(&b, 2);
    body(&b,
         CODE(OP(i32_const), 0xe4, 0x00, OP(local_get), 0, OP(i32_div_s), OP(end))); /* 100 / x */
    body(&b, CODE(OP(local_get), 0, OP(call), 0, OP(i32_const), 1, OP(i32_add), OP(end)));
    wb_section_end(&b);
    wb_section_begin(&b, 0); /* name section */
    wb_name(&b, "name");
    wb_byte(&b, 1);
    wb_begin(&b);
    wb_u32(&b, 2);
    wb_u32(&b, 0);
    wb_name(&b, "divide");
    wb_u32(&b, 1);
    wb_name(&b, "outer");
    wb_end(&b);
    wb_section_end(&b);
    return b.overflow ? 0 : b.len;
}

static void test_trap_report(void)
{
    size_t len = named_module(buf_a, sizeof buf_a);
    mote_module *m;
    mote_instance *inst;
    REQUIRE(mote_load(arena, buf_a, len, NULL, &m) == MOTE_OK);
    REQUIRE(mote_instantiate(arena, m, NULL, 0, &small, &inst) == MOTE_OK);
    CHECK(ok_call(inst, "outer", 5, 0) == 21);
    mote_status st;
    call_i(inst, "outer", 0, 0, &st);
    CHECK(st == MOTE_TRAP);
    mote_trap_print(inst, collect, NULL);
    printf("%s", report);
    CHECK(strstr(report, "trap: integer divide by zero (func 0 +0x"));
    if (MOTE_WITH_NAMES) {
        CHECK(strstr(report, "#0 func 0 <divide> +0x"));
        CHECK(strstr(report, "#1 func 1 <outer> +0x"));
    } else { /* a core without names gives the indices alone */
        CHECK(strstr(report, "#0 func 0 +0x"));
        CHECK(strstr(report, "#1 func 1 +0x"));
    }
    mote_frame frames[4];
    CHECK(mote_backtrace(inst, frames, 4) == 2 && frames[0].offset != 0 &&
          frames[1].offset > frames[0].offset);
}

/* (i64 i64) -> i64 functions "div_s", "div_u", "rem_s", "rem_u" */
static size_t div64_module(uint8_t *buf, size_t cap)
{
    static const char *const names[4] = {"div_s", "div_u", "rem_s", "rem_u"};
    static const uint8_t ops[4] = {OP(i64_div_s), OP(i64_div_u), OP(i64_rem_s), OP(i64_rem_u)};
    wb b;
    wb_init(&b, buf, cap);
    wb_section_begin(&b, 1);
    wb_u32(&b, 1);
    wb_bytes(&b, "\x60\x02\x7e\x7e\x01\x7e", 6);
    wb_section_end(&b);
    wb_section_begin(&b, 3);
    wb_u32(&b, 4);
    for (int i = 0; i < 4; i++)
        wb_u32(&b, 0);
    wb_section_end(&b);
    wb_section_begin(&b, 7);
    wb_u32(&b, 4);
    for (uint32_t i = 0; i < 4; i++) {
        wb_name(&b, names[i]);
        wb_byte(&b, 0);
        wb_u32(&b, i);
    }
    wb_section_end(&b);
    wb_section_begin(&b, 10);
    wb_u32(&b, 4);
    for (int i = 0; i < 4; i++)
        body(&b, CODE(OP(local_get), 0, OP(local_get), 1, ops[i], OP(end)));
    wb_section_end(&b);
    return b.overflow ? 0 : b.len;
}

static uint64_t call_i64(mote_func *f, mote_instance *inst, uint64_t a, uint64_t b)
{
    mote_value args[2] = {{.u64 = a}, {.u64 = b}}, res[1] = {{.u64 = 0}};
    CHECK(mote_call(inst, f, args, 2, res, 1) == MOTE_OK);
    return res[0].u64;
}

/* Edge operands and a pseudo-random spread of magnitudes: every quotient
 * and remainder, as the module and as div64_udivmod computes it, against
 * C's / and %. */
static void test_div64(void)
{
    static const uint64_t edges[] = {0,
                                     1,
                                     2,
                                     3,
                                     7,
                                     10,
                                     0x7fffffff,
                                     0x80000000,
                                     0xffffffff,
                                     0x100000000,
                                     0x100000001,
                                     0x7fffffffffffffff,
                                     0x8000000000000000,
                                     0x8000000000000001,
                                     0xfffffffffffffffe,
                                     0xffffffffffffffff};
    size_t len = div64_module(buf_a, sizeof buf_a);
    mote_module *m;
    mote_instance *inst;
    REQUIRE(mote_load(arena, buf_a, len, NULL, &m) == MOTE_OK);
    REQUIRE(mote_instantiate(arena, m, NULL, 0, &small, &inst) == MOTE_OK);
    mote_func *f[4] = {mote_export_func(inst, "div_s"), mote_export_func(inst, "div_u"),
                       mote_export_func(inst, "rem_s"), mote_export_func(inst, "rem_u")};
    REQUIRE(f[0] && f[1] && f[2] && f[3]);
    const size_t nedges = sizeof edges / sizeof edges[0];
    uint64_t x = 0x9e3779b97f4a7c15u;
    unsigned wrong = 0, pairs = 0;
    for (size_t i = 0; i < nedges * nedges + 300; i++) {
        uint64_t a, b;
        if (i < nedges * nedges) { /* every edge against every edge */
            a = edges[i % nedges];
            b = edges[i / nedges];
        } else { /* xorshift, cut to a random width so small and large values mix */
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            a = x >> (x & 63);
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            b = x >> (x & 63);
            b = b ? b : x; /* xorshift's x is never 0 */
        }
        if (b == 0)
            continue;
        pairs++;
        uint64_t r, q = div64_udivmod(a, b, &r);
        wrong += q != a / b || r != a % b;
        wrong += call_i64(f[1], inst, a, b) != a / b;
        wrong += call_i64(f[3], inst, a, b) != a % b;
        int64_t sa = (int64_t)a, sb = (int64_t)b;
        if (!(sa == INT64_MIN && sb == -1)) {
            wrong += (int64_t)call_i64(f[0], inst, a, b) != sa / sb;
            wrong += (int64_t)call_i64(f[2], inst, a, b) != sa % sb;
        }
    }
    CHECK(wrong == 0);
    CHECK(pairs == nedges * nedges - nedges + 300); /* b = 0: no pair */
    mote_value args[2] = {{.i64 = INT64_MIN}, {.i64 = -1}}, res[1];
    CHECK(mote_call(inst, f[0], args, 2, res, 1) == MOTE_TRAP);
    CHECK(mote_call(inst, f[2], args, 2, res, 1) == MOTE_OK && res[0].i64 == 0);
}

int main(void)
{
    mote_hal_init();
    const mote_hal_board_info *board = mote_hal_board();
    arena = mote_arena_init((void *)board->free_ram_base, board->free_ram_size);
    if (!arena) {
        printf("core: no free RAM for an arena\n");
        return 1;
    }
    check_state.context = last_error;
    void (*tests[])(void) = {test_custom_page_sizes, test_memory_cap,  test_native_stack,
                             test_fuel_slices,       test_trap_report, test_div64};
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        mote_arena_reset(arena);
        tests[i]();
    }
    return check_summary("core");
}
