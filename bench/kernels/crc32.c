/* crc32: table-driven CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320) over
 * a 16 KiB buffer, one byte per step: a load, a table lookup, shifts and
 * xors, the way most MCU firmware computes it.
 *
 * scale = number of passes over the buffer; the CRC register runs on from
 * one pass to the next, so the result is the CRC of the buffer repeated
 * `scale` times.
 * Check: the table code must give 0xCBF43926 for "123456789" (the standard
 * check value), and the final CRC is recomputed without the table: a
 * bit-at-a-time CRC of one copy of the buffer, combined `scale` times with
 * the GF(2) matrix that advances a CRC register over 16 KiB of zeros. */
#include "bench.h"

#define POLY 0xEDB88320u
#define LEN 16384u

static uint32_t table[256];
static uint8_t buf[LEN];

static void make_table(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (POLY & (0u - (c & 1u)));
        table[n] = c;
    }
}

/* Raw register update, no pre/post inversion. */
static uint32_t crc_table(uint32_t r, const uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        r = table[(r ^ p[i]) & 0xffu] ^ (r >> 8);
    return r;
}

static uint32_t crc_bitwise(uint32_t r, const uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        r ^= p[i];
        for (int k = 0; k < 8; k++)
            r = (r & 1u) ? (r >> 1) ^ POLY : r >> 1;
    }
    return r;
}

/* 32x32 matrices over GF(2), stored as 32 column vectors. */
static uint32_t gf2_apply(const uint32_t *m, uint32_t v)
{
    uint32_t out = 0;
    for (int i = 0; v; i++, v >>= 1)
        if (v & 1u)
            out ^= m[i];
    return out;
}

static void gf2_square(uint32_t *dst, const uint32_t *m)
{
    for (int i = 0; i < 32; i++)
        dst[i] = gf2_apply(m, m[i]);
}

/* The register update is linear: crc(r, data) = Z(r) ^ crc(0, data), where
 * Z advances r over len(data) zero bytes. Build Z for LEN bytes by repeated
 * squaring of the one-zero-bit operator and iterate that recurrence. */
static uint32_t crc_by_algebra(uint32_t r, uint32_t passes)
{
    uint32_t m[32], t[32];
    m[0] = POLY;
    for (int i = 1; i < 32; i++)
        m[i] = 1u << (i - 1);
    for (uint32_t bits = 1; bits < LEN * 8u; bits *= 2) { /* LEN*8 = 2^17 */
        gf2_square(t, m);
        for (int i = 0; i < 32; i++)
            m[i] = t[i];
    }
    uint32_t c0 = crc_bitwise(0, buf, LEN);
    for (uint32_t i = 0; i < passes; i++)
        r = gf2_apply(m, r) ^ c0;
    return r;
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    static const uint8_t check[9] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
    make_table();
    if ((crc_table(0xffffffffu, check, 9) ^ 0xffffffffu) != 0xCBF43926u)
        return 1;

    uint32_t rng = 0xc0ffee11u;
    for (uint32_t i = 0; i < LEN; i++)
        buf[i] = (uint8_t)(bench_rand(&rng) >> 24);

    uint32_t r = 0xffffffffu;
    for (uint32_t i = 0; i < scale; i++) {
        r = crc_table(r, buf, LEN);
        BENCH_CLOBBER();
    }
    if (r != crc_by_algebra(0xffffffffu, scale))
        return 2;
    return 0;
}
