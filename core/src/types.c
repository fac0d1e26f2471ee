/* types.c -- value types, heap types and subtyping; see types.h. */
#include "types.h"

#include "error.h"

#define MOTE_MSG_TAG "t" /* this file's message codes (error.h) */

uint32_t types_heap_top(uint32_t heap)
{
    switch (heap) {
    case HT_FUNC:
    case HT_NOFUNC:
    case HT_CONCRETE: return HT_FUNC;
    case HT_EXTERN:
    case HT_NOEXTERN: return HT_EXTERN;
    case HT_EXN:
    case HT_NOEXN: return HT_EXN;
    default: return HT_ANY;
    }
}

mote_valtype types_class(vtype t)
{
    if (!vt_is_ref(t))
        return (mote_valtype)t;
    switch (types_heap_top(vt_heap(t))) {
    case HT_FUNC: return MOTE_FUNCREF;
    case HT_EXTERN: return MOTE_EXTERNREF;
    case HT_EXN: return MOTE_EXNREF;
    default: return MOTE_ANYREF;
    }
}

/* The bottom of each hierarchy. */
static bool heap_is_bottom(uint32_t h)
{
    return h == HT_NONE || h == HT_NOFUNC || h == HT_NOEXTERN || h == HT_NOEXN;
}

/* Abstract heap type a <: abstract heap type b (neither concrete). */
static bool abstract_sub(uint32_t a, uint32_t b)
{
    if (a == b)
        return true;
    if (types_heap_top(a) != types_heap_top(b))
        return false;
    if (heap_is_bottom(a))
        return true;
    switch (b) {
    case HT_ANY: return true; /* a is eq, i31, struct, array */
    case HT_EQ: return a == HT_I31 || a == HT_STRUCT || a == HT_ARRAY;
    default: return false;
    }
}

/* Heap subtyping where concrete types compare with `same` (their
 * equality, decided by the caller). */
static bool heap_sub(vtype a, vtype b, bool same)
{
    uint32_t ha = vt_heap(a), hb = vt_heap(b);
    if (ha == HT_CONCRETE && hb == HT_CONCRETE)
        return same;
    if (ha == HT_CONCRETE) /* function types: below func (GC: struct, array) */
        return hb == HT_FUNC;
    if (hb == HT_CONCRETE) /* only the bottom of their hierarchy is below */
        return ha == HT_NOFUNC;
    return abstract_sub(ha, hb);
}

bool types_sub(vtype a, vtype b)
{
    if (a == b || a == VT_BOT || b == VT_BOT)
        return true;
    if (!vt_is_ref(a) || !vt_is_ref(b))
        return false;
    if (vt_nullable(a) && !vt_nullable(b))
        return false;
    return heap_sub(a, b, vt_index(a) == vt_index(b));
}

/*
 * Structural equality of types of two modules.  A type refers only to
 * types before it (the decoder checks that), so the comparison recurses
 * along ever smaller indices; the depth bound keeps the native stack
 * bounded on any input.  Types nested deeper than that compare unequal
 * (docs/architecture.md, limits).
 */
#define MAX_TYPE_NESTING 32u

static bool func_equal_at(const mote_module *ma, uint32_t ia, const mote_module *mb, uint32_t ib,
                          unsigned depth);

static bool vt_equal_at(const mote_module *ma, vtype a, const mote_module *mb, vtype b,
                        unsigned depth)
{
    if ((a & 0x3FF) != (b & 0x3FF))
        return false;
    if (!vt_is_ref(a) || vt_heap(a) != HT_CONCRETE)
        return true;
    return func_equal_at(ma, vt_index(a), mb, vt_index(b), depth + 1);
}

static bool func_equal_at(const mote_module *ma, uint32_t ia, const mote_module *mb, uint32_t ib,
                          unsigned depth)
{
    if (ma == mb && MOD_TYPES(ma)[ia].canon == MOD_TYPES(mb)[ib].canon)
        return true;
    if (depth > MAX_TYPE_NESTING)
        return false;
    const mod_type *a = &MOD_TYPES(ma)[ia], *b = &MOD_TYPES(mb)[ib];
    if (a->form != b->form || a->nparams != b->nparams || a->nresults != b->nresults)
        return false;
    const vtype *va = type_params(ma, a), *vb = type_params(mb, b);
    for (uint32_t i = 0; i < a->nparams + a->nresults; i++)
        if (!vt_equal_at(ma, va[i], mb, vb[i], depth))
            return false;
    return true;
}

bool types_func_equal(const mote_module *ma, const mod_type *a, const mote_module *mb,
                      const mod_type *b)
{
    return func_equal_at(ma, (uint32_t)(a - MOD_TYPES(ma)), mb, (uint32_t)(b - MOD_TYPES(mb)), 0);
}

bool types_sub_across(const mote_module *ma, vtype a, const mote_module *mb, vtype b)
{
    if (ma == mb)
        return types_sub(a, b);
    if (!vt_is_ref(a) || !vt_is_ref(b))
        return a == b;
    if (vt_nullable(a) && !vt_nullable(b))
        return false;
    bool same = vt_heap(a) == HT_CONCRETE && vt_heap(b) == HT_CONCRETE &&
                func_equal_at(ma, vt_index(a), mb, vt_index(b), 0);
    return heap_sub(a, b, same);
}

static const char *heap_name(uint32_t h)
{
    switch (h) {
    case HT_FUNC: return "func";
    case HT_EXTERN: return "extern";
    case HT_EXN: return "exn";
    case HT_ANY: return "any";
    case HT_EQ: return "eq";
    case HT_I31: return "i31";
    case HT_STRUCT: return "struct";
    case HT_ARRAY: return "array";
    case HT_NONE: return "none";
    case HT_NOFUNC: return "nofunc";
    case HT_NOEXTERN: return "noextern";
    default: return "noexn";
    }
}

