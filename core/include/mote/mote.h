/*
 * mote.h -- the public interface of the mote WebAssembly core.
 *
 * The core loads, validates and compiles WebAssembly modules, instantiates
 * them against host imports and runs their functions.  It never allocates:
 * every byte it uses comes from an arena that the embedder hands it.
 *
 * Life cycle, in order:
 *
 *     mote_arena *a = mote_arena_init(buf, sizeof buf);
 *     mote_module *m;   mote_load(a, wasm, wasm_len, NULL, &m);
 *     mote_instance *i; mote_instantiate(a, m, imports, n, NULL, &i);
 *     mote_func *f = mote_export_func(i, "add");
 *     mote_value args[2] = {{.i32 = 1}, {.i32 = 2}}, res[1];
 *     mote_call(i, f, args, 2, res, 1);
 *
 * Every function that can fail returns a mote_status.  The details of the
 * last failure (a message that names the place, the trap kind, function
 * index and offset) are kept in the arena the object lives in and read with
 * mote_arena_error().
 *
 * Objects never own memory outside their arena.  The module bytes are read
 * in place and must stay valid and unchanged while the module is loaded;
 * they may sit in flash.  The core never writes to them.
 *
 * Thread safety: an arena and everything in it belongs to one thread at a
 * time.  The only call that may come from another thread or an interrupt
 * handler is mote_interrupt().
 */
#ifndef MOTE_MOTE_H
#define MOTE_MOTE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_VERSION_MAJOR 0
#define MOTE_VERSION_MINOR 1
#define MOTE_VERSION_PATCH 0
#define MOTE_VERSION_STRING "0.1.0"

/* ------------------------------------------------------------------------
 * Status codes, traps and error records
 * ------------------------------------------------------------------------ */

typedef enum mote_status {
    MOTE_OK = 0,
    MOTE_ERR_MALFORMED,   /* the bytes are not a well-formed binary module */
    MOTE_ERR_INVALID,     /* the module is well formed but fails validation */
    MOTE_ERR_LIMIT,       /* an implementation limit was exceeded */
    MOTE_ERR_NO_MEMORY,   /* the arena is too small; the message says how
                             many bytes are needed */
    MOTE_ERR_UNLINKABLE,  /* an import is missing or has the wrong type */
    MOTE_ERR_NOT_FOUND,   /* no export of that name or kind */
    MOTE_ERR_ARGUMENT,    /* the embedder passed a bad argument */
    MOTE_ERR_STATE,       /* the call is not allowed in this state (for
                             example resuming an instance with nothing paused) */
    MOTE_TRAP,            /* execution trapped; see mote_error.trap */
    MOTE_PAUSED,          /* fuel ran out or mote_interrupt() was called;
                             mote_resume() continues the call */
    MOTE_EXIT,            /* a host function ended the program
                             (mote_host_exit); see mote_exit_code() */
    MOTE_ERR_UNSUPPORTED, /* the module needs a feature this build of mote
                             leaves out; the message names the build option */
    MOTE_EXCEPTION        /* a wasm exception was thrown and nothing caught
                             it; mote_uncaught_exception() returns it */
} mote_status;

/* Trap kinds.  Their messages use the WebAssembly specification's wording. */
typedef enum mote_trap {
    MOTE_TRAP_NONE = 0,
    MOTE_TRAP_UNREACHABLE,           /* "unreachable" */
    MOTE_TRAP_MEMORY_OUT_OF_BOUNDS,  /* "out of bounds memory access" */
    MOTE_TRAP_TABLE_OUT_OF_BOUNDS,   /* "out of bounds table access" */
    MOTE_TRAP_UNDEFINED_ELEMENT,     /* "undefined element" */
    MOTE_TRAP_UNINITIALIZED_ELEMENT, /* "uninitialized element" */
    MOTE_TRAP_INDIRECT_CALL_TYPE,    /* "indirect call type mismatch" */
    MOTE_TRAP_DIVIDE_BY_ZERO,        /* "integer divide by zero" */
    MOTE_TRAP_INTEGER_OVERFLOW,      /* "integer overflow" */
    MOTE_TRAP_INVALID_CONVERSION,    /* "invalid conversion to integer" */
    MOTE_TRAP_STACK_EXHAUSTED,       /* "call stack exhausted" */
    MOTE_TRAP_HOST,                  /* raised by a host function */
    MOTE_TRAP_NULL_REFERENCE,        /* "null reference" (ref.as_non_null) */
    MOTE_TRAP_NULL_FUNCTION,         /* "null function reference" (call_ref) */
    MOTE_TRAP_NULL_EXCEPTION         /* "null exception reference" (throw_ref) */
} mote_trap;

