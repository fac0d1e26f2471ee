/* nbody: gravitational n-body (one star, seven planets) in f64, integrated
 * with velocity Verlet (kick-drift-kick). Double-precision add, multiply,
 * divide and sqrt over small arrays of structs; soft-float on Cortex-M3 and
 * rv32imac, so it shows what floating point costs an MCU.
 *
 * scale = hundreds of time steps.
 * Check, bit-exact: the state after the first 100 steps must hash to the
 * value bench/tools/nbody_expect.py computes with an independent Python
 * implementation. IEEE-754 makes that portable: +, -, *, / and sqrt are
 * correctly rounded on every target (SSE2, wasm, soft-float), -std=c11
 * forbids FMA contraction and nothing is reassociated. This catches
 * arithmetic that is consistently but slightly wrong, which conserves the
 * invariants below.
 * Check, at the end: physical invariants recomputed from the final state. Pairwise
 * central forces conserve total momentum and angular momentum exactly in
 * exact arithmetic and Verlet keeps them so up to rounding; energy is kept
 * to O(dt^2). Any wrong arithmetic (a bad sqrt, a swapped operand, a lost
 * update) breaks these by many orders of magnitude more than the
 * tolerances, which sit ~100x above the drift measured at the default
 * scale. */
#include "bench.h"

#define NB 8
#define STEPS_PER_UNIT 100u
#define DT 0.001

struct body {
    double x[3], v[3], a[3], m;
};

static struct body b[NB];

static double dsqrt(double x)
{
    return __builtin_sqrt(x); /* f64.sqrt on wasm, libm/sqrtsd natively */
}

/* FNV-1a over the bit patterns of every position and velocity. */
static uint64_t state_hash(void)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (int i = 0; i < NB; i++)
        for (int k = 0; k < 6; k++) {
            uint64_t bits;
            const double *d = k < 3 ? &b[i].x[k] : &b[i].v[k - 3];
            __builtin_memcpy(&bits, d, sizeof bits);
            h = (h ^ bits) * 0x100000001b3u;
        }
    return h;
}

/* Written by bench/tools/nbody_expect.py (state after 100 steps). */
#define HASH_AFTER_100_STEPS 0xe76cc795b8455c2au

static double dabs(double x)
{
    return x < 0 ? -x : x;
}

static void accelerations(void)
{
    for (int i = 0; i < NB; i++)
        b[i].a[0] = b[i].a[1] = b[i].a[2] = 0.0;
    for (int i = 0; i < NB; i++) {
        for (int j = i + 1; j < NB; j++) {
            double d[3], r2 = 0.0;
            for (int k = 0; k < 3; k++) {
                d[k] = b[j].x[k] - b[i].x[k];
                r2 += d[k] * d[k];
            }
            double inv = 1.0 / (r2 * dsqrt(r2)); /* 1/r^3, G = 1 */
            for (int k = 0; k < 3; k++) {
                b[i].a[k] += d[k] * (b[j].m * inv);
                b[j].a[k] -= d[k] * (b[i].m * inv);
            }
        }
    }
}

static void step(void)
{
    for (int i = 0; i < NB; i++)
        for (int k = 0; k < 3; k++) {
            b[i].v[k] += 0.5 * DT * b[i].a[k];
            b[i].x[k] += DT * b[i].v[k];
        }
    accelerations();
    for (int i = 0; i < NB; i++)
        for (int k = 0; k < 3; k++)
            b[i].v[k] += 0.5 * DT * b[i].a[k];
}

static double energy(void)
{
    double e = 0.0;
    for (int i = 0; i < NB; i++) {
        double v2 = 0.0;
        for (int k = 0; k < 3; k++)
            v2 += b[i].v[k] * b[i].v[k];
        e += 0.5 * b[i].m * v2;
        for (int j = i + 1; j < NB; j++) {
            double r2 = 0.0;
            for (int k = 0; k < 3; k++) {
                double d = b[j].x[k] - b[i].x[k];
                r2 += d * d;
            }
            e -= b[i].m * b[j].m / dsqrt(r2);
        }
    }
    return e;
}

/* Total momentum p and angular momentum l. */
static void momenta(double p[3], double l[3])
{
    for (int k = 0; k < 3; k++)
        p[k] = l[k] = 0.0;
    for (int i = 0; i < NB; i++) {
        const double *x = b[i].x, *v = b[i].v, m = b[i].m;
        for (int k = 0; k < 3; k++)
            p[k] += m * v[k];
        l[0] += m * (x[1] * v[2] - x[2] * v[1]);
        l[1] += m * (x[2] * v[0] - x[0] * v[2]);
        l[2] += m * (x[0] * v[1] - x[1] * v[0]);
    }
}

/* A star of mass 1 and planets on near-circular, slightly inclined orbits
 * at radii growing by 1.6x, with masses ~1e-4 so the system stays stable. */
static void setup(void)
{
    uint32_t rng = 0x0b0d1e5u;
    double r = 1.0;
    for (int k = 0; k < 3; k++)
        b[0].x[k] = b[0].v[k] = 0.0;
    b[0].m = 1.0;
    for (int i = 1; i < NB; i++, r *= 1.6) {
        double ux = (double)bench_below(&rng, 2001) - 1000.0;
        double uy = (double)bench_below(&rng, 2001) - 1000.0;
        double n = dsqrt(ux * ux + uy * uy);
        if (n < 1.0) { /* (0,0) drawn: pick a direction */
            ux = 1.0;
            n = 1.0;
        }
        ux /= n;
        uy /= n;
        double tilt = ((double)bench_below(&rng, 1001) - 500.0) * 1e-5;
        double speed = dsqrt(1.0 / r); /* circular orbit around mass 1 */
        b[i].x[0] = r * ux;
        b[i].x[1] = r * uy;
        b[i].x[2] = r * tilt;
        b[i].v[0] = -speed * uy;
        b[i].v[1] = speed * ux;
        b[i].v[2] = speed * tilt;
        b[i].m = 1e-4 * (1.0 + (double)bench_below(&rng, 1000) / 1000.0);
    }
    /* Give the star the opposite of the planets' momentum: total p = 0. */
    for (int i = 1; i < NB; i++)
        for (int k = 0; k < 3; k++)
            b[0].v[k] -= b[i].m * b[i].v[k] / b[0].m;
    accelerations();
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    double p0[3], l0[3], p1[3], l1[3];
    setup();
    double e0 = energy();
    momenta(p0, l0);
    for (uint32_t u = 0; u < scale; u++) {
        for (uint32_t s = 0; s < STEPS_PER_UNIT; s++)
            step();
        if (u == 0 && state_hash() != HASH_AFTER_100_STEPS)
            return 4;
    }
    double e1 = energy();
    momenta(p1, l1);

    double lnorm = dabs(l0[0]) + dabs(l0[1]) + dabs(l0[2]);
    double pscale = 1e-4; /* a typical planet momentum */
    /* Measured on x86-64 up to scale 5000: |dE/E| <= 2e-9, |dp| <= 4e-17,
     * |dL| <= 1e-14 |L|. Written as !(x <= tol) so a NaN fails. */
    if (!(e0 < 0.0) || !(dabs(e1 - e0) <= 1e-7 * dabs(e0)))
        return 1;
    for (int k = 0; k < 3; k++) {
        if (!(dabs(p1[k] - p0[k]) <= 1e-10 * pscale))
            return 2;
        if (!(dabs(l1[k] - l0[k]) <= 1e-12 * lnorm))
            return 3;
    }
    return 0;
}
