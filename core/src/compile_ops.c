/*
 * compile_ops.c -- every instruction that is not control flow.
 *
 * Numeric instructions are table-driven: their rows (compile_rows.c) give
 * the mote op, operand and result types, and whether a constant operand
 * can be folded into an immediate form.
 */
#include "compile.h"

#include <string.h>

#define MOTE_MSG_TAG "co" /* this file's message codes (error.h) */

/* a OP b == b OP' a for the comparisons, in MOTE_INT_COMPARES order */
static const uint8_t swapped_cmp[10] = {0, 1, 4, 5, 2, 3, 8, 9, 6, 7};

#define X(name, len)
#define CMPI_OP(c) OP_i32_##c##_i,
static const uint16_t cmp_imm_ops[10] = {MOTE_INT_COMPARES(CMPI_OP)};
#undef X

static void note_cmp(compiler *c, uint32_t start, uint16_t home, uint8_t cmp, uint8_t form,
                     uint16_t a, uint16_t b, uint32_t imm)
{
    if (!c->live)
        return;
    c->cmp.pos = (int32_t)start;
    c->cmp.home = home;
    c->cmp.cmp = cmp;
    c->cmp.form = form;
    c->cmp.a = a;
    c->cmp.b = b;
    c->cmp.imm = imm;
}

static mote_status compile_unary(compiler *c, const crow *in)
{
    cval a;
    TRY(compile_pop(c, in->in, &a));
    if (in->flags & RF_RETYPE) {
        /* The bits stay where they are; only the type changes. */
        a.type = in->out;
        TRY(compile_push(c, a.type, a.kind, a.src, a.k));
        return MOTE_OK;
    }
    uint16_t d = a.home;
    uint16_t as = compile_operand(c, &a);
    uint32_t start = c->pos;
    compile_emit_da(c, (op)in->op, d, as);
    TRY(compile_push_temp(c, in->out));
    if (in->flags & RF_EQZ32)
        note_cmp(c, start, d, 0, 3, as, 0, 0);
    return MOTE_OK;
}

/* Does constant k fit the immediate form of this op? */
static bool imm_fits(const crow *in, uint64_t k, uint32_t *imm)
{
    if (in->flags & RF_IMM64) {
        int64_t v = (int64_t)k;
        if (v < INT32_MIN || v > INT32_MAX)
            return false;
    }
    *imm = (uint32_t)k;
    if (in->flags & RF_SUB)
        *imm = (uint32_t)0 - *imm;
    return true;
}

/*
 * i32.add/sub of a constant makes no code: the result is left as "slot +
 * k" (K_ADDK) for a load or store to absorb, or for whoever needs it to
 * materialise.  A base in a temp may only be its own home: other homes are
 * overwritten as the stack grows again.
 */
static mote_status fold_addk(compiler *c, cval *a, uint32_t k, bool sub, uint16_t d)
{
    if (sub)
        k = (uint32_t)0 - k;
    uint16_t src;
    switch (a->kind) {
    case K_CONST: return compile_push(c, MOTE_I32, K_CONST, 0, (uint32_t)((uint32_t)a->k + k));
    case K_LOCAL: src = a->src; break;
    case K_ADDK:
        src = a->src;
        k += (uint32_t)a->k;
        break;
    case K_ADD2:
        src = compile_operand(c, a); /* into its home first */
        break;
    default: src = a->home; break;
    }
    bool local_base = src < c->temps_base;
    if (k == 0 && a->kind == K_LOCAL)
        return compile_push(c, MOTE_I32, K_LOCAL, src, 0);
    if (!local_base && src != d) {
        compile_emit_dai(c, OP_i32_add_i, d, src, k);
        return compile_push_temp(c, MOTE_I32);
    }
    return compile_push(c, MOTE_I32, K_ADDK, src, k);
}

/* The fused forms: a producer (mul, shl by a constant) whose result the
 * next add consumes. */
static op fused_with_add(uint16_t producer)
{
    switch (producer) {
    case OP_i32_mul: return OP_i32_mad;
    case OP_i64_mul: return OP_i64_mad;
    case OP_f32_mul: return OP_f32_mad;
    case OP_f64_mul: return OP_f64_mad;
    case OP_i32_shl_i: return OP_i32_shladd;
    default: return OP_nop;
    }
}

/*
 * x + y where one side was computed by the instruction just emitted: one
 * instruction does both.  The other side's slot is found first; if that
 * needed code, the producer is no longer the last instruction and nothing
 * is fused.
 */
