/*
 * text.h -- building short messages without stdio, for the apps library
 * (manifest errors, reports).  A text is a fixed buffer that is always
 * NUL-terminated and cut, never overrun, at its end.
 */
#ifndef MOTE_APPS_TEXT_H
#define MOTE_APPS_TEXT_H

#include <stddef.h>
#include <stdint.h>

typedef struct at_text {
    char *buf;
    size_t cap;     /* bytes of buf, the NUL included */
    size_t len;
} at_text;

/* Starts an empty text in buf[0..cap). */
at_text at_begin(char *buf, size_t cap);
void at_str(at_text *t, const char *s);
void at_mem(at_text *t, const void *s, size_t n);
void at_u64(at_text *t, uint64_t v);
/* Microseconds as milliseconds with three decimals: "12.345 ms". */
void at_ms(at_text *t, uint64_t us);

#endif
