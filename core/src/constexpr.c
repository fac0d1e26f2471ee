/* constexpr.c -- validating constant expressions (constexpr.h); their
 * evaluation is constexpr_eval.c. */
#include "constexpr.h"

#include "compile.h"
#include "error.h"
#include "syntax.h"
#include "types.h"

#define MOTE_MSG_TAG "k" /* this file's message codes (error.h) */

static mote_status bad(mote_error *err, const reader *r, mote_status st, msg_t what)
{
    error_setf(err, st, "+0x%x: %m", rd_offset(r), what);
    err->offset = rd_offset(r);
    return st;
}

/* ref.null's immediate: a heap type. */
static mote_status ref_null_type(const mote_module *m, reader *r, vtype *out, mote_error *err)
{
    type_reader tr = types_reader(m);
    uint32_t heap, index;
    mote_status st = types_read_heap(&tr, r, &heap, &index);
    if (st == MOTE_ERR_UNSUPPORTED)
        return feature_unsupported(err, tr.group, rd_offset(r));
    if (st != MOTE_OK)
        return bad(err, r, st, st == MOTE_ERR_MALFORMED ? r->err : tr.why);
    *out = vt_ref(true, heap, index);
    return MOTE_OK;
}

/* May a constant expression read global g? */
static bool global_visible(const mote_module *m, uint32_t g, uint32_t visible_globals)
{
    if (g >= visible_globals)
        return false;
    return g < m->nglobal_imports || (m->features & MOTE_FEATURE_FUNCTION_REFERENCES);
}

mote_status const_validate(const mote_module *m, reader *r, vtype want, uint32_t visible_globals,
                           uint8_t *declared, mote_error *err)
{
    vtype stack[MAX_CONST_EXPR_DEPTH];
    uint32_t depth = 0;
    bool extended = (m->features & MOTE_FEATURE_EXTENDED_CONST) != 0;
    for (;;) {
        wasm_op op;
        uint32_t prefix, code;
        if (rd_left(r) == 0)
            return bad(err, r, MOTE_ERR_MALFORMED, MSG("unexpected end of constant expression"));
        /* A group left out is refused at its instruction's first byte, as
         * the compiler does (c->op_offset); other errors where reading stopped. */
        uint32_t op_at = rd_offset(r);
        if (!syntax_read_op(r, m->features, &op, &prefix, &code))
            return bad(err, r, MOTE_ERR_MALFORMED, r->err);
        vtype type = 0;
        switch (op) {
        case WASM_end:
            if (depth != 1 || !types_sub(stack[0], want))
                return bad(err, r, MOTE_ERR_INVALID, MSG("type mismatch in constant expression"));
            return MOTE_OK;
        case WASM_i32_const: {
            int64_t v;
            if (!rd_sleb(r, 32, &v))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            type = MOTE_I32;
            break;
        }
        case WASM_i64_const: {
            int64_t v;
            if (!rd_sleb(r, 64, &v))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            type = MOTE_I64;
            break;
        }
        case WASM_f32_const:
        case WASM_f64_const: {
            const uint8_t *b;
            if (!rd_bytes(r, op == WASM_f32_const ? 4 : 8, &b))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            type = op == WASM_f32_const ? MOTE_F32 : MOTE_F64;
            break;
        }
        case WASM_v128_const: {
            const uint8_t *b;
            if (!rd_bytes(r, 16, &b))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            type = MOTE_V128;
            break;
        }
        case WASM_ref_null: TRY(ref_null_type(m, r, &type, err)); break;
        case WASM_ref_func: {
            uint32_t f;
            if (!rd_u32(r, &f))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            if (f >= m->nfuncs)
                return bad(err, r, MOTE_ERR_INVALID, MSG("unknown function"));
            declared[f] = 1;
            type = vt_ref(false, HT_CONCRETE, MOD_TYPES(m)[MOD_FUNCS(m)[f].type].canon);
            break;
        }
        case WASM_global_get: {
            uint32_t g;
            if (!rd_u32(r, &g))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            if (!global_visible(m, g, visible_globals))
                return bad(err, r, MOTE_ERR_INVALID, MSG("unknown global"));
            const mod_global *gl = &MOD_GLOBALS(m)[g];
            if (gl->mutable_)
                return bad(err, r, MOTE_ERR_INVALID, MSG("constant expression required"));
            type = gl->type;
            break;
        }
        case WASM_i32_add:
        case WASM_i32_sub:
        case WASM_i32_mul:
        case WASM_i64_add:
        case WASM_i64_sub:
        case WASM_i64_mul: {
            if (!extended)
                return bad(err, r, MOTE_ERR_INVALID, MSG("constant expression required"));
            if (!feature_built(FG_EXTENDED_CONST))
                return feature_unsupported(err, FG_EXTENDED_CONST, op_at);
            vtype t = op <= WASM_i32_mul ? MOTE_I32 : MOTE_I64;
            if (depth < 2 || stack[depth - 1] != t || stack[depth - 2] != t)
                return bad(err, r, MOTE_ERR_INVALID, MSG("type mismatch in constant expression"));
            depth--;
            continue;
        }
        default:
            /* Without SIMD every 0xFD instruction, v128.const too, is a
             * stand-in (wasm_ops.h). */
            if (!MOTE_WITH_SIMD && op >= WASM_FD_FIRST_)
                return feature_unsupported(err, wasm_op_group(op), op_at);
            return bad(err, r, MOTE_ERR_INVALID, MSG("constant expression required"));
        }
        if (depth == MAX_CONST_EXPR_DEPTH)
            return bad(err, r, MOTE_ERR_LIMIT, MSG("constant expression too deep"));
        stack[depth++] = type;
    }
}

void const_skip(reader *r, uint32_t features)
{
    wasm_op op;
    uint32_t prefix, code;
    do {
        if (!syntax_read_op(r, features, &op, &prefix, &code) ||
            !syntax_skip_immediates(r, wasm_op_imm(op), features))
            return;
    } while (op != WASM_end);
}
