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
 *
 * Code is written with the core's instruction names (wasm_ops.h):
 *
 *     wb_code(&b, CODE(OP(local_get), 0, OP(i32_load), 2, 0, OP(end)));
 *
 * OP(name) is an instruction's opcode byte, PFX(name) a 0xFC-prefixed
 * one's two bytes; U32(x) and S32(x) are 5-byte (padded) LEB128 numbers.
 */
#ifndef MOTE_TEST_WASM_BUILDER_H
#define MOTE_TEST_WASM_BUILDER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "wasm_ops.h" /* the core's list of instructions (core/src) */

typedef struct wb {
    uint8_t *buf;
    size_t cap, len;
    size_t open[4]; /* positions of pending length fields */
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

/* Code bytes for wb_code(): an array and its length. */
#define CODE(...) (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})
#define OP(name) WASM_BYTE_##name
#define PFX(name) WASM_PREFIX_FC, WASM_BYTE_##name
/* clang-format off */
#define U32(x)                                                               \
    (uint8_t)(((x) & 0x7F) | 0x80), (uint8_t)((((x) >> 7) & 0x7F) | 0x80),  \
        (uint8_t)((((x) >> 14) & 0x7F) | 0x80), (uint8_t)((((x) >> 21) & 0x7F) | 0x80), \
        (uint8_t)(((uint32_t)(x) >> 28) & 0x0F)
#define S32(x)                                                               \
    (uint8_t)(((x) & 0x7F) | 0x80), (uint8_t)((((x) >> 7) & 0x7F) | 0x80),  \
        (uint8_t)((((x) >> 14) & 0x7F) | 0x80), (uint8_t)((((x) >> 21) & 0x7F) | 0x80), \
        (uint8_t)(((int32_t)(x) >> 28) & 0x7F)
/* clang-format on */

static inline void wb_code(wb *b, const uint8_t *code, size_t n)
{
    wb_bytes(b, code, n);
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
