/*
 * exh_sizes.c -- modules too big in one dimension: 100 000 nested blocks,
 * 50 000 locals, a 10 MB data segment, 100 000 functions, and counts that
 * claim far more entries than the bytes could hold.
 */
#include <stdlib.h>
#include <string.h>

#include "exh.h"
#include "feature_groups.h" /* the core's MOTE_WITH_* (mote_core_facts) */

/* ---- one function: header and body helpers --------------------------------------- */

/* A module with one function of type () -> i32 exported as "f", whose body
 * (locals declarations included) is `body`. */
static void build_one_func(wbuf *m, wbuf *body)
{
    static const uint8_t types[] = {1, T_FUNC, 0, 1, T_I32};
    wbuf s = {0};
    wb_header(m);
    wb_bytes(&s, types, sizeof types);
    wb_section(m, SEC_TYPE, &s);
    wb_u32(&s, 1);
    wb_u32(&s, 0);
    wb_section(m, SEC_FUNC, &s);
    wb_u32(&s, 1);
    wb_name(&s, "f");
    wb_byte(&s, 0);
    wb_u32(&s, 0);
    wb_section(m, SEC_EXPORT, &s);
    wb_u32(&s, 1);
    wb_body(&s, body);
    wb_section(m, SEC_CODE, &s);
}

/* Loads m into a small and into a big arena.  The small one must fail with
 * NO_MEMORY or LIMIT and be left as it was; the big one may refuse with
 * LIMIT, and what loads must return `expect` from "f". */
static void load_small_and_big(const char *what, wbuf *m, size_t small, size_t big, int32_t expect)
{
    mote_arena *a = exh_arena(small);
    size_t used = mote_arena_used(a);
    mote_module *mod;
    mote_status st = exh_load(a, m, &mod);
    printf("%s, %zu-byte arena: %s: %s\n", what, small, mote_status_name(st),
           mote_arena_error(a)->message);
    CHECK(st == MOTE_ERR_NO_MEMORY || st == MOTE_ERR_LIMIT);
    CHECK(mote_arena_used(a) == used);

    a = exh_arena(big);
    st = exh_load(a, m, &mod);
    printf("%s, %zu-byte arena: %s %s\n", what, big, mote_status_name(st),
           st ? mote_arena_error(a)->message : "");
    CHECK(st == MOTE_OK || st == MOTE_ERR_LIMIT);
    if (st != MOTE_OK)
        return;
    mote_instance *inst;
    CHECK(mote_instantiate(a, mod, NULL, 0, NULL, &inst) == MOTE_OK);
    int32_t r = 0;
    CHECK(exh_call(inst, "f", 0, 0, &r) == MOTE_OK);
    CHECK(r == expect);
}

/* ---- deeply nested blocks ----------------------------------------------------- */

#define NEST 100000

int case_nested_blocks(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    static const struct {
        const char *what;
        uint8_t open[4];
        size_t open_len;
        uint8_t close[4];
        size_t close_len;
    } kinds[] = {
        {"100000 nested blocks", {OP_BLOCK, T_VOID}, 2, {OP_END}, 1},
        {"100000 nested loops", {OP_LOOP, T_VOID}, 2, {OP_END}, 1},
        /* if (result i32) ... else i32.const 0 end: each level passes a value */
        {"100000 nested ifs",
         {OP_I32_CONST, 1, OP_IF, T_I32},
         4,
         {OP_ELSE, OP_I32_CONST, 0, OP_END},
         4},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        wbuf body = {0}, m = {0};
        wb_u32(&body, 0);
        bool value = kinds[k].close_len > 1;
        for (uint32_t i = 0; i < NEST; i++)
            wb_bytes(&body, kinds[k].open, kinds[k].open_len);
        if (value) {
            wb_byte(&body, OP_I32_CONST);
            wb_i32(&body, 42);
        }
        for (uint32_t i = 0; i < NEST; i++)
            wb_bytes(&body, kinds[k].close, kinds[k].close_len);
        if (!value) {
            wb_byte(&body, OP_I32_CONST);
            wb_i32(&body, 42);
        }
        wb_byte(&body, OP_END);
        build_one_func(&m, &body);
        load_small_and_big(kinds[k].what, &m, 256u << 10, 64u << 20, 42);
        wb_free(&m);
    }
    return 0;
}