#define MOTE_NO_FUNC 0xFFFFFFFFu

typedef struct mote_error {
    mote_status status;
    mote_trap trap;    /* MOTE_TRAP_NONE unless status == MOTE_TRAP */
    uint32_t func;     /* function index, or MOTE_NO_FUNC */
    uint32_t offset;   /* byte offset in the module binary, 0 if none */
    char message[192]; /* e.g. "func 12 +0x3a1: type mismatch:
                          expected i32, got f64" */
} mote_error;

/* The spec wording of a trap kind, e.g. "integer divide by zero". */
const char *mote_trap_message(mote_trap trap);

/* A short name for a status code, e.g. "malformed". */
const char *mote_status_name(mote_status status);

/* ------------------------------------------------------------------------
 * Arenas
 * ------------------------------------------------------------------------ */

typedef struct mote_arena mote_arena;

/*
 * Turns buf[0..size) into an arena.  The arena's own bookkeeping is carved
 * from the start of the buffer (mote_arena_used() counts it).  Returns NULL
 * if the buffer is too small to hold that bookkeeping.  buf need not be
 * aligned; the core aligns internally.
 */
mote_arena *mote_arena_init(void *buf, size_t size);

/* Bytes handed out so far (bookkeeping included), and the arena's size. */
size_t mote_arena_used(const mote_arena *arena);
size_t mote_arena_size(const mote_arena *arena);

/* The largest mote_arena_used() value seen, temporary load-time use included. */
size_t mote_arena_peak(const mote_arena *arena);

/* Frees everything in the arena: all modules and instances in it end. */
void mote_arena_reset(mote_arena *arena);

/*
 * The record of the last failure of an operation on an object in this
 * arena.  For calls, that is the arena of the instance mote_call() was
 * given, even when the trap happened in a function of another instance.
 */
const mote_error *mote_arena_error(const mote_arena *arena);

/*
 * How many times a memory.grow or table.grow in this arena was refused
 * because the arena had no room (as opposed to the module's declared
 * maximum or the embedder's cap).  Such a grow returns -1 to the program,
 * as the specification allows; this count lets a test harness tell the
 * two apart.
 */
uint32_t mote_arena_grow_refusals(const mote_arena *arena);

/* ------------------------------------------------------------------------
 * Values and types
 * ------------------------------------------------------------------------ */

/* Value types, numbered as in the binary format. */
typedef uint8_t mote_valtype;
#define MOTE_I32 ((mote_valtype)0x7F)
#define MOTE_I64 ((mote_valtype)0x7E)
#define MOTE_F32 ((mote_valtype)0x7D)
#define MOTE_F64 ((mote_valtype)0x7C)
#define MOTE_V128 ((mote_valtype)0x7B)
#define MOTE_FUNCREF ((mote_valtype)0x70)
#define MOTE_EXTERNREF ((mote_valtype)0x6F)
#define MOTE_EXNREF ((mote_valtype)0x69)
#define MOTE_ANYREF ((mote_valtype)0x6E) /* GC references (not yet) */
/*
 * These are classes: a typed reference such as (ref $t) or (ref null func)
 * is seen by the embedder as the class of its hierarchy, MOTE_FUNCREF for
 * every function reference, MOTE_EXTERNREF for host references, MOTE_EXNREF
 * for exception references.  Non-nullable references are never NULL.
 */

