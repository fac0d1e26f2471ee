/*
 * compile_control.c -- blocks, branches, calls and returns.
 *
 * Values that flow to a label go to the label's homes: the homes of the
 * stack positions where the block's results (or a loop's params) sit after
 * the block.  A branch copies its values there; falling off the end of a
 * block brings them home where they already are.  Forward branches are
 * chained through their own offset words until the label is placed.
 */
#include "compile.h"

#include <string.h>

#define MOTE_MSG_TAG "cc" /* this file's message codes (error.h) */

/* ---- labels ----------------------------------------------------------------- */

uint32_t compile_label_arity(const cframe *f, const vtype **types)
{
    if (f->kind == F_LOOP) {
        *types = frame_params(f);
        return f->nparams;
    }
    *types = frame_results(f);
    return f->nresults;
}

/* Home of the i-th value of a label. */
uint16_t compile_label_slot(const cframe *f, const vtype *types, uint32_t i)
{
    uint32_t off = f->label_home;
    for (uint32_t j = 0; j < i; j++)
        off += 8 * valtype_slots(types[j]);
    return (uint16_t)off;
}

static mote_status check_short(compiler *c, uint32_t avail, uint32_t n)
{
    return compile_fail(c, MOTE_ERR_INVALID, "type mismatch: %u values on the stack, %u expected",
                        avail, n);
}

/*
 * Checks that the top of the stack holds values of `types`.  With `exact`,
 * nothing else may be above the current frame's base (block ends).  In
 * unreachable code missing values are supplied, so the stack afterwards
 * always holds n entries of the right types.  Without `retype` (branches
 * that leave the code unreachable anyway) the stack is only checked: a
 * polymorphic stack can meet labels of different types.
 */
mote_status compile_check_values(compiler *c, const vtype *types, uint32_t n, bool exact,
                                 bool retype)
{
    cframe *f = compile_frame_at(c, 0);
    uint32_t avail = c->nvals - f->height;
    if (exact && avail > n) {
        return compile_fail(c, MOTE_ERR_INVALID,
                            "type mismatch: %u values left on the stack, %u expected", avail, n);
    }
    for (uint32_t i = 0; i < n && i < avail; i++) {
        cval *v = &c->vals[c->nvals - 1 - i];
        vtype want = types[n - 1 - i];
        if (!types_sub(v->type, want))
            return compile_type_mismatch(c, want, v->type);
        if (retype)
            v->type = want;
    }
    if (avail >= n)
        return MOTE_OK;
    if (!f->unreachable)
        return check_short(c, avail, n);
    if (!retype)
        return MOTE_OK;
    /* Unreachable code: rebuild the values with the right types. */
    while (c->nvals > f->height) {
        cval discard;
        TRY(compile_pop(c, 0, &discard));
    }
    for (uint32_t i = 0; i < n; i++)
        TRY(compile_push(c, types[i], K_TEMP, 0, 0));
    return MOTE_OK;
}

/* Copies the top values to the label's homes (read-only on the stack state). */
static void emit_label_moves(compiler *c, const cframe *f)
{
    const vtype *types;
    uint32_t n = compile_label_arity(f, &types);
    uint32_t first = c->nvals - n;
    for (uint32_t i = 0; i < n; i++)
        compile_emit_move(c, compile_label_slot(f, types, i), &c->vals[first + i]);
}

bool compile_values_in_place(compiler *c, const cframe *f)
{
    const vtype *types;
    uint32_t n = compile_label_arity(f, &types);
    uint32_t first = c->nvals - n;
    for (uint32_t i = 0; i < n; i++) {
        const cval *v = &c->vals[first + i];
        if (v->kind != K_TEMP || v->home != compile_label_slot(f, types, i))
            return false;
    }
    return true;
}

