/*
 * simd.c -- the lane arithmetic of the SIMD instructions; see simd.h.
 *
 * One switch per shape of instruction keeps the code small: an interpreter
 * handler decodes its operands and calls in with its own op number.
 * Integer lanes compute in unsigned types (wrapping is defined there);
 * saturation and widening go through int32_t/int64_t, which cannot
 * overflow for these widths.  Built with -ffp-contract=off: a product is
 * rounded before it is added, as wasm says.
 */
#include "simd.h"

#include <string.h>

#include "numeric.h"

#if MOTE_WITH_SIMD

static inline simd_v128 get(const mote_slot *s)
{
    simd_v128 v;
    memcpy(&v, s, sizeof v);
    return v;
}

static inline void put(mote_slot *s, const simd_v128 *v)
{
    memcpy(s, v, sizeof *v);
}

/* Every lane i of n: the statement, then leave the switch. */
#define EACH(n, stmt)                    \
    for (unsigned i = 0; i < (n); i++) { \
        stmt;                            \
    }                                    \
    break

/* A comparison's lane: all ones or zero. */
#define MASK(c) ((c) ? ~(uint64_t)0 : 0)

/* ---- float lanes ----------------------------------------------------------- */

#define CANON32 0x7FC00000u
#define CANON64 0x7FF8000000000000ull

static inline float fl(uint32_t u)
{
    return f32_from(u);
}
static inline double db(uint64_t u)
{
    return f64_from(u);
}

/* The bits of an arithmetic result; any NaN becomes the canonical NaN. */
static inline uint32_t res32(float f)
{
    uint32_t u = f32_bits(f);
    return f32_is_nan(u) ? CANON32 : u;
}

static inline uint64_t res64(double d)
{
    uint64_t u = f64_bits(d);
    return f64_is_nan(u) ? CANON64 : u;
}

/* ---- integer helpers --------------------------------------------------------- */

static inline int32_t clamp32(int64_t v, int64_t lo, int64_t hi)
{
    return (int32_t)(v < lo ? lo : v > hi ? hi : v);
}

#define SAT_S8(v) ((int8_t)clamp32((v), INT8_MIN, INT8_MAX))
#define SAT_U8(v) ((uint8_t)clamp32((v), 0, UINT8_MAX))
#define SAT_S16(v) ((int16_t)clamp32((v), INT16_MIN, INT16_MAX))
#define SAT_U16(v) ((uint16_t)clamp32((v), 0, UINT16_MAX))

static inline uint8_t popcnt8(uint8_t x)
{
    x = (uint8_t)(x - ((x >> 1) & 0x55));
    x = (uint8_t)((x & 0x33) + ((x >> 2) & 0x33));
    return (uint8_t)((x + (x >> 4)) & 0x0F);
}

/* (a * b + 0x4000) >> 15 of two i16, saturated (only -32768 * -32768 is out of range). */
static inline int16_t q15mulr(int16_t a, int16_t b)
{
    int32_t p = ((int32_t)a * b + 0x4000) >> 15;
    return SAT_S16(p);
}

/* i8 x i8 dot of lanes 2i and 2i+1 as a wrapping i16 (relaxed dot's choice). */
static inline int16_t dot_i8(const simd_v128 *x, const simd_v128 *y, unsigned i)
{
    int32_t s = (int32_t)x->i8[2 * i] * y->i8[2 * i] + (int32_t)x->i8[2 * i + 1] * y->i8[2 * i + 1];
    return (int16_t)(uint16_t)(uint32_t)s;
}

/* ---- v128 -> v128 -------------------------------------------------------------- */

