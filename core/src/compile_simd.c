/*
 * compile_simd.c -- the SIMD instructions whose shape compile_numeric()
 * does not cover: memory accesses, v128.const, shuffles, lanes, shifts
 * and three-operand ops, plus moving v128 values.  Lanewise unary and
 * binary ops, splats and the v128 -> i32 tests are plain numeric rows
 * (compile_rows.c).
 *
 * A v128 on the operand stack is always in a home or a local (never a
 * K_CONST: v128.const writes its home), and takes two slots, so a result
 * written to the first operand's home never overlaps a later operand's
 * home; the handlers read every operand before writing anyway.
 */
#include "compile.h"

#define MOTE_MSG_TAG "cs" /* this file's message codes (error.h) */

#if MOTE_WITH_SIMD

void compile_simd_move(compiler *c, uint16_t dst, const cval *v)
{
    uint16_t src = v->kind == K_LOCAL ? v->src : v->home;
    if (src != dst)
        compile_emit_da(c, OP_copy_v128, dst, src);
}

/* A lane index immediate below `lanes`. */
static mote_status read_lane(compiler *c, uint32_t lanes, uint8_t *lane)
{
    if (!rd_byte(&c->r, lane))
        return compile_fail_read(c);
    if (*lane >= lanes)
        return compile_fail(c, MOTE_ERR_INVALID, "invalid lane index %u", *lane);
    return MOTE_OK;
}