/* Emits the branch-offset word: chained if forward, resolved if backward. */
void compile_emit_target(compiler *c, cframe *f)
{
    if (!c->live)
        return;
    if (f->kind == F_LOOP) {
        compile_emit_word(c, (uint32_t)((int32_t)f->loop_pos - (int32_t)c->pos));
    } else {
        int32_t w = (int32_t)c->pos;
        compile_emit_word(c, (uint32_t)f->fixups);
        f->fixups = w;
        f->targeted = 1;
    }
}

void compile_emit_skip_target(compiler *c, int32_t *chain)
{
    if (!c->live)
        return;
    int32_t w = (int32_t)c->pos;
    compile_emit_word(c, (uint32_t)*chain);
    *chain = w;
}

/* Places a label: every branch in the chain now lands here. */
void compile_resolve_chain(compiler *c, int32_t chain)
{
    if (chain < 0)
        return;
    compile_forget_dst(c);
    if (!c->code)
        return;
    int32_t here = (int32_t)c->pos;
    while (chain >= 0) {
        int32_t next = (int32_t)c->code[chain];
        c->code[chain] = (uint32_t)(here - chain);
        chain = next;
    }
}

/* ---- returns -------------------------------------------------------------- */

/* Returns the function's results, which are on top of the stack. */
static void emit_return(compiler *c)
{
    const mod_type *t = c->type;
    const vtype *types = type_results(c->m, t);
    uint32_t n = t->nresults;
    if (!c->live)
        return;
    if (n == 0) {
        compile_emit_op(c, OP_ret);
        return;
    }
    uint32_t first = c->nvals - n;
    if (n == 1 && valtype_slots(types[0]) == 1) {
        cval *v = &c->vals[first];
        uint16_t src = v->kind == K_LOCAL ? v->src : v->home;
        if (v->kind == K_CONST || v->kind == K_ADDK || v->kind == K_ADD2)
            compile_emit_move(c, v->home, v);
        compile_emit_op(c, OP_ret1);
        compile_emit_word(c, src);
        return;
    }
    /* Results go to slots 0..; first bring each home (homes lie above all
     * locals, so no result overwrites a local another result still needs),
     * then copy down in ascending order (destinations never pass sources). */
    for (uint32_t i = 0; i < n; i++)
        if (c->vals[first + i].kind != K_TEMP)
            compile_emit_move(c, c->vals[first + i].home, &c->vals[first + i]);
    uint16_t dst = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t src = c->vals[first + i].home;
        for (unsigned s = 0; s < valtype_slots(types[i]); s++)
            if (src + 8 * s != dst + 8 * s)
                compile_emit_da(c, OP_copy, (uint16_t)(dst + 8 * s), (uint16_t)(src + 8 * s));
        dst = (uint16_t)(dst + 8 * valtype_slots(types[i]));
    }
    compile_emit_op(c, OP_ret);
}

/* An unconditional jump to label f with its values. */
void compile_emit_branch(compiler *c, cframe *f)
{
    if (!c->live)
        return;
    if (f->kind == F_FUNC) {
        emit_return(c);
        return;
    }
    emit_label_moves(c, f);
    compile_emit_op(c, f->kind == F_LOOP ? OP_br_back : OP_br);
    compile_emit_target(c, f);
}

/* ---- conditional branches ------------------------------------------------- */

static const uint8_t negated_cmp[10] = {1, 0, 8, 9, 6, 7, 4, 5, 2, 3};

#define X(name, len)
#define BRCMP_ROW(cmp) {OP_br_##cmp, OP_br_##cmp##_i, OP_br_##cmp##_back, OP_br_##cmp##_i_back},
static const uint16_t br_cmp_ops[10][4] = {MOTE_INT_COMPARES(BRCMP_ROW)};
#define BR64_ROW(cmp) {OP_br64_##cmp, OP_br64_##cmp##_back},
static const uint16_t br64_cmp_ops[10][2] = {MOTE_INT_COMPARES(BR64_ROW)};
#define ADDI_ROW(cmp) {OP_addi_br_##cmp##_back, OP_addi_br_##cmp##_i_back},
static const uint16_t addi_br_ops[10][2] = {MOTE_INT_COMPARES(ADDI_ROW)};
#undef X

