/*
 * simd-dsp -- plain C loops that clang turns into WebAssembly SIMD when
 * built with -msimd128 (see CMakeLists.txt): a 16-bit dot product, a
 * float a*x+y and a saturating byte add, the inner loops of filters and
 * image code.  Nothing here names a vector type; the compiler finds the
 * lanes.  The app prints what it computed, float results as bit patterns,
 * so the output is the same wherever it runs: mote's SIMD lanes give the
 * same bits on every target.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 512

static int16_t samples[N], taps[N];
static float xs[N], ys[N];
static uint8_t pixels[N], bright[N];

/* sum of p[i] * q[i]: i32x4.dot_i16x8_s or extmul + add */
__attribute__((noinline)) static int32_t dot16(const int16_t *p, const int16_t *q, int n)
{
    int32_t s = 0;
    for (int i = 0; i < n; i++)
        s += (int32_t)p[i] * q[i];
    return s;
}

/* y[i] = k * x[i] + y[i]: f32x4.mul, f32x4.add */
__attribute__((noinline)) static void saxpy(float k, const float *x, float *y, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = k * x[i] + y[i];
}

/* r[i] = min(p[i] + add, 255): i8x16.add_sat_u */
__attribute__((noinline)) static void brighten(const uint8_t *p, uint8_t *r, int n, uint8_t add)
{
    for (int i = 0; i < n; i++) {
        unsigned v = (unsigned)p[i] + add;
        r[i] = (uint8_t)(v > 255 ? 255 : v);
    }
}

/* FNV-1a over bytes: one number that depends on every bit */
static uint32_t fnv(const void *data, size_t len, uint32_t h)
{
    const uint8_t *b = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

int main(void)
{
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        samples[i] = (int16_t)(seed >> 16);
        taps[i] = (int16_t)((seed >> 4) & 0x0FFF) - 2048;
        xs[i] = (float)(int32_t)(seed >> 8) / 65536.0f;
        ys[i] = (float)i * 0.1f;
        pixels[i] = (uint8_t)(seed >> 24);
    }
    int32_t dot = dot16(samples, taps, N);
    saxpy(1.5f, xs, ys, N);
    brighten(pixels, bright, N, 40);
    uint32_t fy = fnv(ys, sizeof ys, 2166136261u), fb = fnv(bright, sizeof bright, 2166136261u);
    uint32_t y0;
    memcpy(&y0, &ys[N - 1], 4);
    printf("dot16 %ld\n", (long)dot);
    printf("saxpy y[%d] 0x%08lx, all 0x%08lx\n", N - 1, (unsigned long)y0, (unsigned long)fy);
    printf("brighten 0x%08lx\n", (unsigned long)fb);
    return 0;
}
