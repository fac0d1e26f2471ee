/*
 * compile.h -- the validating compiler: wasm function bodies -> mote code.
 *
 * One pass over each body both validates it (the spec's algorithm with an
 * operand-type stack and a control stack) and emits code.  The operand
 * stack also tracks where each value lives, so that most local.get,
 * local.set and constants never become instructions:
 *
 *   K_TEMP   the value is in its home slot (the frame slot of its stack
 *            position: homes start right after the locals);
 *   K_LOCAL  the value is still the local in slot `src` (local.get);
 *   K_CONST  the value is the constant `k` (i32.const ...);
 *   K_ADDK   the value is the i32 in slot `src` plus the constant `k`
 *            (an address being formed: loads and stores take it whole);
 *   K_ADD2   the value is the i32 in slot `src` plus the i32 in slot `k`
 *            (base + index, for loads and stores likewise).
 *
 * Consumers read locals and constants where they are; a K_LOCAL is copied
 * to its home only when the local is about to change, when control flow
 * merges, or when a call needs its arguments side by side.
 *
 * Dead code after br/return/unreachable is validated but not emitted.
 * Code goes straight into the arena; when it does not fit, compilation
 * continues counting words only, so the loader can say how much it needs.
 */
#ifndef MOTE_COMPILE_H
#define MOTE_COMPILE_H

#include "module.h"
#include "ops.h"
#include "reader.h"
#include "types.h"
#include "wasm_ops.h"
#include "error.h"

enum { K_TEMP, K_LOCAL, K_CONST, K_ADDK, K_ADD2 };

/* Kinds that read a slot which may change before the value is used. */
static inline bool kind_is_lazy(uint8_t kind)
{
    return kind == K_LOCAL || kind == K_ADDK || kind == K_ADD2;
}
/* Control frames: blocks, and (compile_eh.c) try_table, a legacy try's
 * body, and a legacy try's catch clauses. */
enum { F_BLOCK, F_LOOP, F_IF, F_ELSE, F_FUNC, F_TRY_TABLE, F_TRY, F_CATCH };

typedef struct cval {
    vtype type;   /* value type; VT_BOT = unknown (unreachable code) */
    uint8_t kind; /* K_TEMP / K_LOCAL / K_CONST */
    uint8_t pad_;
    uint16_t home; /* byte offset of its home slot */
    uint16_t src;  /* K_LOCAL, K_ADDK: byte offset of the slot read */
    uint16_t pad2_;
    uint64_t k; /* K_CONST: the bits; K_ADDK: the addend; K_ADD2: the
                   second slot */
} cval;

typedef struct cframe {
    uint8_t kind;
    uint8_t unreachable; /* validation: the rest of the block is stack-polymorphic */
    uint8_t live_in;     /* code was reachable when the block began */
    uint8_t targeted;    /* a reachable branch goes to the end label */
    uint32_t height;     /* operand stack depth where its params begin */
    uint32_t nparams, nresults;
    const vtype *params, *results; /* NULL with a count of 1: `one` */
    vtype one;                     /* a block type of one value type */
    uint32_t init_height;          /* the local-initialisation stack at entry */
    uint16_t label_home;           /* home of stack position `height` */
    uint16_t exn_slot;             /* F_CATCH: the slot holding the caught exception */
    int32_t eh_range;              /* F_TRY_TABLE, F_TRY: its range (compile_eh.c), or -1 */
    int32_t fixups;                /* chain of branch words waiting for the end label */
    int32_t else_fixup;            /* if: the branch word that skips the then-arm */
    uint32_t loop_pos;             /* loop: word index of the loop head */
    uint32_t stub_stamp, stub_pos; /* br_table: stub sharing */
} cframe;                          /* a field added here is also cleared in compile_frame_clear() */

/* Every field zero.  Stored one by one: a memset of the frame was a tenth
 * of a small module's load on Cortex-M (picolibc's small memset goes byte
 * by byte). */
static inline void compile_frame_clear(cframe *f)
{
    f->kind = f->unreachable = f->live_in = f->targeted = 0;
    f->height = f->nparams = f->nresults = 0;
    f->params = f->results = NULL;
    f->one = 0;
    f->init_height = 0;
    f->label_home = f->exn_slot = 0;
    f->eh_range = f->fixups = f->else_fixup = 0;
    f->loop_pos = f->stub_stamp = f->stub_pos = 0;
}

