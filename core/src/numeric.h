/*
 * numeric.h -- WebAssembly's numeric rules where C's differ or are loose.
 *
 * Rounding functions, min/max and the NaN rules are written on bit
 * patterns so that results are identical on hard-float, soft-float and
 * x86 targets.  Plain +, -, *, / and sqrt follow IEEE 754 in C already.
 */
#ifndef MOTE_NUMERIC_H
#define MOTE_NUMERIC_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "feature_groups.h"

static inline uint32_t f32_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}
static inline float f32_from(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}
static inline uint64_t f64_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}
static inline double f64_from(uint64_t u)
{
    double d;
    memcpy(&d, &u, 8);
    return d;
}

static inline int f32_is_nan(uint32_t u)
{
    return (u & 0x7FFFFFFFu) > 0x7F800000u;
}
static inline int f64_is_nan(uint64_t u)
{
    return (u & 0x7FFFFFFFFFFFFFFFull) > 0x7FF0000000000000ull;
}

/* A NaN operand becomes a quiet NaN with its payload (an arithmetic NaN). */
static inline uint32_t f32_quiet(uint32_t u)
{
    return u | 0x00400000u;
}
static inline uint64_t f64_quiet(uint64_t u)
{
    return u | 0x0008000000000000ull;
}

/* min and max: NaN wins, and -0 < +0. */
static inline uint32_t f32_min(uint32_t a, uint32_t b)
{
    if (f32_is_nan(a))
        return f32_quiet(a);
    if (f32_is_nan(b))
        return f32_quiet(b);
    if (a == b || ((a | b) & 0x7FFFFFFFu) == 0)
        return a | b; /* -0 wins */
    return f32_from(a) < f32_from(b) ? a : b;
}

static inline uint32_t f32_max(uint32_t a, uint32_t b)
{
    if (f32_is_nan(a))
        return f32_quiet(a);
    if (f32_is_nan(b))
        return f32_quiet(b);
    if (a == b || ((a | b) & 0x7FFFFFFFu) == 0)
        return a & b; /* +0 wins */
    return f32_from(a) > f32_from(b) ? a : b;
}

static inline uint64_t f64_min(uint64_t a, uint64_t b)
{
    if (f64_is_nan(a))
        return f64_quiet(a);
    if (f64_is_nan(b))
        return f64_quiet(b);
    if (a == b || ((a | b) & 0x7FFFFFFFFFFFFFFFull) == 0)
        return a | b;
    return f64_from(a) < f64_from(b) ? a : b;
}

static inline uint64_t f64_max(uint64_t a, uint64_t b)
{
    if (f64_is_nan(a))
        return f64_quiet(a);
    if (f64_is_nan(b))
        return f64_quiet(b);
    if (a == b || ((a | b) & 0x7FFFFFFFFFFFFFFFull) == 0)
        return a & b;
    return f64_from(a) > f64_from(b) ? a : b;
}

/*
 * Rounding to an integral value.  `mode`: 0 trunc, 1 floor, 2 ceil,
 * 3 nearest (ties to even).  Done on the bits: clear the fraction bits
 * below the binary point, then step one unit away from zero when the
 * mode and the dropped bits ask for it.
 */
static inline uint32_t f32_round(uint32_t u, int mode)
{
    uint32_t sign = u & 0x80000000u;
    int exp = (int)((u >> 23) & 0xFF) - 127;
    if (f32_is_nan(u))
        return f32_quiet(u);
    if (exp >= 23)
        return u;  /* already integral, or inf */
    if (exp < 0) { /* |x| < 1 */
        if ((u & 0x7FFFFFFFu) == 0)
            return u;
        int up;
        switch (mode) {
        case 1: up = sign != 0; break;
        case 2: up = sign == 0; break;
        case 3: up = exp == -1 && (u & 0x7FFFFFu) != 0; break; /* > 0.5 */
        default: up = 0; break;
        }
        return sign | (up ? 0x3F800000u : 0);
    }
    uint32_t frac_mask = 0x7FFFFFu >> exp;
    uint32_t dropped = u & frac_mask;
    if (dropped == 0)
        return u;
    uint32_t r = u & ~frac_mask;
    uint32_t one = frac_mask + 1; /* one unit at the binary point */
    int up;
    switch (mode) {
    case 1: up = sign != 0; break;
    case 2: up = sign == 0; break;
    case 3: {
        uint32_t half = one >> 1;
        up = dropped > half || (dropped == half && (r & one));
        break;
    }
    default: up = 0; break;
    }
    return up ? r + one : r; /* carry into the exponent is right */
}