static bool fuse_add(compiler *c, const crow *in, cval *a, cval *b, uint16_t d)
{
    if (!MOTE_WITH_FUSED)
        return false;
    if (!c->live || c->bin.pos < 0 || c->last_dst != c->bin.pos + 1)
        return false;
    if (in->op != OP_i32_add && in->op != OP_i64_add && in->op != OP_f32_add &&
        in->op != OP_f64_add)
        return false;
    cval *made = a->kind == K_TEMP && a->home == c->bin.d   ? a
                 : b->kind == K_TEMP && b->home == c->bin.d ? b
                                                            : NULL;
    op fused = fused_with_add(c->bin.op);
    if (!made || fused == OP_nop)
        return false;
    if (fused != OP_i32_shladd && fused != OP_i32_mad && in->op == OP_i32_add)
        return false; /* i32.add only absorbs i32 producers */
    cval *other = made == a ? b : a;
    uint32_t before = c->pos;
    uint16_t os = compile_operand(c, other);
    if (c->pos != before || os == c->bin.d)
        return false;
    if ((fused == OP_i64_mad) != (in->op == OP_i64_add) ||
        (fused == OP_f32_mad) != (in->op == OP_f32_add) ||
        (fused == OP_f64_mad) != (in->op == OP_f64_add))
        return false;
    uint16_t pa = c->bin.a, pb = c->bin.b;
    c->pos = (uint32_t)c->bin.pos; /* the producer's words are rewritten */
    compile_emit_op(c, fused);
    compile_note_dst(c, d);
    compile_emit_word(c, (uint32_t)d | (uint32_t)pa << 16);
    if (fused == OP_i32_shladd) /* [c | k] */
        compile_emit_word(c, (uint32_t)os | (uint32_t)pb << 16);
    else /* [b | c] */
        compile_emit_word(c, (uint32_t)pb | (uint32_t)os << 16);
    return true; /* the caller pushes the result */
}

static void note_bin(compiler *c, uint32_t start, uint16_t o, uint16_t d, uint16_t a, uint16_t b)
{
    if (!c->live || (fused_with_add(o) == OP_nop && o != OP_i32_add))
        return;
    c->bin.pos = (int32_t)start;
    c->bin.op = o;
    c->bin.d = d;
    c->bin.a = a;
    c->bin.b = b;
}

static mote_status compile_binary(compiler *c, const crow *in)
{
    cval a, b;
    TRY(compile_pop(c, in->in, &b));
    TRY(compile_pop(c, in->in, &a));
    uint16_t d = a.home;
    uint8_t cmp = in->arg;
    bool has_imm = in->imm != 0;
    /* A constant on the left moves right where the operation allows it. */
    if (a.kind == K_CONST && b.kind != K_CONST && (in->flags & (RF_COMM | RF_CMP32))) {
        cval t = a; /* homes stay: they say where each value lives */
        a = b;
        b = t;
        if (in->flags & RF_CMP32)
            cmp = swapped_cmp[cmp];
    }
    uint32_t imm;
    uint32_t start;
    if ((in->op == OP_i32_add || in->op == OP_i32_sub) && b.kind == K_CONST)
        return fold_addk(c, &a, (uint32_t)b.k, in->op == OP_i32_sub, d);
    if (has_imm && b.kind == K_CONST && imm_fits(in, b.k, &imm)) {
        uint16_t as = compile_operand(c, &a);
        start = c->pos;
        op o = (in->flags & RF_CMP32) ? (op)cmp_imm_ops[cmp] : (op)(in->op + in->imm);
        compile_emit_dai(c, o, d, as, imm);
        TRY(compile_push_temp(c, in->out));
        if (in->flags & RF_CMP32)
            note_cmp(c, start, d, cmp, 1, as, 0, imm);
        else if (o == OP_i32_shl_i && imm < 32)
            note_bin(c, start, o, d, as, (uint16_t)imm);
        return MOTE_OK;
    }
    if (fuse_add(c, in, &a, &b, d))
        return compile_push_temp(c, in->out);
    if (MOTE_WITH_FUSED && in->op == OP_i32_add && c->live) {
        /* base + index stays lazy for a load or store to take whole.  Both
         * slots must outlive the entry: locals, or the entry's own home. */
        bool a_ok = a.kind == K_LOCAL || (a.kind == K_TEMP && a.home == d);
        bool b_ok = b.kind == K_LOCAL;
        if (a_ok && b_ok) {
            uint16_t as = a.kind == K_LOCAL ? a.src : a.home;
            return compile_push(c, MOTE_I32, K_ADD2, as, b.src);
        }
    }
    uint16_t as = compile_operand(c, &a);
    uint16_t bs = compile_operand(c, &b);
    start = c->pos;
    op o = (op)in->op;
    if ((in->flags & RF_CMP32) && cmp != in->arg)
        o = (op)(OP_i32_eq + 2 * cmp); /* the swapped comparison (register form) */
    compile_emit_dab(c, o, d, as, bs);
    TRY(compile_push_temp(c, in->out));
    if (in->flags & RF_CMP32)
        note_cmp(c, start, d, cmp, 0, as, bs, 0);
    else if (in->flags & RF_CMP64)
        note_cmp(c, start, d, cmp, 2, as, bs, 0);
    else
        note_bin(c, start, o, d, as, bs);
    return MOTE_OK;
}

COMPILE_FN(compile_numeric)
{
    return (row->flags & RF_UNARY) ? compile_unary(c, row) : compile_binary(c, row);
}

/* ---- locals and globals ------------------------------------------------------- */

static mote_status read_local(compiler *c, uint32_t *x)
{
    if (!rd_u32(&c->r, x))
        return compile_fail_read(c);
    if (*x >= c->nlocals)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown local %u", *x);
    return MOTE_OK;
}

COMPILE_FN(compile_local_get)
{
    (void)row;
    uint32_t x = 0;
    TRY(read_local(c, &x));
    if (!c->local_set[x])
        return compile_fail(c, MOTE_ERR_INVALID, "uninitialized local %u", x);
    return compile_push(c, c->local_types[x], K_LOCAL, c->local_slot[x], 0);
}