/* ---- many locals ------------------------------------------------------------------ */

/* A function with `n` i32 locals that returns the last one (zero).  The
 * module bytes stay in *m: a loaded module reads them in place. */
static mote_status load_locals(uint32_t n, mote_arena *a, wbuf *m, mote_module **mod)
{
    wbuf body = {0};
    wb_free(m);
    wb_u32(&body, 1);
    wb_u32(&body, n);
    wb_byte(&body, T_I32);
    wb_byte(&body, OP_LOCAL_GET);
    wb_u32(&body, n - 1);
    wb_byte(&body, OP_END);
    build_one_func(m, &body);
    return exh_load(a, m, mod);
}

int case_many_locals(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    mote_arena *a = exh_arena(8u << 20);
    size_t used = mote_arena_used(a);
    mote_module *mod;
    wbuf m = {0};
    /* 50 000 locals: over the 8191-slot frame limit, a clear LIMIT error */
    mote_status st = load_locals(50000, a, &m, &mod);
    printf("50000 locals: %s: %s\n", mote_status_name(st), mote_arena_error(a)->message);
    CHECK(st == MOTE_ERR_LIMIT);
    if (MOTE_WITH_MESSAGES) {
        CHECK(exh_message_has(a, "locals"));
        CHECK(exh_message_has(a, "8191"));
    } else { /* a core without message text: a code of the compiler's, "@c483" */
        CHECK(exh_message_has(a, "@c"));
    }
    CHECK(mote_arena_used(a) == used);
    /* just over the limit, and one value short of it (the result needs a slot) */
    CHECK(load_locals(8192, a, &m, &mod) == MOTE_ERR_LIMIT);
    CHECK(load_locals(8191, a, &m, &mod) == MOTE_ERR_LIMIT);
    CHECK(mote_arena_used(a) == used);
    /* well inside: loads and runs */
    st = load_locals(8000, a, &m, &mod);
    CHECK(st == MOTE_OK);
    if (st == MOTE_OK) {
        mote_instance *inst;
        CHECK(mote_instantiate(a, mod, NULL, 0, NULL, &inst) == MOTE_OK);
        int32_t r = -1;
        CHECK(exh_call(inst, "f", 0, 0, &r) == MOTE_OK);
        CHECK(r == 0);
    }
    wb_free(&m);
    return 0;
}

/* ---- a 10 MB data segment ------------------------------------------------------- */

#define BIG_DATA (10u << 20)
#define BIG_PAGES (BIG_DATA >> 16)

static uint8_t pattern(uint32_t i)
{
    return (uint8_t)(i * 7u + (i >> 16));
}

/* memory BIG_PAGES; an active (or passive, copied by "init") segment of
 * BIG_DATA bytes; "peek"(addr) -> i32.load8_u. */
