/*
 * wasm_ops.h -- every WebAssembly instruction mote knows, named once.
 *
 * One row per instruction: W(name, code, immediates, group), in lists by
 * prefix (none, 0xFC, 0xFD).  `code` is the opcode byte, or for a prefixed
 * instruction its sub-opcode (a LEB128 u32 after the prefix byte).  The
 * immediates' shape says what follows in the binary (MOTE_WASM_IMMS below);
 * `group` is the feature group it belongs to (feature_groups.h): a group can be
 * left out of a build (the module is refused, naming the option), and the
 * groups beyond Wasm 2.0 can be turned off per load (the opcode is then
 * illegal).
 *
 * Readers of this list: the decoder's syntax scan (syntax.c, immediates by
 * shape), the compiler's dispatch (compile_rows.c: a row per instruction
 * saying how it compiles), the test modules' builders (tests/core) and the
 * dump tool (tools/dev/dump.c).  Adding an instruction is: a row here, its
 * row in compile_rows.c, and if it needs a new internal op, that op in
 * ops.h with its handler in interp.c.  docs/architecture.md walks through
 * an example.
 *
 * Every instruction also has a dense index WASM_<name> (enum wasm_op), which
 * the compiler's row table is indexed by.
 */
#ifndef MOTE_WASM_OPS_H
#define MOTE_WASM_OPS_H

#include <stdint.h>

#include "feature_groups.h"

/* clang-format off */
/* Immediate shapes, as the binary format lays them out. */
#define MOTE_WASM_IMMS(X)                                                    \
    X(NONE)      /* nothing */                                               \
    X(BLOCK)     /* a block type: 0x40, a value type, or an s33 type index */ \
    X(TRY_TABLE) /* a block type, then a vector of catch clauses: a kind     \
                    byte (0 catch, 1 catch_ref, 2 catch_all, 3              \
                    catch_all_ref), a u32 tag index (kinds 0, 1), a label */ \
    X(IDX)       /* one u32: a label, function, local, global, table, elem   \
                    or data index */                                         \
    X(IDX2)      /* two u32 (call_indirect: type, table; table.copy: dst,    \
                    src; table.init: elem, table) */                         \
    X(BR_TABLE)  /* a vector of u32 labels, then the default label */        \
    X(MEMARG)    /* u32 alignment exponent (with multiple memories, bit 6    \
                    says a u32 memory index follows), then the offset: u32,  \
                    or u64 with memory64 */                                  \
    X(MEMIDX)    /* a memory index: one 0x00 byte before multiple memories,  \
                    a u32 with them */                                       \
    X(MEMIDX2)   /* two memory indices (memory.copy: dst, src) */            \
    X(IDX_MEMIDX) /* a u32 data index, then a memory index (memory.init) */  \
    X(I32)       /* an s32 */                                                \
    X(I64)       /* an s64 */                                                \
    X(F32)       /* 4 bytes */                                               \
    X(F64)       /* 8 bytes */                                               \
    X(HEAPTYPE)  /* a heap type: s33, an abstract type's code or a type    \
                    index (ref.null) */                                      \
    X(SELECT_T)  /* a vector of value types (select t*) */                  \
    X(BYTES16)   /* 16 bytes (v128.const's value, i8x16.shuffle's lanes) */  \
    X(LANE)      /* one lane index byte */                                   \
    X(MEMARG_LANE) /* a memarg, then a lane index byte */

typedef enum wasm_imm {
#define X(shape) WI_##shape,
    MOTE_WASM_IMMS(X)
#undef X
} wasm_imm;
/* clang-format on */

