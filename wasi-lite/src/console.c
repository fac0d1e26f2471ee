/*
 * console.c -- console input as stdin sees it.  The HAL reads bytes
 * without waiting; WASI-lite adds a terminal's end-of-file convention (an
 * eof_byte, Ctrl-D by default: the bytes before it are returned, then one
 * read returns 0) and optional '\r' -> '\n' translation for serial
 * terminals.  Bytes are taken one at a time so that nothing after an EOF
 * byte is consumed early.
 */
#include "internal.h"

bool wl_console_input_ready(mote_wasi *ctx)
{
    return ctx->eof_pending || mote_hal_console_readable();
}

size_t wl_console_read(mote_wasi *ctx, uint8_t *buf, size_t max, bool *eof)
{
    *eof = false;
    if (ctx->eof_pending) {
        ctx->eof_pending = false;
        *eof = true;
        return 0;
    }
    size_t n = 0;
    while (n < max) {
        uint8_t c;
        if (mote_hal_console_read(&c, 1) == 0)
            break;
        if (ctx->cfg.eof_byte != 0 && c == ctx->cfg.eof_byte) {
            if (n == 0)
                *eof = true;
            else
                ctx->eof_pending = true;
            break;
        }
        if (ctx->cfg.input_cr_to_nl && c == '\r')
            c = '\n';
        buf[n++] = c;
    }
    return n;
}
