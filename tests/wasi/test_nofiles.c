/*
 * test_nofiles.c -- WASI-lite built without files and without several
 * apps (MOTE_WASI_FILES=OFF, MOTE_WASI_APPS=OFF: the minimal
 * configuration's defaults) answers every file call as a build with files
 * does when the firmware gives the app no directory, and every message
 * call as a build with messages does for an app granted no mailbox and no
 * peers.
 *
 * tests/wasi/CMakeLists.txt builds this program twice: against WASI-lite
 * (test_wasi_nofiles_ref) and against a copy built without both
 * (test_wasi_nofiles, WASI_TEST_NOFILES).  Each makes the same calls --
 * every file and directory call, on the console fds and on fds no file
 * holds, and the message calls, with good and bad pointers -- and prints
 * one "call" line per call with its errno and the bytes it wrote;
 * same_answers.py checks that the two print the same.  Each call must
 * leave memory outside its result untouched (fx_intact).  The copy must
 * also refuse a firmware configuration that gives the app a directory, a
 * hub, a mailbox or peers.
 *
 * usage: test_nofiles forward.wasm
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "mote_check.h"
#include "wasi_abi.h"

MOTE_CHECK_DEFINE;

#define M 65536u
#define RESULT 300u /* a result area of 64 bytes */
#define PATH 1000u
#define IOV 200u
#define DATA 2000u

static fixture fx;

/* Calls export `name` with up to nine values; prints the answer and what
 * the call wrote at RESULT; checks that it wrote nowhere else. */
static void callv(const char *what, const char *name, int n, ...)
{
    memset(fx.mem + RESULT, 0xA5, 64);
    fx_snapshot(&fx);
    mote_status st;
    va_list ap;
    va_start(ap, n);
    int32_t r = fx_call_va(&fx, name, n, ap, &st);
    va_end(ap);
    printf("call %s %s: status %d errno %d result", name, what, (int)st, (int)r);
    for (int i = 0; i < 64; i++)
        printf("%s%02x", i % 8 ? "" : " ", fx.mem[RESULT + i]);
    printf("\n");
    CHECK(st == MOTE_OK);
    CHECK(fx_intact(&fx, RESULT, 64));
}
#define CALL(what, name, ...) callv(what, name, COUNT_ARGS(__VA_ARGS__), __VA_ARGS__)
#define COUNT_ARGS(...) COUNT_(__VA_ARGS__, 9, 8, 7, 6, 5, 4, 3, 2, 1)
#define COUNT_(a, b, c, d, e, f, g, h, i, n, ...) n
#define U(x) ((uint64_t)(x))

static void put32(uint32_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        fx.mem[at + (uint32_t)i] = (uint8_t)(v >> (8 * i));
}

static const uint64_t ALL_RIGHTS = ~(uint64_t)0 >> 35;

