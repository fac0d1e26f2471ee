/*
 * div64.c -- mote_hal_div64(): 64-bit unsigned division for time
 * arithmetic, small and quick.
 *
 * On a 32-bit CPU the compiler's 64-bit division is a library routine:
 * __udivmoddi4 and its wrappers on Cortex-M3 (0.9 KB), and on RV32
 * __udivdi3, __umoddi3 and __divdi3, each a whole copy of the algorithm
 * (1.9 KB with their table).  Time conversions divide by a clock rate, a
 * million or a thousand: divisors below 2^32, which the CPU's 32-bit
 * divide instruction can handle 16 quotient bits at a time (below).  A
 * divisor of 2^32 or more (an alarm period over 71 minutes) leaves a
 * quotient below 2^32, found one bit a step.  (The core has its own loop,
 * core/src/div64.c, for the guest's i64.div: the HAL does not depend on
 * the core.)  MOTE_HAL_DIV64_HALVES takes the 32-bit path on any CPU:
 * the host test builds it so, to check that path on a 64-bit machine too.
 */
#include <mote/hal.h>

#if UINTPTR_MAX <= 0xFFFFFFFFu && !defined(MOTE_HAL_DIV64_HALVES)
#define MOTE_HAL_DIV64_HALVES 1
#endif

#ifdef MOTE_HAL_DIV64_HALVES
/*
 * (hi * 2^32 + lo) / d for hi < d and d's top bit set, so the quotient
 * fits in 32 bits: two 16-bit digits, long division in base 2^16.  Each
 * digit is first guessed from the partial remainder's top and d's top 16
 * bits (one 32-bit division), which can only overshoot, and by at most 2
 * because d's top bit is set; a check against d's low half takes the guess
 * down to the digit.  The partial remainder stays below d, so its updates
 * are exact in 32 bits.
 */
static uint32_t div_normalized(uint32_t hi, uint32_t lo, uint32_t d, uint32_t *rem)
{
    uint32_t d_top = d >> 16, d_low = d & 0xFFFF;
    uint32_t part = hi, q = 0;
    for (int shift = 16; shift >= 0; shift -= 16) {
        uint32_t next = (lo >> shift) & 0xFFFF; /* the dividend's next digit */
        uint32_t digit = part / d_top, r = part % d_top;
        while (digit > 0xFFFF || digit * d_low > (r << 16 | next)) {
            digit--;
            r += d_top;
            if (r > 0xFFFF) /* then digit * d_low fits under r << 16 */
                break;
        }
        part = (part << 16 | next) - digit * d;
        q = q << 16 | digit;
    }
    *rem = part;
    return q;
}

/* The number of leading zero bits of x != 0: an instruction where the CPU
 * has one (ARMv7-M), else five steps, not libgcc's helper and its table. */
static int leading_zeros(uint32_t x)
{
#if defined(__ARM_FEATURE_CLZ)
    return __builtin_clz(x);
#else
    int n = 0;
    for (int step = 16; step > 0; step >>= 1)
        if (!(x >> (32 - step))) {
            x <<= step;
            n += step;
        }
    return n;
#endif
}
#endif

uint64_t mote_hal_div64(uint64_t n, uint64_t d, uint64_t *rem)
{
    if (d == 0) {
        *rem = n;
        return UINT64_MAX;
    }
#ifndef MOTE_HAL_DIV64_HALVES
    *rem = n % d; /* one instruction on a 64-bit CPU */
    return n / d;
#else
    if (!(d >> 32)) {
        uint32_t dv = (uint32_t)d, hi = (uint32_t)(n >> 32), lo = (uint32_t)n, r;
        uint32_t q_hi = hi / dv;
        hi %= dv;
        int s = leading_zeros(dv); /* shift d's top bit up, and n with it */
        if (s) {
            dv <<= s;
            hi = hi << s | lo >> (32 - s);
            lo <<= s;
        }
        uint32_t q_lo = div_normalized(hi, lo, dv, &r);
        *rem = r >> s;
        return (uint64_t)q_hi << 32 | q_lo;
    }
    /* d >= 2^32: the divisor shifts up under n, then back down, one
     * quotient bit a step (32 at most) */
    uint64_t q = 0;
    int shift = 0;
    while (d <= n >> 1) { /* so d << 1 <= n: it cannot overflow */
        d <<= 1;
        shift++;
    }
    for (;;) {
        q <<= 1;
        if (n >= d) {
            n -= d;
            q |= 1;
        }
        if (shift-- == 0)
            break;
        d >>= 1;
    }
    *rem = n;
    return q;
#endif
}
