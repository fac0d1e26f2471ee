/*
 * exh_run.c -- exhaustion while running: value and call stacks, fuel,
 * memory.grow against the embedder's cap, the declared maximum and the
 * arena, and table.grow against table_cap and the declared maximum.
 */
#include <string.h>

#include "exh.h"
#include "feature_groups.h" /* the core's MOTE_WITH_* (mote_core_facts) */

/* A module from types, function type indices, bodies and an optional
 * memory or table section; exports every function by the names given. */
typedef struct spec_fn {
    const char *name;
    uint8_t type;
    const uint8_t *body; /* locals declarations, code, end */
    size_t len;
} spec_fn;

/* clang-format off */
#define FN(n, t, ...) {n, t, (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})}
/* clang-format on */

static void build(wbuf *m, const uint8_t *types, size_t types_len, const spec_fn *fns, size_t n,
                  uint8_t extra_id, const wbuf *extra)
{
    wbuf s = {0};
    wb_header(m);
    wb_bytes(&s, types, types_len);
    wb_section(m, SEC_TYPE, &s);
    wb_u32(&s, (uint32_t)n);
    for (size_t i = 0; i < n; i++)
        wb_byte(&s, fns[i].type);
    wb_section(m, SEC_FUNC, &s);
    if (extra) {
        wb_bytes(&s, extra->p, extra->len);
        wb_section(m, extra_id, &s);
    }
    wb_u32(&s, (uint32_t)n);
    for (size_t i = 0; i < n; i++) {
        wb_name(&s, fns[i].name);
        wb_byte(&s, 0);
        wb_u32(&s, (uint32_t)i);
    }
    wb_section(m, SEC_EXPORT, &s);
    wb_u32(&s, (uint32_t)n);
    for (size_t i = 0; i < n; i++) {
        wbuf body = {0};
        wb_bytes(&body, fns[i].body, fns[i].len);
        wb_body(&s, &body);
    }
    wb_section(m, SEC_CODE, &s);
}

static mote_instance *instantiate(wbuf *m, size_t arena_bytes, const mote_instance_config *cfg,
                                  mote_status *status)
{
    mote_arena *a = exh_arena(arena_bytes);
    mote_module *mod;
    mote_instance *inst = NULL;
    mote_status st = exh_load(a, m, &mod);
    if (st == MOTE_OK)
        st = mote_instantiate(a, mod, NULL, 0, cfg, &inst);
    if (status)
        *status = st;
    else
        CHECK(st == MOTE_OK);
    return inst;
}

static void check_trap(mote_instance *inst, mote_trap kind, const char *text)
{
    const mote_error *e = mote_arena_error(mote_instance_arena(inst));
    CHECK(e->status == MOTE_TRAP);
    CHECK(e->trap == kind);
    CHECK(strstr(e->message, text) != NULL);
}

/* ---- value and call stacks -------------------------------------------------------- */

static const uint8_t stack_types[] = {2, T_FUNC, 1, T_I32, 1, T_I32, T_FUNC, 0, 1, T_I32};

static const spec_fn stack_fns[] = {
    /* unbounded recursion, small frames: the call stack runs out */
    FN("rec", 0, 0, OP_LOCAL_GET, 0, OP_I32_CONST, 1, OP_I32_ADD, OP_CALL, 0, OP_END),
    /* 1000 locals per frame: the value stack runs out first */
    FN("rec_locals", 0, 1, 0xE8, 0x07, T_I64, OP_LOCAL_GET, 0, OP_CALL, 1, OP_END),
    FN("ok", 1, 0, OP_I32_CONST, 5, OP_END),
    /* unbounded tail recursion: constant stack, so only fuel ends it
     * (the last function: a build without tail calls leaves it out) */
    FN("tail", 0, 0, OP_LOCAL_GET, 0, 0x12 /* return_call */, 3, OP_END),
};

