/*
 * interp_simd.h -- the SIMD handlers (ops.h's MOTE_OPS_SIMD and
 * MOTE_OPS_RELAXED_SIMD lists), included by interp.c inside its loop when
 * the build has them (MOTE_WITH_SIMD).  Each handler decodes its operand
 * words and bounds-checks memory as the scalar ones do; the lane work is
 * in simd.c, out of line, so that these ops add no register pressure to
 * the rest of the loop.  The macros name each handler's label, so grep
 * finds "V_BINARY(i32x4_add)" for L_i32x4_add.
 */

/* clang-format off */
/* ---- v128 values --------------------------------------------------------------- */

    OP(copy_v128) {
        const uint32_t *w = pc + 1;
        const mote_slot *a = AT(fp, HI(w));
        mote_slot lo = a[0], hi = a[1], *d = AT(fp, LO(w));
        d[0] = lo;
        d[1] = hi;
        DONE(copy_v128);
    }
    OP(select_v128) {
        const uint32_t *w = pc + 1, *v = pc + 2;
        const mote_slot *a = SLOT(HI(v)).u32 ? AT(fp, HI(w)) : AT(fp, LO(v));
        mote_slot lo = a[0], hi = a[1], *d = AT(fp, LO(w));
        d[0] = lo;
        d[1] = hi;
        DONE(select_v128);
    }
    OP(global_get_v128) {
        const mote_global *g = GLOBAL(pc[2]);
        mote_slot *d = AT(fp, pc[1]);
        d[0] = g->value;
        d[1] = g->value_hi;
        DONE(global_get_v128);
    }
    OP(global_set_v128) {
        mote_global *g = GLOBAL(pc[2]);
        const mote_slot *a = AT(fp, pc[1]);
        g->value = a[0];
        g->value_hi = a[1];
        DONE(global_set_v128);
    }
    OP(v128_const) {
        memcpy(AT(fp, pc[1]), pc + 2, 16);
        DONE(v128_const);
    }
    OP(i8x16_shuffle) {
        const uint32_t *w = pc + 1;
        simd_shuffle(AT(fp, LO(w)), AT(fp, HI(w)), AT(fp, pc[2]), pc + 3);
        DONE(i8x16_shuffle);
    }

/* ---- memory: [op][d|a][mem][lo][hi], lanes then [v|lane] or [lane] ------------------ */

/* n bytes at a + offset of memory pc[2], checked as the scalar _m ops do;
 * p points at them. */
#define V_ACCESS(n)                                                      \
    const uint32_t *w = pc + 1;                                          \
    mote_memory *m_ = MEMORY(pc[2]);                                     \
    uint64_t ea_;                                                        \
    if (UNLIKELY(!range_in(m_, address_in(m_, SLOT(HI(w))),              \
                           (uint64_t)pc[3] | (uint64_t)pc[4] << 32, n, &ea_))) \
        TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);                            \
    uint8_t *p = m_->base + (size_t)ea_
