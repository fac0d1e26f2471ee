/*
 * cases_sizes.c -- sizes a module or the embedder declares that do not fit
 * a 32-bit address space, or wrap when computed in a 32-bit size_t:
 * memories, tables, stacks, segments, and the host API's own objects.
 */
#include <string.h>

#include "hostile.h"

static const uint8_t ret0[] = {OP(i32_const), 0, OP(end)};
#define RET0 ret0, sizeof ret0

/* Refused as too big: "arena too small" where the bytes could be addressed,
 * else a limit that says this CPU cannot address them; `beyond_32` cases
 * need more than 4 GiB, so a 32-bit build must say the latter.  Either
 * message names the bytes needed. */
static void too_big(const char *name, const hm *h, const mote_instance_config *cfg, bool beyond_32)
{
    if (expect_pages_unbuilt(name, h))
        return;
    uint32_t allowed = ST(MOTE_ERR_NO_MEMORY);
    if (TARGET_32)
        allowed = beyond_32 ? ST(MOTE_ERR_LIMIT) : allowed | ST(MOTE_ERR_LIMIT);
    expect_refused(name, h, cfg, allowed);
    const mote_error *e = mote_arena_error(hostile_arena);
    if (e->status == MOTE_ERR_LIMIT)
        CHECKF(strstr(e->message, "more than this 32-bit CPU can address"), "%s: %s", name,
               e->message);
    else
        CHECKF(strstr(e->message, "arena too small") && strstr(e->message, " free"), "%s: %s", name,
               e->message);
}

static void memories(void)
{
    /* 1 (the case 1 and 5): 4 GiB, with a data segment just below
     * the wrap point that would land on the memory's own record. */
    hm h = {.mem = true,
            .mem_min = 65536,
            .page_log2 = 16,
            .data = true,
            .data_at = -56,
            .data_len = 8,
            .code = RET0};
    too_big("memory of 65536 pages, data at -56", &h, NULL, true);
    hm h2 = {.mem = true, .mem_min = 65535, .page_log2 = 16, .code = RET0};
    too_big("memory of 65535 pages", &h2, NULL, false);
    hm h3 = {.mem = true,
             .mem_min = 32768,
             .mem_has_max = true,
             .mem_max = 65536,
             .page_log2 = 16,
             .code = RET0};
    too_big("memory of 32768 pages (2 GiB)", &h3, NULL, false);
    /* 3: 1-byte pages, a minimum whose 8-byte rounding wraps to 0 */
    hm h4 = {.mem = true, .mem_min = 0xFFFFFFFF, .page_log2 = 0, .code = RET0};
    too_big("memory of 0xFFFFFFFF 1-byte pages", &h4, NULL, false);
    hm h5 = {.mem = true, .mem_min = 0xFFFFFFF9, .page_log2 = 0, .code = RET0};
    too_big("memory of 0xFFFFFFF9 1-byte pages", &h5, NULL, false);
    hm h6 = {.mem = true, .mem_min = 0x80000001, .page_log2 = 0, .code = RET0};
    too_big("memory of 2^31+1 1-byte pages", &h6, NULL, false);
}

static void tables(void)
{
    /* 2: elements * 8 bytes wraps to 0 in 32 bits */
    hm h = {.table = true, .tab_min = 0x20000000, .code = RET0};
    too_big("table of 2^29 elements", &h, NULL, true);
    hm h2 = {.table = true, .tab_min = 0xFFFFFFFF, .code = RET0};
    too_big("table of 0xFFFFFFFF elements", &h2, NULL, true);
    hm h3 = {.table = true,
             .tab_min = 0x10000000,
             .tab_has_max = true,
             .tab_max = 0x10000000,
             .code = RET0};
    too_big("table of 2^28 elements", &h3, NULL, false);
    /* the embedder's reserve for a table without a maximum */
    hm h4 = {.table = true, .tab_min = 1, .code = RET0};
    mote_instance_config cap = {.table_cap = 0xFFFFFFFF};
    too_big("table reserve of 0xFFFFFFFF elements", &h4, &cap, true);
    /* a passive element segment is evaluated into the arena too */
    hm h5 = {.table = true, .tab_min = 0x1FFFFFFF, .passive_elem = true, .code = RET0};
    too_big("table of 2^29-1 elements and a passive segment", &h5, NULL, true);
}