int case_stack(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    wbuf m = {0};
    size_t nfns = 4;
    if (!MOTE_WITH_TAIL_CALL) { /* refused, naming the option; the rest without "tail" */
        mote_arena *a = exh_arena(1u << 20);
        mote_module *mod;
        build(&m, stack_types, sizeof stack_types, stack_fns, 4, 0, NULL);
        CHECK(exh_load(a, &m, &mod) == MOTE_ERR_UNSUPPORTED);
        CHECK(exh_unsupported(a, "MOTE_WITH_TAIL_CALL"));
        printf("stack: tail calls not in this build: %s\n", mote_arena_error(a)->message);
        wb_free(&m);
        nfns = 3;
    }
    build(&m, stack_types, sizeof stack_types, stack_fns, nfns, 0, NULL);
    static const mote_instance_config configs[] = {
        {0}, /* 64 KiB, 8 KiB */
        {.value_stack_bytes = 1u << 20, .call_stack_bytes = 256},
        {.value_stack_bytes = 512, .call_stack_bytes = 64 << 10},
    };
    for (size_t c = 0; c < sizeof configs / sizeof configs[0]; c++) {
        mote_instance *inst = instantiate(&m, 4u << 20, &configs[c], NULL);
        if (!inst)
            continue;
        for (int round = 0; round < 2; round++) { /* and again: nothing leaked */
            CHECK(exh_call(inst, "rec", 1, 0, NULL) == MOTE_TRAP);
            check_trap(inst, MOTE_TRAP_STACK_EXHAUSTED, "call stack exhausted");
            mote_frame frames[4];
            CHECK(mote_backtrace(inst, frames, 4) == 4);
            CHECK(exh_call(inst, "rec_locals", 1, 0, NULL) == MOTE_TRAP);
            check_trap(inst, MOTE_TRAP_STACK_EXHAUSTED, "call stack exhausted");
            int32_t r = 0;
            CHECK(exh_call(inst, "ok", 0, 0, &r) == MOTE_OK && r == 5);
        }
        if (MOTE_WITH_TAIL_CALL) {
            mote_set_fuel(inst, 100000);
            CHECK(exh_call(inst, "tail", 1, 0, NULL) == MOTE_PAUSED);
            CHECK(mote_get_fuel(inst) == 0);
            mote_abandon(inst);
            mote_set_fuel(inst, MOTE_FUEL_OFF);
        }
    }
    wb_free(&m);
    return 0;
}

/* ---- fuel ---------------------------------------------------------------------- */

static const uint8_t fuel_types[] = {3, T_FUNC, 0,      0, T_FUNC, 1,    T_I32,
                                     1, T_I32,  T_FUNC, 0, 1,      T_I32};

static const spec_fn fuel_fns[] = {
    FN("spin", 0, 0, OP_LOOP, T_VOID, OP_BR, 0, OP_END, OP_END),
    /* count(n): n loop iterations, returns n */
    FN("count", 1, 1, 1, T_I32, OP_BLOCK, T_VOID, OP_LOOP, T_VOID, OP_LOCAL_GET, 0,
       0x45 /* i32.eqz */, OP_BR_IF, 1, OP_LOCAL_GET, 0, OP_I32_CONST, 1, 0x6B /* i32.sub */,
       OP_LOCAL_SET, 0, OP_LOCAL_GET, 1, OP_I32_CONST, 1, OP_I32_ADD, OP_LOCAL_SET, 1, OP_BR, 0,
       OP_END, OP_END, OP_LOCAL_GET, 1, OP_END),
    FN("ok", 2, 0, OP_I32_CONST, 5, OP_END),
};

int case_fuel(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    wbuf m = {0};
    build(&m, fuel_types, sizeof fuel_types, fuel_fns, 3, 0, NULL);
    mote_instance *inst = instantiate(&m, 1u << 20, NULL, NULL);
    if (!inst)
        return 1;
    /* An infinite loop ends when the fuel does, as often as asked. */
    mote_set_fuel(inst, 1000);
    CHECK(exh_call(inst, "spin", 0, 0, NULL) == MOTE_PAUSED);
    CHECK(mote_is_paused(inst));
    CHECK(mote_get_fuel(inst) == 0);
    CHECK(exh_call(inst, "ok", 0, 0, NULL) == MOTE_ERR_STATE); /* one call at a time */
    for (int i = 0; i < 3; i++) {
        mote_set_fuel(inst, 500);
        CHECK(mote_resume(inst) == MOTE_PAUSED);
    }
    mote_abandon(inst);
    CHECK(!mote_is_paused(inst));
    CHECK(mote_resume(inst) == MOTE_ERR_STATE);
    int32_t r = 0;
    CHECK(exh_call(inst, "ok", 0, 0, NULL) == MOTE_PAUSED); /* the tank is still empty */
    mote_abandon(inst);
    mote_set_fuel(inst, 1);
    CHECK(exh_call(inst, "ok", 0, 0, &r) == MOTE_OK && r == 5);

    /* One unit per function entry and per loop iteration: count(100) takes
     * 101 units; with 100 it pauses and one more unit finishes it. */
    mote_set_fuel(inst, 101);
    r = 0;
    CHECK(exh_call(inst, "count", 1, 100, &r) == MOTE_OK && r == 100);
    CHECK(mote_get_fuel(inst) == 0);
    mote_value arg = {.i32 = 100}, res = {.i32 = 0};
    mote_set_fuel(inst, 100);
    CHECK(mote_call(inst, mote_export_func(inst, "count"), &arg, 1, &res, 1) == MOTE_PAUSED);
    mote_set_fuel(inst, 1);
    CHECK(mote_resume(inst) == MOTE_OK);
    CHECK(res.i32 == 100);

    /* Fuel 0: nothing runs, not even the entry. */
    mote_set_fuel(inst, 0);
    CHECK(exh_call(inst, "ok", 0, 0, NULL) == MOTE_PAUSED);
    mote_set_fuel(inst, 1);
    CHECK(mote_resume(inst) == MOTE_OK);

    /* An interrupt pauses at the next check; fuel off runs to the end. */
    mote_set_fuel(inst, MOTE_FUEL_OFF);
    mote_interrupt(inst);
    CHECK(exh_call(inst, "spin", 0, 0, NULL) == MOTE_PAUSED);
    mote_abandon(inst);
    r = 0;
    CHECK(exh_call(inst, "count", 1, 1000000, &r) == MOTE_OK && r == 1000000);
    wb_free(&m);
    return 0;
}

