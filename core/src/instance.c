/*
 * instance.c -- mote_instantiate: linking imports, laying out an instance
 * in its arena, initialising globals, tables and memory, running start.
 *
 * Layout, in allocation order: the instance record and its index arrays,
 * defined globals and tables (with reserved capacity), passive element
 * segments, the value and call stacks, and last the linear memory, so
 * that memory.grow can extend it in place.
 */
#include <string.h>

#include "arena.h"
#include "constexpr.h"
#include "error.h"
#include "ops.h"
#include "types.h"

#define MOTE_MSG_TAG "i" /* this file's message codes (error.h) */

#define DEFAULT_VALUE_STACK (64u * 1024u)
#define DEFAULT_CALL_STACK (8u * 1024u)
#define DEFAULT_TABLE_CAP 4096u

/* ---- small helpers shared with the interpreter ------------------------------ */

mote_func *instance_func(mote_instance *inst, uint32_t index)
{
    const mote_module *m = inst->module;
    if (index < m->nfunc_imports)
        return (mote_func *)inst->imports[index].p;
    return &inst->refs[MOD_FUNCS(m)[index].ref];
}

bool instance_dropped(const mote_instance *inst, uint32_t bit)
{
    return (inst->dropped[bit >> 3] >> (bit & 7)) & 1;
}

void instance_drop(mote_instance *inst, uint32_t bit)
{
    inst->dropped[bit >> 3] |= (uint8_t)(1u << (bit & 7));
}

const mod_type *instance_func_type(const mote_func *f, const mote_module **module)
{
    *module = f->inst->module;
    return f->type;
}

int64_t instance_memory_grow(mote_memory *mem, uint64_t delta)
{
    uint64_t pages = bytes_to_pages(mem->size, mem->page_log2);
    if (delta == 0)
        return (int64_t)pages;
    /* Compare before adding or shifting: delta is the guest's, any value. */
    if (delta > mem->max_pages - pages ||
        pages + delta > bytes_to_pages(UINT64_MAX, mem->page_log2))
        return -1;
    uint64_t bytes = pages_to_bytes(pages + delta, mem->page_log2);
    if ((mem->cap && bytes > mem->cap) || !mem->arena)
        return -1;
    if (bytes > mem->reserved) {
        if (arena_grow_last(mem->arena, mem->base, mem->reserved, bytes)) {
            mem->reserved = bytes;
        } else {
            /* Not the arena's last block (another memory, or an object made
             * after it): it moves to the bottom of the arena.  Its old
             * place is not reused until the arena is reset. */
            uint8_t *moved = arena_alloc(mem->arena, bytes);
            if (!moved) {
                mem->arena->grow_refusals++;
                return -1;
            }
            memcpy(moved, mem->base, (size_t)mem->size);
            mem->base = moved;
            mem->reserved = bytes;
        }
    }
    /* bytes <= reserved, which the arena holds: both fit size_t */
    memset(mem->base + (size_t)mem->size, 0, (size_t)(bytes - mem->size));
    mem->size = bytes;
    return (int64_t)pages;
}

int64_t instance_table_grow(mote_table *t, uint32_t delta, mote_slot init)
{
    uint32_t old = t->size;
    uint64_t want = (uint64_t)old + delta;
    if (want > t->max)
        return -1;
    if (want > t->capacity) { /* the reserve is all the table gets */
        if (t->arena)
            t->arena->grow_refusals++;
        return -1;
    }
    for (uint32_t i = old; i < want; i++)
        t->elems[i] = init;
    t->size = (uint32_t)want;
    return old;
}

/* ---- layout ---------------------------------------------------------------- */

/* Byte counts are 64-bit: element and page counts come from the module
 * (up to 2^32 each) and the sum is only narrowed after it is known to fit
 * (arena_alloc takes 64-bit sizes). */