/* Wasm 3.0's 64-bit limits: a memory64 minimum can reach 2^64 bytes (its
 * shift to bytes once wrapped to 0 and instantiated an empty memory), a
 * table64 minimum can pass 2^32 elements (once narrowed to 32 bits). */
static void limits64(void)
{
    hm h = {.mem = true, .mem64 = true, .mem_min = 1ull << 48, .page_log2 = 16, .code = RET0};
    hm t = {.table = true, .tab64 = true, .tab_min = 0x100000001ull, .code = RET0};
    if (!MOTE_WITH_MEMORY64) {
        expect_unbuilt("memory64 of 2^48 pages, memory64 not built", &h, "MOTE_WITH_MEMORY64");
        expect_unbuilt("table64 of 2^32+1 elements, memory64 not built", &t, "MOTE_WITH_MEMORY64");
        return;
    }
    too_big("memory64 of 2^48 pages (2^64 bytes)", &h, NULL, true);
    hm h2 = {.mem = true, .mem64 = true, .mem_min = 1ull << 32, .page_log2 = 16, .code = RET0};
    too_big("memory64 of 2^32 pages", &h2, NULL, true);
    hm h3 = {.mem = true, .mem64 = true, .mem_min = UINT64_MAX, .page_log2 = 0, .code = RET0};
    too_big("memory64 of 2^64-1 1-byte pages", &h3, NULL, true);
    hm h4 = {.mem = true, .mem64 = true, .mem_min = 0x100000001ull, .page_log2 = 0, .code = RET0};
    too_big("memory64 of 2^32+1 1-byte pages", &h4, NULL, true);
    too_big("table64 of 2^32+1 elements", &t, NULL, true);
    hm h6 = {.table = true,
             .tab64 = true,
             .tab_min = UINT64_MAX,
             .tab_has_max = true,
             .tab_max = UINT64_MAX,
             .code = RET0};
    too_big("table64 of 2^64-1 elements", &h6, NULL, true);
    hm h7 = {.table = true, .tab64 = true, .tab_min = 1, .code = RET0};
    mote_instance_config cap = {.table_cap = 0xFFFFFFFF};
    too_big("table64 reserve of 0xFFFFFFFF elements", &h7, &cap, true);
}

static void stacks(void)
{
    hm h = {.code = RET0};
    mote_instance_config big = {.value_stack_bytes = 0xFFFFFFFF};
    too_big("value stack of 0xFFFFFFFF bytes", &h, &big, false);
    mote_instance_config calls = {.call_stack_bytes = 0xFFFFFFFF};
    too_big("call stack of 0xFFFFFFFF bytes", &h, &calls, false);
    mote_instance_config both = {.value_stack_bytes = 0xFFFFFFF8, .call_stack_bytes = 0xFFFFFFF8};
    too_big("both stacks of 0xFFFFFFF8 bytes", &h, &both, true);
}

