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
#include "numeric.h"
#include "ops.h"
#include "runtime.h"

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
#define LO(p) rd16(p)
#define HI(p) rd16((const uint8_t *)(p) + 2)
#define LOV(w) ((w) & 0xFFFFu)
#define HIV(w) ((w) >> 16)
#define SLOT(off) (*(mote_slot *)((uint8_t *)fp + (off)))
#define AT(base, off) ((mote_slot *)((uint8_t *)(base) + (off)))

#define FUEL_CHUNK 0x10000

/*
 * Bounds of a memory access: address + offset (33 bits in wasm) + size
 * must not pass the memory's size.  A 64-bit CPU does that in 64-bit
 * arithmetic; a 32-bit one, whose memories are below 4 GiB anyway, in
 * 32-bit arithmetic with carries, keeping the size in one register.
 * Declares `ea`, or traps.
 */
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
#define OP(name) L_##name:
#define NEXT() goto *(const void *)((const char *)&&L_exit + (int32_t)*pc)
#else
    static const int32_t handlers[OP_COUNT_] __attribute__((section(".rodata.mote_handlers"))) = {
#define X(name, len) [OP_##name] = OP_##name,
        MOTE_OPS(X)
#undef X
    };
#define OP(name) case OP_##name:
#define NEXT() goto dispatch
#endif
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

/* Only what every few instructions needs lives in locals (registers);
 * the rest is read through inst or ex when used, which leaves registers
 * for pc, fp and the frame pointer. */
#define RELOAD_MEM() (mem_size = inst->mem ? (msize_t)inst->mem->size : 0)
#define LOAD_INST()                                   \
    do {                                              \
        mem = inst->mem ? inst->mem->base : NULL;     \
        RELOAD_MEM();                                 \
    } while (0)
#define TRAP(k)               \
    do {                      \
        trap_kind = (k);      \
        goto trap;            \
    } while (0)
#define FUEL_STEP()                                                   \
    do {                                                              \
        if (UNLIKELY(--budget < 0) || UNLIKELY(ex->interrupt))        \
            goto fuel_slow;                                           \
    } while (0)
#define GLOBAL(i) ((mote_global *)inst->globals[i].p)
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
    OP(kload) {         /* [kbase | n << 16][offset of the constant table] */
        const uint32_t *w = pc + 1;
        memcpy(AT(fp, LO(w)), pc + 2 + (int32_t)pc[2], (size_t)HI(w) * sizeof(mote_slot));
        pc += 3;
        NEXT();
    }
    OP(unreachable) {
        TRAP(MOTE_TRAP_UNREACHABLE);
    }
    OP(nop) {
        pc += 1;
        NEXT();
    }
    OP(br) {
        pc += 1 + (int32_t)pc[1];
        NEXT();
    }
    OP(br_back) {
        FUEL_STEP();
        pc += 1 + (int32_t)pc[1];
        NEXT();
    }
    OP(br_if) {
        if (SLOT(pc[1]).u32) {
            pc += 2 + (int32_t)pc[2];
            NEXT();
        }
        pc += 3;
        NEXT();
    }
    OP(br_ifz) {
        if (!SLOT(pc[1]).u32) {
            pc += 2 + (int32_t)pc[2];
            NEXT();
        }
        pc += 3;
        NEXT();
    }
    OP(br_if_back) {
        if (SLOT(pc[1]).u32) {
            FUEL_STEP();
            pc += 2 + (int32_t)pc[2];
            NEXT();
        }
        pc += 3;
        NEXT();
    }
    OP(br_ifz_back) {
        if (!SLOT(pc[1]).u32) {
            FUEL_STEP();
            pc += 2 + (int32_t)pc[2];
            NEXT();
        }
        pc += 3;
        NEXT();
    }
    OP(br_table) {
        uint32_t i = SLOT(pc[1]).u32, n = pc[2];
        const uint32_t *w = pc + 3 + (i < n ? i : n);
        pc = w + (int32_t)*w;
        NEXT();
    }

