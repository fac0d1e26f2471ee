/*
 * wasm_builder.h -- writing small binary modules from C, for tests of
 * features the text tools cannot express (wabt 1.0.32 has no syntax for
 * custom page sizes) and for tests that must run on boards without files.
 *
 *     wb b; wb_init(&b, buf, sizeof buf);
 *     wb_section_begin(&b, 5);  wb_u32(&b, 1); ... wb_section_end(&b);
 *
 * Sections and bodies are written with a 5-byte padded LEB length that is
 * filled in at the end, so nesting needs no second pass.
 */
#ifndef MOTE_TEST_WASM_BUILDER_H
#define MOTE_TEST_WASM_BUILDER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct wb {
    uint8_t *buf;
    size_t cap, len;
    size_t open[4];         /* positions of pending length fields */
    int depth;
    int overflow;
} wb;

static inline void wb_byte(wb *b, uint8_t v)
{
    if (b->len < b->cap)
        b->buf[b->len] = v;
    else
        b->overflow = 1;
    b->len++;
}

static inline void wb_bytes(wb *b, const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        wb_byte(b, ((const uint8_t *)p)[i]);
}

static inline void wb_u32(wb *b, uint64_t v)
{
    do {
        uint8_t byte = v & 0x7F;
        v >>= 7;
        wb_byte(b, byte | (v ? 0x80 : 0));
    } while (v);
}

static inline void wb_s32(wb *b, int64_t v)
{
    for (;;) {
        uint8_t byte = v & 0x7F;
        v >>= 7;
        int done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
        wb_byte(b, byte | (done ? 0 : 0x80));
        if (done)
            return;
    }
}

static inline void wb_name(wb *b, const char *s)
{
    wb_u32(b, strlen(s));
    wb_bytes(b, s, strlen(s));
}

static inline void wb_init(wb *b, uint8_t *buf, size_t cap)
{
    memset(b, 0, sizeof *b);
    b->buf = buf;
    b->cap = cap;
    wb_bytes(b, "\0asm\1\0\0\0", 8);
}

/* A length-prefixed region (a section's contents, a function body). */
static inline void wb_begin(wb *b)
{
    b->open[b->depth++] = b->len;
    for (int i = 0; i < 5; i++)
        wb_byte(b, 0);
}

static inline void wb_end(wb *b)
{
    size_t at = b->open[--b->depth];
    uint32_t n = (uint32_t)(b->len - at - 5);
    for (int i = 0; i < 5 && at + i < b->cap; i++)
        b->buf[at + i] = (uint8_t)(((n >> (7 * i)) & 0x7F) | (i < 4 ? 0x80 : 0));
}

static inline void wb_section_begin(wb *b, uint8_t id)
{
    wb_byte(b, id);
    wb_begin(b);
}

static inline void wb_section_end(wb *b)
{
    wb_end(b);
}

/* memory limits with an explicit page size exponent (custom-page-sizes) */
static inline void wb_memory_limits(wb *b, uint32_t min, int has_max, uint32_t max, uint32_t log2)
{
    wb_byte(b, has_max ? 0x09 : 0x08);
    wb_u32(b, min);
    if (has_max)
        wb_u32(b, max);
    wb_u32(b, log2);
}

#endif