/* A local of a non-nullable type becomes readable until its block ends. */
static mote_status note_local_set(compiler *c, uint32_t x)
{
    if (c->local_set[x])
        return MOTE_OK;
    if (c->ninits == c->inits_cap &&
        !compile_grow(c, (void **)&c->inits, &c->inits_cap, sizeof(uint32_t)))
        return compile_fail(c, MOTE_ERR_NO_MEMORY, "out of arena space for local initialisation");
    c->inits[c->ninits++] = x;
    c->local_set[x] = 1;
    return MOTE_OK;
}

/* local.set / local.tee: the value goes into the local's slot. */
COMPILE_FN(compile_local_set)
{
    bool tee = row->arg;
    uint32_t x = 0;
    TRY(read_local(c, &x));
    vtype type = c->local_types[x];
    uint16_t slot = c->local_slot[x];
    cval v;
    TRY(compile_pop(c, type, &v));
    TRY(note_local_set(c, x));
    if (c->live) {
        /* If the instruction just emitted computed v, it can write the local
         * itself (unless other stack entries still need the old value). */
        bool retarget = v.kind == K_TEMP && c->last_dst >= 0 && c->last_dst_home == v.home;
        if (c->nlazy) {
            uint32_t before = c->pos;
            compile_materialize_local(c, slot);
            if (c->pos != before)
                retarget = false;
        }
        if (retarget) {
            if (c->code)
                c->code[c->last_dst] = (c->code[c->last_dst] & 0xFFFF0000u) | slot;
            if (c->addi.pos >= 0 && c->addi.pos + 1 == c->last_dst)
                c->addi.d = slot;
            if (c->bin.pos >= 0 && c->bin.pos + 1 == c->last_dst)
                c->bin.d = slot;
        } else if (!(v.kind == K_LOCAL && v.src == slot)) {
            compile_emit_move(c, slot, &v);
        }
        /* No later retargeting of that instruction; an add or a copy just
         * emitted may still pair with what follows. */
        c->last_dst = -1;
        c->cmp.pos = -1;
    }
    if (tee)
        TRY(compile_push(c, type, K_LOCAL, slot, 0));
    return MOTE_OK;
}

/* Before an exception reference is stored where the stack scan of the
 * exception heap cannot see it (a global, a table), it is pinned
 * (runtime.h, "Exceptions"). */
static void emit_pin(compiler *c, vtype t, uint16_t slot)
{
    if (vt_is_ref(t) && types_heap_top(vt_heap(t)) == HT_EXN) {
        compile_emit_op(c, OP_exn_pin);
        compile_emit_word(c, slot);
    }
}

COMPILE_FN(compile_global)
{
    bool set = row->arg;
    uint32_t g = 0;
    if (!rd_u32(&c->r, &g))
        return compile_fail_read(c);
    if (g >= c->m->nglobals)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown global %u", g);
    const mod_global *gl = &MOD_GLOBALS(c->m)[g];
    if (set) {
        if (!gl->mutable_)
            return compile_fail(c, MOTE_ERR_INVALID, "global is immutable: global %u", g);
        cval v;
        TRY(compile_pop(c, gl->type, &v));
        uint16_t a = compile_operand(c, &v);
        emit_pin(c, gl->type, a);
        compile_emit_op(c, valtype_slots(gl->type) == 2 ? COMPILE_V128_OP(global_set_v128)
                                                        : OP_global_set);
        compile_emit_word(c, a);
        compile_emit_word(c, g);
        return MOTE_OK;
    }
    uint16_t d = compile_home_at(c, c->nvals);
    compile_emit_op(c, valtype_slots(gl->type) == 2 ? COMPILE_V128_OP(global_get_v128)
                                                    : OP_global_get);
    compile_note_dst(c, d);
    compile_emit_word(c, d);
    compile_emit_word(c, g);
    return compile_push_temp(c, gl->type);
}

/* ---- memory ------------------------------------------------------------------- */

static mote_status need_memory(compiler *c, uint32_t index)
{
    if (index >= c->m->nmems)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown memory %u", index);
    return MOTE_OK;
}

/* A memory index immediate: a u32 with multiple memories, else the
 * reserved zero byte. */
static mote_status read_memidx(compiler *c, uint32_t *index)
{
    if (c->m->features & MOTE_FEATURE_MULTI_MEMORY) {
        if (!rd_u32(&c->r, index))
            return compile_fail_read(c);
    } else {
        uint8_t b;
        if (!rd_byte(&c->r, &b))
            return compile_fail_read(c);
        if (b != 0)
            return compile_fail(c, MOTE_ERR_MALFORMED, "zero byte expected");
        *index = 0;
    }
    return need_memory(c, *index);
}

/* (Constant false in a build without memory64, whose loader refuses 64-bit
 * memories and tables: the 64-bit paths fold away.) */
bool compile_memory_is64(const compiler *c, uint32_t index)
{
    return MOTE_WITH_MEMORY64 && MOD_MEMS(c->m)[index].is64;
}

/* Memory 0 with 32-bit addresses takes the fast forms; any other memory,
 * or 64-bit addresses, the _m forms.  (A build without multiple memories
 * has validated the index: it is 0.) */