/* clang-format off */
/* Single-byte opcodes. */
#define MOTE_WASM_OPS_00(W)                                                  \
    /* control */                                                            \
    W(unreachable, 0x00, NONE, CORE)                                      \
    W(nop, 0x01, NONE, CORE)                                              \
    W(block, 0x02, BLOCK, CORE)                                           \
    W(loop, 0x03, BLOCK, CORE)                                            \
    W(if, 0x04, BLOCK, CORE)                                              \
    W(else, 0x05, NONE, CORE)                                             \
    W(try, 0x06, BLOCK, LEGACY_EXCEPTIONS)                                \
    W(catch, 0x07, IDX, LEGACY_EXCEPTIONS)                                \
    W(throw, 0x08, IDX, EXCEPTIONS)                                       \
    W(rethrow, 0x09, IDX, LEGACY_EXCEPTIONS)                              \
    W(throw_ref, 0x0A, NONE, EXCEPTIONS)                                  \
    W(end, 0x0B, NONE, CORE)                                              \
    W(br, 0x0C, IDX, CORE)                                                \
    W(br_if, 0x0D, IDX, CORE)                                             \
    W(br_table, 0x0E, BR_TABLE, CORE)                                     \
    W(return, 0x0F, NONE, CORE)                                           \
    W(call, 0x10, IDX, CORE)                                              \
    W(call_indirect, 0x11, IDX2, CORE)                                    \
    W(return_call, 0x12, IDX, TAIL_CALL)                                       \
    W(return_call_indirect, 0x13, IDX2, TAIL_CALL)                             \
    W(call_ref, 0x14, IDX, TYPED_REFS)                                    \
    W(return_call_ref, 0x15, IDX, TYPED_REFS)                             \
    W(delegate, 0x18, IDX, LEGACY_EXCEPTIONS)                             \
    W(catch_all, 0x19, NONE, LEGACY_EXCEPTIONS)                           \
    /* parametric */                                                         \
    W(drop, 0x1A, NONE, CORE)                                             \
    W(select, 0x1B, NONE, CORE)                                           \
    W(select_t, 0x1C, SELECT_T, REFERENCE_TYPES)                                     \
    W(try_table, 0x1F, TRY_TABLE, EXCEPTIONS)                             \
    /* variables */                                                          \
    W(local_get, 0x20, IDX, CORE)                                         \
    W(local_set, 0x21, IDX, CORE)                                         \
    W(local_tee, 0x22, IDX, CORE)                                         \
    W(global_get, 0x23, IDX, CORE)                                        \
    W(global_set, 0x24, IDX, CORE)                                        \
    W(table_get, 0x25, IDX, REFERENCE_TYPES)                                         \
    W(table_set, 0x26, IDX, REFERENCE_TYPES)                                         \
    /* memory */                                                             \
    W(i32_load, 0x28, MEMARG, CORE)                                       \
    W(i64_load, 0x29, MEMARG, CORE)                                       \
    W(f32_load, 0x2A, MEMARG, CORE)                                       \
    W(f64_load, 0x2B, MEMARG, CORE)                                       \
    W(i32_load8_s, 0x2C, MEMARG, CORE)                                    \
    W(i32_load8_u, 0x2D, MEMARG, CORE)                                    \
    W(i32_load16_s, 0x2E, MEMARG, CORE)                                   \
    W(i32_load16_u, 0x2F, MEMARG, CORE)                                   \
    W(i64_load8_s, 0x30, MEMARG, CORE)                                    \
    W(i64_load8_u, 0x31, MEMARG, CORE)                                    \
    W(i64_load16_s, 0x32, MEMARG, CORE)                                   \
    W(i64_load16_u, 0x33, MEMARG, CORE)                                   \
    W(i64_load32_s, 0x34, MEMARG, CORE)                                   \
    W(i64_load32_u, 0x35, MEMARG, CORE)                                   \
    W(i32_store, 0x36, MEMARG, CORE)                                      \
    W(i64_store, 0x37, MEMARG, CORE)                                      \
    W(f32_store, 0x38, MEMARG, CORE)                                      \
    W(f64_store, 0x39, MEMARG, CORE)                                      \
    W(i32_store8, 0x3A, MEMARG, CORE)                                     \
    W(i32_store16, 0x3B, MEMARG, CORE)                                    \
    W(i64_store8, 0x3C, MEMARG, CORE)                                     \
    W(i64_store16, 0x3D, MEMARG, CORE)                                    \
    W(i64_store32, 0x3E, MEMARG, CORE)                                    \
    W(memory_size, 0x3F, MEMIDX, CORE)                                      \
    W(memory_grow, 0x40, MEMIDX, CORE)                                      \
    /* constants */                                                          \
    W(i32_const, 0x41, I32, CORE)                                         \
    W(i64_const, 0x42, I64, CORE)                                         \
    W(f32_const, 0x43, F32, CORE)                                         \
    W(f64_const, 0x44, F64, CORE)                                         \
    /* comparisons */                                                        \
    W(i32_eqz, 0x45, NONE, CORE)                                          \
    W(i32_eq, 0x46, NONE, CORE)                                           \
    W(i32_ne, 0x47, NONE, CORE)                                           \
    W(i32_lt_s, 0x48, NONE, CORE)                                         \
    W(i32_lt_u, 0x49, NONE, CORE)                                         \
    W(i32_gt_s, 0x4A, NONE, CORE)                                         \
    W(i32_gt_u, 0x4B, NONE, CORE)                                         \
    W(i32_le_s, 0x4C, NONE, CORE)                                         \
    W(i32_le_u, 0x4D, NONE, CORE)                                         \
    W(i32_ge_s, 0x4E, NONE, CORE)                                         \
    W(i32_ge_u, 0x4F, NONE, CORE)                                         \
    W(i64_eqz, 0x50, NONE, CORE)                                          \
    W(i64_eq, 0x51, NONE, CORE)                                           \
    W(i64_ne, 0x52, NONE, CORE)                                           \
    W(i64_lt_s, 0x53, NONE, CORE)                                         \
    W(i64_lt_u, 0x54, NONE, CORE)                                         \
    W(i64_gt_s, 0x55, NONE, CORE)                                         \
    W(i64_gt_u, 0x56, NONE, CORE)                                         \
    W(i64_le_s, 0x57, NONE, CORE)                                         \
    W(i64_le_u, 0x58, NONE, CORE)                                         \
    W(i64_ge_s, 0x59, NONE, CORE)                                         \
    W(i64_ge_u, 0x5A, NONE, CORE)                                         \
    W(f32_eq, 0x5B, NONE, FLOAT)                                           \
    W(f32_ne, 0x5C, NONE, FLOAT)                                           \
    W(f32_lt, 0x5D, NONE, FLOAT)                                           \
    W(f32_gt, 0x5E, NONE, FLOAT)                                           \
    W(f32_le, 0x5F, NONE, FLOAT)                                           \
    W(f32_ge, 0x60, NONE, FLOAT)                                           \
    W(f64_eq, 0x61, NONE, FLOAT)                                           \
    W(f64_ne, 0x62, NONE, FLOAT)                                           \
    W(f64_lt, 0x63, NONE, FLOAT)                                           \
    W(f64_gt, 0x64, NONE, FLOAT)                                           \
    W(f64_le, 0x65, NONE, FLOAT)                                           \
    W(f64_ge, 0x66, NONE, FLOAT)                                           \
    /* i32 arithmetic */                                                     \
    W(i32_clz, 0x67, NONE, CORE)                                          \
    W(i32_ctz, 0x68, NONE, CORE)                                          \
    W(i32_popcnt, 0x69, NONE, CORE)                                       \
    W(i32_add, 0x6A, NONE, CORE)                                          \
    W(i32_sub, 0x6B, NONE, CORE)                                          \
    W(i32_mul, 0x6C, NONE, CORE)                                          \
    W(i32_div_s, 0x6D, NONE, CORE)                                        \
    W(i32_div_u, 0x6E, NONE, CORE)                                        \
    W(i32_rem_s, 0x6F, NONE, CORE)                                        \
    W(i32_rem_u, 0x70, NONE, CORE)                                        \
    W(i32_and, 0x71, NONE, CORE)                                          \
    W(i32_or, 0x72, NONE, CORE)                                           \
    W(i32_xor, 0x73, NONE, CORE)                                          \
    W(i32_shl, 0x74, NONE, CORE)                                          \
    W(i32_shr_s, 0x75, NONE, CORE)                                        \
    W(i32_shr_u, 0x76, NONE, CORE)                                        \
    W(i32_rotl, 0x77, NONE, CORE)                                         \
    W(i32_rotr, 0x78, NONE, CORE)                                         \
    /* i64 arithmetic */                                                     \
    W(i64_clz, 0x79, NONE, CORE)                                          \
    W(i64_ctz, 0x7A, NONE, CORE)                                          \
    W(i64_popcnt, 0x7B, NONE, CORE)                                       \
    W(i64_add, 0x7C, NONE, CORE)                                          \
    W(i64_sub, 0x7D, NONE, CORE)                                          \
    W(i64_mul, 0x7E, NONE, CORE)                                          \
    W(i64_div_s, 0x7F, NONE, CORE)                                        \
    W(i64_div_u, 0x80, NONE, CORE)                                        \
    W(i64_rem_s, 0x81, NONE, CORE)                                        \
    W(i64_rem_u, 0x82, NONE, CORE)                                        \
    W(i64_and, 0x83, NONE, CORE)                                          \
    W(i64_or, 0x84, NONE, CORE)                                           \
    W(i64_xor, 0x85, NONE, CORE)                                          \
    W(i64_shl, 0x86, NONE, CORE)                                          \
    W(i64_shr_s, 0x87, NONE, CORE)                                        \
    W(i64_shr_u, 0x88, NONE, CORE)                                        \
    W(i64_rotl, 0x89, NONE, CORE)                                         \
    W(i64_rotr, 0x8A, NONE, CORE)                                         \
    /* f32 arithmetic */                                                     \
    W(f32_abs, 0x8B, NONE, FLOAT)                                          \
    W(f32_neg, 0x8C, NONE, FLOAT)                                          \
    W(f32_ceil, 0x8D, NONE, FLOAT)                                         \
    W(f32_floor, 0x8E, NONE, FLOAT)                                        \
    W(f32_trunc, 0x8F, NONE, FLOAT)                                        \
    W(f32_nearest, 0x90, NONE, FLOAT)                                      \
    W(f32_sqrt, 0x91, NONE, FLOAT)                                         \
    W(f32_add, 0x92, NONE, FLOAT)                                          \
    W(f32_sub, 0x93, NONE, FLOAT)                                          \
    W(f32_mul, 0x94, NONE, FLOAT)                                          \
    W(f32_div, 0x95, NONE, FLOAT)                                          \
    W(f32_min, 0x96, NONE, FLOAT)                                          \
    W(f32_max, 0x97, NONE, FLOAT)                                          \
    W(f32_copysign, 0x98, NONE, FLOAT)                                     \
    /* f64 arithmetic */                                                     \
    W(f64_abs, 0x99, NONE, FLOAT)                                          \
    W(f64_neg, 0x9A, NONE, FLOAT)                                          \
    W(f64_ceil, 0x9B, NONE, FLOAT)                                         \
    W(f64_floor, 0x9C, NONE, FLOAT)                                        \
    W(f64_trunc, 0x9D, NONE, FLOAT)                                        \
    W(f64_nearest, 0x9E, NONE, FLOAT)                                      \
    W(f64_sqrt, 0x9F, NONE, FLOAT)                                         \
    W(f64_add, 0xA0, NONE, FLOAT)                                          \
    W(f64_sub, 0xA1, NONE, FLOAT)                                          \
    W(f64_mul, 0xA2, NONE, FLOAT)                                          \
    W(f64_div, 0xA3, NONE, FLOAT)                                          \
    W(f64_min, 0xA4, NONE, FLOAT)                                          \
    W(f64_max, 0xA5, NONE, FLOAT)                                          \
    W(f64_copysign, 0xA6, NONE, FLOAT)                                     \
    /* conversions */                                                        \
    W(i32_wrap_i64, 0xA7, NONE, CORE)                                     \
    W(i32_trunc_f32_s, 0xA8, NONE, FLOAT)                                  \
    W(i32_trunc_f32_u, 0xA9, NONE, FLOAT)                                  \
    W(i32_trunc_f64_s, 0xAA, NONE, FLOAT)                                  \
    W(i32_trunc_f64_u, 0xAB, NONE, FLOAT)                                  \
    W(i64_extend_i32_s, 0xAC, NONE, CORE)                                 \
    W(i64_extend_i32_u, 0xAD, NONE, CORE)                                 \
    W(i64_trunc_f32_s, 0xAE, NONE, FLOAT)                                  \
    W(i64_trunc_f32_u, 0xAF, NONE, FLOAT)                                  \
    W(i64_trunc_f64_s, 0xB0, NONE, FLOAT)                                  \
    W(i64_trunc_f64_u, 0xB1, NONE, FLOAT)                                  \
    W(f32_convert_i32_s, 0xB2, NONE, FLOAT)                                \
    W(f32_convert_i32_u, 0xB3, NONE, FLOAT)                                \
    W(f32_convert_i64_s, 0xB4, NONE, FLOAT)                                \
    W(f32_convert_i64_u, 0xB5, NONE, FLOAT)                                \
    W(f32_demote_f64, 0xB6, NONE, FLOAT)                                   \
    W(f64_convert_i32_s, 0xB7, NONE, FLOAT)                                \
    W(f64_convert_i32_u, 0xB8, NONE, FLOAT)                                \
    W(f64_convert_i64_s, 0xB9, NONE, FLOAT)                                \
    W(f64_convert_i64_u, 0xBA, NONE, FLOAT)                                \
    W(f64_promote_f32, 0xBB, NONE, FLOAT)                                  \
    W(i32_reinterpret_f32, 0xBC, NONE, CORE)                              \
    W(i64_reinterpret_f64, 0xBD, NONE, CORE)                              \
    W(f32_reinterpret_i32, 0xBE, NONE, CORE)                              \
    W(f64_reinterpret_i64, 0xBF, NONE, CORE)                              \
    W(i32_extend8_s, 0xC0, NONE, SIGN_EXT)                                    \
    W(i32_extend16_s, 0xC1, NONE, SIGN_EXT)                                   \
    W(i64_extend8_s, 0xC2, NONE, SIGN_EXT)                                    \
    W(i64_extend16_s, 0xC3, NONE, SIGN_EXT)                                   \
    W(i64_extend32_s, 0xC4, NONE, SIGN_EXT)                                   \
    /* references */                                                         \
    W(ref_null, 0xD0, HEAPTYPE, REFERENCE_TYPES)                                     \
    W(ref_is_null, 0xD1, NONE, REFERENCE_TYPES)                                      \
    W(ref_func, 0xD2, IDX, REFERENCE_TYPES)                                          \
    W(ref_as_non_null, 0xD4, NONE, TYPED_REFS)                            \
    W(br_on_null, 0xD5, IDX, TYPED_REFS)                                  \
    W(br_on_non_null, 0xD6, IDX, TYPED_REFS)

