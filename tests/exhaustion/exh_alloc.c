/*
 * exh_alloc.c -- an allocation failing at every point of a load and of an
 * instantiation (the core's fault-injection hook, mote_arena_fail_at).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h" /* mote_arena_fail_at: a test hook, not public */
#include "exh.h"
#include "fuzz_common.h" /* dummy imports for any module */

/* ---- an allocation failing at every point ----------------------------------- */

/* A module that touches every kind of load-time allocation: types,
 * imports, functions with locals and nested control, a table with an
 * active and a passive element segment, a memory with an active and a
 * passive data segment, a global and exports. */
static void build_rich(wbuf *m)
{
    static const uint8_t types[] = {3,     T_FUNC, 0, 0,     T_FUNC, 1, T_I32, 1,
                                    T_I32, T_FUNC, 2, T_I32, T_I32,  1, T_I32};
    static const uint8_t funcs[] = {3, 1, 2, 0};
    static const uint8_t table[] = {1, T_FUNCREF, 0, 4};
    static const uint8_t memory[] = {1, 1, 1, 2};
    static const uint8_t global[] = {1, T_I32, 1, OP_I32_CONST, 7, OP_END};
    static const uint8_t elems[] = {2, 0,      OP_I32_CONST,
                                    0, OP_END, 3,
                                    1, 2,      3, /* active */
                                    1, 0,      1,
                                    3}; /* passive */
    static const uint8_t datacount[] = {2};
    static const uint8_t datas[] = {2,   0,   OP_I32_CONST, 0, OP_END, 5,   'h', 'e',
                                    'l', 'l', 'o',          1, 3,      'x', 'y', 'z'};
    /* f1 (i32) -> i32: if/else, block, loop, br_table, a local */
    static const uint8_t f1[] = {1,
                                 1,
                                 T_I64,
                                 OP_LOCAL_GET,
                                 0,
                                 OP_IF,
                                 T_I32,
                                 OP_I32_CONST,
                                 1,
                                 OP_ELSE,
                                 OP_BLOCK,
                                 T_VOID,
                                 OP_LOOP,
                                 T_VOID,
                                 OP_LOCAL_GET,
                                 0,
                                 OP_BR_TABLE,
                                 1,
                                 1,
                                 1,
                                 OP_END,
                                 OP_END,
                                 OP_I32_CONST,
                                 2,
                                 OP_END,
                                 OP_END};
    static const uint8_t f2[] = {0, OP_LOCAL_GET, 0, OP_LOCAL_GET, 1, OP_I32_ADD, OP_END};
    /* f3 () -> (): memory.init of the passive segment, a call of the import */
    static const uint8_t f3[] = {
        0, OP_I32_CONST, 0, OP_I32_CONST, 0, OP_I32_CONST, 1,     OP_PREFIX_FC, FC_MEMORY_INIT, 1,
        0, OP_I32_CONST, 3, OP_CALL,      0, OP_DROP,      OP_END};
    wbuf s = {0};
    wb_header(m);
    wb_bytes(&s, types, sizeof types);
    wb_section(m, SEC_TYPE, &s);
    wb_u32(&s, 1);
    wb_name(&s, "env");
    wb_name(&s, "f");
    wb_byte(&s, 0);
    wb_byte(&s, 1);
    wb_section(m, SEC_IMPORT, &s);
    wb_bytes(&s, funcs, sizeof funcs);
    wb_section(m, SEC_FUNC, &s);
    wb_bytes(&s, table, sizeof table);
    wb_section(m, SEC_TABLE, &s);
    wb_bytes(&s, memory, sizeof memory);
    wb_section(m, SEC_MEMORY, &s);
    wb_bytes(&s, global, sizeof global);
    wb_section(m, SEC_GLOBAL, &s);
    wb_u32(&s, 4);
    wb_name(&s, "f1");
    wb_byte(&s, 0);
    wb_u32(&s, 1);
    wb_name(&s, "mem");
    wb_byte(&s, 2);
    wb_u32(&s, 0);
    wb_name(&s, "g");
    wb_byte(&s, 3);
    wb_u32(&s, 0);
    wb_name(&s, "t");
    wb_byte(&s, 1);
    wb_u32(&s, 0);
    wb_section(m, SEC_EXPORT, &s);
    wb_bytes(&s, elems, sizeof elems);
    wb_section(m, SEC_ELEM, &s);
    wb_bytes(&s, datacount, sizeof datacount);
    wb_section(m, SEC_DATACOUNT, &s);
    wb_u32(&s, 3);
    wbuf body = {0};
    wb_bytes(&body, f1, sizeof f1);
    wb_body(&s, &body);
    wb_bytes(&body, f2, sizeof f2);
    wb_body(&s, &body);
    wb_bytes(&body, f3, sizeof f3);
    wb_body(&s, &body);
    wb_section(m, SEC_CODE, &s);
    wb_bytes(&s, datas, sizeof datas);
    wb_section(m, SEC_DATA, &s);
}

#define FAIL_ARENA (4u << 20)
#define OBJECT_ARENA (1u << 20)

/* Allocations a load (or, after it, an instantiation) makes: the hook
 * counts them while armed, and never reaches UINT32_MAX. */
