/*
 * cases_access.c -- loads, stores and bulk operations whose address +
 * offset + size, or offset + length, wraps in 32 bits; table accesses with
 * indices near 2^32.  Every one must trap (never reach another address).
 */
#include "hostile.h"

#define BODY(s) s, sizeof s - 1
#define OOB MOTE_TRAP_MEMORY_OUT_OF_BOUNDS
#define TOOB MOTE_TRAP_TABLE_OUT_OF_BOUNDS

static void loads_and_stores(void)
{
    hm h = {.mem = true, .mem_min = 1, .page_log2 = 16};
    /* i32.load offset=0xFFFFFFFF (a) */
    h.code = "\x20\x00\x28\x02\xff\xff\xff\xff\x0f\x0b";
    h.code_len = 10;
    expect_trap("i32.load offset 2^32-1 at 0", &h, 0, 0, 0, OOB);
    expect_trap("i32.load offset 2^32-1 at 2^32-1", &h, 0xFFFFFFFF, 0, 0, OOB);
    expect_trap("i32.load offset 2^32-1 at 1", &h, 1, 0, 0, OOB);
    /* i64.load (a), wrapped to i32 */
    const char ld64[] = "\x20\x00\x29\x03\x00\xa7\x0b";
    h.code = ld64;
    h.code_len = sizeof ld64 - 1;
    expect_value("i64.load at the last 8 bytes", &h, 65528, 0, 0, 0);
    expect_trap("i64.load across the end", &h, 65529, 0, 0, OOB);
    expect_trap("i64.load at 2^32-4", &h, 0xFFFFFFFC, 0, 0, OOB);
    /* i32.store offset=8 (a) <- b */
    const char st[] = "\x20\x00\x20\x01\x36\x02\x08\x41\x00\x0b";
    h.code = st;
    h.code_len = sizeof st - 1;
    expect_trap("i32.store offset 8 at 2^32-4 (wraps to 4)", &h, 0xFFFFFFFC, 0xdead, 0, OOB);
    expect_trap("i32.store offset 8 at 65532", &h, 65532, 0xdead, 0, OOB);
    expect_value("i32.store offset 8 at 65524", &h, 65524, 0xdead, 0, 0);
    /* 1-byte pages: the bound is the byte count, not a page multiple */
    hm s = {.mem = true, .mem_min = 5, .page_log2 = 0, .code = "\x20\x00\x28\x02\x00\x0b",
            .code_len = 6};
    expect_value("i32.load at 1 of 5 bytes", &s, 1, 0, 0, 0);
    expect_trap("i32.load at 2 of 5 bytes", &s, 2, 0, 0, OOB);
    expect_trap("i32.load at 2^32-2 of 5 bytes", &s, 0xFFFFFFFE, 0, 0, OOB);
}

static void bulk_memory(void)
{
    hm h = {.mem = true, .mem_min = 1, .page_log2 = 16, .passive_data = true};
    /* memory.fill(a, b, c) */
    h.code = "\x20\x00\x20\x01\x20\x02\xfc\x0b\x00\x41\x00\x0b";
    h.code_len = 12;
    expect_trap("memory.fill wrapping 2^32", &h, 0xFFFFFF00, 0x55, 0x200, OOB);
    expect_trap("memory.fill of 2^32-1 bytes at 1", &h, 1, 0x55, 0xFFFFFFFF, OOB);
    expect_value("memory.fill of 0 bytes at the end", &h, 65536, 0x55, 0, 0);
    expect_trap("memory.fill of 0 bytes past the end", &h, 65537, 0x55, 0, OOB);
    /* memory.copy(a, b, c) */
    h.code = "\x20\x00\x20\x01\x20\x02\xfc\x0a\x00\x00\x41\x00\x0b";
    h.code_len = 13;
    expect_trap("memory.copy from a source wrapping 2^32", &h, 0, 0xFFFFFFF0, 0x20, OOB);
    expect_trap("memory.copy to a destination wrapping 2^32", &h, 0xFFFFFFF0, 0, 0x20, OOB);
    expect_trap("memory.copy of 2^32-1 bytes", &h, 0, 1, 0xFFFFFFFF, OOB);
    /* memory.init 0 (a, b, c): the passive segment is 4 bytes */
    h.code = "\x20\x00\x20\x01\x20\x02\xfc\x08\x00\x00\x41\x00\x0b";
    h.code_len = 13;
    expect_trap("memory.init from segment offset 2^32-1", &h, 0, 0xFFFFFFFF, 2, OOB);
    expect_trap("memory.init of 2^32-1 bytes", &h, 0, 2, 0xFFFFFFFF, OOB);
    expect_trap("memory.init to 2^32-1", &h, 0xFFFFFFFF, 0, 1, OOB);
    expect_value("memory.init to the last byte", &h, 65535, 0, 1, 0);
}

static void tables(void)
{
    hm h = {.table = true, .tab_min = 10, .passive_elem = true};
    /* table.fill(a, ref.null, c) */
    h.code = "\x20\x00\xd0\x70\x20\x02\xfc\x11\x00\x41\x00\x0b";
    h.code_len = 12;
    expect_trap("table.fill at 2^32-1", &h, 0xFFFFFFFF, 0, 2, TOOB);
    expect_trap("table.fill of 2^32-1 items", &h, 9, 0, 0xFFFFFFFF, TOOB);
    /* table.copy(a, b, c) */
    h.code = "\x20\x00\x20\x01\x20\x02\xfc\x0e\x00\x00\x41\x00\x0b";
    h.code_len = 13;
    expect_trap("table.copy from 2^32-2", &h, 0, 0xFFFFFFFE, 4, TOOB);
    expect_trap("table.copy to 2^32-2", &h, 0xFFFFFFFE, 0, 4, TOOB);
    /* table.init 0 (a, b, c): the passive segment has 4 items */
    h.code = "\x20\x00\x20\x01\x20\x02\xfc\x0c\x00\x00\x41\x00\x0b";
    h.code_len = 13;
    expect_trap("table.init from item 2^32-1", &h, 0, 0xFFFFFFFF, 2, TOOB);
    expect_trap("table.init to 2^32-1", &h, 0xFFFFFFFF, 0, 1, TOOB);
    expect_value("table.init of the whole segment at the end", &h, 6, 0, 4, 0);
    /* table.get / table.set */
    h.code = "\x20\x00\x25\x00\xd1\x0b";
    h.code_len = 6;
    expect_trap("table.get 2^32-1", &h, 0xFFFFFFFF, 0, 0, TOOB);
    expect_trap("table.get 10 of 10", &h, 10, 0, 0, TOOB);
    expect_value("table.get 9 (null)", &h, 9, 0, 0, 1);
    h.code = "\x20\x00\xd0\x70\x26\x00\x41\x00\x0b";
    h.code_len = 9;
    expect_trap("table.set 2^31", &h, 0x80000000, 0, 0, TOOB);
    /* call_indirect (type 0) through element a */
    h.code = "\x41\x00\x41\x00\x41\x00\x20\x00\x11\x00\x00\x0b";
    h.code_len = 12;
    expect_trap("call_indirect 2^32-1", &h, 0xFFFFFFFF, 0, 0, MOTE_TRAP_UNDEFINED_ELEMENT);
    expect_trap("call_indirect 10 of 10", &h, 10, 0, 0, MOTE_TRAP_UNDEFINED_ELEMENT);
}

void cases_access(void)
{
    loads_and_stores();
    bulk_memory();
    tables();
}