static void build_big_data(wbuf *m, bool passive)
{
    static const uint8_t types[] = {2, T_FUNC, 1, T_I32, 1, T_I32, T_FUNC, 0, 0};
    wbuf s = {0}, body = {0};
    wb_header(m);
    wb_bytes(&s, types, sizeof types);
    wb_section(m, SEC_TYPE, &s);
    wb_u32(&s, 2);
    wb_u32(&s, 0);
    wb_u32(&s, 1);
    wb_section(m, SEC_FUNC, &s);
    wb_u32(&s, 1);
    wb_byte(&s, 0);
    wb_u32(&s, BIG_PAGES);
    wb_section(m, SEC_MEMORY, &s);
    wb_u32(&s, 2);
    wb_name(&s, "peek");
    wb_byte(&s, 0);
    wb_u32(&s, 0);
    wb_name(&s, "init");
    wb_byte(&s, 0);
    wb_u32(&s, 1);
    wb_section(m, SEC_EXPORT, &s);
    wb_u32(&s, 1);
    wb_section(m, SEC_DATACOUNT, &s);
    wb_u32(&s, 2);
    static const uint8_t peek[] = {0, OP_LOCAL_GET, 0, OP_I32_LOAD8_U, 0, 0, OP_END};
    wb_bytes(&body, peek, sizeof peek);
    wb_body(&s, &body);
    wb_u32(&body, 0);
    if (passive) { /* memory.init 0 at 0, from 0, BIG_DATA bytes */
        static const uint8_t init[] = {OP_I32_CONST, 0, OP_I32_CONST, 0};
        wb_bytes(&body, init, sizeof init);
        wb_byte(&body, OP_I32_CONST);
        wb_i32(&body, (int32_t)BIG_DATA);
        static const uint8_t op[] = {OP_PREFIX_FC, FC_MEMORY_INIT, 0, 0};
        wb_bytes(&body, op, sizeof op);
    }
    wb_byte(&body, OP_END);
    wb_body(&s, &body);
    wb_section(m, SEC_CODE, &s);
    wb_u32(&s, 1);
    if (passive) {
        wb_byte(&s, 1);
    } else {
        static const uint8_t at0[] = {0, OP_I32_CONST, 0, OP_END};
        wb_bytes(&s, at0, sizeof at0);
    }
    wb_u32(&s, BIG_DATA);
    size_t at = s.len;
    wb_fill(&s, 0, BIG_DATA);
    for (uint32_t i = 0; i < BIG_DATA && !s.failed; i++)
        s.p[at + i] = pattern(i);
    wb_section(m, SEC_DATA, &s);
}

static void check_big(bool passive)
{
    const char *what = passive ? "passive 10 MB segment" : "active 10 MB segment";
    wbuf m = {0};
    build_big_data(&m, passive);
    /* Too small: the module loads (segments stay in the binary), the
     * instance does not fit, and says how much it needs. */
    mote_arena *a = exh_arena(1u << 20);
    mote_module *mod;
    mote_instance *inst;
    CHECK(exh_load(a, &m, &mod) == MOTE_OK);
    size_t used = mote_arena_used(a);
    mote_status st = mote_instantiate(a, mod, NULL, 0, NULL, &inst);
    printf("%s, 1 MiB arena: %s: %s\n", what, mote_status_name(st), mote_arena_error(a)->message);
    CHECK(st == MOTE_ERR_NO_MEMORY);
    CHECK(exh_message_has(a, "needs"));
    CHECK(mote_arena_used(a) == used);

    /* Big enough, by mote_measure's figure: works. */
    mote_needs needs;
    CHECK(mote_measure(a, m.p, m.len, NULL, NULL, &needs) == MOTE_OK);
    CHECK(needs.total > BIG_DATA);
    a = exh_arena(needs.total);
    CHECK(exh_load(a, &m, &mod) == MOTE_OK);
    st = mote_instantiate(a, mod, NULL, 0, NULL, &inst);
    CHECK(st == MOTE_OK);
    if (st == MOTE_OK) {
        if (passive)
            CHECK(exh_call(inst, "init", 0, 0, NULL) == MOTE_OK);
        static const uint32_t at[] = {0, 1, 65535, 65536, BIG_DATA / 2 + 3, BIG_DATA - 1};
        for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
            int32_t r = -1;
            CHECK(exh_call(inst, "peek", 1, (int32_t)at[i], &r) == MOTE_OK);
            CHECK(r == pattern(at[i]));
        }
        CHECK(exh_call(inst, "peek", 1, (int32_t)BIG_DATA, NULL) == MOTE_TRAP);
        CHECK(mote_arena_error(a)->trap == MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
    }
    wb_free(&m);
}

int case_big_data(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    check_big(false);
    check_big(true);
    return 0;
}

/* ---- 100 000 functions ---------------------------------------------------------- */

#define NFUNCS 100000u

