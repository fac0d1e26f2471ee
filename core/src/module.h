/*
 * module.h -- the layout of a loaded module.
 *
 * A module is one block in its arena: this header, then arrays, then the
 * compiled code.  Arrays are reached by offsets from the header, strings
 * and types by offsets into the wasm binary (which is read in place), and
 * every field has a fixed width, so the block has the same size on every
 * target and could be copied to flash as an image.
 */
#ifndef MOTE_MODULE_H
#define MOTE_MODULE_H

#include "feature_groups.h"
#include "mote/mote.h"

/* A pointer in a field that is 8 bytes wide on 32- and 64-bit targets alike. */
#define MOTE_PTR(type, name)   \
    union {                    \
        type name;             \
        uint64_t name##_bits_; \
    }

#define NO_INDEX 0xFFFFFFFFu

/* Limits of this implementation. */
#define MAX_FRAME_SLOTS 8191u /* operands are 16-bit byte offsets */
#define MAX_CONST_EXPR_DEPTH 32u
#define MAX_PAGES_64K 65536u                /* 4 GiB of 64 KiB pages */
#define MAX_PAGES_64K_MEMORY64 (1ull << 48) /* 2^64 bytes of 64 KiB pages */

/* The largest number of pages a memory of this kind may declare. */
static inline uint64_t memory_format_max(uint32_t page_log2, bool is64)
{
    if (is64)
        return page_log2 == 16 ? MAX_PAGES_64K_MEMORY64 : UINT64_MAX;
    return page_log2 == 16 ? MAX_PAGES_64K : 0xFFFFFFFFull;
}

/* Pages to bytes and back, for a page of 2^page_log2 bytes: 1 or 64 KiB,
 * the only sizes there are.  So a shift by a constant: a 64-bit shift by
 * a variable amount is eight instructions on Cortex-M3 and a call into
 * libgcc on rv32.  (The caller keeps the result within 64 bits.) */
static inline uint64_t pages_to_bytes(uint64_t pages, uint32_t page_log2)
{
    return page_log2 ? pages << 16 : pages;
}

static inline uint64_t bytes_to_pages(uint64_t bytes, uint32_t page_log2)
{
    return page_log2 ? bytes >> 16 : bytes;
}

/* A value type: one 32-bit word (types.h). */
typedef uint32_t vtype;

enum { TYPE_FUNC = 0 }; /* GC adds struct and array types */

typedef struct mod_type {
    uint32_t vt; /* its value types: MOD_VTYPES(m)[vt ...], the
                    params then the results (their public classes
                    at the same index of MOD_CLASSES) */
    uint32_t nparams, nresults;
    uint32_t canon; /* index of the first structurally equal type */
    uint16_t param_slots, result_slots;
    uint8_t form;    /* TYPE_FUNC */
    uint8_t pad_[3]; /* GC: final flag, recursion group size */
} mod_type;

typedef struct mod_import {
    uint32_t module, module_len; /* wasm offsets and lengths */
    uint32_t name, name_len;
    uint32_t kind;  /* mote_extern_kind */
    uint32_t index; /* index in that kind's space */
} mod_import;

typedef struct mod_func {
    uint32_t type; /* type index */
    uint32_t code; /* defined: word offset of the entry in the code */
    uint32_t body; /* defined: wasm offset of the body (locals first) */
    uint32_t body_len;
    uint32_t ref;      /* index of its funcref object, or NO_INDEX */
    uint32_t handlers; /* defined: word offset of its exception handler
                          table in the code (compile_eh.c), or NO_INDEX */
} mod_func;

typedef struct mod_table {
    uint64_t min, max;
    vtype elem_type;
    uint32_t init; /* wasm offset of its initialiser expression, 0: null */
    uint8_t has_max, imported, is64, pad_[5]; /* is64: table64, i64 indices */
} mod_table;

typedef struct mod_memory {
    uint64_t min, max;                          /* in pages */
    uint8_t has_max, page_log2, imported, is64; /* is64: memory64, i64 addresses */
    uint32_t pad2_;
} mod_memory;

typedef struct mod_global {
    vtype type;
    uint8_t mutable_, imported, pad_[2];
    uint32_t init; /* wasm offset of the constant expression */
} mod_global;

typedef struct mod_tag {
    uint32_t type; /* its function type (params only) */
    uint8_t imported, pad_[3];
} mod_tag;

typedef struct mod_export {
    uint32_t name, name_len;
    uint32_t kind, index;
} mod_export;

enum { SEG_ACTIVE = 0, SEG_PASSIVE = 1, SEG_DECLARATIVE = 2 };