static bool memory_fast(const compiler *c, uint32_t index)
{
    return (!MOTE_WITH_MULTI_MEMORY || index == 0) && !compile_memory_is64(c, 0);
}

/* memarg: alignment exponent (bit 6: a memory index follows), [memory
 * index], offset (u64 with memory64; below 2^32 for a 32-bit memory). */
mote_status compile_read_memarg(compiler *c, unsigned natural_log2, uint32_t *index,
                                uint64_t *offset)
{
    uint32_t align;
    if (!rd_u32(&c->r, &align))
        return compile_fail_read(c);
    *index = 0;
    if ((c->m->features & MOTE_FEATURE_MULTI_MEMORY) && align >= 0x80)
        return compile_fail(c, MOTE_ERR_MALFORMED, "malformed memop flags");
    if ((align & 0x40) && (c->m->features & MOTE_FEATURE_MULTI_MEMORY)) {
        align &= ~0x40u;
        if (!rd_u32(&c->r, index))
            return compile_fail_read(c);
    }
    if (!rd_uleb(&c->r, c->m->features & MOTE_FEATURE_MEMORY64 ? 64 : 32, offset))
        return compile_fail_read(c);
    TRY(need_memory(c, *index));
    if (align > natural_log2)
        return compile_fail(c, MOTE_ERR_INVALID, "alignment must not be larger than natural");
    if (!compile_memory_is64(c, *index) && *offset > UINT32_MAX)
        return compile_fail(c, MOTE_ERR_INVALID, "offset out of range");
    return MOTE_OK;
}

/* [op][d|a][mem][lo][hi]: a load (which writes d) or a store through an
 * _m form. */
static void emit_memop_m(compiler *c, op o, bool load, uint16_t d, uint16_t a, uint32_t index,
                         uint64_t offset)
{
    compile_emit_op(c, o);
    if (load)
        compile_note_dst(c, d);
    compile_emit_word(c, (uint32_t)d | (uint32_t)a << 16);
    compile_emit_word(c, index);
    compile_emit_word(c, (uint32_t)offset);
    compile_emit_word(c, (uint32_t)(offset >> 32));
}

/* clang-format off */
#define LOADS(L)                                                                            \
    L(ld32u, MOTE_I32, 2) L(ld64, MOTE_I64, 3) L(ld32u, MOTE_F32, 2) L(ld64, MOTE_F64, 3)   \
    L(ld8s, MOTE_I32, 0) L(ld8u, MOTE_I32, 0) L(ld16s, MOTE_I32, 1) L(ld16u, MOTE_I32, 1)   \
    L(ld8s, MOTE_I64, 0) L(ld8u, MOTE_I64, 0) L(ld16s, MOTE_I64, 1) L(ld16u, MOTE_I64, 1)   \
    L(ld32s, MOTE_I64, 2) L(ld32u, MOTE_I64, 2)
#define STORES(S)                                                                           \
    S(st32, MOTE_I32, 2) S(st64, MOTE_I64, 3) S(st32, MOTE_F32, 2) S(st64, MOTE_F64, 3)     \
    S(st8, MOTE_I32, 0) S(st16, MOTE_I32, 1) S(st8, MOTE_I64, 0) S(st16, MOTE_I64, 1)       \
    S(st32, MOTE_I64, 2)
#define PLAIN(o, t, l) {OP_##o, t, l},
const memop compile_loads[14] = {LOADS(PLAIN)};
const memop compile_stores[9] = {STORES(PLAIN)};
#define LOAD_FORMS(o, t, l) {OP_##o##_k, OP_##o##_x, OP_##o##_ar, OP_##o##_ai},
#define STORE_FORMS(o, t, l) {OP_##o##_k, OP_##o##_x},
#define M_FORM(o, t, l) OP_##o##_m,
const memop_forms compile_load_forms[14] = {LOADS(LOAD_FORMS)};
const store_forms compile_store_forms[9] = {STORES(STORE_FORMS)};
const uint16_t compile_load_m[14] = {LOADS(M_FORM)};
const uint16_t compile_store_m[9] = {STORES(M_FORM)};
#undef PLAIN
#undef LOAD_FORMS
#undef STORE_FORMS
#undef M_FORM
#undef LOADS
#undef STORES
/* clang-format on */

/*
 * "x = a + b (or a + k); load [x]": when the add into local x is the last
 * instruction, the load does both.  (Pointers walked through an array.)
 */
static bool fuse_address_update(compiler *c, const memop_forms *m, const cval *addr,
                                uint32_t offset)
{
    if (!MOTE_WITH_FUSED)
        return false;
    if (!c->live || addr->kind != K_LOCAL)
        return false;
    uint16_t d = addr->home;
    if (c->addi.pos >= 0 && c->addi.pos + 3 == (int32_t)c->pos && c->addi.d == addr->src) {
        uint16_t a = c->addi.a;
        uint32_t k = c->addi.k;
        c->pos = (uint32_t)c->addi.pos;
        c->addi.pos = -1;
        compile_emit_op(c, (op)m->op_ai);
        compile_note_dst(c, d);
        compile_emit_word(c, (uint32_t)d | (uint32_t)addr->src << 16);
        compile_emit_word(c, a);
        compile_emit_word(c, k);
        compile_emit_word(c, offset);
        return true;
    }
    if (c->bin.pos >= 0 && c->bin.op == OP_i32_add && c->bin.pos + 3 == (int32_t)c->pos &&
        c->bin.d == addr->src) {
        uint16_t a = c->bin.a, b = c->bin.b;
        c->pos = (uint32_t)c->bin.pos;
        compile_emit_op(c, (op)m->op_ar);
        compile_note_dst(c, d);
        compile_emit_word(c, (uint32_t)d | (uint32_t)addr->src << 16);
        compile_emit_word(c, (uint32_t)a | (uint32_t)b << 16);
        compile_emit_word(c, offset);
        return true;
    }
    return false;
}

