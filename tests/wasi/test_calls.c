/*
 * test_calls.c -- WASI-lite built to link only some calls
 * (MOTE_WASI_CALLS="fd_write;proc_exit", tests/wasi/CMakeLists.txt): an
 * app that imports just those runs; an app that imports others is refused
 * at instantiation, naming the first call this build does not have, with
 * the arena as it was.
 *
 * usage: test_calls calls.wasm forward.wasm
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/mote.h>
#include <mote/wasi.h>

#include "mote_check.h"
#include "read_file.h"
#include "sim_hal.h"

MOTE_CHECK_DEFINE;

static uint8_t arena_buf[256 * 1024];

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s calls.wasm forward.wasm\n", argv[0]);
        return 2;
    }
    size_t len;
    uint8_t *wasm = read_file(argv[1], &len);
    CHECK(wasm != NULL);
    mote_arena *a = mote_arena_init(arena_buf, sizeof arena_buf);
    mote_wasi ctx;
    mote_wasi_config cfg;
    memset(&cfg, 0, sizeof cfg);
    CHECK_EQ(mote_wasi_init(&ctx, &cfg), MOTE_OK);

    /* The app that imports only the linked calls. */
    mote_module *m = NULL;
    mote_instance *inst = NULL;
    CHECK_EQ(mote_load(a, wasm, len, NULL, &m), MOTE_OK);
    CHECK_EQ(mote_wasi_imports(&ctx, m, NULL, 0), 2u);
    CHECK_EQ(mote_wasi_instantiate(&ctx, a, m, NULL, &inst), MOTE_OK);
    mote_func *f = inst ? mote_export_func(inst, "write") : NULL;
    CHECK(f != NULL);
    if (f != NULL) {
        mote_value r = {.u64 = 0};
        CHECK_EQ(mote_call(inst, f, NULL, 0, &r, 1), MOTE_OK);
        CHECK_EQ(r.i32, 0);
        const uint8_t *written = mote_memory_ptr(inst, 32, 4);
        CHECK(written != NULL && written[0] == 3 && written[1] == 0);
    }
    mote_wasi_stop(&ctx);
    mote_arena_reset(a);
    free(wasm);

    /* An app that imports every call: of its 62, this build knows 2. */
    wasm = read_file(argv[2], &len);
    CHECK(wasm != NULL);
    CHECK_EQ(mote_wasi_init(&ctx, &cfg), MOTE_OK);
    CHECK_EQ(mote_load(a, wasm, len, NULL, &m), MOTE_OK);
    CHECK_EQ(mote_wasi_imports(&ctx, m, NULL, 0), 2u);
    size_t used = mote_arena_used(a);
    inst = NULL;
    mote_status st = mote_wasi_instantiate(&ctx, a, m, NULL, &inst);
    const char *msg = mote_arena_error(a)->message;
    printf("forward.wasm: %s: %s\n", mote_status_name(st), msg);
    CHECK(st != MOTE_OK && inst == NULL);
    CHECK(strstr(msg, "args_get") != NULL);
    CHECK_EQ(mote_arena_used(a), used);
    /* The report names the option and its list. */
    CHECK(st == MOTE_ERR_UNLINKABLE);
    CHECK(strcmp(mote_wasi_calls_linked(), "fd_write proc_exit") == 0);
    sim_console_clear();
    mote_wasi_report(a, NULL);
    size_t out_len;
    const char *out = sim_console_output(&out_len);
    char report[256] = {0};
    memcpy(report, out, out_len < sizeof report - 1 ? out_len : sizeof report - 1);
    printf("%s", report);
    CHECK(strstr(report, "args_get\"\nmote: MOTE_WASI_CALLS links only: "
                         "fd_write proc_exit\n") != NULL);
    mote_wasi_stop(&ctx);
    free(wasm);
    return check_summary("wasi calls");
}