#define V_LOAD(name, n)                                                  \
    OP(name) {                                                           \
        V_ACCESS(n);                                                     \
        simd_load(OP_##name, AT(fp, LO(w)), p);                          \
        DONE(name);                                                      \
    }
#define V_STORE(name, n)                                                 \
    OP(name) {                                                           \
        V_ACCESS(n);                                                     \
        memcpy(p, AT(fp, LO(w)), n);                                     \
        DONE(name);                                                      \
    }
/* the lane index was checked by the compiler: lane * n + n <= 16 */
#define V_LOAD_LANE(name, n)                                             \
    OP(name) {                                                           \
        V_ACCESS(n);                                                     \
        simd_v128 v_;                                                    \
        memcpy(&v_, AT(fp, LO(pc + 5)), 16);                             \
        memcpy(v_.u8 + HI(pc + 5) * (n), p, n);                          \
        memcpy(AT(fp, LO(w)), &v_, 16);                                  \
        DONE(name);                                                      \
    }
#define V_STORE_LANE(name, n)                                            \
    OP(name) {                                                           \
        V_ACCESS(n);                                                     \
        memcpy(p, (const uint8_t *)AT(fp, LO(w)) + pc[5] * (n), n);      \
        DONE(name);                                                      \
    }

/* ---- lanes: the shapes of simd.h --------------------------------------------------- */

#define V_SPLAT(name)                                                    \
    OP(name) {                                                           \
        const uint32_t *w = pc + 1;                                      \
        simd_splat(OP_##name, AT(fp, LO(w)), AT(fp, HI(w)));             \
        DONE(name);                                                      \
    }
#define V_EXTRACT(name)     /* [op][d|a][lane] */                        \
    OP(name) {                                                           \
        const uint32_t *w = pc + 1;                                      \
        simd_extract(OP_##name, AT(fp, LO(w)), AT(fp, HI(w)), pc[2]);    \
        DONE(name);                                                      \
    }
#define V_REPLACE(name)     /* [op][d|a][b|lane] */                      \
    OP(name) {                                                           \
        const uint32_t *w = pc + 1;                                      \
        simd_replace(OP_##name, AT(fp, LO(w)), AT(fp, HI(w)), AT(fp, LO(w + 1)), HI(w + 1)); \
        DONE(name);                                                      \
    }
#define V_TEST(name)                                                     \
    OP(name) {                                                           \
        const uint32_t *w = pc + 1;                                      \
        SLOT(LO(w)).u64 = simd_test(OP_##name, AT(fp, HI(w)));           \
        DONE(name);                                                      \
    }
#define V_UNARY(name)                                                    \
    OP(name) {                                                           \
        const uint32_t *w = pc + 1;                                      \
        simd_unary(OP_##name, AT(fp, LO(w)), AT(fp, HI(w)));             \
        DONE(name);                                                      \
    }
#define V_BINARY(name)                                                   \
    OP(name) {                                                           \
        const uint32_t *w = pc + 1;                                      \
        simd_binary(OP_##name, AT(fp, LO(w)), AT(fp, HI(w)), AT(fp, pc[2])); \
        DONE(name);                                                      \
    }
#define V_SHIFT(name)                                                    \
    OP(name) {                                                           \
        const uint32_t *w = pc + 1;                                      \
        simd_shift(OP_##name, AT(fp, LO(w)), AT(fp, HI(w)), SLOT(pc[2]).u32); \
        DONE(name);                                                      \
    }
#define V_TERNARY(name)     /* [op][d|a][b|c] */                         \
    OP(name) {                                                           \
        const uint32_t *w = pc + 1;                                      \
        simd_ternary(OP_##name, AT(fp, LO(w)), AT(fp, HI(w)), AT(fp, LO(w + 1)), AT(fp, HI(w + 1))); \
        DONE(name);                                                      \
    }

/* ---- the 0xFD instructions, in opcode order ------------------------------------------ */

    V_LOAD(v128_load, 16)
    V_LOAD(v128_load8x8_s, 8)
    V_LOAD(v128_load8x8_u, 8)
    V_LOAD(v128_load16x4_s, 8)
    V_LOAD(v128_load16x4_u, 8)
    V_LOAD(v128_load32x2_s, 8)
    V_LOAD(v128_load32x2_u, 8)
    V_LOAD(v128_load8_splat, 1)
    V_LOAD(v128_load16_splat, 2)
    V_LOAD(v128_load32_splat, 4)
    V_LOAD(v128_load64_splat, 8)
    V_STORE(v128_store, 16)
    V_BINARY(i8x16_swizzle)
    V_SPLAT(i8x16_splat)
    V_SPLAT(i16x8_splat)
    V_SPLAT(i32x4_splat)
    V_SPLAT(i64x2_splat)
    V_SPLAT(f32x4_splat)
    V_SPLAT(f64x2_splat)
    V_EXTRACT(i8x16_extract_lane_s)
    V_EXTRACT(i8x16_extract_lane_u)
    V_REPLACE(i8x16_replace_lane)
    V_EXTRACT(i16x8_extract_lane_s)
    V_EXTRACT(i16x8_extract_lane_u)
    V_REPLACE(i16x8_replace_lane)
    V_EXTRACT(i32x4_extract_lane)
    V_REPLACE(i32x4_replace_lane)
    V_EXTRACT(i64x2_extract_lane)
    V_REPLACE(i64x2_replace_lane)
    V_EXTRACT(f32x4_extract_lane)
    V_REPLACE(f32x4_replace_lane)
    V_EXTRACT(f64x2_extract_lane)
    V_REPLACE(f64x2_replace_lane)
    V_BINARY(i8x16_eq)
    V_BINARY(i8x16_ne)
    V_BINARY(i8x16_lt_s)
    V_BINARY(i8x16_lt_u)
    V_BINARY(i8x16_gt_s)
    V_BINARY(i8x16_gt_u)
    V_BINARY(i8x16_le_s)
    V_BINARY(i8x16_le_u)
    V_BINARY(i8x16_ge_s)
    V_BINARY(i8x16_ge_u)
    V_BINARY(i16x8_eq)
    V_BINARY(i16x8_ne)
    V_BINARY(i16x8_lt_s)
    V_BINARY(i16x8_lt_u)
    V_BINARY(i16x8_gt_s)
    V_BINARY(i16x8_gt_u)
    V_BINARY(i16x8_le_s)
    V_BINARY(i16x8_le_u)
    V_BINARY(i16x8_ge_s)
    V_BINARY(i16x8_ge_u)
    V_BINARY(i32x4_eq)
    V_BINARY(i32x4_ne)
    V_BINARY(i32x4_lt_s)
    V_BINARY(i32x4_lt_u)
    V_BINARY(i32x4_gt_s)
    V_BINARY(i32x4_gt_u)
    V_BINARY(i32x4_le_s)
    V_BINARY(i32x4_le_u)
    V_BINARY(i32x4_ge_s)
    V_BINARY(i32x4_ge_u)
    V_BINARY(f32x4_eq)
    V_BINARY(f32x4_ne)
    V_BINARY(f32x4_lt)
    V_BINARY(f32x4_gt)
    V_BINARY(f32x4_le)
    V_BINARY(f32x4_ge)
    V_BINARY(f64x2_eq)
    V_BINARY(f64x2_ne)
    V_BINARY(f64x2_lt)
    V_BINARY(f64x2_gt)
    V_BINARY(f64x2_le)
    V_BINARY(f64x2_ge)
    V_UNARY(v128_not)
    V_BINARY(v128_and)
    V_BINARY(v128_andnot)
    V_BINARY(v128_or)
    V_BINARY(v128_xor)
    V_TERNARY(v128_bitselect)
    V_TEST(v128_any_true)
    V_LOAD_LANE(v128_load8_lane, 1)
    V_LOAD_LANE(v128_load16_lane, 2)
    V_LOAD_LANE(v128_load32_lane, 4)
    V_LOAD_LANE(v128_load64_lane, 8)
    V_STORE_LANE(v128_store8_lane, 1)
    V_STORE_LANE(v128_store16_lane, 2)
    V_STORE_LANE(v128_store32_lane, 4)
    V_STORE_LANE(v128_store64_lane, 8)
    V_LOAD(v128_load32_zero, 4)
    V_LOAD(v128_load64_zero, 8)
    V_UNARY(f32x4_demote_f64x2_zero)
    V_UNARY(f64x2_promote_low_f32x4)
    V_UNARY(i8x16_abs)
    V_UNARY(i8x16_neg)
    V_UNARY(i8x16_popcnt)
    V_TEST(i8x16_all_true)
    V_TEST(i8x16_bitmask)
    V_BINARY(i8x16_narrow_i16x8_s)
    V_BINARY(i8x16_narrow_i16x8_u)
    V_UNARY(f32x4_ceil)
    V_UNARY(f32x4_floor)
    V_UNARY(f32x4_trunc)
    V_UNARY(f32x4_nearest)
    V_SHIFT(i8x16_shl)
    V_SHIFT(i8x16_shr_s)
    V_SHIFT(i8x16_shr_u)
    V_BINARY(i8x16_add)
    V_BINARY(i8x16_add_sat_s)
    V_BINARY(i8x16_add_sat_u)
    V_BINARY(i8x16_sub)
    V_BINARY(i8x16_sub_sat_s)
    V_BINARY(i8x16_sub_sat_u)
    V_UNARY(f64x2_ceil)
    V_UNARY(f64x2_floor)
    V_BINARY(i8x16_min_s)
    V_BINARY(i8x16_min_u)
    V_BINARY(i8x16_max_s)
    V_BINARY(i8x16_max_u)
    V_UNARY(f64x2_trunc)
    V_BINARY(i8x16_avgr_u)
    V_UNARY(i16x8_extadd_pairwise_i8x16_s)
    V_UNARY(i16x8_extadd_pairwise_i8x16_u)
    V_UNARY(i32x4_extadd_pairwise_i16x8_s)
    V_UNARY(i32x4_extadd_pairwise_i16x8_u)
    V_UNARY(i16x8_abs)
    V_UNARY(i16x8_neg)
    V_BINARY(i16x8_q15mulr_sat_s)
    V_TEST(i16x8_all_true)
    V_TEST(i16x8_bitmask)
    V_BINARY(i16x8_narrow_i32x4_s)
    V_BINARY(i16x8_narrow_i32x4_u)
    V_UNARY(i16x8_extend_low_i8x16_s)
    V_UNARY(i16x8_extend_high_i8x16_s)
    V_UNARY(i16x8_extend_low_i8x16_u)
    V_UNARY(i16x8_extend_high_i8x16_u)
    V_SHIFT(i16x8_shl)
    V_SHIFT(i16x8_shr_s)
    V_SHIFT(i16x8_shr_u)
    V_BINARY(i16x8_add)
    V_BINARY(i16x8_add_sat_s)
    V_BINARY(i16x8_add_sat_u)
    V_BINARY(i16x8_sub)
    V_BINARY(i16x8_sub_sat_s)
    V_BINARY(i16x8_sub_sat_u)
    V_UNARY(f64x2_nearest)
    V_BINARY(i16x8_mul)
    V_BINARY(i16x8_min_s)
    V_BINARY(i16x8_min_u)
    V_BINARY(i16x8_max_s)
    V_BINARY(i16x8_max_u)
    V_BINARY(i16x8_avgr_u)
    V_BINARY(i16x8_extmul_low_i8x16_s)
    V_BINARY(i16x8_extmul_high_i8x16_s)
    V_BINARY(i16x8_extmul_low_i8x16_u)
    V_BINARY(i16x8_extmul_high_i8x16_u)
    V_UNARY(i32x4_abs)
    V_UNARY(i32x4_neg)
    V_TEST(i32x4_all_true)
    V_TEST(i32x4_bitmask)
    V_UNARY(i32x4_extend_low_i16x8_s)
    V_UNARY(i32x4_extend_high_i16x8_s)
    V_UNARY(i32x4_extend_low_i16x8_u)
    V_UNARY(i32x4_extend_high_i16x8_u)
    V_SHIFT(i32x4_shl)
    V_SHIFT(i32x4_shr_s)
    V_SHIFT(i32x4_shr_u)
    V_BINARY(i32x4_add)
    V_BINARY(i32x4_sub)
    V_BINARY(i32x4_mul)
    V_BINARY(i32x4_min_s)
    V_BINARY(i32x4_min_u)
    V_BINARY(i32x4_max_s)
    V_BINARY(i32x4_max_u)
    V_BINARY(i32x4_dot_i16x8_s)
    V_BINARY(i32x4_extmul_low_i16x8_s)
    V_BINARY(i32x4_extmul_high_i16x8_s)
    V_BINARY(i32x4_extmul_low_i16x8_u)
    V_BINARY(i32x4_extmul_high_i16x8_u)
    V_UNARY(i64x2_abs)
    V_UNARY(i64x2_neg)
    V_TEST(i64x2_all_true)
    V_TEST(i64x2_bitmask)
    V_UNARY(i64x2_extend_low_i32x4_s)
    V_UNARY(i64x2_extend_high_i32x4_s)
    V_UNARY(i64x2_extend_low_i32x4_u)
    V_UNARY(i64x2_extend_high_i32x4_u)
    V_SHIFT(i64x2_shl)
    V_SHIFT(i64x2_shr_s)
    V_SHIFT(i64x2_shr_u)
    V_BINARY(i64x2_add)
    V_BINARY(i64x2_sub)
    V_BINARY(i64x2_mul)
    V_BINARY(i64x2_eq)
    V_BINARY(i64x2_ne)
    V_BINARY(i64x2_lt_s)
    V_BINARY(i64x2_gt_s)
    V_BINARY(i64x2_le_s)
    V_BINARY(i64x2_ge_s)
    V_BINARY(i64x2_extmul_low_i32x4_s)
    V_BINARY(i64x2_extmul_high_i32x4_s)
    V_BINARY(i64x2_extmul_low_i32x4_u)
    V_BINARY(i64x2_extmul_high_i32x4_u)
    V_UNARY(f32x4_abs)
    V_UNARY(f32x4_neg)
    V_UNARY(f32x4_sqrt)
    V_BINARY(f32x4_add)
    V_BINARY(f32x4_sub)
    V_BINARY(f32x4_mul)
    V_BINARY(f32x4_div)
    V_BINARY(f32x4_min)
    V_BINARY(f32x4_max)
    V_BINARY(f32x4_pmin)
    V_BINARY(f32x4_pmax)
    V_UNARY(f64x2_abs)
    V_UNARY(f64x2_neg)
    V_UNARY(f64x2_sqrt)
    V_BINARY(f64x2_add)
    V_BINARY(f64x2_sub)
    V_BINARY(f64x2_mul)
    V_BINARY(f64x2_div)
    V_BINARY(f64x2_min)
    V_BINARY(f64x2_max)
    V_BINARY(f64x2_pmin)
    V_BINARY(f64x2_pmax)
    V_UNARY(i32x4_trunc_sat_f32x4_s)
    V_UNARY(i32x4_trunc_sat_f32x4_u)
    V_UNARY(f32x4_convert_i32x4_s)
    V_UNARY(f32x4_convert_i32x4_u)
    V_UNARY(i32x4_trunc_sat_f64x2_s_zero)
    V_UNARY(i32x4_trunc_sat_f64x2_u_zero)
    V_UNARY(f64x2_convert_low_i32x4_s)
    V_UNARY(f64x2_convert_low_i32x4_u)

#if MOTE_WITH_RELAXED_SIMD
    V_BINARY(i8x16_relaxed_swizzle)
    V_UNARY(i32x4_relaxed_trunc_f32x4_s)
    V_UNARY(i32x4_relaxed_trunc_f32x4_u)
    V_UNARY(i32x4_relaxed_trunc_f64x2_s_zero)
    V_UNARY(i32x4_relaxed_trunc_f64x2_u_zero)
    V_TERNARY(f32x4_relaxed_madd)
    V_TERNARY(f32x4_relaxed_nmadd)
    V_TERNARY(f64x2_relaxed_madd)
    V_TERNARY(f64x2_relaxed_nmadd)
    V_TERNARY(i8x16_relaxed_laneselect)
    V_TERNARY(i16x8_relaxed_laneselect)
    V_TERNARY(i32x4_relaxed_laneselect)
    V_TERNARY(i64x2_relaxed_laneselect)
    V_BINARY(f32x4_relaxed_min)
    V_BINARY(f32x4_relaxed_max)
    V_BINARY(f64x2_relaxed_min)
    V_BINARY(f64x2_relaxed_max)
    V_BINARY(i16x8_relaxed_q15mulr_s)
    V_BINARY(i16x8_relaxed_dot_i8x16_i7x16_s)
    V_TERNARY(i32x4_relaxed_dot_i8x16_i7x16_add_s)
#endif

#undef V_ACCESS
#undef V_LOAD
#undef V_STORE
#undef V_LOAD_LANE
#undef V_STORE_LANE
#undef V_SPLAT
#undef V_EXTRACT
#undef V_REPLACE
#undef V_TEST
#undef V_UNARY
#undef V_BINARY
#undef V_SHIFT
#undef V_TERNARY
/* clang-format on */