void simd_unary(uint32_t op, mote_slot *d, const mote_slot *a)
{
    simd_v128 x = get(a), r;
    memset(&r, 0, sizeof r);
    switch (op) {
    case OP_v128_not: EACH(2, r.u64[i] = ~x.u64[i]);
    case OP_i8x16_abs: EACH(16, r.u8[i] = x.i8[i] < 0 ? (uint8_t)(0u - x.u8[i]) : x.u8[i]);
    case OP_i8x16_neg: EACH(16, r.u8[i] = (uint8_t)(0u - x.u8[i]));
    case OP_i8x16_popcnt: EACH(16, r.u8[i] = popcnt8(x.u8[i]));
    case OP_i16x8_abs: EACH(8, r.u16[i] = x.i16[i] < 0 ? (uint16_t)(0u - x.u16[i]) : x.u16[i]);
    case OP_i16x8_neg: EACH(8, r.u16[i] = (uint16_t)(0u - x.u16[i]));
    case OP_i32x4_abs: EACH(4, r.u32[i] = x.i32[i] < 0 ? 0u - x.u32[i] : x.u32[i]);
    case OP_i32x4_neg: EACH(4, r.u32[i] = 0u - x.u32[i]);
    case OP_i64x2_abs: EACH(2, r.u64[i] = x.i64[i] < 0 ? 0u - x.u64[i] : x.u64[i]);
    case OP_i64x2_neg: EACH(2, r.u64[i] = 0u - x.u64[i]);
    /* widening */
    case OP_i16x8_extend_low_i8x16_s: EACH(8, r.i16[i] = x.i8[i]);
    case OP_i16x8_extend_high_i8x16_s: EACH(8, r.i16[i] = x.i8[i + 8]);
    case OP_i16x8_extend_low_i8x16_u: EACH(8, r.u16[i] = x.u8[i]);
    case OP_i16x8_extend_high_i8x16_u: EACH(8, r.u16[i] = x.u8[i + 8]);
    case OP_i32x4_extend_low_i16x8_s: EACH(4, r.i32[i] = x.i16[i]);
    case OP_i32x4_extend_high_i16x8_s: EACH(4, r.i32[i] = x.i16[i + 4]);
    case OP_i32x4_extend_low_i16x8_u: EACH(4, r.u32[i] = x.u16[i]);
    case OP_i32x4_extend_high_i16x8_u: EACH(4, r.u32[i] = x.u16[i + 4]);
    case OP_i64x2_extend_low_i32x4_s: EACH(2, r.i64[i] = x.i32[i]);
    case OP_i64x2_extend_high_i32x4_s: EACH(2, r.i64[i] = x.i32[i + 2]);
    case OP_i64x2_extend_low_i32x4_u: EACH(2, r.u64[i] = x.u32[i]);
    case OP_i64x2_extend_high_i32x4_u: EACH(2, r.u64[i] = x.u32[i + 2]);
    case OP_i16x8_extadd_pairwise_i8x16_s:
        EACH(8, r.i16[i] = (int16_t)(x.i8[2 * i] + x.i8[2 * i + 1]));
    case OP_i16x8_extadd_pairwise_i8x16_u:
        EACH(8, r.u16[i] = (uint16_t)(x.u8[2 * i] + x.u8[2 * i + 1]));
    case OP_i32x4_extadd_pairwise_i16x8_s:
        EACH(4, r.i32[i] = (int32_t)x.i16[2 * i] + x.i16[2 * i + 1]);
    case OP_i32x4_extadd_pairwise_i16x8_u:
        EACH(4, r.u32[i] = (uint32_t)x.u16[2 * i] + x.u16[2 * i + 1]);
    /* float lanes */
    case OP_f32x4_abs: EACH(4, r.u32[i] = x.u32[i] & 0x7FFFFFFFu);
    case OP_f32x4_neg: EACH(4, r.u32[i] = x.u32[i] ^ 0x80000000u);
    case OP_f32x4_sqrt: EACH(4, r.u32[i] = res32(f32_from(f32_sqrt_bits(x.u32[i]))));
    case OP_f32x4_ceil: EACH(4, r.u32[i] = f32_round(x.u32[i], 2));
    case OP_f32x4_floor: EACH(4, r.u32[i] = f32_round(x.u32[i], 1));
    case OP_f32x4_trunc: EACH(4, r.u32[i] = f32_round(x.u32[i], 0));
    case OP_f32x4_nearest: EACH(4, r.u32[i] = f32_round(x.u32[i], 3));
    case OP_f64x2_abs: EACH(2, r.u64[i] = x.u64[i] & 0x7FFFFFFFFFFFFFFFull);
    case OP_f64x2_neg: EACH(2, r.u64[i] = x.u64[i] ^ 0x8000000000000000ull);
    case OP_f64x2_sqrt: EACH(2, r.u64[i] = res64(f64_from(f64_sqrt_bits(x.u64[i]))));
    case OP_f64x2_ceil: EACH(2, r.u64[i] = f64_round(x.u64[i], 2));
    case OP_f64x2_floor: EACH(2, r.u64[i] = f64_round(x.u64[i], 1));
    case OP_f64x2_trunc: EACH(2, r.u64[i] = f64_round(x.u64[i], 0));
    case OP_f64x2_nearest: EACH(2, r.u64[i] = f64_round(x.u64[i], 3));
    /* conversions (the _zero forms leave the upper lanes 0) */
    case OP_i32x4_trunc_sat_f32x4_s: EACH(4, r.i32[i] = sat_f32_i32(fl(x.u32[i])));
    case OP_i32x4_trunc_sat_f32x4_u: EACH(4, r.u32[i] = sat_f32_u32(fl(x.u32[i])));
    case OP_i32x4_trunc_sat_f64x2_s_zero: EACH(2, r.i32[i] = sat_f64_i32(db(x.u64[i])));
    case OP_i32x4_trunc_sat_f64x2_u_zero: EACH(2, r.u32[i] = sat_f64_u32(db(x.u64[i])));
    case OP_f32x4_convert_i32x4_s: EACH(4, r.u32[i] = f32_bits((float)x.i32[i]));
    case OP_f32x4_convert_i32x4_u: EACH(4, r.u32[i] = f32_bits((float)x.u32[i]));
    case OP_f64x2_convert_low_i32x4_s: EACH(2, r.u64[i] = f64_bits((double)x.i32[i]));
    case OP_f64x2_convert_low_i32x4_u: EACH(2, r.u64[i] = f64_bits((double)x.u32[i]));
    case OP_f32x4_demote_f64x2_zero: EACH(2, r.u32[i] = res32((float)db(x.u64[i])));
    case OP_f64x2_promote_low_f32x4: EACH(2, r.u64[i] = res64((double)fl(x.u32[i])));
#if MOTE_WITH_RELAXED_SIMD
    /* relaxed: the saturating conversions' results */
    case OP_i32x4_relaxed_trunc_f32x4_s: EACH(4, r.i32[i] = sat_f32_i32(fl(x.u32[i])));
    case OP_i32x4_relaxed_trunc_f32x4_u: EACH(4, r.u32[i] = sat_f32_u32(fl(x.u32[i])));
    case OP_i32x4_relaxed_trunc_f64x2_s_zero: EACH(2, r.i32[i] = sat_f64_i32(db(x.u64[i])));
    case OP_i32x4_relaxed_trunc_f64x2_u_zero: EACH(2, r.u32[i] = sat_f64_u32(db(x.u64[i])));
#endif
    default: break;
    }
    put(d, &r);
}

