/*
 * cases_access.c -- loads, stores and bulk operations whose address +
 * offset + size, or offset + length, wraps in 32 bits; table accesses with
 * indices near 2^32.  Every one must trap (never reach another address).
 */
#include "hostile.h"

#define OOB MOTE_TRAP_MEMORY_OUT_OF_BOUNDS
#define TOOB MOTE_TRAP_TABLE_OUT_OF_BOUNDS

static void loads_and_stores(void)
{
    hm h = {.mem = true, .mem_min = 1, .page_log2 = 16};
    /* i32.load offset=0xFFFFFFFF (a) */
    BODY(h, OP(local_get), 0, OP(i32_load), 2, U32(0xFFFFFFFFu), OP(end));
    expect_trap("i32.load offset 2^32-1 at 0", &h, 0, 0, 0, OOB);
    expect_trap("i32.load offset 2^32-1 at 2^32-1", &h, 0xFFFFFFFF, 0, 0, OOB);
    expect_trap("i32.load offset 2^32-1 at 1", &h, 1, 0, 0, OOB);
    /* i64.load (a), wrapped to i32 */
    BODY(h, OP(local_get), 0, OP(i64_load), 3, 0, OP(i32_wrap_i64), OP(end));
    expect_value("i64.load at the last 8 bytes", &h, 65528, 0, 0, 0);
    expect_trap("i64.load across the end", &h, 65529, 0, 0, OOB);
    expect_trap("i64.load at 2^32-4", &h, 0xFFFFFFFC, 0, 0, OOB);
    /* i32.store offset=8 (a) <- b */
    BODY(h, OP(local_get), 0, OP(local_get), 1, OP(i32_store), 2, 8, OP(i32_const), 0, OP(end));
    expect_trap("i32.store offset 8 at 2^32-4 (wraps to 4)", &h, 0xFFFFFFFC, 0xdead, 0, OOB);
    expect_trap("i32.store offset 8 at 65532", &h, 65532, 0xdead, 0, OOB);
    expect_value("i32.store offset 8 at 65524", &h, 65524, 0xdead, 0, 0);
    /* 1-byte pages: the bound is the byte count, not a page multiple */
    hm s = {.mem = true, .mem_min = 5, .page_log2 = 0};
    BODY(s, OP(local_get), 0, OP(i32_load), 2, 0, OP(end));
    expect_value("i32.load at 1 of 5 bytes", &s, 1, 0, 0, 0);
    expect_trap("i32.load at 2 of 5 bytes", &s, 2, 0, 0, OOB);
    expect_trap("i32.load at 2^32-2 of 5 bytes", &s, 0xFFFFFFFE, 0, 0, OOB);
}

/* memory64: the address is (a << 32) | b, and offsets are u64.  On a 32-bit
 * CPU any narrowing of the address or of address + offset to size_t would
 * land inside the memory. */
/* clang-format off */
#define ADDR64 OP(local_get), 0, OP(i64_extend_i32_u), OP(i64_const), 32, OP(i64_shl), \
               OP(local_get), 1, OP(i64_extend_i32_u), OP(i64_or)
/* clang-format on */
static void memory64(void)
{
    hm h = {.mem = true, .mem64 = true, .mem_min = 1, .page_log2 = 16};
    BODY(h, ADDR64, OP(i32_load), 2, 0, OP(end));
    if (!MOTE_WITH_MEMORY64) {
        expect_unbuilt("memory64 i32.load, memory64 not built", &h, "MOTE_WITH_MEMORY64");
        return;
    }
    expect_value("memory64 i32.load at 65532", &h, 0, 65532, 0, 0);
    expect_trap("memory64 i32.load at 2^32", &h, 1, 0, 0, OOB);
    expect_trap("memory64 i32.load at 2^32+4", &h, 1, 4, 0, OOB);
    expect_trap("memory64 i32.load at 2^64-4", &h, 0xFFFFFFFF, 0xFFFFFFFC, 0, OOB);
    /* offset 2^32 (u64 LEB) at 0 */
    BODY(h, ADDR64, OP(i32_load), 2, 0x80, 0x80, 0x80, 0x80, 0x10, OP(end));
    expect_trap("memory64 i32.load offset 2^32 at 0", &h, 0, 0, 0, OOB);
    /* offset 8 at 2^64-4: address + offset wraps 64 bits to 4 */
    BODY(h, ADDR64, OP(local_get), 2, OP(i32_store), 2, 8, OP(i32_const), 0, OP(end));
    expect_trap("memory64 i32.store offset 8 at 2^64-4", &h, 0xFFFFFFFF, 0xFFFFFFFC, 0xdead, OOB);
    expect_value("memory64 i32.store offset 8 at 65524", &h, 0, 65524, 0xdead, 0);
    /* memory.fill d=(a<<32|b) n=16 */
    BODY(h, ADDR64, OP(i32_const), 0x55, OP(i64_const), 16, PFX(memory_fill), 0, OP(i32_const), 0,
         OP(end));
    expect_trap("memory64 fill at 2^32", &h, 1, 0, 0, OOB);
    expect_trap("memory64 fill at 2^64-8", &h, 0xFFFFFFFF, 0xFFFFFFF8, 0, OOB);
    expect_value("memory64 fill at 65520", &h, 0, 65520, 0, 0);
    /* memory.grow by (a<<32|b) pages: -1 (as i64), never a wrap */
    BODY(h, ADDR64, OP(memory_grow), 0, OP(i32_wrap_i64), OP(end));
    expect_value("memory64 grow by 2^32 pages", &h, 1, 0, 0, -1);
    expect_value("memory64 grow by 2^64-1 pages", &h, 0xFFFFFFFF, 0xFFFFFFFF, 0, -1);
    expect_value("memory64 grow by 2^48-1 pages", &h, 0xFFFF, 0xFFFFFFFF, 0, -1);
}