/* 0xFC prefix: saturating truncation, bulk memory, tables. */
#define MOTE_WASM_OPS_FC(W)                                                  \
    W(i32_trunc_sat_f32_s, 0, NONE, SAT_CONV)                                 \
    W(i32_trunc_sat_f32_u, 1, NONE, SAT_CONV)                                 \
    W(i32_trunc_sat_f64_s, 2, NONE, SAT_CONV)                                 \
    W(i32_trunc_sat_f64_u, 3, NONE, SAT_CONV)                                 \
    W(i64_trunc_sat_f32_s, 4, NONE, SAT_CONV)                                 \
    W(i64_trunc_sat_f32_u, 5, NONE, SAT_CONV)                                 \
    W(i64_trunc_sat_f64_s, 6, NONE, SAT_CONV)                                 \
    W(i64_trunc_sat_f64_u, 7, NONE, SAT_CONV)                                 \
    W(memory_init, 8, IDX_MEMIDX, BULK_MEMORY)                                     \
    W(data_drop, 9, IDX, BULK_MEMORY)                                            \
    W(memory_copy, 10, MEMIDX2, BULK_MEMORY)                                       \
    W(memory_fill, 11, MEMIDX, BULK_MEMORY)                                        \
    W(table_init, 12, IDX2, BULK_MEMORY)                                         \
    W(elem_drop, 13, IDX, BULK_MEMORY)                                           \
    W(table_copy, 14, IDX2, BULK_MEMORY)                                         \
    W(table_grow, 15, IDX, REFERENCE_TYPES)                                          \
    W(table_size, 16, IDX, REFERENCE_TYPES)                                          \
    W(table_fill, 17, IDX, REFERENCE_TYPES)