COMPILE_FN(compile_load)
{
    const memop *m = &compile_loads[row->arg];
    const memop_forms *forms = &compile_load_forms[row->arg];
    uint32_t index = 0;
    uint64_t offset64 = 0;
    TRY(compile_read_memarg(c, m->log2, &index, &offset64));
    cval addr;
    if (!memory_fast(c, index)) {
        TRY(compile_pop(c, compile_memory_is64(c, index) ? MOTE_I64 : MOTE_I32, &addr));
        uint16_t a = compile_operand(c, &addr);
        emit_memop_m(c, (op)compile_load_m[row->arg], true, addr.home, a, index, offset64);
        return compile_push_temp(c, m->type);
    }
    uint32_t offset = (uint32_t)offset64;
    TRY(compile_pop(c, MOTE_I32, &addr));
    if (MOTE_WITH_FUSED && addr.kind == K_ADDK) { /* the address add rides along */
        compile_emit_dai(c, (op)forms->op_k, addr.home, addr.src, (uint32_t)addr.k);
        compile_emit_word(c, offset);
    } else if (MOTE_WITH_FUSED && addr.kind == K_ADD2) {
        compile_emit_dai(c, (op)forms->op_x, addr.home, addr.src, (uint16_t)addr.k);
        compile_emit_word(c, offset);
    } else if (fuse_address_update(c, forms, &addr, offset)) {
        /* done */
    } else {
        uint16_t a = compile_operand(c, &addr);
        compile_emit_dai(c, (op)m->op, addr.home, a, offset);
    }
    return compile_push_temp(c, m->type);
}

COMPILE_FN(compile_store)
{
    const memop *m = &compile_stores[row->arg];
    const store_forms *forms = &compile_store_forms[row->arg];
    uint32_t index = 0;
    uint64_t offset64 = 0;
    TRY(compile_read_memarg(c, m->log2, &index, &offset64));
    cval v, addr;
    TRY(compile_pop(c, m->type, &v));
    if (!memory_fast(c, index)) {
        TRY(compile_pop(c, compile_memory_is64(c, index) ? MOTE_I64 : MOTE_I32, &addr));
        uint16_t a = compile_operand(c, &addr);
        uint16_t vs = compile_operand(c, &v);
        emit_memop_m(c, (op)compile_store_m[row->arg], false, vs, a, index, offset64);
        return MOTE_OK;
    }
    uint32_t offset = (uint32_t)offset64;
    TRY(compile_pop(c, MOTE_I32, &addr));
    /* Without the superinstructions the address add is an op of its own. */
    int kind = MOTE_WITH_FUSED ? addr.kind : K_TEMP;
    bool fused = kind == K_ADDK || kind == K_ADD2;
    uint16_t a = fused ? addr.src : compile_operand(c, &addr);
    uint16_t vs = compile_operand(c, &v);
    compile_emit_op(c, (op)(kind == K_ADDK ? forms->op_k : kind == K_ADD2 ? forms->op_x : m->op));
    compile_emit_word(c, (uint32_t)vs | (uint32_t)a << 16);
    if (kind == K_ADDK)
        compile_emit_word(c, (uint32_t)addr.k);
    else if (kind == K_ADD2)
        compile_emit_word(c, (uint16_t)addr.k);
    compile_emit_word(c, offset);
    return MOTE_OK;
}

/* A memory's address type: i64 for memory64. */
static uint8_t address_type(const compiler *c, uint32_t index)
{
    return compile_memory_is64(c, index) ? MOTE_I64 : MOTE_I32;
}

COMPILE_FN(compile_memory_size)
{
    (void)row;
    uint32_t index = 0;
    TRY(read_memidx(c, &index));
    uint16_t d = compile_home_at(c, c->nvals);
    bool fast = memory_fast(c, index);
    compile_emit_op(c, fast ? OP_memory_size : OP_memory_size_m);
    compile_note_dst(c, d);
    compile_emit_word(c, d);
    if (!fast)
        compile_emit_word(c, index);
    return compile_push_temp(c, address_type(c, index));
}

COMPILE_FN(compile_memory_grow)
{
    (void)row;
    uint32_t index = 0;
    TRY(read_memidx(c, &index));
    cval delta;
    TRY(compile_pop(c, address_type(c, index), &delta));
    uint16_t a = compile_operand(c, &delta);
    if (memory_fast(c, index)) {
        compile_emit_da(c, OP_memory_grow, delta.home, a);
    } else {
        compile_emit_da(c, OP_memory_grow_m, delta.home, a);
        compile_emit_word(c, index);
    }
    return compile_push_temp(c, address_type(c, index));
}

/* Pops three operands (d, s, n order on the stack) into slots; those
 * marked in `narrow` (bit 0 for d, 1 for s, 2 for n) are table64 i64s that
 * a 32-bit table op takes saturated (compile_table_operand). */
