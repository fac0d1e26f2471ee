/*
 * test_hostile.c -- every WASI-lite host function called the way a hostile
 * or buggy app would: pointers past the end of memory, lengths that wrap
 * 32 bits, bad fds, pins and timers it was not given.  Each call must
 * return its error code, and must not touch anything: not the bytes around
 * the linear memory (guards), not the memory outside the one result the
 * call may write (snapshot), not the console.
 *
 * The module is forward.wat: one export per import, arguments passed
 * through.  Its memory is one 64 KiB page.
 *
 * usage: test_hostile forward.wasm
 */
#include <stdarg.h>
#include <string.h>

#include <mote/hal.h>

#include "mote_check.h"
#include "fixture.h"
#include "sim_hal.h"
#include "wasi_abi.h"

MOTE_CHECK_DEFINE;

#define M 65536u /* bytes of linear memory */
#define PIN_LED 0u
#define PIN_BUTTON 1u
#define PIN_DENIED 2u
#define PIN_INPUT 3u    /* granted as an input only */
#define UART_GRANTED 2u /* granted; the simulator has no aux UARTs */

static fixture fx;

/* Denied calls are reported here, not on the console (cfg.on_denied). */
static char denied_text[128];
static uint32_t denied_count;

static void record_denied(mote_wasi *ctx, const char *what, void *user)
{
    (void)ctx;
    (void)user;
    snprintf(denied_text, sizeof denied_text, "%s", what);
    denied_count++;
}

/* The last call was refused for a missing capability, reported as `what`. */
#define CHECK_DENIED(what)                                                           \
    do {                                                                             \
        CHECK(strcmp(denied_text, (what)) == 0);                                     \
        if (strcmp(denied_text, (what)) != 0)                                        \
            fprintf(stderr, "  denied: '%s', expected '%s'\n", denied_text, (what)); \
        denied_text[0] = 0;                                                          \
    } while (0)

/* ---- helpers --------------------------------------------------------------- */