/* 0xFD prefix: 128-bit SIMD (sub-opcodes 0x00-0xFF, Wasm 2.0) and relaxed
 * SIMD (0x100-0x113).  Lanes are numbered from the lowest-addressed byte. */
#define MOTE_WASM_OPS_FD(W)                                                  \
    W(v128_load, 0x00, MEMARG, SIMD)                                        \
    W(v128_load8x8_s, 0x01, MEMARG, SIMD)                                   \
    W(v128_load8x8_u, 0x02, MEMARG, SIMD)                                   \
    W(v128_load16x4_s, 0x03, MEMARG, SIMD)                                  \
    W(v128_load16x4_u, 0x04, MEMARG, SIMD)                                  \
    W(v128_load32x2_s, 0x05, MEMARG, SIMD)                                  \
    W(v128_load32x2_u, 0x06, MEMARG, SIMD)                                  \
    W(v128_load8_splat, 0x07, MEMARG, SIMD)                                 \
    W(v128_load16_splat, 0x08, MEMARG, SIMD)                                \
    W(v128_load32_splat, 0x09, MEMARG, SIMD)                                \
    W(v128_load64_splat, 0x0A, MEMARG, SIMD)                                \
    W(v128_store, 0x0B, MEMARG, SIMD)                                       \
    W(v128_const, 0x0C, BYTES16, SIMD)                                      \
    W(i8x16_shuffle, 0x0D, BYTES16, SIMD)                                   \
    W(i8x16_swizzle, 0x0E, NONE, SIMD)                                      \
    W(i8x16_splat, 0x0F, NONE, SIMD)                                        \
    W(i16x8_splat, 0x10, NONE, SIMD)                                        \
    W(i32x4_splat, 0x11, NONE, SIMD)                                        \
    W(i64x2_splat, 0x12, NONE, SIMD)                                        \
    W(f32x4_splat, 0x13, NONE, SIMD)                                        \
    W(f64x2_splat, 0x14, NONE, SIMD)                                        \
    W(i8x16_extract_lane_s, 0x15, LANE, SIMD)                               \
    W(i8x16_extract_lane_u, 0x16, LANE, SIMD)                               \
    W(i8x16_replace_lane, 0x17, LANE, SIMD)                                 \
    W(i16x8_extract_lane_s, 0x18, LANE, SIMD)                               \
    W(i16x8_extract_lane_u, 0x19, LANE, SIMD)                               \
    W(i16x8_replace_lane, 0x1A, LANE, SIMD)                                 \
    W(i32x4_extract_lane, 0x1B, LANE, SIMD)                                 \
    W(i32x4_replace_lane, 0x1C, LANE, SIMD)                                 \
    W(i64x2_extract_lane, 0x1D, LANE, SIMD)                                 \
    W(i64x2_replace_lane, 0x1E, LANE, SIMD)                                 \
    W(f32x4_extract_lane, 0x1F, LANE, SIMD)                                 \
    W(f32x4_replace_lane, 0x20, LANE, SIMD)                                 \
    W(f64x2_extract_lane, 0x21, LANE, SIMD)                                 \
    W(f64x2_replace_lane, 0x22, LANE, SIMD)                                 \
    W(i8x16_eq, 0x23, NONE, SIMD)                                           \
    W(i8x16_ne, 0x24, NONE, SIMD)                                           \
    W(i8x16_lt_s, 0x25, NONE, SIMD)                                         \
    W(i8x16_lt_u, 0x26, NONE, SIMD)                                         \
    W(i8x16_gt_s, 0x27, NONE, SIMD)                                         \
    W(i8x16_gt_u, 0x28, NONE, SIMD)                                         \
    W(i8x16_le_s, 0x29, NONE, SIMD)                                         \
    W(i8x16_le_u, 0x2A, NONE, SIMD)                                         \
    W(i8x16_ge_s, 0x2B, NONE, SIMD)                                         \
    W(i8x16_ge_u, 0x2C, NONE, SIMD)                                         \
    W(i16x8_eq, 0x2D, NONE, SIMD)                                           \
    W(i16x8_ne, 0x2E, NONE, SIMD)                                           \
    W(i16x8_lt_s, 0x2F, NONE, SIMD)                                         \
    W(i16x8_lt_u, 0x30, NONE, SIMD)                                         \
    W(i16x8_gt_s, 0x31, NONE, SIMD)                                         \
    W(i16x8_gt_u, 0x32, NONE, SIMD)                                         \
    W(i16x8_le_s, 0x33, NONE, SIMD)                                         \
    W(i16x8_le_u, 0x34, NONE, SIMD)                                         \
    W(i16x8_ge_s, 0x35, NONE, SIMD)                                         \
    W(i16x8_ge_u, 0x36, NONE, SIMD)                                         \
    W(i32x4_eq, 0x37, NONE, SIMD)                                           \
    W(i32x4_ne, 0x38, NONE, SIMD)                                           \
    W(i32x4_lt_s, 0x39, NONE, SIMD)                                         \
    W(i32x4_lt_u, 0x3A, NONE, SIMD)                                         \
    W(i32x4_gt_s, 0x3B, NONE, SIMD)                                         \
    W(i32x4_gt_u, 0x3C, NONE, SIMD)                                         \
    W(i32x4_le_s, 0x3D, NONE, SIMD)                                         \
    W(i32x4_le_u, 0x3E, NONE, SIMD)                                         \
    W(i32x4_ge_s, 0x3F, NONE, SIMD)                                         \
    W(i32x4_ge_u, 0x40, NONE, SIMD)                                         \
    W(f32x4_eq, 0x41, NONE, SIMD)                                           \
    W(f32x4_ne, 0x42, NONE, SIMD)                                           \
    W(f32x4_lt, 0x43, NONE, SIMD)                                           \
    W(f32x4_gt, 0x44, NONE, SIMD)                                           \
    W(f32x4_le, 0x45, NONE, SIMD)                                           \
    W(f32x4_ge, 0x46, NONE, SIMD)                                           \
    W(f64x2_eq, 0x47, NONE, SIMD)                                           \
    W(f64x2_ne, 0x48, NONE, SIMD)                                           \
    W(f64x2_lt, 0x49, NONE, SIMD)                                           \
    W(f64x2_gt, 0x4A, NONE, SIMD)                                           \
    W(f64x2_le, 0x4B, NONE, SIMD)                                           \
    W(f64x2_ge, 0x4C, NONE, SIMD)                                           \
    W(v128_not, 0x4D, NONE, SIMD)                                           \
    W(v128_and, 0x4E, NONE, SIMD)                                           \
    W(v128_andnot, 0x4F, NONE, SIMD)                                        \
    W(v128_or, 0x50, NONE, SIMD)                                            \
    W(v128_xor, 0x51, NONE, SIMD)                                           \
    W(v128_bitselect, 0x52, NONE, SIMD)                                     \
    W(v128_any_true, 0x53, NONE, SIMD)                                      \
    W(v128_load8_lane, 0x54, MEMARG_LANE, SIMD)                             \
    W(v128_load16_lane, 0x55, MEMARG_LANE, SIMD)                            \
    W(v128_load32_lane, 0x56, MEMARG_LANE, SIMD)                            \
    W(v128_load64_lane, 0x57, MEMARG_LANE, SIMD)                            \
    W(v128_store8_lane, 0x58, MEMARG_LANE, SIMD)                            \
    W(v128_store16_lane, 0x59, MEMARG_LANE, SIMD)                           \
    W(v128_store32_lane, 0x5A, MEMARG_LANE, SIMD)                           \
    W(v128_store64_lane, 0x5B, MEMARG_LANE, SIMD)                           \
    W(v128_load32_zero, 0x5C, MEMARG, SIMD)                                 \
    W(v128_load64_zero, 0x5D, MEMARG, SIMD)                                 \
    W(f32x4_demote_f64x2_zero, 0x5E, NONE, SIMD)                            \
    W(f64x2_promote_low_f32x4, 0x5F, NONE, SIMD)                            \
    W(i8x16_abs, 0x60, NONE, SIMD)                                          \
    W(i8x16_neg, 0x61, NONE, SIMD)                                          \
    W(i8x16_popcnt, 0x62, NONE, SIMD)                                       \
    W(i8x16_all_true, 0x63, NONE, SIMD)                                     \
    W(i8x16_bitmask, 0x64, NONE, SIMD)                                      \
    W(i8x16_narrow_i16x8_s, 0x65, NONE, SIMD)                               \
    W(i8x16_narrow_i16x8_u, 0x66, NONE, SIMD)                               \
    W(f32x4_ceil, 0x67, NONE, SIMD)                                         \
    W(f32x4_floor, 0x68, NONE, SIMD)                                        \
    W(f32x4_trunc, 0x69, NONE, SIMD)                                        \
    W(f32x4_nearest, 0x6A, NONE, SIMD)                                      \
    W(i8x16_shl, 0x6B, NONE, SIMD)                                          \
    W(i8x16_shr_s, 0x6C, NONE, SIMD)                                        \
    W(i8x16_shr_u, 0x6D, NONE, SIMD)                                        \
    W(i8x16_add, 0x6E, NONE, SIMD)                                          \
    W(i8x16_add_sat_s, 0x6F, NONE, SIMD)                                    \
    W(i8x16_add_sat_u, 0x70, NONE, SIMD)                                    \
    W(i8x16_sub, 0x71, NONE, SIMD)                                          \
    W(i8x16_sub_sat_s, 0x72, NONE, SIMD)                                    \
    W(i8x16_sub_sat_u, 0x73, NONE, SIMD)                                    \
    W(f64x2_ceil, 0x74, NONE, SIMD)                                         \
    W(f64x2_floor, 0x75, NONE, SIMD)                                        \
    W(i8x16_min_s, 0x76, NONE, SIMD)                                        \
    W(i8x16_min_u, 0x77, NONE, SIMD)                                        \
    W(i8x16_max_s, 0x78, NONE, SIMD)                                        \
    W(i8x16_max_u, 0x79, NONE, SIMD)                                        \
    W(f64x2_trunc, 0x7A, NONE, SIMD)                                        \
    W(i8x16_avgr_u, 0x7B, NONE, SIMD)                                       \
    W(i16x8_extadd_pairwise_i8x16_s, 0x7C, NONE, SIMD)                      \
    W(i16x8_extadd_pairwise_i8x16_u, 0x7D, NONE, SIMD)                      \
    W(i32x4_extadd_pairwise_i16x8_s, 0x7E, NONE, SIMD)                      \
    W(i32x4_extadd_pairwise_i16x8_u, 0x7F, NONE, SIMD)                      \
    W(i16x8_abs, 0x80, NONE, SIMD)                                          \
    W(i16x8_neg, 0x81, NONE, SIMD)                                          \
    W(i16x8_q15mulr_sat_s, 0x82, NONE, SIMD)                                \
    W(i16x8_all_true, 0x83, NONE, SIMD)                                     \
    W(i16x8_bitmask, 0x84, NONE, SIMD)                                      \
    W(i16x8_narrow_i32x4_s, 0x85, NONE, SIMD)                               \
    W(i16x8_narrow_i32x4_u, 0x86, NONE, SIMD)                               \
    W(i16x8_extend_low_i8x16_s, 0x87, NONE, SIMD)                           \
    W(i16x8_extend_high_i8x16_s, 0x88, NONE, SIMD)                          \
    W(i16x8_extend_low_i8x16_u, 0x89, NONE, SIMD)                           \
    W(i16x8_extend_high_i8x16_u, 0x8A, NONE, SIMD)                          \
    W(i16x8_shl, 0x8B, NONE, SIMD)                                          \
    W(i16x8_shr_s, 0x8C, NONE, SIMD)                                        \
    W(i16x8_shr_u, 0x8D, NONE, SIMD)                                        \
    W(i16x8_add, 0x8E, NONE, SIMD)                                          \
    W(i16x8_add_sat_s, 0x8F, NONE, SIMD)                                    \
    W(i16x8_add_sat_u, 0x90, NONE, SIMD)                                    \
    W(i16x8_sub, 0x91, NONE, SIMD)                                          \
    W(i16x8_sub_sat_s, 0x92, NONE, SIMD)                                    \
    W(i16x8_sub_sat_u, 0x93, NONE, SIMD)                                    \
    W(f64x2_nearest, 0x94, NONE, SIMD)                                      \
    W(i16x8_mul, 0x95, NONE, SIMD)                                          \
    W(i16x8_min_s, 0x96, NONE, SIMD)                                        \
    W(i16x8_min_u, 0x97, NONE, SIMD)                                        \
    W(i16x8_max_s, 0x98, NONE, SIMD)                                        \
    W(i16x8_max_u, 0x99, NONE, SIMD)                                        \
    W(i16x8_avgr_u, 0x9B, NONE, SIMD)                                       \
    W(i16x8_extmul_low_i8x16_s, 0x9C, NONE, SIMD)                           \
    W(i16x8_extmul_high_i8x16_s, 0x9D, NONE, SIMD)                          \
    W(i16x8_extmul_low_i8x16_u, 0x9E, NONE, SIMD)                           \
    W(i16x8_extmul_high_i8x16_u, 0x9F, NONE, SIMD)                          \
    W(i32x4_abs, 0xA0, NONE, SIMD)                                          \
    W(i32x4_neg, 0xA1, NONE, SIMD)                                          \
    W(i32x4_all_true, 0xA3, NONE, SIMD)                                     \
    W(i32x4_bitmask, 0xA4, NONE, SIMD)                                      \
    W(i32x4_extend_low_i16x8_s, 0xA7, NONE, SIMD)                           \
    W(i32x4_extend_high_i16x8_s, 0xA8, NONE, SIMD)                          \
    W(i32x4_extend_low_i16x8_u, 0xA9, NONE, SIMD)                           \
    W(i32x4_extend_high_i16x8_u, 0xAA, NONE, SIMD)                          \
    W(i32x4_shl, 0xAB, NONE, SIMD)                                          \
    W(i32x4_shr_s, 0xAC, NONE, SIMD)                                        \
    W(i32x4_shr_u, 0xAD, NONE, SIMD)                                        \
    W(i32x4_add, 0xAE, NONE, SIMD)                                          \
    W(i32x4_sub, 0xB1, NONE, SIMD)                                          \
    W(i32x4_mul, 0xB5, NONE, SIMD)                                          \
    W(i32x4_min_s, 0xB6, NONE, SIMD)                                        \
    W(i32x4_min_u, 0xB7, NONE, SIMD)                                        \
    W(i32x4_max_s, 0xB8, NONE, SIMD)                                        \
    W(i32x4_max_u, 0xB9, NONE, SIMD)                                        \
    W(i32x4_dot_i16x8_s, 0xBA, NONE, SIMD)                                  \
    W(i32x4_extmul_low_i16x8_s, 0xBC, NONE, SIMD)                           \
    W(i32x4_extmul_high_i16x8_s, 0xBD, NONE, SIMD)                          \
    W(i32x4_extmul_low_i16x8_u, 0xBE, NONE, SIMD)                           \
    W(i32x4_extmul_high_i16x8_u, 0xBF, NONE, SIMD)                          \
    W(i64x2_abs, 0xC0, NONE, SIMD)                                          \
    W(i64x2_neg, 0xC1, NONE, SIMD)                                          \
    W(i64x2_all_true, 0xC3, NONE, SIMD)                                     \
    W(i64x2_bitmask, 0xC4, NONE, SIMD)                                      \
    W(i64x2_extend_low_i32x4_s, 0xC7, NONE, SIMD)                           \
    W(i64x2_extend_high_i32x4_s, 0xC8, NONE, SIMD)                          \
    W(i64x2_extend_low_i32x4_u, 0xC9, NONE, SIMD)                           \
    W(i64x2_extend_high_i32x4_u, 0xCA, NONE, SIMD)                          \
    W(i64x2_shl, 0xCB, NONE, SIMD)                                          \
    W(i64x2_shr_s, 0xCC, NONE, SIMD)                                        \
    W(i64x2_shr_u, 0xCD, NONE, SIMD)                                        \
    W(i64x2_add, 0xCE, NONE, SIMD)                                          \
    W(i64x2_sub, 0xD1, NONE, SIMD)                                          \
    W(i64x2_mul, 0xD5, NONE, SIMD)                                          \
    W(i64x2_eq, 0xD6, NONE, SIMD)                                           \
    W(i64x2_ne, 0xD7, NONE, SIMD)                                           \
    W(i64x2_lt_s, 0xD8, NONE, SIMD)                                         \
    W(i64x2_gt_s, 0xD9, NONE, SIMD)                                         \
    W(i64x2_le_s, 0xDA, NONE, SIMD)                                         \
    W(i64x2_ge_s, 0xDB, NONE, SIMD)                                         \
    W(i64x2_extmul_low_i32x4_s, 0xDC, NONE, SIMD)                           \
    W(i64x2_extmul_high_i32x4_s, 0xDD, NONE, SIMD)                          \
    W(i64x2_extmul_low_i32x4_u, 0xDE, NONE, SIMD)                           \
    W(i64x2_extmul_high_i32x4_u, 0xDF, NONE, SIMD)                          \
    W(f32x4_abs, 0xE0, NONE, SIMD)                                          \
    W(f32x4_neg, 0xE1, NONE, SIMD)                                          \
    W(f32x4_sqrt, 0xE3, NONE, SIMD)                                         \
    W(f32x4_add, 0xE4, NONE, SIMD)                                          \
    W(f32x4_sub, 0xE5, NONE, SIMD)                                          \
    W(f32x4_mul, 0xE6, NONE, SIMD)                                          \
    W(f32x4_div, 0xE7, NONE, SIMD)                                          \
    W(f32x4_min, 0xE8, NONE, SIMD)                                          \
    W(f32x4_max, 0xE9, NONE, SIMD)                                          \
    W(f32x4_pmin, 0xEA, NONE, SIMD)                                         \
    W(f32x4_pmax, 0xEB, NONE, SIMD)                                         \
    W(f64x2_abs, 0xEC, NONE, SIMD)                                          \
    W(f64x2_neg, 0xED, NONE, SIMD)                                          \
    W(f64x2_sqrt, 0xEF, NONE, SIMD)                                         \
    W(f64x2_add, 0xF0, NONE, SIMD)                                          \
    W(f64x2_sub, 0xF1, NONE, SIMD)                                          \
    W(f64x2_mul, 0xF2, NONE, SIMD)                                          \
    W(f64x2_div, 0xF3, NONE, SIMD)                                          \
    W(f64x2_min, 0xF4, NONE, SIMD)                                          \
    W(f64x2_max, 0xF5, NONE, SIMD)                                          \
    W(f64x2_pmin, 0xF6, NONE, SIMD)                                         \
    W(f64x2_pmax, 0xF7, NONE, SIMD)                                         \
    W(i32x4_trunc_sat_f32x4_s, 0xF8, NONE, SIMD)                            \
    W(i32x4_trunc_sat_f32x4_u, 0xF9, NONE, SIMD)                            \
    W(f32x4_convert_i32x4_s, 0xFA, NONE, SIMD)                              \
    W(f32x4_convert_i32x4_u, 0xFB, NONE, SIMD)                              \
    W(i32x4_trunc_sat_f64x2_s_zero, 0xFC, NONE, SIMD)                       \
    W(i32x4_trunc_sat_f64x2_u_zero, 0xFD, NONE, SIMD)                       \
    W(f64x2_convert_low_i32x4_s, 0xFE, NONE, SIMD)                          \
    W(f64x2_convert_low_i32x4_u, 0xFF, NONE, SIMD)                          \
    W(i8x16_relaxed_swizzle, 0x100, NONE, RELAXED_SIMD)                     \
    W(i32x4_relaxed_trunc_f32x4_s, 0x101, NONE, RELAXED_SIMD)               \
    W(i32x4_relaxed_trunc_f32x4_u, 0x102, NONE, RELAXED_SIMD)               \
    W(i32x4_relaxed_trunc_f64x2_s_zero, 0x103, NONE, RELAXED_SIMD)          \
    W(i32x4_relaxed_trunc_f64x2_u_zero, 0x104, NONE, RELAXED_SIMD)          \
    W(f32x4_relaxed_madd, 0x105, NONE, RELAXED_SIMD)                        \
    W(f32x4_relaxed_nmadd, 0x106, NONE, RELAXED_SIMD)                       \
    W(f64x2_relaxed_madd, 0x107, NONE, RELAXED_SIMD)                        \
    W(f64x2_relaxed_nmadd, 0x108, NONE, RELAXED_SIMD)                       \
    W(i8x16_relaxed_laneselect, 0x109, NONE, RELAXED_SIMD)                  \
    W(i16x8_relaxed_laneselect, 0x10A, NONE, RELAXED_SIMD)                  \
    W(i32x4_relaxed_laneselect, 0x10B, NONE, RELAXED_SIMD)                  \
    W(i64x2_relaxed_laneselect, 0x10C, NONE, RELAXED_SIMD)                  \
    W(f32x4_relaxed_min, 0x10D, NONE, RELAXED_SIMD)                         \
    W(f32x4_relaxed_max, 0x10E, NONE, RELAXED_SIMD)                         \
    W(f64x2_relaxed_min, 0x10F, NONE, RELAXED_SIMD)                         \
    W(f64x2_relaxed_max, 0x110, NONE, RELAXED_SIMD)                         \
    W(i16x8_relaxed_q15mulr_s, 0x111, NONE, RELAXED_SIMD)                   \
    W(i16x8_relaxed_dot_i8x16_i7x16_s, 0x112, NONE, RELAXED_SIMD)           \
    W(i32x4_relaxed_dot_i8x16_i7x16_add_s, 0x113, NONE, RELAXED_SIMD)

