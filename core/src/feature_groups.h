/*
 * feature_groups.h -- what this build of the core contains.
 *
 * Instructions come in groups (wasm_ops.h gives each instruction's group).
 * A group can be left out of a build with the CMake option MOTE_WITH_<GROUP>
 * (-DMOTE_WITH_<GROUP>=0 for every core file): a module that uses it is
 * then refused with MOTE_ERR_UNSUPPORTED and a message naming the option.
 * Groups beyond Wasm 2.0 can also be turned off for one load
 * (mote_load_config.features, MOTE_FEATURE_*); then their opcodes are
 * illegal, as the spec says for a feature an engine does not have.
 */
#ifndef MOTE_FEATURE_GROUPS_H
#define MOTE_FEATURE_GROUPS_H

#include "mote/mote.h"

#ifndef MOTE_WITH_FLOAT
#define MOTE_WITH_FLOAT 1 /* f32/f64 arithmetic and conversions */
#endif
#ifndef MOTE_WITH_SIGN_EXT
#define MOTE_WITH_SIGN_EXT 1
#endif
#ifndef MOTE_WITH_SAT_CONV
#define MOTE_WITH_SAT_CONV 1
#endif
#ifndef MOTE_WITH_BULK_MEMORY
#define MOTE_WITH_BULK_MEMORY 1
#endif
#ifndef MOTE_WITH_REFERENCE_TYPES
#define MOTE_WITH_REFERENCE_TYPES 1
#endif
#ifndef MOTE_WITH_TAIL_CALL
#define MOTE_WITH_TAIL_CALL 1
#endif
#ifndef MOTE_WITH_EXTENDED_CONST
#define MOTE_WITH_EXTENDED_CONST 1 /* no instructions of its own: add, sub, mul in constants */
#endif
#ifndef MOTE_WITH_CUSTOM_PAGE_SIZES
#define MOTE_WITH_CUSTOM_PAGE_SIZES 1 /* no instructions of its own: 1-byte pages */
#endif
#ifndef MOTE_WITH_MULTI_MEMORY
#define MOTE_WITH_MULTI_MEMORY 1 /* no instructions of its own: memory indices */
#endif
#ifndef MOTE_WITH_MEMORY64
#define MOTE_WITH_MEMORY64 1 /* no instructions of its own: 64-bit limits */
#endif
#ifndef MOTE_WITH_TYPED_REFS
#define MOTE_WITH_TYPED_REFS 1 /* typed function references: (ref $t), call_ref */
#endif
#ifndef MOTE_WITH_EXCEPTIONS
#define MOTE_WITH_EXCEPTIONS 1 /* tags, throw, throw_ref, try_table, exnref */
#endif
#ifndef MOTE_WITH_LEGACY_EXCEPTIONS
#define MOTE_WITH_LEGACY_EXCEPTIONS 1 /* try/catch/delegate/rethrow (needs EXCEPTIONS) */
#endif
#if MOTE_WITH_LEGACY_EXCEPTIONS && !MOTE_WITH_EXCEPTIONS
#error "MOTE_WITH_LEGACY_EXCEPTIONS needs MOTE_WITH_EXCEPTIONS"
#endif
#ifndef MOTE_WITH_SIMD
#define MOTE_WITH_SIMD 1 /* v128 values and the 0xFD instructions */
#endif
#ifndef MOTE_WITH_RELAXED_SIMD
#define MOTE_WITH_RELAXED_SIMD MOTE_WITH_SIMD
#endif
#if !MOTE_WITH_SIMD /* relaxed SIMD needs SIMD */
#undef MOTE_WITH_RELAXED_SIMD
#define MOTE_WITH_RELAXED_SIMD 0
#endif
/* Not a group (every module runs without it): the superinstructions that
 * fuse a compare into a branch (and an add into that), a multiply or shift
 * into an add, and an address add (base + k, base + index) or update into
 * a load or store.  Off, the compiler emits
 * the plain ops instead and their handlers are compiled out: smaller and
 * slower (docs/size.md). */
#ifndef MOTE_WITH_FUSED
#define MOTE_WITH_FUSED 1
#endif

/* Not a group either: function names from the name section, for
 * backtraces (mote_module_func_name).  Off, the section is skipped like any
 * custom section and backtraces give function indices only. */