#define BR_CMP32(c)                                                    \
    OP(br_##c) {                                                       \
        const uint32_t *w = pc + 1;                                            \
        uint32_t a = SLOT(LO(w)).u32, b = SLOT(HI(w)).u32;             \
        if (C_##c(a, b, int32_t)) {                                    \
            pc += 2 + (int32_t)pc[2];                                  \
            NEXT();                                                    \
        }                                                              \
        pc += 3;                                                       \
        NEXT();                                                        \
    }                                                                  \
    OP(br_##c##_i) {                                                   \
        uint32_t a = SLOT(pc[1]).u32, b = pc[2];                       \
        if (C_##c(a, b, int32_t)) {                                    \
            pc += 3 + (int32_t)pc[3];                                  \
            NEXT();                                                    \
        }                                                              \
        pc += 4;                                                       \
        NEXT();                                                        \
    }                                                                  \
    OP(br_##c##_back) {                                                \
        const uint32_t *w = pc + 1;                                            \
        uint32_t a = SLOT(LO(w)).u32, b = SLOT(HI(w)).u32;             \
        if (C_##c(a, b, int32_t)) {                                    \
            FUEL_STEP();                                               \
            pc += 2 + (int32_t)pc[2];                                  \
            NEXT();                                                    \
        }                                                              \
        pc += 3;                                                       \
        NEXT();                                                        \
    }                                                                  \
    OP(br_##c##_i_back) {                                              \
        uint32_t a = SLOT(pc[1]).u32, b = pc[2];                       \
        if (C_##c(a, b, int32_t)) {                                    \
            FUEL_STEP();                                               \
            pc += 3 + (int32_t)pc[3];                                  \
            NEXT();                                                    \
        }                                                              \
        pc += 4;                                                       \
        NEXT();                                                        \
    }
#define BR_CMP64(c)                                                    \
    OP(br64_##c) {                                                     \
        const uint32_t *w = pc + 1;                                            \
        uint64_t a = SLOT(LO(w)).u64, b = SLOT(HI(w)).u64;             \
        if (C_##c(a, b, int64_t)) {                                    \
            pc += 2 + (int32_t)pc[2];                                  \
            NEXT();                                                    \
        }                                                              \
        pc += 3;                                                       \
        NEXT();                                                        \
    }                                                                  \
    OP(br64_##c##_back) {                                              \
        const uint32_t *w = pc + 1;                                            \
        uint64_t a = SLOT(LO(w)).u64, b = SLOT(HI(w)).u64;             \
        if (C_##c(a, b, int64_t)) {                                    \
            FUEL_STEP();                                               \
            pc += 2 + (int32_t)pc[2];                                  \
            NEXT();                                                    \
        }                                                              \
        pc += 3;                                                       \
        NEXT();                                                        \
    }
    /* The add's result is written only once the fuel step is paid for, so a
     * pause here re-runs the whole instruction from the old value. */