static mote_status pop3n(compiler *c, vtype t1, vtype t2, vtype t3, unsigned narrow,
                         uint16_t out[3])
{
    cval v[3];
    TRY(compile_pop(c, t3, &v[2]));
    TRY(compile_pop(c, t2, &v[1]));
    TRY(compile_pop(c, t1, &v[0]));
    for (int i = 0; i < 3; i++)
        out[i] = compile_table_operand(c, &v[i], (narrow >> i) & 1);
    return MOTE_OK;
}

static mote_status pop3(compiler *c, vtype t1, vtype t2, vtype t3, uint16_t out[3])
{
    return pop3n(c, t1, t2, t3, 0, out);
}

static mote_status need_data_count(compiler *c, uint32_t seg)
{
    if (seg >= c->m->ndatas)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown data segment %u", seg);
    if (!c->m->has_data_count)
        return compile_fail(c, MOTE_ERR_MALFORMED, "data count section required");
    return MOTE_OK;
}

/* ---- tables and references ------------------------------------------------------ */

static mote_status read_table(compiler *c, uint32_t *t)
{
    if (!rd_u32(&c->r, t))
        return compile_fail_read(c);
    if (*t >= c->m->ntables)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown table %u", *t);
    return MOTE_OK;
}

static mote_status read_elem(compiler *c, uint32_t *e)
{
    if (!rd_u32(&c->r, e))
        return compile_fail_read(c);
    if (*e >= c->m->nelems)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown elem segment %u", *e);
    return MOTE_OK;
}

static vtype table_type(compiler *c, uint32_t t)
{
    return MOD_TABLES(c->m)[t].elem_type;
}

static bool table_is64(const compiler *c, uint32_t t)
{
    return MOTE_WITH_MEMORY64 && MOD_TABLES(c->m)[t].is64;
}

/* A table's index type: i64 for table64. */
static uint8_t index_type(const compiler *c, uint32_t t)
{
    return table_is64(c, t) ? MOTE_I64 : MOTE_I32;
}

uint16_t compile_table_operand(compiler *c, cval *v, bool is64)
{
    uint16_t slot = compile_operand(c, v);
    if (!is64)
        return slot;
    compile_emit_da(c, OP_u64_sat_u32, v->home, slot);
    return v->home;
}

/* After a table op wrote an i32 size into d: the i64 a table64 gives. */
static mote_status push_table_size(compiler *c, uint32_t t, uint16_t d, op widen)
{
    if (!table_is64(c, t))
        return compile_push_temp(c, MOTE_I32);
    compile_emit_da(c, widen, d, d);
    return compile_push_temp(c, MOTE_I64);
}

COMPILE_FN(compile_table_set)
{
    (void)row;
    uint32_t t = 0;
    TRY(read_table(c, &t));
    cval v, i;
    TRY(compile_pop(c, table_type(c, t), &v));
    TRY(compile_pop(c, index_type(c, t), &i));
    uint16_t is = compile_table_operand(c, &i, table_is64(c, t)), vs = compile_operand(c, &v);
    emit_pin(c, table_type(c, t), vs);
    compile_emit_op(c, OP_table_set);
    compile_emit_word(c, (uint32_t)is | (uint32_t)vs << 16);
    compile_emit_word(c, t);
    return MOTE_OK;
}

COMPILE_FN(compile_table_get)
{
    (void)row;
    uint32_t t = 0;
    TRY(read_table(c, &t));
    cval i;
    TRY(compile_pop(c, index_type(c, t), &i));
    uint16_t is = compile_table_operand(c, &i, table_is64(c, t));
    compile_emit_dai(c, OP_table_get, i.home, is, t);
    return compile_push_temp(c, table_type(c, t));
}

COMPILE_FN(compile_ref_null)
{
    (void)row;
    type_reader tr = types_reader(c->m);
    uint32_t heap, index;
    mote_status st = types_read_heap(&tr, &c->r, &heap, &index);
    if (st == MOTE_ERR_UNSUPPORTED)
        return feature_unsupported(c->err, tr.group, c->op_offset);
    if (st != MOTE_OK)
        return compile_failf(c, st, "%m", st == MOTE_ERR_MALFORMED ? c->r.err : tr.why);
    return compile_push(c, vt_ref(true, heap, index), K_CONST, 0, 0);
}

/* Pops a reference of any type (the instruction says what it needs). */
static mote_status pop_ref(compiler *c, const char *what, cval *v)
{
    TRY(compile_pop(c, VT_BOT, v));
    if (v->type && !vt_is_ref(v->type))
        return compile_fail(c, MOTE_ERR_INVALID, "type mismatch: %s needs a reference, got %s",
                            what, mote_valtype_name(types_class(v->type)));
    return MOTE_OK;
}

/* The value stays where it is, now known not to be null. */
COMPILE_FN(compile_ref_as_non_null)
{
    (void)row;
    cval v;
    TRY(pop_ref(c, "ref.as_non_null", &v));
    if (c->live) {
        uint16_t a = compile_operand(c, &v);
        compile_emit_op(c, OP_ref_as_non_null);
        compile_emit_word(c, a);
    }
    return compile_push(c, vt_as_non_null(v.type), v.kind, v.src, v.k);
}