/* The prefixes, and how many sub-opcodes each table covers. */
#define WASM_PREFIX_FC 0xFC
#define WASM_FC_LIMIT 18u
#define WASM_PREFIX_FD 0xFD
#define WASM_FD_LIMIT 0x114u

/* Every instruction in one list, with its prefix (0 for none). */
#define MOTE_WASM_OPS(W)                                                     \
    MOTE_WASM_OPS_00(W)                                                      \
    MOTE_WASM_OPS_FC(W)                                                      \
    MOTE_WASM_OPS_FD(W)
/* clang-format on */

/*
 * The numbering.  The one-byte and 0xFC instructions of the groups this
 * build has come first, then those of the groups it leaves out, then the
 * 0xFD ones, each part in list order.  So the compiler's row table
 * (compile_rows.c) stops after the groups it has: minimal without floats
 * keeps 121 of 216 rows.  The two ranks count, for each instruction, the
 * instructions before it that the build has and leaves out: an enumerator
 * after each one steps on by 1 or 0 (WASM_BUILT_<name> or its negation).
 */
#define WASM_GROUP_BUILT_(group) ((FEATURE_BUILT_MASK_ >> FG_##group) & 1)
enum wasm_op_built_ {
#define W(name, code, imm, group) WASM_BUILT_##name = WASM_GROUP_BUILT_(group),
    MOTE_WASM_OPS(W)
#undef W
};
enum wasm_op_rank_ {
#define W(name, code, imm, group) \
    WASM_IN_RANK_##name, WASM_IN_STEP_##name = WASM_IN_RANK_##name + WASM_BUILT_##name - 1,
    MOTE_WASM_OPS_00(W) MOTE_WASM_OPS_FC(W)
#undef W
        WASM_IN_COUNT_ /* one-byte and 0xFC instructions in the build */
};
enum wasm_op_out_rank_ {
#define W(name, code, imm, group) \
    WASM_OUT_RANK_##name, WASM_OUT_STEP_##name = WASM_OUT_RANK_##name - WASM_BUILT_##name,
    MOTE_WASM_OPS_00(W) MOTE_WASM_OPS_FC(W)
#undef W
        WASM_OUT_COUNT_ /* those left out */
};
typedef enum wasm_op {
    WASM_ROWS_ = WASM_IN_COUNT_, /* the build's one-byte and 0xFC instructions */
#define W(name, code, imm, group) \
    WASM_##name = WASM_BUILT_##name ? WASM_IN_RANK_##name : WASM_ROWS_ + WASM_OUT_RANK_##name,
    MOTE_WASM_OPS_00(W) MOTE_WASM_OPS_FC(W)
#undef W
        WASM_FD_BEFORE_ = WASM_ROWS_ + WASM_OUT_COUNT_ - 1,
#define W(name, code, imm, group) WASM_##name,
    MOTE_WASM_OPS_FD(W)
#undef W
        WASM_COUNT_,
    WASM_NONE_ = 0xFFFF /* not an instruction */
} wasm_op;