#define ADDI_BR(c)                                                     \
    OP(addi_br_##c##_back) {                                           \
        const uint32_t *w = pc + 1;                                            \
        uint32_t v = SLOT(HI(w)).u32 + pc[2], b = SLOT(pc[3]).u32;     \
        if (C_##c(v, b, int32_t)) {                                    \
            FUEL_STEP();                                               \
            SLOT(LO(w)).u32 = v;                                       \
            pc += 4 + (int32_t)pc[4];                                  \
            NEXT();                                                    \
        }                                                              \
        SLOT(LO(w)).u32 = v;                                           \
        pc += 5;                                                       \
        NEXT();                                                        \
    }                                                                  \
    OP(addi_br_##c##_i_back) {                                         \
        const uint32_t *w = pc + 1;                                            \
        uint32_t v = SLOT(HI(w)).u32 + pc[2], b = pc[3];               \
        if (C_##c(v, b, int32_t)) {                                    \
            FUEL_STEP();                                               \
            SLOT(LO(w)).u32 = v;                                       \
            pc += 4 + (int32_t)pc[4];                                  \
            NEXT();                                                    \
        }                                                              \
        SLOT(LO(w)).u32 = v;                                           \
        pc += 5;                                                       \
        NEXT();                                                        \
    }
    MOTE_INT_COMPARES(BR_CMP32)
    MOTE_INT_COMPARES(BR_CMP64)
    MOTE_INT_COMPARES(ADDI_BR)

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
        ret = pc + 3;
        callee_inst = inst;
        goto do_call_wasm;
    }
    OP(call_import) {
        f = (mote_func *)inst->imports[pc[1]].p;
        nfp = AT(fp, pc[2]);
        ret = pc + 3;
        goto do_call_func;
    }
    OP(call_indirect) {
        const uint32_t *w = pc + 3;
        mote_table *t = TABLE(pc[2]);
        uint32_t i = SLOT(LO(w)).u32;
        if (UNLIKELY(i >= t->size))
            TRAP(MOTE_TRAP_UNDEFINED_ELEMENT);
        f = t->elems[i].func;
        if (UNLIKELY(!f))
            TRAP(MOTE_TRAP_UNINITIALIZED_ELEMENT);
        const mod_type *want = &MOD_TYPES(inst->module)[pc[1]];
        if (UNLIKELY(f->type != want) &&
            !types_equal(inst->module, want, f->inst->module, f->type))
            TRAP(MOTE_TRAP_INDIRECT_CALL_TYPE);
        nfp = AT(fp, HI(w));
        ret = pc + 4;
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
        mote_table *t = TABLE(pc[2]);
        uint32_t i = SLOT(LO(w)).u32;
        if (UNLIKELY(i >= t->size))
            TRAP(MOTE_TRAP_UNDEFINED_ELEMENT);
        f = t->elems[i].func;
        if (UNLIKELY(!f))
            TRAP(MOTE_TRAP_UNINITIALIZED_ELEMENT);
        const mod_type *want = &MOD_TYPES(inst->module)[pc[1]];
        if (UNLIKELY(f->type != want) &&
            !types_equal(inst->module, want, f->inst->module, f->type))
            TRAP(MOTE_TRAP_INDIRECT_CALL_TYPE);
        src = AT(fp, HI(w));
        goto do_tail_func;
    }

    /* ---- data movement ------------------------------------------------------ */

    OP(copy) {
        const uint32_t *w = pc + 1;
        SLOT(LO(w)) = SLOT(HI(w));
        pc += 2;
        NEXT();
    }
    OP(copy2) {
        const uint32_t *w = pc + 1, *v = pc + 2;
        SLOT(LO(w)) = SLOT(HI(w));
        SLOT(LO(v)) = SLOT(HI(v));
        pc += 3;
        NEXT();
    }
    OP(const32) {
        SLOT(pc[1]).u32 = pc[2];
        pc += 3;
        NEXT();
    }
    OP(const64) {
        SLOT(pc[1]).u64 = (uint64_t)pc[3] << 32 | pc[2];
        pc += 4;
        NEXT();
    }
    OP(select) {
        const uint32_t *w = pc + 1, *v = pc + 2;
        SLOT(LO(w)) = SLOT(HI(v)).u32 ? SLOT(HI(w)) : SLOT(LO(v));
        pc += 3;
        NEXT();
    }
    OP(global_get) {
        SLOT(pc[1]) = GLOBAL(pc[2])->value;
        pc += 3;
        NEXT();
    }
    OP(global_set) {
        GLOBAL(pc[2])->value = SLOT(pc[1]);
        pc += 3;
        NEXT();
    }

    /* ---- memory --------------------------------------------------------------- */

#define EFFECTIVE(w, n) CHECKED_EA(SLOT(HI(w)).u32, pc[2], n)
#define LOAD(name, ctype, field)                                     \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                          \
        EFFECTIVE(w, sizeof(ctype));                                 \
        ctype v;                                                     \
        memcpy(&v, mem + ea, sizeof v);                              \
        SLOT(LO(w)).field = v;                                       \
        pc += 3;                                                     \
        NEXT();                                                      \
    }
#define STORE(name, ctype, field)                                    \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                          \
        EFFECTIVE(w, sizeof(ctype));                                 \
        ctype v = (ctype)SLOT(LO(w)).field;                          \
        memcpy(mem + ea, &v, sizeof v);                              \
        pc += 3;                                                     \
        NEXT();                                                      \
    }
    /* base + k wraps at 32 bits, as the i32.add it replaces did */
