/*
 * ops.h -- mote's internal instruction set.
 *
 * Functions are compiled into a stream of 32-bit words.  Each instruction
 * starts with a handler word (the offset of its handler from a base label in
 * the threaded interpreter, or its number in the switch interpreter), then
 * its operands.  Operands naming values are 16-bit byte offsets from the
 * frame pointer (slot index * 8), packed two to a word:
 *
 *     DAB   [op][d | a<<16][b]            d = a OP b
 *     DA    [op][d | a<<16]               d = OP a
 *     DAI   [op][d | a<<16][imm32]        d = a OP imm, or loads: d = mem[a + imm]
 *     VAI   [op][v | a<<16][imm32]        stores: mem[a + imm] = v
 *     BR    [op][off]                     target = &word + off
 *     BRA   [op][a][off]
 *     BRAB  [op][a | b<<16][off]
 *     BRAI  [op][a][imm32][off]
 *
 * Branch offsets are relative to the word that holds them, so code is
 * position independent.  The list below is the single source of truth: the
 * compiler emits by these names and the interpreter defines a handler for
 * each.  The second column is the length in words (0 = variable).
 */
#ifndef MOTE_OPS_H
#define MOTE_OPS_H

/* i32 and i64 comparisons that fuse with a following br_if / if. */
#define MOTE_INT_COMPARES(X) \
    X(eq) X(ne) X(lt_s) X(lt_u) X(gt_s) X(gt_u) X(le_s) X(le_u) X(ge_s) X(ge_u)

