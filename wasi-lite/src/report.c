/*
 * report.c -- printing a failure and a trap's backtrace on the console,
 * without stdio (the core and WASI-lite do not depend on a libc printf).
 */
#include <string.h>

#include "internal.h"

#define MAX_FRAMES 16

static void put(const char *text)
{
    mote_hal_console_write(text, strlen(text));
}

static void put_uint(uint32_t value, unsigned base)
{
    char digits[12];
    size_t n = sizeof digits;
    do {
        digits[--n] = "0123456789abcdef"[value % base];
        value /= base;
    } while (value != 0);
    mote_hal_console_write(digits + n, sizeof digits - n);
}

static void put_frame(const mote_instance *inst, size_t i, const mote_frame *f)
{
    put("  #");
    put_uint((uint32_t)i, 10);
    put(" func ");
    put_uint(f->func, 10);
    size_t len = 0;
    const mote_instance *owner = f->instance != NULL ? f->instance : inst;
    const char *name = mote_module_func_name(mote_instance_module(owner), f->func, &len);
    if (name != NULL) {
        put(" ");
        mote_hal_console_write(name, len);
    }
    if (f->offset != 0) {
        put(" at 0x");
        put_uint(f->offset, 16);
    }
    put("\n");
}

void mote_wasi_report(const mote_arena *arena, const mote_instance *inst)
{
    const mote_error *e = mote_arena_error(arena);
    const char *status = mote_status_name(e->status);
    put("mote: ");
    if (strncmp(e->message, status, strlen(status)) != 0) {
        put(status);        /* unless the message starts with it already */
        put(": ");
    }
    put(e->message);
    put("\n");
    if (e->status != MOTE_TRAP || inst == NULL)
        return;
    mote_frame frames[MAX_FRAMES];
    size_t n = mote_backtrace(inst, frames, MAX_FRAMES);
    for (size_t i = 0; i < n; i++)
        put_frame(inst, i, &frames[i]);
}