/*
 * Branches when `cond` is true (when_true) or false, to label `f` (may be a
 * loop: then backward) or, if f is NULL, to a local chain.  A compare that
 * produced cond as the previous instruction is fused into the branch.
 */
static void emit_cond_branch(compiler *c, cval *cond, bool when_true, cframe *f, int32_t *chain)
{
    if (!c->live)
        return;
    bool back = f && f->kind == F_LOOP;
    pending_cmp p = c->cmp;
    bool fuse = MOTE_WITH_FUSED && p.pos >= 0 && cond->kind == K_TEMP && cond->home == p.home &&
                c->last_dst == p.pos + 1;
    if (fuse) {
        c->pos = (uint32_t)p.pos; /* drop the compare; the branch does it */
        uint8_t cmp = when_true ? p.cmp : negated_cmp[p.cmp];
        /* A loop tail "x = a + k; if (x CMP b) continue": one instruction. */
        bool addi = back && c->addi.pos >= 0 && c->addi.pos + 3 == p.pos && c->addi.d == p.a &&
                    (p.form == 1 || (p.form == 0 && p.b != c->addi.d));
        if (addi) {
            c->pos = (uint32_t)c->addi.pos;
            compile_emit_op(c, (op)addi_br_ops[cmp][p.form]);
            compile_emit_word(c, (uint32_t)c->addi.d | (uint32_t)c->addi.a << 16);
            compile_emit_word(c, c->addi.k);
            compile_emit_word(c, p.form == 1 ? p.imm : p.b);
            c->addi.pos = -1;
            compile_emit_target(c, f);
            return;
        }
        switch (p.form) {
        case 0:
            compile_emit_op(c, (op)br_cmp_ops[cmp][back ? 2 : 0]);
            compile_emit_word(c, (uint32_t)p.a | (uint32_t)p.b << 16);
            break;
        case 1:
            compile_emit_op(c, (op)br_cmp_ops[cmp][back ? 3 : 1]);
            compile_emit_word(c, p.a);
            compile_emit_word(c, p.imm);
            break;
        case 2:
            compile_emit_op(c, (op)br64_cmp_ops[cmp][back ? 1 : 0]);
            compile_emit_word(c, (uint32_t)p.a | (uint32_t)p.b << 16);
            break;
        default: { /* i32.eqz: branch on the operand being zero */
            bool on_zero = when_true;
            compile_emit_op(c, on_zero ? (back ? OP_br_ifz_back : OP_br_ifz)
                                       : (back ? OP_br_if_back : OP_br_if));
            compile_emit_word(c, p.a);
            break;
        }
        }
    } else if (MOTE_WITH_FUSED && back && cond->kind == K_LOCAL && c->addi.pos >= 0 &&
               c->addi.pos + 3 == (int32_t)c->pos && c->addi.d == cond->src) {
        /* "x = a + k; br_if loop (x)": the add and a test against 0 */
        c->pos = (uint32_t)c->addi.pos;
        compile_emit_op(c, (op)addi_br_ops[when_true ? 1 : 0][1]);
        compile_emit_word(c, (uint32_t)c->addi.d | (uint32_t)c->addi.a << 16);
        compile_emit_word(c, c->addi.k);
        compile_emit_word(c, 0);
        c->addi.pos = -1;
    } else {
        uint16_t a = compile_operand(c, cond);
        op o = when_true ? (back ? OP_br_if_back : OP_br_if) : (back ? OP_br_ifz_back : OP_br_ifz);
        compile_emit_op(c, o);
        compile_emit_word(c, a);
    }
    if (f)
        compile_emit_target(c, f);
    else
        compile_emit_skip_target(c, chain);
}

/* ---- block entry ---------------------------------------------------------- */

