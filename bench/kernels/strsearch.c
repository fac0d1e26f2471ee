/* strsearch: counts every (overlapping) occurrence of twelve patterns of 2
 * to 32 bytes in 32 KiB of word-like text, alternating two algorithms:
 * Boyer-Moore-Horspool (skip table, byte compares, irregular jumps) and
 * shift-and (bit-parallel, one table lookup and a few logic ops per byte).
 *
 * scale = searches; search i looks for pattern i % 12.
 * Check: each count is compared with a brute-force count (every position,
 * byte by byte) made once per call. */
#include "bench.h"

#define TEXT 32768u
#define NPAT 12

static uint8_t text[TEXT];
static uint8_t pat[NPAT][32];
static const uint32_t pat_len[NPAT] = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32};
static uint32_t brute[NPAT];

/* Words over a skewed 12-letter alphabet, so short patterns recur often and
 * long ones mostly occur where they were cut from. */
static void make_text(uint32_t *rng)
{
    static const char letters[] = "eeeettaaoinshrdlu";
    uint32_t i = 0;
    while (i < TEXT) {
        uint32_t word = 1 + bench_below(rng, 9);
        while (word-- && i < TEXT)
            text[i++] = (uint8_t)letters[bench_below(rng, sizeof letters - 1)];
        if (i < TEXT)
            text[i++] = ' ';
    }
}

static uint32_t count_brute(const uint8_t *p, uint32_t m)
{
    uint32_t count = 0;
    for (uint32_t i = 0; i + m <= TEXT; i++) {
        uint32_t j = 0;
        while (j < m && text[i + j] == p[j])
            j++;
        count += j == m;
    }
    return count;
}

static uint32_t count_horspool(const uint8_t *p, uint32_t m)
{
    uint32_t skip[256], count = 0;
    for (int c = 0; c < 256; c++)
        skip[c] = m;
    for (uint32_t k = 0; k + 1 < m; k++)
        skip[p[k]] = m - 1 - k;
    for (uint32_t i = 0; i + m <= TEXT; i += skip[text[i + m - 1]]) {
        uint32_t j = m - 1;
        while (text[i + j] == p[j]) {
            if (j == 0) {
                count++;
                break;
            }
            j--;
        }
    }
    return count;
}

static uint32_t count_shift_and(const uint8_t *p, uint32_t m)
{
    uint32_t mask[256], d = 0, hit = 1u << (m - 1), count = 0;
    for (int c = 0; c < 256; c++)
        mask[c] = 0;
    for (uint32_t k = 0; k < m; k++)
        mask[p[k]] |= 1u << k;
    for (uint32_t i = 0; i < TEXT; i++) {
        d = ((d << 1) | 1u) & mask[text[i]];
        count += (d & hit) != 0;
    }
    return count;
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    uint32_t rng = 0xabcdef01u;
    make_text(&rng);
    /* Patterns cut from the text, except every fourth, which is random
     * letters and usually absent. */
    for (int k = 0; k < NPAT; k++) {
        uint32_t m = pat_len[k], at = bench_below(&rng, TEXT - m);
        for (uint32_t j = 0; j < m; j++)
            pat[k][j] = (k % 4 == 3) ? (uint8_t)('a' + bench_below(&rng, 26)) : text[at + j];
        brute[k] = count_brute(pat[k], m);
    }
    if (brute[0] == 0 || brute[NPAT - 2] == 0)
        return 1; /* cut patterns must occur: the brute count is broken */

    for (uint32_t i = 0; i < scale; i++) {
        uint32_t k = i % NPAT;
        uint32_t got = (i / NPAT) % 2 ? count_shift_and(pat[k], pat_len[k])
                                      : count_horspool(pat[k], pat_len[k]);
        if (got != brute[k])
            return 2 + k;
        BENCH_CLOBBER();
    }
    return 0;
}