static inline const vtype *frame_params(const cframe *f)
{
    return f->params || !f->nparams ? f->params : &f->one;
}

static inline const vtype *frame_results(const cframe *f)
{
    return f->results || !f->nresults ? f->results : &f->one;
}

/* A compare just emitted, which a following br_if / if may absorb. */
typedef struct pending_cmp {
    int32_t pos;   /* word index of the compare, -1 if none */
    uint16_t home; /* where it wrote its result */
    uint8_t cmp;   /* index into MOTE_INT_COMPARES order */
    uint8_t form;  /* 0: i32 a,b  1: i32 a,imm  2: i64 a,b  3: i32 eqz  4: i64 eqz */
    uint16_t a, b;
    uint32_t imm;
} pending_cmp;

typedef struct compiler {
    const mote_module *m;
    mote_error *err;
    mote_arena *arena;
    const int32_t *handlers;
    reader r;
    uint32_t func; /* function index being compiled */
    const mod_type *type;

    /* locals */
    uint32_t nlocals;
    vtype *local_types;
    uint16_t *local_slot; /* byte offsets */
    /* Locals of non-nullable reference types may not be read before they
     * are set; a set lasts to the end of the block it is in.  local_set[x]
     * says whether x may be read; `inits` lists the locals set since each
     * frame began (cframe.init_height), so that its end can forget them. */
    uint8_t *local_set;
    uint32_t *inits;
    uint32_t ninits, inits_cap;
    uint16_t temps_base; /* byte offset of the first home */
    uint32_t frame_end;  /* highest byte offset used + 8 */

    /* code */
    uint32_t *mcode;        /* the module's code (word 0 = first function) */
    uint32_t *code;         /* this function's first word; NULL: counting only */
    uint32_t base;          /* word index of this function's first word in the module code */
    uint32_t pos, cap;      /* in words, relative to code */
    bool overflow;          /* ran out of arena: counting only */
    uint64_t counted_bytes; /* code bytes of functions compiled while counting */
    size_t scratch_used;    /* scratch bytes in use at the end of the last function */

    /* stacks, in arena scratch */
    cval *vals;
    uint32_t nvals, vals_cap;
    cframe *ctrl;
    uint32_t nctrl, ctrl_cap;
    uint32_t nlazy; /* lazy entries (kind_is_lazy) on the stack */

    /* Constants that instructions read get frame slots of their own above
     * the homes, loaded once per call by a kload at the entry.  A first
     * pass (counting only) finds them and the frame size; the second pass
     * emits the code. */
    uint64_t *kvals; /* the distinct constants, as slot bits */
    uint32_t nk;
    bool kfrozen; /* second pass: no new constants */
    bool first_pass;
    uint16_t kbase; /* byte offset of constant 0's slot */

    bool live;        /* the current point is reachable */
    int32_t last_dst; /* word index of the d|a word of the last instruction
                         if it wrote only its d slot; else -1 */
    uint16_t last_dst_home;
    pending_cmp cmp;
    /* the last plain binary operation (d = a OP b), which the next one may
     * absorb when it consumes d: a*b + c, (a << k) + c */
    struct {
        int32_t pos; /* word index, -1 if none */
        uint16_t op, d, a, b;
    } bin;
    /* the last i32_add_i, which a loop's compare-and-branch may absorb */
    struct {
        int32_t pos; /* word index, -1 if none */
        uint16_t d, a;
        uint32_t k;
    } addi;
    int32_t last_copy; /* word index of the last instruction if it is a copy */
    uint32_t stamp;

    /* exception handling (compile_eh.c) */
    struct eh_range *ranges; /* try ranges of this function, in start order */
    uint32_t nranges, ranges_cap;
    struct eh_clause *clauses;
    uint32_t nclauses, clauses_cap;
    uint16_t hidden_base; /* the slots of exceptions caught by legacy
                             catch clauses, one per nesting depth, right
                             after the locals */
    uint16_t catch_slots; /* how many the frame reserves (from the first pass) */
    uint16_t catch_depth; /* legacy catch clauses open now */
    uint16_t catch_max;   /* the most open at once */

    uint32_t op_offset; /* wasm offset of the instruction being compiled */
    bool body_done;     /* the function's final end was compiled */
    int64_t locate;     /* word index to map back to a wasm offset, or -1 */
    uint32_t located;
    mod_func *funcs; /* the module's functions; .code of a function not yet
                        compiled heads the chain of calls waiting for it */
} compiler;

