/*
 * decode.c -- mote_load: reads the sections of a binary module, validates
 * everything outside function bodies, and has the compiler turn each body
 * into code.
 *
 * Two passes.  The first walks the section headers and counts what the
 * module declares, so the module block is allocated once at its exact
 * size.  The second fills the block.  Names, types and segment payloads
 * stay in the wasm binary and are referred to by offset.
 */
#include <stddef.h>
#include <string.h>

#include "arena.h"
#include "compile.h"
#include "constexpr.h"
#include "error.h"
#include "feature_groups.h"
#include "runtime.h"
#include "syntax.h"
#include "types.h"

#define MOTE_MSG_TAG "d" /* this file's message codes (error.h) */

enum {
    SEC_CUSTOM = 0,
    SEC_TYPE,
    SEC_IMPORT,
    SEC_FUNC,
    SEC_TABLE,
    SEC_MEMORY,
    SEC_GLOBAL,
    SEC_EXPORT,
    SEC_START,
    SEC_ELEM,
    SEC_CODE,
    SEC_DATA,
    SEC_DATACOUNT,
    SEC_TAG,
    SEC_COUNT_
};

typedef struct section {
    uint32_t start, end; /* contents, as wasm offsets */
    bool present;
} section;

typedef struct loader {
    mote_arena *arena;
    mote_error *err;
    const uint8_t *wasm;
    uint32_t len;
    uint32_t features;
    section sec[SEC_COUNT_];
    uint32_t names, names_len;
    uint32_t ndefined_funcs, ndata_count;
    mote_module *m;          /* the block being filled */
    const int32_t *handlers; /* the instruction encoding to compile for */
    uint8_t *declared;       /* per function: may become a funcref (scratch) */
} loader;

/* ---- errors -------------------------------------------------------------- */

static mote_status fail_at(loader *L, const reader *r, mote_status st, msg_t what)
{
    error_setf(L->err, st, "+0x%x: %m", rd_offset(r), what);
    L->err->offset = rd_offset(r);
    return st;
}

static mote_status malformed(loader *L, const reader *r)
{
    return fail_at(L, r, MOTE_ERR_MALFORMED, r->err ? r->err : MSG_UNEXPECTED_END);
}

/* (Out of line: inlined in its seven callers it took 72 bytes more on
 * Cortex-M3, 104 on rv32.) */
static __attribute__((noinline)) reader section_reader(loader *L, int id)
{
    reader r = {L->wasm + L->sec[id].start, L->wasm + L->sec[id].end, L->wasm, 0};
    return r;
}

/* Opens a vector section for pass 2: false if the module has none; else
 * *r is past the element count *n (pass 1 has checked that it reads). */
static bool open_section(loader *L, int id, reader *r, uint32_t *n)
{
    *n = 0;
    if (!L->sec[id].present)
        return false;
    *r = section_reader(L, id);
    rd_u32(r, n);
    return true;
}

/* ---- pass 1: sections and counts ------------------------------------------ */

/* Order of the non-custom sections in a module (data count sits before
 * code, tags between memories and globals). */
static int section_rank(int id)
{
    static const uint8_t rank[SEC_COUNT_] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};
    return rank[id];
}

static mote_status scan_custom(loader *L, reader *r, uint32_t end)
{
    reader c = *r;
    c.end = L->wasm + end;
    const uint8_t *name;
    uint32_t nlen;
    if (!decode_name(&c, &name, &nlen))
        return malformed(L, &c);
    if (MOTE_WITH_NAMES && nlen == 4 && !memcmp(name, "name", 4)) {
        /* Find the function-names subsection; a broken one is ignored. */
        while (rd_left(&c) > 0) {
            uint8_t id = 0;
            uint32_t size;
            if (!rd_byte(&c, &id) || !rd_u32(&c, &size) || size > rd_left(&c))
                break;
            if (id == 1) {
                L->names = rd_offset(&c);
                L->names_len = size;
                break;
            }
            c.p += size;
        }
    }
    return MOTE_OK;
}

static mote_status scan_sections(loader *L)
{
    reader r = {L->wasm, L->wasm + L->len, L->wasm, 0};
    uint32_t magic, version;
    if (!rd_u32_le(&r, &magic) || magic != 0x6D736100u)
        return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("magic header not detected"));
    if (!rd_u32_le(&r, &version) || version != 1)
        return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("unknown binary version"));
    int last = 0;
    while (rd_left(&r) > 0) {
        uint8_t id = 0;
        uint32_t size = 0;
        rd_byte(&r, &id);
        if (!rd_u32(&r, &size))
            return malformed(L, &r);
        if (size > rd_left(&r))
            return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("section size mismatch: unexpected end"));
        uint32_t start = rd_offset(&r), end = start + size;
        if (id == SEC_TAG && !feature_built(FG_EXCEPTIONS))
            return feature_unsupported(L->err, FG_EXCEPTIONS, rd_offset(&r));
        if (id >= SEC_COUNT_ || (id == SEC_TAG && !(L->features & MOTE_FEATURE_EXCEPTIONS)))
            return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("malformed section id"));
        if (id == SEC_CUSTOM) {
            TRY(scan_custom(L, &r, end));
        } else {
            if (section_rank(id) <= last)
                return fail_at(L, &r, MOTE_ERR_MALFORMED,
                               MSG("unexpected content after last section"));
            last = section_rank(id);
            L->sec[id].start = start;
            L->sec[id].end = end;
            L->sec[id].present = true;
        }
        r.p = L->wasm + end;
    }
    return MOTE_OK;
}

/* Reads the element count at the start of a section (0 if absent). */
static mote_status section_count(loader *L, int id, uint32_t *n)
{
    *n = 0;
    if (!L->sec[id].present)
        return MOTE_OK;
    reader r = section_reader(L, id);
    if (!rd_u32(&r, n))
        return malformed(L, &r);
    if (*n > rd_left(&r)) /* every entry takes at least a byte */
        return fail_at(L, &r, MOTE_ERR_MALFORMED,
                       MSG("unexpected end: vector longer than its section"));
    return MOTE_OK;
}

/* Counts imports of each kind (needed to size the index spaces). */
static mote_status count_imports(loader *L, mote_module *m);
/* Counts the value types of all function types (their array's size). */
static mote_status count_type_values(loader *L, mote_module *m);

/* The vector sections whose counts size the module, in the order the
 * counts are checked (the first bad one is the error). */
static const uint8_t counted_sections[] = {SEC_TYPE,  SEC_TAG,    SEC_IMPORT, SEC_FUNC,
                                           SEC_TABLE, SEC_MEMORY, SEC_GLOBAL, SEC_EXPORT,
                                           SEC_ELEM,  SEC_DATA,   SEC_CODE};

