/* wbuf.c -- see wbuf.h. */
#include "wbuf.h"

#include <stdlib.h>
#include <string.h>

void wb_free(wbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

static bool reserve(wbuf *b, size_t n)
{
    if (b->failed)
        return false;
    if (b->len + n <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n)
        cap *= 2;
    uint8_t *p = realloc(b->p, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void wb_bytes(wbuf *b, const void *p, size_t n)
{
    if (n && reserve(b, n)) {
        memcpy(b->p + b->len, p, n);
        b->len += n;
    }
}

void wb_byte(wbuf *b, uint8_t v)
{
    wb_bytes(b, &v, 1);
}

void wb_fill(wbuf *b, uint8_t v, size_t n)
{
    if (n && reserve(b, n)) {
        memset(b->p + b->len, v, n);
        b->len += n;
    }
}

void wb_u32(wbuf *b, uint32_t v)
{
    do {
        uint8_t byte = v & 0x7F;
        v >>= 7;
        wb_byte(b, byte | (v ? 0x80 : 0));
    } while (v);
}

void wb_i64(wbuf *b, int64_t v)
{
    for (;;) {
        uint8_t byte = v & 0x7F;
        v >>= 7; /* arithmetic on the targets we test on */
        bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
        wb_byte(b, byte | (done ? 0 : 0x80));
        if (done)
            return;
    }
}

void wb_i32(wbuf *b, int32_t v)
{
    wb_i64(b, v);
}

void wb_name(wbuf *b, const char *s)
{
    size_t n = strlen(s);
    wb_u32(b, (uint32_t)n);
    wb_bytes(b, s, n);
}

void wb_header(wbuf *b)
{
    static const uint8_t h[8] = {0, 'a', 's', 'm', 1, 0, 0, 0};
    wb_bytes(b, h, sizeof h);
}

void wb_section(wbuf *b, uint8_t id, wbuf *body)
{
    wb_byte(b, id);
    wb_u32(b, (uint32_t)body->len);
    wb_bytes(b, body->p, body->len);
    if (body->failed)
        b->failed = true;
    wb_free(body);
}

void wb_body(wbuf *code, wbuf *body)
{
    wb_u32(code, (uint32_t)body->len);
    wb_bytes(code, body->p, body->len);
    if (body->failed)
        code->failed = true;
    wb_free(body);
}
