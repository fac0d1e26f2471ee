/*
 * test_link.c -- linking apps against WASI-lite:
 *   all_imports.wasm   every function in wasi-libc's <wasi/api.h> and every
 *                      device call, with wasi-libc's types: links
 *   unknown.wasm       an import WASI-lite does not have: unlinkable, named
 *   mistyped.wasm      fd_write with the wrong type: unlinkable
 *   many.wasm          more WASI-lite imports than MOTE_WASI_MAX_IMPORTS:
 *                      MOTE_ERR_LIMIT, arena untouched
 *
 * usage: test_link all_imports.wasm unknown.wasm mistyped.wasm many.wasm
 */
#include <stdlib.h>
#include <string.h>

#include "mote_check.h"
#include "read_file.h"
#include "sim_hal.h"

#include <mote/wasi.h>

MOTE_CHECK_DEFINE;

static uint8_t arena_buf[4 << 20];
static uint8_t *wasm; /* the module reads its bytes in place: kept
                         until the next link() resets the arena */

static mote_status link(const char *path, mote_arena **arena_out, uint32_t *imports)
{
    size_t len;
    free(wasm);
    wasm = read_file(path, &len);
    mote_arena *arena = mote_arena_init(arena_buf, sizeof arena_buf);
    mote_module *m;
    if (mote_load(arena, wasm, len, NULL, &m) != MOTE_OK) {
        fprintf(stderr, "%s: %s\n", path, mote_arena_error(arena)->message);
        exit(2);
    }
    static mote_wasi ctx;
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    mote_wasi_init(&ctx, &cfg);
    *imports = mote_module_num_imports(m);
    size_t before = mote_arena_used(arena);
    mote_instance *inst;
    mote_status st = mote_wasi_instantiate(&ctx, arena, m, NULL, &inst);
    if (st != MOTE_OK)
        CHECK_EQ(mote_arena_used(arena), before);
    *arena_out = arena;
    return st;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s all.wasm unknown.wasm mistyped.wasm many.wasm\n", argv[0]);
        return 2;
    }
    mote_arena *arena;
    uint32_t n;
    CHECK_EQ(link(argv[1], &arena, &n), MOTE_OK);
    CHECK_EQ(n, WASI_API_COUNT + 10);
    if (mote_arena_error(arena)->status != MOTE_OK)
        fprintf(stderr, "all_imports: %s\n", mote_arena_error(arena)->message);

    CHECK_EQ(link(argv[2], &arena, &n), MOTE_ERR_UNLINKABLE);
    CHECK(strstr(mote_arena_error(arena)->message, "no_such_call") != NULL);

    CHECK_EQ(link(argv[3], &arena, &n), MOTE_ERR_UNLINKABLE);
    CHECK(strstr(mote_arena_error(arena)->message, "fd_write") != NULL);

    CHECK_EQ(link(argv[4], &arena, &n), MOTE_ERR_LIMIT);
    CHECK_EQ(n, MOTE_WASI_MAX_IMPORTS + 1);
    free(wasm);
    return check_summary("test_link");
}
