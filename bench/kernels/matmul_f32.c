/* matmul_f32: 64x64 single-precision matrix multiply, C = A * B. f32
 * multiply-add throughput (soft-float on Cortex-M3 and rv32imac).
 *
 * Entries are multiples of 1/16 in [-4, 4). Every product is then a multiple
 * of 1/256 below 16 in magnitude and every sum of 64 of them stays below
 * 2^10, so all of C is exact in f32 (needs < 24 mantissa bits) and can be
 * checked exactly rather than within a tolerance.
 *
 * scale = number of multiplies; between them one row of A is redrawn.
 * Check: Freivalds' test in 64-bit integers on the scaled numerators:
 * (256 C) x == (16 A)((16 B) x), exact. */
#include "bench.h"

#define N 64

static float A[N][N], B[N][N], C[N][N];
static int32_t An[N][N], Bn[N][N]; /* 16*A and 16*B, as integers */

static void matmul(void)
{
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++)
            C[i][j] = 0.0f;
        for (int k = 0; k < N; k++) {
            float a = A[i][k];
            for (int j = 0; j < N; j++)
                C[i][j] += a * B[k][j];
        }
    }
}

static int32_t draw(uint32_t *rng)
{
    return (int32_t)bench_below(rng, 128) - 64; /* numerator over 16 */
}

static void set_row(int i, uint32_t *rng)
{
    for (int j = 0; j < N; j++) {
        An[i][j] = draw(rng);
        A[i][j] = (float)An[i][j] / 16.0f;
    }
}

static int freivalds(uint32_t *rng)
{
    int64_t x[N], bx[N];
    for (int j = 0; j < N; j++)
        x[j] = (int64_t)bench_below(rng, 2001) - 1000;
    for (int k = 0; k < N; k++) {
        int64_t s = 0;
        for (int j = 0; j < N; j++)
            s += (int64_t)Bn[k][j] * x[j];
        bx[k] = s;
    }
    for (int i = 0; i < N; i++) {
        int64_t want = 0, got = 0;
        for (int k = 0; k < N; k++)
            want += (int64_t)An[i][k] * bx[k];
        for (int j = 0; j < N; j++) {
            float scaled = C[i][j] * 256.0f; /* exact: a power of two */
            int32_t cn = (int32_t)scaled;
            if ((float)cn != scaled)
                return 0; /* not a multiple of 1/256: already wrong */
            got += (int64_t)cn * x[j];
        }
        if (got != want)
            return 0;
    }
    return 1;
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    uint32_t rng = 0x2468aceu;
    for (int i = 0; i < N; i++) {
        set_row(i, &rng);
        for (int j = 0; j < N; j++) {
            Bn[i][j] = draw(&rng);
            B[i][j] = (float)Bn[i][j] / 16.0f;
        }
    }
    for (uint32_t r = 0; r < scale; r++) {
        matmul();
        if (!freivalds(&rng))
            return 1;
        set_row((int)(r % N), &rng);
    }
    return 0;
}