#define EFFECTIVE_K(w, n) CHECKED_EA((uint32_t)(SLOT(HI(w)).u32 + pc[2]), pc[3], n)
#define LOAD_K(name, ctype, field)                                   \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                          \
        EFFECTIVE_K(w, sizeof(ctype));                               \
        ctype v;                                                     \
        memcpy(&v, mem + ea, sizeof v);                              \
        SLOT(LO(w)).field = v;                                       \
        pc += 4;                                                     \
        NEXT();                                                      \
    }
#define STORE_K(name, ctype, field)                                  \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                          \
        EFFECTIVE_K(w, sizeof(ctype));                               \
        ctype v = (ctype)SLOT(LO(w)).field;                          \
        memcpy(mem + ea, &v, sizeof v);                              \
        pc += 4;                                                     \
        NEXT();                                                      \
    }
    LOAD_K(ld8s_k, int8_t, i64)
    LOAD_K(ld8u_k, uint8_t, u64)
    LOAD_K(ld16s_k, int16_t, i64)
    LOAD_K(ld16u_k, uint16_t, u64)
    LOAD_K(ld32s_k, int32_t, i64)
    LOAD_K(ld32u_k, uint32_t, u64)
    LOAD_K(ld64_k, uint64_t, u64)
    STORE_K(st8_k, uint8_t, u32)
    STORE_K(st16_k, uint16_t, u32)
    STORE_K(st32_k, uint32_t, u32)
    STORE_K(st64_k, uint64_t, u64)

#define EFFECTIVE_X(w, n) CHECKED_EA(SLOT(HI(w)).u32 + SLOT(LO(w + 1)).u32, pc[3], n)
#define LOAD_X(name, ctype, field)                                   \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                  \
        EFFECTIVE_X(w, sizeof(ctype));                               \
        ctype v;                                                     \
        memcpy(&v, mem + ea, sizeof v);                              \
        SLOT(LO(w)).field = v;                                       \
        pc += 4;                                                     \
        NEXT();                                                      \
    }
#define STORE_X(name, ctype, field)                                  \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                  \
        EFFECTIVE_X(w, sizeof(ctype));                               \
        ctype v = (ctype)SLOT(LO(w)).field;                          \
        memcpy(mem + ea, &v, sizeof v);                              \
        pc += 4;                                                     \
        NEXT();                                                      \
    }
    LOAD_X(ld8s_x, int8_t, i64)
    LOAD_X(ld8u_x, uint8_t, u64)
    LOAD_X(ld16s_x, int16_t, i64)
    LOAD_X(ld16u_x, uint16_t, u64)
    LOAD_X(ld32s_x, int32_t, i64)
    LOAD_X(ld32u_x, uint32_t, u64)
    LOAD_X(ld64_x, uint64_t, u64)
    STORE_X(st8_x, uint8_t, u32)
    STORE_X(st16_x, uint16_t, u32)
    STORE_X(st32_x, uint32_t, u32)
    STORE_X(st64_x, uint64_t, u64)

    /* the address register is updated first: the add came before the load */
#define LOAD_AR(name, ctype, field)                                  \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                  \
        uint32_t x = SLOT(LO(w + 1)).u32 + SLOT(HI(w + 1)).u32;      \
        SLOT(HI(w)).u32 = x;                                         \
        CHECKED_EA(x, pc[3], sizeof(ctype));                         \
        ctype v;                                                     \
        memcpy(&v, mem + ea, sizeof v);                              \
        SLOT(LO(w)).field = v;                                       \
        pc += 4;                                                     \
        NEXT();                                                      \
    }
