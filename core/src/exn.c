/*
 * exn.c -- exceptions at run time: where they live, and finding the
 * handler that catches one.
 *
 * Storage.  An exception is a record (struct mote_exception: its tag, its
 * size, flags, then the payload) in the top end of the value stack of the
 * call it was thrown on: the records fill [ex->stack_end, ex->stack_limit)
 * one after another, and frames may use the stack only below stack_end,
 * which every call already checks.  So an instance that never throws pays
 * nothing, and an exception costs its own size only.
 *
 * Records nothing refers to any more are found by a conservative mark: a
 * record is live if a slot of the live stack (up to the current frame's
 * end) holds its address, if it is being thrown, if it is pinned (stored in
 * a global or a table, where the scan does not look), or if a live
 * record's payload holds its address.  A guest cannot forge one: it cannot
 * learn a record's address, and a candidate is taken only if it is the
 * start of a real record.  When an exception does not fit, the dead
 * records become free (and the region shrinks if the lowest are free); a
 * new one goes into the first free record big enough, else below the
 * region.  Each new call (mote_call) frees everything not pinned.
 *
 * Handlers.  Each function with try_table or try has a handler table after
 * its code (compile_eh.c): its try ranges in start order, each with its
 * catch clauses and the range to try next.  Unwinding looks up the
 * innermost range holding the pc, tries its clauses, follows the next
 * range, and when none is left pops the frame and goes on in the caller --
 * a loop over frame records, so the native stack does not grow with the
 * wasm call depth.
 */
#include <string.h>

#include "compile_eh.h"
#include "runtime.h"

#define EXN_MAGIC 0x45780000u /* flags' high half on every record */
#define EXN_MAGIC_MASK 0xFFFF0000u
#define EXN_MARK 1u
#define EXN_PINNED 2u
#define EXN_SCANNED 4u /* marked and its payload scanned */
#define HEADER_SLOTS 2u

_Static_assert(sizeof(mote_exception) == HEADER_SLOTS * sizeof(mote_slot), "exception header");

static mote_exception *at(mote_slot *s)
{
    return (mote_exception *)s;
}

static mote_slot *next_record(mote_exception *e)
{
    return (mote_slot *)e + e->slots;
}

/* The record starting at address p, if p is one. */
static mote_exception *record_at(exec *ex, const void *p)
{
    mote_slot *lo = ex->stack_end, *hi = ex->stack_limit;
    if ((const mote_slot *)p < lo || (const mote_slot *)p >= hi || ((uintptr_t)p & 7))
        return NULL;
    if ((at((mote_slot *)p)->flags & EXN_MAGIC_MASK) != EXN_MAGIC)
        return NULL; /* the quick test; the walk below decides */
    for (mote_slot *s = lo; s < hi; s = next_record(at(s)))
        if (s == p)
            return at(s);
        else if (s > (const mote_slot *)p)
            return NULL;
    return NULL;
}

static bool mark(exec *ex, const void *p)
{
    mote_exception *e = record_at(ex, p);
    if (!e || !e->tag || (e->flags & EXN_MARK))
        return false;
    e->flags |= EXN_MARK;
    return true;
}

/* Marks from the roots, then through payloads until nothing changes.
 * Payloads refer to older records, which are usually higher up, so one
 * pass from the bottom mostly suffices. */
static void mark_all(exec *ex, mote_slot *top)
{
    for (mote_slot *s = ex->stack_end; s < ex->stack_limit; s = next_record(at(s)))
        at(s)->flags &= ~(EXN_MARK | EXN_SCANNED);
    for (mote_slot *s = ex->stack; s < top && s < ex->stack_end; s++)
        mark(ex, s->ref);
    if (ex->exn)
        mark(ex, ex->exn);
    for (mote_slot *s = ex->stack_end; s < ex->stack_limit; s = next_record(at(s)))
        if (at(s)->tag && (at(s)->flags & EXN_PINNED))
            at(s)->flags |= EXN_MARK;
    bool again = true;
    while (again) {
        again = false;
        for (mote_slot *s = ex->stack_end; s < ex->stack_limit; s = next_record(at(s))) {
            mote_exception *e = at(s);
            if ((e->flags & (EXN_MARK | EXN_SCANNED)) != EXN_MARK)
                continue;
            e->flags |= EXN_SCANNED;
            for (uint32_t i = 0; i + HEADER_SLOTS < e->slots; i++)
                if (mark(ex, e->payload[i].ref) && (mote_slot *)e->payload[i].ref < s)
                    again = true; /* a record below: another pass */
        }
    }
}

/* Frees the unmarked records, merges free neighbours, and gives the free
 * records at the bottom back to the stack. */
static void sweep(exec *ex)
{
    mote_exception *free_run = NULL;
    for (mote_slot *s = ex->stack_end; s < ex->stack_limit; s = next_record(at(s))) {
        mote_exception *e = at(s);
        if (!(e->flags & EXN_MARK))
            e->tag = NULL;
        if (e->tag) {
            free_run = NULL;
            continue;
        }
        if (free_run) {
            free_run->slots += e->slots; /* the walk continues after it */
        } else {
            free_run = e;
        }
    }
    while (ex->stack_end < ex->stack_limit && !at(ex->stack_end)->tag)
        ex->stack_end = next_record(at(ex->stack_end));
}

static void collect(exec *ex, mote_slot *top)
{
    mark_all(ex, top);
    sweep(ex);
}