mote_status compile_read_blocktype(compiler *c, uint32_t *np, const vtype **params, uint32_t *nr,
                                   const vtype **results, vtype *one)
{
    reader *r = &c->r;
    if (rd_left(r) == 0)
        return compile_fail(c, MOTE_ERR_MALFORMED, "unexpected end");
    uint8_t b = *r->p;
    *np = *nr = 0;
    *params = *results = NULL;
    if (b == 0x40) {
        r->p++;
        return MOTE_OK;
    }
    if ((b & 0xC0) == 0x40) { /* a negative one-byte s33: a value type */
        TRY(compile_read_valtype(c, one));
        *nr = 1;
        return MOTE_OK;
    }
    int64_t idx;
    if (!rd_sleb(r, 33, &idx))
        return compile_failf(c, MOTE_ERR_MALFORMED, "%m", r->err);
    if (idx < 0 || (uint64_t)idx >= c->m->ntypes)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown type %ld", (int64_t)idx);
    const mod_type *t = &MOD_TYPES(c->m)[idx];
    *np = t->nparams;
    *params = type_params(c->m, t);
    *nr = t->nresults;
    *results = type_results(c->m, t);
    return MOTE_OK;
}

/* Pushes a control frame over the top np values (already type-checked). */
mote_status compile_push_frame(compiler *c, uint8_t kind, uint32_t np, const vtype *params,
                               uint32_t nr, const vtype *results, vtype one, cframe **out)
{
    if (!compile_ctrl_reserve(c))
        return compile_fail(c, MOTE_ERR_NO_MEMORY, "out of arena space for the control stack");
    cframe *f = &c->ctrl[c->nctrl++];
    compile_frame_clear(f);
    f->kind = kind;
    f->live_in = c->live;
    f->height = c->nvals - np;
    f->nparams = np;
    f->params = params;
    f->nresults = nr;
    f->results = results;
    f->one = one;
    f->init_height = c->ninits;
    f->label_home = compile_home_at(c, f->height);
    f->fixups = -1;
    f->else_fixup = -1;
    f->eh_range = -1;
    *out = f;
    return MOTE_OK;
}

void compile_reset_inits(compiler *c, const cframe *f)
{
    while (c->ninits > f->init_height)
        c->local_set[c->inits[--c->ninits]] = 0;
}

COMPILE_FN(compile_block)
{
    uint8_t kind = row->arg;
    uint32_t np, nr;
    const vtype *params, *results;
    vtype one = VT_BOT;
    TRY(compile_read_blocktype(c, &np, &params, &nr, &results, &one));
    cval cond; /* compile_pop() sets every field */
    cond.kind = K_TEMP;
    if (kind == F_IF)
        TRY(compile_pop(c, MOTE_I32, &cond));
    TRY(compile_check_values(c, params, np, false, true));
    /* Values that live on across the block must sit in their homes: a local
     * may change inside, and branches deliver params/results to homes. */
    if (c->live) {
        compile_materialize_all_locals(c);
        for (uint32_t i = c->nvals - np; i < c->nvals; i++)
            compile_materialize(c, i);
    }
    cframe *f = NULL;
    TRY(compile_push_frame(c, kind, np, params, nr, results, one, &f));
    if (kind == F_LOOP) {
        f->loop_pos = c->pos;
        compile_forget_dst(c); /* the loop head is a branch target */
    } else if (kind == F_IF) {
        emit_cond_branch(c, &cond, false, NULL, &f->else_fixup);
    }
    return MOTE_OK;
}

/* ---- block exit ---------------------------------------------------------- */

mote_status compile_leave_frame(compiler *c, cframe *f, bool live_after)
{
    while (c->nvals > f->height) {
        cval discard;
        c->nvals--;
        discard = c->vals[c->nvals];
        if (kind_is_lazy(discard.kind))
            c->nlazy--;
    }
    uint32_t nr = f->nresults;
    const vtype *results = frame_results(f);
    compile_reset_inits(c, f);
    c->nctrl--;
    c->live = live_after;
    for (uint32_t i = 0; i < nr; i++)
        TRY(compile_push(c, results[i], K_TEMP, 0, 0));
    return MOTE_OK;
}

/* An arm of a block ends (else, a catch clause): its results go to their
 * homes and, if the arm's end is reachable, it jumps to the block's end;
 * the next arm is reachable as the block's entry was. */