/* "i32", "f64", "funcref", ... */
const char *mote_valtype_name(mote_valtype type);

typedef struct mote_func mote_func;
typedef struct mote_memory mote_memory;
typedef struct mote_table mote_table;
typedef struct mote_global mote_global;
typedef struct mote_module mote_module;
typedef struct mote_instance mote_instance;
typedef struct mote_tag mote_tag;
typedef struct mote_exception mote_exception;

/*
 * A value.  Floats are kept as bit patterns (f32/f64 members alias the bits),
 * so NaN payloads pass through unchanged.  funcref values are mote_func
 * pointers; externref values are opaque host pointers; exnref values are
 * mote_exception pointers; NULL is ref.null.
 *
 * A v128 (SIMD) takes two consecutive mote_value entries wherever values
 * are passed in arrays (mote_call's arguments and results, a host
 * function's io): the first's u64 holds bytes 0-7 of the vector, the
 * second's bytes 8-15, in memory order (lane 0 of every shape is in the
 * first entry's low bits).  So `add(v128, i32) -> v128` takes three values
 * and returns two.
 *
 * Only the member the value's type names is defined.  An i32 or f32 that
 * the VM hands out (mote_call()'s results, a host function's io, a global)
 * sets those 32 bits; the rest of the union is unspecified (on the value
 * stack it is whatever the slot held before), so read an i32 as .i32,
 * never as .i64.
 */
typedef union mote_value {
    int32_t i32;
    uint32_t u32;
    int64_t i64;
    uint64_t u64;
    float f32;
    double f64;
    void *ref;
    mote_func *func;
    mote_exception *exn;
} mote_value;

/* ------------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------------ */

/* Optional features beyond Wasm 2.0; all are on by default (a build can
 * also leave some out: MOTE_ERR_UNSUPPORTED names its option). */
#define MOTE_FEATURE_TAIL_CALL (1u << 0)
#define MOTE_FEATURE_EXTENDED_CONST (1u << 1)
#define MOTE_FEATURE_CUSTOM_PAGE_SIZES (1u << 2)
/* 128-bit SIMD (v128, the 0xFD instructions: part of Wasm 2.0) and relaxed
 * SIMD; with the bit off their opcodes are illegal.  A build can also leave
 * them out entirely (MOTE_WITH_SIMD); the load then fails with
 * MOTE_ERR_UNSUPPORTED.  Relaxed SIMD's implementation-defined results are
 * one fixed choice per instruction, the same on every target (docs/simd.md). */
#define MOTE_FEATURE_SIMD (1u << 3) /* v128 (part of Wasm 2.0) */
#define MOTE_FEATURE_RELAXED_SIMD (1u << 4)
#define MOTE_FEATURE_MULTI_MEMORY (1u << 5)
#define MOTE_FEATURE_MEMORY64 (1u << 6)            /* and table64 */
#define MOTE_FEATURE_FUNCTION_REFERENCES (1u << 7) /* typed function references */
#define MOTE_FEATURE_EXCEPTIONS (1u << 8)          /* try_table, throw, exnref */
#define MOTE_FEATURE_LEGACY_EXCEPTIONS (1u << 9)   /* try/catch/delegate/rethrow */
#define MOTE_FEATURE_ALL 0x7FFFFFFFu
/* Set this bit to mean "exactly the bits given", so that
 * MOTE_FEATURE_NONE turns every optional feature off. */
#define MOTE_FEATURE_EXACT (1u << 31)
#define MOTE_FEATURE_NONE MOTE_FEATURE_EXACT

typedef struct mote_load_config {
    uint32_t features; /* MOTE_FEATURE_* bits; 0 (or no config) means all */
} mote_load_config;

/*
 * Decodes, validates and compiles a binary module into the arena.
 * wasm[0..len) is read in place and must outlive the module.  config may be
 * NULL.  On failure nothing stays allocated in the arena, and the arena's
 * error record says what and where; when the arena is too small the message
 * gives the number of bytes the load needs.
 */