COMPILE_FN(compile_ref_is_null)
{
    (void)row;
    cval v;
    TRY(pop_ref(c, "ref.is_null", &v));
    uint16_t a = compile_operand(c, &v);
    compile_emit_da(c, OP_ref_is_null, v.home, a);
    return compile_push_temp(c, MOTE_I32);
}

COMPILE_FN(compile_ref_func)
{
    (void)row;
    uint32_t f = 0;
    if (!rd_u32(&c->r, &f))
        return compile_fail_read(c);
    if (f >= c->m->nfuncs)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown function %u", f);
    if (c->funcs[f].ref == NO_INDEX)
        return compile_fail(c, MOTE_ERR_INVALID, "undeclared function reference %u", f);
    uint16_t d = compile_home_at(c, c->nvals);
    compile_emit_op(c, OP_ref_func);
    compile_note_dst(c, d);
    compile_emit_word(c, d);
    compile_emit_word(c, f);
    return compile_push_temp(c,
                             vt_ref(false, HT_CONCRETE, MOD_TYPES(c->m)[c->funcs[f].type].canon));
}

COMPILE_FN(compile_select)
{
    bool typed = row->arg;
    vtype want = VT_BOT;
    if (typed) {
        uint32_t n;
        if (!rd_u32(&c->r, &n))
            return compile_fail_read(c);
        if (n != 1)
            return compile_fail(c, MOTE_ERR_INVALID, "invalid result arity");
        TRY(compile_read_valtype(c, &want));
    }
    cval cond, b, a;
    TRY(compile_pop(c, MOTE_I32, &cond));
    TRY(compile_pop(c, want, &b));
    TRY(compile_pop(c, want, &a));
    if (!typed) {
        if ((a.type && vt_is_ref(a.type)) || (b.type && vt_is_ref(b.type)))
            return compile_fail(c, MOTE_ERR_INVALID,
                                "type mismatch: select needs numeric operands");
        if (a.type && b.type && a.type != b.type)
            return compile_fail(c, MOTE_ERR_INVALID, "type mismatch: select operands %s and %s",
                                mote_valtype_name((mote_valtype)a.type),
                                mote_valtype_name((mote_valtype)b.type));
    }
    vtype type = want ? want : (a.type ? a.type : b.type);
    uint16_t d = a.home;
    uint16_t as = compile_operand(c, &a), bs = compile_operand(c, &b),
             cs = compile_operand(c, &cond);
    compile_emit_op(c, valtype_slots(type) == 2 ? COMPILE_V128_OP(select_v128) : OP_select);
    compile_note_dst(c, d);
    compile_emit_word(c, (uint32_t)d | (uint32_t)as << 16);
    compile_emit_word(c, (uint32_t)bs | (uint32_t)cs << 16);
    return compile_push_temp(c, type);
}

/* ---- bulk memory and tables -------------------------------------------------------- */

COMPILE_FN(compile_memory_init)
{
    (void)row;
    uint32_t x = 0, index = 0;
    uint16_t s[3];
    if (!rd_u32(&c->r, &x))
        return compile_fail_read(c);
    TRY(read_memidx(c, &index));
    TRY(need_data_count(c, x));
    TRY(pop3(c, address_type(c, index), MOTE_I32, MOTE_I32, s));
    bool fast = memory_fast(c, index);
    compile_emit_op(c, fast ? OP_memory_init : OP_memory_init_m);
    compile_emit_word(c, (uint32_t)s[0] | (uint32_t)s[1] << 16);
    compile_emit_word(c, s[2]);
    compile_emit_word(c, x);
    if (!fast)
        compile_emit_word(c, index);
    return MOTE_OK;
}

COMPILE_FN(compile_data_drop)
{
    (void)row;
    uint32_t x = 0;
    if (!rd_u32(&c->r, &x))
        return compile_fail_read(c);
    TRY(need_data_count(c, x));
    compile_emit_op(c, OP_data_drop);
    compile_emit_word(c, x);
    return MOTE_OK;
}

/* memory.copy: [op][d|s][n] on memory 0, [op][d|s][n][dm|sm] otherwise.
 * The length is i64 only when both memories are 64-bit. */
COMPILE_FN(compile_memory_copy)
{
    (void)row;
    uint32_t dst = 0, src = 0;
    uint16_t s[3];
    TRY(read_memidx(c, &dst));
    TRY(read_memidx(c, &src));
    uint8_t n = compile_memory_is64(c, dst) && compile_memory_is64(c, src) ? MOTE_I64 : MOTE_I32;
    TRY(pop3(c, address_type(c, dst), address_type(c, src), n, s));
    bool fast = memory_fast(c, dst) && memory_fast(c, src);
    compile_emit_op(c, fast ? OP_memory_copy : OP_memory_copy_m);
    compile_emit_word(c, (uint32_t)s[0] | (uint32_t)s[1] << 16);
    compile_emit_word(c, s[2]);
    if (!fast)
        compile_emit_word(c, dst | src << 16);
    return MOTE_OK;
}