/* A free record of at least `slots`, split if bigger; NULL if none. */
static mote_exception *first_fit(exec *ex, uint32_t slots)
{
    for (mote_slot *s = ex->stack_end; s < ex->stack_limit; s = next_record(at(s))) {
        mote_exception *e = at(s);
        if (e->tag || e->slots < slots)
            continue;
        if (e->slots >= slots + HEADER_SLOTS) { /* the rest stays a free record */
            mote_exception *rest = at(s + slots);
            rest->tag = NULL;
            rest->slots = e->slots - slots;
            rest->flags = EXN_MAGIC;
            e->slots = slots;
        }
        return e;
    }
    return NULL;
}

/* Room for `slots` below the region, above `top`. */
static mote_exception *grow_down(exec *ex, mote_slot *top, uint32_t slots)
{
    if (top > ex->stack_end || (size_t)(ex->stack_end - top) < slots)
        return NULL;
    ex->stack_end -= slots;
    mote_exception *e = at(ex->stack_end);
    e->slots = slots;
    return e;
}

mote_slot *exn_live_top(const exec *ex)
{
    const mote_instance *inst = ex->cur;
    if (ex->pc == ex->stub) { /* a host function called by mote_call */
        const mod_type *t = ex->callee->type;
        uint32_t n = t->param_slots > t->result_slots ? t->param_slots : t->result_slots;
        return ex->stack + n;
    }
    uint32_t f = instance_func_at(inst, ex->pc);
    if (f == MOTE_NO_FUNC) /* cannot happen; keep everything */
        return ex->stack_end;
    uint32_t frame_slots = inst->code[MOD_FUNCS(inst->module)[f].code - 2];
    return ex->fp + frame_slots;
}

mote_exception *exn_new(exec *ex, mote_slot *top, mote_tag *tag)
{
    uint32_t slots = HEADER_SLOTS + tag->param_slots;
    mote_exception *e = first_fit(ex, slots);
    if (!e)
        e = grow_down(ex, top, slots);
    if (!e) {
        collect(ex, top);
        e = first_fit(ex, slots);
        if (!e)
            e = grow_down(ex, top, slots);
    }
    if (!e)
        return NULL;
    e->tag = tag;
    e->flags = EXN_MAGIC;
    memset(e->payload, 0, (size_t)tag->param_slots * sizeof(mote_slot));
    return e;
}

void exn_pin(mote_exception *e)
{
    if (e)
        e->flags |= EXN_PINNED;
}

void exn_reset(exec *ex)
{
    ex->exn = NULL;
    if (ex->stack_end != ex->stack_limit)
        collect(ex, ex->stack);
}

/* ---- unwinding --------------------------------------------------------------- */

/* Delivers ex->exn to clause c of the frame at fp; returns where to go on. */
static const uint32_t *deliver(exec *ex, mote_instance *inst, mote_slot *fp, const uint32_t *c)
{
    mote_exception *e = ex->exn;
    uint32_t dest = c[1] & 0xFFFF, exn_slot = c[1] >> 16;
    if (c[0] != EH_CATCH_ALL)
        memcpy((uint8_t *)fp + dest, e->payload, (size_t)e->tag->param_slots * sizeof(mote_slot));
    if (exn_slot != EH_NO_SLOT) {
        mote_slot *s = (mote_slot *)((uint8_t *)fp + exn_slot);
        s->u64 = 0;
        s->exn = e;
    }
    return inst->code + c[2];
}

/* The handler of function code word w (in inst), or NULL. */
static const uint32_t *find_handler(exec *ex, const mote_instance *inst, uint32_t w)
{
    uint32_t fi = instance_func_at(inst, inst->code + w);
    if (fi == MOTE_NO_FUNC)
        return NULL;
    uint32_t table = MOD_FUNCS(inst->module)[fi].handlers;
    if (table == NO_INDEX)
        return NULL;
    const uint32_t *t = inst->code + table;
    uint32_t nranges = t[0];
    const uint32_t *ranges = t + 1, *clauses = t + 1 + EH_RANGE_WORDS * nranges;
    uint32_t r = nranges;
    while (r-- > 0) { /* the innermost range holding w: the last */
        const uint32_t *g = ranges + EH_RANGE_WORDS * r;
        if (g[0] <= w && w < g[1])
            break;
    }
    mote_tag *tag = ex->exn->tag;
    while (r < nranges) {
        const uint32_t *g = ranges + EH_RANGE_WORDS * r;
        for (uint32_t k = 0; k < g[4]; k++) {
            const uint32_t *c = clauses + EH_CLAUSE_WORDS * (g[3] + k);
            if (c[0] == EH_CATCH_ALL || (mote_tag *)inst->tags[c[0]].p == tag)
                return c;
        }
        r = g[2]; /* the enclosing range, or the delegate target */
    }
    return NULL;
}

bool exn_unwind(exec *ex, const uint32_t **pcp, mote_slot **fpp, frame **frp, mote_instance **instp,
                bool returned)
{
    const uint32_t *pc = *pcp;
    mote_slot *fp = *fpp;
    frame *fr = *frp;
    mote_instance *inst = *instp;
    for (;;) {
        if (pc == ex->stub || pc == ex->stub + 1)
            return false; /* back at mote_call: nothing caught it */
        uint32_t w = (uint32_t)(pc - inst->code) - (returned ? 1 : 0);
        const uint32_t *c = find_handler(ex, inst, w);
        if (c) {
            *pcp = deliver(ex, inst, fp, c);
            ex->exn = NULL; /* caught: the frame holds it now, if anything */
            *fpp = fp;
            *frp = fr;
            *instp = inst;
            return true;
        }
        fr--; /* the caller's frame */
        pc = fr->pc;
        fp = fr->fp;
        inst = fr->inst;
        returned = true;
    }
}
