/* matmul_i32: 64x64 integer matrix multiply, C = A * B, wrapping uint32
 * arithmetic. Multiply-add bound with regular row-major access.
 *
 * scale = number of multiplies; between them one row of A is rewritten
 * from the previous product so no two multiplies are alike.
 * Check: Freivalds' test after every multiply: C*x must equal A*(B*x) for a
 * pseudo-random vector x. Matrix products are exact in Z/2^32, so the
 * identity holds exactly, and a wrong C is caught with near certainty. */
#include "bench.h"

#define N 64

static uint32_t A[N][N], B[N][N], C[N][N];

static void matmul(void)
{
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++)
            C[i][j] = 0;
        for (int k = 0; k < N; k++) {
            uint32_t a = A[i][k];
            for (int j = 0; j < N; j++)
                C[i][j] += a * B[k][j];
        }
    }
}

static void mat_vec(uint32_t (*m)[N], const uint32_t *x, uint32_t *y)
{
    for (int i = 0; i < N; i++) {
        uint32_t s = 0;
        for (int j = 0; j < N; j++)
            s += m[i][j] * x[j];
        y[i] = s;
    }
}

static int freivalds(uint32_t *rng)
{
    uint32_t x[N], bx[N], abx[N], cx[N];
    for (int j = 0; j < N; j++)
        x[j] = bench_rand(rng);
    mat_vec(B, x, bx);
    mat_vec(A, bx, abx);
    mat_vec(C, x, cx);
    for (int i = 0; i < N; i++)
        if (abx[i] != cx[i])
            return 0;
    return 1;
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    uint32_t rng = 0x1234567u;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            A[i][j] = bench_rand(&rng);
            B[i][j] = bench_rand(&rng);
        }
    for (uint32_t r = 0; r < scale; r++) {
        matmul();
        if (!freivalds(&rng))
            return 1;
        uint32_t row = r % N;
        for (int j = 0; j < N; j++)
            A[row][j] ^= C[(row + 1) % N][j] >> 3;
    }
    return 0;
}