/* compile.c */
/* Fails the function being compiled: "func N +0xOFF: " and the message
 * (error.h: compile_fail takes a message and its arguments, compile_failf
 * formats always). */
mote_status compile_failf(compiler *c, mote_status st, const char *fmt, ...);
#if MOTE_WITH_MESSAGES
#define compile_fail(c, st, ...) compile_failf(c, st, __VA_ARGS__)
#else
mote_status compile_fail_msg(compiler *c, mote_status st, msg_t msg);
#define compile_fail(c, st, ...) compile_fail_msg(c, st, MOTE_MSG_ARGS_(__VA_ARGS__))
#endif
/* Fails it as malformed with the reader's message (c->r.err), after an
 * immediate or a type could not be read. */
mote_status compile_fail_read(compiler *c);
mote_status compile_function(compiler *c, uint32_t func_index);
bool compile_ctrl_reserve(compiler *c);

/* The wasm offset of the instruction whose code holds module code word
 * `word` of function `func`, found by compiling it again (counting only)
 * with scratch from `scratch`; 0 if that is not possible. */
uint32_t compile_locate(const mote_module *m, mote_arena *scratch, uint32_t func, uint32_t word);

mote_status compile_push(compiler *c, vtype type, uint8_t kind, uint16_t src, uint64_t k);
mote_status compile_push_temp(compiler *c, vtype type); /* a result in its home */
/* Pops a value of a subtype of `want` (VT_BOT: any). */
mote_status compile_pop(compiler *c, vtype want, cval *out);
mote_status compile_peek(compiler *c, uint32_t depth_from_top, vtype want);
mote_status compile_type_mismatch(compiler *c, vtype want, vtype got);
bool compile_grow(compiler *c, void **arr, uint32_t *cap, size_t elem);
uint16_t compile_home_at(const compiler *c, uint32_t index);
cframe *compile_frame_at(compiler *c, uint32_t depth);
void compile_set_unreachable(compiler *c);

void compile_emit_word(compiler *c, uint32_t w);
void compile_emit_op(compiler *c, op o);
void compile_emit_da(compiler *c, op o, uint16_t d, uint16_t a);
void compile_emit_dab(compiler *c, op o, uint16_t d, uint16_t a, uint16_t b);
void compile_emit_dai(compiler *c, op o, uint16_t d, uint16_t a, uint32_t imm);
void compile_emit_move(compiler *c, uint16_t dst, const cval *v);
uint16_t compile_operand(compiler *c, cval *v);
void compile_materialize(compiler *c, uint32_t index);
void compile_materialize_local(compiler *c, uint16_t slot);
void compile_materialize_all_locals(compiler *c);
void compile_note_dst(compiler *c, uint16_t home);
void compile_forget_dst(compiler *c);

/*
 * How one wasm instruction compiles: its row in compile_rows.c, indexed by
 * wasm_op.  `fn` names the function that does the work (compile_fns[]);
 * numeric instructions share one and say in the row which mote op they
 * become, on what types.
 */
typedef struct crow crow;
typedef mote_status (*compile_fn)(compiler *c, const crow *row);
struct crow {        /* 8 bytes: one per instruction */
    uint16_t op;     /* numeric: the mote op */
    uint8_t fn;      /* CF_*: its compile function (CF_NONE_: not an instruction) */
    uint8_t imm;     /* numeric: its form with a constant right operand
                        is mote op `op + imm` (0: none; ROW_IMM) */
    uint8_t in, out; /* numeric: operand and result types */
    uint8_t flags;   /* numeric: RF_* (RF_UNARY: one operand, else two) */
    uint8_t arg;     /* comparisons: index in MOTE_INT_COMPARES order;
                        the others: a small argument for fn (block kind,
                        tail call, value type, table of memory ops...) */
};
/* The imm of a row whose immediate form is mote op imm_op: a constant
 * expression that does not compile unless imm_op comes 1..255 ops after op. */
