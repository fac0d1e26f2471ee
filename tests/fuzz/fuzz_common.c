/* fuzz_common.c -- see fuzz_common.h. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: broken promise: %s\n", file, line, what);
    abort();
}

bool fuzz_verbose(void)
{
    static int verbose = -1;
    if (verbose < 0)
        verbose = getenv("MOTE_FUZZ_VERBOSE") != NULL;
    return verbose;
}

mote_arena *fuzz_arena_in(uint8_t *buf, size_t cap, size_t size)
{
    if (size > cap)
        return NULL;
    return mote_arena_init(buf + (cap - size), size);
}

void fuzz_check_restored(const mote_arena *a, size_t used)
{
    FUZZ_CHECK(mote_arena_used(a) == used);
}

/* ---- bytes and values ------------------------------------------------------- */

uint8_t fuzz_u8(fuzz_bytes *b)
{
    if (b->n == 0)
        return 0;
    b->n--;
    return *b->p++;
}

uint32_t fuzz_u32(fuzz_bytes *b)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v |= (uint32_t)fuzz_u8(b) << (8 * i);
    return v;
}

uint64_t fuzz_u64(fuzz_bytes *b)
{
    uint64_t lo = fuzz_u32(b);
    return lo | (uint64_t)fuzz_u32(b) << 32;
}

/* Values at the edges of each type's operations: sign and width
 * boundaries, shift counts, and for floats zeros, infinities, NaNs of both
 * kinds and signs, subnormals and the limits of float-to-int conversion. */
