/*
 * compile.c -- the compiler's machinery: errors, the two stacks, emission,
 * moving values home, and the per-function driver.  The instructions
 * themselves are in compile_control.c and compile_ops.c.
 */
#include "compile.h"
#include "syntax.h"

#include <stdarg.h>
#include <string.h>

#include "arena.h"
#include "error.h"

#define MOTE_MSG_TAG "c" /* this file's message codes (error.h) */

mote_status compile_failf(compiler *c, mote_status st, const char *fmt, ...)
{
    char msg[150];
    va_list ap;
    va_start(ap, fmt);
    error_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    error_setf(c->err, st, "func %u +0x%x: %s", c->func, c->op_offset, msg);
    c->err->func = c->func;
    c->err->offset = c->op_offset;
    return st;
}

#if !MOTE_WITH_MESSAGES
mote_status compile_fail_msg(compiler *c, mote_status st, msg_t msg)
{
    return compile_failf(c, st, "%m", msg);
}
#endif

mote_status compile_fail_read(compiler *c)
{
    return compile_failf(c, MOTE_ERR_MALFORMED, "%m", c->r.err ? c->r.err : MSG_UNEXPECTED_END);
}

mote_status compile_type_mismatch(compiler *c, vtype want, vtype got)
{
    char a[24], b[24];
    return compile_fail(c, MOTE_ERR_INVALID, "type mismatch: expected %s, got %s",
                        types_name(want, a), types_name(got, b));
}

mote_status compile_read_valtype(compiler *c, vtype *out)
{
    type_reader tr = types_reader(c->m);
    mote_status st = types_read_valtype(&tr, &c->r, out);
    if (st == MOTE_OK)
        return MOTE_OK;
    if (st == MOTE_ERR_UNSUPPORTED)
        return feature_unsupported(c->err, tr.group, c->op_offset);
    return compile_failf(c, st, "%m", st == MOTE_ERR_MALFORMED ? c->r.err : tr.why);
}

/* ---- scratch memory ------------------------------------------------------ */

static void update_cap(compiler *c)
{
    if (!c->code)
        return;
    size_t start = (size_t)((uint8_t *)c->code - c->arena->base);
    size_t room = c->arena->top > start ? c->arena->top - start : 0;
    c->cap = (uint32_t)(room / 4 > 0x7FFFFFFF ? 0x7FFFFFFF : room / 4);
}

/* Scratch that stays clear of the code this function has written so far.
 * When the two ends meet, the function's code is given up (compilation goes
 * on counting words only, so the loader can still say what it needs) and
 * its space serves as scratch. */
static void *scratch_alloc(compiler *c, uint64_t n)
{
    mote_arena *a = c->arena;
    n = align_up64(n);
    size_t floor = a->bottom + (c->code ? (size_t)c->pos * 4 + 8 : 0); /* pos < cap: fits */
    if (a->top < floor || a->top - floor < n) {
        if (!c->code || a->top - a->bottom < n)
            return NULL;
        c->code = NULL;
        c->overflow = true;
    }
    void *p = arena_scratch(a, n);
    update_cap(c);
    return p;
}

bool compile_grow(compiler *c, void **arr, uint32_t *cap, size_t elem)
{
    uint64_t ncap = *cap ? (uint64_t)*cap * 2 : 16;
    if (ncap > UINT32_MAX)
        return false;
    void *n = scratch_alloc(c, ncap * elem);
    if (!n)
        return false;
    if (*cap)
        memcpy(n, *arr, (size_t)*cap * elem);
    *arr = n;
    *cap = (uint32_t)ncap;
    return true;
}

/* ---- the operand stack ---------------------------------------------------- */

uint16_t compile_home_at(const compiler *c, uint32_t index)
{
    if (index == 0)
        return c->temps_base;
    const cval *below = &c->vals[index - 1];
    return (uint16_t)(below->home + 8 * valtype_slots(below->type));
}