enum layout_part {
    /* arrays of objects of one size (mote_instantiate carves them in this
     * order, but the table elements and passive items before the stacks) */
    LP_INSTANCE,
    LP_GLOBALS,
    LP_TABLES,
    LP_IMPORTS,
    LP_REFS,
    LP_HOSTS,
    LP_HOST_OBJS,
    LP_DROPPED,
    LP_PASSIVE,
    LP_GLOBAL_OBJS,
    LP_TABLE_OBJS,
    LP_TAGS,
    LP_TAG_OBJS,
    LP_MEMS,
    LP_MEM_OBJS,
    LP_STACK,
    LP_FRAMES,
    LP_ARRAYS_,
    /* sums over the module's tables, segments and memories */
    LP_TABLE_ELEMS = LP_ARRAYS_,
    LP_PASSIVE_ITEMS,
    LP_MEMORY, /* defined memories' initial bytes (allocated last) */
    LP_COUNT_
};
typedef struct layout {
    uint64_t part[LP_COUNT_];
    uint64_t total;
} layout;

/* A size no arena can hold.  Layout figures that would pass it (a table64
 * or memory64 minimum near 2^64) are held at it, and sums of them saturate,
 * so the total is refused as too large instead of wrapping. */
#define TOO_BIG (UINT64_MAX / 4)

/* (Out of line: a 64-bit compare and add, inlined three times, took 88
 * bytes more on Cortex-M3.) */
static __attribute__((noinline)) uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a >= TOO_BIG || b >= TOO_BIG - a ? TOO_BIG : a + b;
}

/* Elements reserved for a table: its minimum, or more up to the declared
 * maximum and the embedder's table_cap.  64-bit: a table64 may declare up
 * to 2^64 - 1 elements; compute_layout refuses a reserve over 2^32 - 1.
 * (Out of line: inlined in its two callers it took 40 bytes more on
 * Cortex-M3, 64 on rv32.) */
static __attribute__((noinline)) uint64_t table_capacity(const mod_table *t,
                                                         const mote_instance_config *cfg)
{
    uint64_t cap = cfg && cfg->table_cap ? cfg->table_cap : DEFAULT_TABLE_CAP;
    if (t->has_max && t->max < cap)
        cap = t->max;
    if (cap < t->min)
        cap = t->min;
    return cap;
}

/* A memory's declared minimum in bytes, or TOO_BIG.  The decoder bounds
 * min by the format's maximum (2^48 pages of 64 KiB, 2^64 - 1 one-byte
 * pages for memory64), so the shift could reach 2^64: compared first. */
static uint64_t memory_min_bytes(const mod_memory *d)
{
    if (d->min > bytes_to_pages(TOO_BIG, d->page_log2))
        return TOO_BIG;
    return pages_to_bytes(d->min, d->page_log2);
}

/* count objects of `size` bytes, rounded up to the arena's alignment */
static uint64_t array_bytes(uint64_t count, size_t size)
{
    return align_up64(count * size);
}

/* The object size of each array part: one table, not a multiplication per
 * part inlined. */
static const uint16_t part_size[LP_ARRAYS_] = {
    [LP_INSTANCE] = sizeof(mote_instance), [LP_GLOBALS] = sizeof(ptr_slot),
    [LP_TABLES] = sizeof(ptr_slot),        [LP_IMPORTS] = sizeof(ptr_slot),
    [LP_REFS] = sizeof(mote_func),         [LP_HOSTS] = sizeof(host_binding),
    [LP_HOST_OBJS] = sizeof(mote_func),    [LP_DROPPED] = 1,
    [LP_PASSIVE] = sizeof(ptr_slot),       [LP_GLOBAL_OBJS] = sizeof(mote_global),
    [LP_TABLE_OBJS] = sizeof(mote_table),  [LP_TAGS] = sizeof(ptr_slot),
    [LP_TAG_OBJS] = sizeof(mote_tag),      [LP_MEMS] = sizeof(ptr_slot),
    [LP_MEM_OBJS] = sizeof(mote_memory),   [LP_STACK] = 1,
    [LP_FRAMES] = sizeof(frame),
};
_Static_assert(sizeof(mote_instance) <= UINT16_MAX && sizeof(frame) <= UINT16_MAX,
               "instance.c: part_size[] holds 16-bit sizes");

