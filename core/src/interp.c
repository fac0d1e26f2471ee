/*
 * interp.c -- the interpreter loop.
 *
 * Registers: pc (the next instruction word), fp (the frame's first slot),
 * fr (the next free call-frame record), inst (the instance whose code runs),
 * mem/mem_size (its memory 0), and budget (steps left before the next fuel
 * check).  Wasm calls push a frame record and jump; they never recurse on
 * the C stack, so native stack use is the same at any call depth.
 *
 * With GCC or Clang each handler ends in its own indirect jump (threaded
 * code: the handler word is the handler's offset from a base label).
 * Elsewhere, or with MOTE_SWITCH_DISPATCH, a switch does the same job.
 */
#include <string.h>

#include "error.h"
#include "feature_groups.h"
#include "numeric.h"
#include "ops.h"
#include "runtime.h"
#include "types.h"
#if MOTE_WITH_SIMD
#include "simd.h"
#endif

#if (defined(__GNUC__) || defined(__clang__)) && !defined(MOTE_SWITCH_DISPATCH)
#define MOTE_THREADED 1
#else
#define MOTE_THREADED 0
#endif

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

/*
 * Operands are read as halfwords straight from the code: on every target
 * that is one load each (ldrh, lhu, movzwl) rather than a word load and a
 * shift or mask.  p points at an operand word: LO is its low half (the
 * first operand, e.g. d), HI its high half.
 */
static inline uint32_t rd16(const void *p)
{
    uint16_t v;
    memcpy(&v, __builtin_assume_aligned(p, 2), sizeof v);
    return v;
}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "mote's code and slot layouts assume a little-endian CPU"
#endif
/* clang-format off */
#define LO(p) rd16(p)
#define HI(p) rd16((const uint8_t *)(p) + 2)
#define LOV(w) ((w) & 0xFFFFu)
#define HIV(w) ((w) >> 16)
#define SLOT(off) (*(mote_slot *)((uint8_t *)fp + (off)))
#define AT(base, off) ((mote_slot *)((uint8_t *)(base) + (off)))
/* clang-format on */

#define FUEL_CHUNK 0x10000

/*
 * Bounds of a memory access: address + offset (33 bits in wasm) + size
 * must not pass the memory's size.  A 64-bit CPU does that in 64-bit
 * arithmetic; a 32-bit one, whose memories are below 4 GiB anyway, in
 * 32-bit arithmetic with carries, keeping the size in one register.
 * Declares `ea`, or traps.
 */
/* clang-format off */
#if UINTPTR_MAX > 0xFFFFFFFFu
typedef uint64_t msize_t;
#define CHECKED_EA(addr, off, n)                                      \
    uint64_t ea = (uint64_t)(addr) + (off);                           \
    if (UNLIKELY(ea + (n) > mem_size))                                \
        TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS)
#else
typedef uint32_t msize_t;
#define CHECKED_EA(addr, off, n)                                      \
    uint32_t ea, ea_end_;                                             \
    if (UNLIKELY(__builtin_add_overflow((uint32_t)(addr), (uint32_t)(off), &ea) || \
                 __builtin_add_overflow(ea, (uint32_t)(n), &ea_end_) ||           \
                 ea_end_ > mem_size))                                 \
        TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS)
#endif
/* clang-format on */

#ifdef MOTE_PROFILE
/* Developer aid (switch dispatch only): the embedder defines this to count
 * executed instructions by op number. */
void mote_profile_count(uint32_t op);
#endif

static int32_t take_fuel(exec *ex)
{
    if (ex->fuel == MOTE_FUEL_OFF)
        return FUEL_CHUNK;
    int64_t take = ex->fuel < FUEL_CHUNK ? ex->fuel : FUEL_CHUNK;
    ex->fuel -= take;
    return (int32_t)take;
}

static void give_back_fuel(exec *ex, int32_t budget)
{
    if (ex->fuel != MOTE_FUEL_OFF)
        ex->fuel += budget;
}

/* The comparisons, for the fused branches and the value-producing forms. */
#define C_eq(a, b, S) ((a) == (b))
#define C_ne(a, b, S) ((a) != (b))
#define C_lt_s(a, b, S) ((S)(a) < (S)(b))
#define C_lt_u(a, b, S) ((a) < (b))
#define C_gt_s(a, b, S) ((S)(a) > (S)(b))
#define C_gt_u(a, b, S) ((a) > (b))
#define C_le_s(a, b, S) ((S)(a) <= (S)(b))
#define C_le_u(a, b, S) ((a) <= (b))
#define C_ge_s(a, b, S) ((S)(a) >= (S)(b))
#define C_ge_u(a, b, S) ((a) >= (b))

/* The address operand of a memory op on memory m: its address type. */
static inline uint64_t address_in(const mote_memory *m, mote_slot v)
{
    return m->is64 ? v.u64 : v.u32;
}

/* Is [a + off, a + off + n) inside m?  In 64 bits, with the carry. */
static inline bool range_in(const mote_memory *m, uint64_t a, uint64_t off, uint64_t n,
                            uint64_t *ea)
{
    return !__builtin_add_overflow(a, off, ea) && *ea <= m->size && n <= m->size - *ea;
}

/* The function a call_indirect reaches through table entry i, or NULL with
 * the trap in *why.  [op][type][table][i|args] */
static inline mote_func *resolve_indirect(mote_instance *inst, const uint32_t *pc, uint32_t i,
                                          mote_trap *why)
{
    mote_table *t = (mote_table *)inst->tables[pc[2]].p;
    if (UNLIKELY(i >= t->size)) {
        *why = MOTE_TRAP_UNDEFINED_ELEMENT;
        return NULL;
    }
    mote_func *f = t->elems[i].func;
    if (UNLIKELY(!f)) {
        *why = MOTE_TRAP_UNINITIALIZED_ELEMENT;
        return NULL;
    }
    const mod_type *want = &MOD_TYPES(inst->module)[pc[1]];
    if (UNLIKELY(f->type != want) &&
        !types_func_equal(inst->module, want, f->inst->module, f->type)) {
        *why = MOTE_TRAP_INDIRECT_CALL_TYPE;
        return NULL;
    }
    return f;
}

/* Calls host function f with its arguments (and then its results) at
 * args.  The state is saved first: the host may pause the call, or call
 * into the instance.  Kept out of the loop so that the loop's registers
 * stay with pc, fp and the frames. */
static __attribute__((noinline)) mote_status call_host(exec *ex, mote_instance *inst,
                                                       const mote_func *f, mote_slot *args,
                                                       const uint32_t *pc, mote_slot *fp, frame *fr)
{
    host_binding *h = &f->inst->hosts[f->index];
    inst->host_ex = ex; /* where mote_host_throw() records */
    ex->pc = pc;
    ex->fp = fp;
    ex->fr = fr;
    ex->cur = inst;
    return h->fn(inst, args, h->user);
}

/* clang-format off */
/* Calls zero a few locals and move a few arguments: loops beat a call to
 * memset/memmove there, so GCC must not turn them into one. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
static mote_status run(mote_instance *owner, const int32_t **table_out)
{
    /* The handler table has a section of its own so that a build tool can
     * read it from this object file: precompiled images (image.c) are
     * compiled with the table of the firmware that will run them. */
#if MOTE_THREADED
    static const int32_t handlers[OP_COUNT_] __attribute__((section(".rodata.mote_handlers"))) = {
#define X(name, len) [OP_##name] = &&L_##name - &&L_exit,
        MOTE_OPS(X)
#undef X
    };
#define OP(name) L_##name: __attribute__((unused)); if (!OPBUILT_##name) goto unbuilt;
#define NEXT() goto *(const void *)((const char *)&&L_exit + (int32_t)*pc)
#else
    static const int32_t handlers[OP_COUNT_] __attribute__((section(".rodata.mote_handlers"))) = {
#define X(name, len) [OP_##name] = OP_##name,
        MOTE_OPS(X)
#undef X
    };
