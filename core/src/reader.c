/*
 * reader.c -- the binary format's variable-length fields: LEB128 integers
 * and UTF-8 names (reader.h).
 *
 * Its own file because instantiation reads a module's constant expressions
 * and segments too: a firmware that only attaches precompiled images
 * (image.c) links these readers without the decoder and the compiler.
 */
#include "error.h"
#include "reader.h"

#define MOTE_MSG_TAG "r" /* this file's message codes (error.h) */

/* ---- LEB128 ---- */

/* Most LEBs in a module are one byte: that path touches nothing else. */
bool decode_uleb(reader *r, unsigned bits, uint64_t *out)
{
    if (r->p < r->end && *r->p < 0x80) { /* bits >= 7: any one byte fits */
        *out = *r->p++;
        return true;
    }
    uint64_t v = 0;
    unsigned shift = 0;
    for (;;) {
        uint8_t b;
        if (!rd_byte(r, &b))
            return false;
        if (shift + 7 >= bits && shift < bits) {
            /* the final possible byte: bits beyond the width must be 0 */
            unsigned used = bits - shift;
            if (b & 0x80)
                return rd_fail(r, MSG("integer representation too long"));
            if (used < 7 && (b >> used) != 0)
                return rd_fail(r, MSG("integer too large"));
            v |= (uint64_t)b << shift;
            *out = v;
            return true;
        }
        v |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80)) {
            *out = v;
            return true;
        }
    }
}

bool decode_u32(reader *r, uint32_t *out)
{
    const uint8_t *p = r->p;
    if (p < r->end && *p < 0x80) {
        *out = *p;
        r->p = p + 1;
        return true;
    }
    uint64_t v;
    if (!decode_uleb(r, 32, &v))
        return false;
    *out = (uint32_t)v;
    return true;
}

bool decode_sleb(reader *r, unsigned bits, int64_t *out)
{
    if (r->p < r->end && *r->p < 0x80) { /* bits >= 8: one byte, bit 6 the sign */
        *out = (int64_t)(*r->p++ ^ 0x40) - 0x40;
        return true;
    }
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t b;
    for (;;) {
        if (!rd_byte(r, &b))
            return false;
        if (shift + 7 >= bits) {
            /* final byte: bits at and above the width must copy the sign */
            unsigned used = bits - shift; /* 1..7 bits carry value */
            if (b & 0x80)
                return rd_fail(r, MSG("integer representation too long"));
            int sign_bit = (b >> (used - 1)) & 1;
            uint8_t rest = (uint8_t)(b >> used); /* bits above width, 7-used of them */
            uint8_t want = sign_bit ? (uint8_t)(0x7F >> used) : 0;
            if (rest != want)
                return rd_fail(r, MSG("integer too large"));
            v |= (uint64_t)(b & 0x7F) << shift;
            shift += 7;
            break;
        }
        v |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    if (shift < 64 && (b & 0x40))
        v |= ~(uint64_t)0 << shift;
    *out = (int64_t)v;
    return true;
}

/* ---- UTF-8 and names ------------------------------------------------------ */

bool decode_utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        uint32_t cp, need;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else
            return false;
        if (i + need >= n)
            return false;
        for (uint32_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += need + 1;
    }
    return true;
}

bool decode_name(reader *r, const uint8_t **bytes, uint32_t *len)
{
    if (!rd_u32(r, len) || !rd_bytes(r, *len, bytes))
        return false;
    if (!decode_utf8_valid(*bytes, *len))
        return rd_fail(r, MSG("malformed UTF-8 encoding"));
    return true;
}
