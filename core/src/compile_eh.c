/*
 * compile_eh.c -- exception handling: throw, throw_ref, try_table, and the
 * legacy try/catch/catch_all/delegate/rethrow that clang emits for C++.
 *
 * Entering a try costs nothing at run time: the compiler records the code
 * range of each try body and its catch clauses, and writes them as the
 * function's handler table after its code (compile_eh.h).  A throw looks
 * the table up (exn.c).
 *
 * A catch clause of try_table branches to a label with the payload (and
 * the exception's reference): the unwinder writes them straight into the
 * label's homes, then jumps to a landing pad -- the label's branch, with
 * nothing to move -- which sits before the body behind a jump over it.
 * A legacy catch clause is code inside the try block: the unwinder writes
 * the payload into the homes of the clause's values and jumps to it; the
 * exception itself goes to a slot of the frame reserved for each depth of
 * nested catch clauses (below the constants), where rethrow finds it.
 */
#include "compile.h"
#include "compile_eh.h"

#include <string.h>

#define MOTE_MSG_TAG "ce" /* this file's message codes (error.h) */

struct eh_range {
    uint32_t start, end, next, first, count;
};

struct eh_clause {
    uint32_t range, tag;
    uint16_t dest, exn;
    uint32_t target;
};

void compile_eh_reset(compiler *c)
{
    c->ranges = NULL;
    c->clauses = NULL;
    c->nranges = c->ranges_cap = 0;
    c->nclauses = c->clauses_cap = 0;
    c->catch_depth = c->catch_max = 0;
}

/* The range of the innermost try body at or outside control depth `from`
 * (try_table, or a try still in its body), or NO_INDEX: the caller. */
static uint32_t enclosing_range(compiler *c, uint32_t from)
{
    for (uint32_t d = from; d < c->nctrl; d++) {
        const cframe *f = compile_frame_at(c, d);
        if (f->kind == F_TRY_TABLE || f->kind == F_TRY)
            return f->eh_range >= 0 ? (uint32_t)f->eh_range : NO_INDEX;
    }
    return NO_INDEX;
}

static uint32_t here(const compiler *c)
{
    return c->base + c->pos;
}

/* Starts the range of try frame f (the innermost frame) at the current
 * point; dead code gets none. */
static mote_status open_range(compiler *c, cframe *f)
{
    f->eh_range = -1;
    if (!c->live)
        return MOTE_OK;
    if (c->nranges == c->ranges_cap &&
        !compile_grow(c, (void **)&c->ranges, &c->ranges_cap, sizeof(struct eh_range)))
        return compile_fail(c, MOTE_ERR_NO_MEMORY, "out of arena space for exception handlers");
    struct eh_range *r = &c->ranges[c->nranges];
    r->start = r->end = here(c);
    r->next = enclosing_range(c, 1);
    r->first = r->count = 0;
    f->eh_range = (int32_t)c->nranges++;
    return MOTE_OK;
}

static mote_status add_clause(compiler *c, uint32_t range, uint32_t tag, uint16_t dest,
                              uint16_t exn)
{
    if (c->nclauses == c->clauses_cap &&
        !compile_grow(c, (void **)&c->clauses, &c->clauses_cap, sizeof(struct eh_clause)))
        return compile_fail(c, MOTE_ERR_NO_MEMORY, "out of arena space for exception handlers");
    struct eh_clause *k = &c->clauses[c->nclauses++];
    k->range = range;
    k->tag = tag;
    k->dest = dest;
    k->exn = exn;
    k->target = here(c);
    return MOTE_OK;
}

mote_status compile_eh_end(compiler *c, cframe *f)
{
    if (f->kind == F_CATCH)
        c->catch_depth--;
    else if (f->eh_range >= 0)
        c->ranges[f->eh_range].end = here(c);
    return MOTE_OK;
}