/* ---- v128 -> i32 ------------------------------------------------------------- */

uint32_t simd_test(uint32_t op, const mote_slot *a)
{
    simd_v128 x = get(a);
    uint32_t r = 0;
    switch (op) {
    case OP_v128_any_true: return (x.u64[0] | x.u64[1]) != 0;
    case OP_i8x16_all_true: r = 1; EACH(16, r &= x.u8[i] != 0);
    case OP_i16x8_all_true: r = 1; EACH(8, r &= x.u16[i] != 0);
    case OP_i32x4_all_true: r = 1; EACH(4, r &= x.u32[i] != 0);
    case OP_i64x2_all_true: r = 1; EACH(2, r &= x.u64[i] != 0);
    case OP_i8x16_bitmask: EACH(16, r |= (uint32_t)(x.u8[i] >> 7) << i);
    case OP_i16x8_bitmask: EACH(8, r |= (uint32_t)(x.u16[i] >> 15) << i);
    case OP_i32x4_bitmask: EACH(4, r |= (x.u32[i] >> 31) << i);
    case OP_i64x2_bitmask: EACH(2, r |= (uint32_t)(x.u64[i] >> 63) << i);
    default: break;
    }
    return r;
}

/* ---- v128 x v128 -> v128 -------------------------------------------------------- */

static void swizzle(simd_v128 *r, const simd_v128 *x, const simd_v128 *y)
{
    for (unsigned i = 0; i < 16; i++)
        r->u8[i] = y->u8[i] < 16 ? x->u8[y->u8[i]] : 0;
}