static void bulk_memory(void)
{
    hm h = {.mem = true, .mem_min = 1, .page_log2 = 16, .passive_data = true};
    /* memory.fill(a, b, c) */
    BODY(h, OP(local_get), 0, OP(local_get), 1, OP(local_get), 2, PFX(memory_fill), 0,
         OP(i32_const), 0, OP(end));
    expect_trap("memory.fill wrapping 2^32", &h, 0xFFFFFF00, 0x55, 0x200, OOB);
    expect_trap("memory.fill of 2^32-1 bytes at 1", &h, 1, 0x55, 0xFFFFFFFF, OOB);
    expect_value("memory.fill of 0 bytes at the end", &h, 65536, 0x55, 0, 0);
    expect_trap("memory.fill of 0 bytes past the end", &h, 65537, 0x55, 0, OOB);
    /* memory.copy(a, b, c) */
    BODY(h, OP(local_get), 0, OP(local_get), 1, OP(local_get), 2, PFX(memory_copy), 0, 0,
         OP(i32_const), 0, OP(end));
    expect_trap("memory.copy from a source wrapping 2^32", &h, 0, 0xFFFFFFF0, 0x20, OOB);
    expect_trap("memory.copy to a destination wrapping 2^32", &h, 0xFFFFFFF0, 0, 0x20, OOB);
    expect_trap("memory.copy of 2^32-1 bytes", &h, 0, 1, 0xFFFFFFFF, OOB);
    /* memory.init 0 (a, b, c): the passive segment is 4 bytes */
    BODY(h, OP(local_get), 0, OP(local_get), 1, OP(local_get), 2, PFX(memory_init), 0, 0,
         OP(i32_const), 0, OP(end));
    expect_trap("memory.init from segment offset 2^32-1", &h, 0, 0xFFFFFFFF, 2, OOB);
    expect_trap("memory.init of 2^32-1 bytes", &h, 0, 2, 0xFFFFFFFF, OOB);
    expect_trap("memory.init to 2^32-1", &h, 0xFFFFFFFF, 0, 1, OOB);
    expect_value("memory.init to the last byte", &h, 65535, 0, 1, 0);
}

static void tables(void)
{
    hm h = {.table = true, .tab_min = 10, .passive_elem = true};
    /* table.fill(a, ref.null, c) */
    BODY(h, OP(local_get), 0, OP(ref_null), 0x70, OP(local_get), 2, PFX(table_fill), 0,
         OP(i32_const), 0, OP(end));
    if (!MOTE_WITH_REFERENCE_TYPES) {
        expect_unbuilt("table.fill, reference types not built", &h, "MOTE_WITH_REFERENCE_TYPES");
    } else {
        expect_trap("table.fill at 2^32-1", &h, 0xFFFFFFFF, 0, 2, TOOB);
        expect_trap("table.fill of 2^32-1 items", &h, 9, 0, 0xFFFFFFFF, TOOB);
    }
    /* table.copy(a, b, c) */
    BODY(h, OP(local_get), 0, OP(local_get), 1, OP(local_get), 2, PFX(table_copy), 0, 0,
         OP(i32_const), 0, OP(end));
    expect_trap("table.copy from 2^32-2", &h, 0, 0xFFFFFFFE, 4, TOOB);
    expect_trap("table.copy to 2^32-2", &h, 0xFFFFFFFE, 0, 4, TOOB);
    /* table.init 0 (a, b, c): the passive segment has 4 items */
    BODY(h, OP(local_get), 0, OP(local_get), 1, OP(local_get), 2, PFX(table_init), 0, 0,
         OP(i32_const), 0, OP(end));
    expect_trap("table.init from item 2^32-1", &h, 0, 0xFFFFFFFF, 2, TOOB);
    expect_trap("table.init to 2^32-1", &h, 0xFFFFFFFF, 0, 1, TOOB);
    expect_value("table.init of the whole segment at the end", &h, 6, 0, 4, 0);
    /* table.get / table.set */
    BODY(h, OP(local_get), 0, OP(table_get), 0, OP(ref_is_null), OP(end));
    if (!MOTE_WITH_REFERENCE_TYPES) {
        expect_unbuilt("table.get, reference types not built", &h, "MOTE_WITH_REFERENCE_TYPES");
    } else {
        expect_trap("table.get 2^32-1", &h, 0xFFFFFFFF, 0, 0, TOOB);
        expect_trap("table.get 10 of 10", &h, 10, 0, 0, TOOB);
        expect_value("table.get 9 (null)", &h, 9, 0, 0, 1);
    }
    BODY(h, OP(local_get), 0, OP(ref_null), 0x70, OP(table_set), 0, OP(i32_const), 0, OP(end));
    if (!MOTE_WITH_REFERENCE_TYPES)
        expect_unbuilt("table.set, reference types not built", &h, "MOTE_WITH_REFERENCE_TYPES");
    else
        expect_trap("table.set 2^31", &h, 0x80000000, 0, 0, TOOB);
    /* call_indirect (type 0) through element a */
    BODY(h, OP(i32_const), 0, OP(i32_const), 0, OP(i32_const), 0, OP(local_get), 0,
         OP(call_indirect), 0, 0, OP(end));
    expect_trap("call_indirect 2^32-1", &h, 0xFFFFFFFF, 0, 0, MOTE_TRAP_UNDEFINED_ELEMENT);
    expect_trap("call_indirect 10 of 10", &h, 10, 0, 0, MOTE_TRAP_UNDEFINED_ELEMENT);
}

void cases_access(void)
{
    memory64();
    loads_and_stores();
    bulk_memory();
    tables();
}