mote_status compile_eh_finish(compiler *c, uint32_t *table)
{
    *table = NO_INDEX;
    if (c->nranges == 0)
        return MOTE_OK;
    c->live = true;
    *table = here(c);
    /* Clauses are grouped by range: a legacy try's clauses may be recorded
     * around those of the tries inside its handlers. */
    for (uint32_t r = 0; r < c->nranges; r++)
        c->ranges[r].count = 0;
    for (uint32_t k = 0; k < c->nclauses; k++)
        c->ranges[c->clauses[k].range].count++;
    uint32_t first = 0;
    compile_emit_word(c, c->nranges);
    for (uint32_t r = 0; r < c->nranges; r++) {
        struct eh_range *g = &c->ranges[r];
        g->first = first;
        first += g->count;
        compile_emit_word(c, g->start);
        compile_emit_word(c, g->end);
        compile_emit_word(c, g->next);
        compile_emit_word(c, g->first);
        compile_emit_word(c, g->count);
        g->count = 0; /* from here: clauses placed so far */
    }
    uint32_t at = c->pos;
    for (uint32_t k = 0; k < EH_CLAUSE_WORDS * c->nclauses; k++)
        compile_emit_word(c, 0);
    if (!c->code)
        return MOTE_OK;
    for (uint32_t k = 0; k < c->nclauses; k++) {
        const struct eh_clause *cl = &c->clauses[k];
        struct eh_range *g = &c->ranges[cl->range];
        uint32_t *w = &c->code[at + EH_CLAUSE_WORDS * (g->first + g->count++)];
        w[0] = cl->tag;
        w[1] = cl->dest | (uint32_t)cl->exn << 16;
        w[2] = cl->target;
    }
    return MOTE_OK;
}

/* ---- throw ---------------------------------------------------------------------- */

static mote_status read_tag(compiler *c, uint32_t *tag, const mod_type **type)
{
    if (!rd_u32(&c->r, tag))
        return compile_fail_read(c);
    if (*tag >= c->m->ntags)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown tag %u", *tag);
    *type = &MOD_TYPES(c->m)[MOD_TAGS(c->m)[*tag].type];
    return MOTE_OK;
}

/* throw x: the payload is taken like a call's arguments, side by side. */
COMPILE_FN(compile_throw)
{
    (void)row;
    uint32_t tag = 0;
    const mod_type *t = NULL;
    TRY(read_tag(c, &tag, &t));
    uint16_t argbase;
    TRY(compile_take_args(c, t, &argbase));
    compile_emit_op(c, OP_throw);
    compile_emit_word(c, tag);
    compile_emit_word(c, argbase);
    compile_set_unreachable(c);
    return MOTE_OK;
}

COMPILE_FN(compile_throw_ref)
{
    (void)row;
    cval v;
    TRY(compile_pop(c, VT_EXNREF, &v));
    uint16_t a = compile_operand(c, &v);
    compile_emit_op(c, OP_throw_ref);
    compile_emit_word(c, a);
    compile_set_unreachable(c);
    return MOTE_OK;
}

/* ---- try_table -------------------------------------------------------------------- */

enum { CATCH, CATCH_REF, CATCH_ALL, CATCH_ALL_REF };

typedef struct catch_clause {
    uint8_t kind;
    uint32_t tag, depth;
} catch_clause;

static mote_status read_clause(compiler *c, catch_clause *k)
{
    if (!rd_byte(&c->r, &k->kind))
        return compile_fail_read(c);
    if (k->kind > CATCH_ALL_REF)
        return compile_fail(c, MOTE_ERR_MALFORMED, "malformed catch clause");
    k->tag = EH_CATCH_ALL;
    if (k->kind <= CATCH_REF) {
        const mod_type *t;
        TRY(read_tag(c, &k->tag, &t));
    }
    return compile_read_label(c, &k->depth);
}

/* A clause delivers its tag's payload, then (the _ref kinds) a non-null
 * exception reference: the label must take exactly those. */
