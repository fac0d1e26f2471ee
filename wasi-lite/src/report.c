/*
 * report.c -- printing a failure, and a trap with its backtrace, on the
 * console, without stdio (the core and WASI-lite do not depend on a libc
 * printf).  A trap is printed by the core's mote_trap_print_with() with
 * names demangled: the same lines as `mote run` prints on the PC.
 */
#include <string.h>

#include "internal.h"
#include "wl_calls.h" /* generated: WL_CALLS_LIST */

static void put(const char *text)
{
    mote_hal_console_write(text, strlen(text));
}

static void console_write(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    mote_hal_console_write(text, len);
}

size_t mote_wasi_demangle_rename(void *user, const char *name, size_t len, char *out, size_t cap)
{
    (void)user;
    return mote_wasi_demangle(name, len, out, cap);
}

void mote_wasi_report(const mote_arena *arena, const mote_instance *inst)
{
    const mote_error *e = mote_arena_error(arena);
    put("mote: ");
    if (e->status == MOTE_TRAP && inst != NULL && mote_backtrace_depth(inst) > 0) {
        static const mote_trap_print_options demangled = {.rename = mote_wasi_demangle_rename};
        mote_trap_print_with(inst, console_write, NULL, &demangled);
        return;
    }
    const char *status = mote_status_name(e->status);
    if (strncmp(e->message, status, strlen(status)) != 0) {
        put(status); /* unless the message starts with it already */
        put(": ");
    }
    put(e->message);
    put("\n");
    /* A call left out of this build is "unknown" to the core: say why
     * (the macro, not mote_wasi_calls_linked(): nothing is linked for it in
     * a build with every call). */
    const char *calls = WL_CALLS_LIST;
    if (e->status == MOTE_ERR_UNLINKABLE && calls != NULL) {
        put("mote: MOTE_WASI_CALLS links only: ");
        put(calls);
        put("\n");
    }
}