/* ---- memory.grow ---------------------------------------------------------------- */

static const uint8_t grow_types[] = {2, T_FUNC, 1, T_I32, 1, T_I32, T_FUNC, 0, 1, T_I32};

static const spec_fn memory_fns[] = {
    FN("grow", 0, 0, OP_LOCAL_GET, 0, OP_MEMORY_GROW, 0, OP_END),
    FN("size", 1, 0, 0x3F /* memory.size */, 0, OP_END),
    FN("load", 0, 0, OP_LOCAL_GET, 0, OP_I32_LOAD8_U, 0, 0, OP_END),
};

/* flags: 1 = has max, 8 = custom page size (log2 given) */
static void build_memory(wbuf *m, uint8_t flags, uint32_t min, uint32_t max, uint32_t page_log2)
{
    wbuf mem = {0};
    wb_u32(&mem, 1);
    wb_byte(&mem, flags);
    wb_u32(&mem, min);
    if (flags & 1)
        wb_u32(&mem, max);
    if (flags & 8)
        wb_u32(&mem, page_log2);
    build(m, grow_types, sizeof grow_types, memory_fns, 3, SEC_MEMORY, &mem);
    wb_free(&mem);
}

static int32_t call1(mote_instance *inst, const char *name, int32_t arg)
{
    int32_t r = -12345;
    CHECK(exh_call(inst, name, 1, arg, &r) == MOTE_OK);
    return r;
}

int case_memory_cap(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    wbuf m = {0};
    mote_status st;
    /* The embedder's cap of 3 pages on a memory with no maximum. */
    build_memory(&m, 0, 1, 0, 16);
    mote_instance_config cfg = {.memory_cap = 3 * 65536};
    mote_instance *inst = instantiate(&m, 4u << 20, &cfg, NULL);
    if (inst) {
        mote_arena *a = mote_instance_arena(inst);
        CHECK(call1(inst, "grow", 1) == 1);
        CHECK(call1(inst, "grow", 1) == 2);
        CHECK(call1(inst, "grow", 1) == -1);
        CHECK(call1(inst, "grow", -1) == -1);
        CHECK(call1(inst, "grow", 0) == 3);
        int32_t pages = 0;
        CHECK(exh_call(inst, "size", 0, 0, &pages) == MOTE_OK && pages == 3);
        CHECK(call1(inst, "load", 3 * 65536 - 1) == 0);
        CHECK(exh_call(inst, "load", 1, 3 * 65536, NULL) == MOTE_TRAP);
        check_trap(inst, MOTE_TRAP_MEMORY_OUT_OF_BOUNDS, "out of bounds memory access");
        CHECK(mote_arena_grow_refusals(a) == 0); /* the cap refused, not the arena */
        CHECK(mote_memory_grow(mote_instance_memory(inst), 1) == -1);
    }
    /* A cap below the declared minimum: refused at instantiation. */
    cfg.memory_cap = 65535;
    instantiate(&m, 4u << 20, &cfg, &st);
    CHECK(st == MOTE_ERR_LIMIT);
    wb_free(&m);

    /* The declared maximum. */
    build_memory(&m, 1, 1, 2, 16);
    inst = instantiate(&m, 4u << 20, NULL, NULL);
    if (inst) {
        CHECK(call1(inst, "grow", 1) == 1);
        CHECK(call1(inst, "grow", 1) == -1);
        CHECK(mote_arena_grow_refusals(mote_instance_arena(inst)) == 0);
    }
    wb_free(&m);

    /* The arena: room for the memory and 2 more pages, no cap, no max. */
    build_memory(&m, 0, 1, 0, 16);
    mote_arena *probe = exh_arena(4u << 20);
    mote_needs needs;
    CHECK(mote_measure(probe, m.p, m.len, NULL, NULL, &needs) == MOTE_OK);
    inst = instantiate(&m, needs.total + 2 * 65536 + 100, NULL, NULL);
    if (inst) {
        mote_arena *a = mote_instance_arena(inst);
        CHECK(call1(inst, "grow", 2) == 1);
        CHECK(call1(inst, "grow", 1) == -1);
        CHECK(mote_arena_grow_refusals(a) == 1);
        CHECK(call1(inst, "load", 3 * 65536 - 1) == 0);
    }
    wb_free(&m);

    /* Custom page size 1: a memory below 64 KiB with a cap of 150 bytes. */
    build_memory(&m, 8, 100, 0, 0);
    cfg.memory_cap = 150;
    inst = instantiate(&m, 1u << 20, &cfg, NULL);
    if (inst) {
        CHECK(call1(inst, "grow", 50) == 100);
        CHECK(call1(inst, "grow", 1) == -1);
        CHECK(call1(inst, "load", 149) == 0);
        CHECK(exh_call(inst, "load", 1, 150, NULL) == MOTE_TRAP);
        check_trap(inst, MOTE_TRAP_MEMORY_OUT_OF_BOUNDS, "out of bounds memory access");
    }
    wb_free(&m);
    return 0;
}