mote_status mote_load(mote_arena *arena, const uint8_t *wasm, size_t len,
                      const mote_load_config *config, mote_module **out);

/* Frees the module and everything allocated in its arena after it. */
void mote_unload(mote_module *module);

/* Number of imports and exports, and a description of each. */
typedef enum mote_extern_kind {
    MOTE_EXTERN_FUNC = 0,
    MOTE_EXTERN_TABLE = 1,
    MOTE_EXTERN_MEMORY = 2,
    MOTE_EXTERN_GLOBAL = 3,
    MOTE_EXTERN_TAG = 4 /* an exception tag */
} mote_extern_kind;

typedef struct mote_limits {
    uint64_t min; /* in pages for memories, elements for tables */
    uint64_t max; /* valid if has_max */
    bool has_max;
    bool is64;          /* memory64 / table64: i64 addresses or indices */
    uint32_t page_size; /* memories: bytes per page (65536 or 1) */
} mote_limits;

typedef struct mote_extern_info {
    const char *module; /* import module name (imports only); not NUL-terminated */
    size_t module_len;
    const char *name; /* field or export name; not NUL-terminated */
    size_t name_len;
    mote_extern_kind kind;
    uint32_t index; /* index in the module's space of that kind */
    /* type of the item: */
    const mote_valtype *params, *results; /* functions; tags: params only */
    uint32_t num_params, num_results;
    mote_valtype valtype; /* globals: value type; tables: element type */
    bool mutable_;        /* globals */
    mote_limits limits;   /* tables and memories */
} mote_extern_info;

uint32_t mote_module_num_imports(const mote_module *module);
uint32_t mote_module_num_exports(const mote_module *module);
mote_status mote_module_import(const mote_module *module, uint32_t i, mote_extern_info *out);
mote_status mote_module_export(const mote_module *module, uint32_t i, mote_extern_info *out);

/*
 * The name of function `index` from the module's name section, or NULL.
 * The returned bytes point into the module binary and are not NUL-terminated.
 * Always NULL in a core built without names (CMake MOTE_WITH_NAMES=OFF, the
 * minimal configuration's default): backtraces then give indices only.
 */
const char *mote_module_func_name(const mote_module *module, uint32_t index, size_t *len);

/* Bytes of the arena the module occupies, and of that its compiled code. */
size_t mote_module_bytes(const mote_module *module);
size_t mote_module_code_bytes(const mote_module *module);

/* ------------------------------------------------------------------------
 * Precompiled images: modules whose compiled code lives in flash
 *
 * A device with little RAM cannot hold a big module's compiled code.  An
 * image is that code, compiled ahead of time (at build time on the PC, or
 * once on the device and programmed into flash) for one firmware build;
 * attaching it costs a few hundred bytes of arena, and the module then runs
 * straight from where the image and the wasm bytes are.
 * ------------------------------------------------------------------------ */

/*
 * This build's instruction encoding: the handler word of every internal
 * instruction.  An image compiled with this table runs only on builds whose
 * table is identical; mote_image_attach() checks that.
 */
size_t mote_handler_table(const int32_t **table);

/*
 * Compiles wasm[0..len) for the build whose handler table is given (from
 * its mote_handler_table(), e.g. extracted from its object file) and writes
 * the image to out[0..cap), setting *written.  `scratch` is any arena large
 * enough for the load; it is left as it was.  Fails with MOTE_ERR_NO_MEMORY
 * (and the size needed in the message) when cap is too small.
 */
mote_status mote_image_compile(mote_arena *scratch, const uint8_t *wasm, size_t len,
                               const mote_load_config *config, const int32_t *handlers,
                               size_t num_handlers, uint8_t *out, size_t cap, size_t *written);

/*
 * Attaches an image compiled for this build.  The image must be 8-byte
 * aligned and stay valid and unchanged, like wasm[0..len), which must be
 * the very module it was compiled from (its length and checksum are
 * compared).  Only the module header is allocated in the arena.
 */
mote_status mote_image_attach(mote_arena *arena, const uint8_t *image, size_t image_len,
                              const uint8_t *wasm, size_t len, mote_module **out);