static void compute_layout(const mote_module *m, const mote_instance_config *cfg, layout *L)
{
    memset(L, 0, sizeof *L);
    const mod_table *tables = MOD_TABLES(m);
    const mod_elem *elems = MOD_ELEMS(m);
    uint32_t vs = cfg && cfg->value_stack_bytes ? cfg->value_stack_bytes : DEFAULT_VALUE_STACK;
    uint32_t cs = cfg && cfg->call_stack_bytes ? cfg->call_stack_bytes : DEFAULT_CALL_STACK;
    /* Counts are 32-bit (the module's are below its length, 2^31); the
     * bytes 64-bit, from array_bytes. */
    const uint32_t count[LP_ARRAYS_] = {
        [LP_INSTANCE] = 1,
        [LP_GLOBALS] = m->nglobals,
        [LP_TABLES] = m->ntables,
        [LP_IMPORTS] = m->nfunc_imports,
        [LP_REFS] = m->nrefs,
        [LP_HOSTS] = m->nfunc_imports,
        [LP_HOST_OBJS] = m->nfunc_imports,
        [LP_DROPPED] = (uint32_t)(((uint64_t)m->ndatas + m->nelems + 7) / 8),
        [LP_PASSIVE] = m->npassive_elems,
        [LP_GLOBAL_OBJS] = m->nglobals - m->nglobal_imports,
        [LP_TABLE_OBJS] = m->ntables - m->ntable_imports,
        [LP_TAGS] = m->ntags,
        [LP_TAG_OBJS] = m->ntags - m->ntag_imports,
        [LP_MEMS] = m->nmems,
        [LP_MEM_OBJS] = m->nmems - m->nmem_imports,
        [LP_STACK] = vs,
        [LP_FRAMES] = cs / sizeof(frame),
    };
    for (uint32_t i = 0; i < LP_ARRAYS_; i++)
        L->part[i] = array_bytes(count[i], part_size[i]);
    for (uint32_t i = m->ntable_imports; i < m->ntables; i++) {
        uint64_t cap = table_capacity(&tables[i], cfg); /* table sizes are 32-bit at run time */
        L->part[LP_TABLE_ELEMS] =
            sat_add(L->part[LP_TABLE_ELEMS],
                    cap > UINT32_MAX ? TOO_BIG : array_bytes(cap, sizeof(mote_slot)));
    }
    for (uint32_t i = 0; i < m->nelems; i++)
        if (elems[i].mode == SEG_PASSIVE)
            L->part[LP_PASSIVE_ITEMS] += array_bytes(elems[i].count, sizeof(mote_slot));
    for (uint32_t i = m->nmem_imports; i < m->nmems; i++)
        L->part[LP_MEMORY] =
            sat_add(L->part[LP_MEMORY], align_up64(memory_min_bytes(&MOD_MEMS(m)[i])));
    for (uint32_t i = 0; i < LP_COUNT_; i++)
        L->total = sat_add(L->total, L->part[i]);
}

uint64_t instance_layout_bytes(const mote_module *m, const mote_instance_config *cfg)
{
    layout L;
    compute_layout(m, cfg, &L);
    return L.total;
}

/* ---- linking ------------------------------------------------------------------ */

static bool name_is(const uint8_t *bytes, uint32_t len, const char *s, size_t slen)
{
    if (!s)
        return false;
    if (slen == 0)
        slen = strlen(s);
    return slen == len && !memcmp(bytes, s, len);
}

mote_valtype instance_sig_type(char ch)
{
    switch (ch) {
    case 'i': return MOTE_I32;
    case 'I': return MOTE_I64;
    case 'f': return MOTE_F32;
    case 'F': return MOTE_F64;
    case 'V': return MOTE_V128;
    case 'r': return MOTE_FUNCREF;
    case 'e': return MOTE_EXTERNREF;
    case 'x': return MOTE_EXNREF;
    default: return 0;
    }
}

/* Does the signature string describe exactly this function type? */
static bool signature_matches(const char *sig, const mote_module *m, const mod_type *t)
{
    if (!sig || *sig++ != '(')
        return false;
    const mote_valtype *p = type_param_classes(m, t), *r = type_result_classes(m, t);
    uint32_t i = 0;
    for (; *sig && *sig != ')'; sig++, i++)
        if (i >= t->nparams || instance_sig_type(*sig) != p[i])
            return false;
    if (*sig++ != ')' || i != t->nparams)
        return false;
    for (i = 0; *sig; sig++, i++)
        if (i >= t->nresults || instance_sig_type(*sig) != r[i])
            return false;
    return i == t->nresults;
}