static inline uint64_t f64_round(uint64_t u, int mode)
{
    uint64_t sign = u & 0x8000000000000000ull;
    int exp = (int)((u >> 52) & 0x7FF) - 1023;
    if (f64_is_nan(u))
        return f64_quiet(u);
    if (exp >= 52)
        return u;
    if (exp < 0) {
        if ((u & 0x7FFFFFFFFFFFFFFFull) == 0)
            return u;
        int up;
        switch (mode) {
        case 1: up = sign != 0; break;
        case 2: up = sign == 0; break;
        case 3: up = exp == -1 && (u & 0xFFFFFFFFFFFFFull) != 0; break;
        default: up = 0; break;
        }
        return sign | (up ? 0x3FF0000000000000ull : 0);
    }
    uint64_t frac_mask = 0xFFFFFFFFFFFFFull >> exp;
    uint64_t dropped = u & frac_mask;
    if (dropped == 0)
        return u;
    uint64_t r = u & ~frac_mask;
    uint64_t one = frac_mask + 1;
    int up;
    switch (mode) {
    case 1: up = sign != 0; break;
    case 2: up = sign == 0; break;
    case 3: {
        uint64_t half = one >> 1;
        up = dropped > half || (dropped == half && (r & one));
        break;
    }
    default: up = 0; break;
    }
    return up ? r + one : r;
}

static inline uint32_t f32_sqrt_bits(uint32_t u)
{
    if (f32_is_nan(u))
        return f32_quiet(u);
    return f32_bits(sqrtf(f32_from(u)));
}

static inline uint64_t f64_sqrt_bits(uint64_t u)
{
    if (f64_is_nan(u))
        return f64_quiet(u);
    return f64_bits(sqrt(f64_from(u)));
}

/*
 * Range checks for float -> integer truncation.  Each bound is exact in the
 * source format, so comparing before truncating is exact.  NaN fails both.
 */
static inline int f32_fits_i32(float x)
{
    return x >= -2147483648.0f && x < 2147483648.0f;
}
static inline int f32_fits_u32(float x)
{
    return x > -1.0f && x < 4294967296.0f;
}
static inline int f64_fits_i32(double x)
{
    return x > -2147483649.0 && x < 2147483648.0;
}
static inline int f64_fits_u32(double x)
{
    return x > -1.0 && x < 4294967296.0;
}
static inline int f32_fits_i64(float x)
{
    return x >= -9223372036854775808.0f && x < 9223372036854775808.0f;
}
static inline int f32_fits_u64(float x)
{
    return x > -1.0f && x < 18446744073709551616.0f;
}
static inline int f64_fits_i64(double x)
{
    return x >= -9223372036854775808.0 && x < 9223372036854775808.0;
}
static inline int f64_fits_u64(double x)
{
    return x > -1.0 && x < 18446744073709551616.0;
}

/* Saturating truncations: NaN -> 0, out of range -> the nearest bound. */
#define MOTE_SAT(name, ftype, itype, fits, lo, hi) \
    static inline itype name(ftype x)              \
    {                                              \
        if (x != x)                                \
            return 0;                              \
        if (!fits(x))                              \
            return x < 0 ? (lo) : (hi);            \
        return (itype)x;                           \
    }
MOTE_SAT(sat_f32_i32, float, int32_t, f32_fits_i32, INT32_MIN, INT32_MAX)
MOTE_SAT(sat_f32_u32, float, uint32_t, f32_fits_u32, 0, UINT32_MAX)
MOTE_SAT(sat_f64_i32, double, int32_t, f64_fits_i32, INT32_MIN, INT32_MAX)
MOTE_SAT(sat_f64_u32, double, uint32_t, f64_fits_u32, 0, UINT32_MAX)
MOTE_SAT(sat_f32_i64, float, int64_t, f32_fits_i64, INT64_MIN, INT64_MAX)
MOTE_SAT(sat_f32_u64, float, uint64_t, f32_fits_u64, 0, UINT64_MAX)
MOTE_SAT(sat_f64_i64, double, int64_t, f64_fits_i64, INT64_MIN, INT64_MAX)
MOTE_SAT(sat_f64_u64, double, uint64_t, f64_fits_u64, 0, UINT64_MAX)
#undef MOTE_SAT

static inline uint32_t rotl32(uint32_t x, uint32_t n)
{
    n &= 31;
    return (x << n) | (x >> ((32 - n) & 31));
}
static inline uint32_t rotr32(uint32_t x, uint32_t n)
{
    n &= 31;
    return (x >> n) | (x << ((32 - n) & 31));
}
static inline uint64_t rotl64(uint64_t x, uint64_t n)
{
    n &= 63;
    return (x << n) | (x >> ((64 - n) & 63));
}
static inline uint64_t rotr64(uint64_t x, uint64_t n)
{
    n &= 63;
    return (x >> n) | (x << ((64 - n) & 63));
}

/* Bit counts.  A 32-bit CPU counts a 64-bit value as two halves, with the
 * 32-bit count (an instruction, or one helper shared with i32), so that
 * libgcc's 64-bit helpers are not linked as well. */