mote_status compile_push(compiler *c, vtype type, uint8_t kind, uint16_t src, uint64_t k)
{
    if (c->nvals == c->vals_cap &&
        !compile_grow(c, (void **)&c->vals, &c->vals_cap, sizeof(cval))) {
        return compile_fail(c, MOTE_ERR_NO_MEMORY, "out of arena space for the operand stack");
    }
    uint32_t home = compile_home_at(c, c->nvals);
    uint32_t end = home + 8 * valtype_slots(type);
    if (end > MAX_FRAME_SLOTS * 8) {
        return compile_fail(c, MOTE_ERR_LIMIT,
                            "frame too large: locals and operands exceed %u slots",
                            MAX_FRAME_SLOTS);
    }
    if (end > c->frame_end)
        c->frame_end = end;
    cval *v = &c->vals[c->nvals++];
    v->type = type;
    v->kind = kind;
    v->home = (uint16_t)home;
    v->src = src;
    v->k = k;
    if (kind_is_lazy(kind))
        c->nlazy++;
    return MOTE_OK;
}

/* Pushes the result an instruction has just written to its home. */
mote_status compile_push_temp(compiler *c, vtype type)
{
    return compile_push(c, type, K_TEMP, 0, 0);
}

cframe *compile_frame_at(compiler *c, uint32_t depth)
{
    return &c->ctrl[c->nctrl - 1 - depth];
}

mote_status compile_pop(compiler *c, vtype want, cval *out)
{
    cframe *f = compile_frame_at(c, 0);
    if (c->nvals == f->height) {
        if (!f->unreachable) {
            char n[24];
            return compile_fail(c, MOTE_ERR_INVALID,
                                "type mismatch: expected %s, but the stack is empty",
                                want ? types_name(want, n) : "a value");
        }
        out->type = 0; /* unknown: anything goes */
        out->kind = K_TEMP;
        out->home = compile_home_at(c, c->nvals);
        out->src = 0;
        out->k = 0;
        return MOTE_OK;
    }
    /* Field by field: a struct assignment is a memcpy call on RV32 at -Os,
     * and a byte loop in picolibc's small memcpy. */
    const cval *v = &c->vals[--c->nvals];
    out->type = v->type;
    out->kind = v->kind;
    out->home = v->home;
    out->src = v->src;
    out->k = v->k;
    if (kind_is_lazy(out->kind))
        c->nlazy--;
    if (out->type != want && !types_sub(out->type, want)) /* equal: the common case */
        return compile_type_mismatch(c, want, out->type);
    return MOTE_OK;
}

/* Checks the value `depth` below the top without popping it. */
mote_status compile_peek(compiler *c, uint32_t depth, vtype want)
{
    cframe *f = compile_frame_at(c, 0);
    if (c->nvals < f->height + depth + 1) {
        char n[24];
        if (f->unreachable)
            return MOTE_OK;
        return compile_fail(c, MOTE_ERR_INVALID,
                            "type mismatch: expected %s, but the stack is empty",
                            types_name(want, n));
    }
    vtype t = c->vals[c->nvals - 1 - depth].type;
    if (t != want && !types_sub(t, want))
        return compile_type_mismatch(c, want, t);
    return MOTE_OK;
}

void compile_set_unreachable(compiler *c)
{
    cframe *f = compile_frame_at(c, 0);
    while (c->nvals > f->height) {
        if (kind_is_lazy(c->vals[c->nvals - 1].kind))
            c->nlazy--;
        c->nvals--;
    }
    f->unreachable = 1;
    c->live = false;
    compile_forget_dst(c);
}

/* ---- emission ------------------------------------------------------------ */

void compile_emit_word(compiler *c, uint32_t w)
{
    if (!c->live)
        return;
    if (c->code) {
        if (c->pos < c->cap) {
            c->code[c->pos] = w;
        } else {
            c->code = NULL; /* out of arena: count from here on */
            c->overflow = true;
        }
    }
    c->pos++;
}

