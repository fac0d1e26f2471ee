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
 * Message text.  A build with MOTE_WITH_MESSAGES=0 (the minimal
 * configuration) keeps none of the text of the core's messages: each
 * becomes a code, "@", the file's tag (MOTE_MSG_TAG, which each core file
 * with messages defines) and the line, e.g. "@d265" for line 265 of
 * core/src/decode.c.  tools/mote-msg turns codes back into text from the
 * same source tree.
 *
 * MSG("text") is such a text on its own (for rd_fail and the loader's fail
 * helpers).  error_set() and compile_fail() take a message and its
 * arguments: without message text the arguments are not evaluated, so they
 * must have no side effects.  error_setf() and compile_failf() always
 * format: for wrapping a message made elsewhere ("+0x%x: %s") and for the
 * few messages every build keeps, those that carry a size the embedder
 * acts on (how many bytes an arena or a buffer lacks, a memory above the
 * cap) or name a left-out feature group.
 */
#ifndef MOTE_WITH_MESSAGES
#define MOTE_WITH_MESSAGES 1
#endif
#if MOTE_WITH_MESSAGES
#define MSG(text) text
#define MOTE_MSG_ARGS_(...) __VA_ARGS__
#else
#define MSG(text) "@" MOTE_MSG_TAG MOTE_MSG_LINE_(__LINE__)
#define MOTE_MSG_LINE_(line) MOTE_MSG_STR_(line) /* expands __LINE__ first */
#define MOTE_MSG_STR_(line) #line
/* The arguments are named under sizeof, so they count as used and are not
 * evaluated; the function is declared only, never called. */
int mote_msg_unused_(int, ...);
#define MOTE_MSG_ARGS_(...) ((void)sizeof(mote_msg_unused_(0, __VA_ARGS__)), MSG(~))
#endif

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
mote_status error_setf(mote_error *e, mote_status status, const char *fmt, ...);
/* error_setf with a message (see above): error_set(e, status, "text", ...). */
#define error_set(e, status, ...) error_setf(e, status, MOTE_MSG_ARGS_(__VA_ARGS__))

/* Formats into buf (always NUL-terminated when size > 0); returns length. */
size_t error_format(char *buf, size_t size, const char *fmt, ...);
size_t error_vformat(char *buf, size_t size, const char *fmt, va_list ap);

#endif
