/* fir: a 32-tap fixed-point FIR low-pass filter, the staple of MCU signal
 * processing: Q15 int16 coefficients times int16 samples accumulated in
 * int32, rounded, saturated back to int16, followed by the block energy
 * (sum of squares in 64 bits). Runs block by block with the delay line
 * carried across blocks, as on a device streaming ADC samples.
 *
 * The coefficients sum to ~1.25 in Q15, so loud low-frequency input
 * saturates; the int32 accumulator cannot overflow (|sum h| * 2^15 < 2^31).
 *
 * scale = blocks of 512 samples.
 * Check: the first and the last block are recomputed from the raw signal
 * by a reference that loops taps-outer/samples-inner in 64-bit arithmetic
 * and indexes the signal directly (not the delay line), so it checks the
 * history carried between blocks too; the energy is recomputed from it. */
#include "bench.h"

#define TAPS 32
#define BLK 512
#define SIG 8192 /* input signal length; blocks walk it cyclically */

static int16_t h[TAPS];
static int16_t sig[SIG];
static int16_t ext[TAPS - 1 + BLK]; /* delay line, then the new block */
static int16_t y[BLK];
static int64_t ref_acc[BLK];

static int16_t sat16(int32_t v)
{
    return (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

static uint64_t filter_block(void)
{
    uint64_t energy = 0;
    for (int n = 0; n < BLK; n++) {
        const int16_t *xp = &ext[TAPS - 1 + n];
        int32_t acc = 0;
        for (int k = 0; k < TAPS; k++)
            acc += (int32_t)h[k] * xp[-k];
        int16_t out = sat16((acc + (1 << 14)) >> 15);
        y[n] = out;
        energy += (uint64_t)((int32_t)out * out);
    }
    /* Keep the last TAPS-1 inputs as the next block's history. */
    for (int k = 0; k < TAPS - 1; k++)
        ext[k] = ext[BLK + k];
    return energy;
}

/* Recomputes block `blk` (global sample index blk*BLK + n). */
static int check_block(uint32_t blk, uint64_t energy)
{
    int64_t base = (int64_t)blk * BLK;
    for (int n = 0; n < BLK; n++)
        ref_acc[n] = 0;
    for (int k = 0; k < TAPS; k++)
        for (int n = 0; n < BLK; n++) {
            int64_t at = base + n - k;
            if (at >= 0)
                ref_acc[n] += (int64_t)h[k] * sig[(uint32_t)at % SIG];
        }
    uint64_t e = 0;
    for (int n = 0; n < BLK; n++) {
        int64_t v = (ref_acc[n] + 16384) / 32768; /* floor for v >= 0 ... */
        if ((ref_acc[n] + 16384) % 32768 < 0)
            v -= 1; /* ... and for v < 0 */
        if (v > 32767)
            v = 32767;
        if (v < -32768)
            v = -32768;
        if (y[n] != v)
            return 0;
        e += (uint64_t)(v * v);
    }
    return e == energy;
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    /* Triangular window, peak in the middle, scaled to sum to 40800. */
    for (int k = 0; k < TAPS; k++)
        h[k] = (int16_t)(150 * (k < TAPS / 2 ? k + 1 : TAPS - k));
    /* A full-scale sawtooth (period ~675 samples, passes the filter and
     * saturates it) plus noise, clamped to int16. */
    uint32_t rng = 0xf17e4u;
    for (int i = 0; i < SIG; i++) {
        int32_t saw = (int32_t)((uint32_t)(i * 97) & 0xffffu) - 32768;
        int32_t noise = (int32_t)(bench_rand(&rng) & 0xfffu) - 2048;
        sig[i] = sat16(saw + noise);
    }
    for (int k = 0; k < TAPS - 1 + BLK; k++)
        ext[k] = 0;

    uint64_t total = 0;
    for (uint32_t blk = 0; blk < scale; blk++) {
        __builtin_memcpy(&ext[TAPS - 1], &sig[(blk * BLK) % SIG], sizeof y);
        uint64_t e = filter_block();
        total += e;
        if ((blk == 0 || blk + 1 == scale) && !check_block(blk, e))
            return 1 + (blk != 0);
        BENCH_CLOBBER();
    }
    return total != 0 ? 0 : 3; /* a silent output means a dead filter */
}