/* Opcode byte (or sub-opcode) and prefix of each instruction. */
#define W(name, code, imm, group) WASM_BYTE_##name = code,
enum wasm_byte { MOTE_WASM_OPS(W) };
#undef W

/* The lookup tables (wasm_ops.c).  They are read through the inline
 * functions below: the compiler looks up every instruction of a body on
 * each of its two passes, and a call per lookup was a tenth of the load. */
typedef struct wasm_op_info {
    uint8_t imm, group; /* its immediates' shape, its feature group */
} wasm_op_info;

/*
 * A build without SIMD keeps no facts per 0xFD instruction (on Cortex-M3
 * 1.8 KB of tables).  The decoder still meets them: it must skip their
 * immediates (a function's body is scanned whole when a later error is
 * looked for) and refuse the module naming the option.  So each 0xFD
 * sub-opcode maps to a stand-in, one per immediate shape and group, that
 * knows just that; the stand-ins take the indices where the 0xFD
 * instructions start, in wasm_op_infos only.  Nothing else may index by
 * a stand-in: the compiler refuses its group before it reads its row.
 * S(index, immediate shape, group); WASM_FD_STANDIN picks a row's stand-in,
 * or -1 (wasm_ops.c checks every row at compile time).
 */
#define WASM_FD_FIRST_ WASM_v128_load /* the first 0xFD instruction */
#if MOTE_WITH_SIMD
#define WASM_INFO_COUNT WASM_COUNT_
#else
/* clang-format off */
#define WASM_FD_STANDINS(S)                                                  \
    S(0, NONE, SIMD)                                                         \
    S(1, BYTES16, SIMD)                                                      \
    S(2, LANE, SIMD)                                                         \
    S(3, MEMARG, SIMD)                                                       \
    S(4, MEMARG_LANE, SIMD)                                                  \
    S(5, NONE, RELAXED_SIMD)
