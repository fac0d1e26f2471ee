/*
 * cases_wasi.c -- WASI-lite host functions given pointers and lengths that
 * wrap in 32 bits: iovec arrays, iovec buffers, result pointers, random
 * and argument buffers, time results.  Each must answer EFAULT (or another
 * error) without reading or writing outside the app's memory.  And a timer
 * due so far ahead that its tick count overflows the board's counter: the
 * firmware must go on running.
 */
#include <string.h>

#include <mote/hal.h>
#include <mote/wasi.h>

#include "hostile.h"

#define EFAULT 21

enum { T4, T2, TCLOCK, TTIMER };
static const struct {
    const char *module, *name;
    int type;
} imports[] = {
    {"wasi_snapshot_preview1", "fd_write", T4},
    {"wasi_snapshot_preview1", "random_get", T2},
    {"wasi_snapshot_preview1", "args_get", T2},
    {"wasi_snapshot_preview1", "args_sizes_get", T2},
    {"wasi_snapshot_preview1", "environ_get", T2},
    {"wasi_snapshot_preview1", "clock_time_get", TCLOCK},
    {"mote", "timer_start", TTIMER},
};
#define NIMPORTS (sizeof imports / sizeof imports[0])

/* Imports each function and exports a wrapper "w_<name>" of the same type
 * that passes its arguments on; memory 0 is one page. */
static size_t forwarder(uint8_t *buf, size_t cap)
{
    wb b;
    wb_init(&b, buf, cap);
    wb_section_begin(&b, 1);
    wb_u32(&b, 4);
    wb_bytes(&b, "\x60\x04\x7f\x7f\x7f\x7f\x01\x7f", 8);
    wb_bytes(&b, "\x60\x02\x7f\x7f\x01\x7f", 6);
    wb_bytes(&b, "\x60\x03\x7f\x7e\x7f\x01\x7f", 7);
    wb_bytes(&b, "\x60\x03\x7f\x7e\x7e\x01\x7f", 7);
    wb_section_end(&b);
    wb_section_begin(&b, 2);
    wb_u32(&b, NIMPORTS);
    for (size_t i = 0; i < NIMPORTS; i++) {
        wb_name(&b, imports[i].module);
        wb_name(&b, imports[i].name);
        wb_byte(&b, 0);
        wb_u32(&b, (uint32_t)imports[i].type);
    }
    wb_section_end(&b);
    wb_section_begin(&b, 3);
    wb_u32(&b, NIMPORTS);
    for (size_t i = 0; i < NIMPORTS; i++)
        wb_u32(&b, (uint32_t)imports[i].type);
    wb_section_end(&b);
    wb_section_begin(&b, 5);
    wb_bytes(&b, "\x01\x00\x01", 3);
    wb_section_end(&b);
    wb_section_begin(&b, 7);
    wb_u32(&b, NIMPORTS + 1);
    wb_name(&b, "memory");
    wb_byte(&b, 2);
    wb_u32(&b, 0);
    for (size_t i = 0; i < NIMPORTS; i++) {
        char name[32] = "w_";
        strncat(name, imports[i].name, sizeof name - 3);
        wb_name(&b, name);
        wb_byte(&b, 0);
        wb_u32(&b, (uint32_t)(NIMPORTS + i));
    }
    wb_section_end(&b);
    wb_section_begin(&b, 10);
    wb_u32(&b, NIMPORTS);
    for (size_t i = 0; i < NIMPORTS; i++) {
        int nargs = imports[i].type == T4 ? 4 : imports[i].type == T2 ? 2 : 3;
        wb_begin(&b);
        wb_u32(&b, 0);
        for (int k = 0; k < nargs; k++) {
            wb_byte(&b, OP(local_get));
            wb_u32(&b, (uint32_t)k);
        }
        wb_byte(&b, OP(call));
        wb_u32(&b, (uint32_t)i);
        wb_byte(&b, OP(end));
        wb_end(&b);
    }
    wb_section_end(&b);
    return b.overflow ? 0 : b.len;
}

static mote_instance *inst;

static int32_t wasi(const char *name, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    char export_name[32] = "w_";
    strncat(export_name, name, sizeof export_name - 3);
    mote_func *f = mote_export_func(inst, export_name);
    const mote_valtype *p, *r;
    uint32_t np, nr;
    mote_func_type(f, &p, &np, &r, &nr);
    mote_value args[4] = {{.u64 = a}, {.u64 = b}, {.u64 = c}, {.u64 = d}}, res = {.u64 = 0};
    for (uint32_t i = 0; i < np; i++)
        if (p[i] == MOTE_I32)
            args[i].u64 = (uint32_t)args[i].u64;
    mote_status st = mote_call(inst, f, args, np, &res, 1);
    CHECKF(st == MOTE_OK, "%s: %s", name, mote_status_name(st));
    return res.i32;
}