void simd_binary(uint32_t op, mote_slot *d, const mote_slot *a, const mote_slot *b)
{
    simd_v128 x = get(a), y = get(b), r;
    memset(&r, 0, sizeof r);
    switch (op) {
    /* comparisons */
    case OP_i8x16_eq: EACH(16, r.u8[i] = (uint8_t)MASK(x.u8[i] == y.u8[i]));
    case OP_i8x16_ne: EACH(16, r.u8[i] = (uint8_t)MASK(x.u8[i] != y.u8[i]));
    case OP_i8x16_lt_s: EACH(16, r.u8[i] = (uint8_t)MASK(x.i8[i] < y.i8[i]));
    case OP_i8x16_lt_u: EACH(16, r.u8[i] = (uint8_t)MASK(x.u8[i] < y.u8[i]));
    case OP_i8x16_gt_s: EACH(16, r.u8[i] = (uint8_t)MASK(x.i8[i] > y.i8[i]));
    case OP_i8x16_gt_u: EACH(16, r.u8[i] = (uint8_t)MASK(x.u8[i] > y.u8[i]));
    case OP_i8x16_le_s: EACH(16, r.u8[i] = (uint8_t)MASK(x.i8[i] <= y.i8[i]));
    case OP_i8x16_le_u: EACH(16, r.u8[i] = (uint8_t)MASK(x.u8[i] <= y.u8[i]));
    case OP_i8x16_ge_s: EACH(16, r.u8[i] = (uint8_t)MASK(x.i8[i] >= y.i8[i]));
    case OP_i8x16_ge_u: EACH(16, r.u8[i] = (uint8_t)MASK(x.u8[i] >= y.u8[i]));
    case OP_i16x8_eq: EACH(8, r.u16[i] = (uint16_t)MASK(x.u16[i] == y.u16[i]));
    case OP_i16x8_ne: EACH(8, r.u16[i] = (uint16_t)MASK(x.u16[i] != y.u16[i]));
    case OP_i16x8_lt_s: EACH(8, r.u16[i] = (uint16_t)MASK(x.i16[i] < y.i16[i]));
    case OP_i16x8_lt_u: EACH(8, r.u16[i] = (uint16_t)MASK(x.u16[i] < y.u16[i]));
    case OP_i16x8_gt_s: EACH(8, r.u16[i] = (uint16_t)MASK(x.i16[i] > y.i16[i]));
    case OP_i16x8_gt_u: EACH(8, r.u16[i] = (uint16_t)MASK(x.u16[i] > y.u16[i]));
    case OP_i16x8_le_s: EACH(8, r.u16[i] = (uint16_t)MASK(x.i16[i] <= y.i16[i]));
    case OP_i16x8_le_u: EACH(8, r.u16[i] = (uint16_t)MASK(x.u16[i] <= y.u16[i]));
    case OP_i16x8_ge_s: EACH(8, r.u16[i] = (uint16_t)MASK(x.i16[i] >= y.i16[i]));
    case OP_i16x8_ge_u: EACH(8, r.u16[i] = (uint16_t)MASK(x.u16[i] >= y.u16[i]));
    case OP_i32x4_eq: EACH(4, r.u32[i] = (uint32_t)MASK(x.u32[i] == y.u32[i]));
    case OP_i32x4_ne: EACH(4, r.u32[i] = (uint32_t)MASK(x.u32[i] != y.u32[i]));
    case OP_i32x4_lt_s: EACH(4, r.u32[i] = (uint32_t)MASK(x.i32[i] < y.i32[i]));
    case OP_i32x4_lt_u: EACH(4, r.u32[i] = (uint32_t)MASK(x.u32[i] < y.u32[i]));
    case OP_i32x4_gt_s: EACH(4, r.u32[i] = (uint32_t)MASK(x.i32[i] > y.i32[i]));
    case OP_i32x4_gt_u: EACH(4, r.u32[i] = (uint32_t)MASK(x.u32[i] > y.u32[i]));
    case OP_i32x4_le_s: EACH(4, r.u32[i] = (uint32_t)MASK(x.i32[i] <= y.i32[i]));
    case OP_i32x4_le_u: EACH(4, r.u32[i] = (uint32_t)MASK(x.u32[i] <= y.u32[i]));
    case OP_i32x4_ge_s: EACH(4, r.u32[i] = (uint32_t)MASK(x.i32[i] >= y.i32[i]));
    case OP_i32x4_ge_u: EACH(4, r.u32[i] = (uint32_t)MASK(x.u32[i] >= y.u32[i]));
    case OP_i64x2_eq: EACH(2, r.u64[i] = MASK(x.u64[i] == y.u64[i]));
    case OP_i64x2_ne: EACH(2, r.u64[i] = MASK(x.u64[i] != y.u64[i]));
    case OP_i64x2_lt_s: EACH(2, r.u64[i] = MASK(x.i64[i] < y.i64[i]));
    case OP_i64x2_gt_s: EACH(2, r.u64[i] = MASK(x.i64[i] > y.i64[i]));
    case OP_i64x2_le_s: EACH(2, r.u64[i] = MASK(x.i64[i] <= y.i64[i]));
    case OP_i64x2_ge_s: EACH(2, r.u64[i] = MASK(x.i64[i] >= y.i64[i]));
    case OP_f32x4_eq: EACH(4, r.u32[i] = (uint32_t)MASK(fl(x.u32[i]) == fl(y.u32[i])));
    case OP_f32x4_ne: EACH(4, r.u32[i] = (uint32_t)MASK(fl(x.u32[i]) != fl(y.u32[i])));
    case OP_f32x4_lt: EACH(4, r.u32[i] = (uint32_t)MASK(fl(x.u32[i]) < fl(y.u32[i])));
    case OP_f32x4_gt: EACH(4, r.u32[i] = (uint32_t)MASK(fl(x.u32[i]) > fl(y.u32[i])));
    case OP_f32x4_le: EACH(4, r.u32[i] = (uint32_t)MASK(fl(x.u32[i]) <= fl(y.u32[i])));
    case OP_f32x4_ge: EACH(4, r.u32[i] = (uint32_t)MASK(fl(x.u32[i]) >= fl(y.u32[i])));
    case OP_f64x2_eq: EACH(2, r.u64[i] = MASK(db(x.u64[i]) == db(y.u64[i])));
    case OP_f64x2_ne: EACH(2, r.u64[i] = MASK(db(x.u64[i]) != db(y.u64[i])));
    case OP_f64x2_lt: EACH(2, r.u64[i] = MASK(db(x.u64[i]) < db(y.u64[i])));
    case OP_f64x2_gt: EACH(2, r.u64[i] = MASK(db(x.u64[i]) > db(y.u64[i])));
    case OP_f64x2_le: EACH(2, r.u64[i] = MASK(db(x.u64[i]) <= db(y.u64[i])));
    case OP_f64x2_ge: EACH(2, r.u64[i] = MASK(db(x.u64[i]) >= db(y.u64[i])));
    /* bitwise */
    case OP_v128_and: EACH(2, r.u64[i] = x.u64[i] & y.u64[i]);
    case OP_v128_andnot: EACH(2, r.u64[i] = x.u64[i] & ~y.u64[i]);
    case OP_v128_or: EACH(2, r.u64[i] = x.u64[i] | y.u64[i]);
    case OP_v128_xor: EACH(2, r.u64[i] = x.u64[i] ^ y.u64[i]);
    /* i8x16 */
    case OP_i8x16_swizzle: swizzle(&r, &x, &y); break;
    case OP_i8x16_narrow_i16x8_s:
        EACH(8, (r.i8[i] = SAT_S8(x.i16[i]), r.i8[i + 8] = SAT_S8(y.i16[i])));
    case OP_i8x16_narrow_i16x8_u:
        EACH(8, (r.u8[i] = SAT_U8(x.i16[i]), r.u8[i + 8] = SAT_U8(y.i16[i])));
    case OP_i8x16_add: EACH(16, r.u8[i] = (uint8_t)(x.u8[i] + y.u8[i]));
    case OP_i8x16_add_sat_s: EACH(16, r.i8[i] = SAT_S8(x.i8[i] + y.i8[i]));
    case OP_i8x16_add_sat_u: EACH(16, r.u8[i] = SAT_U8(x.u8[i] + y.u8[i]));
    case OP_i8x16_sub: EACH(16, r.u8[i] = (uint8_t)(x.u8[i] - y.u8[i]));
    case OP_i8x16_sub_sat_s: EACH(16, r.i8[i] = SAT_S8(x.i8[i] - y.i8[i]));
    case OP_i8x16_sub_sat_u: EACH(16, r.u8[i] = SAT_U8(x.u8[i] - y.u8[i]));
    case OP_i8x16_min_s: EACH(16, r.i8[i] = x.i8[i] < y.i8[i] ? x.i8[i] : y.i8[i]);
    case OP_i8x16_min_u: EACH(16, r.u8[i] = x.u8[i] < y.u8[i] ? x.u8[i] : y.u8[i]);
    case OP_i8x16_max_s: EACH(16, r.i8[i] = x.i8[i] > y.i8[i] ? x.i8[i] : y.i8[i]);
    case OP_i8x16_max_u: EACH(16, r.u8[i] = x.u8[i] > y.u8[i] ? x.u8[i] : y.u8[i]);
    case OP_i8x16_avgr_u: EACH(16, r.u8[i] = (uint8_t)((x.u8[i] + y.u8[i] + 1u) >> 1));
    /* i16x8 */
    case OP_i16x8_q15mulr_sat_s: EACH(8, r.i16[i] = q15mulr(x.i16[i], y.i16[i]));
    case OP_i16x8_narrow_i32x4_s:
        EACH(4, (r.i16[i] = SAT_S16(x.i32[i]), r.i16[i + 4] = SAT_S16(y.i32[i])));
    case OP_i16x8_narrow_i32x4_u:
        EACH(4, (r.u16[i] = SAT_U16(x.i32[i]), r.u16[i + 4] = SAT_U16(y.i32[i])));
    case OP_i16x8_add: EACH(8, r.u16[i] = (uint16_t)(x.u16[i] + y.u16[i]));
    case OP_i16x8_add_sat_s: EACH(8, r.i16[i] = SAT_S16(x.i16[i] + y.i16[i]));
    case OP_i16x8_add_sat_u: EACH(8, r.u16[i] = SAT_U16(x.u16[i] + y.u16[i]));
    case OP_i16x8_sub: EACH(8, r.u16[i] = (uint16_t)(x.u16[i] - y.u16[i]));
    case OP_i16x8_sub_sat_s: EACH(8, r.i16[i] = SAT_S16(x.i16[i] - y.i16[i]));
    case OP_i16x8_sub_sat_u: EACH(8, r.u16[i] = SAT_U16(x.u16[i] - y.u16[i]));
    case OP_i16x8_mul: EACH(8, r.u16[i] = (uint16_t)((uint32_t)x.u16[i] * y.u16[i]));
    case OP_i16x8_min_s: EACH(8, r.i16[i] = x.i16[i] < y.i16[i] ? x.i16[i] : y.i16[i]);
    case OP_i16x8_min_u: EACH(8, r.u16[i] = x.u16[i] < y.u16[i] ? x.u16[i] : y.u16[i]);
    case OP_i16x8_max_s: EACH(8, r.i16[i] = x.i16[i] > y.i16[i] ? x.i16[i] : y.i16[i]);
    case OP_i16x8_max_u: EACH(8, r.u16[i] = x.u16[i] > y.u16[i] ? x.u16[i] : y.u16[i]);
    case OP_i16x8_avgr_u: EACH(8, r.u16[i] = (uint16_t)(((uint32_t)x.u16[i] + y.u16[i] + 1u) >> 1));
    case OP_i16x8_extmul_low_i8x16_s: EACH(8, r.i16[i] = (int16_t)(x.i8[i] * y.i8[i]));
    case OP_i16x8_extmul_high_i8x16_s: EACH(8, r.i16[i] = (int16_t)(x.i8[i + 8] * y.i8[i + 8]));
    case OP_i16x8_extmul_low_i8x16_u: EACH(8, r.u16[i] = (uint16_t)(x.u8[i] * y.u8[i]));
    case OP_i16x8_extmul_high_i8x16_u: EACH(8, r.u16[i] = (uint16_t)(x.u8[i + 8] * y.u8[i + 8]));
    /* i32x4 */
    case OP_i32x4_add: EACH(4, r.u32[i] = x.u32[i] + y.u32[i]);
    case OP_i32x4_sub: EACH(4, r.u32[i] = x.u32[i] - y.u32[i]);
    case OP_i32x4_mul: EACH(4, r.u32[i] = x.u32[i] * y.u32[i]);
    case OP_i32x4_min_s: EACH(4, r.i32[i] = x.i32[i] < y.i32[i] ? x.i32[i] : y.i32[i]);
    case OP_i32x4_min_u: EACH(4, r.u32[i] = x.u32[i] < y.u32[i] ? x.u32[i] : y.u32[i]);
    case OP_i32x4_max_s: EACH(4, r.i32[i] = x.i32[i] > y.i32[i] ? x.i32[i] : y.i32[i]);
    case OP_i32x4_max_u: EACH(4, r.u32[i] = x.u32[i] > y.u32[i] ? x.u32[i] : y.u32[i]);
    case OP_i32x4_dot_i16x8_s: /* the sum wraps only for (-32768)^2 * 2 */
        EACH(4, r.u32[i] = (uint32_t)((int32_t)x.i16[2 * i] * y.i16[2 * i]) +
                           (uint32_t)((int32_t)x.i16[2 * i + 1] * y.i16[2 * i + 1]));
    case OP_i32x4_extmul_low_i16x8_s: EACH(4, r.i32[i] = (int32_t)x.i16[i] * y.i16[i]);
    case OP_i32x4_extmul_high_i16x8_s: EACH(4, r.i32[i] = (int32_t)x.i16[i + 4] * y.i16[i + 4]);
    case OP_i32x4_extmul_low_i16x8_u: EACH(4, r.u32[i] = (uint32_t)x.u16[i] * y.u16[i]);
    case OP_i32x4_extmul_high_i16x8_u: EACH(4, r.u32[i] = (uint32_t)x.u16[i + 4] * y.u16[i + 4]);
    /* i64x2 */
    case OP_i64x2_add: EACH(2, r.u64[i] = x.u64[i] + y.u64[i]);
    case OP_i64x2_sub: EACH(2, r.u64[i] = x.u64[i] - y.u64[i]);
    case OP_i64x2_mul: EACH(2, r.u64[i] = x.u64[i] * y.u64[i]);
    case OP_i64x2_extmul_low_i32x4_s: EACH(2, r.i64[i] = (int64_t)x.i32[i] * y.i32[i]);
    case OP_i64x2_extmul_high_i32x4_s: EACH(2, r.i64[i] = (int64_t)x.i32[i + 2] * y.i32[i + 2]);
    case OP_i64x2_extmul_low_i32x4_u: EACH(2, r.u64[i] = (uint64_t)x.u32[i] * y.u32[i]);
    case OP_i64x2_extmul_high_i32x4_u: EACH(2, r.u64[i] = (uint64_t)x.u32[i + 2] * y.u32[i + 2]);
    /* f32x4 */
    case OP_f32x4_add: EACH(4, r.u32[i] = res32(fl(x.u32[i]) + fl(y.u32[i])));
    case OP_f32x4_sub: EACH(4, r.u32[i] = res32(fl(x.u32[i]) - fl(y.u32[i])));
    case OP_f32x4_mul: EACH(4, r.u32[i] = res32(fl(x.u32[i]) * fl(y.u32[i])));
    case OP_f32x4_div: EACH(4, r.u32[i] = res32(fl(x.u32[i]) / fl(y.u32[i])));
    case OP_f32x4_min: EACH(4, r.u32[i] = f32_min(x.u32[i], y.u32[i]));
    case OP_f32x4_max: EACH(4, r.u32[i] = f32_max(x.u32[i], y.u32[i]));
    case OP_f32x4_pmin: EACH(4, r.u32[i] = fl(y.u32[i]) < fl(x.u32[i]) ? y.u32[i] : x.u32[i]);
    case OP_f32x4_pmax: EACH(4, r.u32[i] = fl(x.u32[i]) < fl(y.u32[i]) ? y.u32[i] : x.u32[i]);
    /* f64x2 */
    case OP_f64x2_add: EACH(2, r.u64[i] = res64(db(x.u64[i]) + db(y.u64[i])));
    case OP_f64x2_sub: EACH(2, r.u64[i] = res64(db(x.u64[i]) - db(y.u64[i])));
    case OP_f64x2_mul: EACH(2, r.u64[i] = res64(db(x.u64[i]) * db(y.u64[i])));
    case OP_f64x2_div: EACH(2, r.u64[i] = res64(db(x.u64[i]) / db(y.u64[i])));
    case OP_f64x2_min: EACH(2, r.u64[i] = f64_min(x.u64[i], y.u64[i]));
    case OP_f64x2_max: EACH(2, r.u64[i] = f64_max(x.u64[i], y.u64[i]));
    case OP_f64x2_pmin: EACH(2, r.u64[i] = db(y.u64[i]) < db(x.u64[i]) ? y.u64[i] : x.u64[i]);
    case OP_f64x2_pmax: EACH(2, r.u64[i] = db(x.u64[i]) < db(y.u64[i]) ? y.u64[i] : x.u64[i]);
#if MOTE_WITH_RELAXED_SIMD
    /* relaxed: the deterministic forms (docs/simd.md) */
    case OP_i8x16_relaxed_swizzle: swizzle(&r, &x, &y); break;
    case OP_f32x4_relaxed_min: EACH(4, r.u32[i] = f32_min(x.u32[i], y.u32[i]));
    case OP_f32x4_relaxed_max: EACH(4, r.u32[i] = f32_max(x.u32[i], y.u32[i]));
    case OP_f64x2_relaxed_min: EACH(2, r.u64[i] = f64_min(x.u64[i], y.u64[i]));
    case OP_f64x2_relaxed_max: EACH(2, r.u64[i] = f64_max(x.u64[i], y.u64[i]));
    case OP_i16x8_relaxed_q15mulr_s: EACH(8, r.i16[i] = q15mulr(x.i16[i], y.i16[i]));
    case OP_i16x8_relaxed_dot_i8x16_i7x16_s: EACH(8, r.i16[i] = dot_i8(&x, &y, i));
#endif
    default: break;
    }
    put(d, &r);
}