#define MOTE_OPS(X)                                                        \
    /* control */                                                          \
    X(exit, 1) X(enter, 1) X(kload, 3) X(unreachable, 1) X(nop, 1)                                 \
    X(br, 2) X(br_back, 2)                                                 \
    X(br_if, 3) X(br_ifz, 3) X(br_if_back, 3) X(br_ifz_back, 3)            \
    X(br_table, 0)                                                         \
    X(ret, 1) X(ret1, 2)                                                   \
    X(call, 3) X(call_import, 3) X(call_indirect, 4)                       \
    X(return_call, 3) X(return_call_import, 3) X(return_call_indirect, 4)  \
    /* fused compare-and-branch, register and immediate forms */           \
    MOTE_INT_COMPARES(MOTE_BR_CMP_OPS)                                     \
    MOTE_INT_COMPARES(MOTE_BR_CMP64_OPS)                                   \
    MOTE_INT_COMPARES(MOTE_ADDI_BR_OPS)                                    \
    /* data movement */                                                    \
    X(copy, 2) X(copy2, 3) X(const32, 3) X(const64, 4) X(select, 3)        \
    X(global_get, 3) X(global_set, 3)                                      \
    /* memory */                                                           \
    X(ld8s, 3) X(ld8u, 3) X(ld16s, 3) X(ld16u, 3) X(ld32s, 3) X(ld32u, 3)  \
    X(ld64, 3)                                                             \
    X(st8, 3) X(st16, 3) X(st32, 3) X(st64, 3)                             \
    /* the same with the address formed as base + k (wrapping): [op][d|b][k][off] */ \
    X(ld8s_k, 4) X(ld8u_k, 4) X(ld16s_k, 4) X(ld16u_k, 4) X(ld32s_k, 4)    \
    X(ld32u_k, 4) X(ld64_k, 4)                                             \
    X(st8_k, 4) X(st16_k, 4) X(st32_k, 4) X(st64_k, 4)                     \
    /* the address as base + index (two slots, wrapping): [op][d|b][x][off] */ \
    X(ld8s_x, 4) X(ld8u_x, 4) X(ld16s_x, 4) X(ld16u_x, 4) X(ld32s_x, 4)    \
    X(ld32u_x, 4) X(ld64_x, 4)                                             \
    X(st8_x, 4) X(st16_x, 4) X(st32_x, 4) X(st64_x, 4)                     \
    /* x = a + b then d = mem[x + off]: [op][d|x][a|b][off]; with a constant */ \
    /* (x = a + k): [op][d|x][a][k][off] -- the add's local is written first */ \
    X(ld8s_ar, 4) X(ld8u_ar, 4) X(ld16s_ar, 4) X(ld16u_ar, 4) X(ld32s_ar, 4) \
    X(ld32u_ar, 4) X(ld64_ar, 4)                                           \
    X(ld8s_ai, 5) X(ld8u_ai, 5) X(ld16s_ai, 5) X(ld16u_ai, 5) X(ld32s_ai, 5) \
    X(ld32u_ai, 5) X(ld64_ai, 5)                                           \
    X(memory_size, 2) X(memory_grow, 2) X(memory_fill, 3) X(memory_copy, 3) \
    X(memory_init, 4) X(data_drop, 2)                                      \
    /* tables and references */                                            \
    X(table_get, 3) X(table_set, 3) X(table_size, 3) X(table_grow, 4)      \
    X(table_fill, 4) X(table_copy, 5) X(table_init, 5) X(elem_drop, 2)     \
    X(ref_func, 3) X(ref_is_null, 2)                                       \
    /* i32 */                                                              \
    X(i32_eqz, 2) MOTE_INT_COMPARES(MOTE_CMP32_OPS)                        \
    X(i32_clz, 2) X(i32_ctz, 2) X(i32_popcnt, 2)                           \
    X(i32_add, 3) X(i32_sub, 3) X(i32_mul, 3) X(i32_div_s, 3)              \
    X(i32_div_u, 3) X(i32_rem_s, 3) X(i32_rem_u, 3) X(i32_and, 3)          \
    X(i32_or, 3) X(i32_xor, 3) X(i32_shl, 3) X(i32_shr_s, 3)               \
    X(i32_shr_u, 3) X(i32_rotl, 3) X(i32_rotr, 3)                          \
    X(i32_add_i, 3) X(i32_mul_i, 3) X(i32_and_i, 3) X(i32_or_i, 3)         \
    X(i32_xor_i, 3) X(i32_shl_i, 3) X(i32_shr_s_i, 3) X(i32_shr_u_i, 3)    \
    X(i32_rotl_i, 3)                                                       \
    /* fused pairs: d = a*b + c  [op][d|a][b|c];  d = (a << k) + c  [op][d|a][c|k] */ \
    X(i32_mad, 3) X(i64_mad, 3) X(f32_mad, 3) X(f64_mad, 3) X(i32_shladd, 3) \
    /* i64 */                                                              \
    X(i64_eqz, 2) MOTE_INT_COMPARES(MOTE_CMP64_OPS)                        \
    X(i64_clz, 2) X(i64_ctz, 2) X(i64_popcnt, 2)                           \
    X(i64_add, 3) X(i64_sub, 3) X(i64_mul, 3) X(i64_div_s, 3)              \
    X(i64_div_u, 3) X(i64_rem_s, 3) X(i64_rem_u, 3) X(i64_and, 3)          \
    X(i64_or, 3) X(i64_xor, 3) X(i64_shl, 3) X(i64_shr_s, 3)               \
    X(i64_shr_u, 3) X(i64_rotl, 3) X(i64_rotr, 3)                          \
    X(i64_add_i, 3) X(i64_and_i, 3) X(i64_shl_i, 3) X(i64_shr_s_i, 3)      \
    X(i64_shr_u_i, 3)                                                      \
    /* f32 / f64 */                                                        \
    X(f32_eq, 3) X(f32_ne, 3) X(f32_lt, 3) X(f32_gt, 3) X(f32_le, 3)       \
    X(f32_ge, 3)                                                           \
    X(f32_abs, 2) X(f32_neg, 2) X(f32_ceil, 2) X(f32_floor, 2)             \
    X(f32_trunc, 2) X(f32_nearest, 2) X(f32_sqrt, 2)                       \
    X(f32_add, 3) X(f32_sub, 3) X(f32_mul, 3) X(f32_div, 3) X(f32_min, 3)  \
    X(f32_max, 3) X(f32_copysign, 3)                                       \
    X(f64_eq, 3) X(f64_ne, 3) X(f64_lt, 3) X(f64_gt, 3) X(f64_le, 3)       \
    X(f64_ge, 3)                                                           \
    X(f64_abs, 2) X(f64_neg, 2) X(f64_ceil, 2) X(f64_floor, 2)             \
    X(f64_trunc, 2) X(f64_nearest, 2) X(f64_sqrt, 2)                       \
    X(f64_add, 3) X(f64_sub, 3) X(f64_mul, 3) X(f64_div, 3) X(f64_min, 3)  \
    X(f64_max, 3) X(f64_copysign, 3)                                       \
    /* conversions */                                                      \
    X(i32_trunc_f32_s, 2) X(i32_trunc_f32_u, 2) X(i32_trunc_f64_s, 2)      \
    X(i32_trunc_f64_u, 2) X(i64_extend_i32_s, 2) X(i64_extend_i32_u, 2)    \
    X(i64_trunc_f32_s, 2) X(i64_trunc_f32_u, 2) X(i64_trunc_f64_s, 2)      \
    X(i64_trunc_f64_u, 2)                                                  \
    X(f32_convert_i32_s, 2) X(f32_convert_i32_u, 2)                        \
    X(f32_convert_i64_s, 2) X(f32_convert_i64_u, 2) X(f32_demote_f64, 2)   \
    X(f64_convert_i32_s, 2) X(f64_convert_i32_u, 2)                        \
    X(f64_convert_i64_s, 2) X(f64_convert_i64_u, 2) X(f64_promote_f32, 2)  \
    X(i32_extend8_s, 2) X(i32_extend16_s, 2) X(i64_extend8_s, 2)           \
    X(i64_extend16_s, 2) X(i64_extend32_s, 2)                              \
    X(i32_trunc_sat_f32_s, 2) X(i32_trunc_sat_f32_u, 2)                    \
    X(i32_trunc_sat_f64_s, 2) X(i32_trunc_sat_f64_u, 2)                    \
    X(i64_trunc_sat_f32_s, 2) X(i64_trunc_sat_f32_u, 2)                    \
    X(i64_trunc_sat_f64_s, 2) X(i64_trunc_sat_f64_u, 2)

/* Expansions of the comparison families (each needs the X of its caller). */
#define MOTE_BR_CMP_OPS(c) X(br_##c, 3) X(br_##c##_i, 4) X(br_##c##_back, 3) X(br_##c##_i_back, 4)
#define MOTE_BR_CMP64_OPS(c) X(br64_##c, 3) X(br64_##c##_back, 3)
/* loop tails: d = a + k, then branch back on d CMP b / d CMP imm:
 * [op][d|a][k][b or imm][off] */
#define MOTE_ADDI_BR_OPS(c) X(addi_br_##c##_back, 5) X(addi_br_##c##_i_back, 5)
#define MOTE_CMP32_OPS(c) X(i32_##c, 3) X(i32_##c##_i, 3)
#define MOTE_CMP64_OPS(c) X(i64_##c, 3)

typedef enum op {
#define X(name, len) OP_##name,
    MOTE_OPS(X)
#undef X
    OP_COUNT_
} op;

/* The handler word of each op, filled in by the interpreter (interp.c). */
const int32_t *interp_handler_words(void);

#endif
