/* Shared helpers for mote's benchmark kernels.
 *
 * Every kernel is one freestanding C11 file that defines
 *     uint32_t bench_run(uint32_t scale);
 * which runs `scale` units of work and checks its own answer: 0 means the
 * result was verified, any other value names the check that failed.
 * The same source is compiled to host x86-64, wasm32, Cortex-M3 and rv32imac,
 * so nothing here may depend on a C library: only <stdint.h>/<stddef.h>,
 * compiler builtins (memcpy/memset become memory.copy/fill on wasm with
 * -mbulk-memory) and the small helpers below. */
#ifndef MOTE_BENCH_H
#define MOTE_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* The drivers read a counter on either side of bench_run. GCC must not clone
 * it, inline it or infer facts about it across that boundary (noipa); clang
 * (used only for wasm, where the export is the boundary) lacks noipa. */
#if defined(__clang__)
#define BENCH_ENTRY __attribute__((noinline, used))
#else
#define BENCH_ENTRY __attribute__((noipa, used))
#endif

uint32_t bench_run(uint32_t scale);

/* Tells the compiler memory may have been read or written, so repeated
 * passes over identical data are not merged or hoisted out of a loop. Emits
 * no instruction on any target. */
#define BENCH_CLOBBER() __asm__ volatile("" ::: "memory")

#define BENCH_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* xorshift32: tiny, deterministic on every target, and trivially reproduced
 * by the host-side scripts that precompute expected values. State must not
 * be 0. */
static inline uint32_t bench_rand(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

/* Uniform-ish value in [0, n) for small n; the modulo bias is irrelevant
 * here, only determinism matters. */
static inline uint32_t bench_below(uint32_t *state, uint32_t n)
{
    return bench_rand(state) % n;
}

/* A strong 32-bit mixer (murmur3 finaliser) for order-independent
 * checksums: a sum of mixed values detects lost, duplicated or altered
 * elements far better than a plain sum. */
static inline uint32_t bench_mix(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x85ebca6bu;
    x ^= x >> 13;
    x *= 0xc2b2ae35u;
    x ^= x >> 16;
    return x;
}

#endif