static uint32_t count_allocations(mote_arena *a)
{
    return a->alloc_count;
}

/* Fails the k-th allocation of a load of wasm, for every k up to the number
 * of allocations a load makes; then the same for instantiation.  Each run
 * must either get past the failure (the loader degrades gracefully where it
 * can) or end with MOTE_ERR_NO_MEMORY and a message, leaving the arena as
 * it was and usable.  False if the module needs a feature group this build
 * leaves out (minimal): then it is refused, and skipped. */
static bool fail_each(const char *what, const uint8_t *wasm, size_t len, uint8_t *buf,
                      uint8_t *object_buf)
{
    fuzz_imports *fi = calloc(1, sizeof *fi);
    mote_arena *objects = mote_arena_init(object_buf, OBJECT_ARENA);
    mote_arena *a = mote_arena_init(buf, FAIL_ARENA);
    mote_module *m;
    exh_current = a;
    mote_arena_fail_at(a, UINT32_MAX);
    mote_status st = fi ? mote_load(a, wasm, len, NULL, &m) : MOTE_ERR_NO_MEMORY;
    if (st == MOTE_ERR_UNSUPPORTED && exh_not_built(a)) {
        printf("%s: not in this build: %s\n", what, mote_arena_error(a)->message);
        free(fi);
        return false;
    }
    if (!CHECKF(st == MOTE_OK && fuzz_make_imports(fi, m, objects, FUZZ_HOST_ZEROS) >= 0,
                "%s: does not load or link", what)) {
        if (fi)
            fuzz_imports_free(fi);
        free(fi);
        return true;
    }
    uint32_t load_allocs = count_allocations(a);
    mote_arena_fail_at(a, UINT32_MAX);
    mote_instance *inst;
    CHECK(mote_instantiate(a, m, fi->imports, fi->count, NULL, &inst) == MOTE_OK);
    uint32_t inst_allocs = count_allocations(a);

    uint32_t load_errors = 0, inst_errors = 0;
    for (uint32_t k = 1; k <= load_allocs; k++) {
        a = mote_arena_init(buf, FAIL_ARENA);
        exh_current = a;
        size_t used = mote_arena_used(a);
        mote_arena_fail_at(a, k);
        m = (mote_module *)1;
        mote_status st = mote_load(a, wasm, len, NULL, &m);
        if (st == MOTE_OK)
            continue;
        load_errors++;
        CHECK(st == MOTE_ERR_NO_MEMORY);
        CHECK(m == NULL);
        CHECK(mote_arena_used(a) == used);
        CHECK(mote_arena_error(a)->message[0] != 0);
        mote_arena_fail_at(a, 0);
        CHECK(mote_load(a, wasm, len, NULL, &m) == MOTE_OK);
    }
    for (uint32_t k = 1; k <= inst_allocs; k++) {
        a = mote_arena_init(buf, FAIL_ARENA);
        exh_current = a;
        if (mote_load(a, wasm, len, NULL, &m) != MOTE_OK) {
            CHECK(0);
            break;
        }
        size_t used = mote_arena_used(a);
        mote_arena_fail_at(a, k);
        inst = (mote_instance *)1;
        mote_status st = mote_instantiate(a, m, fi->imports, fi->count, NULL, &inst);
        if (st == MOTE_OK)
            continue;
        inst_errors++;
        CHECK(st == MOTE_ERR_NO_MEMORY);
        CHECK(inst == NULL);
        CHECK(mote_arena_used(a) == used);
        mote_arena_fail_at(a, 0);
        CHECK(mote_instantiate(a, m, fi->imports, fi->count, NULL, &inst) == MOTE_OK);
    }
    printf("%s: load %u allocations (%u failures reported, the rest absorbed), "
           "instantiate %u (%u reported)\n",
           what, load_allocs, load_errors, inst_allocs, inst_errors);
    CHECK(load_errors > 0);
    fuzz_imports_free(fi);
    free(fi);
    return true;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = malloc(*len ? *len : 1);
    if (p && fread(p, 1, *len, f) != *len) {
        free(p);
        p = NULL;
    }
    fclose(f);
    return p;
}

/* The built-in module, then each module file given (the spec modules of
 * the fuzz seed corpus, registered by CMake).  A build without some feature
 * groups skips the modules that need them (never all of them). */
int case_fail_every_alloc(int argc, char **argv)
{
    uint8_t *buf = malloc(FAIL_ARENA), *object_buf = malloc(OBJECT_ARENA);
    wbuf m = {0};
    int ran = 0, not_built = 0;
    build_rich(&m);
    if (fail_each("rich module", m.p, m.len, buf, object_buf))
        ran++;
    else
        not_built++;
    wb_free(&m);
    for (int i = 0; i < argc; i++) {
        size_t len;
        uint8_t *wasm = read_file(argv[i], &len);
        CHECK(wasm != NULL);
        if (wasm && fail_each(argv[i], wasm, len, buf, object_buf))
            ran++;
        else if (wasm)
            not_built++;
        free(wasm);
    }
    printf("%d modules, %d not in this build\n", ran, not_built);
    CHECK(ran > not_built);
    free(buf);
    free(object_buf);
    return 0;
}
