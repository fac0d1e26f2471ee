/*
 * types.h -- value types, heap types, and how they relate.
 *
 * A value type is one 32-bit word (vtype), the same width everywhere it is
 * kept: in the module block (function types, globals, tables, element
 * segments), on the compiler's operand stack, and in runtime objects.
 *
 *   bits 0-7   code: a numeric type's binary code (0x7F i32 ... 0x7B v128),
 *              or for a reference its heap type: an abstract heap type's
 *              binary code (0x70 func, 0x6F extern, 0x69 exn, 0x6E any,
 *              0x6D eq, 0x6C i31, 0x6B struct, 0x6A array, 0x71 none,
 *              0x73 nofunc, 0x72 noextern, 0x74 noexn), or HT_CONCRETE;
 *   bit 8      VT_REF: the type is a reference;
 *   bit 9      VT_NULLABLE: a reference that may be null;
 *   bits 10-31 the type index of a concrete heap type (HT_CONCRETE):
 *              at most 2^22 types per module (MAX_TYPES).
 *
 * 0 (VT_BOT) is the unknown type of unreachable code, which matches
 * everything.  funcref is (ref null func), externref (ref null extern),
 * exnref (ref null exn).  Inside a module, concrete indices are canonical
 * (mod_type.canon: the first structurally equal type), so two value types of
 * one module are equal exactly when their words are.  Between modules
 * (imports, call_indirect into another instance) types are compared
 * structurally (types_func_equal).
 *
 * The public API sees a value type's class (mote_valtype, one byte):
 * numeric types as themselves, references as funcref, externref, exnref or
 * anyref by the hierarchy their heap type belongs to (types_class).
 *
 * Recursion groups, declared supertypes and struct/array types belong to
 * GC (docs/architecture.md, "The GC plan"): mod_type has room for them, the
 * decoder refuses them for now.
 */
#ifndef MOTE_TYPES_H
#define MOTE_TYPES_H

#include "feature_groups.h"
#include "module.h"
#include "reader.h"

#define VT_BOT 0u
#define VT_REF 0x100u
#define VT_NULLABLE 0x200u
#define VT_INDEX_SHIFT 10
#define MAX_TYPES (1u << 22)

/* Heap type codes (as in the binary format) and the concrete marker. */
enum {
    HT_CONCRETE = 0x01,
    HT_FUNC = 0x70,
    HT_EXTERN = 0x6F,
    HT_EXN = 0x69,
    HT_ANY = 0x6E,
    HT_EQ = 0x6D,
    HT_I31 = 0x6C,
    HT_STRUCT = 0x6B,
    HT_ARRAY = 0x6A,
    HT_NONE = 0x71,
    HT_NOFUNC = 0x73,
    HT_NOEXTERN = 0x72,
    HT_NOEXN = 0x74
};

#define VT_FUNCREF (VT_REF | VT_NULLABLE | HT_FUNC)
#define VT_EXTERNREF (VT_REF | VT_NULLABLE | HT_EXTERN)
#define VT_EXNREF (VT_REF | VT_NULLABLE | HT_EXN)

static inline vtype vt_num(uint8_t code)
{
    return code;
}

static inline vtype vt_ref(bool nullable, uint32_t heap_code, uint32_t index)
{
    return VT_REF | (nullable ? VT_NULLABLE : 0) | heap_code | index << VT_INDEX_SHIFT;
}

static inline bool vt_is_ref(vtype t)
{
    return (t & VT_REF) != 0;
}

static inline bool vt_nullable(vtype t)
{
    return (t & VT_NULLABLE) != 0;
}

static inline uint32_t vt_heap(vtype t)
{
    return t & 0xFF;
}

static inline uint32_t vt_index(vtype t)
{
    return t >> VT_INDEX_SHIFT;
}

/* A numeric type or a nullable reference: has a default value (0 or null). */
static inline bool vt_defaultable(vtype t)
{
    return !vt_is_ref(t) || vt_nullable(t);
}

static inline vtype vt_as_non_null(vtype t)
{
    return t & ~VT_NULLABLE;
}

/* The hierarchy a heap type belongs to, by its top: HT_FUNC, HT_EXTERN,
 * HT_EXN or HT_ANY (for concrete types: their form's, func for now). */
uint32_t types_heap_top(uint32_t heap_code);

/* The public class of a value type (MOTE_I32 ... MOTE_FUNCREF, MOTE_EXNREF). */
mote_valtype types_class(vtype t);

/* Is a a subtype of b?  Both of module m (canonical indices). */
bool types_sub(vtype a, vtype b);

/* Is a (of module ma) a subtype of b (of module mb)?  Structural between
 * modules; the same as types_sub within one. */
bool types_sub_across(const mote_module *ma, vtype a, const mote_module *mb, vtype b);

/* Are the two function types (possibly of different modules) equal? */
bool types_func_equal(const mote_module *ma, const mod_type *a, const mote_module *mb,
                      const mod_type *b);

/* "i32", "funcref", "(ref null $3)", "(ref func)" ... written into buf. */
const char *types_name(vtype t, char buf[24]);

/*
 * Reads a heap type (s33: an abstract code or a type index) or a value type
 * at r.  `ntypes`: type indices at or above it are "unknown type" (the
 * decoder passes the types defined so far).  Returns MOTE_OK, or
 * MOTE_ERR_MALFORMED (r->err set), MOTE_ERR_INVALID ("unknown type"), or
 * MOTE_ERR_UNSUPPORTED (*why says which group) -- the caller adds the
 * place.  `features` are the module's MOTE_FEATURE_* bits: without typed
 * function references only the Wasm 2.0 types read; without exceptions no
 * exnref.  types_reader() sets one up to read types of module m, after its
 * type section.
 */
typedef struct type_reader {
    uint32_t ntypes;
    uint32_t features;
    const mote_module *canon; /* if set, concrete indices are made canonical
                                 (MOD_TYPES(canon)[x].canon) */
    msg_t why;                /* the message of a failure other than malformed */
    feature_group group;      /* MOTE_ERR_UNSUPPORTED: the group left out */
} type_reader;

static inline type_reader types_reader(const mote_module *m)
{
    type_reader tr = {m->ntypes, m->features, m, 0, FG_CORE};
    return tr;
}

mote_status types_read_heap(type_reader *tr, reader *r, uint32_t *heap, uint32_t *index);
mote_status types_read_valtype(type_reader *tr, reader *r, vtype *out);
/* A reference type (for tables, element segments, ref.null's immediate is a
 * heap type instead). */
mote_status types_read_reftype(type_reader *tr, reader *r, vtype *out);

/* The value type a one-byte binary type stands for (0 if none), for the
 * places whose format is still one byte. */
vtype types_from_byte(uint8_t b);

#endif