/* ---- table.grow ---------------------------------------------------------------- */

static const spec_fn table_fns[] = {
    FN("tgrow", 0, 0, 0xD0 /* ref.null */, T_FUNCREF, OP_LOCAL_GET, 0, OP_PREFIX_FC, FC_TABLE_GROW,
       0, OP_END),
    FN("tsize", 1, 0, OP_PREFIX_FC, FC_TABLE_SIZE, 0, OP_END),
};

static void build_table(wbuf *m, bool has_max, uint32_t min, uint32_t max)
{
    wbuf t = {0};
    wb_u32(&t, 1);
    wb_byte(&t, T_FUNCREF);
    wb_byte(&t, has_max ? 1 : 0);
    wb_u32(&t, min);
    if (has_max)
        wb_u32(&t, max);
    build(m, grow_types, sizeof grow_types, table_fns, 2, SEC_TABLE, &t);
    wb_free(&t);
}

int case_table_cap(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    wbuf m = {0};
    /* table_cap 10 on a table with no maximum */
    build_table(&m, false, 1, 0);
    if (!MOTE_WITH_REFERENCE_TYPES) {
        /* table.grow and table.size are reference-type instructions: a
         * build without them refuses the module, naming the option */
        mote_arena *a = exh_arena(1u << 20);
        mote_module *mod;
        CHECK(exh_load(a, &m, &mod) == MOTE_ERR_UNSUPPORTED);
        CHECK(exh_unsupported(a, "MOTE_WITH_REFERENCE_TYPES"));
        printf("table_cap: table.grow not in this build: %s\n", mote_arena_error(a)->message);
        wb_free(&m);
        return 0;
    }
    mote_instance_config cfg = {.table_cap = 10};
    mote_instance *inst = instantiate(&m, 1u << 20, &cfg, NULL);
    if (inst) {
        mote_arena *a = mote_instance_arena(inst);
        CHECK(call1(inst, "tgrow", 9) == 1);
        CHECK(call1(inst, "tgrow", 1) == -1);
        CHECK(call1(inst, "tgrow", -1) == -1);
        CHECK(call1(inst, "tgrow", 0) == 10);
        int32_t r = 0;
        CHECK(exh_call(inst, "tsize", 0, 0, &r) == MOTE_OK && r == 10);
        /* A table's room is its reserve, sized by table_cap: a refusal for
         * want of reserve counts (the spec runner tells these apart from the
         * spec's -1); a delta past the index space is the type's -1. */
        CHECK(mote_arena_grow_refusals(a) == 1);
    }
    /* the default cap, 4096 */
    inst = instantiate(&m, 1u << 20, NULL, NULL);
    if (inst) {
        CHECK(call1(inst, "tgrow", 4095) == 1);
        CHECK(call1(inst, "tgrow", 1) == -1);
    }
    wb_free(&m);
    /* the declared maximum, below the cap: refused by the type, not the arena */
    build_table(&m, true, 1, 5);
    inst = instantiate(&m, 1u << 20, &cfg, NULL);
    if (inst) {
        CHECK(call1(inst, "tgrow", 4) == 1);
        CHECK(call1(inst, "tgrow", 1) == -1);
        CHECK(mote_arena_grow_refusals(mote_instance_arena(inst)) == 0);
    }
    wb_free(&m);
    /* a minimum above the cap: the table gets its minimum, and no more */
    build_table(&m, false, 100, 0);
    inst = instantiate(&m, 1u << 20, &cfg, NULL);
    if (inst) {
        int32_t r = 0;
        CHECK(exh_call(inst, "tsize", 0, 0, &r) == MOTE_OK && r == 100);
        CHECK(call1(inst, "tgrow", 1) == -1);
    }
    wb_free(&m);
    return 0;
}