static void segments(void)
{
    /* offset + length wraps past 2^32 onto the start of the memory */
    hm h = {.mem = true,
            .mem_min = 1,
            .page_log2 = 16,
            .data = true,
            .data_at = (int32_t)0xFFFFFFF0,
            .data_len = 32,
            .code = RET0};
    expect_refused("data segment wrapping 2^32", &h, NULL, ST(MOTE_TRAP));
    hm h2 = {.mem = true,
             .mem_min = 1,
             .page_log2 = 16,
             .data = true,
             .data_at = 65530,
             .data_len = 16,
             .code = RET0};
    expect_refused("data segment past the end", &h2, NULL, ST(MOTE_TRAP));
    hm h3 = {.mem = true,
             .mem_min = 100,
             .page_log2 = 0,
             .data = true,
             .data_at = 97,
             .data_len = 4,
             .code = RET0};
    expect_refused("data segment past a 1-byte-page memory", &h3, NULL, ST(MOTE_TRAP));
    hm h4 = {.table = true,
             .tab_min = 10,
             .elem = true,
             .elem_at = (int32_t)0xFFFFFFFE,
             .elem_count = 4,
             .code = RET0};
    expect_refused("element segment wrapping 2^32", &h4, NULL, ST(MOTE_TRAP));
    hm h5 = {
        .table = true, .tab_min = 10, .elem = true, .elem_at = 8, .elem_count = 4, .code = RET0};
    expect_refused("element segment past the end", &h5, NULL, ST(MOTE_TRAP));
    /* at the very end: allowed */
    hm h6 = {
        .mem = true, .mem_min = 100, .page_log2 = 0, .data = true, .data_at = 96, .data_len = 4};
    BODY(h6, OP(i32_const), 0xe0, 0x00, OP(i32_load), 0, 0, OP(end));
    expect_value("data segment ending at the end", &h6, 0, 0, 0, 0x78787878);
}

/* The embedder's API computes the same sizes. */
static void host_api(void)
{
    mote_arena *a = hostile_arena;
    mote_arena_reset(a);
    size_t used = mote_arena_used(a);
    mote_memory *mem = NULL;
    mote_limits lim = {.min = 65536, .page_size = 65536};
    CHECK(mote_memory_new(a, &lim, &mem) != MOTE_OK && mem == NULL);
    mote_limits lim1 = {.min = 0xFFFFFFFF, .page_size = 1};
    CHECK(mote_memory_new(a, &lim1, &mem) != MOTE_OK && mem == NULL);
    mote_limits lim2 = {.min = 1, .has_max = true, .max = 65536, .page_size = 65536};
    CHECK(mote_memory_new(a, &lim2, &mem) == MOTE_OK && mem && mote_memory_size(mem) == 65536);
    if (mem) {
        CHECK(mote_memory_grow(mem, 0xFFFFFFFF) == -1);
        CHECK(mote_memory_grow(mem, 65535) == -1 && mote_memory_size(mem) == 65536);
        CHECK(mote_memory_grow(mem, UINT64_MAX) == -1);
    }
    mote_arena_reset(a);
    mote_table *t = NULL;
    mote_limits tl = {.min = 0x20000000};
    CHECK(mote_table_new(a, MOTE_FUNCREF, &tl, &t) != MOTE_OK && t == NULL);
    mote_limits tl2 = {.min = 1, .has_max = true, .max = 0xFFFFFFFF};
    CHECK(mote_table_new(a, MOTE_FUNCREF, &tl2, &t) != MOTE_OK && t == NULL);
    CHECK(mote_arena_used(a) == used);
    CHECK(sandbox_intact());
}

/* mote_memory_ptr: every (offset, length) the host functions pass. */
static void memory_ptr(void)
{
    hm h = {.mem = true, .mem_min = 1, .page_log2 = 16, .code = RET0};
    mote_instance *inst = hm_instance("memory_ptr", &h, NULL);
    if (!inst)
        return;
    CHECK(mote_memory_ptr(inst, 0, 65536) != NULL);
    CHECK(mote_memory_ptr(inst, 65536, 0) != NULL);
    CHECK(mote_memory_ptr(inst, 65536, 1) == NULL);
    CHECK(mote_memory_ptr(inst, 65535, 2) == NULL);
    CHECK(mote_memory_ptr(inst, 0xFFFFFFFF, 2) == NULL);
    CHECK(mote_memory_ptr(inst, 1, 0xFFFFFFFF) == NULL);
    CHECK(mote_memory_ptr(inst, 2, UINT64_MAX) == NULL);
    CHECK(mote_memory_ptr(inst, UINT64_MAX, 1) == NULL);
    CHECK(mote_memory_ptr(inst, 0x100000000ull, 0) == NULL);
}

void cases_sizes(void)
{
    memories();
    tables();
    limits64();
    stacks();
    segments();
    host_api();
    memory_ptr();
}
