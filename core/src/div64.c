/*
 * div64.c -- 64-bit unsigned division in a few dozen instructions, for
 * builds with MOTE_WITH_FAST_DIV64 off (numeric.h).
 *
 * A 32-bit CPU has no 64-bit divide instruction, and the compiler's
 * routine (libgcc's __udivmoddi4 with its wrappers) is 912 bytes on
 * Cortex-M3.  A firmware in which nothing but the guest divides 64-bit
 * numbers can do without it.  This is restoring division, one quotient
 * bit a step: at most 64 steps, 32 when the dividend fits in 32 bits, and
 * one 32-bit division when both operands do.
 */
#include "numeric.h"

uint64_t div64_udivmod(uint64_t n, uint64_t d, uint64_t *rem)
{
    if (!((n | d) >> 32)) {
        uint32_t q = (uint32_t)n / (uint32_t)d;
        *rem = (uint32_t)n - q * (uint32_t)d;
        return q;
    }
    if (d >> 63) { /* the quotient is 0 or 1, and r << 1 below would overflow */
        uint64_t q = n >= d;
        *rem = q ? n - d : n;
        return q;
    }
    /* n shifts left as the quotient's bits shift in behind it. */
    uint64_t r = 0;
    int steps = 64;
    if (!(n >> 32)) {
        n <<= 32;
        steps = 32;
    }
    while (steps--) {
        r = r << 1 | n >> 63;
        n <<= 1;
        if (r >= d) {
            r -= d;
            n |= 1;
        }
    }
    *rem = r;
    return n;
}