#define LOAD_AI(name, ctype, field)                                  \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                  \
        uint32_t x = SLOT(LO(w + 1)).u32 + pc[3];                    \
        SLOT(HI(w)).u32 = x;                                         \
        CHECKED_EA(x, pc[4], sizeof(ctype));                         \
        ctype v;                                                     \
        memcpy(&v, mem + ea, sizeof v);                              \
        SLOT(LO(w)).field = v;                                       \
        pc += 5;                                                     \
        NEXT();                                                      \
    }
    LOAD_AR(ld8s_ar, int8_t, i64)
    LOAD_AR(ld8u_ar, uint8_t, u64)
    LOAD_AR(ld16s_ar, int16_t, i64)
    LOAD_AR(ld16u_ar, uint16_t, u64)
    LOAD_AR(ld32s_ar, int32_t, i64)
    LOAD_AR(ld32u_ar, uint32_t, u64)
    LOAD_AR(ld64_ar, uint64_t, u64)
    LOAD_AI(ld8s_ai, int8_t, i64)
    LOAD_AI(ld8u_ai, uint8_t, u64)
    LOAD_AI(ld16s_ai, int16_t, i64)
    LOAD_AI(ld16u_ai, uint16_t, u64)
    LOAD_AI(ld32s_ai, int32_t, i64)
    LOAD_AI(ld32u_ai, uint32_t, u64)
    LOAD_AI(ld64_ai, uint64_t, u64)

    LOAD(ld8s, int8_t, i64)
    LOAD(ld8u, uint8_t, u64)
    LOAD(ld16s, int16_t, i64)
    LOAD(ld16u, uint16_t, u64)
    LOAD(ld32s, int32_t, i64)
    LOAD(ld32u, uint32_t, u64)
    LOAD(ld64, uint64_t, u64)
    STORE(st8, uint8_t, u32)
    STORE(st16, uint16_t, u32)
    STORE(st32, uint32_t, u32)
    STORE(st64, uint64_t, u64)

    OP(memory_size) {
        SLOT(pc[1]).u32 = (uint32_t)(mem_size >> inst->mem->page_log2);
        pc += 2;
        NEXT();
    }
    OP(memory_grow) {
        const uint32_t *w = pc + 1;
        SLOT(LO(w)).i32 = (int32_t)memory_grow(inst->mem, SLOT(HI(w)).u32);
        RELOAD_MEM();
        pc += 2;
        NEXT();
    }
    OP(memory_fill) {
        const uint32_t *w = pc + 1;
        uint32_t d = SLOT(LO(w)).u32, n = SLOT(pc[2]).u32;
        if (UNLIKELY((uint64_t)d + n > mem_size))
            TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
        memset(mem + d, (int)(SLOT(HI(w)).u32 & 0xFF), n);
        pc += 3;
        NEXT();
    }
    OP(memory_copy) {
        const uint32_t *w = pc + 1;
        uint32_t d = SLOT(LO(w)).u32, s = SLOT(HI(w)).u32, n = SLOT(pc[2]).u32;
        if (UNLIKELY((uint64_t)d + n > mem_size || (uint64_t)s + n > mem_size))
            TRAP(MOTE_TRAP_MEMORY_OUT_OF_BOUNDS);
        memmove(mem + d, mem + s, n);
        pc += 3;
        NEXT();
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
        pc += 4;
        NEXT();
    }
    OP(data_drop) {
        instance_drop(inst, pc[1]);
        pc += 2;
        NEXT();
    }

    /* ---- tables and references -------------------------------------------------- */

    OP(table_get) {
        const uint32_t *w = pc + 1;
        mote_table *t = TABLE(pc[2]);
        uint32_t i = SLOT(HI(w)).u32;
        if (UNLIKELY(i >= t->size))
            TRAP(MOTE_TRAP_TABLE_OUT_OF_BOUNDS);
        SLOT(LO(w)) = t->elems[i];
        pc += 3;
        NEXT();
    }
    OP(table_set) {
        const uint32_t *w = pc + 1;
        mote_table *t = TABLE(pc[2]);
        uint32_t i = SLOT(LO(w)).u32;
        if (UNLIKELY(i >= t->size))
            TRAP(MOTE_TRAP_TABLE_OUT_OF_BOUNDS);
        t->elems[i] = SLOT(HI(w));
        pc += 3;
        NEXT();
    }
    OP(table_size) {
        SLOT(pc[1]).u32 = TABLE(pc[2])->size;
        pc += 3;
        NEXT();
    }
    OP(table_grow) {
        const uint32_t *w = pc + 1;
        mote_table *t = TABLE(pc[3]);
        SLOT(LO(w)).i32 = (int32_t)table_grow(t, SLOT(pc[2]).u32, SLOT(HI(w)));
        pc += 4;
        NEXT();
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
        pc += 4;
        NEXT();
    }
    OP(table_copy) {
        const uint32_t *w = pc + 1;
        mote_table *dt = TABLE(pc[3]), *st = TABLE(pc[4]);
        uint32_t d = SLOT(LO(w)).u32, s = SLOT(HI(w)).u32, n = SLOT(pc[2]).u32;
        if (UNLIKELY((uint64_t)d + n > dt->size || (uint64_t)s + n > st->size))
            TRAP(MOTE_TRAP_TABLE_OUT_OF_BOUNDS);
        memmove(dt->elems + d, st->elems + s, (size_t)n * sizeof(mote_slot));
        pc += 5;
        NEXT();
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
        pc += 5;
        NEXT();
    }
    OP(elem_drop) {
        instance_drop(inst, inst->module->ndatas + pc[1]);
        pc += 2;
        NEXT();
    }
    OP(ref_func) {
        SLOT(pc[1]).func = instance_func(inst, pc[2]);
        pc += 3;
        NEXT();
    }
    OP(ref_is_null) {
        const uint32_t *w = pc + 1;
        SLOT(LO(w)).u32 = SLOT(HI(w)).ref == NULL;
        pc += 2;
        NEXT();
    }

    /* ---- numeric ------------------------------------------------------------------ */

