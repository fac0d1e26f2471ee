/*
 * caps.c -- the capability checks the host functions share, and the
 * report of a refused call.  A refused call returns -ENOTCAPABLE to the
 * app (the caller does that) and is reported once here, with a text
 * naming what was missing, to cfg.on_denied or on the console.
 */
#include <string.h>

#include "internal.h"

bool wl_cap_pin(const mote_wasi *ctx, uint32_t pin, bool drive)
{
    if (pin >= 64 || (ctx->cfg.pins >> pin & 1u) == 0)
        return false;
    return !drive || (ctx->cfg.pins_input_only >> pin & 1u) == 0;
}

bool wl_cap_uart(const mote_wasi *ctx, uint32_t uart)
{
    return uart < 32 && (ctx->cfg.uarts >> uart & 1u) != 0;
}

/* Appends text to a fixed buffer, cutting at its end. */
static size_t append(char *buf, size_t at, size_t cap, const char *text)
{
    while (*text != 0 && at + 1 < cap)
        buf[at++] = *text++;
    buf[at] = 0;
    return at;
}

static size_t append_uint(char *buf, size_t at, size_t cap, uint32_t v)
{
    char digits[11];
    size_t n = sizeof digits - 1;
    digits[n] = 0;
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    return append(buf, at, cap, digits + n);
}

void wl_deny(mote_wasi *ctx, const char *what, int64_t number, const char *detail)
{
    char text[96];
    size_t n = append(text, 0, sizeof text, what);
    if (number >= 0)
        n = append_uint(text, n, sizeof text, (uint32_t)number);
    if (detail != NULL)
        append(text, n, sizeof text, detail);
    ctx->denied++;
    if (ctx->cfg.on_denied != NULL) {
        ctx->cfg.on_denied(ctx, text, ctx->cfg.denied_user);
        return;
    }
    if (ctx->denied > MOTE_WASI_DENIED_REPORTS)
        return;
    char line[160];
    n = append(line, 0, sizeof line, "mote: ");
    n = append(line, n, sizeof line, ctx->cfg.name != NULL ? ctx->cfg.name : "app");
    n = append(line, n, sizeof line, ": denied: ");
    n = append(line, n, sizeof line, text);
    if (ctx->denied == MOTE_WASI_DENIED_REPORTS)
        n = append(line, n, sizeof line, " (further denials are not shown)");
    n = append(line, n, sizeof line, "\n");
    mote_hal_console_write(line, n);
}

uint32_t mote_wasi_denied(const mote_wasi *ctx)
{
    return ctx->denied;
}