void compile_emit_op(compiler *c, op o)
{
    if (!c->live)
        return;
    if (c->locate >= 0 && !c->first_pass && (int64_t)(c->base + c->pos) <= c->locate)
        c->located = c->op_offset;
    c->cmp.pos = -1;
    c->bin.pos = -1;
    c->last_dst = -1;
    c->last_copy = -1;
    /* An op of a group left out of the build has no handler: the loader
     * refuses the group's instructions before they get here, and if one
     * ever did, it traps as unreachable rather than reading past the
     * table. */
    compile_emit_word(c, (uint32_t)c->handlers[o < OP_COUNT_ ? o : OP_unreachable]);
}

/* Remembers that the instruction just started writes only slot `home`, and
 * that its d operand is in the word about to be emitted. */
void compile_note_dst(compiler *c, uint16_t home)
{
    if (!c->live)
        return;
    c->last_dst = (int32_t)c->pos;
    c->last_dst_home = home;
}

void compile_forget_dst(compiler *c)
{
    c->last_dst = -1;
    c->cmp.pos = -1;
    c->bin.pos = -1;
    c->addi.pos = -1;
    c->last_copy = -1;
}

/* Two copies in a row become one copy2 (the pair still runs in order). */
static bool merge_copy(compiler *c, uint16_t d, uint16_t a)
{
    if (c->last_copy < 0 || c->last_copy + 2 != (int32_t)c->pos)
        return false;
    if (c->code)
        c->code[c->last_copy] = (uint32_t)c->handlers[OP_copy2];
    c->last_copy = -1;
    c->cmp.pos = -1;
    compile_note_dst(c, d);
    compile_emit_word(c, (uint32_t)d | (uint32_t)a << 16);
    return true;
}

void compile_emit_da(compiler *c, op o, uint16_t d, uint16_t a)
{
    if (o == OP_copy && c->live) {
        if (merge_copy(c, d, a))
            return;
        int32_t at = (int32_t)c->pos;
        compile_emit_op(c, o);
        compile_note_dst(c, d);
        compile_emit_word(c, (uint32_t)d | (uint32_t)a << 16);
        c->last_copy = at;
        return;
    }
    compile_emit_op(c, o);
    compile_note_dst(c, d);
    compile_emit_word(c, (uint32_t)d | (uint32_t)a << 16);
}

void compile_emit_dab(compiler *c, op o, uint16_t d, uint16_t a, uint16_t b)
{
    compile_emit_op(c, o);
    compile_note_dst(c, d);
    compile_emit_word(c, (uint32_t)d | (uint32_t)a << 16);
    compile_emit_word(c, b);
}

void compile_emit_dai(compiler *c, op o, uint16_t d, uint16_t a, uint32_t imm)
{
    compile_emit_op(c, o);
    compile_note_dst(c, d);
    compile_emit_word(c, (uint32_t)d | (uint32_t)a << 16);
    compile_emit_word(c, imm);
}

static void emit_const(compiler *c, uint16_t dst, vtype type, uint64_t k)
{
    if (type == MOTE_I32 || type == MOTE_F32) {
        compile_emit_op(c, OP_const32);
        compile_note_dst(c, dst);
        compile_emit_word(c, dst);
        compile_emit_word(c, (uint32_t)k);
    } else {
        compile_emit_op(c, OP_const64);
        compile_note_dst(c, dst);
        compile_emit_word(c, dst);
        compile_emit_word(c, (uint32_t)k);
        compile_emit_word(c, (uint32_t)(k >> 32));
    }
}

#define MAX_CONST_SLOTS 64u

/* The slot holding constant v (first pass: claims one), or false when the
 * constant must be written by an instruction instead. */