static mote_status count_everything(loader *L, mote_module *m)
{
    uint32_t n[SEC_COUNT_] = {0};
    for (size_t i = 0; i < sizeof counted_sections; i++)
        TRY(section_count(L, counted_sections[i], &n[counted_sections[i]]));
    uint32_t nfuncs = n[SEC_FUNC], ntables = n[SEC_TABLE], nmems = n[SEC_MEMORY];
    uint32_t nglobals = n[SEC_GLOBAL], ntags = n[SEC_TAG], ncode = n[SEC_CODE];
    m->ntypes = n[SEC_TYPE];
    m->nimports = n[SEC_IMPORT];
    m->nexports = n[SEC_EXPORT];
    m->nelems = n[SEC_ELEM];
    m->ndatas = n[SEC_DATA];
    TRY(count_imports(L, m));
    TRY(count_type_values(L, m));
    if (m->ntypes > MAX_TYPES) {
        reader r = section_reader(L, SEC_TYPE);
        return fail_at(L, &r, MOTE_ERR_LIMIT, MSG("too many types (mote's limit is 4194304)"));
    }
    if (nfuncs != ncode) {
        reader r = section_reader(L, L->sec[SEC_CODE].present ? SEC_CODE : SEC_FUNC);
        return fail_at(L, &r, MOTE_ERR_MALFORMED,
                       MSG("function and code section have inconsistent lengths"));
    }
    if (L->sec[SEC_DATACOUNT].present) {
        reader r = section_reader(L, SEC_DATACOUNT);
        if (!rd_u32(&r, &L->ndata_count))
            return malformed(L, &r);
        if (r.p != r.end)
            return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("section size mismatch"));
        if (L->ndata_count != m->ndatas)
            return fail_at(L, &r, MOTE_ERR_MALFORMED,
                           MSG("data count and data section have inconsistent lengths"));
        m->has_data_count = 1;
    }
    L->ndefined_funcs = nfuncs;
    m->nfuncs = m->nfunc_imports + nfuncs;
    m->ntables = m->ntable_imports + ntables;
    m->nmems = m->nmem_imports + nmems;
    m->nglobals = m->nglobal_imports + nglobals;
    m->ntags = m->ntag_imports + ntags;
    if (m->nfuncs < nfuncs || m->ntables < ntables || m->nmems < nmems || m->nglobals < nglobals ||
        m->ntags < ntags)
        return error_set(L->err, MOTE_ERR_LIMIT, "too many definitions");
    if (m->nmems > 0xFFFF) /* memory.copy packs two memory indices in a word */
        return error_set(L->err, MOTE_ERR_LIMIT, "too many memories: %u (the limit is 65535)",
                         m->nmems);
    return MOTE_OK;
}

/* The module's arrays, in the order they follow the header: the field that
 * gets each one's offset, the count that sizes it and its element size.
 * One loop over this table, not a 64-bit multiplication per array. */
#define PLACE(field, count, T) offsetof(mote_module, field), offsetof(mote_module, count), sizeof(T)
static const struct place {
    uint8_t field, count, size;
} places[] = {
    {PLACE(types, ntypes, mod_type)},       {PLACE(imports, nimports, mod_import)},
    {PLACE(funcs, nfuncs, mod_func)},       {PLACE(tables, ntables, mod_table)},
    {PLACE(mems, nmems, mod_memory)},       {PLACE(globals, nglobals, mod_global)},
    {PLACE(exports, nexports, mod_export)}, {PLACE(elems, nelems, mod_elem)},
    {PLACE(datas, ndatas, mod_data)},       {PLACE(tags, ntags, mod_tag)},
    {PLACE(vtypes, nvtypes, vtype)},        {PLACE(classes, nvtypes, mote_valtype)},
};
#undef PLACE
_Static_assert(sizeof(mote_module) <= UINT8_MAX && sizeof(mod_type) <= UINT8_MAX &&
                   sizeof(mod_import) <= UINT8_MAX && sizeof(mod_func) <= UINT8_MAX &&
                   sizeof(mod_table) <= UINT8_MAX && sizeof(mod_memory) <= UINT8_MAX &&
                   sizeof(mod_global) <= UINT8_MAX && sizeof(mod_export) <= UINT8_MAX &&
                   sizeof(mod_elem) <= UINT8_MAX && sizeof(mod_data) <= UINT8_MAX &&
                   sizeof(mod_tag) <= UINT8_MAX,
               "decode.c: places[] holds byte-sized offsets and sizes");

/* Lays out the arrays after the header; returns the block size.  Counts
 * are at most the module's length (2^31), so 64-bit sums cannot wrap; a
 * block the 32-bit offsets cannot describe is refused by the caller. */
static uint64_t layout(mote_module *m)
{
    uint8_t *base = (uint8_t *)m;
    uint64_t off = align_up64(sizeof(mote_module));
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        uint32_t count;
        memcpy(&count, base + places[i].count, sizeof count);
        uint32_t field = (uint32_t)off; /* cut only in a block the caller refuses */
        memcpy(base + places[i].field, &field, sizeof field);
        off += align_up64((uint64_t)count * places[i].size);
    }
    return off;
}

/* ---- pass 2: the sections ---------------------------------------------------- */

static mote_status end_of_section(loader *L, reader *r)
{
    if (r->p != r->end)
        return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("section size mismatch"));
    return MOTE_OK;
}

/* A type_reader for this module: type indices below ntypes are known. */
static type_reader types_of(loader *L, uint32_t ntypes)
{
    type_reader tr = {ntypes, L->features, NULL, 0, FG_CORE};
    return tr;
}

/* A failed types_read_*(): the message with the place. */
static mote_status type_failed(loader *L, reader *r, const type_reader *tr, mote_status st)
{
    if (st == MOTE_ERR_UNSUPPORTED)
        return feature_unsupported(L->err, tr->group, rd_offset(r));
    if (st == MOTE_ERR_MALFORMED)
        return malformed(L, r);
    return fail_at(L, r, st, tr->why);
}

/* Types outside the type section: after it, with canonical indices. */
static type_reader module_types(loader *L)
{
    if (!L->m) /* the first pass: only reading */
        return types_of(L, UINT32_MAX);
    return types_reader(L->m);
}

static mote_status read_valtype(loader *L, reader *r, vtype *t)
{
    type_reader tr = module_types(L);
    mote_status st = types_read_valtype(&tr, r, t);
    return st == MOTE_OK ? MOTE_OK : type_failed(L, r, &tr, st);
}

static mote_status read_reftype(loader *L, reader *r, vtype *t)
{
    type_reader tr = module_types(L);
    mote_status st = types_read_reftype(&tr, r, t);
    return st == MOTE_OK ? MOTE_OK : type_failed(L, r, &tr, st);
}

static mote_status read_func_type(loader *L, reader *r, uint32_t ntypes, vtype *vt, mod_type *t,
                                  uint64_t *nvalues);

/*
 * The syntax of a GC type (rec, sub, struct, array), which mote does not
 * run yet (docs/architecture.md, "The GC plan"): a malformed one is still
 * refused as malformed, as the spec says, before a well-formed one is
 * refused as unsupported.  `level` 0: a rec group may start here; 1: a
 * sub type; 2: a composite type only.
 */
