/*
 * random.c -- random_get.
 *
 * With a hardware generator in the configuration, its bytes.  Without one,
 * xorshift64* (Vigna, 2014): fast, small, good statistical quality, and
 * NOT cryptographic -- an attacker who sees some output can predict the
 * rest.  It is seeded from the time at mote_wasi_init() and the time of
 * every call is mixed in, so runs differ, but on a board that starts
 * identically each time the sequence may repeat.  Boards with a TRNG should
 * pass it in mote_wasi_config.random.
 */

#include "internal.h"

/* splitmix64's finaliser: spreads the few changing bits of a time value. */
static uint64_t mix(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void wl_random_seed(mote_wasi *ctx)
{
    ctx->rng = mix(mote_hal_time_us() ^ (uint64_t)(uintptr_t)ctx);
    if (ctx->rng == 0)
        ctx->rng = 1; /* xorshift's one fixed point */
}

static uint64_t next(mote_wasi *ctx)
{
    uint64_t x = ctx->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    ctx->rng = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static void fill(mote_wasi *ctx, uint8_t *buf, size_t len)
{
    ctx->rng ^= mix(mote_hal_time_us());
    if (ctx->rng == 0)
        ctx->rng = 1;
    while (len > 0) {
        uint64_t word = next(ctx);
        size_t n = len < sizeof word ? len : sizeof word;
        for (size_t i = 0; i < n; i++)
            buf[i] = (uint8_t)(word >> (8 * i));
        buf += n;
        len -= n;
    }
}

/* random_get(buf, len) -> errno */
mote_status wl_wasi_random_get(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = user;
    uint32_t len = io[1].u32;
    uint8_t *buf = wl_guest_range(inst, io[0].u32, len);
    if (buf == NULL)
        return wl_wasi_return(io, WASI_EFAULT);
    if (ctx->cfg.random != NULL) {
        if (!ctx->cfg.random(buf, len, ctx->cfg.random_user))
            return wl_wasi_return(io, WASI_EIO);
    } else {
        fill(ctx, buf, len);
    }
    return wl_wasi_return(io, WASI_ESUCCESS);
}