static bool limits_match(uint64_t have_min, bool have_has_max, uint64_t have_max, uint64_t want_min,
                         bool want_has_max, uint64_t want_max)
{
    if (have_min < want_min)
        return false;
    if (want_has_max && (!have_has_max || have_max > want_max))
        return false;
    return true;
}

/* Objects made by the embedder (module NULL) have abstract types only
 * (funcref, externref, exnref, numbers), which need no module to compare. */
static bool sub_type(const mote_module *ma, vtype a, const mote_module *mb, vtype b)
{
    return ma ? types_sub_across(ma, a, mb, b) : types_sub(a, b);
}

static bool same_type(const mote_module *ma, vtype a, const mote_module *mb, vtype b)
{
    return sub_type(ma, a, mb, b) && (ma ? types_sub_across(mb, b, ma, a) : types_sub(b, a));
}

typedef struct linker {
    mote_error *err;
    const mote_module *m;
    const mote_import *imports;
    size_t nimports;
} linker;

static mote_status unlinkable(linker *k, const mod_import *im, msg_t why)
{
    const uint8_t *w = k->m->wasm;
    return error_setf(k->err, MOTE_ERR_UNLINKABLE, "%m: \"%.*s\" \"%.*s\"", why,
                      (int)im->module_len, (const char *)w + im->module, (int)im->name_len,
                      (const char *)w + im->name);
}

static const mote_import *find_import(linker *k, const mod_import *im)
{
    const uint8_t *w = k->m->wasm;
    for (size_t i = 0; i < k->nimports; i++) {
        const mote_import *c = &k->imports[i];
        if (name_is(w + im->module, im->module_len, c->module, c->module_len) &&
            name_is(w + im->name, im->name_len, c->name, c->name_len))
            return c;
    }
    return NULL;
}

/* Whether candidate c has the kind and type import im asks for. */
static bool import_matches(const mote_module *m, const mod_import *im, const mote_import *c)
{
    switch (im->kind) {
    case MOTE_EXTERN_FUNC: {
        const mod_type *want = &MOD_TYPES(m)[MOD_FUNCS(m)[im->index].type];
        if (c->fn)
            return signature_matches(c->signature, m, want);
        if (c->ext.kind != MOTE_EXTERN_FUNC || !c->ext.u.func)
            return false;
        const mote_module *fm;
        const mod_type *have = instance_func_type(c->ext.u.func, &fm);
        return types_func_equal(m, want, fm, have);
    }
    case MOTE_EXTERN_TABLE: {
        const mod_table *want = &MOD_TABLES(m)[im->index];
        const mote_table *t = c->ext.u.table;
        return !c->fn && c->ext.kind == MOTE_EXTERN_TABLE && t &&
               same_type(t->module, t->elem_type, m, want->elem_type) && t->is64 == want->is64 &&
               limits_match(t->size, t->max != UINT32_MAX, t->max, want->min, want->has_max,
                            want->max);
    }
    case MOTE_EXTERN_TAG: {
        if (!feature_built(FG_EXCEPTIONS)) /* no tag imports: the loader refused them */
            return false;
        const mod_type *want = &MOD_TYPES(m)[MOD_TAGS(m)[im->index].type];
        const mote_tag *t = c->ext.u.tag;
        if (c->fn || c->ext.kind != MOTE_EXTERN_TAG || !t)
            return false;
        if (t->module)
            return types_func_equal(m, want, t->module, t->type);
        return t->nparams == want->nparams && want->nresults == 0 &&
               !memcmp(t->classes, type_param_classes(m, want), t->nparams);
    }
    case MOTE_EXTERN_MEMORY: {
        const mod_memory *want = &MOD_MEMS(m)[im->index];
        const mote_memory *mem = c->ext.u.memory;
        if (c->fn || c->ext.kind != MOTE_EXTERN_MEMORY || !mem ||
            mem->page_log2 != want->page_log2 || mem->is64 != want->is64)
            return false;
        uint64_t format_max = memory_format_max(want->page_log2, want->is64);
        bool has_max = mem->max_pages != format_max;
        return limits_match(bytes_to_pages(mem->size, mem->page_log2), has_max, mem->max_pages,
                            want->min, want->has_max, want->max);
    }
    default: {
        const mod_global *want = &MOD_GLOBALS(m)[im->index];
        const mote_global *g = c->ext.u.global;
        if (c->fn || c->ext.kind != MOTE_EXTERN_GLOBAL || !g || g->mutable_ != want->mutable_)
            return false;
        /* a mutable global is read and written: its type must be the same */
        return want->mutable_ ? same_type(g->module, g->type, m, want->type)
                              : sub_type(g->module, g->type, m, want->type);
    }
    }
}

