/*
 * error.h -- filling in mote_error records.
 *
 * The core has no stdio, so it carries a small formatter: %s (C string),
 * %.*s (length + bytes), %m (a msg_t, below), %d, %u, %x (32-bit), %lu/%lx
 * (64-bit, given as uint64_t), %z (size_t) and %%.  Output is truncated to
 * the record.
 */
#ifndef MOTE_ERROR_H
#define MOTE_ERROR_H

#include <stdarg.h>

#include "mote/mote.h"

/*
 * Message text.  A build with MOTE_WITH_MESSAGES=0 (the minimal
 * configuration) keeps none of the text of the core's messages: each
 * becomes a code, printed as "@", the file's tag (MOTE_MSG_TAG, which each
 * core file with messages defines) and the line, e.g. "@d265" for line 265
 * of core/src/decode.c.  tools/mote-msg turns codes back into text from the
 * same source tree.
 *
 * A message travels as a msg_t: the text itself with messages, a 16-bit
 * number without (the file's place in MOTE_MSG_FILES << 12 | the line), so
 * that a failure costs a constant, not a string and a pointer to it.  The
 * formatter prints one with "%m" (error.c).
 *
 * MSG("text") is such a message on its own (for rd_fail and the loader's
 * fail helpers).  MSG_STR("text") is the same as a C string (the code's
 * text without messages), for the few places that take one: a trap's
 * message, a format.  MSG_KEPT(n) is text n of the two every build keeps
 * (MOTE_MSG_KEPT_n_: the reader's "unexpected end", the opcode scanner's
 * "illegal opcode"), a number that error.c prints as the text without
 * message text.  error_set() and compile_fail() take a
 * message and its arguments: without message text the arguments are not
 * evaluated, so they must have no side effects.  error_setf() and
 * compile_failf() always format: for wrapping a message made elsewhere
 * ("+0x%x: %m") and for the few messages every build keeps, those that
 * carry a size the embedder acts on (how many bytes an arena or a buffer
 * lacks, a memory above the cap) or name a left-out feature group.
 */
#ifndef MOTE_WITH_MESSAGES
#define MOTE_WITH_MESSAGES 1
#endif
#define MOTE_MSG_KEPT_1_ "unexpected end"
#define MOTE_MSG_KEPT_2_ "illegal opcode"
#define MOTE_MSG_LINE_(line) MOTE_MSG_STR_(line) /* expands __LINE__ first */
#define MOTE_MSG_STR_(line) #line
#if MOTE_WITH_MESSAGES
typedef const char *msg_t;
#define MSG(text) text
#define MSG_STR(text) text
#define MSG_KEPT(n) MOTE_MSG_KEPT_##n##_
#define MOTE_MSG_ARGS_(...) __VA_ARGS__
#else
typedef uint16_t msg_t;
/* The files with messages, as the code numbers them (1-14; 0: the kept
 * texts). */
/* clang-format off */
#define MOTE_MSG_FILES(F) \
    F(1, "a") F(2, "c") F(3, "cc") F(4, "ce") F(5, "co") F(6, "cs") F(7, "d") \
    F(8, "i") F(9, "ic") F(10, "im") F(11, "k") F(12, "r") F(13, "s") F(14, "t")
/* clang-format on */
/* This file's number: the one term whose tag is MOTE_MSG_TAG is nonzero.
 * A literal's characters fold, so it is a constant (not one C calls an
 * integer constant expression, hence no static check: unit/messages
 * decodes every code against the text build). */
#define MOTE_MSG_IS_(i, t) +(MOTE_MSG_TAG[0] == (t)[0] && MOTE_MSG_TAG[1] == (t)[1] ? (i) : 0)
#define MOTE_MSG_FILE_ (0 MOTE_MSG_FILES(MOTE_MSG_IS_))
/* A line past 4095 does not fit the code: it does not compile either. */
#define MOTE_MSG_LINE_OK_(line) ((unsigned)(line) + 0 * sizeof(char[(line) < 4096 ? 1 : -1]))
#define MSG(text) ((msg_t)(MOTE_MSG_FILE_ << 12 | MOTE_MSG_LINE_OK_(__LINE__)))
#define MSG_STR(text) "@" MOTE_MSG_TAG MOTE_MSG_LINE_(__LINE__)
#define MSG_KEPT(n) ((msg_t)(n))
/* The arguments are named under sizeof, so they count as used and are not
 * evaluated; the function is declared only, never called. */
int mote_msg_unused_(int, ...);
#define MOTE_MSG_ARGS_(...) ((void)sizeof(mote_msg_unused_(0, __VA_ARGS__)), MSG(~))
#endif
/* The texts every build keeps. */
#define MSG_UNEXPECTED_END MSG_KEPT(1)
#define MSG_ILLEGAL_OPCODE MSG_KEPT(2)

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
/* error_setf with a message (see above): error_set(e, status, "text", ...).
 * Without message text, error_msg() records the code alone. */
#if MOTE_WITH_MESSAGES
#define error_set(e, status, ...) error_setf(e, status, __VA_ARGS__)
#else
mote_status error_msg(mote_error *e, mote_status status, msg_t msg);
#define error_set(e, status, ...) error_msg(e, status, MOTE_MSG_ARGS_(__VA_ARGS__))
#endif

/* String n of `list`: strings each ended by a NUL, the last followed by
 * an empty one; n past the last gives the last (a name for "unknown").  A
 * walk, for names listed in the order of their enum: no table of
 * pointers, which would take 4 bytes an entry. */
const char *error_nth_string(const char *list, unsigned n);

/* Formats into buf (always NUL-terminated when size > 0); returns length. */
size_t error_format(char *buf, size_t size, const char *fmt, ...);
size_t error_vformat(char *buf, size_t size, const char *fmt, va_list ap);

#endif
