/*
 * simd.h -- the lanes of a v128, in portable C (no intrinsics), for the
 * interpreter's SIMD handlers (interp_simd.h).
 *
 * A v128 lives in two consecutive 8-byte frame slots, bytes in memory
 * order: lane 0 of every shape is the lowest-addressed one.  mote runs on
 * little-endian CPUs only (interp.c checks), so the union's arrays index
 * lanes directly.  Float lanes are handled as bit patterns and go through
 * numeric.h's rules; arithmetic that produces a NaN produces the canonical
 * one (positive, payload 0x400000 / 0x8000000000000), so every target gives
 * the same bits whether its floats are hardware, soft-float or x86 SSE.
 *
 * Each function takes the op (ops.h) it implements and does the work of a
 * family of ops of one shape.  They read all their operands before writing
 * the result, so d may be any of them.
 */
#ifndef MOTE_SIMD_H
#define MOTE_SIMD_H

#include "ops.h"
#include "runtime.h"

typedef union simd_v128 {
    uint8_t u8[16];
    int8_t i8[16];
    uint16_t u16[8];
    int16_t i16[8];
    uint32_t u32[4];
    int32_t i32[4];
    uint64_t u64[2];
    int64_t i64[2];
} simd_v128;

/* v128 -> v128: not, abs, neg, popcnt, sqrt, rounding, extends,
 * extadd_pairwise, conversions. */
void simd_unary(uint32_t op, mote_slot *d, const mote_slot *a);

/* v128 -> i32: any_true, all_true, bitmask. */
uint32_t simd_test(uint32_t op, const mote_slot *a);

/* v128 x v128 -> v128: lanewise arithmetic, comparisons, bitwise ops,
 * narrowing, extmul, dot products, swizzles, min/max. */
void simd_binary(uint32_t op, mote_slot *d, const mote_slot *a, const mote_slot *b);

/* v128 x i32 -> v128: shl, shr_s, shr_u (the count modulo the lane width). */
void simd_shift(uint32_t op, mote_slot *d, const mote_slot *a, uint32_t count);

/* v128 x v128 x v128 -> v128: bitselect and the relaxed ternary ops. */
void simd_ternary(uint32_t op, mote_slot *d, const mote_slot *a, const mote_slot *b,
                  const mote_slot *c);

/* Scalar <-> lanes: splat a scalar slot; extract lane `lane` into a scalar
 * slot; replace lane `lane` of a with scalar b. */
void simd_splat(uint32_t op, mote_slot *d, const mote_slot *a);
void simd_extract(uint32_t op, mote_slot *d, const mote_slot *a, uint32_t lane);
void simd_replace(uint32_t op, mote_slot *d, const mote_slot *a, const mote_slot *b, uint32_t lane);

/* d = the v128 a load op makes of the bytes at p (already bounds-checked:
 * 16 bytes for v128_load, 8 for the extending loads, the lane size for
 * splats and _zero loads). */
void simd_load(uint32_t op, mote_slot *d, const uint8_t *p);

/* i8x16.shuffle: d[i] = byte lanes[i] of the 32 bytes a:b (lanes < 32). */
void simd_shuffle(mote_slot *d, const mote_slot *a, const mote_slot *b, const uint32_t lanes[4]);

#endif
