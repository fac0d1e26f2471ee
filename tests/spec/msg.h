/*
 * msg.h -- building one line of runner output in a fixed buffer.
 *
 * Names from scripts may hold any byte, NUL included, so they are added
 * with msg_name(), which quotes them and escapes what is not printable.
 * A line that does not fit is cut and ends in "...".
 */
#ifndef MOTE_SPEC_MSG_H
#define MOTE_SPEC_MSG_H

#include <stddef.h>

#define SPEC_MSG_MAX 768

typedef struct spec_msg {
    char text[SPEC_MSG_MAX];
    size_t len;
} spec_msg;

void msg_clear(spec_msg *m);
/* printf-style append. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void msg_add(spec_msg *m, const char *fmt, ...);
/* Appends bytes[0..len) as a quoted, escaped string: "a\x00b". */
void msg_name(spec_msg *m, const char *bytes, size_t len);

#endif