#define OP(name) case OP_##name: if (!OPBUILT_##name) goto unbuilt;
#define NEXT() goto dispatch
#endif
    /* clang-format on */
    /* The handlers of a feature group left out of the build (feature_groups.h)
     * are compiled out: OPBUILT_<name> is 0 for their ops (ops.h's
     * MOTE_OPS_LEFT_OUT), so each label leads to `unbuilt` and the body after it
     * is dead code.  Nothing refers to the label either (hence `unused`): the
     * ops have no entry in the handler table.  The loader refuses modules that
     * use such a group, so their ops are never emitted. */
    if (table_out) {
        *table_out = handlers;
        return MOTE_OK;
    }

    exec *ex = &owner->ex;
    const uint32_t *pc = ex->pc;
    mote_slot *fp = ex->fp;
    frame *fr = ex->fr;
    mote_instance *inst = ex->cur;
    uint8_t *mem;
    msize_t mem_size;
    int32_t budget = take_fuel(ex);
    mote_status result = MOTE_OK;
    mote_trap trap_kind = MOTE_TRAP_NONE;

    /* shared by the call paths */
    const uint32_t *target, *ret;
    mote_slot *nfp, *src;
    mote_func *f;
    mote_instance *callee_inst;
    bool returned; /* unwinding from a return address */

/* Only what every few instructions needs lives in locals (registers);
 * the rest is read through inst or ex when used, which leaves registers
 * for pc, fp and the frame pointer. */
/* Memory 0's base and size, again after anything that may grow it: a
 * memory that is not the arena's last block moves when it grows. */
#define RELOAD_MEM()                                         \
    do {                                                     \
        mem = inst->mem ? inst->mem->base : NULL;            \
        mem_size = inst->mem ? (msize_t)inst->mem->size : 0; \
    } while (0)
#define LOAD_INST() RELOAD_MEM()
#define TRAP(k)          \
    do {                 \
        trap_kind = (k); \
        goto trap;       \
    } while (0)
#define FUEL_STEP()                                            \
    do {                                                       \
        if (UNLIKELY(--budget < 0) || UNLIKELY(ex->interrupt)) \
            goto fuel_slow;                                    \
    } while (0)
/* Leaves the instruction: the next one starts OPLEN_<name> words on. */
#define DONE(name)          \
    do {                    \
        pc += OPLEN_##name; \
        NEXT();             \
    } while (0)
/* Takes the branch: its offset is the instruction's last word, and counts
 * from that word. */
#define JUMP(name)                                              \
    do {                                                        \
        pc += OPLEN_##name - 1 + (int32_t)pc[OPLEN_##name - 1]; \
        NEXT();                                                 \
    } while (0)
/* A conditional branch; a backward one pays a unit of fuel when taken. */
#define BRANCH_IF(name, cond, back) \
    do {                            \
        if (cond) {                 \
            if (back)               \
                FUEL_STEP();        \
            JUMP(name);             \
        }                           \
        DONE(name);                 \
    } while (0)
#define GLOBAL(i) ((mote_global *)inst->globals[i].p)
#define MEMORY(i) ((mote_memory *)inst->mems[i].p)
#define TABLE(i) ((mote_table *)inst->tables[i].p)

    LOAD_INST();
    (void)mem;

#if MOTE_THREADED
    NEXT();
#else
dispatch:
#ifdef MOTE_PROFILE
    mote_profile_count(*pc);