#ifndef MOTE_WITH_NAMES
#define MOTE_WITH_NAMES 1
#endif

/* Nor this: 64-bit division by C's operators (libgcc's routine on a 32-bit
 * CPU).  Off, by a smaller and slower loop (numeric.h, div64.c). */
#ifndef MOTE_WITH_FAST_DIV64
#define MOTE_WITH_FAST_DIV64 1
#endif

/* clang-format off */
/*
 * G(group, built, load feature bit or 0, what it is)
 * A load feature bit of 0: the group is part of Wasm 2.0, on whenever built.
 */
#define MOTE_FEATURE_GROUPS(G)                                                         \
    G(CORE, 1, 0, "core instructions")                                                 \
    G(FLOAT, MOTE_WITH_FLOAT, 0, "floating-point instructions")                        \
    G(SIGN_EXT, MOTE_WITH_SIGN_EXT, 0, "sign-extension instructions")                  \
    G(SAT_CONV, MOTE_WITH_SAT_CONV, 0, "non-trapping float-to-int conversions")        \
    G(BULK_MEMORY, MOTE_WITH_BULK_MEMORY, 0, "bulk memory instructions")               \
    G(REFERENCE_TYPES, MOTE_WITH_REFERENCE_TYPES, 0, "reference-type instructions")    \
    G(TAIL_CALL, MOTE_WITH_TAIL_CALL, MOTE_FEATURE_TAIL_CALL, "tail calls")             \
    G(EXTENDED_CONST, MOTE_WITH_EXTENDED_CONST, MOTE_FEATURE_EXTENDED_CONST,             \
      "extended constant expressions")                                                 \
    G(CUSTOM_PAGE_SIZES, MOTE_WITH_CUSTOM_PAGE_SIZES, MOTE_FEATURE_CUSTOM_PAGE_SIZES,    \
      "custom page sizes")                                                             \
    G(MULTI_MEMORY, MOTE_WITH_MULTI_MEMORY, MOTE_FEATURE_MULTI_MEMORY, "multiple memories") \
    G(MEMORY64, MOTE_WITH_MEMORY64, MOTE_FEATURE_MEMORY64, "64-bit memories and tables (memory64)") \
    G(TYPED_REFS, MOTE_WITH_TYPED_REFS, MOTE_FEATURE_FUNCTION_REFERENCES,                 \
      "typed function references")                                                     \
    G(EXCEPTIONS, MOTE_WITH_EXCEPTIONS, MOTE_FEATURE_EXCEPTIONS, "exception-handling instructions") \
    G(LEGACY_EXCEPTIONS, MOTE_WITH_LEGACY_EXCEPTIONS, MOTE_FEATURE_LEGACY_EXCEPTIONS,     \
      "legacy exception-handling instructions (try/catch/delegate)") \
    G(SIMD, MOTE_WITH_SIMD, MOTE_FEATURE_SIMD, "SIMD instructions")                    \
    G(RELAXED_SIMD, MOTE_WITH_RELAXED_SIMD, MOTE_FEATURE_RELAXED_SIMD,                 \
      "relaxed SIMD instructions")

typedef enum feature_group {
#define G(group, built, bit, what) FG_##group,
    MOTE_FEATURE_GROUPS(G)
#undef G
    FG_COUNT_
} feature_group;
/* clang-format on */

/* The groups in this build, one bit per group: a constant, so a test of a
 * named group folds away. */
#define G(group, built, bit, what) | ((built) ? 1 << FG_##group : 0)
enum { FEATURE_BUILT_MASK_ = 0 MOTE_FEATURE_GROUPS(G) };
#undef G

/* Is the group in this build? */
static inline bool feature_built(feature_group g)
{
    return FEATURE_BUILT_MASK_ == (1 << FG_COUNT_) - 1 ||
           (((uint32_t)FEATURE_BUILT_MASK_ >> g) & 1u);
}

/* Its load feature bit (0: always on); the table is feature_groups.c's. */
extern const uint16_t feature_load_bits[FG_COUNT_];
static inline uint32_t feature_load_bit(feature_group g)
{
    return feature_load_bits[g];
}

/* Sets err: "<what> are not enabled in this build (MOTE_WITH_<GROUP>)";
 * returns MOTE_ERR_UNSUPPORTED. */
mote_status feature_unsupported(mote_error *err, feature_group g, uint32_t offset);

#endif