#define ROW_IMM(op_, imm_op_)      \
    ((uint8_t)((imm_op_) - (op_) + \
               0 * sizeof(char[(imm_op_) > (op_) && (imm_op_) - (op_) < 256 ? 1 : -1])))

enum {
    RF_COMM = 1,   /* commutative: a constant left operand may swap right */
    RF_CMP32 = 2,  /* i32 comparison (fusable; cmp index in .cmp) */
    RF_CMP64 = 4,  /* i64 comparison */
    RF_RETYPE = 8, /* same bits, new type: no code */
    RF_EQZ32 = 16, /* i32.eqz (fusable) */
    RF_IMM64 = 32, /* the immediate form takes a sign-extended 32-bit value */
    RF_SUB = 64,   /* i32.sub: a constant right operand becomes add of -k */
    RF_UNARY = 128 /* one operand (else two) */
};

/* The loader refuses a group the build leaves out before it looks up a
 * row, so only the build's groups have rows (compile_rows.c keeps the
 * others' in #if blocks).  Without SIMD the table stops after them: they
 * are numbered first (wasm_ops.h), the left-out groups and the 0xFD
 * instructions after (4 KB less flash on a 32-bit part without SIMD, and
 * 0.8 KB more saved without floats). */
#if MOTE_WITH_SIMD
#define COMPILE_ROW_COUNT WASM_COUNT_
#else
#define COMPILE_ROW_COUNT WASM_ROWS_
#endif
extern const crow compile_rows[COMPILE_ROW_COUNT];

/*
 * The compile functions the rows name, each with the feature groups it
 * serves (1: every build).  Rows name them by index (CF_*), so that a row
 * is 8 bytes, not 12; a function of a group left out of the build has
 * no index and no entry in compile_fns[], so that it is not linked (the
 * loader refuses the group before a row is read).  Where each is defined: compile_control.c
 * (control flow), compile_ops.c (the rest, typed references with
 * compile_control.c), compile_eh.c (exceptions), compile_simd.c (SIMD).
 */