/* ---- shifts ---------------------------------------------------------------------- */

void simd_shift(uint32_t op, mote_slot *d, const mote_slot *a, uint32_t count)
{
    simd_v128 x = get(a), r;
    memset(&r, 0, sizeof r);
    unsigned n8 = count & 7, n16 = count & 15, n32 = count & 31, n64 = count & 63;
    switch (op) {
    case OP_i8x16_shl: EACH(16, r.u8[i] = (uint8_t)(x.u8[i] << n8));
    case OP_i8x16_shr_s: EACH(16, r.i8[i] = (int8_t)(x.i8[i] >> n8));
    case OP_i8x16_shr_u: EACH(16, r.u8[i] = (uint8_t)(x.u8[i] >> n8));
    case OP_i16x8_shl: EACH(8, r.u16[i] = (uint16_t)(x.u16[i] << n16));
    case OP_i16x8_shr_s: EACH(8, r.i16[i] = (int16_t)(x.i16[i] >> n16));
    case OP_i16x8_shr_u: EACH(8, r.u16[i] = (uint16_t)(x.u16[i] >> n16));
    case OP_i32x4_shl: EACH(4, r.u32[i] = x.u32[i] << n32);
    case OP_i32x4_shr_s: EACH(4, r.i32[i] = x.i32[i] >> n32);
    case OP_i32x4_shr_u: EACH(4, r.u32[i] = x.u32[i] >> n32);
    case OP_i64x2_shl: EACH(2, r.u64[i] = x.u64[i] << n64);
    case OP_i64x2_shr_s: EACH(2, r.i64[i] = x.i64[i] >> n64);
    case OP_i64x2_shr_u: EACH(2, r.u64[i] = x.u64[i] >> n64);
    default: break;
    }
    put(d, &r);
}

