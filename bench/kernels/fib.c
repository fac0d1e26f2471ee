/* fib: the cost of a call. Doubly recursive Fibonacci does almost nothing
 * but call, compare and return, so it measures call/return overhead and
 * frame set-up, which interpreters usually pay dearly for.
 *
 * scale = number of fib(n) evaluations, n cycling through 24..27, so the
 * work grows linearly with scale (one unit is ~350k calls).
 * Check: each result is compared with the iterative computation. */
#include "bench.h"

#define FIB_BASE 24u

static uint32_t fib_rec(uint32_t n)
{
    return n < 2 ? n : fib_rec(n - 1) + fib_rec(n - 2);
}

static uint32_t fib_iter(uint32_t n)
{
    uint32_t a = 0, b = 1;
    while (n--) {
        uint32_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    uint32_t want[4];
    for (uint32_t k = 0; k < 4; k++)
        want[k] = fib_iter(FIB_BASE + k);
    if (want[0] != 46368u) /* fib(24), a known value */
        return 1;

    for (uint32_t i = 0; i < scale; i++) {
        uint32_t n = FIB_BASE + (i & 3u);
        if (fib_rec(n) != want[i & 3u])
            return 2;
    }
    return 0;
}