/* clang-format off */
#define COMPILE_FNS(F)                                                                \
    F(compile_unreachable, 1)                                                         \
    F(compile_nop, 1)                                                                 \
    F(compile_block, 1)          /* arg: F_BLOCK, F_LOOP, F_IF */                     \
    F(compile_else, 1)                                                                \
    F(compile_end, 1)            /* sets c->body_done at the function's end */        \
    F(compile_br, 1)                                                                  \
    F(compile_br_if, 1)                                                               \
    F(compile_br_table, 1)                                                            \
    F(compile_return, 1)                                                              \
    F(compile_call, 1)           /* arg: 1 for return_call */                         \
    F(compile_call_indirect, 1)  /* arg: 1 for return_call_indirect */                \
    F(compile_numeric, 1)        /* op, imm, in, out, flags, arg (compare) */         \
    F(compile_drop, 1)                                                                \
    F(compile_select, 1)         /* arg: 1 for select t */                            \
    F(compile_local_get, 1)                                                           \
    F(compile_local_set, 1)      /* arg: 1 for local.tee */                           \
    F(compile_global, 1)         /* arg: 1 for global.set */                          \
    F(compile_load, 1)           /* arg: index in compile_loads[] */                  \
    F(compile_store, 1)          /* arg: index in compile_stores[] */                 \
    F(compile_memory_size, 1)                                                         \
    F(compile_memory_grow, 1)                                                         \
    F(compile_const, 1)          /* arg: the value type */                            \
    F(compile_ref_null, MOTE_WITH_REFERENCE_TYPES)                                    \
    F(compile_ref_is_null, MOTE_WITH_REFERENCE_TYPES)                                 \
    F(compile_ref_func, MOTE_WITH_REFERENCE_TYPES)                                    \
    F(compile_table_get, MOTE_WITH_REFERENCE_TYPES)                                   \
    F(compile_table_set, MOTE_WITH_REFERENCE_TYPES)                                   \
    F(compile_table_grow, MOTE_WITH_REFERENCE_TYPES)                                  \
    F(compile_table_size, MOTE_WITH_REFERENCE_TYPES)                                  \
    F(compile_table_fill, MOTE_WITH_REFERENCE_TYPES)                                  \
    F(compile_memory_init, MOTE_WITH_BULK_MEMORY)                                     \
    F(compile_data_drop, MOTE_WITH_BULK_MEMORY)                                       \
    F(compile_memory_copy, MOTE_WITH_BULK_MEMORY)                                     \
    F(compile_memory_fill, MOTE_WITH_BULK_MEMORY)                                     \
    F(compile_table_init, MOTE_WITH_BULK_MEMORY)                                      \
    F(compile_elem_drop, MOTE_WITH_BULK_MEMORY)                                       \
    F(compile_table_copy, MOTE_WITH_BULK_MEMORY)                                      \
    F(compile_call_ref, MOTE_WITH_TYPED_REFS) /* arg: 1 for return_call_ref */        \
    F(compile_ref_as_non_null, MOTE_WITH_TYPED_REFS)                                  \
    F(compile_br_on_null, MOTE_WITH_TYPED_REFS) /* arg: 1 for br_on_non_null */       \
    F(compile_throw, MOTE_WITH_EXCEPTIONS)                                            \
    F(compile_throw_ref, MOTE_WITH_EXCEPTIONS)                                        \
    F(compile_try_table, MOTE_WITH_EXCEPTIONS)                                        \
    F(compile_try, MOTE_WITH_LEGACY_EXCEPTIONS)                                       \
    F(compile_catch, MOTE_WITH_LEGACY_EXCEPTIONS) /* arg: 1 for catch_all */          \
    F(compile_rethrow, MOTE_WITH_LEGACY_EXCEPTIONS)                                   \
    F(compile_delegate, MOTE_WITH_LEGACY_EXCEPTIONS)                                  \
    F(compile_simd_load, MOTE_WITH_SIMD)  /* op; arg: log2 of the natural alignment */\
    F(compile_simd_store, MOTE_WITH_SIMD) /* op; arg: log2 of the natural alignment */\
    F(compile_simd_load_lane, MOTE_WITH_SIMD) /* op; arg: log2 of the lane size */    \
    F(compile_simd_store_lane, MOTE_WITH_SIMD)                                        \
    F(compile_v128_const, MOTE_WITH_SIMD)                                             \
    F(compile_i8x16_shuffle, MOTE_WITH_SIMD)                                          \
    F(compile_simd_extract, MOTE_WITH_SIMD) /* op, out: the scalar type; arg: lanes */\
    F(compile_simd_replace, MOTE_WITH_SIMD) /* op, in: the scalar type; arg: lanes */ \
    F(compile_simd_shift, MOTE_WITH_SIMD)   /* op */                                  \
    F(compile_simd_ternary, MOTE_WITH_SIMD) /* op */
/* clang-format on */
#define COMPILE_FN(name) mote_status name(compiler *c, const crow *row)
#define F(name, built) COMPILE_FN(name);
COMPILE_FNS(F)
#undef F
/* Only the build's functions get an index (and a place in compile_fns[]):
 * CF_IF_(built)(x) is x when `built` expands to 1, nothing when to 0, and
 * does not compile otherwise.  A row of a group left out names no CF_*
 * (it sits in its group's #if block), so it cannot name a missing one. */
#define CF_IF_(built) CF_IF_CAT_(CF_IF_, built)
#define CF_IF_CAT_(a, b) a##b
#define CF_IF_1(...) __VA_ARGS__
#define CF_IF_0(...)
enum {
    CF_NONE_,
#define F(name, built) CF_IF_(built)(CF_##name, )
    COMPILE_FNS(F)
#undef F
        CF_COUNT_ /* the build's compile functions, and CF_NONE_ */
};
extern const compile_fn compile_fns[CF_COUNT_];

/* Ends an arm of block f (else, catch): results home, a jump to the end. */
void compile_leave_arm(compiler *c, cframe *f);