/* The calls of one fd: a console fd, or one no file holds. */
static void calls_on(uint32_t fd)
{
    char what[32];
    snprintf(what, sizeof what, "fd %u", (unsigned)fd);
    memcpy(fx.mem + PATH, "data.txt", 8);
    put32(IOV, DATA);
    put32(IOV + 4, 16);
    CALL(what, "fd_prestat_get", U(fd), U(RESULT));
    CALL(what, "fd_prestat_dir_name", U(fd), U(RESULT), U(8));
    CALL(what, "fd_fdstat_get", U(fd), U(RESULT));
    CALL(what, "fd_fdstat_set_flags", U(fd), U(0));
    CALL(what, "fd_fdstat_set_rights", U(fd), U(0), U(0));
    CALL(what, "fd_filestat_get", U(fd), U(RESULT));
    CALL(what, "fd_filestat_set_size", U(fd), U(10));
    CALL(what, "fd_filestat_set_times", U(fd), U(1), U(2), U(3));
    CALL(what, "fd_seek", U(fd), U(0), U(WASI_WHENCE_SET), U(RESULT));
    CALL(what, "fd_tell", U(fd), U(RESULT));
    CALL(what, "fd_pread", U(fd), U(IOV), U(1), U(0), U(RESULT));
    CALL(what, "fd_pwrite", U(fd), U(IOV), U(1), U(0), U(RESULT));
    CALL(what, "fd_readdir", U(fd), U(DATA), U(64), U(0), U(RESULT));
    CALL(what, "fd_allocate", U(fd), U(0), U(16));
    CALL(what, "fd_advise", U(fd), U(0), U(16), U(0));
    CALL(what, "fd_sync", U(fd));
    CALL(what, "fd_datasync", U(fd));
    CALL(what, "fd_renumber", U(fd), U(9));
    CALL(what, "path_open", U(fd), U(0), U(PATH), U(8), U(WASI_O_CREAT), U(ALL_RIGHTS), U(0), U(0),
         U(RESULT));
    CALL(what, "path_open", U(fd), U(0), U(M - 2), U(8), U(0), U(0), U(0), U(0), U(RESULT));
    CALL(what, "path_create_directory", U(fd), U(PATH), U(8));
    CALL(what, "path_filestat_get", U(fd), U(0), U(PATH), U(8), U(RESULT));
    CALL(what, "path_filestat_set_times", U(fd), U(0), U(PATH), U(8), U(1), U(2), U(3));
    CALL(what, "path_unlink_file", U(fd), U(PATH), U(8));
    CALL(what, "path_remove_directory", U(fd), U(PATH), U(8));
    CALL(what, "path_rename", U(fd), U(PATH), U(8), U(fd), U(PATH), U(4));
    CALL(what, "path_link", U(fd), U(0), U(PATH), U(8), U(fd), U(PATH), U(4));
    CALL(what, "path_readlink", U(fd), U(PATH), U(8), U(DATA), U(16), U(RESULT));
    CALL(what, "path_symlink", U(PATH), U(8), U(fd), U(PATH), U(4));
    CALL(what, "fd_close", U(fd));
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s forward.wasm\n", argv[0]);
        return 2;
    }
    mote_wasi_config cfg;
    memset(&cfg, 0, sizeof cfg);
    fx_open(&fx, argv[1], &cfg);
    static const uint32_t fds[] = {3, 4, 31, 0xFFFFFFFF, 0, 1, 2};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        calls_on(fds[i]);
    memcpy(fx.mem + PATH, "peer", 4);
    CALL("to a peer", "mote.msg_send", U(PATH), U(4), U(DATA), U(16));
    CALL("bad pointer", "mote.msg_send", U(M - 2), U(4), U(DATA), U(16));
    CALL("no wait", "mote.msg_recv", U(DATA), U(64), U(RESULT), U(16), U(0));
    CALL("bad pointer", "mote.msg_recv", U(M - 8), U(64), U(RESULT), U(16), U(0));
    CALL("on", "mote.msg_watch", U(1));
    CALL("off", "mote.msg_watch", U(0));
    fx_close(&fx);

#ifdef WASI_TEST_NOFILES
    /* A directory for the app, which this build cannot serve. */
    mote_wasi_fd fdtab[2];
    mote_wasi_preopen pre = {.guest_path = "/data"};
    cfg.preopens = &pre;
    cfg.npreopens = 1;
    cfg.fds = fdtab;
    cfg.max_fds = 2;
    mote_wasi ctx;
    CHECK_EQ(mote_wasi_init(&ctx, &cfg), MOTE_ERR_UNSUPPORTED);
    /* Several apps, which this build cannot serve either. */
    memset(&cfg, 0, sizeof cfg);
    CHECK_EQ(mote_wasi_init(&ctx, &cfg), MOTE_OK);
    mote_wasi_stop(&ctx);
    mote_wasi_hub hub;
    mote_wasi_hub_init(&hub);
    cfg.hub = &hub;
    CHECK_EQ(mote_wasi_init(&ctx, &cfg), MOTE_ERR_UNSUPPORTED);
    CHECK(hub.first == NULL);
    memset(&cfg, 0, sizeof cfg);
    static uint8_t box_buf[MOTE_WASI_MAILBOX_BYTES(2, 16)];
    mote_wasi_mailbox box;
    CHECK_EQ(mote_wasi_mailbox_init(&box, box_buf, sizeof box_buf, 2, 16, 0), MOTE_OK);
    cfg.mailbox = &box;
    CHECK_EQ(mote_wasi_init(&ctx, &cfg), MOTE_ERR_UNSUPPORTED);
    memset(&cfg, 0, sizeof cfg);
    static const char *const peers[] = {"peer"};
    cfg.send_to = peers;
    cfg.send_to_count = 1;
    CHECK_EQ(mote_wasi_init(&ctx, &cfg), MOTE_ERR_UNSUPPORTED);
    return check_summary("wasi nofiles");
#else
    return check_summary("wasi nofiles (reference, with files)");
#endif
}
