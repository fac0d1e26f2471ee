/* constexpr.c -- see constexpr.h. */
#include "constexpr.h"

#include "compile.h"
#include "error.h"
#include "syntax.h"

static mote_status bad(mote_error *err, const reader *r, mote_status st, const char *what)
{
    error_set(err, st, "+0x%x: %s", rd_offset(r), what);
    err->offset = rd_offset(r);
    return st;
}

mote_status const_validate(const mote_module *m, reader *r, uint8_t want, uint32_t visible_globals,
                           uint8_t *declared, mote_error *err)
{
    uint8_t stack[MAX_CONST_EXPR_DEPTH];
    uint32_t depth = 0;
    bool extended = (m->features & MOTE_FEATURE_EXTENDED_CONST) != 0;
    for (;;) {
        uint8_t op;
        if (!rd_byte(r, &op))
            return bad(err, r, MOTE_ERR_MALFORMED, "unexpected end of constant expression");
        uint8_t type = 0;
        switch (op) {
        case 0x0B:
            if (depth != 1 || stack[0] != want)
                return bad(err, r, MOTE_ERR_INVALID, "type mismatch in constant expression");
            return MOTE_OK;
        case 0x41: {
            int64_t v;
            if (!rd_sleb(r, 32, &v))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            type = MOTE_I32;
            break;
        }
        case 0x42: {
            int64_t v;
            if (!rd_sleb(r, 64, &v))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            type = MOTE_I64;
            break;
        }
        case 0x43:
        case 0x44: {
            const uint8_t *b;
            if (!rd_bytes(r, op == 0x43 ? 4 : 8, &b))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            type = op == 0x43 ? MOTE_F32 : MOTE_F64;
            break;
        }
        case 0xD0:
            if (!rd_byte(r, &type))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            if (!is_reftype(type))
                return bad(err, r, MOTE_ERR_MALFORMED, "malformed reference type");
            break;
        case 0xD2: {
            uint32_t f;
            if (!rd_u32(r, &f))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            if (f >= m->nfuncs)
                return bad(err, r, MOTE_ERR_INVALID, "unknown function");
            declared[f] = 1;
            type = MOTE_FUNCREF;
            break;
        }
        case 0x23: {
            uint32_t g;
            if (!rd_u32(r, &g))
                return bad(err, r, MOTE_ERR_MALFORMED, r->err);
            if (g >= visible_globals || g >= m->nglobal_imports)
                return bad(err, r, MOTE_ERR_INVALID, "unknown global");
            const mod_global *gl = &MOD_GLOBALS(m)[g];
            if (gl->mutable_)
                return bad(err, r, MOTE_ERR_INVALID, "constant expression required");
            type = gl->type;
            break;
        }
        case 0x6A: case 0x6B: case 0x6C:
        case 0x7C: case 0x7D: case 0x7E: {
            if (!extended)
                return bad(err, r, MOTE_ERR_INVALID, "constant expression required");
            uint8_t t = op <= 0x6C ? MOTE_I32 : MOTE_I64;
            if (depth < 2 || stack[depth - 1] != t || stack[depth - 2] != t)
                return bad(err, r, MOTE_ERR_INVALID, "type mismatch in constant expression");
            depth--;
            continue;
        }
        default:
            if (!opcode_exists(op))
                return bad(err, r, MOTE_ERR_MALFORMED, "illegal opcode");
            return bad(err, r, MOTE_ERR_INVALID, "constant expression required");
        }
        if (depth == MAX_CONST_EXPR_DEPTH)
            return bad(err, r, MOTE_ERR_LIMIT, "constant expression too deep");
        stack[depth++] = type;
    }
}

mote_slot const_eval(mote_instance *inst, uint32_t at)
{
    const mote_module *m = inst->module;
    reader r = {m->wasm + at, m->wasm + m->wasm_len, m->wasm, NULL};
    mote_slot stack[MAX_CONST_EXPR_DEPTH];
    uint32_t depth = 0;
    for (;;) {
        uint8_t op = 0;
        rd_byte(&r, &op);
        mote_slot v;
        v.u64 = 0;
        switch (op) {
        case 0x0B:
            return stack[0];
        case 0x41: {
            int64_t x = 0;
            rd_sleb(&r, 32, &x);
            v.u64 = (uint32_t)(int32_t)x;
            break;
        }
        case 0x42: {
            int64_t x = 0;
            rd_sleb(&r, 64, &x);
            v.i64 = x;
            break;
        }
        case 0x43: {
            uint32_t x = 0;
            rd_u32_le(&r, &x);
            v.u32 = x;
            break;
        }
        case 0x44:
            rd_u64_le(&r, &v.u64);
            break;
        case 0xD0:
            r.p++;
            v.ref = NULL;
            break;
        case 0xD2: {
            uint32_t f = 0;
            rd_u32(&r, &f);
            v.func = instance_func(inst, f);
            break;
        }
        case 0x23: {
            uint32_t g = 0;
            rd_u32(&r, &g);
            v = ((mote_global *)inst->globals[g].p)->value;
            break;
        }
        default: {      /* extended-const arithmetic */
            mote_slot b = stack[--depth], a = stack[--depth];
            switch (op) {
            case 0x6A: v.u64 = (uint32_t)(a.u32 + b.u32); break;
            case 0x6B: v.u64 = (uint32_t)(a.u32 - b.u32); break;
            case 0x6C: v.u64 = (uint32_t)(a.u32 * b.u32); break;
            case 0x7C: v.u64 = a.u64 + b.u64; break;
            case 0x7D: v.u64 = a.u64 - b.u64; break;
            default: v.u64 = a.u64 * b.u64; break;
            }
            break;
        }
        }
        stack[depth++] = v;
    }
}

void const_skip(reader *r)
{
    uint8_t op = 0x0B;
    do {
        if (!rd_byte(r, &op))
            return;
        if (op == 0x41 || op == 0x42) {
            int64_t x;
            rd_sleb(r, 64, &x);
        } else if (op == 0x43 || op == 0x44) {
            const uint8_t *b;
            rd_bytes(r, op == 0x43 ? 4 : 8, &b);
        } else if (op == 0xD0) {
            uint8_t t;
            rd_byte(r, &t);
        } else if (op == 0xD2 || op == 0x23) {
            uint32_t x;
            rd_u32(r, &x);
        }
    } while (op != 0x0B);
}