#define WASM_FD_STANDIN(imm, group)                                          \
    ((group) == FG_RELAXED_SIMD ? ((imm) == WI_NONE ? 5 : -1)                \
     : (imm) == WI_NONE         ? 0                                          \
     : (imm) == WI_BYTES16      ? 1                                          \
     : (imm) == WI_LANE         ? 2                                          \
     : (imm) == WI_MEMARG       ? 3                                          \
     : (imm) == WI_MEMARG_LANE  ? 4                                          \
                                : -1)
/* clang-format on */
#define WASM_INFO_COUNT (WASM_FD_FIRST_ + 6)
/* sub-opcode -> stand-in + 1 (0: no such instruction) */
uint32_t wasm_op_fd_standin(uint32_t code);
#endif
extern const wasm_op_info wasm_op_infos[WASM_INFO_COUNT];
/* encoding -> instruction + 1 (0: no such instruction), one table per
 * prefix; the one-byte and 0xFC instructions, numbered before the 0xFD
 * ones, are few enough for bytes */
extern const uint8_t wasm_op_by_byte[256];
extern const uint8_t wasm_op_by_fc[WASM_FC_LIMIT];
#if MOTE_WITH_SIMD
extern const uint16_t wasm_op_by_fd[WASM_FD_LIMIT];
#endif