#define NUMERIC_CPU64 (UINTPTR_MAX > 0xFFFFFFFFu)
#if defined(__riscv) && !defined(__riscv_zbb)
/* A RISC-V CPU without the bit-manipulation extension has no instruction
 * for any of the three, and libgcc's helpers are 442 bytes on rv32 (its
 * count of leading zeros reads a 256-byte table).  Here the three are one
 * population count, out of line once: trailing zeros are the ones below
 * the lowest set bit, and leading zeros what a copy of the highest set bit
 * into every lower one leaves unset.  Both give 32 for 0. */
static __attribute__((noinline, unused)) uint32_t popcnt32(uint32_t x)
{
    x -= (x >> 1) & 0x55555555u;                      /* 2-bit sums */
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u); /* 4-bit sums */
    x = (x + (x >> 4)) & 0x0F0F0F0Fu;                 /* byte sums */
    return (x * 0x01010101u) >> 24;                   /* their total */
}
static inline uint32_t ctz32(uint32_t x)
{
    return popcnt32(~x & (x - 1));
}
static __attribute__((noinline, unused)) uint32_t clz32(uint32_t x)
{
    x |= x >> 1;
    x |= x >> 2;
    x |= x >> 4;
    x |= x >> 8;
    x |= x >> 16;
    return 32 - popcnt32(x);
}
#else
static inline uint32_t clz32(uint32_t x)
{
    return x ? (uint32_t)__builtin_clz(x) : 32;
}
static inline uint32_t ctz32(uint32_t x)
{
    return x ? (uint32_t)__builtin_ctz(x) : 32;
}
static inline uint32_t popcnt32(uint32_t x)
{
    return (uint32_t)__builtin_popcount(x);
}
#endif
static inline uint64_t clz64(uint64_t x)
{
    if (NUMERIC_CPU64)
        return x ? (uint64_t)__builtin_clzll(x) : 64;
    uint32_t hi = (uint32_t)(x >> 32);
    return hi ? clz32(hi) : 32 + clz32((uint32_t)x);
}
static inline uint64_t ctz64(uint64_t x)
{
    if (NUMERIC_CPU64)
        return x ? (uint64_t)__builtin_ctzll(x) : 64;
    uint32_t lo = (uint32_t)x;
    return lo ? ctz32(lo) : 32 + ctz32((uint32_t)(x >> 32));
}
static inline uint64_t popcnt64(uint64_t x)
{
    if (NUMERIC_CPU64)
        return (uint64_t)__builtin_popcountll(x);
    return popcnt32((uint32_t)x) + popcnt32((uint32_t)(x >> 32));
}

/* 64-bit integer division, b != 0.  With MOTE_WITH_FAST_DIV64 (on but in
 * minimal) unsigned division is C's / and %: an instruction on a 64-bit
 * CPU, libgcc's routine on a 32-bit one (912 bytes on Cortex-M3).  Without
 * it, div64_udivmod (div64.c): a loop of about 120 bytes that takes up to
 * 64 steps; the HAL and WASI-lite divide with their own (mote_hal_div64),
 * so then nothing links libgcc's.  Either way, a 32-bit CPU
 * divides signed numbers as their magnitudes: libgcc's signed routines
 * would be more copies of its unsigned one (1,826 bytes on rv32).  The
 * signed forms leave INT64_MIN / -1 to the caller (a trap, and a remainder
 * of 0). */
uint64_t div64_udivmod(uint64_t n, uint64_t d, uint64_t *rem);

static inline uint64_t divmod_u64(uint64_t n, uint64_t d, uint64_t *rem)
{
#if MOTE_WITH_FAST_DIV64
    *rem = n % d; /* the caller that ignores it compiles no % */
    return n / d;
#else
    return div64_udivmod(n, d, rem);
#endif
}
#define DIV64_NATIVE_SIGNED (MOTE_WITH_FAST_DIV64 && NUMERIC_CPU64)
static inline uint64_t neg_if(uint64_t x, int neg)
{
    return neg ? (uint64_t)0 - x : x;
}
static inline int64_t div_s64(int64_t a, int64_t b)
{
    if (DIV64_NATIVE_SIGNED)
        return a / b;
    uint64_t r, q = divmod_u64(neg_if((uint64_t)a, a < 0), neg_if((uint64_t)b, b < 0), &r);
    (void)r;
    return (int64_t)neg_if(q, (a < 0) != (b < 0));
}
static inline int64_t rem_s64(int64_t a, int64_t b)
{
    if (DIV64_NATIVE_SIGNED)
        return a % b;
    uint64_t r;
    divmod_u64(neg_if((uint64_t)a, a < 0), neg_if((uint64_t)b, b < 0), &r);
    return (int64_t)neg_if(r, a < 0);
}

#endif
