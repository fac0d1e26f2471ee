/*
 * reader.h -- bounded reading of the binary format.
 *
 * Every read checks the end of its buffer; on failure it records a static
 * message in rd->err (the wording of the spec's malformed-module tests) and
 * returns false.  Callers turn that into an error with the offset.
 */
#ifndef MOTE_READER_H
#define MOTE_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "error.h"

typedef struct reader {
    const uint8_t *p;    /* next byte */
    const uint8_t *end;  /* one past the last readable byte */
    const uint8_t *base; /* start of the module, for offsets */
    msg_t err;           /* why the last read failed (0: it did not) */
} reader;

static inline uint32_t rd_offset(const reader *r)
{
    return (uint32_t)(r->p - r->base);
}

static inline size_t rd_left(const reader *r)
{
    return (size_t)(r->end - r->p);
}

static inline bool rd_fail(reader *r, msg_t why)
{
    r->err = why;
    return false;
}

static inline bool rd_byte(reader *r, uint8_t *out)
{
    if (r->p >= r->end)
        return rd_fail(r, MSG_UNEXPECTED_END);
    *out = *r->p++;
    return true;
}

static inline bool rd_bytes(reader *r, size_t n, const uint8_t **out)
{
    if (n > rd_left(r))
        return rd_fail(r, MSG_UNEXPECTED_END);
    *out = r->p;
    r->p += n;
    return true;
}

/* Unsigned LEB128 of at most `bits` bits (32 or 64).  Out of line (reader.c):
 * every decoder and compiler file reads LEBs, and one copy is smaller. */
bool decode_uleb(reader *r, unsigned bits, uint64_t *out);
static inline bool rd_uleb(reader *r, unsigned bits, uint64_t *out)
{
    return decode_uleb(r, bits, out);
}

/* Signed LEB128 of at most `bits` bits (32, 33 or 64); reader.c. */
bool decode_sleb(reader *r, unsigned bits, int64_t *out);
static inline bool rd_sleb(reader *r, unsigned bits, int64_t *out)
{
    return decode_sleb(r, bits, out);
}

/* Unsigned LEB128 u32, the most common field of a module; reader.c. */
bool decode_u32(reader *r, uint32_t *out);
static inline bool rd_u32(reader *r, uint32_t *out)
{
    return decode_u32(r, out);
}

static inline bool rd_u32_le(reader *r, uint32_t *out)
{
    const uint8_t *b;
    if (!rd_bytes(r, 4, &b))
        return false;
    *out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return true;
}

static inline bool rd_u64_le(reader *r, uint64_t *out)
{
    uint32_t lo, hi;
    if (!rd_u32_le(r, &lo) || !rd_u32_le(r, &hi))
        return false;
    *out = (uint64_t)hi << 32 | lo;
    return true;
}

/* A name: u32 length + bytes that must be valid UTF-8. */
bool decode_name(reader *r, const uint8_t **bytes, uint32_t *len);

/* True if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool decode_utf8_valid(const uint8_t *s, size_t n);

#endif