typedef struct mod_elem {
    uint8_t mode, exprs, pad_[2]; /* exprs: items are expressions */
    vtype elem_type;
    uint32_t table;
    uint32_t offset; /* active: wasm offset of the offset expression */
    uint32_t count;
    uint32_t items;         /* wasm offset of the first item */
    uint32_t passive_index; /* passive: index among passive segments */
} mod_elem;

typedef struct mod_data {
    uint8_t mode, pad_[3];
    uint32_t memory;
    uint32_t offset;     /* active: wasm offset of the offset expression */
    uint32_t bytes, len; /* the payload, in the wasm binary */
} mod_data;

struct mote_module {
    MOTE_PTR(const uint8_t *, wasm);
    MOTE_PTR(mote_arena *, arena);
    MOTE_PTR(const uint8_t *, block); /* arrays and code: this header's own
                                         block, or a precompiled image */
    uint64_t mark_bottom, mark_top;   /* arena state before the load */
    uint32_t wasm_len;
    uint32_t features;
    uint32_t bytes; /* size of this block */
    uint32_t ntypes, nimports, nexports;
    uint32_t nfuncs, nfunc_imports;
    uint32_t ntables, ntable_imports;
    uint32_t nmems, nmem_imports;
    uint32_t nglobals, nglobal_imports;
    uint32_t ntags, ntag_imports;
    uint32_t nvtypes; /* value types of all function types */
    uint32_t nelems, npassive_elems, ndatas;
    uint32_t nrefs; /* functions that can become funcrefs */
    uint32_t start; /* start function or NO_INDEX */
    uint32_t has_data_count;
    uint32_t foreign; /* compiled for another build's handlers */
    /* array offsets from the module header */
    uint32_t types, imports, funcs, tables, mems, globals, exports, elems, datas;
    uint32_t tags, vtypes, classes;
    uint32_t code, code_words;
    uint32_t names, names_len; /* function-name subsection, if any */
};

#define MOD_ARRAY(m, T, field) ((T *)((m)->block + (m)->field))
#define MOD_TYPES(m) MOD_ARRAY(m, const mod_type, types)
#define MOD_IMPORTS(m) MOD_ARRAY(m, const mod_import, imports)
#define MOD_FUNCS(m) MOD_ARRAY(m, const mod_func, funcs)
#define MOD_TABLES(m) MOD_ARRAY(m, const mod_table, tables)
#define MOD_MEMS(m) MOD_ARRAY(m, const mod_memory, mems)
#define MOD_GLOBALS(m) MOD_ARRAY(m, const mod_global, globals)
#define MOD_EXPORTS(m) MOD_ARRAY(m, const mod_export, exports)
#define MOD_ELEMS(m) MOD_ARRAY(m, const mod_elem, elems)
#define MOD_DATAS(m) MOD_ARRAY(m, const mod_data, datas)
#define MOD_TAGS(m) MOD_ARRAY(m, const mod_tag, tags)
#define MOD_VTYPES(m) MOD_ARRAY(m, const vtype, vtypes)
#define MOD_CLASSES(m) MOD_ARRAY(m, const mote_valtype, classes)
#define MOD_CODE(m) MOD_ARRAY(m, const uint32_t, code)

static inline const uint8_t *mod_bytes(const mote_module *m, uint32_t off)
{
    return m->wasm + off;
}

static inline const vtype *type_params(const mote_module *m, const mod_type *t)
{
    return &MOD_VTYPES(m)[t->vt];
}

static inline const vtype *type_results(const mote_module *m, const mod_type *t)
{
    return &MOD_VTYPES(m)[t->vt + t->nparams];
}

/* The public classes of the params and the results (mote_func_type). */
static inline const mote_valtype *type_param_classes(const mote_module *m, const mod_type *t)
{
    return &MOD_CLASSES(m)[t->vt];
}

static inline const mote_valtype *type_result_classes(const mote_module *m, const mod_type *t)
{
    return &MOD_CLASSES(m)[t->vt + t->nparams];
}

/* The slots a value of type t takes in a frame.  (A build without SIMD
 * has no v128: the decoder refuses the type, so every value takes one.) */
static inline unsigned valtype_slots(vtype t)
{
    return feature_built(FG_SIMD) && t == MOTE_V128 ? 2u : 1u;
}

/* decode.c: loads wasm[0..len) into a module block in arena a, compiled
 * for the handler words `handlers` (NULL: this build's).  mote_load() and
 * mote_image_compile() (image_compile.c) are this. */
mote_status decode_module(mote_arena *a, const uint8_t *wasm, size_t len,
                          const mote_load_config *cfg, const int32_t *handlers, mote_module **out);

#endif