static mote_status check_clause(compiler *c, const catch_clause *k)
{
    const vtype *want;
    uint32_t n = compile_label_arity(compile_frame_at(c, k->depth), &want);
    const vtype *give = NULL;
    uint32_t ngive = 0;
    if (k->tag != EH_CATCH_ALL) {
        const mod_type *t = &MOD_TYPES(c->m)[MOD_TAGS(c->m)[k->tag].type];
        give = type_params(c->m, t);
        ngive = t->nparams;
    }
    bool ref = k->kind == CATCH_REF || k->kind == CATCH_ALL_REF;
    if (n != ngive + ref)
        return compile_fail(c, MOTE_ERR_INVALID,
                            "type mismatch: the catch clause's label takes %u "
                            "values, the clause gives %u",
                            n, ngive + ref);
    for (uint32_t i = 0; i < ngive; i++)
        if (!types_sub(give[i], want[i]))
            return compile_type_mismatch(c, want[i], give[i]);
    if (ref && !types_sub(vt_as_non_null(VT_EXNREF), want[n - 1]))
        return compile_type_mismatch(c, want[n - 1], vt_as_non_null(VT_EXNREF));
    return MOTE_OK;
}

/* A landing pad: the label's values are home already; go there. */
static void emit_pad(compiler *c, cframe *f)
{
    if (f->kind != F_FUNC) {
        compile_emit_op(c, f->kind == F_LOOP ? OP_br_back : OP_br);
        compile_emit_target(c, f);
        return;
    }
    const vtype *types;
    uint32_t n = compile_label_arity(f, &types);
    if (n == 1 && valtype_slots(types[0]) == 1) {
        compile_emit_op(c, OP_ret1);
        compile_emit_word(c, f->label_home);
        return;
    }
    uint16_t end = compile_label_slot(f, types, n); /* ascending: never overtakes */
    for (uint16_t s = f->label_home, d = 0; s < end; s = (uint16_t)(s + 8), d = (uint16_t)(d + 8))
        compile_emit_da(c, OP_copy, d, s);
    compile_emit_op(c, OP_ret);
}

/* Block entry shared by try_table and try: params checked and home. */
static mote_status enter_block(compiler *c, uint32_t np, const vtype *params)
{
    TRY(compile_check_values(c, params, np, false, true));
    if (c->live) {
        compile_materialize_all_locals(c);
        for (uint32_t i = c->nvals - np; i < c->nvals; i++)
            compile_materialize(c, i);
    }
    return MOTE_OK;
}

COMPILE_FN(compile_try_table)
{
    (void)row;
    uint32_t np, nr, n;
    const vtype *params, *results;
    vtype one = VT_BOT;
    TRY(compile_read_blocktype(c, &np, &params, &nr, &results, &one));
    if (!rd_u32(&c->r, &n))
        return compile_fail_read(c);
    if (n > rd_left(&c->r))
        return compile_fail(c, MOTE_ERR_MALFORMED, "unexpected end");
    /* The clauses' labels are those around the try_table. */
    reader clauses = c->r;
    for (uint32_t i = 0; i < n; i++) {
        catch_clause k;
        TRY(read_clause(c, &k));
        TRY(check_clause(c, &k));
    }
    TRY(enter_block(c, np, params));
    uint32_t first = c->nclauses;
    if (c->live && n) {
        int32_t skip = -1;
        compile_emit_op(c, OP_br);
        compile_emit_skip_target(c, &skip);
        reader after = c->r;
        c->r = clauses;
        for (uint32_t i = 0; i < n; i++) {
            catch_clause k;
            read_clause(c, &k);
            cframe *f = compile_frame_at(c, k.depth);
            const vtype *types;
            uint32_t arity = compile_label_arity(f, &types);
            bool ref = k.kind == CATCH_REF || k.kind == CATCH_ALL_REF;
            uint16_t exn = ref ? compile_label_slot(f, types, arity - 1) : EH_NO_SLOT;
            TRY(add_clause(c, NO_INDEX, k.tag, f->label_home, exn));
            emit_pad(c, f);
        }
        c->r = after;
        compile_resolve_chain(c, skip);
    }
    cframe *f;
    TRY(compile_push_frame(c, F_TRY_TABLE, np, params, nr, results, one, &f));
    TRY(open_range(c, f));
    for (uint32_t k = first; k < c->nclauses; k++)
        c->clauses[k].range = (uint32_t)f->eh_range;
    return MOTE_OK;
}