/* ---- ternary ----------------------------------------------------------------------- */

void simd_ternary(uint32_t op, mote_slot *d, const mote_slot *a, const mote_slot *b,
                  const mote_slot *c)
{
    simd_v128 x = get(a), y = get(b), z = get(c), r;
    memset(&r, 0, sizeof r);
    switch (op) {
    case OP_v128_bitselect: EACH(2, r.u64[i] = (x.u64[i] & z.u64[i]) | (y.u64[i] & ~z.u64[i]));
#if MOTE_WITH_RELAXED_SIMD
    case OP_i8x16_relaxed_laneselect:
    case OP_i16x8_relaxed_laneselect:
    case OP_i32x4_relaxed_laneselect:
    case OP_i64x2_relaxed_laneselect:
        EACH(2, r.u64[i] = (x.u64[i] & z.u64[i]) | (y.u64[i] & ~z.u64[i]));
    case OP_f32x4_relaxed_madd:
        EACH(4, r.u32[i] = res32(fl(x.u32[i]) * fl(y.u32[i]) + fl(z.u32[i])));
    case OP_f32x4_relaxed_nmadd:
        EACH(4, r.u32[i] = res32(-(fl(x.u32[i]) * fl(y.u32[i])) + fl(z.u32[i])));
    case OP_f64x2_relaxed_madd:
        EACH(2, r.u64[i] = res64(db(x.u64[i]) * db(y.u64[i]) + db(z.u64[i])));
    case OP_f64x2_relaxed_nmadd:
        EACH(2, r.u64[i] = res64(-(db(x.u64[i]) * db(y.u64[i])) + db(z.u64[i])));
    case OP_i32x4_relaxed_dot_i8x16_i7x16_add_s:
        EACH(4, r.u32[i] = z.u32[i] +
                           (uint32_t)((int32_t)dot_i8(&x, &y, 2 * i) + dot_i8(&x, &y, 2 * i + 1)));
#endif
    default: break;
    }
    put(d, &r);
}