#define BIN(name, T, field, expr)                                    \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                          \
        T a = SLOT(HI(w)).field, b = SLOT(pc[2]).field;              \
        SLOT(LO(w)).field = (expr);                                  \
        pc += 3;                                                     \
        NEXT();                                                      \
    }
#define BINI32(name, expr)                                           \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                          \
        uint32_t a = SLOT(HI(w)).u32, b = pc[2];                     \
        SLOT(LO(w)).u32 = (expr);                                    \
        pc += 3;                                                     \
        NEXT();                                                      \
    }
#define BINI64(name, expr)                                           \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                          \
        uint64_t a = SLOT(HI(w)).u64;                                \
        uint64_t b = (uint64_t)(int64_t)(int32_t)pc[2];              \
        SLOT(LO(w)).u64 = (expr);                                    \
        pc += 3;                                                     \
        NEXT();                                                      \
    }
#define CMPOP(name, T, field, expr)                                  \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                          \
        T a = SLOT(HI(w)).field, b = SLOT(pc[2]).field;              \
        SLOT(LO(w)).u32 = (expr);                                    \
        pc += 3;                                                     \
        NEXT();                                                      \
    }
#define UNOP(name, T, fin, fout, expr)                               \
    OP(name) {                                                       \
        const uint32_t *w = pc + 1;                                          \
        T a = SLOT(HI(w)).fin;                                       \
        SLOT(LO(w)).fout = (expr);                                   \
        pc += 2;                                                     \
        NEXT();                                                      \
    }

