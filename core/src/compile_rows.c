/*
 * compile_rows.c -- how each wasm instruction compiles: one row per
 * instruction of wasm_ops.h, indexed by its wasm_op.
 *
 * A row names its handler (compile.h) and what the handler needs.  Most
 * numeric instructions share compile_numeric(), and their row is the whole
 * story: the mote op, the operand and result types, and whether a
 * constant right operand folds into an immediate form (imm_op) or the
 * operation commutes.  An instruction without a row is not in this build:
 * the rows of a group left out (MOTE_WITH_<GROUP>=0) are compiled out, so
 * that their compile functions are not linked.
 */
#include "compile.h"

#define I32 MOTE_I32
#define I64 MOTE_I64
#define F32 MOTE_F32
#define F64 MOTE_F64

#define DO(fn_, arg_) {.fn = fn_, .arg = arg_}
#define UN(o, i, r) {.fn = compile_numeric, .op = OP_##o, .in = i, .out = r, .arity = 1}
#define BIN(o, t) {.fn = compile_numeric, .op = OP_##o, .in = t, .out = t, .arity = 2}
#define BINI(o, t, fl)                                                                  \
    {.fn = compile_numeric, .op = OP_##o, .imm_op = OP_##o##_i, .in = t, .out = t,     \
     .arity = 2, .flags = fl}
#define CMP(o, t) {.fn = compile_numeric, .op = OP_##o, .in = t, .out = I32, .arity = 2}
#define CMPI(o, i)                                                                      \
    {.fn = compile_numeric, .op = OP_##o, .imm_op = OP_##o##_i, .in = I32, .out = I32, \
     .arity = 2, .flags = RF_CMP32, .cmp = i}
#define CMP64(o, i)                                                                     \
    {.fn = compile_numeric, .op = OP_##o, .in = I64, .out = I32, .arity = 2,          \
     .flags = RF_CMP64, .cmp = i}
/* same bits, another type: no code */
#define RETYPE(i, r) {.fn = compile_numeric, .op = OP_nop, .in = i, .out = r, .arity = 1, .flags = RF_RETYPE}