void compile_leave_arm(compiler *c, cframe *f)
{
    if (c->live) {
        for (uint32_t i = c->nvals - f->nresults; i < c->nvals; i++)
            compile_materialize(c, i);
        compile_emit_op(c, OP_br);
        compile_emit_target(c, f);
    }
    c->live = f->live_in;
}

COMPILE_FN(compile_else)
{
    (void)row;
    cframe *f = compile_frame_at(c, 0);
    if (f->kind != F_IF)
        return compile_fail(c, MOTE_ERR_INVALID, "else without a matching if");
    TRY(compile_check_values(c, frame_results(f), f->nresults, true, true));
    compile_leave_arm(c, f);
    compile_resolve_chain(c, f->else_fixup);
    f->else_fixup = -1;
    f->kind = F_ELSE;
    f->unreachable = 0;
    compile_reset_inits(c, f);
    while (c->nvals > f->height) {
        cval discard;
        TRY(compile_pop(c, 0, &discard));
    }
    for (uint32_t i = 0; i < f->nparams; i++)
        TRY(compile_push(c, frame_params(f)[i], K_TEMP, 0, 0));
    compile_forget_dst(c);
    return MOTE_OK;
}

COMPILE_FN(compile_end)
{
    (void)row;
    cframe *f = compile_frame_at(c, 0);
    TRY(compile_check_values(c, frame_results(f), f->nresults, true, true));
    if (f->kind == F_IF) {
        /* no else: the false path carries the params through unchanged */
        bool same = f->nparams == f->nresults;
        for (uint32_t i = 0; same && i < f->nparams; i++)
            same = types_sub(frame_params(f)[i], frame_results(f)[i]);
        if (!same)
            return compile_fail(c, MOTE_ERR_INVALID,
                                "type mismatch: if without else must not change the stack");
    }
    if (MOTE_WITH_EXCEPTIONS && f->kind >= F_TRY_TABLE)
        TRY(compile_eh_end(c, f));
    if (c->live)
        for (uint32_t i = c->nvals - f->nresults; i < c->nvals; i++)
            compile_materialize(c, i);
    if (f->kind == F_FUNC) {
        emit_return(c);
        c->nctrl--;
        c->body_done = true;
        return MOTE_OK;
    }
    bool live_after = c->live || f->targeted || (f->kind == F_IF && f->live_in);
    if (f->kind == F_IF)
        compile_resolve_chain(c, f->else_fixup);
    compile_resolve_chain(c, f->fixups);
    if (f->kind == F_IF || f->targeted)
        compile_forget_dst(c);
    return compile_leave_frame(c, f, live_after);
}

/* ---- branches -------------------------------------------------------------- */

mote_status compile_read_label(compiler *c, uint32_t *depth)
{
    if (!rd_u32(&c->r, depth))
        return compile_fail_read(c);
    if (*depth >= c->nctrl)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown label %u", *depth);
    return MOTE_OK;
}

COMPILE_FN(compile_br)
{
    (void)row;
    uint32_t depth = 0;
    TRY(compile_read_label(c, &depth));
    cframe *f = compile_frame_at(c, depth);
    const vtype *types;
    uint32_t n = compile_label_arity(f, &types);
    TRY(compile_check_values(c, types, n, false, false));
    compile_emit_branch(c, f);
    compile_set_unreachable(c);
    return MOTE_OK;
}

COMPILE_FN(compile_br_if)
{
    (void)row;
    uint32_t depth = 0;
    TRY(compile_read_label(c, &depth));
    cval cond;
    TRY(compile_pop(c, MOTE_I32, &cond));
    cframe *f = compile_frame_at(c, depth);
    const vtype *types;
    uint32_t n = compile_label_arity(f, &types);
    TRY(compile_check_values(c, types, n, false, true));
    if (!c->live)
        return MOTE_OK;
    if (f->kind != F_FUNC && compile_values_in_place(c, f)) {
        emit_cond_branch(c, &cond, true, f, NULL);
    } else {
        int32_t skip = -1;
        emit_cond_branch(c, &cond, false, NULL, &skip);
        compile_emit_branch(c, f);
        compile_resolve_chain(c, skip);
    }
    return MOTE_OK;
}