/* The instruction an encoding names (in a build without SIMD, an 0xFD
 * instruction's stand-in), or WASM_NONE_. */
static inline wasm_op wasm_op_of(uint32_t prefix, uint32_t code)
{
    uint32_t i = 0;
    if (prefix == 0)
        i = code < 256 ? wasm_op_by_byte[code] : 0;
    else if (prefix == WASM_PREFIX_FC)
        i = code < WASM_FC_LIMIT ? wasm_op_by_fc[code] : 0;
    else if (prefix == WASM_PREFIX_FD)
#if MOTE_WITH_SIMD
        i = code < WASM_FD_LIMIT ? wasm_op_by_fd[code] : 0;
#else
    {
        i = wasm_op_fd_standin(code);
        i = i ? WASM_FD_FIRST_ + i : 0;
    }
#endif
    return i ? (wasm_op)(i - 1) : WASM_NONE_;
}

/* Its immediates' shape and feature group. */
static inline wasm_imm wasm_op_imm(wasm_op op)
{
    return (wasm_imm)wasm_op_infos[op].imm;
}
static inline feature_group wasm_op_group(wasm_op op)
{
    return (feature_group)wasm_op_infos[op].group;
}

/* Its name ("i32.add" as "i32_add"). */
const char *wasm_op_name(wasm_op op);

#endif