int case_many_functions(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    static const uint8_t types[] = {1, T_FUNC, 0, 1, T_I32};
    wbuf m = {0}, s = {0};
    wb_header(&m);
    wb_bytes(&s, types, sizeof types);
    wb_section(&m, SEC_TYPE, &s);
    wb_u32(&s, NFUNCS);
    wb_fill(&s, 0, NFUNCS);
    wb_section(&m, SEC_FUNC, &s);
    wb_u32(&s, 2);
    wb_name(&s, "first");
    wb_byte(&s, 0);
    wb_u32(&s, 0);
    wb_name(&s, "last");
    wb_byte(&s, 0);
    wb_u32(&s, NFUNCS - 1);
    wb_section(&m, SEC_EXPORT, &s);
    wb_u32(&s, NFUNCS);
    for (uint32_t i = 0; i < NFUNCS; i++) { /* function i returns i */
        wbuf body = {0};
        wb_u32(&body, 0);
        wb_byte(&body, OP_I32_CONST);
        wb_i32(&body, (int32_t)i);
        wb_byte(&body, OP_END);
        wb_body(&s, &body);
    }
    wb_section(&m, SEC_CODE, &s);

    mote_arena *a = exh_arena(64u << 10);
    size_t used = mote_arena_used(a);
    mote_module *mod;
    mote_status st = exh_load(a, &m, &mod);
    printf("100000 functions, 64 KiB arena: %s: %s\n", mote_status_name(st),
           mote_arena_error(a)->message);
    CHECK(st == MOTE_ERR_NO_MEMORY);
    CHECK(exh_message_has(a, "needs"));
    CHECK(mote_arena_used(a) == used);

    mote_needs needs;
    a = exh_arena(64u << 20);
    CHECK(mote_measure(a, m.p, m.len, NULL, NULL, &needs) == MOTE_OK);
    printf("100000 functions need %zu arena bytes\n", needs.total);
    a = exh_arena(needs.total);
    st = exh_load(a, &m, &mod);
    CHECK(st == MOTE_OK);
    mote_instance *inst;
    if (st == MOTE_OK && mote_instantiate(a, mod, NULL, 0, NULL, &inst) == MOTE_OK) {
        int32_t r = -1;
        CHECK(exh_call(inst, "first", 0, 0, &r) == MOTE_OK && r == 0);
        CHECK(exh_call(inst, "last", 0, 0, &r) == MOTE_OK && r == (int32_t)(NFUNCS - 1));
    } else {
        CHECK(0);
    }
    wb_free(&m);
    return 0;
}

/* ---- counts far beyond the bytes ----------------------------------------------- */

/* Sections that claim 2^32-1 entries in a few bytes: rejected at once as
 * malformed, without trying to reserve room for them. */
int case_huge_counts(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    static const uint8_t ids[] = {SEC_TYPE,   SEC_IMPORT, SEC_FUNC, SEC_TABLE, SEC_MEMORY,
                                  SEC_GLOBAL, SEC_EXPORT, SEC_ELEM, SEC_CODE,  SEC_DATA};
    mote_arena *a = exh_arena(1u << 20);
    for (size_t i = 0; i < sizeof ids; i++) {
        wbuf m = {0}, s = {0};
        wb_header(&m);
        wb_u32(&s, 0xFFFFFFFFu);
        wb_fill(&s, 0, 3);
        wb_section(&m, ids[i], &s);
        size_t used = mote_arena_used(a);
        mote_module *mod;
        mote_status st = exh_load(a, &m, &mod);
        if (st != MOTE_ERR_MALFORMED)
            fprintf(stderr, "section %u: %s: %s\n", ids[i], mote_status_name(st),
                    mote_arena_error(a)->message);
        CHECK(st == MOTE_ERR_MALFORMED);
        CHECK(mote_arena_used(a) == used);
        wb_free(&m);
    }
    /* A function with 2^32-1 locals in one group: malformed or over the limit. */
    wbuf body = {0}, m = {0};
    wb_u32(&body, 1);
    wb_u32(&body, 0xFFFFFFFFu);
    wb_byte(&body, T_I32);
    wb_byte(&body, OP_I32_CONST);
    wb_byte(&body, 0);
    wb_byte(&body, OP_END);
    build_one_func(&m, &body);
    mote_module *mod;
    mote_status st = exh_load(a, &m, &mod);
    CHECK(st == MOTE_ERR_LIMIT || st == MOTE_ERR_MALFORMED);
    wb_free(&m);
    return 0;
}