static mote_status check_import(linker *k, const mod_import *im, const mote_import *c)
{
    return import_matches(k->m, im, c) ? MOTE_OK
                                       : unlinkable(k, im, MSG("incompatible import type"));
}

/* ---- building the instance --------------------------------------------------------- */

/* Carves the next part of the instance block; the block was allocated
 * with the layout's total, so every part (and the sum) fits size_t. */
static void *take(uint8_t **cursor, uint64_t bytes)
{
    void *p = *cursor;
    *cursor += (size_t)bytes;
    return p;
}

static void bind_imports(mote_instance *inst, linker *k, mote_func *host_objs)
{
    const mote_module *m = inst->module;
    const mod_import *imports = MOD_IMPORTS(m);
    for (uint32_t i = 0; i < m->nimports; i++) {
        const mod_import *im = &imports[i];
        const mote_import *c = find_import(k, im);
        switch (im->kind) {
        case MOTE_EXTERN_FUNC:
            if (c->fn) {
                mote_func *h = &host_objs[im->index];
                h->inst = inst;
                h->code = NULL;
                h->type = &MOD_TYPES(m)[MOD_TYPES(m)[MOD_FUNCS(m)[im->index].type].canon];
                h->index = im->index;
                h->kind = FUNC_HOST;
                inst->hosts[im->index].fn = c->fn;
                inst->hosts[im->index].user = c->user;
                inst->imports[im->index].p = h;
            } else {
                inst->imports[im->index].p = c->ext.u.func;
            }
            break;
        case MOTE_EXTERN_TABLE: inst->tables[im->index].p = c->ext.u.table; break;
        case MOTE_EXTERN_MEMORY: inst->mems[im->index].p = c->ext.u.memory; break;
        case MOTE_EXTERN_TAG: inst->tags[im->index].p = c->ext.u.tag; break;
        default: inst->globals[im->index].p = c->ext.u.global; break;
        }
    }
}

static void make_tags(mote_instance *inst, mote_tag *objs)
{
    const mote_module *m = inst->module;
    const mod_tag *tags = MOD_TAGS(m);
    if (!feature_built(FG_EXCEPTIONS)) /* no tags: the loader refused them */
        return;
    for (uint32_t i = m->ntag_imports; i < m->ntags; i++) {
        mote_tag *t = &objs[i - m->ntag_imports];
        const mod_type *type = &MOD_TYPES(m)[tags[i].type];
        t->module = m;
        t->type = type;
        t->classes = type_param_classes(m, type);
        t->nparams = type->nparams;
        t->param_slots = type->param_slots;
        inst->tags[i].p = t;
    }
}

/* The object of defined function i (a funcref, or the start function). */
static void wasm_func_init(mote_func *f, mote_instance *inst, uint32_t i)
{
    const mote_module *m = inst->module;
    const mod_func *mf = &MOD_FUNCS(m)[i];
    const mod_type *types = MOD_TYPES(m);
    memset(f, 0, sizeof *f);
    f->inst = inst;
    f->code = inst->code + mf->code;
    f->type = &types[types[mf->type].canon];
    f->index = i;
    f->kind = FUNC_WASM;
}

static void make_refs(mote_instance *inst)
{
    const mote_module *m = inst->module;
    const mod_func *funcs = MOD_FUNCS(m);
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        if (funcs[i].ref == NO_INDEX)
            continue;
        if (i >= m->nfunc_imports) /* an import's slot stays zero: its own object */
            wasm_func_init(&inst->refs[funcs[i].ref], inst, i);
    }
}

/* The items of element segment e, each a function index or a constant
 * expression, into out[0..e->count). */
