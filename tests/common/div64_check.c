/* div64_check.c -- see div64_check.h. */
#include "div64_check.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include <mote/hal.h>

#include "mote_check.h"

/* One division against C's; false if they differ, with a line saying which
 * for the first 20. */
static bool div64_agrees(uint64_t n, uint64_t d)
{
    static unsigned shown;
    uint64_t r = 1;
    uint64_t q = mote_hal_div64(n, d, &r);
    if (q == n / d && r == n % d)
        return true;
    if (shown++ < 20)
        printf("FAIL: mote_hal_div64(0x%" PRIx64 ", 0x%" PRIx64 ") = 0x%" PRIx64 " rem 0x%" PRIx64
               "\n",
               n, d, q, r);
    return false;
}

void check_hal_div64(unsigned random_pairs)
{
    /* around the digit edges (2^16, 2^32), the rates time divides by,
     * and 64-bit extremes: each as dividend and as divisor */
    static const uint64_t edges[] = {
        0,
        1,
        2,
        3,
        999,
        1000,
        0xFFFF,
        0x10001,
        1000000,
        25000000,
        0x7FFFFFFF,
        0x80000001,
        0xFFFF0001,
        0xFFFFFFFF,
        0x100000000,
        0x7FFFFFFFFFFFFFFF,
        0x8000000000000000,
        UINT64_MAX - 1,
        UINT64_MAX,
    };
    const unsigned count = sizeof edges / sizeof edges[0];
    unsigned long agreed = 0, tried = 0;
    for (unsigned i = 0; i < count; i++)
        for (unsigned j = 1; j < count; j++, tried++) /* every divisor but 0 */
            agreed += div64_agrees(edges[i], edges[j]);
    /* Mixed widths, as time conversions make them: a counter's ticks by a
     * rate, microseconds by a million, nanoseconds by a thousand. */
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (unsigned k = 0; k < random_pairs; k++, tried++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        uint64_t n = x >> (k % 64);
        uint64_t d = (x * 0x2545F4914F6CDD1Du) >> (k * 7 % 64);
        agreed += div64_agrees(n, d ? d : 1);
    }
    CHECK(agreed == tried);
    uint64_t r = 0;
    CHECK(mote_hal_div64(12345, 0, &r) == UINT64_MAX && r == 12345); /* no hang */
}
