/*
 * error.h -- filling in mote_error records.
 *
 * The core has no stdio, so it carries a small formatter: %s (C string),
 * %.*s (length + bytes), %d, %u, %x (32-bit), %lu/%lx (64-bit, given as
 * uint64_t), %z (size_t) and %%.  Output is truncated to the record.
 */
#ifndef MOTE_ERROR_H
#define MOTE_ERROR_H

#include <stdarg.h>

#include "mote/mote.h"

/*
 * The one way a failure travels through the loader and the compiler: every
 * step that can fail returns a mote_status, with its message already
 * recorded (error_set, fail_at, compile_fail), and its caller passes it up
 * with TRY.
 */
#define TRY(expr)                     \
    do {                              \
        mote_status try_st_ = (expr); \
        if (try_st_ != MOTE_OK)       \
            return try_st_;           \
    } while (0)

/* Sets status and message; clears trap/func/offset.  Returns status. */
mote_status error_set(mote_error *e, mote_status status, const char *fmt, ...);

/* Formats into buf (always NUL-terminated when size > 0); returns length. */
size_t error_format(char *buf, size_t size, const char *fmt, ...);
size_t error_vformat(char *buf, size_t size, const char *fmt, va_list ap);

#endif
