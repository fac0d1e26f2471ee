/* Scalar reduction mod L, written for size: binary long division, one bit
 * at a time.  It runs once per signature check (512 steps of a few dozen
 * instructions), which is nothing next to the point arithmetic. */
#include "sc25519.h"

static const uint32_t L[8] = {0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de,
                              0x00000000, 0x00000000, 0x00000000, 0x10000000};

/* a >= L ? */
static bool ge_l(const uint32_t a[8])
{
    for (int i = 7; i >= 0; i--) {
        if (a[i] != L[i])
            return a[i] > L[i];
    }
    return true;
}

static void sub_l(uint32_t a[8])
{
    uint64_t borrow = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t d = (uint64_t)a[i] - L[i] - borrow;
        a[i] = (uint32_t)d;
        borrow = (d >> 32) & 1;
    }
}

void mote_ota_sc_reduce64(uint8_t out[32], const uint8_t in[64])
{
    /* Invariant: r < L < 2^253, so 2r + 1 fits in 256 bits. */
    uint32_t r[8] = {0};
    for (int i = 511; i >= 0; i--) {
        uint32_t in_bit = (in[i >> 3] >> (i & 7)) & 1;
        for (int j = 7; j > 0; j--)
            r[j] = (r[j] << 1) | (r[j - 1] >> 31);
        r[0] = (r[0] << 1) | in_bit;
        if (ge_l(r))
            sub_l(r);
    }
    for (int i = 0; i < 32; i++)
        out[i] = (uint8_t)(r[i >> 2] >> (8 * (i & 3)));
}

bool mote_ota_sc_canonical(const uint8_t s[32])
{
    uint32_t a[8];
    for (int i = 0; i < 8; i++)
        a[i] = (uint32_t)s[4 * i] | ((uint32_t)s[4 * i + 1] << 8) | ((uint32_t)s[4 * i + 2] << 16) |
               ((uint32_t)s[4 * i + 3] << 24);
    return !ge_l(a);
}