/* ---- scalars and lanes ----------------------------------------------------------------- */

void simd_splat(uint32_t op, mote_slot *d, const mote_slot *a)
{
    simd_v128 r;
    switch (op) {
    case OP_i8x16_splat: memset(&r, (int)(a->u32 & 0xFF), sizeof r); break;
    case OP_i16x8_splat:
        for (unsigned i = 0; i < 8; i++)
            r.u16[i] = (uint16_t)a->u32;
        break;
    case OP_i32x4_splat:
    case OP_f32x4_splat:
        for (unsigned i = 0; i < 4; i++)
            r.u32[i] = a->u32;
        break;
    default: r.u64[0] = r.u64[1] = a->u64; break; /* i64x2, f64x2 */
    }
    put(d, &r);
}

void simd_extract(uint32_t op, mote_slot *d, const mote_slot *a, uint32_t lane)
{
    simd_v128 x = get(a);
    uint64_t v;
    switch (op) {
    case OP_i8x16_extract_lane_s: v = (uint32_t)(int32_t)x.i8[lane & 15]; break;
    case OP_i8x16_extract_lane_u: v = x.u8[lane & 15]; break;
    case OP_i16x8_extract_lane_s: v = (uint32_t)(int32_t)x.i16[lane & 7]; break;
    case OP_i16x8_extract_lane_u: v = x.u16[lane & 7]; break;
    case OP_i32x4_extract_lane:
    case OP_f32x4_extract_lane: v = x.u32[lane & 3]; break;
    default: v = x.u64[lane & 1]; break; /* i64x2, f64x2 */
    }
    d->u64 = v;
}