/*
 * br_on_null L: branch with the values below the reference when it is
 * null, else go on with it as non-null.  br_on_non_null L: branch with
 * the values and the (non-null) reference when it is not null, else drop
 * it and go on.  Either way the branch is one instruction when the
 * label's values are already home, else the opposite test skips a
 * branch that moves them.
 */
COMPILE_FN(compile_br_on_null)
{
    bool on_non_null = row->arg;
    uint32_t depth = 0;
    TRY(compile_read_label(c, &depth));
    cval ref;
    TRY(compile_pop(c, VT_BOT, &ref));
    if (ref.type && !vt_is_ref(ref.type))
        return compile_fail(c, MOTE_ERR_INVALID, "type mismatch: expected a reference, got %s",
                            mote_valtype_name(types_class(ref.type)));
    vtype nonnull = vt_as_non_null(ref.type);
    cframe *f = compile_frame_at(c, depth);
    const vtype *types;
    uint32_t n = compile_label_arity(f, &types);
    if (on_non_null) {
        if (n == 0)
            return compile_fail(c, MOTE_ERR_INVALID,
                                "type mismatch: br_on_non_null needs a label "
                                "that takes a reference");
        if (!types_sub(nonnull, types[n - 1]))
            return compile_type_mismatch(c, types[n - 1], nonnull);
        n--;
    }
    TRY(compile_check_values(c, types, n, false, true));
    uint16_t a = c->live ? compile_operand(c, &ref) : 0;
    if (on_non_null)
        TRY(compile_push(c, nonnull, ref.kind, ref.src, ref.k));
    if (c->live) {
        op direct = on_non_null ? OP_br_on_non_null : OP_br_on_null;
        op skip_op = on_non_null ? OP_br_on_null : OP_br_on_non_null;
        if (f->kind != F_FUNC && compile_values_in_place(c, f)) {
            compile_emit_op(c, direct);
            compile_emit_word(c, a);
            compile_emit_target(c, f);
        } else {
            int32_t skip = -1;
            compile_emit_op(c, skip_op);
            compile_emit_word(c, a);
            compile_emit_skip_target(c, &skip);
            compile_emit_branch(c, f);
            compile_resolve_chain(c, skip);
        }
    }
    if (on_non_null) {
        cval dropped;
        return compile_pop(c, VT_BOT, &dropped);
    }
    return compile_push(c, nonnull, ref.kind, ref.src, ref.k);
}

/* One br_table entry: jump straight to the label when nothing needs doing,
 * else to a stub (shared by entries with the same label) that moves the
 * values and jumps.  Backward and return targets always use a stub. */
static void emit_table_entry(compiler *c, uint32_t word, cframe *f)
{
    int32_t target;
    if (f->kind != F_FUNC && f->kind != F_LOOP && compile_values_in_place(c, f)) {
        if (c->code) {
            c->code[word] = (uint32_t)f->fixups;
        }
        f->fixups = (int32_t)word;
        f->targeted = 1;
        return;
    }
    if (f->stub_stamp != c->stamp) {
        f->stub_stamp = c->stamp;
        f->stub_pos = c->pos;
        compile_emit_branch(c, f);
    }
    target = (int32_t)f->stub_pos;
    if (c->code)
        c->code[word] = (uint32_t)(target - (int32_t)word);
}

