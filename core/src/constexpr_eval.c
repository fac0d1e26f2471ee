/*
 * constexpr_eval.c -- evaluating constant expressions at instantiation
 * (constexpr.h).  Apart from their validation (constexpr.c), which needs
 * the decoder's opcode tables: a firmware that only attaches precompiled
 * images links this file and not those.
 */
#include "constexpr.h"

#include "wasm_ops.h"

/* The expressions were validated (const_validate), and their instructions
 * are all one byte (v128.const aside): the evaluators switch on the byte
 * itself, with no opcode table. */
mote_slot const_eval(mote_instance *inst, uint32_t at)
{
    const mote_module *m = inst->module;
    reader r = {m->wasm + at, m->wasm + m->wasm_len, m->wasm, 0};
    return const_eval_read(inst, &r);
}

mote_slot const_eval_read(mote_instance *inst, reader *rd)
{
    reader r = *rd;
    mote_slot stack[MAX_CONST_EXPR_DEPTH];
    uint32_t depth = 0;
    for (;;) {
        uint8_t op = WASM_BYTE_end;
        rd_byte(&r, &op);
        mote_slot v;
        v.u64 = 0;
        switch (op) {
        case WASM_BYTE_end: *rd = r; return stack[0];
        case WASM_BYTE_i32_const: {
            int64_t x = 0;
            rd_sleb(&r, 32, &x);
            v.u64 = (uint32_t)(int32_t)x;
            break;
        }
        case WASM_BYTE_i64_const: {
            int64_t x = 0;
            rd_sleb(&r, 64, &x);
            v.i64 = x;
            break;
        }
        case WASM_BYTE_f32_const: {
            uint32_t x = 0;
            rd_u32_le(&r, &x);
            v.u32 = x;
            break;
        }
        case WASM_BYTE_f64_const: rd_u64_le(&r, &v.u64); break;
        case WASM_BYTE_ref_null: {
            int64_t heap;
            rd_sleb(&r, 33, &heap);
            v.ref = NULL;
            break;
        }
        case WASM_BYTE_ref_func: {
            uint32_t f = 0;
            rd_u32(&r, &f);
            v.func = instance_func(inst, f);
            break;
        }
        case WASM_BYTE_global_get: {
            uint32_t g = 0;
            rd_u32(&r, &g);
            v = ((mote_global *)inst->globals[g].p)->value;
            break;
        }
        default: { /* extended-const arithmetic */
            /* Not reached without the group: const_validate refused every
             * other instruction.  The test lets the arithmetic fold away. */
            if (!MOTE_WITH_EXTENDED_CONST)
                return v;
            mote_slot b = stack[--depth], a = stack[--depth];
            switch (op) {
            case WASM_BYTE_i32_add: v.u64 = (uint32_t)(a.u32 + b.u32); break;
            case WASM_BYTE_i32_sub: v.u64 = (uint32_t)(a.u32 - b.u32); break;
            case WASM_BYTE_i32_mul: v.u64 = (uint32_t)(a.u32 * b.u32); break;
            case WASM_BYTE_i64_add: v.u64 = a.u64 + b.u64; break;
            case WASM_BYTE_i64_sub: v.u64 = a.u64 - b.u64; break;
            default: v.u64 = a.u64 * b.u64; break;
            }
            break;
        }
        }
        stack[depth++] = v;
    }
}

void const_eval_v128(mote_instance *inst, uint32_t at, mote_slot *lo, mote_slot *hi)
{
    const mote_module *m = inst->module;
    reader r = {m->wasm + at, m->wasm + m->wasm_len, m->wasm, 0};
    uint8_t op = 0;
    rd_byte(&r, &op);
    if (op == WASM_BYTE_global_get) {
        uint32_t g = 0;
        rd_u32(&r, &g);
        const mote_global *src = (const mote_global *)inst->globals[g].p;
        *lo = src->value;
        *hi = src->value_hi;
        return;
    }
    uint32_t code = 0;
    rd_u32(&r, &code); /* 0xFD was read: v128.const's sub-opcode */
    rd_u64_le(&r, &lo->u64);
    rd_u64_le(&r, &hi->u64);
}