#define CMP32_OPS(c)                                                 \
    CMPOP(i32_##c, uint32_t, u32, C_##c(a, b, int32_t))              \
    BINI32(i32_##c##_i, C_##c(a, b, int32_t))
#define CMP64_OPS(c) CMPOP(i64_##c, uint64_t, u64, C_##c(a, b, int64_t))
    MOTE_INT_COMPARES(CMP32_OPS)
    MOTE_INT_COMPARES(CMP64_OPS)

    UNOP(i32_eqz, uint32_t, u32, u32, a == 0)
    UNOP(i32_clz, uint32_t, u32, u32, clz32(a))
    UNOP(i32_ctz, uint32_t, u32, u32, ctz32(a))
    UNOP(i32_popcnt, uint32_t, u32, u32, (uint32_t)__builtin_popcount(a))
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
#define MAD(name, T, field)                                              \
    OP(name) {                                                           \
        const uint32_t *w = pc + 1;                                      \
        T a = SLOT(HI(w)).field, b = SLOT(LO(w + 1)).field;              \
        T p = a * b;                                                     \
        SLOT(LO(w)).field = p + SLOT(HI(w + 1)).field;                   \
        pc += 3;                                                         \
        NEXT();                                                          \
    }
    MAD(i32_mad, uint32_t, u32)
    MAD(i64_mad, uint64_t, u64)
    MAD(f32_mad, float, f32)
    MAD(f64_mad, double, f64)
    OP(i32_shladd) {
        const uint32_t *w = pc + 1;
        uint32_t a = SLOT(HI(w)).u32, c = SLOT(LO(w + 1)).u32;
        SLOT(LO(w)).u32 = (a << (HI(w + 1) & 31)) + c;     /* [d|a][c|k] */
        pc += 3;
        NEXT();
    }
    OP(i32_div_s) {
        const uint32_t *w = pc + 1;
        int32_t a = SLOT(HI(w)).i32, b = SLOT(pc[2]).i32;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        if (UNLIKELY(a == INT32_MIN && b == -1))
            TRAP(MOTE_TRAP_INTEGER_OVERFLOW);
        SLOT(LO(w)).i32 = a / b;
        pc += 3;
        NEXT();
    }
    OP(i32_div_u) {
        const uint32_t *w = pc + 1;
        uint32_t a = SLOT(HI(w)).u32, b = SLOT(pc[2]).u32;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        SLOT(LO(w)).u32 = a / b;
        pc += 3;
        NEXT();
    }
    OP(i32_rem_s) {
        const uint32_t *w = pc + 1;
        int32_t a = SLOT(HI(w)).i32, b = SLOT(pc[2]).i32;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        SLOT(LO(w)).i32 = b == -1 ? 0 : a % b;
        pc += 3;
        NEXT();
    }
    OP(i32_rem_u) {
        const uint32_t *w = pc + 1;
        uint32_t a = SLOT(HI(w)).u32, b = SLOT(pc[2]).u32;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        SLOT(LO(w)).u32 = a % b;
        pc += 3;
        NEXT();
    }

    UNOP(i64_eqz, uint64_t, u64, u32, a == 0)
    UNOP(i64_clz, uint64_t, u64, u64, clz64(a))
    UNOP(i64_ctz, uint64_t, u64, u64, ctz64(a))
    UNOP(i64_popcnt, uint64_t, u64, u64, (uint64_t)__builtin_popcountll(a))
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
        SLOT(LO(w)).i64 = a / b;
        pc += 3;
        NEXT();
    }
    OP(i64_div_u) {
        const uint32_t *w = pc + 1;
        uint64_t a = SLOT(HI(w)).u64, b = SLOT(pc[2]).u64;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        SLOT(LO(w)).u64 = a / b;
        pc += 3;
        NEXT();
    }
    OP(i64_rem_s) {
        const uint32_t *w = pc + 1;
        int64_t a = SLOT(HI(w)).i64, b = SLOT(pc[2]).i64;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        SLOT(LO(w)).i64 = b == -1 ? 0 : a % b;
        pc += 3;
        NEXT();
    }
    OP(i64_rem_u) {
        const uint32_t *w = pc + 1;
        uint64_t a = SLOT(HI(w)).u64, b = SLOT(pc[2]).u64;
        if (UNLIKELY(b == 0))
            TRAP(MOTE_TRAP_DIVIDE_BY_ZERO);
        SLOT(LO(w)).u64 = a % b;
        pc += 3;
        NEXT();
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
    BIN(f32_mul, float, f32, a * b)
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
    BIN(f64_mul, double, f64, a * b)
    BIN(f64_div, double, f64, a / b)
    BIN(f64_min, uint64_t, u64, f64_min(a, b))
    BIN(f64_max, uint64_t, u64, f64_max(a, b))
    BIN(f64_copysign, uint64_t, u64,
        (a & 0x7FFFFFFFFFFFFFFFull) | (b & 0x8000000000000000ull))

    /* ---- conversions ---------------------------------------------------------------- */

#define TRUNC(name, T, fin, fout, OT, fits)                              \
    OP(name) {                                                           \
        const uint32_t *w = pc + 1;                                              \
        T a = SLOT(HI(w)).fin;                                           \
        if (UNLIKELY(!fits(a)))                                          \
            TRAP(a != a ? MOTE_TRAP_INVALID_CONVERSION : MOTE_TRAP_INTEGER_OVERFLOW); \
        SLOT(LO(w)).fout = (OT)a;                                        \
        pc += 2;                                                         \
        NEXT();                                                          \
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

#if !MOTE_THREADED
    default:
        TRAP(MOTE_TRAP_UNREACHABLE);
    }
#endif

    /* ---- the shared call paths -------------------------------------------------- */

do_call_func:   /* f, nfp, ret set; pc is the calling instruction */
    if (f->kind == FUNC_WASM) {
        target = f->code;
        callee_inst = f->inst;
        goto do_call_wasm;
    }
    FUEL_STEP();
    {
        host_binding *h = &f->inst->hosts[f->index];
        ex->pc = pc;
        ex->fp = fp;
        ex->fr = fr;
        ex->cur = inst;
        mote_status st = h->fn(inst, nfp, h->user);
        if (LIKELY(st == MOTE_OK)) {
            pc = ret;
            RELOAD_MEM();
            NEXT();
        }
        if (st == MOTE_PAUSED)
            goto pause;
        if (st == MOTE_EXIT) {
            ex->exit_code = inst->ex.exit_code;
            result = MOTE_EXIT;
            goto finish;
        }
        trap_kind = MOTE_TRAP_HOST;
        goto trap;
    }

do_call_wasm:   /* target, callee_inst, nfp, ret set; pc is the calling instruction */
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

do_tail_func:   /* f, src set */
    if (f->kind == FUNC_WASM) {
        target = f->code;
        callee_inst = f->inst;
        goto do_tail_wasm;
    }
    FUEL_STEP();
    {
        host_binding *h = &f->inst->hosts[f->index];
        ex->pc = pc;
        ex->fp = fp;
        ex->fr = fr;
        ex->cur = inst;
        mote_status st = h->fn(inst, src, h->user);
        if (LIKELY(st == MOTE_OK)) {
            memmove(fp, src, (size_t)f->type->result_slots * sizeof(mote_slot));
            RELOAD_MEM();
            goto do_ret;
        }
        if (st == MOTE_PAUSED)
            goto pause;
        if (st == MOTE_EXIT) {
            ex->exit_code = inst->ex.exit_code;
            result = MOTE_EXIT;
            goto finish;
        }
        trap_kind = MOTE_TRAP_HOST;
        goto trap;
    }

do_tail_wasm:   /* target, callee_inst, src set */
    FUEL_STEP();
    {
        uint32_t hdr = target[-1];
        if (UNLIKELY(fp + target[-2] > ex->stack_end))
            TRAP(MOTE_TRAP_STACK_EXHAUSTED);
        for (uint32_t i = 0; i < LOV(hdr); i++)     /* src >= fp: upward is safe */
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

    /* ---- leaving the loop ------------------------------------------------------- */

fuel_slow:
    budget++;                   /* this step is not paid for yet */
    if (ex->interrupt) {
        ex->interrupt = 0;
        goto pause;
    }
    if (budget == 0) {
        budget = take_fuel(ex);
        if (budget == 0)
            goto pause;
    }
    NEXT();                     /* run the same instruction again */

pause:
    ex->pc = pc;
    ex->fp = fp;
    ex->fr = fr;
    ex->cur = inst;
    give_back_fuel(ex, budget);
    ex->state = EXEC_PAUSED;
    return MOTE_PAUSED;

trap:
    ex->trap_pc = pc;
    ex->trap_inst = inst;
    ex->trap_fr = fr;
    give_back_fuel(ex, budget);
    ex->state = EXEC_IDLE;
    if (trap_kind == MOTE_TRAP_HOST) {
        if (inst != owner)      /* the host wrote its message in the caller's arena */
            owner->arena->error = inst->arena->error;
        owner->arena->error.status = MOTE_TRAP;
        owner->arena->error.trap = MOTE_TRAP_HOST;
        return MOTE_TRAP;
    }
    return raise_trap(owner, trap_kind, NULL);

finish:
    give_back_fuel(ex, budget);
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