/* ---- the legacy instructions ---------------------------------------------------------- */

COMPILE_FN(compile_try)
{
    (void)row;
    uint32_t np, nr;
    const vtype *params, *results;
    vtype one = VT_BOT;
    TRY(compile_read_blocktype(c, &np, &params, &nr, &results, &one));
    TRY(enter_block(c, np, params));
    cframe *f;
    TRY(compile_push_frame(c, F_TRY, np, params, nr, results, one, &f));
    return open_range(c, f);
}

/*
 * catch x / catch_all: ends the try body (or the previous clause), whose
 * values go to the end like else's; the clause starts with the payload on
 * the stack and the exception in the slot of this catch depth.
 */
COMPILE_FN(compile_catch)
{
    bool all = row->arg;
    cframe *f = compile_frame_at(c, 0);
    if (f->kind != F_TRY && f->kind != F_CATCH)
        return compile_fail(c, MOTE_ERR_INVALID, "catch without a matching try");
    uint32_t tag = EH_CATCH_ALL;
    const mod_type *t = NULL;
    if (!all)
        TRY(read_tag(c, &tag, &t));
    TRY(compile_check_values(c, frame_results(f), f->nresults, true, true));
    if (f->kind == F_TRY) {
        if (f->eh_range >= 0)
            c->ranges[f->eh_range].end = here(c);
        f->kind = F_CATCH;
        f->exn_slot = (uint16_t)(c->hidden_base + 8 * c->catch_depth++);
        if (c->catch_depth > c->catch_max)
            c->catch_max = c->catch_depth;
    }
    compile_leave_arm(c, f);
    f->unreachable = 0;
    compile_reset_inits(c, f);
    while (c->nvals > f->height) {
        cval discard;
        TRY(compile_pop(c, VT_BOT, &discard));
    }
    compile_forget_dst(c);
    if (c->live && f->eh_range >= 0)
        TRY(add_clause(c, (uint32_t)f->eh_range, tag, f->label_home, f->exn_slot));
    for (uint32_t i = 0; t && i < t->nparams; i++)
        TRY(compile_push(c, type_params(c->m, t)[i], K_TEMP, 0, 0));
    return MOTE_OK;
}

/* delegate l: a try without clauses whose exceptions go on to the try at
 * label l (counted from outside this one), or to the caller. */
COMPILE_FN(compile_delegate)
{
    cframe *f = compile_frame_at(c, 0);
    if (f->kind != F_TRY)
        return compile_fail(c, MOTE_ERR_INVALID, "delegate without a matching try");
    uint32_t depth;
    if (!rd_u32(&c->r, &depth))
        return compile_fail_read(c);
    if (depth + 1 >= c->nctrl)
        return compile_fail(c, MOTE_ERR_INVALID, "unknown label %u", depth);
    if (f->eh_range >= 0) {
        struct eh_range *g = &c->ranges[f->eh_range];
        g->end = here(c);
        g->next = enclosing_range(c, depth + 1);
        f->eh_range = -1;
    }
    f->kind = F_BLOCK;
    return compile_end(c, row);
}

/* rethrow l: throws again the exception caught by the catch clause at l. */
COMPILE_FN(compile_rethrow)
{
    (void)row;
    uint32_t depth;
    TRY(compile_read_label(c, &depth));
    const cframe *f = compile_frame_at(c, depth);
    if (f->kind != F_CATCH)
        return compile_fail(c, MOTE_ERR_INVALID, "invalid rethrow label");
    compile_emit_op(c, OP_throw_ref);
    compile_emit_word(c, f->exn_slot);
    compile_set_unreachable(c);
    return MOTE_OK;
}