void simd_replace(uint32_t op, mote_slot *d, const mote_slot *a, const mote_slot *b, uint32_t lane)
{
    simd_v128 x = get(a);
    switch (op) {
    case OP_i8x16_replace_lane: x.u8[lane & 15] = (uint8_t)b->u32; break;
    case OP_i16x8_replace_lane: x.u16[lane & 7] = (uint16_t)b->u32; break;
    case OP_i32x4_replace_lane:
    case OP_f32x4_replace_lane: x.u32[lane & 3] = b->u32; break;
    default: x.u64[lane & 1] = b->u64; break; /* i64x2, f64x2 */
    }
    put(d, &x);
}

void simd_shuffle(mote_slot *d, const mote_slot *a, const mote_slot *b, const uint32_t lanes[4])
{
    uint8_t both[32], idx[16];
    simd_v128 r;
    memcpy(both, a, 16);
    memcpy(both + 16, b, 16);
    memcpy(idx, lanes, 16);
    for (unsigned i = 0; i < 16; i++)
        r.u8[i] = both[idx[i] & 31];
    put(d, &r);
}

/* ---- loads ------------------------------------------------------------------------------ */

void simd_load(uint32_t op, mote_slot *d, const uint8_t *p)
{
    simd_v128 r, m;
    memset(&r, 0, sizeof r);
    memset(&m, 0, sizeof m);
    switch (op) {
    case OP_v128_load: memcpy(&r, p, 16); break;
    case OP_v128_load8x8_s: memcpy(&m, p, 8); EACH(8, r.i16[i] = m.i8[i]);
    case OP_v128_load8x8_u: memcpy(&m, p, 8); EACH(8, r.u16[i] = m.u8[i]);
    case OP_v128_load16x4_s: memcpy(&m, p, 8); EACH(4, r.i32[i] = m.i16[i]);
    case OP_v128_load16x4_u: memcpy(&m, p, 8); EACH(4, r.u32[i] = m.u16[i]);
    case OP_v128_load32x2_s: memcpy(&m, p, 8); EACH(2, r.i64[i] = m.i32[i]);
    case OP_v128_load32x2_u: memcpy(&m, p, 8); EACH(2, r.u64[i] = m.u32[i]);
    case OP_v128_load8_splat: memset(&r, p[0], sizeof r); break;
    case OP_v128_load16_splat: memcpy(&m, p, 2); EACH(8, r.u16[i] = m.u16[0]);
    case OP_v128_load32_splat: memcpy(&m, p, 4); EACH(4, r.u32[i] = m.u32[0]);
    case OP_v128_load64_splat: memcpy(&m, p, 8); EACH(2, r.u64[i] = m.u64[0]);
    case OP_v128_load32_zero: memcpy(&r, p, 4); break;
    case OP_v128_load64_zero: memcpy(&r, p, 8); break;
    default: break;
    }
    put(d, &r);
}

#endif /* MOTE_WITH_SIMD */