const char *types_name(vtype t, char buf[24])
{
    if (!vt_is_ref(t))
        return mote_valtype_name((mote_valtype)t);
    if (t == VT_FUNCREF)
        return "funcref";
    if (t == VT_EXTERNREF)
        return "externref";
    if (t == VT_EXNREF)
        return "exnref";
    const char *null = vt_nullable(t) ? "null " : "";
    if (vt_heap(t) == HT_CONCRETE)
        error_format(buf, 24, "(ref %s%u)", null, vt_index(t));
    else
        error_format(buf, 24, "(ref %s%s)", null, heap_name(vt_heap(t)));
    return buf;
}

vtype types_from_byte(uint8_t b)
{
    switch (b) {
    case 0x7F:
    case 0x7E:
    case 0x7D:
    case 0x7C:
    case 0x7B: return vt_num(b);
    case HT_FUNC:
    case HT_EXTERN:
    case HT_EXN:
    case HT_ANY:
    case HT_EQ:
    case HT_I31:
    case HT_STRUCT:
    case HT_ARRAY:
    case HT_NONE:
    case HT_NOFUNC:
    case HT_NOEXTERN:
    case HT_NOEXN: return vt_ref(true, b, 0);
    default: return VT_BOT;
    }
}

static mote_status malformed(reader *r, msg_t why)
{
    rd_fail(r, why);
    return MOTE_ERR_MALFORMED;
}

static mote_status unsupported(type_reader *tr, feature_group g)
{
    tr->group = g;
    return MOTE_ERR_UNSUPPORTED;
}

/* May the module use heap type h?  The Wasm 2.0 ones always; exn with
 * exceptions; the rest with typed references. */
static mote_status heap_allowed(type_reader *tr, reader *r, uint32_t h, bool shorthand)
{
    if (h == HT_FUNC || h == HT_EXTERN) {
        if (shorthand)
            return MOTE_OK;
    } else if (h == HT_EXN || h == HT_NOEXN) {
        if (!feature_built(FG_EXCEPTIONS))
            return unsupported(tr, FG_EXCEPTIONS);
        if (!(tr->features & MOTE_FEATURE_EXCEPTIONS))
            return malformed(r, MSG("malformed value type"));
        if (shorthand && h == HT_EXN)
            return MOTE_OK;
    }
    if (!feature_built(FG_TYPED_REFS))
        return unsupported(tr, FG_TYPED_REFS);
    if (!(tr->features & MOTE_FEATURE_FUNCTION_REFERENCES))
        return malformed(r, MSG("malformed value type"));
    return MOTE_OK;
}

mote_status types_read_heap(type_reader *tr, reader *r, uint32_t *heap, uint32_t *index)
{
    int64_t v;
    if (!rd_sleb(r, 33, &v))
        return MOTE_ERR_MALFORMED;
    *index = 0;
    if (v >= 0) {
        TRY(heap_allowed(tr, r, HT_CONCRETE, false));
        if ((uint64_t)v >= tr->ntypes) {
            tr->why = MSG("unknown type");
            return MOTE_ERR_INVALID;
        }
        *heap = HT_CONCRETE;
        *index = tr->canon ? MOD_TYPES(tr->canon)[v].canon : (uint32_t)v;
        return MOTE_OK;
    }
    uint32_t code = (uint32_t)(v & 0x7F);
    if (v < -0x40 || types_from_byte((uint8_t)code) == VT_BOT || code >= 0x7B)
        return malformed(r, MSG("malformed heap type"));
    TRY(heap_allowed(tr, r, code, true)); /* as its shorthand: ref.null func is 2.0 */
    *heap = code;
    return MOTE_OK;
}

mote_status types_read_valtype(type_reader *tr, reader *r, vtype *out)
{
    uint8_t b;
    if (!rd_byte(r, &b))
        return MOTE_ERR_MALFORMED;
    if (b == 0x63 || b == 0x64) { /* (ref null ht), (ref ht) */
        uint32_t heap, index;
        if (!feature_built(FG_TYPED_REFS)) {
            r->p--; /* the error names the type's byte */
            return unsupported(tr, FG_TYPED_REFS);
        }
        if (!(tr->features & MOTE_FEATURE_FUNCTION_REFERENCES))
            return malformed(r, MSG("malformed value type"));
        TRY(types_read_heap(tr, r, &heap, &index));
        *out = vt_ref(b == 0x63, heap, index);
        return MOTE_OK;
    }
    vtype t = types_from_byte(b);
    if (t == VT_BOT)
        return malformed(r, MSG("malformed value type"));
    if (b == MOTE_V128) {
        if (!feature_built(FG_SIMD)) {
            r->p--; /* the error names the type's byte */
            return unsupported(tr, FG_SIMD);
        }
        if (!(tr->features & MOTE_FEATURE_SIMD))
            return malformed(r, MSG("malformed value type"));
    }
    if (vt_is_ref(t))
        TRY(heap_allowed(tr, r, b, true));
    *out = t;
    return MOTE_OK;
}

mote_status types_read_reftype(type_reader *tr, reader *r, vtype *out)
{
    const uint8_t *at = r->p;
    TRY(types_read_valtype(tr, r, out));
    if (!vt_is_ref(*out)) {
        r->p = at;
        return malformed(r, MSG("malformed reference type"));
    }
    return MOTE_OK;
}