/* ------------------------------------------------------------------------
 * Host functions and imports
 * ------------------------------------------------------------------------ */

/*
 * A host function.  io[0..num_params) holds the arguments on entry; the
 * function writes its results to io[0..num_results).  `caller` is the
 * instance whose code made the call: use it to reach the caller's linear
 * memory (mote_memory_ptr) and to trap or exit.  Return MOTE_OK, or the
 * status of mote_host_trap() or mote_host_exit().  Returning MOTE_PAUSED
 * suspends the whole call; mote_resume() then calls the host function again
 * with the same arguments.
 */
typedef mote_status (*mote_host_fn)(mote_instance *caller, mote_value *io, void *user);

/* Records a trap with the given message; returns MOTE_TRAP for the host to return. */
mote_status mote_host_trap(mote_instance *caller, const char *message);

/* Records an exit with the given code; returns MOTE_EXIT for the host to return. */
mote_status mote_host_exit(mote_instance *caller, int32_t code);

/* An import or export: one of the four kinds of object. */
typedef struct mote_extern {
    mote_extern_kind kind;
    union {
        mote_func *func;
        mote_table *table;
        mote_memory *memory;
        mote_global *global;
        mote_tag *tag;
    } u;
} mote_extern;

/*
 * One import offered to mote_instantiate().  Module and field names are
 * strings of module_len and name_len bytes, or NUL-terminated when the
 * length is 0.  Either `fn` is set (a host function, typed by `signature`)
 * or `ext` names an existing object.
 *
 * Signatures list parameter types in parentheses, then result types:
 * i = i32, I = i64, f = f32, F = f64, V = v128, r = funcref, e = externref,
 * x = exnref (a reference parameter matches any type of its class).
 * A v128 takes two entries of io (see mote_value).
 * "(ii)i" takes two i32 and returns an i32; "()" takes and returns nothing.
 */
typedef struct mote_import {
    const char *module;
    const char *name;
    size_t module_len, name_len; /* 0: the name is NUL-terminated */
    mote_host_fn fn;
    const char *signature;
    void *user;
    mote_extern ext;
} mote_import;

/* Objects created by the embedder, to be offered as imports. */
/* A tag for the embedder's own exceptions (see "Exceptions" below), with
 * payload types in the signature syntax above: "(i)" is one i32, "()" none.
 * A core built without exceptions (MOTE_WITH_EXCEPTIONS=OFF, as minimal)
 * returns MOTE_ERR_UNSUPPORTED: there a host function reports a failure
 * with mote_host_trap(), and one that returns MOTE_EXCEPTION traps. */
mote_status mote_tag_new(mote_arena *arena, const char *params, mote_tag **out);
mote_status mote_memory_new(mote_arena *arena, const mote_limits *limits, mote_memory **out);
mote_status mote_table_new(mote_arena *arena, mote_valtype elem_type, const mote_limits *limits,
                           mote_table **out);
mote_status mote_global_new(mote_arena *arena, mote_valtype type, bool mutable_, mote_value value,
                            mote_global **out);
/* A v128 global, value[0..1] as in mote_value's note. */
mote_status mote_global_new_v128(mote_arena *arena, bool mutable_, const mote_value value[2],
                                 mote_global **out);