/* Writes an iovec {buf, len} at `at` in the app's memory. */
static void put_iovec(uint32_t at, uint32_t buf, uint32_t len)
{
    uint8_t *p = mote_memory_ptr(inst, at, 8);
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(buf >> (8 * i));
        p[4 + i] = (uint8_t)(len >> (8 * i));
    }
}

static void calls(void)
{
    /* fd_write: the iovec array, each buffer, the result pointer */
    CHECK(wasi("fd_write", 1, 0xFFFFFFF8, 2, 0) == EFAULT);
    CHECK(wasi("fd_write", 1, 0x100, 0x20000000, 0) == EFAULT); /* 2^29 * 8 wraps to 0 */
    CHECK(wasi("fd_write", 1, 0x100, 0xFFFFFFFF, 0) == EFAULT);
    put_iovec(0x100, 0xFFFFFFF0, 0x20);
    CHECK(wasi("fd_write", 1, 0x100, 1, 0) == EFAULT);
    put_iovec(0x100, 0x10, 0xFFFFFFF0);
    CHECK(wasi("fd_write", 1, 0x100, 1, 0) == EFAULT);
    put_iovec(0x100, 0x10, 0);
    put_iovec(0x108, 0xFFFFFFFF, 2);
    CHECK(wasi("fd_write", 1, 0x100, 2, 0) == EFAULT);
    CHECK(wasi("fd_write", 1, 0x100, 1, 0xFFFFFFFE) == EFAULT);
    CHECK(wasi("fd_write", 1, 0x100, 1, 65533) == EFAULT);
    CHECK(wasi("fd_write", 1, 0x100, 1, 65532) == 0); /* 0 bytes written */
    /* random_get */
    CHECK(wasi("random_get", 0xFFFFFF00, 0x200, 0, 0) == EFAULT);
    CHECK(wasi("random_get", 0x10, 0xFFFFFFF8, 0, 0) == EFAULT);
    CHECK(wasi("random_get", 65536, 1, 0, 0) == EFAULT);
    CHECK(wasi("random_get", 65535, 1, 0, 0) == 0);
    /* arguments and environment: arrays and string buffers */
    CHECK(wasi("args_sizes_get", 0xFFFFFFFE, 0, 0, 0) == EFAULT);
    CHECK(wasi("args_sizes_get", 0, 0xFFFFFFFD, 0, 0) == EFAULT);
    CHECK(wasi("args_get", 0xFFFFFFFC, 0x200, 0, 0) == EFAULT);
    CHECK(wasi("args_get", 0x100, 0xFFFFFFFA, 0, 0) == EFAULT);
    CHECK(wasi("args_get", 0x100, 65535, 0, 0) == EFAULT); /* "hostile\0" does not fit */
    CHECK(wasi("environ_get", 0xFFFFFFFC, 0x200, 0, 0) == EFAULT);
    CHECK(wasi("environ_get", 0x100, 0xFFFFFFFF, 0, 0) == EFAULT);
    /* clock_time_get's 8-byte result */
    CHECK(wasi("clock_time_get", 1, 0, 0xFFFFFFF9, 0) == EFAULT);
    CHECK(wasi("clock_time_get", 1, 0, 65529, 0) == EFAULT);
    CHECK(wasi("clock_time_get", 1, UINT64_MAX, 65528, 0) == 0);
    CHECK(sandbox_intact());
}

/* 2^62 us from now: short of "never" (2^64 - 1), but a 64-bit count of
 * ticks at 4 MHz or more cannot hold it (riscv-virt's mtime runs at
 * 10 MHz).  A timer driver that wraps the count arms its comparator in
 * the past and interrupts for ever: the sleep below never returns, and
 * the runner's timeout reports the hang. */
static void far_timer(void)
{
    CHECK(wasi("timer_start", 0, UINT64_C(1) << 62, 0, 0) == 0);
#ifndef HOSTILE_NO_SLEEP
    uint64_t t0 = mote_hal_time_us();
    mote_hal_sleep_us(20000);
    CHECK(mote_hal_time_us() - t0 >= 20000);
#endif
}

void cases_wasi(void)
{
    static uint8_t module[1024];
    static const char *const argv[] = {"hostile"};
    static const char *const envp[] = {"A=b"};
    size_t len = forwarder(module, sizeof module);
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.argv = argv;
    cfg.argc = 1;
    cfg.envp = envp;
    cfg.envc = 1;
    cfg.max_timers = 1;
    static mote_wasi ctx;
    mote_arena_reset(hostile_arena);
    mote_module *m;
    mote_instance_config small = {.value_stack_bytes = 4096, .call_stack_bytes = 1024};
    if (!CHECK(len > 0) || !CHECK(mote_wasi_init(&ctx, &cfg) == MOTE_OK) ||
        !CHECK(mote_load(hostile_arena, module, len, NULL, &m) == MOTE_OK) ||
        !CHECK(mote_wasi_instantiate(&ctx, hostile_arena, m, &small, &inst) == MOTE_OK))
        return;
    calls();
    far_timer();
    mote_wasi_stop(&ctx);
}