static bool const_slot(compiler *c, const cval *v, uint16_t *slot)
{
    uint64_t bits = valtype_slots(v->type) == 1 && v->type != MOTE_I64 && v->type != MOTE_F64 &&
                            !vt_is_ref(v->type)
                        ? (uint32_t)v->k
                        : v->k;
    for (uint32_t i = 0; i < c->nk; i++) {
        if (c->kvals[i] == bits) {
            *slot = (uint16_t)(c->kbase + 8 * i);
            return true;
        }
    }
    if (c->kfrozen || !c->kvals || c->nk == MAX_CONST_SLOTS)
        return false;
    c->kvals[c->nk] = bits;
    *slot = (uint16_t)(c->kbase + 8 * c->nk++);
    return true;
}

/* Writes the value v into slot dst without changing what the stack thinks. */
void compile_emit_move(compiler *c, uint16_t dst, const cval *v)
{
    uint16_t ks;
    if (valtype_slots(v->type) == 2) { /* a v128: in a local or a home */
        compile_simd_move(c, dst, v);
        return;
    }
    switch (v->kind) {
    case K_CONST:
        if (const_slot(c, v, &ks))
            compile_emit_da(c, OP_copy, dst, ks);
        else
            emit_const(c, dst, v->type, v->k);
        break;
    case K_LOCAL:
        if (v->src != dst)
            compile_emit_da(c, OP_copy, dst, v->src);
        break;
    case K_ADD2: {
        int32_t at = (int32_t)c->pos;
        compile_emit_dab(c, OP_i32_add, dst, v->src, (uint16_t)v->k);
        if (c->live) { /* a load through dst may still absorb it */
            c->bin.pos = at;
            c->bin.op = OP_i32_add;
            c->bin.d = dst;
            c->bin.a = v->src;
            c->bin.b = (uint16_t)v->k;
        }
        break;
    }
    case K_ADDK: {
        int32_t at = (int32_t)c->pos;
        compile_emit_dai(c, OP_i32_add_i, dst, v->src, (uint32_t)v->k);
        if (c->live) {
            c->addi.pos = at;
            c->addi.d = dst;
            c->addi.a = v->src;
            c->addi.k = (uint32_t)v->k;
        }
        break;
    }
    default:
        if (v->home != dst)
            compile_emit_da(c, OP_copy, dst, v->home);
        break;
    }
}

/* Brings stack entry `index` into its home slot. */
void compile_materialize(compiler *c, uint32_t index)
{
    cval *v = &c->vals[index];
    if (v->kind == K_TEMP)
        return;
    compile_emit_move(c, v->home, v);
    if (kind_is_lazy(v->kind))
        c->nlazy--;
    v->kind = K_TEMP;
}

/* Before local `slot` changes: entries still reading it get their own copy. */
void compile_materialize_local(compiler *c, uint16_t slot)
{
    if (c->nlazy == 0)
        return;
    for (uint32_t i = 0; i < c->nvals; i++)
        if (kind_is_lazy(c->vals[i].kind) &&
            (c->vals[i].src == slot ||
             (c->vals[i].kind == K_ADD2 && (uint16_t)c->vals[i].k == slot)))
            compile_materialize(c, i);
}

void compile_materialize_all_locals(compiler *c)
{
    if (c->nlazy == 0)
        return;
    for (uint32_t i = 0; i < c->nvals; i++)
        if (kind_is_lazy(c->vals[i].kind))
            compile_materialize(c, i);
}

/* The slot an instruction should read a popped value from.  Constants are
 * written to their home first (the home of a popped entry is free). */
uint16_t compile_operand(compiler *c, cval *v)
{
    uint16_t ks;
    switch (v->kind) {
    case K_LOCAL: return v->src;
    case K_CONST:
        if (const_slot(c, v, &ks))
            return ks;
        /* fall through */
    case K_ADDK:
    case K_ADD2:
        compile_emit_move(c, v->home, v);
        v->kind = K_TEMP;
        return v->home;
    default: return v->home;
    }
}

/* ---- the function driver -------------------------------------------------- */