/* Moves a v128 (two slots) into dst; and the op of a v128 plumbing
 * instruction (OP_nop in a build without SIMD, which has no v128 values:
 * the loader refuses the type). */
#if MOTE_WITH_SIMD
void compile_simd_move(compiler *c, uint16_t dst, const cval *v);
#define COMPILE_V128_OP(name) OP_##name
#else
static inline void compile_simd_move(compiler *c, uint16_t dst, const cval *v)
{
    (void)c, (void)dst, (void)v;
}
#define COMPILE_V128_OP(name) OP_nop
#endif

/* Reads a memarg (memory index, offset: u64 with memory64); checks the
 * memory, the alignment against 2^natural_log2 and the offset's range
 * (compile_ops.c). */
mote_status compile_read_memarg(compiler *c, unsigned natural_log2, uint32_t *index,
                                uint64_t *offset);
/* Does memory `index` take 64-bit addresses (memory64)? */
bool compile_memory_is64(const compiler *c, uint32_t index);

/* The slot of an index or length operand for a 32-bit table op: on a
 * table64 (is64) the i64 value is first saturated to 2^32 - 1 in its home,
 * which is out of range of every table (compile_ops.c). */
uint16_t compile_table_operand(compiler *c, cval *v, bool is64);

/* Loads and stores: the mote op of each address form (compile_ops.c). */
typedef struct memop {
    uint16_t op; /* the plain form */
    uint8_t type;
    uint8_t log2;
} memop;
extern const memop compile_loads[14], compile_stores[9];
/* Its other forms, in tables of their own (same index), so that a build
 * links only those it reads: the fused address forms (superinstructions)
 * and the _m forms (memory64, multiple memories; minimal reads none). */
typedef struct memop_forms {
    uint16_t op_k;         /* with the address as base + k */
    uint16_t op_x;         /* with the address as base + index */
    uint16_t op_ar, op_ai; /* loads after "x = a + b" / "x = a + k" into x */
} memop_forms;
typedef struct store_forms {
    uint16_t op_k, op_x; /* as memop_forms */
} store_forms;
extern const memop_forms compile_load_forms[14];
extern const store_forms compile_store_forms[9];
/* any memory, any address width */
extern const uint16_t compile_load_m[14], compile_store_m[9];

/* Reads a value type or a block type from the body (messages with the
 * place); a block type of one value type is in *one. */
mote_status compile_read_valtype(compiler *c, vtype *out);
mote_status compile_read_blocktype(compiler *c, uint32_t *np, const vtype **params, uint32_t *nr,
                                   const vtype **results, vtype *one);

/* Control flow shared with compile_eh.c (compile_control.c). */
mote_status compile_read_label(compiler *c, uint32_t *depth);
uint32_t compile_label_arity(const cframe *f, const vtype **types);
uint16_t compile_label_slot(const cframe *f, const vtype *types, uint32_t i);
mote_status compile_check_values(compiler *c, const vtype *types, uint32_t n, bool exact,
                                 bool retype);
mote_status compile_push_frame(compiler *c, uint8_t kind, uint32_t np, const vtype *params,
                               uint32_t nr, const vtype *results, vtype one, cframe **out);
mote_status compile_leave_frame(compiler *c, cframe *f, bool live_after);
void compile_emit_branch(compiler *c, cframe *f);
void compile_emit_target(compiler *c, cframe *f);
void compile_emit_skip_target(compiler *c, int32_t *chain);
void compile_resolve_chain(compiler *c, int32_t chain);
bool compile_values_in_place(compiler *c, const cframe *f);
mote_status compile_take_args(compiler *c, const mod_type *t, uint16_t *argbase);
mote_status compile_push_results(compiler *c, const mod_type *t);
/* Forgets the locals set since frame f began (block ends and else). */
void compile_reset_inits(compiler *c, const cframe *f);

/* Exception handling (compile_eh.c): each function's handler table is
 * written after its code; compile_eh_reset starts a function. */
void compile_eh_reset(compiler *c);
mote_status compile_eh_finish(compiler *c, uint32_t *table_word);
/* At a block end or else: closes the range of a try_table or legacy try. */
mote_status compile_eh_end(compiler *c, cframe *f);

#endif