static mote_status gc_field_syntax(loader *L, reader *r)
{
    if (rd_left(r) && (r->p[0] == 0x78 || r->p[0] == 0x77)) { /* packed i8, i16 */
        r->p++;
    } else {
        type_reader tr = types_of(L, UINT32_MAX); /* indices: meaning, not syntax */
        vtype v;
        mote_status st = types_read_valtype(&tr, r, &v);
        if (st != MOTE_OK && st != MOTE_ERR_INVALID)
            return type_failed(L, r, &tr, st);
    }
    uint8_t mut;
    if (!rd_byte(r, &mut))
        return malformed(L, r);
    if (mut > 1)
        return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("malformed mutability"));
    return MOTE_OK;
}

static mote_status gc_type_syntax(loader *L, reader *r, int level)
{
    uint8_t form;
    uint32_t n;
    if (!rd_byte(r, &form))
        return malformed(L, r);
    if ((form == 0x4E && level == 0) || ((form == 0x50 || form == 0x4F) && level <= 1)) {
        if (!rd_u32(r, &n))
            return malformed(L, r);
        if (n > rd_left(r))
            return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("unexpected end"));
        for (uint32_t i = 0; i < n; i++) {
            uint32_t super;
            if (form == 0x4E)
                TRY(gc_type_syntax(L, r, 1));
            else if (!rd_u32(r, &super))
                return malformed(L, r);
        }
        return form == 0x4E ? MOTE_OK : gc_type_syntax(L, r, 2);
    }
    switch (form) {
    case 0x5E: /* array: one field */ return gc_field_syntax(L, r);
    case 0x5F: /* struct: fields */
        if (!rd_u32(r, &n))
            return malformed(L, r);
        if (n > rd_left(r))
            return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("unexpected end"));
        for (uint32_t i = 0; i < n; i++)
            TRY(gc_field_syntax(L, r));
        return MOTE_OK;
    case 0x60: { /* func: checked with the counting reader */
        uint64_t ignored = 0;
        r->p--;
        return read_func_type(L, r, UINT32_MAX, NULL, NULL, &ignored);
    }
    default: return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("malformed type"));
    }
}

/*
 * One function type: 0x60, params, results.  With `vt` NULL it is only
 * read (the first pass counts values with *nvalues); otherwise its values
 * go to vt[] (type indices below `ntypes` known).  The GC forms (rec, sub,
 * struct, array) are refused.
 */
static mote_status read_func_type(loader *L, reader *r, uint32_t ntypes, vtype *vt, mod_type *t,
                                  uint64_t *nvalues)
{
    uint8_t form;
    if (!rd_byte(r, &form))
        return malformed(L, r);
    if (form != 0x60) {
        bool gc = form == 0x4E || form == 0x50 || form == 0x4F || form == 0x5F || form == 0x5E;
        if (gc && (L->features & MOTE_FEATURE_FUNCTION_REFERENCES)) {
            r->p--;
            /* Without typed references (as in minimal and standard) no
             * (ref $t) can be read, so neither can a GC type's syntax:
             * every GC type is refused as unsupported, malformed or not. */
            if (feature_built(FG_TYPED_REFS))
                TRY(gc_type_syntax(L, r, form == 0x4E ? 0 : 1));
            return fail_at(L, r, MOTE_ERR_UNSUPPORTED,
                           MSG("GC types (rec, sub, struct, array) are "
                               "not supported yet"));
        }
        return fail_at(L, r, MOTE_ERR_MALFORMED,
                       MSG("integer representation too long: malformed function type"));
    }
    type_reader tr = types_of(L, ntypes);
    uint32_t counts[2], slots[2];
    for (int part = 0; part < 2; part++) {
        if (!rd_u32(r, &counts[part]))
            return malformed(L, r);
        if (counts[part] > rd_left(r))
            return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("unexpected end"));
        slots[part] = 0;
        for (uint32_t k = 0; k < counts[part]; k++) {
            vtype v;
            mote_status st = types_read_valtype(&tr, r, &v);
            if (st != MOTE_OK && (vt || st != MOTE_ERR_INVALID))
                return type_failed(L, r, &tr, st);
            slots[part] += valtype_slots(v);
            if (vt)
                *vt++ = v;
        }
        if (slots[part] > MAX_FRAME_SLOTS)
            return fail_at(L, r, MOTE_ERR_LIMIT, MSG("function type has too many values"));
    }
    *nvalues += (uint64_t)counts[0] + counts[1];
    if (t) {
        t->nparams = counts[0];
        t->nresults = counts[1];
        t->param_slots = (uint16_t)slots[0];
        t->result_slots = (uint16_t)slots[1];
        t->form = TYPE_FUNC;
    }
    return MOTE_OK;
}

static mote_status count_type_values(loader *L, mote_module *m)
{
    reader r;
    uint32_t n;
    uint64_t values = 0;
    if (!open_section(L, SEC_TYPE, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++)
        TRY(read_func_type(L, &r, UINT32_MAX, NULL, NULL, &values));
    if (values > UINT32_MAX) /* each value takes a byte of the section */
        return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("unexpected end"));
    m->nvtypes = (uint32_t)values;
    return MOTE_OK;
}

/*
 * Type i in canonical form: a reference to an earlier type names that
 * type's canonical index; a reference to itself is kept as i until its own
 * canonical index is known.  Two types are equal when their values are,
 * with i's self-references read as the other's index.
 */
static bool same_type(const mote_module *m, uint32_t i, uint32_t j)
{
    const mod_type *a = &MOD_TYPES(m)[i], *b = &MOD_TYPES(m)[j];
    if (a->form != b->form || a->nparams != b->nparams || a->nresults != b->nresults)
        return false;
    const vtype *va = type_params(m, a), *vb = type_params(m, b);
    for (uint32_t k = 0; k < a->nparams + a->nresults; k++) {
        vtype x = va[k];
        if (vt_is_ref(x) && vt_heap(x) == HT_CONCRETE && vt_index(x) == i)
            x = vt_ref(vt_nullable(x), HT_CONCRETE, j);
        if (x != vb[k])
            return false;
    }
    return true;
}

static uint32_t hash_type(const mote_module *m, uint32_t i)
{
    const mod_type *t = &MOD_TYPES(m)[i];
    const vtype *v = type_params(m, t);
    uint32_t h = 2166136261u ^ t->nparams ^ (t->nresults << 16);
    for (uint32_t k = 0; k < t->nparams + t->nresults; k++) {
        vtype x = v[k];
        if (vt_is_ref(x) && vt_heap(x) == HT_CONCRETE && vt_index(x) == i)
            x = vt_ref(vt_nullable(x), HT_CONCRETE, 0) | 0x3FFFFF << VT_INDEX_SHIFT; /* self */
        h = (h ^ x) * 16777619u;
    }
    return h;
}

/* The canonical index of type i, with the earlier ones known: the first
 * type equal to it.  `table` is a hash table of `size` entries (a power of
 * two) of canonical indices, or NULL: then a pairwise search (slow, but a
 * tight arena must not decide whether a module loads). */