static void put32(uint32_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        fx.mem[at + i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint32_t at, uint64_t v)
{
    put32(at, (uint32_t)v);
    put32(at + 4, (uint32_t)(v >> 32));
}

static uint32_t get32(uint32_t at)
{
    return (uint32_t)fx.mem[at] | (uint32_t)fx.mem[at + 1] << 8 | (uint32_t)fx.mem[at + 2] << 16 |
           (uint32_t)fx.mem[at + 3] << 24;
}

static uint64_t get64(uint32_t at)
{
    return get32(at) | (uint64_t)get32(at + 4) << 32;
}

static size_t console_len(void)
{
    size_t len;
    sim_console_output(&len);
    return len;
}

/* Calls an export with i32 arguments, after a snapshot. */
static int32_t call(const char *name, int n, ...)
{
    mote_value args[9] = {{.u64 = 0}};
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        args[i].u32 = va_arg(ap, uint32_t);
    va_end(ap);
    fx_snapshot(&fx);
    return fx_call(&fx, name, args, (size_t)n, NULL);
}

/* Same with explicit values (i64 arguments). */
static int32_t call_v(const char *name, const mote_value *args, size_t n)
{
    fx_snapshot(&fx);
    return fx_call(&fx, name, args, n, NULL);
}

/* A bad call: expect `err` back, nothing written anywhere, no output. */
#define CHECK_REJECTED(result, err)           \
    do {                                      \
        size_t out_before_ = console_len();   \
        CHECK_EQ((result), (err));            \
        CHECK(fx_intact(&fx, 0, 0));          \
        CHECK_EQ(console_len(), out_before_); \
    } while (0)

/* ---- fd_write ---------------------------------------------------------------- */

static void test_fd_write(void)
{
    memcpy(fx.mem + 100, "hello", 5);
    put32(200, 100);
    put32(204, 5);
    sim_console_clear();
    CHECK_EQ(call("fd_write", 4, 1, 200, 1, 300), WASI_ESUCCESS);
    CHECK(fx_intact(&fx, 300, 4));
    CHECK_EQ(get32(300), 5);
    size_t len;
    const char *out = sim_console_output(&len);
    CHECK(len == 5 && memcmp(out, "hello", 5) == 0);

    /* the iovec array crosses the end of memory, or its size wraps 32 bits */
    CHECK_REJECTED(call("fd_write", 4, 1, M - 4, 1, 300), WASI_EFAULT);
    CHECK_REJECTED(call("fd_write", 4, 1, 0, 0x20000000, 300), WASI_EFAULT);
    CHECK_REJECTED(call("fd_write", 4, 1, 0xFFFFFFF8u, 1, 300), WASI_EFAULT);
    /* a buffer past the end, wrapping, or longer than memory */
    put32(208, M - 2);
    put32(212, 5);
    CHECK_REJECTED(call("fd_write", 4, 1, 208, 1, 300), WASI_EFAULT);
    put32(208, 0xFFFFFFFFu);
    put32(212, 2);
    CHECK_REJECTED(call("fd_write", 4, 1, 208, 1, 300), WASI_EFAULT);
    put32(208, 16);
    put32(212, 0xFFFFFFFFu);
    CHECK_REJECTED(call("fd_write", 4, 1, 208, 1, 300), WASI_EFAULT);
    /* a good iovec followed by a bad one: nothing at all is written */
    put32(208, 100);
    put32(212, 5);
    put32(216, M - 1);
    put32(220, 2);
    CHECK_REJECTED(call("fd_write", 4, 1, 208, 2, 300), WASI_EFAULT);
    /* the result pointer past the end */
    CHECK_REJECTED(call("fd_write", 4, 1, 200, 1, M - 3), WASI_EFAULT);
    CHECK_REJECTED(call("fd_write", 4, 1, 200, 1, 0xFFFFFFFFu), WASI_EFAULT);
    /* bad fds: stdin, unknown, huge */
    CHECK_REJECTED(call("fd_write", 4, 0, 200, 1, 300), WASI_EBADF);
    CHECK_REJECTED(call("fd_write", 4, 3, 200, 1, 300), WASI_EBADF);
    CHECK_REJECTED(call("fd_write", 4, 0xFFFFFFFFu, 200, 1, 300), WASI_EBADF);
    /* a zero-length iovec's pointer is not looked at */
    put32(208, 0xFFFFFFF0u);
    put32(212, 0);
    CHECK_EQ(call("fd_write", 4, 2, 208, 1, 300), WASI_ESUCCESS);
    CHECK_EQ(get32(300), 0);
    /* no iovecs at all, the array pointer at the very end */
    CHECK_EQ(call("fd_write", 4, 1, M, 0, 300), WASI_ESUCCESS);
    CHECK(fx_intact(&fx, 300, 4));
}

/* ---- fd_read --------------------------------------------------------------------- */

static void test_fd_read(void)
{
    sim_console_input(0, "abc", 3);
    put32(200, 1000);
    put32(204, 16);
    /* bad buffers, array, result, fd: rejected and the input left alone */
    put32(208, M - 8);
    put32(212, 16);
    CHECK_REJECTED(call("fd_read", 4, 0, 208, 1, 300), WASI_EFAULT);
    CHECK_REJECTED(call("fd_read", 4, 0, 0, 0x20000001, 300), WASI_EFAULT);
    CHECK_REJECTED(call("fd_read", 4, 0, 200, 1, M - 2), WASI_EFAULT);
    CHECK_REJECTED(call("fd_read", 4, 1, 200, 1, 300), WASI_EBADF);
    CHECK_REJECTED(call("fd_read", 4, 7, 200, 1, 300), WASI_EBADF);
    CHECK(mote_hal_console_readable());
    /* a good read gets the bytes */
    CHECK_EQ(call("fd_read", 4, 0, 200, 1, 300), WASI_ESUCCESS);
    CHECK(fx_intact2(&fx, 1000, 16, 300, 4) && memcmp(fx.mem + 1000, "abc", 3) == 0);
    CHECK_EQ(get32(300), 3);

    /* the EOF byte: bytes before it, then one end of file, then more input */
    sim_console_input(0, "xy\004z", 4);
    CHECK_EQ(call("fd_read", 4, 0, 200, 1, 300), WASI_ESUCCESS);
    CHECK(get32(300) == 2 && memcmp(fx.mem + 1000, "xy", 2) == 0);
    CHECK_EQ(call("fd_read", 4, 0, 200, 1, 300), WASI_ESUCCESS);
    CHECK_EQ(get32(300), 0);
    CHECK_EQ(call("fd_read", 4, 0, 200, 1, 300), WASI_ESUCCESS);
    CHECK(get32(300) == 1 && fx.mem[1000] == 'z');

    /* scattered over two iovecs */
    sim_console_input(0, "12345", 5);
    put32(200, 1000);
    put32(204, 2);
    put32(208, 2000);
    put32(212, 8);
    CHECK_EQ(call("fd_read", 4, 0, 200, 2, 300), WASI_ESUCCESS);
    CHECK(get32(300) == 5 && memcmp(fx.mem + 1000, "12", 2) == 0 &&
          memcmp(fx.mem + 2000, "345", 3) == 0);

    /* a blocking read waits (polling the console) until input arrives */
    uint64_t t0 = sim_now();
    sim_console_input(t0 + 25000, "late", 4);
    put32(204, 16);
    CHECK_EQ(call("fd_read", 4, 0, 200, 1, 300), WASI_ESUCCESS);
    CHECK(get32(300) == 4 && memcmp(fx.mem + 1000, "late", 4) == 0);
    CHECK(sim_now() >= t0 + 25000 && sim_now() <= t0 + 25000 + 10000);

    /* non-blocking stdin: EAGAIN instead of waiting */
    CHECK_EQ(call("fd_fdstat_set_flags", 2, 0, WASI_FDFLAG_NONBLOCK), WASI_ESUCCESS);
    CHECK_REJECTED(call("fd_read", 4, 0, 200, 1, 300), WASI_EAGAIN);
    CHECK_EQ(call("fd_fdstat_set_flags", 2, 0, 0), WASI_ESUCCESS);

    /* The first iovec's buffer covers the second iovec, and the bytes read
     * point that one past the end of memory: reading stops there (found by
     * fuzz_wasi; wasi-lite used to read into a NULL buffer). */
    put32(200, 204);
    put32(204, 8);
    put32(208, 2000);
    put32(212, 4);
    static const uint8_t hostile[12] = {8, 0, 0, 0, 0xF0, 0xFF, 0xFF, 0xFF, 'r', 'e', 's', 't'};
    sim_console_input(sim_now(), hostile, sizeof hostile);
    CHECK_EQ(call("fd_read", 4, 0, 200, 2, 300), WASI_ESUCCESS);
    CHECK_EQ(get32(300), 8);
    CHECK_EQ(get32(208), 0xFFFFFFF0u);
    CHECK(mote_hal_console_readable()); /* "rest" is still there */
    put32(200, 1000);
    put32(204, 16);
    CHECK_EQ(call("fd_read", 4, 0, 200, 1, 300), WASI_ESUCCESS);
    CHECK(get32(300) == 4 && memcmp(fx.mem + 1000, "rest", 4) == 0);
}

/* ---- fd metadata ------------------------------------------------------------------- */

static void test_fd_meta(void)
{
    CHECK_EQ(call("fd_fdstat_get", 2, 1, 400), WASI_ESUCCESS);
    CHECK(fx_intact(&fx, 400, WASI_FDSTAT_SIZE));
    CHECK_EQ(fx.mem[400], WASI_FILETYPE_CHARACTER_DEVICE);
    CHECK((get64(408) & WASI_RIGHT_FD_WRITE) && !(get64(408) & WASI_RIGHT_FD_READ));
    CHECK_EQ(call("fd_fdstat_get", 2, 0, 400), WASI_ESUCCESS);
    CHECK(get64(408) & WASI_RIGHT_FD_READ);
    CHECK_REJECTED(call("fd_fdstat_get", 2, 1, M - 23), WASI_EFAULT);
    CHECK_REJECTED(call("fd_fdstat_get", 2, 1, 0xFFFFFFF0u), WASI_EFAULT);
    CHECK_REJECTED(call("fd_fdstat_get", 2, 3, 400), WASI_EBADF);

    CHECK_EQ(call("fd_filestat_get", 2, 2, 500), WASI_ESUCCESS);
    CHECK(fx_intact(&fx, 500, WASI_FILESTAT_SIZE) && fx.mem[516] == WASI_FILETYPE_CHARACTER_DEVICE);
    CHECK_REJECTED(call("fd_filestat_get", 2, 2, M - 63), WASI_EFAULT);
    CHECK_REJECTED(call("fd_filestat_get", 2, 4, 500), WASI_EBADF);

    CHECK_REJECTED(call("fd_fdstat_set_flags", 2, 1, 0x8), WASI_ENOTSUP);
    CHECK_REJECTED(call("fd_fdstat_set_flags", 2, 5, 0), WASI_EBADF);

    mote_value seek[4] = {{.u32 = 1}, {.i64 = 10}, {.u32 = 0}, {.u32 = 600}};
    CHECK_REJECTED(call_v("fd_seek", seek, 4), WASI_ESPIPE);
    seek[0].u32 = 9;
    CHECK_REJECTED(call_v("fd_seek", seek, 4), WASI_EBADF);
    CHECK_REJECTED(call("fd_tell", 2, 0, 600), WASI_ESPIPE);
    CHECK_REJECTED(call("fd_tell", 2, 3, 600), WASI_EBADF);
    CHECK_REJECTED(call("fd_prestat_get", 2, 3, 600), WASI_EBADF);
    CHECK_REJECTED(call("fd_prestat_get", 2, 0, M), WASI_EBADF);
    CHECK_REJECTED(call("fd_prestat_dir_name", 3, 3, 600, 10), WASI_EBADF);
    CHECK_EQ(call("fd_sync", 1, 1), WASI_ESUCCESS);
    CHECK_EQ(call("fd_datasync", 1, 2), WASI_ESUCCESS);
    CHECK_REJECTED(call("fd_sync", 1, 3), WASI_EBADF);
}

static void test_fd_close(void)
{
    CHECK_EQ(call("fd_close", 1, 2), WASI_ESUCCESS);
    put32(200, 100);
    put32(204, 5);
    CHECK_REJECTED(call("fd_write", 4, 2, 200, 1, 300), WASI_EBADF);
    CHECK_REJECTED(call("fd_close", 1, 2), WASI_EBADF);
    CHECK_REJECTED(call("fd_close", 1, 3), WASI_EBADF);
    CHECK_REJECTED(call("fd_fdstat_get", 2, 2, 400), WASI_EBADF);
}

/* ---- args and environment ------------------------------------------------------------ */

static void test_strings(const char *sizes, const char *get, uint32_t count, const char *text,
                         uint32_t bytes)
{
    CHECK_EQ(call(sizes, 2, 700, 704), WASI_ESUCCESS);
    CHECK(fx_intact(&fx, 700, 8));
    CHECK_EQ(get32(700), count);
    CHECK_EQ(get32(704), bytes);
    CHECK_REJECTED(call(sizes, 2, M - 3, 704), WASI_EFAULT);
    CHECK_REJECTED(call(sizes, 2, 700, M), WASI_EFAULT);

    CHECK_EQ(call(get, 2, 800, 900), WASI_ESUCCESS);
    CHECK(fx_intact2(&fx, 800, 4 * count, 900, bytes));
    CHECK(memcmp(fx.mem + 900, text, bytes) == 0);
    CHECK_EQ(get32(800), 900);
    CHECK_EQ(get32(804), 900 + (uint32_t)strlen(text) + 1);
    /* the pointer array or the text would cross the end: nothing written */
    CHECK_REJECTED(call(get, 2, M - 4 * count + 1, 900), WASI_EFAULT);
    CHECK_REJECTED(call(get, 2, 800, M - bytes + 1), WASI_EFAULT);
    CHECK_REJECTED(call(get, 2, 800, 0xFFFFFFFFu), WASI_EFAULT);
}

static void test_args_env(void)
{
    test_strings("args_sizes_get", "args_get", 2, "app\0hello", 10);
    test_strings("environ_sizes_get", "environ_get", 2, "A=1\0LONG=xyz", 13);
}

/* ---- clocks and random ----------------------------------------------------------------- */

static void test_clocks(void)
{
    sim_advance(1234);
    mote_value t[3] = {{.u32 = WASI_CLOCK_MONOTONIC}, {.u64 = 0}, {.u32 = 1000}};
    CHECK_EQ(call_v("clock_time_get", t, 3), WASI_ESUCCESS);
    CHECK(fx_intact(&fx, 1000, 8));
    CHECK_EQ(get64(1000), sim_now() * 1000);
    t[2].u32 = M - 7;
    CHECK_REJECTED(call_v("clock_time_get", t, 3), WASI_EFAULT);
    t[2].u32 = 1000;
    t[0].u32 = WASI_CLOCK_REALTIME; /* this board has no wall clock */
    CHECK_REJECTED(call_v("clock_time_get", t, 3), WASI_ENOTSUP);
    t[0].u32 = WASI_CLOCK_PROCESS_CPUTIME;
    CHECK_REJECTED(call_v("clock_time_get", t, 3), WASI_ENOTSUP);
    t[0].u32 = 4;
    CHECK_REJECTED(call_v("clock_time_get", t, 3), WASI_EINVAL);
    t[0].u32 = 0xFFFFFFFFu;
    CHECK_REJECTED(call_v("clock_time_get", t, 3), WASI_EINVAL);

    CHECK_EQ(call("clock_res_get", 2, WASI_CLOCK_MONOTONIC, 1000), WASI_ESUCCESS);
    CHECK_EQ(get64(1000), 1000);
    CHECK_REJECTED(call("clock_res_get", 2, WASI_CLOCK_MONOTONIC, M - 4), WASI_EFAULT);
    CHECK_REJECTED(call("clock_res_get", 2, WASI_CLOCK_REALTIME, 1000), WASI_ENOTSUP);
    CHECK_REJECTED(call("clock_res_get", 2, 99, 1000), WASI_EINVAL);
}

static void test_random(void)
{
    memset(fx.mem + 1100, 0, 64);
    CHECK_EQ(call("random_get", 2, 1100, 64), WASI_ESUCCESS);
    CHECK(fx_intact(&fx, 1100, 64));
    int zeros = 0;
    for (int i = 0; i < 64; i++)
        zeros += fx.mem[1100 + i] == 0;
    CHECK(zeros < 8);
    CHECK_REJECTED(call("random_get", 2, M - 8, 16), WASI_EFAULT);
    CHECK_REJECTED(call("random_get", 2, 16, 0xFFFFFFFFu), WASI_EFAULT);
    CHECK_REJECTED(call("random_get", 2, 0xFFFFFFFFu, 2), WASI_EFAULT);
    CHECK_EQ(call("random_get", 2, M, 0), WASI_ESUCCESS);
}

/* ---- poll_oneoff -------------------------------------------------------------------------- */

#define SUBS 4000u
#define EVENTS 5000u
#define NEVENTS 6000u

static void put_clock_sub(uint32_t i, uint64_t userdata, uint32_t clock, uint64_t timeout_ns,
                          uint16_t flags)
{
    uint32_t at = SUBS + i * WASI_SUBSCRIPTION_SIZE;
    memset(fx.mem + at, 0, WASI_SUBSCRIPTION_SIZE);
    put64(at, userdata);
    fx.mem[at + WASI_SUB_TAG] = 0;
    put32(at + WASI_SUB_CLOCK_ID, clock);
    put64(at + WASI_SUB_CLOCK_TIMEOUT, timeout_ns);
    fx.mem[at + WASI_SUB_CLOCK_FLAGS] = (uint8_t)flags;
}

static void put_fd_sub(uint32_t i, uint64_t userdata, uint8_t tag, uint32_t fd)
{
    uint32_t at = SUBS + i * WASI_SUBSCRIPTION_SIZE;
    memset(fx.mem + at, 0, WASI_SUBSCRIPTION_SIZE);
    put64(at, userdata);
    fx.mem[at + WASI_SUB_TAG] = tag;
    put32(at + WASI_SUB_FD, fd);
}

static uint16_t event_error(uint32_t i)
{
    return (uint16_t)(fx.mem[EVENTS + i * 32 + 8] | fx.mem[EVENTS + i * 32 + 9] << 8);
}

static void test_poll(void)
{
    put_clock_sub(0, 0x1122334455667788ull, WASI_CLOCK_MONOTONIC, 1500000, 0);
    CHECK_REJECTED(call("poll_oneoff", 4, SUBS, EVENTS, 0, NEVENTS), WASI_EINVAL);
    CHECK_REJECTED(call("poll_oneoff", 4, M - 47, EVENTS, 1, NEVENTS), WASI_EFAULT);
    CHECK_REJECTED(call("poll_oneoff", 4, SUBS, M - 31, 1, NEVENTS), WASI_EFAULT);
    CHECK_REJECTED(call("poll_oneoff", 4, SUBS, EVENTS, 1, M - 3), WASI_EFAULT);
    /* 0x5555556 * 48 wraps to 32 bits: must not look like a small array */
    CHECK_REJECTED(call("poll_oneoff", 4, SUBS, EVENTS, 0x5555556, NEVENTS), WASI_EFAULT);
    CHECK_REJECTED(call("poll_oneoff", 4, 0, 0, 0xFFFFFFFFu, NEVENTS), WASI_EFAULT);
    fx.mem[SUBS + WASI_SUB_TAG] = 3;
    CHECK_REJECTED(call("poll_oneoff", 4, SUBS, EVENTS, 1, NEVENTS), WASI_EINVAL);

    /* a relative 1.5 ms sleep takes exactly 1.5 ms of virtual time */
    put_clock_sub(0, 0x1122334455667788ull, WASI_CLOCK_MONOTONIC, 1500000, 0);
    uint64_t t0 = sim_now();
    CHECK_EQ(call("poll_oneoff", 4, SUBS, EVENTS, 1, NEVENTS), WASI_ESUCCESS);
    CHECK(fx_intact2(&fx, EVENTS, 32, NEVENTS, 4));
    CHECK_EQ(sim_now() - t0, 1500);
    CHECK_EQ(get32(NEVENTS), 1);
    CHECK(get64(EVENTS) == 0x1122334455667788ull && event_error(0) == 0 &&
          fx.mem[EVENTS + 10] == WASI_EVENTTYPE_CLOCK);

    /* relative realtime works without a wall clock; absolute realtime does
     * not; an unknown clock is EINVAL: all three as events */
    put_clock_sub(0, 1, WASI_CLOCK_REALTIME, 1000, 0);
    put_clock_sub(1, 2, WASI_CLOCK_REALTIME, 1000, WASI_SUBCLOCK_ABSTIME);
    put_clock_sub(2, 3, 9, 1000, 0);
    CHECK_EQ(call("poll_oneoff", 4, SUBS, EVENTS, 3, NEVENTS), WASI_ESUCCESS);
    CHECK_EQ(get32(NEVENTS), 2);
    CHECK(get64(EVENTS) == 2 && event_error(0) == WASI_ENOTSUP);
    CHECK(get64(EVENTS + 32) == 3 && event_error(1) == WASI_EINVAL);

    /* an absolute monotonic deadline in the past is ready at once */
    t0 = sim_now();
    put_clock_sub(0, 4, WASI_CLOCK_MONOTONIC, 1000, WASI_SUBCLOCK_ABSTIME);
    CHECK_EQ(call("poll_oneoff", 4, SUBS, EVENTS, 1, NEVENTS), WASI_ESUCCESS);
    CHECK(sim_now() == t0 && get32(NEVENTS) == 1);

    /* fds: stdout writable, a bad fd, stdin with input pending */
    put_fd_sub(0, 10, WASI_EVENTTYPE_FD_WRITE, 1);
    put_fd_sub(1, 11, WASI_EVENTTYPE_FD_READ, 7);
    put_fd_sub(2, 12, WASI_EVENTTYPE_FD_READ, 0);
    sim_console_input(sim_now(), "q", 1);
    CHECK_EQ(call("poll_oneoff", 4, SUBS, EVENTS, 3, NEVENTS), WASI_ESUCCESS);
    CHECK_EQ(get32(NEVENTS), 3);
    CHECK(get64(EVENTS) == 10 && event_error(0) == 0);
    CHECK(get64(EVENTS + 32) == 11 && event_error(1) == WASI_EBADF);
    CHECK(get64(EVENTS + 64) == 12 && event_error(2) == 0 && get64(EVENTS + 64 + 16) == 1);
    uint8_t c;
    CHECK_EQ(mote_hal_console_read(&c, 1), 1);

    /* stdin or a timeout, whichever first: the timeout (no input comes) */
    put_fd_sub(0, 20, WASI_EVENTTYPE_FD_READ, 0);
    put_clock_sub(1, 21, WASI_CLOCK_MONOTONIC, 30000000, 0);
    t0 = sim_now();
    CHECK_EQ(call("poll_oneoff", 4, SUBS, EVENTS, 2, NEVENTS), WASI_ESUCCESS);
    CHECK(get32(NEVENTS) == 1 && get64(EVENTS) == 21 && sim_now() - t0 == 30000);
}

/* ---- proc ------------------------------------------------------------------------------------ */

static void test_proc(void)
{
    CHECK_EQ(call("sched_yield", 0), WASI_ESUCCESS);
    CHECK_REJECTED(call("proc_raise", 1, 6), WASI_ENOSYS);
    mote_value code = {.i32 = 7};
    mote_status st;
    fx_call(&fx, "proc_exit", &code, 1, &st);
    CHECK_EQ(st, MOTE_EXIT);
    CHECK_EQ(mote_exit_code(fx.inst), 7);
}

/* ---- everything a console cannot do ------------------------------------------------------------
 */

typedef struct denial {
    const char *name;
    uint16_t console_err; /* for fd 1 */
    int fd_arg;           /* which argument is the fd */
} denial;

static const denial denials[] = {
    {"fd_advise", WASI_ESPIPE, 0},
    {"fd_allocate", WASI_EINVAL, 0},
    {"fd_fdstat_set_rights", WASI_ENOTSUP, 0},
    {"fd_filestat_set_size", WASI_EINVAL, 0},
    {"fd_filestat_set_times", WASI_ENOTSUP, 0},
    {"fd_pread", WASI_ESPIPE, 0},
    {"fd_pwrite", WASI_ESPIPE, 0},
    {"fd_readdir", WASI_ENOTDIR, 0},
    {"fd_renumber", WASI_ENOTSUP, 0},
    {"path_create_directory", WASI_ENOTDIR, 0},
    {"path_filestat_get", WASI_ENOTDIR, 0},
    {"path_filestat_set_times", WASI_ENOTDIR, 0},
    {"path_link", WASI_ENOTDIR, 0},
    {"path_open", WASI_ENOTDIR, 0},
    {"path_readlink", WASI_ENOTDIR, 0},
    {"path_remove_directory", WASI_ENOTDIR, 0},
    {"path_rename", WASI_ENOTDIR, 0},
    {"path_symlink", WASI_ENOTDIR, 2},
    {"path_unlink_file", WASI_ENOTDIR, 0},
    {"sock_accept", WASI_ENOTSOCK, 0},
    {"sock_recv", WASI_ENOTSOCK, 0},
    {"sock_send", WASI_ENOTSOCK, 0},
    {"sock_shutdown", WASI_ENOTSOCK, 0},
};

static void test_denials(void)
{
    for (size_t i = 0; i < sizeof denials / sizeof denials[0]; i++) {
        const denial *d = &denials[i];
        mote_func *f = mote_export_func(fx.inst, d->name);
        CHECK(f != NULL);
        if (f == NULL)
            continue;
        const mote_valtype *params, *results;
        uint32_t np, nr;
        mote_func_type(f, &params, &np, &results, &nr);
        mote_value args[9];
        for (uint32_t k = 0; k < np; k++)
            args[k].u64 = 0xFFFFFFF0u; /* every pointer and length hostile */
        args[d->fd_arg].u64 = 1;
        int32_t got = call_v(d->name, args, np);
        if (got != d->console_err)
            fprintf(stderr, "%s(fd 1) -> %d\n", d->name, got);
        CHECK_REJECTED(got, d->console_err);
        args[d->fd_arg].u64 = 42;
        CHECK_REJECTED(call_v(d->name, args, np), WASI_EBADF);
    }
}

/* ---- the device API ---------------------------------------------------------------------------
 */

#define ERR(e) (-(int32_t)(e))

static void test_gpio_caps(void)
{
    CHECK_EQ(call("mote.gpio_configure", 2, PIN_LED, 2), 0);
    CHECK_EQ(call("mote.gpio_write", 2, PIN_LED, 1), 0);
    CHECK_EQ(call("mote.gpio_read", 1, PIN_LED), 1);
    CHECK_EQ(call("mote.gpio_toggle", 1, PIN_LED), 0);
    CHECK_EQ(call("mote.gpio_read", 1, PIN_LED), 0);
    const uint32_t denied[] = {PIN_DENIED, 63, 64, 0x80000000u, 0xFFFFFFFFu};
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        uint32_t pin = denied[i];
        CHECK_REJECTED(call("mote.gpio_configure", 2, pin, 2), ERR(WASI_ENOTCAPABLE));
        CHECK_REJECTED(call("mote.gpio_write", 2, pin, 1), ERR(WASI_ENOTCAPABLE));
        CHECK_REJECTED(call("mote.gpio_toggle", 1, pin), ERR(WASI_ENOTCAPABLE));
        CHECK_REJECTED(call("mote.gpio_read", 1, pin), ERR(WASI_ENOTCAPABLE));
        CHECK_REJECTED(call("mote.gpio_watch", 2, pin, 3), ERR(WASI_ENOTCAPABLE));
    }
    CHECK_EQ(denied_count, 25);
    CHECK_DENIED("gpio pin 4294967295 (not granted)");
    CHECK_REJECTED(call("mote.gpio_toggle", 1, PIN_DENIED), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("gpio pin 2 (not granted)");
    /* an input-only pin: read and watched, never driven */
    CHECK_REJECTED(call("mote.gpio_configure", 2, PIN_INPUT, 2), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("gpio pin 3 as output (granted as input only)");
    CHECK_REJECTED(call("mote.gpio_write", 2, PIN_INPUT, 1), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("gpio pin 3 as output (granted as input only)");
    CHECK_REJECTED(call("mote.gpio_toggle", 1, PIN_INPUT), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("gpio pin 3 as output (granted as input only)");
    CHECK_EQ(call("mote.gpio_configure", 2, PIN_INPUT, 0), 0);
    CHECK_EQ(call("mote.gpio_read", 1, PIN_INPUT), 0);
    CHECK_EQ(call("mote.gpio_watch", 2, PIN_INPUT, 3), 0);
    CHECK_EQ(call("mote.gpio_watch", 2, PIN_INPUT, 0), 0);
    CHECK_EQ(denied_text[0], 0);
    bool level = true;
    mote_hal_gpio_read(PIN_DENIED, &level);
    CHECK(!level);
    CHECK_REJECTED(call("mote.gpio_configure", 2, PIN_LED, 3), ERR(WASI_EINVAL));
    CHECK_REJECTED(call("mote.gpio_configure", 2, PIN_LED, 0xFFFFFFFFu), ERR(WASI_EINVAL));
    CHECK_REJECTED(call("mote.gpio_watch", 2, PIN_BUTTON, 4), ERR(WASI_EINVAL));
    /* allowed pins the board refuses: the HAL's answer, as an errno */
    CHECK_REJECTED(call("mote.gpio_configure", 2, SIM_PIN_BUSY, 0), ERR(WASI_EBUSY));
    CHECK_REJECTED(call("mote.gpio_configure", 2, SIM_PIN_LED_ONLY, 1), ERR(WASI_ENOTSUP));
    CHECK_REJECTED(call("mote.gpio_watch", 2, SIM_PIN_NO_IRQ, 1), ERR(WASI_ENOTSUP));
    CHECK_EQ(call("mote.gpio_configure", 2, SIM_PIN_LED_ONLY, 2), 0);
}

static void test_timer_caps(void)
{
    mote_value a[3] = {{.u32 = 2}, {.u64 = 1000}, {.u64 = 0}};
    CHECK_REJECTED(call_v("mote.timer_start", a, 3), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("timer 2 (beyond the timers granted)");
    a[0].u32 = 0xFFFFFFFFu;
    CHECK_REJECTED(call_v("mote.timer_start", a, 3), ERR(WASI_ENOTCAPABLE));
    a[0].u32 = 0;
    a[2].u64 = 50; /* a period too short */
    CHECK_REJECTED(call_v("mote.timer_start", a, 3), ERR(WASI_EINVAL));
    CHECK_REJECTED(call("mote.timer_stop", 1, 2), ERR(WASI_ENOTCAPABLE));
    CHECK_REJECTED(call("mote.timer_stop", 1, 0x7FFFFFFF), ERR(WASI_ENOTCAPABLE));
    CHECK_EQ(call("mote.timer_stop", 1, 1), 0); /* stopping an idle timer is fine */
}

/* Is WASI-lite built for several apps (MOTE_WASI_APPS)?  Without them it
 * refuses peers, and the app may message no one. */
#ifndef WASI_TEST_APPS
#define WASI_TEST_APPS 1
#endif

/* Messages: this app may send to "peer" only (in a build with several
 * apps), and has no mailbox and no hub (so no peer runs).
 * tests/wasi/test_apps.c covers delivery. */
static void test_msg_caps(void)
{
    memcpy(fx.mem + 100, "peerx", 5);
    CHECK_REJECTED(call("mote.msg_send", 4, 100, 5, 200, 4), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("message to 'peerx'");
    CHECK_REJECTED(call("mote.msg_send", 4, 100, 3, 200, 4), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("message to 'pee'");
    memset(fx.mem + 300, 'a', 40);
    fx.mem[310] = 1;
    CHECK_REJECTED(call("mote.msg_send", 4, 300, 40, 200, 4), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("message to 'aaaaaaaaaa?aaaa...'");
    /* pointers and lengths first, wrapping ones included */
    CHECK_REJECTED(call("mote.msg_send", 4, M - 2, 4, 200, 4), ERR(WASI_EFAULT));
    CHECK_REJECTED(call("mote.msg_send", 4, 100, 0xFFFFFFFFu, 200, 4), ERR(WASI_EFAULT));
    CHECK_REJECTED(call("mote.msg_send", 4, 100, 4, 0xFFFFFFF0u, 0x20), ERR(WASI_EFAULT));
    CHECK_REJECTED(call("mote.msg_send", 4, 100, 4, 200, 0xFFFFFFFFu), ERR(WASI_EFAULT));
    if (WASI_TEST_APPS) { /* "peer": the 4 bytes at 100 */
        CHECK_REJECTED(call("mote.msg_send", 4, 100, 4, 200, MOTE_WASI_MSG_MAX + 1),
                       ERR(WASI_EMSGSIZE));
        CHECK_REJECTED(call("mote.msg_send", 4, 100, 4, 200, 4), ERR(WASI_ENOENT));
        CHECK_EQ(denied_text[0], 0);
    } else { /* no peers in this build: "peer" is as any other name */
        CHECK_REJECTED(call("mote.msg_send", 4, 100, 4, 200, MOTE_WASI_MSG_MAX + 1),
                       ERR(WASI_ENOTCAPABLE));
        CHECK_DENIED("message to 'peer'");
        CHECK_REJECTED(call("mote.msg_send", 4, 100, 4, 200, 4), ERR(WASI_ENOTCAPABLE));
        CHECK_DENIED("message to 'peer'");
    }
    mote_value r[5] = {{.u32 = 200}, {.u32 = 16}, {.u32 = 300}, {.u32 = 16}, {.i64 = 0}};
    CHECK_REJECTED(call_v("mote.msg_recv", r, 5), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("messages (no mailbox granted)");
    r[0].u32 = M - 8;
    CHECK_REJECTED(call_v("mote.msg_recv", r, 5), ERR(WASI_EFAULT));
    r[0].u32 = 200;
    r[3].u32 = 0x80000000u;
    CHECK_REJECTED(call_v("mote.msg_recv", r, 5), ERR(WASI_EFAULT));
    CHECK_REJECTED(call("mote.msg_watch", 1, 1), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("messages (no mailbox granted)");
    CHECK_EQ(call("mote.msg_watch", 1, 0), 0);
}

/* Auxiliary UARTs: one granted (the simulator has none: -ENOTSUP). */
static void test_uart_caps(void)
{
    CHECK_REJECTED(call("mote.uart_open", 2, 1, 115200), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("uart 1 (not granted)");
    CHECK_REJECTED(call("mote.uart_open", 2, 0, 115200), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("uart 0 (the console: use stdin/stdout)");
    CHECK_REJECTED(call("mote.uart_write", 3, 0xFFFFFFFFu, 0, 4), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("uart 4294967295 (not granted)");
    CHECK_REJECTED(call("mote.uart_read", 3, 7, 0, 4), ERR(WASI_ENOTCAPABLE));
    CHECK_DENIED("uart 7 (not granted)");
    CHECK_REJECTED(call("mote.uart_open", 2, UART_GRANTED, 115200), ERR(WASI_ENOTSUP));
    CHECK_REJECTED(call("mote.uart_write", 3, UART_GRANTED, M - 1, 2), ERR(WASI_EFAULT));
    CHECK_REJECTED(call("mote.uart_read", 3, UART_GRANTED, 0xFFFFFFFFu, 2), ERR(WASI_EFAULT));
    CHECK_REJECTED(call("mote.uart_read", 3, UART_GRANTED, 16, 0xFFFFFFF0u), ERR(WASI_EFAULT));
    CHECK_REJECTED(call("mote.uart_write", 3, UART_GRANTED, 0, 4), ERR(WASI_ENOTSUP));
    CHECK_REJECTED(call("mote.uart_read", 3, UART_GRANTED, 0, 4), ERR(WASI_ENOTSUP));
    CHECK_EQ(denied_text[0], 0);
}

static void test_event_wait_bad(void)
{
    mote_value a[2] = {{.u32 = M - 23}, {.i64 = 0}};
    CHECK_REJECTED(call_v("mote.event_wait", a, 2), ERR(WASI_EFAULT));
    a[0].u32 = 0xFFFFFFF8u;
    CHECK_REJECTED(call_v("mote.event_wait", a, 2), ERR(WASI_EFAULT));
    a[0].u32 = 3000;
    CHECK_REJECTED(call_v("mote.event_wait", a, 2), 0); /* nothing pending */
    a[1].i64 = -1;                                      /* forever, no source */
    CHECK_REJECTED(call_v("mote.event_wait", a, 2), ERR(WASI_EDEADLK));
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s forward.wasm\n", argv[0]);
        return 2;
    }
    static const char *const args[] = {"app", "hello"};
    static const char *const env[] = {"A=1", "LONG=xyz"};
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.argv = args;
    cfg.argc = 2;
    cfg.envp = env;
    cfg.envc = 2;
    cfg.pins = 1u << PIN_LED | 1u << PIN_BUTTON | 1u << PIN_INPUT | 1u << SIM_PIN_BUSY |
               1u << SIM_PIN_LED_ONLY | 1u << SIM_PIN_NO_IRQ;
    cfg.pins_input_only = 1u << PIN_INPUT;
    cfg.max_timers = 2;
    cfg.uarts = 1u | 1u << UART_GRANTED;
    static const char *const peers[] = {"peer", "peerx"};
    cfg.name = "hostile";
    cfg.send_to = peers;
    cfg.send_to_count = 1;
    cfg.on_denied = record_denied;
    sim_reset();
    if (!WASI_TEST_APPS) { /* built for one app per board: peers refused */
        mote_wasi refused;
        CHECK_EQ(mote_wasi_init(&refused, &cfg), MOTE_ERR_UNSUPPORTED);
        cfg.send_to_count = 0;
    }
    fx_open(&fx, argv[1], &cfg);

    test_fd_write();
    test_fd_read();
    test_fd_meta();
    test_args_env();
    test_clocks();
    test_random();
    test_poll();
    test_denials();
    test_gpio_caps();
    test_timer_caps();
    test_msg_caps();
    test_uart_caps();
    test_event_wait_bad();
    test_fd_close();
    test_proc();
    fx_close(&fx);
    return check_summary("test_hostile");
}