/* Reads one local group's count and type from r. */
static mote_status read_local_group(compiler *c, reader *r, uint32_t *n, vtype *type)
{
    if (!rd_u32(r, n))
        return compile_failf(c, MOTE_ERR_MALFORMED, "%m", r->err ? r->err : MSG_UNEXPECTED_END);
    if (r == &c->r)
        return compile_read_valtype(c, type);
    reader saved = c->r;
    c->r = *r;
    mote_status st = compile_read_valtype(c, type);
    *r = c->r;
    c->r = saved;
    return st;
}

static mote_status read_locals(compiler *c)
{
    const mod_type *t = c->type;
    const vtype *params = type_params(c->m, t);
    reader *r = &c->r;
    uint32_t groups;
    if (!rd_u32(r, &groups))
        return compile_failf(c, MOTE_ERR_MALFORMED, "%m", r->err);
    /* First pass: count, so the arrays are allocated once. */
    reader scan = *r;
    uint64_t total = t->nparams;
    for (uint32_t i = 0; i < groups; i++) {
        uint32_t n = 0;
        vtype ty;
        TRY(read_local_group(c, &scan, &n, &ty));
        total += n;
        if (total > 0xFFFFFFFFull)
            return compile_fail(c, MOTE_ERR_MALFORMED, "too many locals");
    }
    if (total > MAX_FRAME_SLOTS)
        return compile_fail(c, MOTE_ERR_LIMIT, "too many locals: %lu (the limit is %u slots)",
                            (uint64_t)total, MAX_FRAME_SLOTS);
    c->nlocals = (uint32_t)total;
    c->local_types = scratch_alloc(c, (total + 1) * sizeof(vtype));
    c->local_slot = scratch_alloc(c, (total + 1) * sizeof(uint16_t));
    c->local_set = scratch_alloc(c, total + 1);
    if (!c->local_types || !c->local_slot || !c->local_set)
        return compile_fail(c, MOTE_ERR_NO_MEMORY, "out of arena space for locals");
    uint32_t n = 0, slot = 0;
    for (uint32_t i = 0; i < t->nparams; i++, n++) {
        c->local_types[n] = params[i];
        c->local_slot[n] = (uint16_t)(slot * 8);
        c->local_set[n] = 1;
        slot += valtype_slots(params[i]);
    }
    for (uint32_t g = 0; g < groups; g++) {
        uint32_t cnt = 0;
        vtype ty = 0;
        TRY(read_local_group(c, r, &cnt, &ty));
        for (uint32_t i = 0; i < cnt; i++, n++) {
            c->local_types[n] = ty;
            c->local_slot[n] = (uint16_t)(slot * 8);
            c->local_set[n] = vt_defaultable(ty);
            slot += valtype_slots(ty);
        }
        if (slot > MAX_FRAME_SLOTS)
            return compile_fail(c, MOTE_ERR_LIMIT, "too many locals (the limit is %u slots)",
                                MAX_FRAME_SLOTS);
    }
    c->temps_base = (uint16_t)(slot * 8);
    c->frame_end = slot * 8;
    return MOTE_OK;
}

static mote_status push_function_frame(compiler *c)
{
    if (!compile_grow(c, (void **)&c->ctrl, &c->ctrl_cap, sizeof(cframe)))
        return compile_fail(c, MOTE_ERR_NO_MEMORY, "out of arena space for the control stack");
    cframe *f = &c->ctrl[c->nctrl++];
    compile_frame_clear(f);
    f->kind = F_FUNC;
    f->live_in = 1;
    f->height = 0;
    f->nresults = c->type->nresults;
    f->results = type_results(c->m, c->type);
    f->label_home = c->temps_base;
    f->fixups = -1;
    f->else_fixup = -1;
    return MOTE_OK;
}

/* Points every call that was waiting for this function at its entry. */
static void resolve_calls(compiler *c, mod_func *f, uint32_t entry)
{
    uint32_t w = f->code;
    while (w != NO_INDEX) {
        uint32_t next = c->mcode[w];
        c->mcode[w] = entry - w;
        w = next;
    }
}

