/* memops: bulk memory. Each iteration clears a 32 KiB buffer with memset,
 * lays out ~70 runs of 1 byte..2 KiB copied (memcpy) from a pattern or
 * filled (memset) with a byte, shifts the whole buffer right and back left
 * with overlapping memmoves and copies it out. With -mbulk-memory these are
 * memory.fill / memory.copy in wasm, so this measures how well the VM hands
 * bulk operations to the host's memcpy rather than looping per byte.
 *
 * scale = iterations.
 * Check: the copied-out buffer is predicted byte by byte from the layout
 * (runs recorded in a table, pattern bytes from a formula) without reading
 * the buffer: 64 random positions on every iteration, every byte on the
 * first and last. */
#include "bench.h"

#define BUF 32768u
#define PAT 8192u
#define MAX_RUNS 512u

static uint8_t buf[BUF], out[BUF], pat[PAT];

struct run {
    uint32_t off, len, src; /* src: pattern offset, or the fill byte */
    uint32_t is_copy;
};
static struct run runs[MAX_RUNS];
static uint32_t nruns, fill_byte;

static uint8_t pattern_byte(uint32_t i)
{
    return (uint8_t)(i * 131u + (i >> 8) * 7u + 17u);
}

static uint32_t run_length(uint32_t *rng)
{
    switch (bench_below(rng, 4)) {
    case 0: return 1 + bench_below(rng, 16);
    case 1: return 17 + bench_below(rng, 240);
    case 2: return 257 + bench_below(rng, 1792);
    default: return 1 + bench_below(rng, 64);
    }
}

static void layout(uint32_t it, uint32_t *rng)
{
    fill_byte = it & 0xffu;
    __builtin_memset(buf, (int)fill_byte, BUF);
    nruns = 0;
    uint32_t at = bench_below(rng, 32);
    for (;;) {
        uint32_t len = run_length(rng);
        if (at + len > BUF || nruns == MAX_RUNS)
            break;
        struct run *r = &runs[nruns++];
        r->off = at;
        r->len = len;
        r->is_copy = bench_below(rng, 4) != 0;
        if (r->is_copy) {
            r->src = bench_below(rng, PAT - len + 1);
            __builtin_memcpy(buf + at, pat + r->src, len);
        } else {
            r->src = bench_rand(rng) & 0xffu;
            __builtin_memset(buf + at, (int)r->src, len);
        }
        at += len + bench_below(rng, 48); /* gaps keep fill_byte */
    }
}

/* The byte the layout put at q, found by binary search over the runs. */
static uint8_t layout_byte(uint32_t q)
{
    uint32_t lo = 0, hi = nruns; /* first run with off > q is at hi */
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (runs[mid].off <= q)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return (uint8_t)fill_byte;
    const struct run *r = &runs[lo - 1];
    if (q >= r->off + r->len)
        return (uint8_t)fill_byte;
    return r->is_copy ? pattern_byte(r->src + (q - r->off)) : (uint8_t)r->src;
}

/* After memmove right by d and back left by d, bytes below BUF-d are as
 * laid out and the last d bytes hold the layout shifted right by d. */
static uint8_t expected(uint32_t p, uint32_t d)
{
    return layout_byte(p < BUF - d ? p : p - d);
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    for (uint32_t i = 0; i < PAT; i++)
        pat[i] = pattern_byte(i);
    uint32_t rng = 0x31415926u;
    for (uint32_t it = 0; it < scale; it++) {
        layout(it, &rng);
        uint32_t d = 1 + bench_below(&rng, 1024);
        __builtin_memmove(buf + d, buf, BUF - d);
        __builtin_memmove(buf, buf + d, BUF - d);
        __builtin_memcpy(out, buf, BUF);
        BENCH_CLOBBER();

        for (int s = 0; s < 64; s++) {
            uint32_t p = bench_below(&rng, BUF);
            if (out[p] != expected(p, d))
                return 1;
        }
        if (it == 0 || it + 1 == scale)
            for (uint32_t p = 0; p < BUF; p++)
                if (out[p] != expected(p, d))
                    return 2;
    }
    return 0;
}