static uint32_t find_canon(const mote_module *m, uint32_t i, uint32_t *table, uint64_t size)
{
    if (!table) {
        for (uint32_t j = 0; j < i; j++)
            if (MOD_TYPES(m)[j].canon == j && same_type(m, i, j))
                return j;
        return i;
    }
    uint32_t h = hash_type(m, i) & (uint32_t)(size - 1);
    for (;;) {
        uint32_t j = table[h];
        if (j == NO_INDEX) {
            table[h] = i;
            return i;
        }
        if (same_type(m, i, j))
            return j;
        h = (h + 1) & (uint32_t)(size - 1);
    }
}

/* Rewrites type i's references to their canonical indices (self: c). */
static void canonical_refs(mote_module *m, uint32_t i, bool self_only, uint32_t c)
{
    mod_type *t = (mod_type *)&MOD_TYPES(m)[i];
    vtype *v = (vtype *)&MOD_VTYPES(m)[t->vt];
    for (uint32_t k = 0; k < t->nparams + t->nresults; k++) {
        if (!vt_is_ref(v[k]) || vt_heap(v[k]) != HT_CONCRETE)
            continue;
        uint32_t x = vt_index(v[k]);
        if (x == i)
            x = c;
        else if (!self_only)
            x = MOD_TYPES(m)[x].canon;
        v[k] = vt_ref(vt_nullable(v[k]), HT_CONCRETE, x);
    }
}

/* Gives every type the index of the first type equal to it, so that type
 * checks in one module compare indices (types.h). */
static mote_status canonicalize_types(loader *L, uint32_t n)
{
    mote_module *m = L->m;
    mod_type *types = (mod_type *)MOD_TYPES(m);
    uint64_t size = 16;
    while (size < 2 * (uint64_t)n)
        size *= 2;
    uint32_t *table = arena_scratch(L->arena, size * sizeof(uint32_t));
    if (table)
        memset(table, 0xFF, (size_t)size * sizeof(uint32_t));
    for (uint32_t i = 0; i < n; i++) {
        canonical_refs(m, i, false, i);
        types[i].canon = find_canon(m, i, table, size);
        if (types[i].canon != i)
            canonical_refs(m, i, true, types[i].canon);
    }
    if (table)
        arena_release_scratch(L->arena, table);
    return MOTE_OK;
}

static mote_status decode_types(loader *L)
{
    mote_module *m = L->m;
    mod_type *types = (mod_type *)MOD_TYPES(m);
    vtype *vt = (vtype *)MOD_VTYPES(m);
    mote_valtype *classes = (mote_valtype *)MOD_CLASSES(m);
    reader r;
    uint32_t n;
    uint64_t at = 0;
    if (!open_section(L, SEC_TYPE, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++) {
        types[i].vt = (uint32_t)at;
        /* a type refers to the types before it, and to itself */
        TRY(read_func_type(L, &r, i + 1, vt + at, &types[i], &at));
    }
    TRY(end_of_section(L, &r));
    for (uint32_t k = 0; k < m->nvtypes; k++)
        classes[k] = types_class(vt[k]);
    return canonicalize_types(L, n);
}

/* ---- limits, tables, memories, globals, imports: syntax, then meaning ----------- */

/* The parts of limits as the binary states them. */
typedef struct limits {
    uint64_t min, max;
    uint8_t has_max, page_log2, is64;
} limits;

/* limits: flags, min, [max], [page size exponent].  Syntax only.  Flags:
 * bit 0 a maximum follows, bit 2 64-bit (memory64/table64: the numbers are
 * u64), bit 3 (memories) a page size exponent follows. */
static mote_status parse_limits(loader *L, reader *r, bool memory, limits *out)
{
    uint8_t flags;
    if (!rd_byte(r, &flags))
        return malformed(L, r);
    uint8_t allowed = 1;
    if (L->features & MOTE_FEATURE_MEMORY64)
        allowed |= 4;
    if (memory && (L->features & MOTE_FEATURE_CUSTOM_PAGE_SIZES))
        allowed |= 8;
    if ((flags & 4) && (allowed & 4) && !feature_built(FG_MEMORY64))
        return feature_unsupported(L->err, FG_MEMORY64, rd_offset(r));
    if ((flags & 8) && (allowed & 8) && !feature_built(FG_CUSTOM_PAGE_SIZES))
        return feature_unsupported(L->err, FG_CUSTOM_PAGE_SIZES, rd_offset(r));
    if (flags & ~allowed)
        return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("integer too large: malformed limits flags"));
    out->is64 = MOTE_WITH_MEMORY64 && (flags & 4) != 0; /* refused above if not built */
    unsigned bits = out->is64 ? 64 : 32;
    out->max = 0;
    if (!rd_uleb(r, bits, &out->min) || ((flags & 1) && !rd_uleb(r, bits, &out->max)))
        return malformed(L, r);
    out->has_max = flags & 1;
    out->page_log2 = 16;
    if (flags & 8) {
        uint32_t p;
        if (!rd_u32(r, &p))
            return malformed(L, r);
        if (p >= 64) /* not even a u64 can hold the page size */
            return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("invalid custom page size"));
        out->page_log2 = (uint8_t)p; /* check_limits accepts 0 and 16 */
    }
    return MOTE_OK;
}

/* The validation rules for parsed limits. */
static mote_status check_limits(loader *L, const reader *r, bool memory, const limits *l)
{
    if (memory && l->page_log2 != 0 && l->page_log2 != 16)
        return fail_at(L, r, MOTE_ERR_INVALID, MSG("invalid custom page size"));
    if (l->has_max && l->max < l->min)
        return fail_at(L, r, MOTE_ERR_INVALID,
                       MSG("size minimum must not be greater than maximum"));
    if (memory) {
        uint64_t limit = memory_format_max(l->page_log2, l->is64);
        if (l->min > limit || (l->has_max && l->max > limit))
            return fail_at(L, r, MOTE_ERR_INVALID,
                           l->is64 && l->page_log2 == 16
                               ? MSG("memory size must be at most 2^48 pages")
                               : MSG("memory size must be at most 65536 pages (4GiB)"));
    }
    return MOTE_OK;
}

/* A table type: reftype and limits.  The table section's own form with an
 * initialiser (0x40 0x00 tabletype expr) is read by decode_tables_memories. */
static mote_status parse_table_type(loader *L, reader *r, mod_table *t)
{
    TRY(read_reftype(L, r, &t->elem_type));
    limits l;
    TRY(parse_limits(L, r, false, &l));
    t->min = l.min;
    t->max = l.max;
    t->has_max = l.has_max;
    t->is64 = l.is64;
    return MOTE_OK;
}

static mote_status check_table_type(loader *L, const reader *r, const mod_table *t)
{
    limits l = {t->min, t->max, t->has_max, 16, t->is64};
    return check_limits(L, r, false, &l);
}

static mote_status parse_memory_type(loader *L, reader *r, mod_memory *mem)
{
    limits l;
    TRY(parse_limits(L, r, true, &l));
    mem->min = l.min;
    mem->max = l.max;
    mem->has_max = l.has_max;
    mem->page_log2 = l.page_log2;
    mem->is64 = l.is64;
    return MOTE_OK;
}