/* Grows the control stack; exported for compile_control.c. */
bool compile_ctrl_reserve(compiler *c)
{
    if (c->nctrl < c->ctrl_cap)
        return true;
    return compile_grow(c, (void **)&c->ctrl, &c->ctrl_cap, sizeof(cframe));
}

/* An encoding syntax_read_op() refused (r->err says why), or one without a
 * row in this build. */
static mote_status illegal_opcode(compiler *c, uint32_t prefix, uint32_t code)
{
    if (c->r.err && c->r.err != syntax_illegal_opcode)
        return compile_fail_read(c);
    if (prefix)
        return compile_fail(c, MOTE_ERR_MALFORMED, "illegal opcode 0x%x 0x%x", prefix, code);
    return compile_fail(c, MOTE_ERR_MALFORMED, "illegal opcode 0x%x", code);
}

static mote_status compile_body(compiler *c)
{
    reader *r = &c->r;
    c->body_done = false;
    while (!c->body_done) {
        c->op_offset = rd_offset(r);
        if (rd_left(r) == 0)
            return compile_fail(c, MOTE_ERR_MALFORMED, "unexpected end of function body");
        wasm_op op;
        uint32_t prefix = 0, code = 0;
        c->r.err = 0;
        if (!syntax_read_op(r, c->m->features, &op, &prefix, &code))
            return illegal_opcode(c, prefix, code);
        if (!feature_built(wasm_op_group(op)))
            return feature_unsupported(c->err, wasm_op_group(op), c->op_offset);
        const crow *row = op < COMPILE_ROW_COUNT ? &compile_rows[op] : NULL;
        compile_fn fn = row ? compile_fns[row->fn] : NULL;
        if (!fn)
            return illegal_opcode(c, prefix, code);
        TRY(fn(c, row));
    }
    if (r->p != r->end)
        return compile_fail(c, MOTE_ERR_MALFORMED,
                            "section size mismatch: code after the function's end");
    return MOTE_OK;
}

/* One pass over a body; the second (final) pass emits for real. */
static mote_status compile_pass(compiler *c, uint32_t fi, bool final)
{
    mod_func *f = &c->funcs[fi];
    const mote_module *m = c->m;
    mote_arena *a = c->arena;
    bool locating = c->locate >= 0;
    c->first_pass = !final;
    c->r.base = m->wasm;
    c->r.p = m->wasm + f->body;
    c->r.end = c->r.p + f->body_len;
    c->r.err = 0;
    c->op_offset = f->body;
    c->nvals = c->nctrl = c->nlazy = 0;
    c->vals_cap = c->ctrl_cap = 0;
    c->vals = NULL;
    c->ctrl = NULL;
    c->live = true;
    c->ninits = c->inits_cap = 0;
    c->inits = NULL;
    compile_eh_reset(c);
    compile_forget_dst(c);
    if (locating) { /* recompiling to map code back to wasm */
        c->base = f->code - 2;
        c->code = NULL;
    } else {
        c->base = (uint32_t)(((a->base + a->bottom) - (uint8_t *)c->mcode) / 4);
        c->code = c->overflow || !final ? NULL : (uint32_t *)(a->base + a->bottom);
    }
    c->pos = 0;
    update_cap(c);

    TRY(read_locals(c));
    /* Frame: [params][locals][caught exceptions][constants][homes].  These
     * sit below the homes because a callee's frame begins at its caller's
     * arguments.  (The first pass places no caught exceptions.) */
    uint16_t locals_end = c->temps_base;
    c->hidden_base = locals_end;
    c->kbase = (uint16_t)(locals_end + 8 * c->catch_slots);
    c->temps_base = (uint16_t)(c->kbase + 8 * c->nk);
    c->frame_end = c->temps_base;
    TRY(push_function_frame(c));

    /* Header: [frame slots][param slots | local slots << 16], then the entry. */
    compile_emit_word(c, 0);
    compile_emit_word(c, c->type->param_slots | (uint32_t)(locals_end / 8) << 16);
    uint32_t entry = c->base + c->pos;
    if (final && c->code)
        resolve_calls(c, f, entry);
    if (final && !locating)
        f->code = entry;
    uint32_t kload = 0;
    if (c->nk) {
        compile_emit_op(c, OP_kload);
        compile_emit_word(c, c->kbase | c->nk << 16);
        kload = c->pos;
        compile_emit_word(c, 0);
    }
    TRY(compile_body(c));
    if (c->nk) { /* the constant table, after the code */
        c->live = true;
        if (c->code)
            c->code[kload] = c->pos - kload;
        for (uint32_t i = 0; i < c->nk; i++) {
            compile_emit_word(c, (uint32_t)c->kvals[i]);
            compile_emit_word(c, (uint32_t)(c->kvals[i] >> 32));
        }
    }
    uint32_t handlers = NO_INDEX; /* the exception handler table, if any */
    if (MOTE_WITH_EXCEPTIONS)     /* (else no try_table or try compiled) */
        TRY(compile_eh_finish(c, &handlers));
    if (final && !locating)
        f->handlers = handlers;
    return MOTE_OK;
}