static void emit_bytes16(compiler *c, const uint8_t *b)
{
    for (int i = 0; i < 4; i++)
        compile_emit_word(c, (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 |
                                 (uint32_t)b[4 * i + 2] << 16 | (uint32_t)b[4 * i + 3] << 24);
}

/* ---- memory --------------------------------------------------------------------- */

/*
 * Every SIMD access takes the general form of the scalar _m ops, whatever
 * the memory: [op][d|a][mem][lo][hi], then [v|lane] or [lane] for the lane
 * forms.  SIMD code is not what the fast memory-0 forms are for, and one
 * form per op keeps the SIMD handlers few.
 */

/* Reads the memarg (and a lane index when lane is not NULL), pops the
 * vector operand (has_vec) and the address (i64 for memory64), and emits
 * [op][d|a][mem][lo][hi] plus the lane forms' last word.  d is the
 * address's home for a load, the vector for a store. */
static mote_status emit_access(compiler *c, const crow *row, bool load, bool has_vec, uint8_t *lane)
{
    uint32_t index = 0;
    uint64_t offset = 0;
    cval vec, addr;
    TRY(compile_read_memarg(c, row->arg, &index, &offset));
    if (lane)
        TRY(read_lane(c, 16u >> row->arg, lane));
    if (has_vec)
        TRY(compile_pop(c, MOTE_V128, &vec));
    TRY(compile_pop(c, compile_memory_is64(c, index) ? MOTE_I64 : MOTE_I32, &addr));
    uint16_t a = compile_operand(c, &addr);
    uint16_t vs = has_vec ? compile_operand(c, &vec) : 0;
    uint16_t first = load ? addr.home : vs;
    compile_emit_op(c, (op)row->op);
    if (load)
        compile_note_dst(c, first);
    compile_emit_word(c, (uint32_t)first | (uint32_t)a << 16);
    compile_emit_word(c, index);
    compile_emit_word(c, (uint32_t)offset);
    compile_emit_word(c, (uint32_t)(offset >> 32));
    if (lane)
        compile_emit_word(c, load ? (uint32_t)vs | (uint32_t)*lane << 16 : *lane);
    return MOTE_OK;
}

/* [op][d|a][mem][lo][hi]; arg: log2 of the natural alignment */
COMPILE_FN(compile_simd_load)
{
    TRY(emit_access(c, row, true, false, NULL));
    return compile_push_temp(c, MOTE_V128);
}

/* [op][v|a][mem][lo][hi] */
COMPILE_FN(compile_simd_store)
{
    return emit_access(c, row, false, true, NULL);
}

/* [op][d|a][mem][lo][hi][v|lane]; arg: log2 of the lane size */
COMPILE_FN(compile_simd_load_lane)
{
    uint8_t lane = 0;
    TRY(emit_access(c, row, true, true, &lane));
    return compile_push_temp(c, MOTE_V128);
}

/* [op][v|a][mem][lo][hi][lane] */
COMPILE_FN(compile_simd_store_lane)
{
    uint8_t lane = 0;
    return emit_access(c, row, false, true, &lane);
}

/* ---- constants and shuffles ---------------------------------------------------------- */

/* [op][d][w0][w1][w2][w3] */
COMPILE_FN(compile_v128_const)
{
    (void)row;
    const uint8_t *b;
    if (!rd_bytes(&c->r, 16, &b))
        return compile_fail_read(c);
    uint16_t d = compile_home_at(c, c->nvals);
    compile_emit_op(c, OP_v128_const);
    compile_note_dst(c, d);
    compile_emit_word(c, d);
    emit_bytes16(c, b);
    return compile_push_temp(c, MOTE_V128);
}

/* [op][d|a][b][lanes 0-3]...[lanes 12-15] */
COMPILE_FN(compile_i8x16_shuffle)
{
    (void)row;
    const uint8_t *lanes;
    cval a, b;
    if (!rd_bytes(&c->r, 16, &lanes))
        return compile_fail_read(c);
    for (int i = 0; i < 16; i++)
        if (lanes[i] >= 32)
            return compile_fail(c, MOTE_ERR_INVALID, "invalid lane index %u", lanes[i]);
    TRY(compile_pop(c, MOTE_V128, &b));
    TRY(compile_pop(c, MOTE_V128, &a));
    uint16_t as = compile_operand(c, &a), bs = compile_operand(c, &b);
    compile_emit_dab(c, OP_i8x16_shuffle, a.home, as, bs);
    emit_bytes16(c, lanes);
    return compile_push_temp(c, MOTE_V128);
}

/* ---- lanes ----------------------------------------------------------------------------- */

/* [op][d|a][lane] */
COMPILE_FN(compile_simd_extract)
{
    uint8_t lane = 0;
    cval a;
    TRY(read_lane(c, row->arg, &lane));
    TRY(compile_pop(c, MOTE_V128, &a));
    uint16_t as = compile_operand(c, &a);
    compile_emit_dai(c, (op)row->op, a.home, as, lane);
    return compile_push_temp(c, row->out);
}

/* [op][d|a][b|lane] */
COMPILE_FN(compile_simd_replace)
{
    uint8_t lane = 0;
    cval a, b;
    TRY(read_lane(c, row->arg, &lane));
    TRY(compile_pop(c, row->in, &b));
    TRY(compile_pop(c, MOTE_V128, &a));
    uint16_t as = compile_operand(c, &a), bs = compile_operand(c, &b);
    compile_emit_dai(c, (op)row->op, a.home, as, (uint32_t)bs | (uint32_t)lane << 16);
    return compile_push_temp(c, MOTE_V128);
}

/* v128 x i32 -> v128: [op][d|a][b] */
COMPILE_FN(compile_simd_shift)
{
    cval a, b;
    TRY(compile_pop(c, MOTE_I32, &b));
    TRY(compile_pop(c, MOTE_V128, &a));
    uint16_t as = compile_operand(c, &a), bs = compile_operand(c, &b);
    compile_emit_dab(c, (op)row->op, a.home, as, bs);
    return compile_push_temp(c, MOTE_V128);
}

/* v128 x v128 x v128 -> v128: [op][d|a][b|c] */
COMPILE_FN(compile_simd_ternary)
{
    cval a, b, x;
    TRY(compile_pop(c, MOTE_V128, &x));
    TRY(compile_pop(c, MOTE_V128, &b));
    TRY(compile_pop(c, MOTE_V128, &a));
    uint16_t as = compile_operand(c, &a), bs = compile_operand(c, &b), xs = compile_operand(c, &x);
    compile_emit_dai(c, (op)row->op, a.home, as, (uint32_t)bs | (uint32_t)xs << 16);
    return compile_push_temp(c, MOTE_V128);
}

#endif /* MOTE_WITH_SIMD */