static void elem_items(mote_instance *inst, const mod_elem *e, mote_slot *out)
{
    const mote_module *m = inst->module;
    reader r = {m->wasm + e->items, m->wasm + m->wasm_len, m->wasm, 0};
    for (uint32_t k = 0; k < e->count; k++) {
        if (e->exprs) {
            out[k] = const_eval_read(inst, &r);
        } else {
            uint32_t f = 0;
            rd_u32(&r, &f);
            out[k].u64 = 0;
            out[k].func = instance_func(inst, f);
        }
    }
}

/* Active element segments are applied, then dropped, in order. */
static mote_status apply_elems(mote_instance *inst)
{
    const mote_module *m = inst->module;
    const mod_elem *elems = MOD_ELEMS(m);
    for (uint32_t i = 0; i < m->nelems; i++) {
        const mod_elem *e = &elems[i];
        if (e->mode == SEG_PASSIVE)
            continue;
        instance_drop(inst, m->ndatas + i);
        if (e->mode == SEG_DECLARATIVE)
            continue;
        mote_table *t = (mote_table *)inst->tables[e->table].p;
        mote_slot at = const_eval(inst, e->offset);
        uint64_t offset = t->is64 ? at.u64 : at.u32;
        if (offset > t->size || e->count > t->size - offset) {
            char msg[128];
            error_format(msg, sizeof msg,
                         MSG_STR("out of bounds table access: element segment %u "
                                 "(%u items at %lu) does not fit the table of %u"),
                         i, e->count, offset, t->size);
            return api_raise_trap(inst, MOTE_TRAP_TABLE_OUT_OF_BOUNDS, msg);
        }
        elem_items(inst, e, t->elems + offset);
    }
    return MOTE_OK;
}

static mote_status apply_datas(mote_instance *inst)
{
    const mote_module *m = inst->module;
    const mod_data *datas = MOD_DATAS(m);
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const mod_data *d = &datas[i];
        if (d->mode != SEG_ACTIVE)
            continue;
        instance_drop(inst, i);
        mote_memory *mem = (mote_memory *)inst->mems[d->memory].p;
        mote_slot at = const_eval(inst, d->offset);
        uint64_t offset = mem->is64 ? at.u64 : at.u32;
        if (offset > mem->size || d->len > mem->size - offset) {
            char msg[128];
            error_format(msg, sizeof msg,
                         MSG_STR("out of bounds memory access: data segment %u "
                                 "(%u bytes at %lu) does not fit memory %u of %lu bytes"),
                         i, d->len, offset, d->memory, (uint64_t)mem->size);
            return api_raise_trap(inst, MOTE_TRAP_MEMORY_OUT_OF_BOUNDS, msg);
        }
        memcpy(mem->base + (size_t)offset, m->wasm + d->bytes, d->len);
    }
    return MOTE_OK;
}

/* Evaluates the items of passive segments, for table.init later. */
static void fill_passive(mote_instance *inst, uint8_t **cursor)
{
    const mote_module *m = inst->module;
    const mod_elem *elems = MOD_ELEMS(m);
    for (uint32_t i = 0; i < m->nelems; i++) {
        const mod_elem *e = &elems[i];
        if (e->mode != SEG_PASSIVE)
            continue;
        mote_slot *items = take(cursor, array_bytes(e->count, sizeof(mote_slot)));
        inst->passive[e->passive_index].p = items;
        elem_items(inst, e, items);
    }
}

static void init_globals(mote_instance *inst, mote_global *objs)
{
    const mote_module *m = inst->module;
    const mod_global *globals = MOD_GLOBALS(m);
    for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) {
        mote_global *g = &objs[i - m->nglobal_imports]; /* zero: the block was */
        g->type = globals[i].type;
        g->module = m;
        g->mutable_ = globals[i].mutable_;
        inst->globals[i].p = g;
        if (MOTE_WITH_SIMD && valtype_slots(g->type) == 2) /* no v128 without SIMD */
            const_eval_v128(inst, globals[i].init, &g->value, &g->value_hi);
        else
            g->value = const_eval(inst, globals[i].init);
    }
}