mote_status compile_function(compiler *c, uint32_t fi)
{
    const mote_module *m = c->m;
    mote_arena *a = c->arena;
    c->func = fi;
    c->type = &MOD_TYPES(m)[c->funcs[fi].type];
    size_t scratch_top = a->top;
    c->nk = 0;
    c->kbase = 0;
    c->kfrozen = false;
    c->kvals = scratch_alloc(c, MAX_CONST_SLOTS * sizeof(uint64_t));
    size_t pass_top = a->top;

    c->catch_slots = 0;
    TRY(compile_pass(c, fi, false));
    /* Keep the frame within the operand range: fewer constant slots if need be. */
    uint32_t used = (c->frame_end + 7) / 8 + c->catch_max;
    if (used + c->nk > MAX_FRAME_SLOTS)
        c->nk = used < MAX_FRAME_SLOTS ? MAX_FRAME_SLOTS - used : 0;
    c->catch_slots = c->catch_max;
    c->kfrozen = true;
    a->top = pass_top;
    TRY(compile_pass(c, fi, true));
    uint32_t frame_slots = (c->frame_end + 7) / 8;
    if (frame_slots > MAX_FRAME_SLOTS)
        return compile_fail(c, MOTE_ERR_LIMIT, "frame too large: %u slots (the limit is %u)",
                            frame_slots, MAX_FRAME_SLOTS);
    if (c->code)
        c->code[0] = frame_slots;
    c->scratch_used = a->size - a->top;
    a->top = scratch_top; /* scratch of this function is done */
    if (c->locate >= 0)
        return MOTE_OK;
    if (!c->overflow)
        a->bottom += MOTE_ALIGN_UP((size_t)c->pos * 4); /* written: it fitted */
    else
        c->counted_bytes += align_up64((uint64_t)c->pos * 4);
    return MOTE_OK;
}

uint32_t compile_locate(const mote_module *m, mote_arena *scratch, uint32_t func, uint32_t word)
{
    if (func < m->nfunc_imports || func >= m->nfuncs)
        return 0;
    mote_error quiet; /* a failure here must not hide the trap's record */
    compiler c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.err = &quiet;
    quiet.status = MOTE_OK;
    c.arena = scratch;
    c.handlers = interp_handler_words();
    c.funcs = (mod_func *)MOD_FUNCS(m);
    c.locate = word;
    c.located = 0;
    size_t top = scratch->top, peak = scratch->peak;
    mote_status st = compile_function(&c, func);
    scratch->top = top;
    scratch->peak = peak; /* diagnostics do not count as use */
    return st == MOTE_OK ? c.located : 0;
}