/* ------------------------------------------------------------------------
 * Exceptions
 *
 * A wasm exception is a tag and payload values.  The tag (mote_tag) is its
 * identity and says the payload's types; tags are defined by modules
 * (exported as MOTE_EXTERN_TAG) or by the embedder (mote_tag_new), and are
 * imported like the other objects.
 *
 * A host function throws by returning what mote_host_throw() returns:
 *
 *     static mote_status host_parse(mote_instance *caller, mote_value *io, void *user)
 *     {
 *         if (io[0].i32 < 0) {
 *             mote_value why = {.i32 = 22};
 *             return mote_host_throw(caller, (mote_tag *)user, &why, 1);
 *         }
 *         ...
 *         return MOTE_OK;
 *     }
 *
 * The exception then unwinds the wasm frames that called the host function
 * as if the call had thrown it: a try_table or try there may catch it.  An
 * exception that nothing catches ends mote_call() (or mote_resume(),
 * mote_instantiate() for the start function) with MOTE_EXCEPTION -- a trap
 * is never an exception, and no wasm handler catches a trap.  The embedder
 * then reads it with mote_uncaught_exception(); a host function that made
 * that call may pass it on to its own caller with mote_host_rethrow().
 *
 * Where exceptions live: in the value stack of the instance the call runs
 * on, at its top end (so an instance that never throws pays nothing).
 * Exceptions nothing refers to any more are reclaimed when that room runs
 * short; a deep call then traps "call stack exhausted" only if the live
 * exceptions and the frames together do not fit the value stack.  An
 * exception stored in a global or a table stays allocated until the arena
 * is reset.  An exception the embedder received (as uncaught, or as an
 * exnref result or argument) is valid until the next mote_call() on that
 * instance.
 * ------------------------------------------------------------------------ */

/* The types of a tag's payload. */
void mote_tag_type(const mote_tag *tag, const mote_valtype **params, uint32_t *num_params);

/* Records an exception of `tag` with the given payload (as many values as
 * the tag's type has) on the call that made this host call; returns
 * MOTE_EXCEPTION for the host function to return.  Returns MOTE_TRAP (and
 * records a trap) if the payload does not match the tag or the exception
 * does not fit the value stack. */
mote_status mote_host_throw(mote_instance *caller, mote_tag *tag, const mote_value *payload,
                            size_t num_payload);

/* Throws a copy of `exn` (for example one a nested mote_call() left
 * uncaught); same returns as mote_host_throw(). */
mote_status mote_host_rethrow(mote_instance *caller, const mote_exception *exn);

/* After a call on `inst` returned MOTE_EXCEPTION: the exception, valid
 * until the next call on `inst`.  NULL otherwise. */
const mote_exception *mote_uncaught_exception(const mote_instance *inst);

/* An exception's tag, and its payload: copies up to `max` values to out
 * and returns how many the payload has. */
mote_tag *mote_exception_tag(const mote_exception *exn);
size_t mote_exception_payload(const mote_exception *exn, mote_value *out, size_t max);

/* ------------------------------------------------------------------------
 * Instances
 * ------------------------------------------------------------------------ */

typedef struct mote_instance_config {
    uint32_t value_stack_bytes; /* operand/local stack; 0 = 64 KiB */
    uint32_t call_stack_bytes;  /* call frame records; 0 = 8 KiB */
    uint64_t memory_cap;        /* cap on each linear memory's size in bytes;
                                   0 = none beyond the declared max and the arena */
    uint32_t table_cap;         /* most elements a table without a small
                                   declared max may grow to; 0 = 4096 */
    int64_t start_fuel;         /* fuel for the start function (see
                                   mote_set_fuel); 0 = unlimited.  A start
                                   function that runs out fails instantiation */
} mote_instance_config;

/*
 * Creates an instance of `module` in `arena` (which may differ from the
 * module's), resolving its imports against imports[0..num_imports) by
 * module and field name, initialises tables and memory from the segments
 * and runs the start function.  config may be NULL.
 *
 * Returns MOTE_ERR_UNLINKABLE when an import is missing or mismatched,
 * MOTE_TRAP when a segment is out of bounds or the start function traps.
 * The instance is then not returned and the arena's bottom goes back to
 * where it was, but segments applied before the failure stay written to
 * imported tables and memories, as the specification requires: such a
 * table may then hold references to functions of the failed instance, so
 * do not reuse that arena space while such a table is in use.
 */
mote_status mote_instantiate(mote_arena *arena, const mote_module *module,
                             const mote_import *imports, size_t num_imports,
                             const mote_instance_config *config, mote_instance **out);

/* The arena an instance lives in (its error record is there). */
mote_arena *mote_instance_arena(const mote_instance *inst);
const mote_module *mote_instance_module(const mote_instance *inst);