COMPILE_FN(compile_br_table)
{
    (void)row;
    reader *r = &c->r;
    uint32_t count, depth = 0;
    if (!rd_u32(r, &count))
        return compile_failf(c, MOTE_ERR_MALFORMED, "%m", r->err);
    if (count > rd_left(r))
        return compile_fail(c, MOTE_ERR_MALFORMED, "unexpected end");
    reader labels = *r;
    for (uint32_t i = 0; i <= count; i++)
        TRY(compile_read_label(c, &depth)); /* the last one is the default */
    cval index;
    TRY(compile_pop(c, MOTE_I32, &index));
    const vtype *types;
    uint32_t arity = compile_label_arity(compile_frame_at(c, depth), &types);
    reader check = labels;
    for (uint32_t i = 0; i <= count; i++) {
        uint32_t d = 0;
        rd_u32(&check, &d);
        if (compile_label_arity(compile_frame_at(c, d), &types) != arity)
            return compile_fail(c, MOTE_ERR_INVALID,
                                "type mismatch: br_table labels differ in arity");
        TRY(compile_check_values(c, types, arity, false, false));
    }
    if (c->live) {
        uint16_t a = compile_operand(c, &index);
        compile_emit_op(c, OP_br_table);
        compile_emit_word(c, a);
        compile_emit_word(c, count);
        uint32_t table = c->pos;
        for (uint32_t i = 0; i <= count; i++)
            compile_emit_word(c, 0);
        c->stamp++;
        reader emit = labels;
        for (uint32_t i = 0; i <= count; i++) {
            uint32_t d = 0;
            rd_u32(&emit, &d);
            emit_table_entry(c, table + i, compile_frame_at(c, d));
        }
    }
    compile_set_unreachable(c);
    return MOTE_OK;
}

COMPILE_FN(compile_return)
{
    (void)row;
    TRY(compile_check_values(c, type_results(c->m, c->type), c->type->nresults, false, false));
    emit_return(c);
    compile_set_unreachable(c);
    return MOTE_OK;
}

/* ---- calls ---------------------------------------------------------------- */

/* Checks and homes the arguments; returns the home of the first one. */
mote_status compile_take_args(compiler *c, const mod_type *t, uint16_t *argbase)
{
    const vtype *params = type_params(c->m, t);
    TRY(compile_check_values(c, params, t->nparams, false, true));
    uint32_t first = c->nvals - t->nparams;
    if (c->live)
        for (uint32_t i = first; i < c->nvals; i++)
            compile_materialize(c, i);
    *argbase = compile_home_at(c, first);
    while (c->nvals > first) {
        cval discard;
        TRY(compile_pop(c, 0, &discard));
    }
    return MOTE_OK;
}

mote_status compile_push_results(compiler *c, const mod_type *t)
{
    const vtype *results = type_results(c->m, t);
    for (uint32_t i = 0; i < t->nresults; i++)
        TRY(compile_push(c, results[i], K_TEMP, 0, 0));
    compile_forget_dst(c);
    return MOTE_OK;
}

/* A tail call must return what the caller returns (or subtypes of it). */
static bool same_results(const compiler *c, const mod_type *t)
{
    if (t->nresults != c->type->nresults)
        return false;
    const vtype *have = type_results(c->m, t), *want = type_results(c->m, c->type);
    for (uint32_t i = 0; i < t->nresults; i++)
        if (!types_sub(have[i], want[i]))
            return false;
    return true;
}

/* Emits the word that locates defined function `callee`'s entry. */
static void emit_call_target(compiler *c, uint32_t callee)
{
    mod_func *g = &c->funcs[callee];
    uint32_t w = c->base + c->pos;
    if (callee <= c->func) {
        compile_emit_word(c, g->code - w); /* compiled or being compiled */
    } else if (c->live && c->code) {
        compile_emit_word(c, g->code); /* wait in the callee's chain */
        g->code = w;
    } else {
        compile_emit_word(c, 0);
    }
}