#endif
    switch ((op)*pc) {
#endif

    /* ---- control ---------------------------------------------------------- */

    OP(exit) {
        result = MOTE_OK;
        goto finish;
    }
    OP(enter) {
        f = (mote_func *)ex->callee;
        nfp = fp;
        ret = pc + 1;
        goto do_call_func;
    }
    OP(kload) { /* [kbase | n << 16][offset of the constant table] */
        const uint32_t *w = pc + 1;
        memcpy(AT(fp, LO(w)), pc + 2 + (int32_t)pc[2], (size_t)HI(w) * sizeof(mote_slot));
        DONE(kload);
    }
    OP(unreachable) {
        TRAP(MOTE_TRAP_UNREACHABLE);
    }
    OP(nop) {
        DONE(nop);
    }
    OP(br) {
        JUMP(br);
    }
    OP(br_back) {
        FUEL_STEP();
        JUMP(br_back);
    }
    OP(br_if) {
        BRANCH_IF(br_if, SLOT(pc[1]).u32, 0);
    }
    OP(br_ifz) {
        BRANCH_IF(br_ifz, !SLOT(pc[1]).u32, 0);
    }
    OP(br_if_back) {
        BRANCH_IF(br_if_back, SLOT(pc[1]).u32, 1);
    }
    OP(br_ifz_back) {
        BRANCH_IF(br_ifz_back, !SLOT(pc[1]).u32, 1);
    }
    OP(br_table) {
        uint32_t i = SLOT(pc[1]).u32, n = pc[2];
        const uint32_t *w = pc + 3 + (i < n ? i : n);
        pc = w + (int32_t)*w;
        NEXT();
    }

    /* The fused compare-and-branch families: each line names all four
     * (or two) handlers it defines, with the comparison C_<c>. */
#define BR_CMP32(br_c, br_c_i, br_c_back, br_c_i_back, c)                          \
    OP(br_c) {                                                                     \
        const uint32_t *w = pc + 1;                                                \
        BRANCH_IF(br_c, C_##c(SLOT(LO(w)).u32, SLOT(HI(w)).u32, int32_t), 0);      \
    }                                                                              \
    OP(br_c_i) {                                                                   \
        BRANCH_IF(br_c_i, C_##c(SLOT(pc[1]).u32, pc[2], int32_t), 0);              \
    }                                                                              \
    OP(br_c_back) {                                                                \
        const uint32_t *w = pc + 1;                                                \
        BRANCH_IF(br_c_back, C_##c(SLOT(LO(w)).u32, SLOT(HI(w)).u32, int32_t), 1); \
    }                                                                              \
    OP(br_c_i_back) {                                                              \
        BRANCH_IF(br_c_i_back, C_##c(SLOT(pc[1]).u32, pc[2], int32_t), 1);         \
    }
#define BR_CMP64(br64_c, br64_c_back, c)                                             \
    OP(br64_c) {                                                                     \
        const uint32_t *w = pc + 1;                                                  \
        BRANCH_IF(br64_c, C_##c(SLOT(LO(w)).u64, SLOT(HI(w)).u64, int64_t), 0);      \
    }                                                                                \
    OP(br64_c_back) {                                                                \
        const uint32_t *w = pc + 1;                                                  \
        BRANCH_IF(br64_c_back, C_##c(SLOT(LO(w)).u64, SLOT(HI(w)).u64, int64_t), 1); \
    }
    /* The add's result is written only once the fuel step is paid for, so a
     * pause here re-runs the whole instruction from the old value. */
#define ADDI_BR(name, c, bvalue)                            \
    OP(name) {                                              \
        const uint32_t *w = pc + 1;                         \
        uint32_t v = SLOT(HI(w)).u32 + pc[2], b = (bvalue); \
        if (C_##c(v, b, int32_t)) {                         \
            FUEL_STEP();                                    \
            SLOT(LO(w)).u32 = v;                            \
            JUMP(name);                                     \
        }                                                   \
        SLOT(LO(w)).u32 = v;                                \
        DONE(name);                                         \
    }
#define ADDI_BR_PAIR(addi_br_c_back, addi_br_c_i_back, c) \
    ADDI_BR(addi_br_c_back, c, SLOT(pc[3]).u32)           \
    ADDI_BR(addi_br_c_i_back, c, pc[3])
    BR_CMP32(br_eq, br_eq_i, br_eq_back, br_eq_i_back, eq)
    BR_CMP32(br_ne, br_ne_i, br_ne_back, br_ne_i_back, ne)
    BR_CMP32(br_lt_s, br_lt_s_i, br_lt_s_back, br_lt_s_i_back, lt_s)
    BR_CMP32(br_lt_u, br_lt_u_i, br_lt_u_back, br_lt_u_i_back, lt_u)
    BR_CMP32(br_gt_s, br_gt_s_i, br_gt_s_back, br_gt_s_i_back, gt_s)
    BR_CMP32(br_gt_u, br_gt_u_i, br_gt_u_back, br_gt_u_i_back, gt_u)
    BR_CMP32(br_le_s, br_le_s_i, br_le_s_back, br_le_s_i_back, le_s)
    BR_CMP32(br_le_u, br_le_u_i, br_le_u_back, br_le_u_i_back, le_u)
    BR_CMP32(br_ge_s, br_ge_s_i, br_ge_s_back, br_ge_s_i_back, ge_s)
    BR_CMP32(br_ge_u, br_ge_u_i, br_ge_u_back, br_ge_u_i_back, ge_u)
    BR_CMP64(br64_eq, br64_eq_back, eq)
    BR_CMP64(br64_ne, br64_ne_back, ne)
    BR_CMP64(br64_lt_s, br64_lt_s_back, lt_s)
    BR_CMP64(br64_lt_u, br64_lt_u_back, lt_u)
    BR_CMP64(br64_gt_s, br64_gt_s_back, gt_s)
    BR_CMP64(br64_gt_u, br64_gt_u_back, gt_u)
    BR_CMP64(br64_le_s, br64_le_s_back, le_s)
    BR_CMP64(br64_le_u, br64_le_u_back, le_u)
    BR_CMP64(br64_ge_s, br64_ge_s_back, ge_s)
    BR_CMP64(br64_ge_u, br64_ge_u_back, ge_u)
    ADDI_BR_PAIR(addi_br_eq_back, addi_br_eq_i_back, eq)
    ADDI_BR_PAIR(addi_br_ne_back, addi_br_ne_i_back, ne)
    ADDI_BR_PAIR(addi_br_lt_s_back, addi_br_lt_s_i_back, lt_s)
    ADDI_BR_PAIR(addi_br_lt_u_back, addi_br_lt_u_i_back, lt_u)
    ADDI_BR_PAIR(addi_br_gt_s_back, addi_br_gt_s_i_back, gt_s)
    ADDI_BR_PAIR(addi_br_gt_u_back, addi_br_gt_u_i_back, gt_u)
    ADDI_BR_PAIR(addi_br_le_s_back, addi_br_le_s_i_back, le_s)
    ADDI_BR_PAIR(addi_br_le_u_back, addi_br_le_u_i_back, le_u)
    ADDI_BR_PAIR(addi_br_ge_s_back, addi_br_ge_s_i_back, ge_s)
    ADDI_BR_PAIR(addi_br_ge_u_back, addi_br_ge_u_i_back, ge_u)

    /* ---- calls and returns ------------------------------------------------ */

    OP(ret1) {
        fp[0] = SLOT(pc[1]);
        goto do_ret;
    }
    OP(ret) {
    do_ret:
        fr--;
        pc = fr->pc;
        fp = fr->fp;
        if (UNLIKELY(fr->inst != inst)) {
            inst = fr->inst;
            LOAD_INST();
        }
        NEXT();
    }
    OP(call) {
        target = pc + 1 + (int32_t)pc[1];
        nfp = AT(fp, pc[2]);
        ret = pc + OPLEN_call;
        callee_inst = inst;
        goto do_call_wasm;
    }
    OP(call_import) {
        f = (mote_func *)inst->imports[pc[1]].p;
        nfp = AT(fp, pc[2]);
        ret = pc + OPLEN_call_import;
        goto do_call_func;
    }
    OP(call_indirect) {
        const uint32_t *w = pc + 3;
        f = resolve_indirect(inst, pc, SLOT(LO(w)).u32, &trap_kind);
        if (UNLIKELY(!f))
            goto trap;
        nfp = AT(fp, HI(w));
        ret = pc + OPLEN_call_indirect;
        goto do_call_func;
    }
    OP(return_call) {
        target = pc + 1 + (int32_t)pc[1];
        src = AT(fp, pc[2]);
        callee_inst = inst;
        goto do_tail_wasm;
    }
    OP(return_call_import) {
        f = (mote_func *)inst->imports[pc[1]].p;
        src = AT(fp, pc[2]);
        goto do_tail_func;
    }
    OP(return_call_indirect) {
        const uint32_t *w = pc + 3;
        f = resolve_indirect(inst, pc, SLOT(LO(w)).u32, &trap_kind);
        if (UNLIKELY(!f))
            goto trap;
        src = AT(fp, HI(w));
        goto do_tail_func;
    }
    OP(call_ref) {
        const uint32_t *w = pc + 1;
        f = SLOT(LO(w)).func;
        if (UNLIKELY(!f))
            TRAP(MOTE_TRAP_NULL_FUNCTION);
        nfp = AT(fp, HI(w));
        ret = pc + OPLEN_call_ref;
        goto do_call_func;
    }
    OP(return_call_ref) {
        const uint32_t *w = pc + 1;
        f = SLOT(LO(w)).func;
        if (UNLIKELY(!f))
            TRAP(MOTE_TRAP_NULL_FUNCTION);
        src = AT(fp, HI(w));
        goto do_tail_func;
    }
    OP(br_on_null) {
        BRANCH_IF(br_on_null, SLOT(pc[1]).ref == NULL, 0);
    }
    OP(br_on_non_null) {
        BRANCH_IF(br_on_non_null, SLOT(pc[1]).ref != NULL, 0);
    }
    OP(ref_as_non_null) {
        if (UNLIKELY(SLOT(pc[1]).ref == NULL))
            TRAP(MOTE_TRAP_NULL_REFERENCE);
        DONE(ref_as_non_null);
    }

    /* ---- exceptions (exn.c finds the handler) ------------------------------ */

    OP(throw) {
        mote_tag *tag = (mote_tag *)inst->tags[pc[1]].p;
        ex->pc = pc; /* exn_live_top: where this frame ends */
        ex->fp = fp;
        ex->cur = inst;
        mote_exception *e = exn_new(ex, exn_live_top(ex), tag);
        if (UNLIKELY(!e))
            TRAP(MOTE_TRAP_STACK_EXHAUSTED);
        memcpy(e->payload, AT(fp, pc[2]), (size_t)tag->param_slots * sizeof(mote_slot));
        ex->exn = e;
        returned = false;
        goto do_unwind;
    }
    OP(throw_ref) {
        mote_exception *e = SLOT(pc[1]).exn;
        if (UNLIKELY(!e))
            TRAP(MOTE_TRAP_NULL_EXCEPTION);
        ex->exn = e;
        returned = false;
        goto do_unwind;
    }
    OP(exn_pin) {
        exn_pin(SLOT(pc[1]).exn);
        DONE(exn_pin);
    }

    /* ---- data movement ------------------------------------------------------ */

    OP(copy) {
        const uint32_t *w = pc + 1;
        SLOT(LO(w)) = SLOT(HI(w));
        DONE(copy);
    }
    OP(copy2) {
        const uint32_t *w = pc + 1, *v = pc + 2;
        SLOT(LO(w)) = SLOT(HI(w));
        SLOT(LO(v)) = SLOT(HI(v));
        DONE(copy2);
    }
    OP(const32) {
        SLOT(pc[1]).u32 = pc[2];
        DONE(const32);
    }
    OP(const64) {
        SLOT(pc[1]).u64 = (uint64_t)pc[3] << 32 | pc[2];
        DONE(const64);
    }
    OP(select) {
        const uint32_t *w = pc + 1, *v = pc + 2;
        SLOT(LO(w)) = SLOT(HI(v)).u32 ? SLOT(HI(w)) : SLOT(LO(v));
        DONE(select);
    }
    OP(global_get) {
        SLOT(pc[1]) = GLOBAL(pc[2])->value;
        DONE(global_get);
    }
    OP(global_set) {
        GLOBAL(pc[2])->value = SLOT(pc[1]);
        DONE(global_set);
    }

    /* ---- memory --------------------------------------------------------------- */

    /*
     * Loads and stores, in five address forms: the form names where the
     * base address and the offset are (ADDR_*), and the access is the
     * same for all.  An add folded into the address wraps at 32 bits, as
     * the i32.add it replaces did; the _ar and _ai forms write the new
     * pointer back first, as the add came before the load.
     */
#define ADDR_PLAIN(w) uint32_t base_ = SLOT(HI(w)).u32, off_ = pc[2]
#define ADDR_K(w) uint32_t base_ = SLOT(HI(w)).u32 + pc[2], off_ = pc[3]
#define ADDR_X(w) uint32_t base_ = SLOT(HI(w)).u32 + SLOT(LO(w + 1)).u32, off_ = pc[3]
#define ADDR_AR(w)                                                            \
    uint32_t base_ = SLOT(LO(w + 1)).u32 + SLOT(HI(w + 1)).u32, off_ = pc[3]; \
    SLOT(HI(w)).u32 = base_
#define ADDR_AI(w)                                              \
    uint32_t base_ = SLOT(LO(w + 1)).u32 + pc[3], off_ = pc[4]; \
    SLOT(HI(w)).u32 = base_
#define LOAD(name, ADDR, ctype, field)          \
    OP(name) {                                  \
        const uint32_t *w = pc + 1;             \
        ADDR(w);                                \
        CHECKED_EA(base_, off_, sizeof(ctype)); \
        ctype v;                                \
        memcpy(&v, mem + ea, sizeof v);         \
        SLOT(LO(w)).field = v;                  \
        DONE(name);                             \
    }
#define STORE(name, ADDR, ctype, field)         \
    OP(name) {                                  \
        const uint32_t *w = pc + 1;             \
        ADDR(w);                                \
        CHECKED_EA(base_, off_, sizeof(ctype)); \
        ctype v = (ctype)SLOT(LO(w)).field;     \
        memcpy(mem + ea, &v, sizeof v);         \
        DONE(name);                             \
    }
    LOAD(ld8s, ADDR_PLAIN, int8_t, i64)
    LOAD(ld8u, ADDR_PLAIN, uint8_t, u64)
    LOAD(ld16s, ADDR_PLAIN, int16_t, i64)
    LOAD(ld16u, ADDR_PLAIN, uint16_t, u64)
    LOAD(ld32s, ADDR_PLAIN, int32_t, i64)
    LOAD(ld32u, ADDR_PLAIN, uint32_t, u64)
    LOAD(ld64, ADDR_PLAIN, uint64_t, u64)
    STORE(st8, ADDR_PLAIN, uint8_t, u32)
    STORE(st16, ADDR_PLAIN, uint16_t, u32)
    STORE(st32, ADDR_PLAIN, uint32_t, u32)
    STORE(st64, ADDR_PLAIN, uint64_t, u64)
    LOAD(ld8s_k, ADDR_K, int8_t, i64)
    LOAD(ld8u_k, ADDR_K, uint8_t, u64)
    LOAD(ld16s_k, ADDR_K, int16_t, i64)
    LOAD(ld16u_k, ADDR_K, uint16_t, u64)
    LOAD(ld32s_k, ADDR_K, int32_t, i64)
    LOAD(ld32u_k, ADDR_K, uint32_t, u64)
    LOAD(ld64_k, ADDR_K, uint64_t, u64)
    STORE(st8_k, ADDR_K, uint8_t, u32)
    STORE(st16_k, ADDR_K, uint16_t, u32)
    STORE(st32_k, ADDR_K, uint32_t, u32)
    STORE(st64_k, ADDR_K, uint64_t, u64)
    LOAD(ld8s_x, ADDR_X, int8_t, i64)
    LOAD(ld8u_x, ADDR_X, uint8_t, u64)
    LOAD(ld16s_x, ADDR_X, int16_t, i64)
    LOAD(ld16u_x, ADDR_X, uint16_t, u64)
    LOAD(ld32s_x, ADDR_X, int32_t, i64)
    LOAD(ld32u_x, ADDR_X, uint32_t, u64)
    LOAD(ld64_x, ADDR_X, uint64_t, u64)
    STORE(st8_x, ADDR_X, uint8_t, u32)
    STORE(st16_x, ADDR_X, uint16_t, u32)
    STORE(st32_x, ADDR_X, uint32_t, u32)
    STORE(st64_x, ADDR_X, uint64_t, u64)
    LOAD(ld8s_ar, ADDR_AR, int8_t, i64)
    LOAD(ld8u_ar, ADDR_AR, uint8_t, u64)
    LOAD(ld16s_ar, ADDR_AR, int16_t, i64)
    LOAD(ld16u_ar, ADDR_AR, uint16_t, u64)
    LOAD(ld32s_ar, ADDR_AR, int32_t, i64)
    LOAD(ld32u_ar, ADDR_AR, uint32_t, u64)
    LOAD(ld64_ar, ADDR_AR, uint64_t, u64)
    LOAD(ld8s_ai, ADDR_AI, int8_t, i64)
    LOAD(ld8u_ai, ADDR_AI, uint8_t, u64)
    LOAD(ld16s_ai, ADDR_AI, int16_t, i64)
    LOAD(ld16u_ai, ADDR_AI, uint16_t, u64)
    LOAD(ld32s_ai, ADDR_AI, int32_t, i64)
    LOAD(ld32u_ai, ADDR_AI, uint32_t, u64)
    LOAD(ld64_ai, ADDR_AI, uint64_t, u64)

    /* Any memory, 32- or 64-bit addresses: multiple memories and memory64.
     * [op][dst|addr][memory][offset lo][offset hi]; m and ea for the body. */
/* clang-format off */
#define ACCESS_M(ctype)                                                        \
    const uint32_t *w = pc + 1;                                                \
    mote_memory *m = MEMORY(pc[2]);                                            \
    uint64_t ea;                                                               \
    if (UNLIKELY(!range_in(m, address_in(m, SLOT(HI(w))),                      \
                           (uint64_t)pc[3] | (uint64_t)pc[4] << 32, sizeof(ctype), &ea))) \
        TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS)
/* clang-format on */
#define LOAD_M(name, ctype, field)                  \
    OP(name) {                                      \
        ACCESS_M(ctype);                            \
        ctype v;                                    \
        memcpy(&v, m->base + (size_t)ea, sizeof v); \
        SLOT(LO(w)).field = v;                      \
        DONE(name);                                 \
    }
#define STORE_M(name, ctype, field)                 \
    OP(name) {                                      \
        ACCESS_M(ctype);                            \
        ctype v = (ctype)SLOT(LO(w)).field;         \
        memcpy(m->base + (size_t)ea, &v, sizeof v); \
        DONE(name);                                 \
    }
    LOAD_M(ld8s_m, int8_t, i64)
    LOAD_M(ld8u_m, uint8_t, u64)
    LOAD_M(ld16s_m, int16_t, i64)
    LOAD_M(ld16u_m, uint16_t, u64)
    LOAD_M(ld32s_m, int32_t, i64)
    LOAD_M(ld32u_m, uint32_t, u64)
    LOAD_M(ld64_m, uint64_t, u64)
    STORE_M(st8_m, uint8_t, u32)
    STORE_M(st16_m, uint16_t, u32)
    STORE_M(st32_m, uint32_t, u32)
    STORE_M(st64_m, uint64_t, u64)
    OP(memory_size_m) {
        mote_memory *m = MEMORY(pc[2]);
        SLOT(pc[1]).u64 = bytes_to_pages(m->size, m->page_log2);
        DONE(memory_size_m);
    }
    OP(memory_grow_m) {
        const uint32_t *w = pc + 1;
        mote_memory *m = MEMORY(pc[2]);
        int64_t r = instance_memory_grow(m, address_in(m, SLOT(HI(w))));
        SLOT(LO(w)).u64 = m->is64 ? (uint64_t)r : (uint32_t)r;
        RELOAD_MEM();
        DONE(memory_grow_m);
    }
    OP(memory_fill_m) {
        const uint32_t *w = pc + 1;
        mote_memory *m = MEMORY(pc[3]);
        uint64_t d = address_in(m, SLOT(LO(w))), n = address_in(m, SLOT(pc[2])), ea;
        if (UNLIKELY(!range_in(m, d, 0, n, &ea)))
            TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
        memset(m->base + (size_t)d, (int)(SLOT(HI(w)).u32 & 0xFF), (size_t)n);
        DONE(memory_fill_m);
    }
    OP(memory_copy_m) {
        const uint32_t *w = pc + 1;
        mote_memory *dm = MEMORY(LOV(pc[3])), *sm = MEMORY(HIV(pc[3]));
        uint64_t d = address_in(dm, SLOT(LO(w))), s = address_in(sm, SLOT(HI(w))), ea;
        uint64_t n = dm->is64 && sm->is64 ? SLOT(pc[2]).u64 : SLOT(pc[2]).u32;
        if (UNLIKELY(!range_in(dm, d, 0, n, &ea) || !range_in(sm, s, 0, n, &ea)))
            TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
        memmove(dm->base + (size_t)d, sm->base + (size_t)s, (size_t)n);
        DONE(memory_copy_m);
    }
    OP(memory_init_m) {
        const uint32_t *w = pc + 1;
        mote_memory *m = MEMORY(pc[4]);
        uint32_t seg = pc[3], s = SLOT(HI(w)).u32, n = SLOT(pc[2]).u32;
        uint64_t d = address_in(m, SLOT(LO(w))), ea;
        const mod_data *data = &MOD_DATAS(inst->module)[seg];
        uint32_t len = instance_dropped(inst, seg) ? 0 : data->len;
        if (UNLIKELY((uint64_t)s + n > len || !range_in(m, d, 0, n, &ea)))
            TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
        memcpy(m->base + (size_t)d, inst->module->wasm + data->bytes + s, n);
        DONE(memory_init_m);
    }
    OP(u64_sat_u32) {
        const uint32_t *w = pc + 1;
        uint64_t a = SLOT(HI(w)).u64;
        SLOT(LO(w)).u64 = a > 0xFFFFFFFFu ? 0xFFFFFFFFu : a;
        DONE(u64_sat_u32);
    }
    OP(i64_from_grow) {
        const uint32_t *w = pc + 1;
        uint32_t a = SLOT(HI(w)).u32;
        SLOT(LO(w)).i64 = a == 0xFFFFFFFFu ? -1 : (int64_t)a;
        DONE(i64_from_grow);
    }

    OP(memory_size) {
        SLOT(pc[1]).u32 = (uint32_t)bytes_to_pages(mem_size, inst->mem->page_log2);
        DONE(memory_size);
    }
    OP(memory_grow) {
        const uint32_t *w = pc + 1;
        SLOT(LO(w)).i32 = (int32_t)instance_memory_grow(inst->mem, SLOT(HI(w)).u32);
        RELOAD_MEM();
        DONE(memory_grow);
    }
    OP(memory_fill) {
        const uint32_t *w = pc + 1;
        uint32_t d = SLOT(LO(w)).u32, n = SLOT(pc[2]).u32;
        if (UNLIKELY((uint64_t)d + n > mem_size))
            TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
        memset(mem + d, (int)(SLOT(HI(w)).u32 & 0xFF), n);
        DONE(memory_fill);
    }
    OP(memory_copy) {
        const uint32_t *w = pc + 1;
        uint32_t d = SLOT(LO(w)).u32, s = SLOT(HI(w)).u32, n = SLOT(pc[2]).u32;
        if (UNLIKELY((uint64_t)d + n > mem_size || (uint64_t)s + n > mem_size))
            TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
        memmove(mem + d, mem + s, n);
        DONE(memory_copy);
    }
    OP(memory_init) {
        const uint32_t *w = pc + 1;
        uint32_t seg = pc[3];
        uint32_t d = SLOT(LO(w)).u32, s = SLOT(HI(w)).u32, n = SLOT(pc[2]).u32;
        const mod_data *data = &MOD_DATAS(inst->module)[seg];
        uint32_t len = instance_dropped(inst, seg) ? 0 : data->len;
        if (UNLIKELY((uint64_t)s + n > len || (uint64_t)d + n > mem_size))
            TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
        memcpy(mem + d, inst->module->wasm + data->bytes + s, n);
        DONE(memory_init);
    }
    OP(data_drop) {
        instance_drop(inst, pc[1]);
        DONE(data_drop);
    }

    /* ---- tables and references -------------------------------------------------- */

    OP(table_get) {
        const uint32_t *w = pc + 1;
        mote_table *t = TABLE(pc[2]);
        uint32_t i = SLOT(HI(w)).u32;
        if (UNLIKELY(i >= t->size))
            TRAP(MOTE_TRAP_TABLE_OUT_OF_BOUNDS);
        SLOT(LO(w)) = t->elems[i];
        DONE(table_get);
    }
    OP(table_set) {
        const uint32_t *w = pc + 1;
        mote_table *t = TABLE(pc[2]);
        uint32_t i = SLOT(LO(w)).u32;
        if (UNLIKELY(i >= t->size))
            TRAP(MOTE_TRAP_TABLE_OUT_OF_BOUNDS);
        t->elems[i] = SLOT(HI(w));
        DONE(table_set);
    }
    OP(table_size) {
        SLOT(pc[1]).u32 = TABLE(pc[2])->size;
        DONE(table_size);
    }
    OP(table_grow) {
        const uint32_t *w = pc + 1;
        mote_table *t = TABLE(pc[3]);
        SLOT(LO(w)).i32 = (int32_t)instance_table_grow(t, SLOT(pc[2]).u32, SLOT(HI(w)));
        DONE(table_grow);
    }
    OP(table_fill) {
        const uint32_t *w = pc + 1;
        mote_table *t = TABLE(pc[3]);
        uint32_t i = SLOT(LO(w)).u32, n = SLOT(pc[2]).u32;
        mote_slot v = SLOT(HI(w));
        if (UNLIKELY((uint64_t)i + n > t->size))
            TRAP(MOTE_TRAP_TABLE_OUT_OF_BOUNDS);
        for (uint32_t k = 0; k < n; k++)
            t->elems[i + k] = v;
        DONE(table_fill);
    }
    OP(table_copy) {
        const uint32_t *w = pc + 1;
        mote_table *dt = TABLE(pc[3]), *st = TABLE(pc[4]);
        uint32_t d = SLOT(LO(w)).u32, s = SLOT(HI(w)).u32, n = SLOT(pc[2]).u32;
        if (UNLIKELY((uint64_t)d + n > dt->size || (uint64_t)s + n > st->size))
            TRAP(MOTE_TRAP_TABLE_OUT_OF_BOUNDS);
        memmove(dt->elems + d, st->elems + s, (size_t)n * sizeof(mote_slot));
        DONE(table_copy);
    }
    OP(table_init) {
        const uint32_t *w = pc + 1;
        uint32_t seg = pc[4];
        mote_table *t = TABLE(pc[3]);
        uint32_t d = SLOT(LO(w)).u32, s = SLOT(HI(w)).u32, n = SLOT(pc[2]).u32;
        const mod_elem *e = &MOD_ELEMS(inst->module)[seg];
        uint32_t len = instance_dropped(inst, inst->module->ndatas + seg) ? 0 : e->count;
        if (UNLIKELY((uint64_t)s + n > len || (uint64_t)d + n > t->size))
            TRAP(MOTE_TRAP_TABLE_OUT_OF_BOUNDS);
        if (n) {
            const mote_slot *items = (const mote_slot *)inst->passive[e->passive_index].p;
            memcpy(t->elems + d, items + s, (size_t)n * sizeof(mote_slot));
        }
        DONE(table_init);
    }
    OP(elem_drop) {
        instance_drop(inst, inst->module->ndatas + pc[1]);
        DONE(elem_drop);
    }
    OP(ref_func) {
        SLOT(pc[1]).func = instance_func(inst, pc[2]);
        DONE(ref_func);
    }
    OP(ref_is_null) {
        const uint32_t *w = pc + 1;
        SLOT(LO(w)).u32 = SLOT(HI(w)).ref == NULL;
        DONE(ref_is_null);
    }

    /* ---- numeric ------------------------------------------------------------------ */

#define BIN(name, T, field, expr)                       \
    OP(name) {                                          \
        const uint32_t *w = pc + 1;                     \
        T a = SLOT(HI(w)).field, b = SLOT(pc[2]).field; \
        SLOT(LO(w)).field = (expr);                     \
        DONE(name);                                     \
    }
#define BINI32(name, expr)                       \
    OP(name) {                                   \
        const uint32_t *w = pc + 1;              \
        uint32_t a = SLOT(HI(w)).u32, b = pc[2]; \
        SLOT(LO(w)).u32 = (expr);                \
        DONE(name);                              \
    }
#define BINI64(name, expr)                              \
    OP(name) {                                          \
        const uint32_t *w = pc + 1;                     \
        uint64_t a = SLOT(HI(w)).u64;                   \
        uint64_t b = (uint64_t)(int64_t)(int32_t)pc[2]; \
        SLOT(LO(w)).u64 = (expr);                       \
        DONE(name);                                     \
    }
#define CMPOP(name, T, field, expr)                     \
    OP(name) {                                          \
        const uint32_t *w = pc + 1;                     \
        T a = SLOT(HI(w)).field, b = SLOT(pc[2]).field; \
        SLOT(LO(w)).u32 = (expr);                       \
        DONE(name);                                     \
    }
#define UNOP(name, T, fin, fout, expr) \
    OP(name) {                         \
        const uint32_t *w = pc + 1;    \
        T a = SLOT(HI(w)).fin;         \
        SLOT(LO(w)).fout = (expr);     \
        DONE(name);                    \
    }

#define CMP32_PAIR(reg, imm, c)                     \
    CMPOP(reg, uint32_t, u32, C_##c(a, b, int32_t)) \
    BINI32(imm, C_##c(a, b, int32_t))
    CMP32_PAIR(i32_eq, i32_eq_i, eq)
    CMP32_PAIR(i32_ne, i32_ne_i, ne)
    CMP32_PAIR(i32_lt_s, i32_lt_s_i, lt_s)
    CMP32_PAIR(i32_lt_u, i32_lt_u_i, lt_u)
    CMP32_PAIR(i32_gt_s, i32_gt_s_i, gt_s)
    CMP32_PAIR(i32_gt_u, i32_gt_u_i, gt_u)
    CMP32_PAIR(i32_le_s, i32_le_s_i, le_s)
    CMP32_PAIR(i32_le_u, i32_le_u_i, le_u)
    CMP32_PAIR(i32_ge_s, i32_ge_s_i, ge_s)
    CMP32_PAIR(i32_ge_u, i32_ge_u_i, ge_u)
    CMPOP(i64_eq, uint64_t, u64, C_eq(a, b, int64_t))
    CMPOP(i64_ne, uint64_t, u64, C_ne(a, b, int64_t))
    CMPOP(i64_lt_s, uint64_t, u64, C_lt_s(a, b, int64_t))
    CMPOP(i64_lt_u, uint64_t, u64, C_lt_u(a, b, int64_t))
    CMPOP(i64_gt_s, uint64_t, u64, C_gt_s(a, b, int64_t))
    CMPOP(i64_gt_u, uint64_t, u64, C_gt_u(a, b, int64_t))
    CMPOP(i64_le_s, uint64_t, u64, C_le_s(a, b, int64_t))
    CMPOP(i64_le_u, uint64_t, u64, C_le_u(a, b, int64_t))
    CMPOP(i64_ge_s, uint64_t, u64, C_ge_s(a, b, int64_t))
    CMPOP(i64_ge_u, uint64_t, u64, C_ge_u(a, b, int64_t))

    UNOP(i32_eqz, uint32_t, u32, u32, a == 0)
    UNOP(i32_clz, uint32_t, u32, u32, clz32(a))
    UNOP(i32_ctz, uint32_t, u32, u32, ctz32(a))
    UNOP(i32_popcnt, uint32_t, u32, u32, popcnt32(a))
    BIN(i32_add, uint32_t, u32, a + b)
    BIN(i32_sub, uint32_t, u32, a - b)
    BIN(i32_mul, uint32_t, u32, a * b)
    BIN(i32_and, uint32_t, u32, a & b)
    BIN(i32_or, uint32_t, u32, a | b)
    BIN(i32_xor, uint32_t, u32, a ^ b)
    BIN(i32_shl, uint32_t, u32, a << (b & 31))
    BIN(i32_shr_s, uint32_t, u32, (uint32_t)((int32_t)a >> (b & 31)))
    BIN(i32_shr_u, uint32_t, u32, a >> (b & 31))
    BIN(i32_rotl, uint32_t, u32, rotl32(a, b))
    BIN(i32_rotr, uint32_t, u32, rotr32(a, b))
    BINI32(i32_add_i, a + b)
    BINI32(i32_mul_i, a * b)
    BINI32(i32_and_i, a & b)
    BINI32(i32_or_i, a | b)
    BINI32(i32_xor_i, a ^ b)
    BINI32(i32_shl_i, a << (b & 31))
    BINI32(i32_shr_s_i, (uint32_t)((int32_t)a >> (b & 31)))
    BINI32(i32_shr_u_i, a >> (b & 31))
    BINI32(i32_rotl_i, rotl32(a, b))
    /* The float forms round the product, then the sum, as the two wasm
     * instructions would (the core is built with -ffp-contract=off). */
#define MAD(name, T, field)                                 \
    OP(name) {                                              \
        const uint32_t *w = pc + 1;                         \
        T a = SLOT(HI(w)).field, b = SLOT(LO(w + 1)).field; \
        T p = a * b;                                        \
        SLOT(LO(w)).field = p + SLOT(HI(w + 1)).field;      \
        DONE(name);                                         \
    }
    MAD(i32_mad, uint32_t, u32)
    MAD(i64_mad, uint64_t, u64)
    MAD(f32_mad, float, f32)
    MAD(f64_mad, double, f64)
    OP(i32_shladd) {
        const uint32_t *w = pc + 1;
        uint32_t a = SLOT(HI(w)).u32, c = SLOT(LO(w + 1)).u32;
        SLOT(LO(w)).u32 = (a << (HI(w + 1) & 31)) + c; /* [d|a][c|k] */
        DONE(i32_shladd);
    }
    OP(i32_div_s) {
        const uint32_t *w = pc + 1;
        int32_t a = SLOT(HI(w)).i32, b = SLOT(pc[2]).i32;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        if (UNLIKELY(a == INT32_MIN && b == -1))
            TRAP(MOTE_TRAP_INTEGER_OVERFLOW);
        SLOT(LO(w)).i32 = a / b;
        DONE(i32_div_s);
    }
    OP(i32_div_u) {
        const uint32_t *w = pc + 1;
        uint32_t a = SLOT(HI(w)).u32, b = SLOT(pc[2]).u32;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        SLOT(LO(w)).u32 = a / b;
        DONE(i32_div_u);
    }
    OP(i32_rem_s) {
        const uint32_t *w = pc + 1;
        int32_t a = SLOT(HI(w)).i32, b = SLOT(pc[2]).i32;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        SLOT(LO(w)).i32 = b == -1 ? 0 : a % b;
        DONE(i32_rem_s);
    }
    OP(i32_rem_u) {
        const uint32_t *w = pc + 1;
        uint32_t a = SLOT(HI(w)).u32, b = SLOT(pc[2]).u32;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        SLOT(LO(w)).u32 = a % b;
        DONE(i32_rem_u);
    }

    UNOP(i64_eqz, uint64_t, u64, u32, a == 0)
    UNOP(i64_clz, uint64_t, u64, u64, clz64(a))
    UNOP(i64_ctz, uint64_t, u64, u64, ctz64(a))
    UNOP(i64_popcnt, uint64_t, u64, u64, popcnt64(a))
    BIN(i64_add, uint64_t, u64, a + b)
    BIN(i64_sub, uint64_t, u64, a - b)
    BIN(i64_mul, uint64_t, u64, a * b)
    BIN(i64_and, uint64_t, u64, a & b)
    BIN(i64_or, uint64_t, u64, a | b)
    BIN(i64_xor, uint64_t, u64, a ^ b)
    BIN(i64_shl, uint64_t, u64, a << (b & 63))
    BIN(i64_shr_s, uint64_t, u64, (uint64_t)((int64_t)a >> (b & 63)))
    BIN(i64_shr_u, uint64_t, u64, a >> (b & 63))
    BIN(i64_rotl, uint64_t, u64, rotl64(a, b))
    BIN(i64_rotr, uint64_t, u64, rotr64(a, b))
    BINI64(i64_add_i, a + b)
    BINI64(i64_and_i, a & b)
    BINI64(i64_shl_i, a << (b & 63))
    BINI64(i64_shr_s_i, (uint64_t)((int64_t)a >> (b & 63)))
    BINI64(i64_shr_u_i, a >> (b & 63))
    OP(i64_div_s) {
        const uint32_t *w = pc + 1;
        int64_t a = SLOT(HI(w)).i64, b = SLOT(pc[2]).i64;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        if (UNLIKELY(a == INT64_MIN && b == -1))
            TRAP(MOTE_TRAP_INTEGER_OVERFLOW);
        SLOT(LO(w)).i64 = div_s64(a, b);
        DONE(i64_div_s);
    }
    OP(i64_div_u) {
        const uint32_t *w = pc + 1;
        uint64_t a = SLOT(HI(w)).u64, b = SLOT(pc[2]).u64;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        uint64_t r;
        SLOT(LO(w)).u64 = divmod_u64(a, b, &r);
        DONE(i64_div_u);
    }
    OP(i64_rem_s) {
        const uint32_t *w = pc + 1;
        int64_t a = SLOT(HI(w)).i64, b = SLOT(pc[2]).i64;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        SLOT(LO(w)).i64 = b == -1 ? 0 : rem_s64(a, b);
        DONE(i64_rem_s);
    }
    OP(i64_rem_u) {
        const uint32_t *w = pc + 1;
        uint64_t a = SLOT(HI(w)).u64, b = SLOT(pc[2]).u64;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        divmod_u64(a, b, &SLOT(LO(w)).u64);
        DONE(i64_rem_u);
    }

    CMPOP(f32_eq, float, f32, a == b)
    CMPOP(f32_ne, float, f32, a != b)
    CMPOP(f32_lt, float, f32, a < b)
    CMPOP(f32_gt, float, f32, a > b)
    CMPOP(f32_le, float, f32, a <= b)
    CMPOP(f32_ge, float, f32, a >= b)
    UNOP(f32_abs, uint32_t, u32, u32, a & 0x7FFFFFFFu)
    UNOP(f32_neg, uint32_t, u32, u32, a ^ 0x80000000u)
    UNOP(f32_ceil, uint32_t, u32, u32, f32_round(a, 2))
    UNOP(f32_floor, uint32_t, u32, u32, f32_round(a, 1))
    UNOP(f32_trunc, uint32_t, u32, u32, f32_round(a, 0))
    UNOP(f32_nearest, uint32_t, u32, u32, f32_round(a, 3))
    UNOP(f32_sqrt, uint32_t, u32, u32, f32_sqrt_bits(a))
    BIN(f32_add, float, f32, a + b)
    BIN(f32_sub, float, f32, a - b)
    BIN(f32_mul, float, f32, a *b)
    BIN(f32_div, float, f32, a / b)
    BIN(f32_min, uint32_t, u32, f32_min(a, b))
    BIN(f32_max, uint32_t, u32, f32_max(a, b))
    BIN(f32_copysign, uint32_t, u32, (a & 0x7FFFFFFFu) | (b & 0x80000000u))

    CMPOP(f64_eq, double, f64, a == b)
    CMPOP(f64_ne, double, f64, a != b)
    CMPOP(f64_lt, double, f64, a < b)
    CMPOP(f64_gt, double, f64, a > b)
    CMPOP(f64_le, double, f64, a <= b)
    CMPOP(f64_ge, double, f64, a >= b)
    UNOP(f64_abs, uint64_t, u64, u64, a & 0x7FFFFFFFFFFFFFFFull)
    UNOP(f64_neg, uint64_t, u64, u64, a ^ 0x8000000000000000ull)
    UNOP(f64_ceil, uint64_t, u64, u64, f64_round(a, 2))
    UNOP(f64_floor, uint64_t, u64, u64, f64_round(a, 1))
    UNOP(f64_trunc, uint64_t, u64, u64, f64_round(a, 0))
    UNOP(f64_nearest, uint64_t, u64, u64, f64_round(a, 3))
    UNOP(f64_sqrt, uint64_t, u64, u64, f64_sqrt_bits(a))
    BIN(f64_add, double, f64, a + b)
    BIN(f64_sub, double, f64, a - b)
    BIN(f64_mul, double, f64, a *b)
    BIN(f64_div, double, f64, a / b)
    BIN(f64_min, uint64_t, u64, f64_min(a, b))
    BIN(f64_max, uint64_t, u64, f64_max(a, b))
    BIN(f64_copysign, uint64_t, u64, (a & 0x7FFFFFFFFFFFFFFFull) | (b & 0x8000000000000000ull))

    /* ---- conversions ---------------------------------------------------------------- */

#define TRUNC(name, T, fin, fout, OT, fits)                                           \
    OP(name) {                                                                        \
        const uint32_t *w = pc + 1;                                                   \
        T a = SLOT(HI(w)).fin;                                                        \
        if (UNLIKELY(!fits(a)))                                                       \
            TRAP(a != a ? MOTE_TRAP_INVALID_CONVERSION : MOTE_TRAP_INTEGER_OVERFLOW); \
        SLOT(LO(w)).fout = (OT)a;                                                     \
        DONE(name);                                                                   \
    }
    TRUNC(i32_trunc_f32_s, float, f32, i32, int32_t, f32_fits_i32)
    TRUNC(i32_trunc_f32_u, float, f32, u32, uint32_t, f32_fits_u32)
    TRUNC(i32_trunc_f64_s, double, f64, i32, int32_t, f64_fits_i32)
    TRUNC(i32_trunc_f64_u, double, f64, u32, uint32_t, f64_fits_u32)
    TRUNC(i64_trunc_f32_s, float, f32, i64, int64_t, f32_fits_i64)
    TRUNC(i64_trunc_f32_u, float, f32, u64, uint64_t, f32_fits_u64)
    TRUNC(i64_trunc_f64_s, double, f64, i64, int64_t, f64_fits_i64)
    TRUNC(i64_trunc_f64_u, double, f64, u64, uint64_t, f64_fits_u64)
    UNOP(i64_extend_i32_s, int32_t, i32, i64, (int64_t)a)
    UNOP(i64_extend_i32_u, uint32_t, u32, u64, (uint64_t)a)
    UNOP(f32_convert_i32_s, int32_t, i32, f32, (float)a)
    UNOP(f32_convert_i32_u, uint32_t, u32, f32, (float)a)
    UNOP(f32_convert_i64_s, int64_t, i64, f32, (float)a)
    UNOP(f32_convert_i64_u, uint64_t, u64, f32, (float)a)
    UNOP(f32_demote_f64, double, f64, f32, (float)a)
    UNOP(f64_convert_i32_s, int32_t, i32, f64, (double)a)
    UNOP(f64_convert_i32_u, uint32_t, u32, f64, (double)a)
    UNOP(f64_convert_i64_s, int64_t, i64, f64, (double)a)
    UNOP(f64_convert_i64_u, uint64_t, u64, f64, (double)a)
    UNOP(f64_promote_f32, float, f32, f64, (double)a)
    UNOP(i32_extend8_s, uint32_t, u32, i32, (int32_t)(int8_t)a)
    UNOP(i32_extend16_s, uint32_t, u32, i32, (int32_t)(int16_t)a)
    UNOP(i64_extend8_s, uint64_t, u64, i64, (int64_t)(int8_t)a)
    UNOP(i64_extend16_s, uint64_t, u64, i64, (int64_t)(int16_t)a)
    UNOP(i64_extend32_s, uint64_t, u64, i64, (int64_t)(int32_t)a)
    UNOP(i32_trunc_sat_f32_s, float, f32, i32, sat_f32_i32(a))
    UNOP(i32_trunc_sat_f32_u, float, f32, u32, sat_f32_u32(a))
    UNOP(i32_trunc_sat_f64_s, double, f64, i32, sat_f64_i32(a))
    UNOP(i32_trunc_sat_f64_u, double, f64, u32, sat_f64_u32(a))
    UNOP(i64_trunc_sat_f32_s, float, f32, i64, sat_f32_i64(a))
    UNOP(i64_trunc_sat_f32_u, float, f32, u64, sat_f32_u64(a))
    UNOP(i64_trunc_sat_f64_s, double, f64, i64, sat_f64_i64(a))
    UNOP(i64_trunc_sat_f64_u, double, f64, u64, sat_f64_u64(a))

#if MOTE_WITH_SIMD
#include "interp_simd.h"
#endif

#if !MOTE_THREADED
default: TRAP(MOTE_TRAP_UNREACHABLE);
}
#endif

unbuilt : /* an op of a group this build leaves out (never emitted) */
          TRAP(MOTE_TRAP_UNREACHABLE);

/* ---- the shared call paths -------------------------------------------------- */

do_call_func : /* f, nfp, ret set; pc is the calling instruction */
               if (f->kind == FUNC_WASM)
{
    target = f->code;
    callee_inst = f->inst;
    goto do_call_wasm;
}
FUEL_STEP();
result = call_host(ex, inst, f, nfp, pc, fp, fr);
if (UNLIKELY(result != MOTE_OK))
    goto host_failed;
pc = ret;
RELOAD_MEM();
NEXT();

host_failed : /* result: what the host function returned */
              if (result == MOTE_PAUSED) goto pause;
if (MOTE_WITH_EXCEPTIONS && result == MOTE_EXCEPTION) { /* ex->exn, thrown at the call */
    returned = false;
    goto do_unwind;
}
if (result == MOTE_EXIT) {
    ex->exit_code = inst->ex.exit_code;
    goto finish;
}
trap_kind = MOTE_TRAP_HOST;
goto trap;

do_call_wasm : /* target, callee_inst, nfp, ret set; pc is the calling instruction */
               FUEL_STEP();
{
    uint32_t hdr = target[-1];
    if (UNLIKELY(nfp + target[-2] > ex->stack_end || fr == ex->frames_end))
        TRAP(MOTE_TRAP_STACK_EXHAUSTED);
    fr->pc = ret;
    fr->fp = fp;
    fr->inst = inst;
    fr++;
    for (uint32_t i = LOV(hdr); i < HIV(hdr); i++)
        nfp[i].u64 = 0;
    fp = nfp;
    pc = target;
    if (UNLIKELY(callee_inst != inst)) {
        inst = callee_inst;
        LOAD_INST();
    }
    NEXT();
}

do_tail_func : /* f, src set */
               if (f->kind == FUNC_WASM)
{
    target = f->code;
    callee_inst = f->inst;
    goto do_tail_wasm;
}
FUEL_STEP();
result = call_host(ex, inst, f, src, pc, fp, fr);
if (UNLIKELY(MOTE_WITH_EXCEPTIONS && result == MOTE_EXCEPTION)) {
    /* this frame was replaced by the call: unwind from its caller */
    fr--;
    pc = fr->pc;
    fp = fr->fp;
    inst = fr->inst;
    LOAD_INST();
    returned = true;
    goto do_unwind;
}
if (UNLIKELY(result != MOTE_OK))
    goto host_failed;
/* the results go where this frame's caller wants them */
memmove(fp, src, (size_t)f->type->result_slots * sizeof(mote_slot));
RELOAD_MEM();
goto do_ret;

do_tail_wasm : /* target, callee_inst, src set */
               FUEL_STEP();
{
    uint32_t hdr = target[-1];
    if (UNLIKELY(fp + target[-2] > ex->stack_end))
        TRAP(MOTE_TRAP_STACK_EXHAUSTED);
    for (uint32_t i = 0; i < LOV(hdr); i++) /* src >= fp: upward is safe */
        fp[i] = src[i];
    for (uint32_t i = LOV(hdr); i < HIV(hdr); i++)
        fp[i].u64 = 0;
    pc = target;
    if (UNLIKELY(callee_inst != inst)) {
        inst = callee_inst;
        LOAD_INST();
    }
    NEXT();
}

do_unwind: /* ex->exn is thrown at pc (a return address if `returned`) */
{
    /* Copies: taking the address of pc, fp, fr or inst themselves would
     * keep them out of registers in the whole loop (about 20% more
     * instructions on Cortex-M3). */
    const uint32_t *upc = pc;
    mote_slot *ufp = fp;
    frame *ufr = fr;
    mote_instance *uinst = inst;
    /* (Without exceptions built no function has a handler: nothing to find.) */
    if (MOTE_WITH_EXCEPTIONS && exn_unwind(ex, &upc, &ufp, &ufr, &uinst, returned)) {
        pc = upc;
        fp = ufp;
        fr = ufr;
        inst = uinst;
        LOAD_INST();
        NEXT();
    }
}
ex->trap_pc = pc;
ex->trap_inst = inst;
ex->trap_fr = fr;
give_back_fuel(ex, budget);
ex->state = EXEC_IDLE;
return api_raise_exception(owner);

/* ---- leaving the loop ------------------------------------------------------- */

fuel_slow : budget++; /* this step is not paid for yet */
if (ex->interrupt) {
    ex->interrupt = 0;
    goto pause;
}
if (budget == 0) {
    budget = take_fuel(ex);
    if (budget == 0)
        goto pause;
}
NEXT(); /* run the same instruction again */

pause : ex->pc = pc;
ex->fp = fp;
ex->fr = fr;
ex->cur = inst;
give_back_fuel(ex, budget);
ex->state = EXEC_PAUSED;
return MOTE_PAUSED;

trap : ex->trap_pc = pc;
ex->trap_inst = inst;
ex->trap_fr = fr;
give_back_fuel(ex, budget);
ex->state = EXEC_IDLE;
if (trap_kind == MOTE_TRAP_HOST) {
    if (inst != owner) /* the host wrote its message in the caller's arena */
        owner->arena->error = inst->arena->error;
    owner->arena->error.status = MOTE_TRAP;
    owner->arena->error.trap = MOTE_TRAP_HOST;
    return MOTE_TRAP;
}
return api_raise_trap(owner, trap_kind, NULL);

finish : give_back_fuel(ex, budget);
ex->state = EXEC_IDLE;
return result;
}

mote_status interp_run(mote_instance *inst)
{
    return run(inst, NULL);
}

const int32_t *interp_handler_words(void)
{
    const int32_t *table = NULL;
    run(NULL, &table);
    return table;
}