const crow compile_rows[WASM_COUNT_] = {
    /* control */
    [WASM_unreachable] = DO(compile_unreachable, 0),
    [WASM_nop] = DO(compile_nop, 0),
    [WASM_block] = DO(compile_block, F_BLOCK),
    [WASM_loop] = DO(compile_block, F_LOOP),
    [WASM_if] = DO(compile_block, F_IF),
    [WASM_else] = DO(compile_else, 0),
    [WASM_try] = DO(compile_try, 0),
    [WASM_catch] = DO(compile_catch, 0),
    [WASM_throw] = DO(compile_throw, 0),
    [WASM_rethrow] = DO(compile_rethrow, 0),
    [WASM_throw_ref] = DO(compile_throw_ref, 0),
    [WASM_end] = DO(compile_end, 0),
    [WASM_br] = DO(compile_br, 0),
    [WASM_br_if] = DO(compile_br_if, 0),
    [WASM_br_table] = DO(compile_br_table, 0),
    [WASM_return] = DO(compile_return, 0),
    [WASM_call] = DO(compile_call, 0),
    [WASM_call_indirect] = DO(compile_call_indirect, 0),
#if MOTE_WITH_TAIL_CALL
    [WASM_return_call] = DO(compile_call, 1),
    [WASM_return_call_indirect] = DO(compile_call_indirect, 1),
#endif
    [WASM_call_ref] = DO(compile_call_ref, 0),
    [WASM_return_call_ref] = DO(compile_call_ref, 1),
    [WASM_delegate] = DO(compile_delegate, 0),
    [WASM_catch_all] = DO(compile_catch, 1),
    [WASM_try_table] = DO(compile_try_table, 0),
    /* parametric and variables */
    [WASM_drop] = DO(compile_drop, 0),
    [WASM_select] = DO(compile_select, 0),
#if MOTE_WITH_REFERENCE_TYPES
    [WASM_select_t] = DO(compile_select, 1),
#endif
    [WASM_local_get] = DO(compile_local_get, 0),
    [WASM_local_set] = DO(compile_local_set, 0),
    [WASM_local_tee] = DO(compile_local_set, 1),
    [WASM_global_get] = DO(compile_global, 0),
    [WASM_global_set] = DO(compile_global, 1),
#if MOTE_WITH_REFERENCE_TYPES
    [WASM_table_get] = DO(compile_table_get, 0),
    [WASM_table_set] = DO(compile_table_set, 0),
#endif
    /* memory: arg indexes compile_loads[] / compile_stores[] */
    [WASM_i32_load] = DO(compile_load, 0),
    [WASM_i64_load] = DO(compile_load, 1),
    [WASM_f32_load] = DO(compile_load, 2),
    [WASM_f64_load] = DO(compile_load, 3),
    [WASM_i32_load8_s] = DO(compile_load, 4),
    [WASM_i32_load8_u] = DO(compile_load, 5),
    [WASM_i32_load16_s] = DO(compile_load, 6),
    [WASM_i32_load16_u] = DO(compile_load, 7),
    [WASM_i64_load8_s] = DO(compile_load, 8),
    [WASM_i64_load8_u] = DO(compile_load, 9),
    [WASM_i64_load16_s] = DO(compile_load, 10),
    [WASM_i64_load16_u] = DO(compile_load, 11),
    [WASM_i64_load32_s] = DO(compile_load, 12),
    [WASM_i64_load32_u] = DO(compile_load, 13),
    [WASM_i32_store] = DO(compile_store, 0),
    [WASM_i64_store] = DO(compile_store, 1),
    [WASM_f32_store] = DO(compile_store, 2),
    [WASM_f64_store] = DO(compile_store, 3),
    [WASM_i32_store8] = DO(compile_store, 4),
    [WASM_i32_store16] = DO(compile_store, 5),
    [WASM_i64_store8] = DO(compile_store, 6),
    [WASM_i64_store16] = DO(compile_store, 7),
    [WASM_i64_store32] = DO(compile_store, 8),
    [WASM_memory_size] = DO(compile_memory_size, 0),
    [WASM_memory_grow] = DO(compile_memory_grow, 0),
    /* constants: arg is the type */
    [WASM_i32_const] = DO(compile_const, I32),
    [WASM_i64_const] = DO(compile_const, I64),
    [WASM_f32_const] = DO(compile_const, F32),
    [WASM_f64_const] = DO(compile_const, F64),
    /* comparisons */
    [WASM_i32_eqz] = {.fn = compile_numeric, .op = OP_i32_eqz, .in = I32, .out = I32, .arity = 1,
                      .flags = RF_EQZ32},
    [WASM_i32_eq] = CMPI(i32_eq, 0),
    [WASM_i32_ne] = CMPI(i32_ne, 1),
    [WASM_i32_lt_s] = CMPI(i32_lt_s, 2),
    [WASM_i32_lt_u] = CMPI(i32_lt_u, 3),
    [WASM_i32_gt_s] = CMPI(i32_gt_s, 4),
    [WASM_i32_gt_u] = CMPI(i32_gt_u, 5),
    [WASM_i32_le_s] = CMPI(i32_le_s, 6),
    [WASM_i32_le_u] = CMPI(i32_le_u, 7),
    [WASM_i32_ge_s] = CMPI(i32_ge_s, 8),
    [WASM_i32_ge_u] = CMPI(i32_ge_u, 9),
    [WASM_i64_eqz] = UN(i64_eqz, I64, I32),
    [WASM_i64_eq] = CMP64(i64_eq, 0),
    [WASM_i64_ne] = CMP64(i64_ne, 1),
    [WASM_i64_lt_s] = CMP64(i64_lt_s, 2),
    [WASM_i64_lt_u] = CMP64(i64_lt_u, 3),
    [WASM_i64_gt_s] = CMP64(i64_gt_s, 4),
    [WASM_i64_gt_u] = CMP64(i64_gt_u, 5),
    [WASM_i64_le_s] = CMP64(i64_le_s, 6),
    [WASM_i64_le_u] = CMP64(i64_le_u, 7),
    [WASM_i64_ge_s] = CMP64(i64_ge_s, 8),
    [WASM_i64_ge_u] = CMP64(i64_ge_u, 9),
#if MOTE_WITH_FLOAT
    [WASM_f32_eq] = CMP(f32_eq, F32),
    [WASM_f32_ne] = CMP(f32_ne, F32),
    [WASM_f32_lt] = CMP(f32_lt, F32),
    [WASM_f32_gt] = CMP(f32_gt, F32),
    [WASM_f32_le] = CMP(f32_le, F32),
    [WASM_f32_ge] = CMP(f32_ge, F32),
    [WASM_f64_eq] = CMP(f64_eq, F64),
    [WASM_f64_ne] = CMP(f64_ne, F64),
    [WASM_f64_lt] = CMP(f64_lt, F64),
    [WASM_f64_gt] = CMP(f64_gt, F64),
    [WASM_f64_le] = CMP(f64_le, F64),
    [WASM_f64_ge] = CMP(f64_ge, F64),
#endif
    /* i32 */
    [WASM_i32_clz] = UN(i32_clz, I32, I32),
    [WASM_i32_ctz] = UN(i32_ctz, I32, I32),
    [WASM_i32_popcnt] = UN(i32_popcnt, I32, I32),
    [WASM_i32_add] = BINI(i32_add, I32, RF_COMM),
    [WASM_i32_sub] = {.fn = compile_numeric, .op = OP_i32_sub, .imm_op = OP_i32_add_i, .in = I32,
                      .out = I32, .arity = 2, .flags = RF_SUB},
    [WASM_i32_mul] = BINI(i32_mul, I32, RF_COMM),
    [WASM_i32_div_s] = BIN(i32_div_s, I32),
    [WASM_i32_div_u] = BIN(i32_div_u, I32),
    [WASM_i32_rem_s] = BIN(i32_rem_s, I32),
    [WASM_i32_rem_u] = BIN(i32_rem_u, I32),
    [WASM_i32_and] = BINI(i32_and, I32, RF_COMM),
    [WASM_i32_or] = BINI(i32_or, I32, RF_COMM),
    [WASM_i32_xor] = BINI(i32_xor, I32, RF_COMM),
    [WASM_i32_shl] = BINI(i32_shl, I32, 0),
    [WASM_i32_shr_s] = BINI(i32_shr_s, I32, 0),
    [WASM_i32_shr_u] = BINI(i32_shr_u, I32, 0),
    [WASM_i32_rotl] = BINI(i32_rotl, I32, 0),
    [WASM_i32_rotr] = BIN(i32_rotr, I32),
    /* i64 */
    [WASM_i64_clz] = UN(i64_clz, I64, I64),
    [WASM_i64_ctz] = UN(i64_ctz, I64, I64),
    [WASM_i64_popcnt] = UN(i64_popcnt, I64, I64),
    [WASM_i64_add] = BINI(i64_add, I64, RF_COMM | RF_IMM64),
    [WASM_i64_sub] = BIN(i64_sub, I64),
    [WASM_i64_mul] = BIN(i64_mul, I64),
    [WASM_i64_div_s] = BIN(i64_div_s, I64),
    [WASM_i64_div_u] = BIN(i64_div_u, I64),
    [WASM_i64_rem_s] = BIN(i64_rem_s, I64),
    [WASM_i64_rem_u] = BIN(i64_rem_u, I64),
    [WASM_i64_and] = BINI(i64_and, I64, RF_COMM | RF_IMM64),
    [WASM_i64_or] = BIN(i64_or, I64),
    [WASM_i64_xor] = BIN(i64_xor, I64),
    [WASM_i64_shl] = BINI(i64_shl, I64, RF_IMM64),
    [WASM_i64_shr_s] = BINI(i64_shr_s, I64, RF_IMM64),
    [WASM_i64_shr_u] = BINI(i64_shr_u, I64, RF_IMM64),
    [WASM_i64_rotl] = BIN(i64_rotl, I64),
    [WASM_i64_rotr] = BIN(i64_rotr, I64),
#if MOTE_WITH_FLOAT
    /* f32 */
    [WASM_f32_abs] = UN(f32_abs, F32, F32),
    [WASM_f32_neg] = UN(f32_neg, F32, F32),
    [WASM_f32_ceil] = UN(f32_ceil, F32, F32),
    [WASM_f32_floor] = UN(f32_floor, F32, F32),
    [WASM_f32_trunc] = UN(f32_trunc, F32, F32),
    [WASM_f32_nearest] = UN(f32_nearest, F32, F32),
    [WASM_f32_sqrt] = UN(f32_sqrt, F32, F32),
    [WASM_f32_add] = BIN(f32_add, F32),
    [WASM_f32_sub] = BIN(f32_sub, F32),
    [WASM_f32_mul] = BIN(f32_mul, F32),
    [WASM_f32_div] = BIN(f32_div, F32),
    [WASM_f32_min] = BIN(f32_min, F32),
    [WASM_f32_max] = BIN(f32_max, F32),
    [WASM_f32_copysign] = BIN(f32_copysign, F32),
    /* f64 */
    [WASM_f64_abs] = UN(f64_abs, F64, F64),
    [WASM_f64_neg] = UN(f64_neg, F64, F64),
    [WASM_f64_ceil] = UN(f64_ceil, F64, F64),
    [WASM_f64_floor] = UN(f64_floor, F64, F64),
    [WASM_f64_trunc] = UN(f64_trunc, F64, F64),
    [WASM_f64_nearest] = UN(f64_nearest, F64, F64),
    [WASM_f64_sqrt] = UN(f64_sqrt, F64, F64),
    [WASM_f64_add] = BIN(f64_add, F64),
    [WASM_f64_sub] = BIN(f64_sub, F64),
    [WASM_f64_mul] = BIN(f64_mul, F64),
    [WASM_f64_div] = BIN(f64_div, F64),
    [WASM_f64_min] = BIN(f64_min, F64),
    [WASM_f64_max] = BIN(f64_max, F64),
    [WASM_f64_copysign] = BIN(f64_copysign, F64),
#endif
    /* conversions */
    [WASM_i32_wrap_i64] = RETYPE(I64, I32),     /* the low bits are the i32 */
#if MOTE_WITH_FLOAT
    [WASM_i32_trunc_f32_s] = UN(i32_trunc_f32_s, F32, I32),
    [WASM_i32_trunc_f32_u] = UN(i32_trunc_f32_u, F32, I32),
    [WASM_i32_trunc_f64_s] = UN(i32_trunc_f64_s, F64, I32),
    [WASM_i32_trunc_f64_u] = UN(i32_trunc_f64_u, F64, I32),
#endif
    [WASM_i64_extend_i32_s] = UN(i64_extend_i32_s, I32, I64),
    [WASM_i64_extend_i32_u] = UN(i64_extend_i32_u, I32, I64),
#if MOTE_WITH_FLOAT
    [WASM_i64_trunc_f32_s] = UN(i64_trunc_f32_s, F32, I64),
    [WASM_i64_trunc_f32_u] = UN(i64_trunc_f32_u, F32, I64),
    [WASM_i64_trunc_f64_s] = UN(i64_trunc_f64_s, F64, I64),
    [WASM_i64_trunc_f64_u] = UN(i64_trunc_f64_u, F64, I64),
    [WASM_f32_convert_i32_s] = UN(f32_convert_i32_s, I32, F32),
    [WASM_f32_convert_i32_u] = UN(f32_convert_i32_u, I32, F32),
    [WASM_f32_convert_i64_s] = UN(f32_convert_i64_s, I64, F32),
    [WASM_f32_convert_i64_u] = UN(f32_convert_i64_u, I64, F32),
    [WASM_f32_demote_f64] = UN(f32_demote_f64, F64, F32),
    [WASM_f64_convert_i32_s] = UN(f64_convert_i32_s, I32, F64),
    [WASM_f64_convert_i32_u] = UN(f64_convert_i32_u, I32, F64),
    [WASM_f64_convert_i64_s] = UN(f64_convert_i64_s, I64, F64),
    [WASM_f64_convert_i64_u] = UN(f64_convert_i64_u, I64, F64),
    [WASM_f64_promote_f32] = UN(f64_promote_f32, F32, F64),
#endif
    [WASM_i32_reinterpret_f32] = RETYPE(F32, I32),
    [WASM_i64_reinterpret_f64] = RETYPE(F64, I64),
    [WASM_f32_reinterpret_i32] = RETYPE(I32, F32),
    [WASM_f64_reinterpret_i64] = RETYPE(I64, F64),
#if MOTE_WITH_SIGN_EXT
    [WASM_i32_extend8_s] = UN(i32_extend8_s, I32, I32),
    [WASM_i32_extend16_s] = UN(i32_extend16_s, I32, I32),
    [WASM_i64_extend8_s] = UN(i64_extend8_s, I64, I64),
    [WASM_i64_extend16_s] = UN(i64_extend16_s, I64, I64),
    [WASM_i64_extend32_s] = UN(i64_extend32_s, I64, I64),
#endif
#if MOTE_WITH_REFERENCE_TYPES
    /* references */
    [WASM_ref_null] = DO(compile_ref_null, 0),
    [WASM_ref_is_null] = DO(compile_ref_is_null, 0),
    [WASM_ref_func] = DO(compile_ref_func, 0),
#endif
    [WASM_ref_as_non_null] = DO(compile_ref_as_non_null, 0),
    [WASM_br_on_null] = DO(compile_br_on_null, 0),
    [WASM_br_on_non_null] = DO(compile_br_on_null, 1),
    /* 0xFC: saturating truncation, bulk memory, tables */
#if MOTE_WITH_SAT_CONV
    [WASM_i32_trunc_sat_f32_s] = UN(i32_trunc_sat_f32_s, F32, I32),
    [WASM_i32_trunc_sat_f32_u] = UN(i32_trunc_sat_f32_u, F32, I32),
    [WASM_i32_trunc_sat_f64_s] = UN(i32_trunc_sat_f64_s, F64, I32),
    [WASM_i32_trunc_sat_f64_u] = UN(i32_trunc_sat_f64_u, F64, I32),
    [WASM_i64_trunc_sat_f32_s] = UN(i64_trunc_sat_f32_s, F32, I64),
    [WASM_i64_trunc_sat_f32_u] = UN(i64_trunc_sat_f32_u, F32, I64),
    [WASM_i64_trunc_sat_f64_s] = UN(i64_trunc_sat_f64_s, F64, I64),
    [WASM_i64_trunc_sat_f64_u] = UN(i64_trunc_sat_f64_u, F64, I64),
#endif
#if MOTE_WITH_BULK_MEMORY
    [WASM_memory_init] = DO(compile_memory_init, 0),
    [WASM_data_drop] = DO(compile_data_drop, 0),
    [WASM_memory_copy] = DO(compile_memory_copy, 0),
    [WASM_memory_fill] = DO(compile_memory_fill, 0),
    [WASM_table_init] = DO(compile_table_init, 0),
    [WASM_elem_drop] = DO(compile_elem_drop, 0),
    [WASM_table_copy] = DO(compile_table_copy, 0),
#endif
#if MOTE_WITH_REFERENCE_TYPES
    [WASM_table_grow] = DO(compile_table_grow, 0),
    [WASM_table_size] = DO(compile_table_size, 0),
    [WASM_table_fill] = DO(compile_table_fill, 0),
#endif
};