COMPILE_FN(compile_call)
{
    bool tail = row->arg;
    uint32_t fi;
    if (!rd_u32(&c->r, &fi))
        return compile_fail_read(c);
    if (fi >= c->m->nfuncs)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown function %u", fi);
    const mod_type *t = &MOD_TYPES(c->m)[c->funcs[fi].type];
    if (tail && !same_results(c, t))
        return compile_fail(c, MOTE_ERR_INVALID, "type mismatch: tail call result types differ");
    uint16_t argbase;
    TRY(compile_take_args(c, t, &argbase));
    bool imported = fi < c->m->nfunc_imports;
    if (imported) {
        compile_emit_op(c, tail ? OP_return_call_import : OP_call_import);
        compile_emit_word(c, fi);
    } else {
        compile_emit_op(c, tail ? OP_return_call : OP_call);
        emit_call_target(c, fi);
    }
    compile_emit_word(c, argbase);
    if (tail) {
        compile_set_unreachable(c);
        return MOTE_OK;
    }
    return compile_push_results(c, t);
}

COMPILE_FN(compile_call_indirect)
{
    bool tail = row->arg;
    uint32_t ti, table;
    if (!rd_u32(&c->r, &ti) || !rd_u32(&c->r, &table))
        return compile_fail_read(c);
    if (ti >= c->m->ntypes)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown type %u", ti);
    if (table >= c->m->ntables)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown table %u", table);
    if (!types_sub(MOD_TABLES(c->m)[table].elem_type, VT_FUNCREF))
        return compile_fail(c, MOTE_ERR_INVALID,
                            "type mismatch: call_indirect needs a funcref table");
    const mod_type *t = &MOD_TYPES(c->m)[ti];
    if (tail && !same_results(c, t))
        return compile_fail(c, MOTE_ERR_INVALID, "type mismatch: tail call result types differ");
    bool is64 = MOTE_WITH_MEMORY64 && MOD_TABLES(c->m)[table].is64;
    cval index;
    TRY(compile_pop(c, is64 ? MOTE_I64 : MOTE_I32, &index));
    uint16_t argbase;
    TRY(compile_take_args(c, t, &argbase));
    uint16_t idx = compile_table_operand(c, &index, is64);
    compile_emit_op(c, tail ? OP_return_call_indirect : OP_call_indirect);
    compile_emit_word(c, t->canon);
    compile_emit_word(c, table);
    compile_emit_word(c, (uint32_t)idx | (uint32_t)argbase << 16);
    if (tail) {
        compile_set_unreachable(c);
        return MOTE_OK;
    }
    return compile_push_results(c, t);
}

/* call_ref $t, return_call_ref $t: the callee is a (ref null $t) on top of
 * its arguments.  Validation proves its type, so the call checks only that
 * it is not null. */
COMPILE_FN(compile_call_ref)
{
    bool tail = row->arg;
    uint32_t ti;
    if (!rd_u32(&c->r, &ti))
        return compile_fail_read(c);
    if (tail && !(c->m->features & MOTE_FEATURE_TAIL_CALL))
        return compile_fail(c, MOTE_ERR_MALFORMED, "illegal opcode 0x15");
    if (tail && !feature_built(FG_TAIL_CALL))
        return feature_unsupported(c->err, FG_TAIL_CALL, c->op_offset);
    if (ti >= c->m->ntypes)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown type %u", ti);
    const mod_type *t = &MOD_TYPES(c->m)[ti];
    if (tail && !same_results(c, t))
        return compile_fail(c, MOTE_ERR_INVALID, "type mismatch: tail call result types differ");
    cval callee;
    TRY(compile_pop(c, vt_ref(true, HT_CONCRETE, t->canon), &callee));
    uint16_t argbase;
    TRY(compile_take_args(c, t, &argbase));
    uint16_t fs = compile_operand(c, &callee);
    compile_emit_op(c, tail ? OP_return_call_ref : OP_call_ref);
    compile_emit_word(c, (uint32_t)fs | (uint32_t)argbase << 16);
    if (tail) {
        compile_set_unreachable(c);
        return MOTE_OK;
    }
    return compile_push_results(c, t);
}

/* ---- the simple ones -------------------------------------------------------- */

COMPILE_FN(compile_unreachable)
{
    (void)row;
    compile_emit_op(c, OP_unreachable);
    compile_set_unreachable(c);
    return MOTE_OK;
}

COMPILE_FN(compile_nop)
{
    (void)c;
    (void)row;
    return MOTE_OK;
}