/* Looks up an export by name (name_len bytes; names may hold any byte). */
mote_status mote_find_export(mote_instance *inst, const char *name, size_t name_len,
                             mote_extern *out);

/* Shorthands for NUL-terminated names; NULL when absent or of another kind. */
mote_func *mote_export_func(mote_instance *inst, const char *name);
mote_memory *mote_export_memory(mote_instance *inst, const char *name);
mote_global *mote_export_global(mote_instance *inst, const char *name);
mote_table *mote_export_table(mote_instance *inst, const char *name);
mote_tag *mote_export_tag(mote_instance *inst, const char *name);

/* ------------------------------------------------------------------------
 * Calling
 * ------------------------------------------------------------------------ */

/* The type of a function. */
void mote_func_type(const mote_func *func, const mote_valtype **params, uint32_t *num_params,
                    const mote_valtype **results, uint32_t *num_results);

/*
 * Calls `func` on the stacks of `inst`.  The counts must match the
 * function's type, counted in values: a v128 parameter or result takes two
 * (see mote_value).  Returns MOTE_OK with results written, MOTE_TRAP,
 * MOTE_EXCEPTION (uncaught; see mote_uncaught_exception()), MOTE_EXIT, or
 * MOTE_PAUSED when fuel ran out or mote_interrupt() was called;
 * a paused call keeps `results` and writes to it when it completes, so that
 * buffer must stay valid until then.  An instance runs one call at a time.
 */
mote_status mote_call(mote_instance *inst, mote_func *func, const mote_value *args, size_t num_args,
                      mote_value *results, size_t num_results);

/* Continues a paused call.  Same returns as mote_call(). */
mote_status mote_resume(mote_instance *inst);

/* Drops a paused call; the instance can take a new call. */
void mote_abandon(mote_instance *inst);

/* True while a call on this instance is paused. */
bool mote_is_paused(const mote_instance *inst);

/*
 * Fuel: when set, every function entry and every backward branch (each
 * loop iteration) consumes one unit; a call that finds the fuel empty
 * pauses (MOTE_PAUSED) before doing that step, and resumes exactly there.
 * MOTE_FUEL_OFF (the default) means no limit.
 */
#define MOTE_FUEL_OFF INT64_MAX
void mote_set_fuel(mote_instance *inst, int64_t fuel);
int64_t mote_get_fuel(const mote_instance *inst);

/*
 * Asks the running call to stop at its next function entry or backward
 * branch with MOTE_PAUSED.  Safe to call from an interrupt handler or
 * another thread.  The request stays set until the call notices it.
 */
void mote_interrupt(mote_instance *inst);

/* The code passed to mote_host_exit() after a call returned MOTE_EXIT. */
int32_t mote_exit_code(const mote_instance *inst);

/* One frame of a trap's backtrace; innermost first. */
typedef struct mote_frame {
    uint32_t func;   /* function index */
    uint32_t offset; /* byte offset in the module binary, 0 if unknown */
    const mote_instance *instance;
} mote_frame;

/* Copies up to `max` frames of the last trap's backtrace; returns the count. */
size_t mote_backtrace(const mote_instance *inst, mote_frame *frames, size_t max);

/* The number of frames in the last trap's backtrace (0 if it did not trap). */
size_t mote_backtrace_depth(const mote_instance *inst);

/* Like mote_backtrace(), from frame `first` on (0 is the innermost), so a
 * deep backtrace can be read in pieces.  Returns the count copied. */
size_t mote_backtrace_from(const mote_instance *inst, size_t first, mote_frame *frames, size_t max);

/*
 * Prints the last trap of a call on `inst` -- its message and backtrace,
 * with function names from the name section -- through write(), in a few
 * pieces, so firmware can send it to the UART in one call:
 *
 *     trap: integer divide by zero (func 3 +0x1a2)
 *       #0 func 3 <average> +0x1a2
 *       #1 func 5 <main> +0x2f0
 *
 * Offsets are byte offsets in the module.  Of a backtrace deeper than 16
 * frames the innermost 8 and the outermost 8 are printed, with a line
 * "  ... N frames not shown" between them.  Prints nothing when the last
 * call did not trap.
 */