static mote_status check_memory_type(loader *L, const reader *r, const mod_memory *mem)
{
    limits l = {mem->min, mem->max, mem->has_max, mem->page_log2, mem->is64};
    return check_limits(L, r, true, &l);
}

static mote_status parse_global_type(loader *L, reader *r, mod_global *g)
{
    TRY(read_valtype(L, r, &g->type));
    if (!rd_byte(r, &g->mutable_))
        return malformed(L, r);
    if (g->mutable_ > 1)
        return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("malformed mutability"));
    return MOTE_OK;
}

/* A tag type: an attribute byte (0: exception), a type index. */
static mote_status read_tag_type(loader *L, reader *r, uint32_t *type)
{
    uint8_t attribute;
    if (!rd_byte(r, &attribute) || !rd_u32(r, type))
        return malformed(L, r);
    if (attribute != 0)
        return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("malformed tag attribute"));
    return MOTE_OK;
}

/* The meaning of a tag type: a known function type without results. */
static mote_status check_tag_type(loader *L, const reader *r, uint32_t type)
{
    if (type >= L->m->ntypes)
        return fail_at(L, r, MOTE_ERR_INVALID, MSG("unknown type"));
    if (MOD_TYPES(L->m)[type].nresults)
        return fail_at(L, r, MOTE_ERR_INVALID, MSG("non-empty tag result type"));
    return MOTE_OK;
}

/* One import as the binary states it.  Both passes read imports with
 * read_import(): the first counts them by kind, the second checks and
 * records them. */
typedef struct import_desc {
    const uint8_t *module, *name;
    uint32_t module_len, name_len;
    uint8_t kind;  /* MOTE_EXTERN_* */
    uint32_t type; /* function, tag: its type index */
    mod_table table;
    mod_memory memory;
    mod_global global;
} import_desc;

static mote_status read_import(loader *L, reader *r, import_desc *d)
{
    memset(d, 0, sizeof *d);
    if (!decode_name(r, &d->module, &d->module_len) || !decode_name(r, &d->name, &d->name_len) ||
        !rd_byte(r, &d->kind))
        return malformed(L, r);
    switch (d->kind) {
    case MOTE_EXTERN_FUNC: return rd_u32(r, &d->type) ? MOTE_OK : malformed(L, r);
    case MOTE_EXTERN_TABLE: return parse_table_type(L, r, &d->table);
    case MOTE_EXTERN_MEMORY: return parse_memory_type(L, r, &d->memory);
    case MOTE_EXTERN_GLOBAL: return parse_global_type(L, r, &d->global);
    case MOTE_EXTERN_TAG:
        if (feature_built(FG_EXCEPTIONS) && (L->features & MOTE_FEATURE_EXCEPTIONS))
            return read_tag_type(L, r, &d->type);
        if (!feature_built(FG_EXCEPTIONS))
            return feature_unsupported(L->err, FG_EXCEPTIONS, rd_offset(r));
        /* fall through */
    default: return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("malformed import kind"));
    }
}