static void init_tables(mote_instance *inst, const mote_instance_config *cfg, mote_table *objs,
                        uint8_t **cursor)
{
    const mote_module *m = inst->module;
    const mod_table *tables = MOD_TABLES(m);
    for (uint32_t i = m->ntable_imports; i < m->ntables; i++) {
        mote_table *t = &objs[i - m->ntable_imports];            /* zero, and its elements */
        t->capacity = (uint32_t)table_capacity(&tables[i], cfg); /* the layout checked it */
        t->elems = take(cursor, array_bytes(t->capacity, sizeof(mote_slot)));
        t->size = (uint32_t)tables[i].min;
        t->max = tables[i].has_max ? tables[i].max : UINT32_MAX;
        t->elem_type = tables[i].elem_type;
        t->module = m;
        t->is64 = tables[i].is64;
        t->arena = inst->arena;
        inst->tables[i].p = t;
        if (tables[i].init) { /* every element starts as the initialiser */
            mote_slot v = const_eval(inst, tables[i].init);
            for (uint32_t k = 0; k < t->size; k++)
                t->elems[k] = v;
        }
    }
}

/* The defined memories: records in the instance block, their bytes last
 * in the arena, in order, so that the last one grows in place (the others
 * move when they grow: instance_memory_grow). */
static mote_status init_memories(mote_instance *inst, const mote_instance_config *cfg,
                                 mote_memory *objs)
{
    const mote_module *m = inst->module;
    mote_arena *a = inst->arena;
    for (uint32_t i = m->nmem_imports; i < m->nmems; i++) {
        const mod_memory *d = &MOD_MEMS(m)[i];
        uint64_t bytes = memory_min_bytes(d);
        uint8_t *base = arena_zalloc(a, bytes);
        if (!base)
            return arena_no_room(a, "the linear memory needs", bytes);
        mote_memory *mem = &objs[i - m->nmem_imports];
        mem->base = base;
        mem->arena = a;
        mem->size = bytes;
        mem->reserved = bytes;
        mem->page_log2 = d->page_log2;
        mem->is64 = d->is64;
        mem->max_pages = d->has_max ? d->max : memory_format_max(d->page_log2, d->is64);
        mem->cap = cfg ? cfg->memory_cap : 0;
        inst->mems[i].p = mem;
    }
    inst->mem = m->nmems ? (mote_memory *)inst->mems[0].p : NULL;
    return MOTE_OK;
}

static mote_status run_start(mote_instance *inst, int64_t start_fuel)
{
    const mote_module *m = inst->module;
    if (m->start == NO_INDEX)
        return MOTE_OK;
    mote_func tmp;
    mote_func *f;
    if (m->start < m->nfunc_imports) {
        f = (mote_func *)inst->imports[m->start].p;
    } else {
        wasm_func_init(&tmp, inst, m->start);
        f = &tmp;
    }
    mote_set_fuel(inst, start_fuel > 0 ? start_fuel : MOTE_FUEL_OFF);
    mote_status st = mote_call(inst, f, NULL, 0, NULL, 0);
    mote_set_fuel(inst, MOTE_FUEL_OFF);
    if (st == MOTE_PAUSED) {
        mote_abandon(inst);
        return error_set(&inst->arena->error, MOTE_ERR_STATE,
                         "the start function ran out of fuel or was interrupted");
    }
    return st;
}

static mote_status check_memory_fits(const mote_module *m, const mote_instance_config *cfg,
                                     mote_error *err)
{
    if (!cfg || !cfg->memory_cap)
        return MOTE_OK;
    for (uint32_t i = m->nmem_imports; i < m->nmems; i++) {
        uint64_t bytes = memory_min_bytes(&MOD_MEMS(m)[i]);
        if (bytes > cfg->memory_cap) /* kept in every build: a size to act on */
            return error_setf(err, MOTE_ERR_LIMIT,
                              "memory %u needs %lu bytes (its declared minimum) but the cap is %lu "
                              "bytes",
                              i, bytes, cfg->memory_cap);
    }
    return MOTE_OK;
}

