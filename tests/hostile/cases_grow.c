/*
 * cases_grow.c -- memory.grow and table.grow with deltas whose sums or
 * byte counts wrap in 32 bits.  The spec's answer is -1 and an unchanged
 * size; on a 32-bit CPU a wrapped sum once zeroed all RAM above the
 * memory (the case 4).
 */
#include "hostile.h"

/* f(0) = memory.size, f(d) = memory.grow(d) */
static const uint8_t mem_grow[] = {OP(local_get),   0, OP(i32_eqz), OP(if),        0x7f,
                                   OP(memory_size), 0, OP(else),    OP(local_get), 0,
                                   OP(memory_grow), 0, OP(end),     OP(end)};
/* f(0) = table.size, f(d) = table.grow(ref.null, d) */
static const uint8_t tab_grow[] = {OP(local_get),
                                   0,
                                   OP(i32_eqz),
                                   OP(if),
                                   0x7f,
                                   PFX(table_size),
                                   0,
                                   OP(else),
                                   OP(ref_null),
                                   0x70,
                                   OP(local_get),
                                   0,
                                   PFX(table_grow),
                                   0,
                                   OP(end),
                                   OP(end)};
/* f(a, v, 0) stores byte v at a and returns the byte loaded from a */
static const uint8_t poke[] = {OP(local_get),
                               0,
                               OP(local_get),
                               1,
                               OP(i32_store8),
                               0,
                               0,
                               OP(local_get),
                               0,
                               OP(i32_load8_u),
                               0,
                               0,
                               OP(end)};

static int32_t grow(mote_instance *inst, uint32_t delta)
{
    mote_status st;
    int32_t v = call_f(inst, delta, 0, 0, &st);
    CHECKF(st == MOTE_OK, "grow(%u): %s", (unsigned)delta, mote_status_name(st));
    return v;
}

static void one_byte_pages(void)
{
    hm h = {
        .mem = true, .mem_min = 16, .page_log2 = 0, .code = mem_grow, .code_len = sizeof mem_grow};
    mote_instance *inst = hm_instance("grow 1-byte pages", &h, NULL);
    if (!inst)
        return;
    CHECK(grow(inst, 0xFFFFF000) == -1); /* the case 4 */
    CHECK(grow(inst, 0xFFFFFFF0) == -1); /* 16 + delta = 2^32: past the format's max */
    CHECK(grow(inst, 0xFFFFFFEF) == -1); /* exactly the max: still far beyond the arena */
    CHECK(grow(inst, 0x7FFFFFFF) == -1);
    CHECK(grow(inst, 0) == 16);
    CHECK(grow(inst, 8) == 16);
    CHECK(grow(inst, 0) == 24);
    CHECK(sandbox_intact());

    hm p = {.mem = true, .mem_min = 16, .page_log2 = 0, .code = poke, .code_len = sizeof poke};
    expect_value("store at the last byte of 16", &p, 15, 0x5a, 0, 0x5a);
    expect_trap("store one past 16 1-byte pages", &p, 16, 0x5a, 0, MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
    expect_trap("store at 0xFFFFFFFF", &p, 0xFFFFFFFF, 0x5a, 0, MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
}

static void big_pages(void)
{
    hm h = {
        .mem = true, .mem_min = 1, .page_log2 = 16, .code = mem_grow, .code_len = sizeof mem_grow};
    mote_instance *inst = hm_instance("grow 64 KiB pages", &h, NULL);
    if (!inst)
        return;
    CHECK(grow(inst, 0xFFFFFFFF) == -1);
    CHECK(grow(inst, 0x10000) == -1); /* 65537 pages: past the format's max */
    CHECK(grow(inst, 0xFFFF) == -1);  /* exactly 4 GiB */
    CHECK(grow(inst, 0x8000) == -1);  /* 2 GiB: not in this arena */
    CHECK(grow(inst, 0) == 1);
    CHECK(grow(inst, 1) == 1);
    CHECK(grow(inst, 0) == 2);
    CHECK(sandbox_intact());

    hm m = {.mem = true,
            .mem_min = 1,
            .mem_has_max = true,
            .mem_max = 2,
            .page_log2 = 16,
            .code = mem_grow,
            .code_len = sizeof mem_grow};
    inst = hm_instance("grow past the declared max", &m, NULL);
    if (inst) {
        CHECK(grow(inst, 2) == -1);
        CHECK(grow(inst, 0xFFFFFFFF) == -1);
        CHECK(grow(inst, 1) == 1);
    }
    mote_instance_config cap = {.memory_cap = 65536};
    mote_arena_reset(hostile_arena);
    inst = hm_instance("grow past the embedder's cap", &h, &cap);
    if (inst) {
        CHECK(grow(inst, 1) == -1);
        CHECK(grow(inst, 0xFFFFFFFF) == -1);
        CHECK(grow(inst, 0) == 1);
    }
}

static void tables(void)
{
    hm h = {.table = true, .tab_min = 10, .code = tab_grow, .code_len = sizeof tab_grow};
    if (!MOTE_WITH_REFERENCE_TYPES) {
        expect_unbuilt("table.grow, reference types not built", &h, "MOTE_WITH_REFERENCE_TYPES");
        return;
    }
    mote_instance *inst = hm_instance("table.grow", &h, NULL);
    if (!inst)
        return;
    CHECK(grow(inst, 0xFFFFFFFF) == -1);
    CHECK(grow(inst, 0xFFFFFFF6) == -1); /* 10 + delta = 2^32 */
    CHECK(grow(inst, 0xFFFFFFF5) == -1); /* the format's max: beyond the reserve */
    CHECK(grow(inst, 0x20000000) == -1);
    CHECK(grow(inst, 0) == 10);
    CHECK(grow(inst, 5) == 10);
    CHECK(grow(inst, 0) == 15);
    CHECK(sandbox_intact());
}

void cases_grow(void)
{
    one_byte_pages();
    big_pages();
    tables();
}