/* Counts imports of each kind (needed to size the index spaces). */
static mote_status count_imports(loader *L, mote_module *m)
{
    reader r;
    uint32_t n;
    if (!open_section(L, SEC_IMPORT, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++) {
        import_desc d;
        TRY(read_import(L, &r, &d));
        switch (d.kind) {
        case MOTE_EXTERN_FUNC: m->nfunc_imports++; break;
        case MOTE_EXTERN_TABLE: m->ntable_imports++; break;
        case MOTE_EXTERN_MEMORY: m->nmem_imports++; break;
        case MOTE_EXTERN_TAG: m->ntag_imports++; break;
        default: m->nglobal_imports++; break;
        }
    }
    return end_of_section(L, &r);
}

static mote_status decode_imports(loader *L)
{
    mote_module *m = L->m;
    mod_import *imports = (mod_import *)MOD_IMPORTS(m);
    mod_func *funcs = (mod_func *)MOD_FUNCS(m);
    mod_table *tables = (mod_table *)MOD_TABLES(m);
    mod_memory *mems = (mod_memory *)MOD_MEMS(m);
    mod_global *globals = (mod_global *)MOD_GLOBALS(m);
    mod_tag *tags = (mod_tag *)MOD_TAGS(m);
    uint32_t nf = 0, nt = 0, nm = 0, ng = 0, ntag = 0;
    reader r;
    uint32_t n;
    if (!open_section(L, SEC_IMPORT, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++) {
        mod_import *im = &imports[i];
        import_desc d;
        TRY(read_import(L, &r, &d));
        im->module = (uint32_t)(d.module - L->wasm);
        im->module_len = d.module_len;
        im->name = (uint32_t)(d.name - L->wasm);
        im->name_len = d.name_len;
        im->kind = d.kind;
        switch (d.kind) {
        case MOTE_EXTERN_FUNC:
            if (d.type >= m->ntypes)
                return fail_at(L, &r, MOTE_ERR_INVALID, MSG("unknown type"));
            im->index = nf;
            funcs[nf].type = d.type;
            funcs[nf].code = NO_INDEX;
            funcs[nf].handlers = NO_INDEX;
            funcs[nf].ref = NO_INDEX;
            nf++;
            break;
        case MOTE_EXTERN_TABLE:
            TRY(check_table_type(L, &r, &d.table));
            im->index = nt;
            tables[nt] = d.table;
            tables[nt++].imported = 1;
            break;
        case MOTE_EXTERN_MEMORY:
            TRY(check_memory_type(L, &r, &d.memory));
            im->index = nm;
            mems[nm] = d.memory;
            mems[nm++].imported = 1;
            break;
        case MOTE_EXTERN_TAG: /* (refused by read_import without exceptions) */
            if (!feature_built(FG_EXCEPTIONS))
                break;
            TRY(check_tag_type(L, &r, d.type));
            im->index = ntag;
            tags[ntag].type = d.type;
            tags[ntag++].imported = 1;
            break;
        default:
            im->index = ng;
            globals[ng] = d.global;
            globals[ng].imported = 1;
            globals[ng++].init = 0;
            break;
        }
    }
    return MOTE_OK;
}

static mote_status decode_functions(loader *L)
{
    mote_module *m = L->m;
    mod_func *funcs = (mod_func *)MOD_FUNCS(m);
    reader r;
    uint32_t n;
    if (!open_section(L, SEC_FUNC, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++) {
        mod_func *f = &funcs[m->nfunc_imports + i];
        if (!rd_u32(&r, &f->type))
            return malformed(L, &r);
        if (f->type >= m->ntypes)
            return fail_at(L, &r, MOTE_ERR_INVALID, MSG("unknown type"));
        f->code = NO_INDEX;
        f->handlers = NO_INDEX;
        f->ref = NO_INDEX;
    }
    return end_of_section(L, &r);
}

/* A defined table: its type, and (typed references) an initialiser, which a
 * table of non-nullable references must have. */
static mote_status decode_table(loader *L, reader *r, mod_table *t)
{
    bool init = rd_left(r) >= 2 && r->p[0] == 0x40 && r->p[1] == 0x00 &&
                (L->features & MOTE_FEATURE_FUNCTION_REFERENCES);
    if (init)
        r->p += 2;
    TRY(parse_table_type(L, r, t));
    TRY(check_table_type(L, r, t));
    t->init = 0;
    if (init) {
        t->init = rd_offset(r);
        /* the table section comes before the globals: only imported ones */
        return const_validate(L->m, r, t->elem_type, L->m->nglobal_imports, L->declared, L->err);
    }
    if (!vt_defaultable(t->elem_type))
        return fail_at(L, r, MOTE_ERR_INVALID,
                       MSG("type mismatch: a table of non-null references "
                           "needs an initialiser"));
    return MOTE_OK;
}

/* The tag section: each tag's type.  (A build without exceptions has
 * refused the section, and tag imports, already.) */
static mote_status decode_tags(loader *L)
{
    mote_module *m = L->m;
    mod_tag *tags = (mod_tag *)MOD_TAGS(m);
    reader r;
    uint32_t n;
    if (!feature_built(FG_EXCEPTIONS) || !open_section(L, SEC_TAG, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++) {
        mod_tag *t = &tags[m->ntag_imports + i];
        TRY(read_tag_type(L, &r, &t->type));
        TRY(check_tag_type(L, &r, t->type));
    }
    return end_of_section(L, &r);
}

static mote_status decode_tables_memories(loader *L)
{
    mote_module *m = L->m;
    mod_table *tables = (mod_table *)MOD_TABLES(m);
    mod_memory *mems = (mod_memory *)MOD_MEMS(m);
    uint32_t n = 0;
    reader r;
    if (open_section(L, SEC_TABLE, &r, &n)) {
        for (uint32_t i = 0; i < n; i++)
            TRY(decode_table(L, &r, &tables[m->ntable_imports + i]));
        TRY(end_of_section(L, &r));
    }
    if (open_section(L, SEC_MEMORY, &r, &n)) {
        for (uint32_t i = 0; i < n; i++) {
            mod_memory *mem = &mems[m->nmem_imports + i];
            TRY(parse_memory_type(L, &r, mem));
            TRY(check_memory_type(L, &r, mem));
        }
        TRY(end_of_section(L, &r));
    }
    if (m->nmems > 1) {
        reader r = section_reader(L, L->sec[SEC_MEMORY].present ? SEC_MEMORY : SEC_IMPORT);
        if (!(L->features & MOTE_FEATURE_MULTI_MEMORY))
            return fail_at(L, &r, MOTE_ERR_INVALID, MSG("multiple memories"));
        if (!feature_built(FG_MULTI_MEMORY))
            return feature_unsupported(L->err, FG_MULTI_MEMORY, rd_offset(&r));
    }
    return MOTE_OK;
}

static mote_status decode_globals(loader *L)
{
    mote_module *m = L->m;
    mod_global *globals = (mod_global *)MOD_GLOBALS(m);
    reader r;
    uint32_t n;
    if (!open_section(L, SEC_GLOBAL, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t gi = m->nglobal_imports + i;
        mod_global *g = &globals[gi];
        TRY(parse_global_type(L, &r, g));
        g->init = rd_offset(&r);
        TRY(const_validate(m, &r, g->type, gi, L->declared, L->err));
    }
    return end_of_section(L, &r);
}

static int compare_names(const uint8_t *wasm, const mod_export *a, const mod_export *b)
{
    uint32_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
    int c = memcmp(wasm + a->name, wasm + b->name, n);
    if (c)
        return c;
    return a->name_len < b->name_len ? -1 : a->name_len > b->name_len;
}

/* Heap sort by name: exports are then found by binary search, and
 * duplicates sit side by side.  No recursion, no scratch. */
static void sift_down(const uint8_t *wasm, mod_export *e, uint32_t root, uint32_t n)
{
    for (;;) {
        uint32_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && compare_names(wasm, &e[child], &e[child + 1]) < 0)
            child++;
        if (compare_names(wasm, &e[root], &e[child]) >= 0)
            return;
        mod_export t = e[root];
        e[root] = e[child];
        e[child] = t;
        root = child;
    }
}

static void sort_exports(const uint8_t *wasm, mod_export *e, uint32_t n)
{
    for (uint32_t i = n / 2; i-- > 0;)
        sift_down(wasm, e, i, n);
    for (uint32_t end = n; end-- > 1;) {
        mod_export t = e[0];
        e[0] = e[end];
        e[end] = t;
        sift_down(wasm, e, 0, end);
    }
}

static mote_status decode_exports(loader *L)
{
    mote_module *m = L->m;
    mod_export *exports = (mod_export *)MOD_EXPORTS(m);
    reader r;
    uint32_t n;
    if (!open_section(L, SEC_EXPORT, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++) {
        mod_export *e = &exports[i];
        const uint8_t *s;
        uint8_t kind;
        if (!decode_name(&r, &s, &e->name_len) || !rd_byte(&r, &kind) || !rd_u32(&r, &e->index))
            return malformed(L, &r);
        e->name = (uint32_t)(s - L->wasm);
        e->kind = kind;
        uint32_t limit;
        switch (kind) {
        case MOTE_EXTERN_FUNC: limit = m->nfuncs; break;
        case MOTE_EXTERN_TABLE: limit = m->ntables; break;
        case MOTE_EXTERN_MEMORY: limit = m->nmems; break;
        case MOTE_EXTERN_GLOBAL: limit = m->nglobals; break;
        case MOTE_EXTERN_TAG:
            if (L->features & MOTE_FEATURE_EXCEPTIONS) {
                limit = m->ntags;
                break;
            }
            /* fall through */
        default: return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("malformed export kind"));
        }
        if (e->index >= limit)
            return fail_at(L, &r, MOTE_ERR_INVALID, MSG("unknown export target"));
        if (kind == MOTE_EXTERN_FUNC)
            L->declared[e->index] = 1;
    }
    TRY(end_of_section(L, &r));
    sort_exports(L->wasm, exports, n);
    for (uint32_t i = 1; i < n; i++)
        if (compare_names(L->wasm, &exports[i - 1], &exports[i]) == 0)
            return fail_at(L, &r, MOTE_ERR_INVALID, MSG("duplicate export name"));
    return MOTE_OK;
}

static mote_status decode_start(loader *L)
{
    mote_module *m = L->m;
    m->start = NO_INDEX;
    if (!L->sec[SEC_START].present)
        return MOTE_OK;
    reader r = section_reader(L, SEC_START);
    if (!rd_u32(&r, &m->start))
        return malformed(L, &r);
    if (m->start >= m->nfuncs)
        return fail_at(L, &r, MOTE_ERR_INVALID, MSG("unknown function"));
    const mod_type *t = &MOD_TYPES(m)[MOD_FUNCS(m)[m->start].type];
    if (t->nparams || t->nresults)
        return fail_at(L, &r, MOTE_ERR_INVALID, MSG("start function must take and return nothing"));
    return end_of_section(L, &r);
}

static mote_status check_table(loader *L, reader *r, uint32_t table, vtype elem_type)
{
    if (table >= L->m->ntables)
        return fail_at(L, r, MOTE_ERR_INVALID, MSG("unknown table"));
    if (!types_sub(elem_type, MOD_TABLES(L->m)[table].elem_type))
        return fail_at(L, r, MOTE_ERR_INVALID,
                       MSG("type mismatch: element segment and table types differ"));
    return MOTE_OK;
}

static mote_status decode_elem_items(loader *L, reader *r, mod_elem *e)
{
    if (!rd_u32(r, &e->count))
        return malformed(L, r);
    if (e->count > rd_left(r))
        return fail_at(L, r, MOTE_ERR_MALFORMED, MSG("unexpected end"));
    e->items = rd_offset(r);
    for (uint32_t k = 0; k < e->count; k++) {
        if (e->exprs) {
            TRY(const_validate(L->m, r, e->elem_type, L->m->nglobals, L->declared, L->err));
        } else {
            uint32_t f;
            if (!rd_u32(r, &f))
                return malformed(L, r);
            if (f >= L->m->nfuncs)
                return fail_at(L, r, MOTE_ERR_INVALID, MSG("unknown function"));
            L->declared[f] = 1;
        }
    }
    return MOTE_OK;
}

static mote_status decode_elems(loader *L)
{
    mote_module *m = L->m;
    mod_elem *elems = (mod_elem *)MOD_ELEMS(m);
    reader r;
    uint32_t n;
    if (!open_section(L, SEC_ELEM, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++) {
        mod_elem *e = &elems[i];
        uint32_t flags;
        if (!rd_u32(&r, &flags))
            return malformed(L, &r);
        if (flags > 7)
            return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("malformed elements segment kind"));
        e->mode = (flags & 1) ? ((flags & 2) ? SEG_DECLARATIVE : SEG_PASSIVE) : SEG_ACTIVE;
        e->exprs = (flags & 4) != 0;
        /* function indices are never null: (ref func) */
        e->elem_type = e->exprs ? VT_FUNCREF : vt_as_non_null(VT_FUNCREF);
        e->table = 0;
        if (e->mode == SEG_ACTIVE) {
            if ((flags & 2) && !rd_u32(&r, &e->table))
                return malformed(L, &r);
            e->offset = rd_offset(&r);
            uint8_t at =
                e->table < m->ntables && MOD_TABLES(m)[e->table].is64 ? MOTE_I64 : MOTE_I32;
            TRY(const_validate(m, &r, at, m->nglobals, L->declared, L->err));
        }
        if (flags & 3) { /* an explicit element kind or reference type */
            if (e->exprs) {
                TRY(read_reftype(L, &r, &e->elem_type));
            } else {
                uint8_t k;
                if (!rd_byte(&r, &k))
                    return malformed(L, &r);
                if (k != 0x00)
                    return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("malformed element kind"));
            }
        }
        if (e->mode == SEG_ACTIVE)
            TRY(check_table(L, &r, e->table, e->elem_type));
        e->passive_index = e->mode == SEG_PASSIVE ? m->npassive_elems++ : NO_INDEX;
        TRY(decode_elem_items(L, &r, e));
    }
    return end_of_section(L, &r);
}

static mote_status decode_datas(loader *L)
{
    mote_module *m = L->m;
    mod_data *datas = (mod_data *)MOD_DATAS(m);
    reader r;
    uint32_t n;
    if (!open_section(L, SEC_DATA, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++) {
        mod_data *d = &datas[i];
        uint32_t flags;
        if (!rd_u32(&r, &flags))
            return malformed(L, &r);
        if (flags > 2)
            return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("malformed data segment kind"));
        d->mode = flags == 1 ? SEG_PASSIVE : SEG_ACTIVE;
        d->memory = 0;
        if (flags == 2 && !rd_u32(&r, &d->memory))
            return malformed(L, &r);
        if (d->mode == SEG_ACTIVE) {
            if (d->memory >= m->nmems)
                return fail_at(L, &r, MOTE_ERR_INVALID, MSG("unknown memory"));
            d->offset = rd_offset(&r);
            uint8_t at = MOD_MEMS(m)[d->memory].is64 ? MOTE_I64 : MOTE_I32;
            TRY(const_validate(m, &r, at, m->nglobals, L->declared, L->err));
        }
        const uint8_t *bytes;
        if (!rd_u32(&r, &d->len) || !rd_bytes(&r, d->len, &bytes))
            return malformed(L, &r);
        d->bytes = (uint32_t)(bytes - L->wasm);
    }
    return end_of_section(L, &r);
}

/* Records each body's place; checks sizes. */
static mote_status decode_code_bodies(loader *L)
{
    mote_module *m = L->m;
    mod_func *funcs = (mod_func *)MOD_FUNCS(m);
    reader r;
    uint32_t n;
    if (!open_section(L, SEC_CODE, &r, &n))
        return MOTE_OK;
    for (uint32_t i = 0; i < n; i++) {
        mod_func *f = &funcs[m->nfunc_imports + i];
        if (!rd_u32(&r, &f->body_len))
            return malformed(L, &r);
        if (f->body_len > rd_left(&r))
            return fail_at(L, &r, MOTE_ERR_MALFORMED, MSG("section size mismatch: unexpected end"));
        f->body = rd_offset(&r);
        r.p += f->body_len;
    }
    return end_of_section(L, &r);
}

/* Functions that can become funcrefs get an index among the instance's
 * function objects. */
static void number_refs(loader *L)
{
    mote_module *m = L->m;
    mod_func *funcs = (mod_func *)MOD_FUNCS(m);
    m->nrefs = 0;
    for (uint32_t i = 0; i < m->nfuncs; i++)
        if (L->declared[i])
            funcs[i].ref = m->nrefs++;
}

/* ---- compiling ------------------------------------------------------------------- */

/* After a validation error in body `from`: if that or a later body is
 * malformed, that is the error to report (decoding precedes validation). */
static mote_status malformed_later(loader *L, uint32_t from, mote_status st)
{
    const mod_func *funcs = MOD_FUNCS(L->m);
    for (uint32_t i = from; i < L->m->nfuncs; i++) {
        reader r = {L->wasm + funcs[i].body, L->wasm + funcs[i].body + funcs[i].body_len, L->wasm,
                    0};
        if (!syntax_check_body(&r, L->m->features)) {
            error_setf(L->err, MOTE_ERR_MALFORMED, "func %u +0x%x: %m", i, rd_offset(&r), r.err);
            L->err->func = i;
            L->err->offset = rd_offset(&r);
            return MOTE_ERR_MALFORMED;
        }
    }
    return st;
}

/*
 * Compiles every body.  *peak receives the highest arena offset the load
 * reached or would have reached (code below, scratch above), counting the
 * code of functions compiled after the arena ran out.
 */
static mote_status compile_all(loader *L, uint64_t *peak)
{
    mote_module *m = L->m;
    mote_arena *a = L->arena;
    compiler c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.err = L->err;
    c.arena = a;
    c.handlers = L->handlers;
    c.funcs = (mod_func *)MOD_FUNCS(m);
    c.mcode = (uint32_t *)(a->base + a->bottom);
    c.locate = -1;
    m->code = (uint32_t)((uint8_t *)c.mcode - (uint8_t *)m);
    size_t code_start = a->bottom;
    *peak = a->bottom + (a->size - a->top);
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
        mote_status st = compile_function(&c, i);
        if (st == MOTE_ERR_INVALID)
            return malformed_later(L, i, st);
        if (st != MOTE_OK) {
            *peak = 0; /* not even scratch fitted: no figure */
            return st;
        }
        uint64_t reached = (uint64_t)a->bottom + c.counted_bytes + 8 + c.scratch_used;
        if (reached > *peak)
            *peak = reached;
        /* The arena's peak saw the scratch but not the code written below it
         * meanwhile; mote_measure() reports the peak, so count both. */
        if (!c.overflow && a->header + reached > a->peak)
            a->peak = a->header + reached;
    }
    m->code_words = (uint32_t)((a->bottom - code_start) / 4);
    return c.overflow ? MOTE_ERR_NO_MEMORY : MOTE_OK;
}

/* ---- mote_load ------------------------------------------------------------------- */

static mote_status decode_all(loader *L)
{
    TRY(decode_types(L));
    TRY(decode_imports(L));
    TRY(decode_functions(L));
    TRY(decode_tables_memories(L));
    TRY(decode_tags(L));
    TRY(decode_globals(L));
    TRY(decode_exports(L));
    TRY(decode_start(L));
    TRY(decode_elems(L));
    TRY(decode_datas(L));
    TRY(decode_code_bodies(L));
    number_refs(L);
    return MOTE_OK;
}

static mote_status no_memory(loader *L, uint64_t need, bool at_least)
{
    const char *what =
        at_least ? "loading this module needs at least" : "loading this module needs";
    /* Module blocks use 32-bit offsets.  On a 32-bit CPU no arena holds
     * more either, which arena_no_room() says itself; so this text is only
     * in a 64-bit build. */
    if (SIZE_MAX > UINT32_MAX && need > UINT32_MAX)
        return error_setf(L->err, MOTE_ERR_LIMIT,
                          "%s %lu bytes, more than mote can lay out (4 GiB)", what, need);
    return arena_no_room(L->arena, what, need);
}

mote_status decode_module(mote_arena *a, const uint8_t *wasm, size_t len,
                          const mote_load_config *cfg, const int32_t *handlers, mote_module **out)
{
    if (!a || !out || (!wasm && len))
        return a ? error_set(&a->error, MOTE_ERR_ARGUMENT, "mote_load: bad argument")
                 : MOTE_ERR_ARGUMENT;
    *out = NULL;
    if (len > 0x7FFFFFFFu)
        return error_set(&a->error, MOTE_ERR_LIMIT, "module too large (%z bytes)", len);
    arena_mark mark = arena_get_mark(a);
    loader L;
    memset(&L, 0, sizeof L);
    L.arena = a;
    L.err = &a->error;
    L.wasm = wasm;
    L.len = (uint32_t)len;
    L.handlers = handlers ? handlers : interp_handler_words();
    /* 0 means all; otherwise the bits given (MOTE_FEATURE_EXACT alone: none) */
    L.features = (cfg && cfg->features ? cfg->features : MOTE_FEATURE_ALL) & MOTE_FEATURE_ALL;
    a->error.status = MOTE_OK;

    mote_module counts;
    memset(&counts, 0, sizeof counts);
    TRY(scan_sections(&L));
    TRY(count_everything(&L, &counts));

    uint64_t block = layout(&counts);
    uint64_t ndeclared = (uint64_t)counts.nfuncs + 1;
    mote_module *m = block <= UINT32_MAX ? arena_alloc(a, block) : NULL;
    L.declared = m ? arena_scratch(a, ndeclared) : NULL;
    if (!m || !L.declared) {
        arena_rollback(a, mark);
        return no_memory(&L, block + align_up64(ndeclared), true);
    }
    memset(m, 0, (size_t)block);
    memcpy(m, &counts, sizeof counts);
    memset(L.declared, 0, (size_t)ndeclared);
    m->wasm = wasm;
    m->wasm_len = (uint32_t)len;
    m->arena = a;
    m->block = (const uint8_t *)m;
    m->foreign = handlers != NULL;
    m->features = L.features;
    m->mark_bottom = mark.bottom;
    m->mark_top = mark.top;
    m->names = L.names;
    m->names_len = L.names_len;
    L.m = m;

    mote_status st = decode_all(&L);
    uint64_t peak = 0;
    if (st == MOTE_OK)
        st = compile_all(&L, &peak);
    if (st == MOTE_ERR_NO_MEMORY) {
        /* Free bytes the load needs = the offsets it reached, less what was
         * in use at either end before it began.  Without a figure (scratch
         * itself ran out) what it had taken so far is a lower bound. */
        uint64_t need =
            peak ? peak - mark.bottom - (a->size - mark.top)
                 : (uint64_t)(a->bottom - mark.bottom) + (mark.top - a->top) + MOTE_ALIGN;
        arena_rollback(a, mark);
        if (peak == 0 && need <= arena_free(a))
            need = arena_free(a) + MOTE_ALIGN; /* it did not fit: more than there is */
        return no_memory(&L, need, peak == 0);
    }
    if (st != MOTE_OK) {
        arena_rollback(a, mark);
        return st;
    }
    a->top = mark.top; /* the scratch of the load is done */
    m->bytes = (uint32_t)(a->bottom - mark.bottom);
    *out = m;
    return MOTE_OK;
}

mote_status mote_load(mote_arena *a, const uint8_t *wasm, size_t len, const mote_load_config *cfg,
                      mote_module **out)
{
    return decode_module(a, wasm, len, cfg, NULL, out);
}

/* ---- sizing -------------------------------------------------------------------------------- */

mote_status mote_measure(mote_arena *scratch, const uint8_t *wasm, size_t len,
                         const mote_load_config *lc, const mote_instance_config *cfg,
                         mote_needs *out)
{
    arena_mark mark = arena_get_mark(scratch);
    size_t peak_before = scratch->peak;
    size_t used_before = mote_arena_used(scratch);
    scratch->peak = used_before;
    mote_module *m;
    mote_status st = mote_load(scratch, wasm, len, lc, &m);
    if (st == MOTE_OK) {
        out->module_bytes = m->bytes;
        out->load_peak = scratch->peak - used_before;
        uint64_t inst = instance_layout_bytes(m, cfg);
        uint64_t after = (uint64_t)out->module_bytes + inst;
        uint64_t total = (out->load_peak > after ? out->load_peak : after) + scratch->header;
        if (!size_fits(total)) {
            st = arena_no_room(scratch, "one instance of this module needs", total);
        } else {
            out->instance_bytes = (size_t)inst;
            out->total = (size_t)total;
        }
    }
    arena_rollback(scratch, mark);
    scratch->peak = peak_before > scratch->peak ? peak_before : scratch->peak;
    return st;
}