mote_status mote_instantiate(mote_arena *a, const mote_module *m, const mote_import *imports,
                             size_t nimports, const mote_instance_config *cfg, mote_instance **out)
{
    if (!a || !m || !out || (nimports && !imports))
        return a ? error_set(&a->error, MOTE_ERR_ARGUMENT, "mote_instantiate: bad argument")
                 : MOTE_ERR_ARGUMENT;
    *out = NULL;
    a->error.status = MOTE_OK;
    if (m->foreign)
        return error_set(&a->error, MOTE_ERR_STATE,
                         "this module was compiled for another build; write it as an image");
    linker k = {&a->error, m, imports, nimports};
    const mod_import *mimports = MOD_IMPORTS(m);
    for (uint32_t i = 0; i < m->nimports; i++) {
        const mote_import *c = find_import(&k, &mimports[i]);
        if (!c)
            return unlinkable(&k, &mimports[i], MSG("unknown import"));
        TRY(check_import(&k, &mimports[i], c));
    }
    TRY(check_memory_fits(m, cfg, &a->error));

    mote_status st;
    layout L;
    compute_layout(m, cfg, &L);
    arena_mark mark = arena_get_mark(a);
    uint64_t fixed = L.total - L.part[LP_MEMORY];
    uint64_t need = L.total;
    uint8_t *block = need <= arena_free(a) ? arena_alloc(a, fixed) : NULL;
    if (!block) {
        arena_rollback(a, mark);
        return arena_no_room(a, "the instance needs", need);
    }
    /* Every part but the last two, the value stack and the call frames
     * (which need not be), starts zeroed: make_refs(), init_globals() and
     * init_tables() rely on it. */
    memset(block, 0, (size_t)(fixed - L.part[LP_STACK] - L.part[LP_FRAMES]));
    uint8_t *cur = block;
    mote_instance *inst = take(&cur, L.part[LP_INSTANCE]);
    inst->module = m;
    inst->arena = a;
    inst->code = MOD_CODE(m);
    inst->globals = take(&cur, L.part[LP_GLOBALS]);
    inst->tables = take(&cur, L.part[LP_TABLES]);
    inst->imports = take(&cur, L.part[LP_IMPORTS]);
    inst->refs = take(&cur, L.part[LP_REFS]);
    inst->hosts = take(&cur, L.part[LP_HOSTS]);
    mote_func *host_objs = take(&cur, L.part[LP_HOST_OBJS]);
    inst->dropped = take(&cur, L.part[LP_DROPPED]);
    inst->passive = take(&cur, L.part[LP_PASSIVE]);
    mote_global *global_objs = take(&cur, L.part[LP_GLOBAL_OBJS]);
    mote_table *table_objs = take(&cur, L.part[LP_TABLE_OBJS]);
    inst->tags = take(&cur, L.part[LP_TAGS]);
    mote_tag *tag_objs = take(&cur, L.part[LP_TAG_OBJS]);
    inst->mems = take(&cur, L.part[LP_MEMS]);
    mote_memory *mem_objs = take(&cur, L.part[LP_MEM_OBJS]);
    inst->mark_bottom = mark.bottom;
    inst->mark_top = mark.top;

    exec *ex = &inst->ex;
    const int32_t *handlers = interp_handler_words();
    ex->stub[0] = (uint32_t)handlers[OP_enter];
    ex->stub[1] = (uint32_t)handlers[OP_exit];
    ex->fuel = MOTE_FUEL_OFF;
    ex->state = EXEC_IDLE;

    bind_imports(inst, &k, host_objs);
    make_tags(inst, tag_objs);
    make_refs(inst);
    init_globals(inst, global_objs);
    init_tables(inst, cfg, table_objs, &cur);
    fill_passive(inst, &cur);
    ex->stack = take(&cur, L.part[LP_STACK]);
    ex->stack_end = ex->stack + L.part[LP_STACK] / sizeof(mote_slot);
    ex->stack_limit = ex->stack_end;
    ex->frames = take(&cur, L.part[LP_FRAMES]);
    ex->frames_end = ex->frames + (size_t)L.part[LP_FRAMES] / sizeof(frame); /* taken: fits */
    if ((st = init_memories(inst, cfg, mem_objs)) != MOTE_OK) {
        arena_rollback(a, mark);
        return st;
    }

    st = apply_elems(inst);
    if (st == MOTE_OK)
        st = apply_datas(inst);
    if (st == MOTE_OK)
        st = run_start(inst, cfg ? cfg->start_fuel : 0);
    if (st != MOTE_OK) {
        arena_rollback(a, mark);
        return st;
    }
    *out = inst;
    return MOTE_OK;
}
