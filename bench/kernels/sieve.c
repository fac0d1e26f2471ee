/* sieve: Eratosthenes over the odd numbers below 2^17 in a byte array.
 * Tight loops of byte stores with a variable stride: memory-store and
 * loop-overhead bound.
 *
 * scale = number of complete sieve passes.
 * Check: every pass's prime count against pi(2^17) = 12251, and the flags
 * of the last pass against trial division (a different algorithm): all
 * flags below 4096 and every 16th above, offset by scale. */
#include "bench.h"

#define LIMIT (1u << 17) /* numbers below this are sieved */
#define HALF (LIMIT / 2) /* flag[i] stands for the odd number 2i+1 */
#define PI_LIMIT 12251u  /* number of primes below 2^17 */

static uint8_t flag[HALF];

static uint32_t sieve_pass(void)
{
    for (uint32_t i = 0; i < HALF; i++)
        flag[i] = 1;
    flag[0] = 0; /* 1 is not prime */
    for (uint32_t i = 1;; i++) {
        uint32_t p = 2 * i + 1;
        if (p * p >= LIMIT)
            break;
        if (!flag[i])
            continue;
        for (uint32_t j = (p * p) / 2; j < HALF; j += p)
            flag[j] = 0;
    }
    uint32_t count = 1; /* the prime 2 */
    for (uint32_t i = 0; i < HALF; i++)
        count += flag[i];
    return count;
}

/* Trial division by odd numbers; slow but shares nothing with the sieve. */
static int is_odd_prime(uint32_t n)
{
    if (n < 3)
        return 0;
    for (uint32_t d = 3; d * d <= n; d += 2)
        if (n % d == 0)
            return 0;
    return 1;
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    uint32_t count = 0;
    for (uint32_t pass = 0; pass < scale; pass++) {
        count = sieve_pass();
        if (count != PI_LIMIT)
            return 1;
        BENCH_CLOBBER();
    }
    if (scale == 0)
        return 0;
    /* Trial division up to 2^17 costs about as much as ~30 passes; check
     * a stride of the flags so it stays a small share of the default run,
     * but always every flag below 4096 and a shifting window above it. */
    for (uint32_t i = 0; i < HALF; i++) {
        if (i >= 2048 && (i % 16) != (scale % 16))
            continue;
        if (flag[i] != is_odd_prime(2 * i + 1))
            return 2;
    }
    return 0;
}