COMPILE_FN(compile_memory_fill)
{
    (void)row;
    uint32_t index = 0;
    uint16_t s[3];
    TRY(read_memidx(c, &index));
    TRY(pop3(c, address_type(c, index), MOTE_I32, address_type(c, index), s));
    bool fast = memory_fast(c, index);
    compile_emit_op(c, fast ? OP_memory_fill : OP_memory_fill_m);
    compile_emit_word(c, (uint32_t)s[0] | (uint32_t)s[1] << 16);
    compile_emit_word(c, s[2]);
    if (!fast)
        compile_emit_word(c, index);
    return MOTE_OK;
}

COMPILE_FN(compile_table_init)
{
    (void)row;
    uint32_t x = 0, y = 0;
    uint16_t s[3];
    TRY(read_elem(c, &x));
    TRY(read_table(c, &y));
    if (!types_sub(MOD_ELEMS(c->m)[x].elem_type, table_type(c, y)))
        return compile_fail(c, MOTE_ERR_INVALID,
                            "type mismatch: element segment and table types differ");
    TRY(pop3n(c, index_type(c, y), MOTE_I32, MOTE_I32, table_is64(c, y), s));
    compile_emit_op(c, OP_table_init);
    compile_emit_word(c, (uint32_t)s[0] | (uint32_t)s[1] << 16);
    compile_emit_word(c, s[2]);
    compile_emit_word(c, y);
    compile_emit_word(c, x);
    return MOTE_OK;
}

COMPILE_FN(compile_elem_drop)
{
    (void)row;
    uint32_t x = 0;
    TRY(read_elem(c, &x));
    compile_emit_op(c, OP_elem_drop);
    compile_emit_word(c, x);
    return MOTE_OK;
}

COMPILE_FN(compile_table_copy)
{
    (void)row;
    uint32_t x = 0, y = 0;
    uint16_t s[3];
    TRY(read_table(c, &x));
    TRY(read_table(c, &y));
    if (!types_sub(table_type(c, y), table_type(c, x)))
        return compile_fail(c, MOTE_ERR_INVALID,
                            "type mismatch: table.copy between different types");
    /* the length is i64 only between two table64s */
    bool n64 = table_is64(c, x) && table_is64(c, y);
    TRY(pop3n(c, index_type(c, x), index_type(c, y), n64 ? MOTE_I64 : MOTE_I32,
              table_is64(c, x) | table_is64(c, y) << 1 | (unsigned)n64 << 2, s));
    compile_emit_op(c, OP_table_copy);
    compile_emit_word(c, (uint32_t)s[0] | (uint32_t)s[1] << 16);
    compile_emit_word(c, s[2]);
    compile_emit_word(c, x);
    compile_emit_word(c, y);
    return MOTE_OK;
}

COMPILE_FN(compile_table_grow)
{
    (void)row;
    uint32_t x = 0;
    TRY(read_table(c, &x));
    cval n, init;
    TRY(compile_pop(c, index_type(c, x), &n));
    TRY(compile_pop(c, table_type(c, x), &init));
    uint16_t is = compile_operand(c, &init), ns = compile_table_operand(c, &n, table_is64(c, x));
    emit_pin(c, table_type(c, x), is);
    compile_emit_op(c, OP_table_grow);
    compile_note_dst(c, init.home);
    compile_emit_word(c, (uint32_t)init.home | (uint32_t)is << 16);
    compile_emit_word(c, ns);
    compile_emit_word(c, x);
    return push_table_size(c, x, init.home, OP_i64_from_grow);
}

COMPILE_FN(compile_table_size)
{
    (void)row;
    uint32_t x = 0;
    TRY(read_table(c, &x));
    uint16_t d = compile_home_at(c, c->nvals);
    compile_emit_op(c, OP_table_size);
    compile_note_dst(c, d);
    compile_emit_word(c, d);
    compile_emit_word(c, x);
    return push_table_size(c, x, d, OP_i64_extend_i32_u);
}

COMPILE_FN(compile_table_fill)
{
    (void)row;
    uint32_t x = 0;
    uint16_t s[3];
    TRY(read_table(c, &x));
    TRY(pop3n(c, index_type(c, x), table_type(c, x), index_type(c, x), table_is64(c, x) ? 5u : 0u,
              s));
    emit_pin(c, table_type(c, x), s[1]);
    compile_emit_op(c, OP_table_fill);
    compile_emit_word(c, (uint32_t)s[0] | (uint32_t)s[1] << 16);
    compile_emit_word(c, s[2]);
    compile_emit_word(c, x);
    return MOTE_OK;
}

/* ---- stack and constants ----------------------------------------------------------- */

COMPILE_FN(compile_drop)
{
    (void)row;
    cval v;
    TRY(compile_pop(c, 0, &v));
    compile_forget_dst(c);
    return MOTE_OK;
}

COMPILE_FN(compile_const)
{
    reader *r = &c->r;
    uint64_t bits = 0;
    int64_t v = 0;
    uint32_t w = 0;
    bool ok;
    switch (row->arg) {
    case MOTE_I32:
        ok = rd_sleb(r, 32, &v);
        bits = (uint32_t)(int32_t)v;
        break;
    case MOTE_I64:
        ok = rd_sleb(r, 64, &v);
        bits = (uint64_t)v;
        break;
    case MOTE_F32:
        ok = rd_u32_le(r, &w);
        bits = w;
        break;
    default: ok = rd_u64_le(r, &bits); break;
    }
    if (!ok)
        return compile_fail_read(c);
    return compile_push(c, row->arg, K_CONST, 0, bits);
}