static const uint32_t edge32[] = {
    0, 1, 0xFFFFFFFFu, 0x80000000u, 0x7FFFFFFFu, 31, 32, 0xFF, 0xFFFF, 0x10000,
};
static const uint64_t edge64[] = {
    0,  1,  ~0ull,         0x8000000000000000ull, 0x7FFFFFFFFFFFFFFFull,
    63, 64, 0xFFFFFFFFull, 0x100000000ull,        0x80000000ull,
};
static const uint32_t edge_f32[] = {
    0x00000000u, 0x80000000u, 0x3F800000u, 0xBF800000u, 0x7F800000u, 0xFF800000u,
    0x7FC00000u, 0xFFC00000u, 0x7FA00001u, 0x00000001u, 0x7F7FFFFFu, 0x4F000000u,
    0xCF000000u, 0x5F000000u, 0x4F800000u, 0x3F000000u,
};
static const uint64_t edge_f64[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3FF0000000000000ull, 0xBFF0000000000000ull,
    0x7FF0000000000000ull, 0xFFF0000000000000ull, 0x7FF8000000000000ull, 0xFFF8000000000000ull,
    0x7FF4000000000001ull, 0x0000000000000001ull, 0x7FEFFFFFFFFFFFFFull, 0x41E0000000000000ull,
    0xC1E0000000000000ull, 0x43E0000000000000ull, 0x41F0000000000000ull, 0x3FE0000000000000ull,
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

mote_value fuzz_value(fuzz_bytes *b, mote_valtype t, mote_func *some_func)
{
    mote_value v;
    memset(&v, 0, sizeof v);
    uint8_t pick = fuzz_u8(b);
    bool edge = pick & 1; /* half the time an edge value */
    unsigned k = pick >> 1;
    switch (t) {
    case MOTE_I32: v.u32 = edge ? edge32[k % COUNT(edge32)] : fuzz_u32(b); break;
    case MOTE_I64: v.u64 = edge ? edge64[k % COUNT(edge64)] : fuzz_u64(b); break;
    case MOTE_F32: v.u32 = edge ? edge_f32[k % COUNT(edge_f32)] : fuzz_u32(b); break;
    case MOTE_F64: v.u64 = edge ? edge_f64[k % COUNT(edge_f64)] : fuzz_u64(b); break;
    case MOTE_FUNCREF: v.func = edge ? some_func : NULL; break;
    default:
        /* externref: an opaque host value the core must never dereference */
        v.ref = edge ? NULL : (void *)(uintptr_t)fuzz_u64(b);
        break;
    }
    return v;
}

/* ---- dummy imports ---------------------------------------------------------- */

static mote_status dummy_host(mote_instance *caller, mote_value *io, void *user)
{
    struct fuzz_host *h = user;
    h->calls++;
    switch (h->mode) {
    case FUZZ_HOST_TRAP: return mote_host_trap(caller, "fuzz: host trap");
    case FUZZ_HOST_EXIT: return mote_host_exit(caller, 3);
    case FUZZ_HOST_PAUSE_ONCE:
        if (h->calls == 1)
            return MOTE_PAUSED;
        break;
    default: break;
    }
    /* Treat the first two arguments as a guest (pointer, length), as WASI
     * calls do: what mote_memory_ptr() accepts must be readable. */
    uint8_t *p = h->num_params >= 2 ? mote_memory_ptr(caller, io[0].u32, io[1].u32) : NULL;
    if (p) {
        volatile uint8_t sum = 0;
        for (uint32_t i = 0; i < io[1].u32 && i < 4096; i++)
            sum += p[i];
        (void)sum;
    }
    memset(io, 0, h->num_results * sizeof *io);
    return MOTE_OK;
}

static char type_letter(mote_valtype t)
{
    switch (t) {
    case MOTE_I32: return 'i';
    case MOTE_I64: return 'I';
    case MOTE_F32: return 'f';
    case MOTE_F64: return 'F';
    case MOTE_FUNCREF: return 'r';
    case MOTE_EXTERNREF: return 'e';
    default: return '?';
    }
}

static char *spell_signature(const mote_extern_info *info)
{
    char *s = malloc((size_t)info->num_params + info->num_results + 3);
    if (!s)
        return NULL;
    size_t n = 0;
    s[n++] = '(';
    for (uint32_t i = 0; i < info->num_params; i++)
        s[n++] = type_letter(info->params[i]);
    s[n++] = ')';
    for (uint32_t i = 0; i < info->num_results; i++)
        s[n++] = type_letter(info->results[i]);
    s[n] = 0;
    return s;
}

/* Embedder-made objects for a table, memory or global import, of the
 * import's own type; big initial sizes are refused before asking mote. */
static int make_object(mote_import *im, const mote_extern_info *info, mote_arena *objects)
{
    mote_status st = MOTE_ERR_ARGUMENT;
    im->ext.kind = info->kind;
    if (info->kind == MOTE_EXTERN_MEMORY) {
        if (info->limits.min * (info->limits.page_size ? info->limits.page_size : 65536) >
            (1u << 20))
            return -1;
        st = mote_memory_new(objects, &info->limits, &im->ext.u.memory);
    } else if (info->kind == MOTE_EXTERN_TABLE) {
        mote_limits lim = info->limits;
        if (lim.min > 4096)
            return -1;
        if (lim.has_max && lim.max > 4096)
            lim.max = 4096 > lim.min ? 4096 : lim.min; /* a smaller max still links */
        st = mote_table_new(objects, info->valtype, &lim, &im->ext.u.table);
    } else {
        mote_value zero;
        memset(&zero, 0, sizeof zero);
        st = mote_global_new(objects, info->valtype, info->mutable_, zero, &im->ext.u.global);
    }
    return st == MOTE_OK ? 0 : -1;
}

int fuzz_make_imports(fuzz_imports *fi, const mote_module *m, mote_arena *objects,
                      fuzz_host_mode mode)
{
    memset(fi, 0, sizeof *fi);
    uint32_t n = mote_module_num_imports(m);
    if (n > FUZZ_MAX_IMPORTS)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        mote_extern_info info;
        FUZZ_CHECK(mote_module_import(m, i, &info) == MOTE_OK);
        mote_import *im = &fi->imports[i];
        /* A length of 0 means "NUL-terminated" to mote_instantiate(), so an
         * empty name is passed as the empty string. */
        im->module = info.module_len ? info.module : "";
        im->module_len = info.module_len;
        im->name = info.name_len ? info.name : "";
        im->name_len = info.name_len;
        fi->count = i + 1;
        if (info.kind == MOTE_EXTERN_FUNC) {
            fi->hosts[i].num_params = info.num_params;
            fi->hosts[i].num_results = info.num_results;
            fi->hosts[i].mode = mode;
            fi->sigs[i] = spell_signature(&info);
            if (!fi->sigs[i])
                return -1;
            im->fn = dummy_host;
            im->signature = fi->sigs[i];
            im->user = &fi->hosts[i];
        } else if (make_object(im, &info, objects) != 0) {
            return -1;
        }
    }
    FUZZ_CHECK(mote_module_import(m, n, &(mote_extern_info){0}) == MOTE_ERR_NOT_FOUND);
    return (int)n;
}

void fuzz_imports_free(fuzz_imports *fi)
{
    for (uint32_t i = 0; i < fi->count; i++)
        free(fi->sigs[i]);
    fi->count = 0;
}