typedef void (*mote_write_fn)(void *ctx, const char *text, size_t len);
void mote_trap_print(const mote_instance *inst, mote_write_fn write, void *ctx);

/* What mote_trap_print_with() adds to the plain print. */
typedef struct mote_trap_print_options {
    /* Rewrites a function's name for display (e.g. demangles a C++ or Rust
     * name; WASI-lite's mote_wasi_demangle fits) into out[0..cap); returns
     * the new length, or 0 to print the name as it is.  NULL: as it is. */
    size_t (*rename)(void *user, const char *name, size_t len, char *out, size_t cap);
    /* Writes where the frame is in the source, e.g. "app.c:12", into
     * out[0..cap); returns the length, 0 if unknown.  A known place is
     * printed after the offset: "  #0 func 3 <average> +0x1a2 at app.c:12". */
    size_t (*locate)(void *user, const mote_frame *frame, char *out, size_t cap);
    void *user;
} mote_trap_print_options;

/* mote_trap_print() with names rewritten and places added; options NULL is
 * mote_trap_print(). */
void mote_trap_print_with(const mote_instance *inst, mote_write_fn write, void *ctx,
                          const mote_trap_print_options *options);

/* ------------------------------------------------------------------------
 * Memories, tables and globals
 * ------------------------------------------------------------------------ */

/* The instance's memory 0, or NULL. */
mote_memory *mote_instance_memory(mote_instance *inst);

/* Current size of a memory in bytes, and its base address. */
uint64_t mote_memory_size(const mote_memory *mem);
uint8_t *mote_memory_data(mote_memory *mem);

/*
 * A pointer to bytes [offset, offset+len) of the caller's memory 0 if the
 * whole range lies inside it, else NULL.  The pointer is valid until the
 * memory grows.  This is the one safe way for host code to reach guest data.
 */
uint8_t *mote_memory_ptr(mote_instance *inst, uint64_t offset, uint64_t len);

/* Grows a memory by `delta` pages; returns the old size in pages or -1. */
int64_t mote_memory_grow(mote_memory *mem, uint64_t delta);

uint32_t mote_table_size(const mote_table *table);
mote_status mote_table_get(const mote_table *table, uint32_t index, mote_value *out);
mote_status mote_table_set(mote_table *table, uint32_t index, mote_value value);

/* The global's type; *mutable_ is set unless mutable_ is NULL. */
mote_valtype mote_global_type(const mote_global *global, bool *mutable_);
mote_value mote_global_get(const mote_global *global);
mote_status mote_global_set(mote_global *global, mote_value value);

/* A v128 global's 16 bytes as two values (see mote_value); for those,
 * mote_global_get/set reach bytes 0-7 only.  MOTE_ERR_ARGUMENT for a
 * global of another type (or, setting, an immutable one). */
mote_status mote_global_get_v128(const mote_global *global, mote_value value[2]);
mote_status mote_global_set_v128(mote_global *global, const mote_value value[2]);

/* ------------------------------------------------------------------------
 * Sizing
 * ------------------------------------------------------------------------ */

typedef struct mote_needs {
    size_t module_bytes;   /* the loaded module */
    size_t instance_bytes; /* one instance with the given config, initial
                              memory and tables included */
    size_t load_peak;      /* most bytes in use during the load */
    size_t total;          /* size of an arena buffer that holds the load and
                              the instance (its own bookkeeping included) */
} mote_needs;

/*
 * Measures what `wasm` needs: loads it into `scratch` (any arena large enough
 * for the work), instantiates it without imports' effects, then leaves
 * `scratch` as it was.  The figures hold on every target: arena layouts use
 * only fixed-width fields.
 */
mote_status mote_measure(mote_arena *scratch, const uint8_t *wasm, size_t len,
                         const mote_load_config *load_config, const mote_instance_config *config,
                         mote_needs *out);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_MOTE_H */
