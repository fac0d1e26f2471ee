/* peek.c -- facts from a module's binary; see peek.h. */
#include "peek.h"

typedef struct reader {
    const uint8_t *p, *end;
    bool bad;
} reader;

static uint64_t leb(reader *r)
{
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end)
            break;
        uint8_t b = *r->p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            return v;
    }
    r->bad = true;
    return 0;
}

static uint8_t byte(reader *r)
{
    if (r->p >= r->end) {
        r->bad = true;
        return 0;
    }
    return *r->p++;
}

/* Skips n bytes. */
static void skip(reader *r, uint64_t n)
{
    if (n > (uint64_t)(r->end - r->p))
        r->bad = true;
    else
        r->p += n;
}

/* Limits: flags, min, [max], [page size exponent: custom-page-sizes]. */
typedef struct limits {
    uint64_t min, max, page_log2;
    bool has_max;
} limits;

static limits read_limits(reader *r)
{
    limits l;
    uint8_t flags = byte(r);
    l.min = leb(r);
    l.has_max = flags & 0x01;
    l.max = l.has_max ? leb(r) : 0;
    l.page_log2 = flags & 0x08 ? leb(r) : 16;
    return l;
}

typedef enum found { FOUND, ABSENT, UNREADABLE } found;

/* Finds section `id`. */
static found find_section(const uint8_t *wasm, size_t len, uint8_t id, reader *out)
{
    reader r = {wasm, wasm + len, false};
    skip(&r, 8); /* magic and version */
    while (!r.bad && r.p < r.end) {
        uint8_t at = byte(&r);
        uint64_t size = leb(&r);
        if (r.bad || size > (uint64_t)(r.end - r.p))
            return UNREADABLE;
        if (at == id) {
            *out = (reader){r.p, r.p + size, false};
            return FOUND;
        }
        r.p += size;
    }
    return r.bad ? UNREADABLE : ABSENT;
}

/* a + b, or SIZE_MAX when that does not fit */
static size_t add_sat(size_t a, uint64_t b)
{
    return b > (uint64_t)(SIZE_MAX - a) ? SIZE_MAX : a + (size_t)b;
}

/*
 * Pages of room one memory needs to grow from min to max.  The arena's
 * last block grows in place: max - min.  Any other block moves to a new
 * one each time it grows, and its old place stays taken: the sizes it can
 * pass through, min + 1 .. max, one page per grow at worst.
 */
static uint64_t growth_pages(const limits *l, bool in_place)
{
    uint64_t n = l->max - l->min;
    if (in_place)
        return n;
    if (n > 0xFFFFFFFFu || l->max > 0xFFFFFFFFu)
        return UINT64_MAX;
    return n * (l->min + 1 + l->max) / 2; /* < 2^64: both factors < 2^33 */
}

size_t spec_peek_memory_growth(const uint8_t *wasm, size_t len)
{
    reader r;
    found f = find_section(wasm, len, 5, &r);
    if (f != FOUND)
        return f == ABSENT ? 0 : SIZE_MAX;
    uint64_t count = leb(&r);
    size_t room = 0;
    for (uint64_t i = 0; i < count; i++) {
        limits l = read_limits(&r);
        if (r.bad || !l.has_max || l.max < l.min || l.page_log2 > 16)
            return SIZE_MAX;
        /* Memories are laid out in order, the last one last (instance.c). */
        uint64_t pages = growth_pages(&l, i + 1 == count);
        if (pages > (SIZE_MAX >> l.page_log2))
            return SIZE_MAX;
        room = add_sat(room, pages << l.page_log2);
    }
    return room;
}

bool spec_peek_makes_func_refs(const uint8_t *wasm, size_t len)
{
    reader r;
    return find_section(wasm, len, 9, &r) != ABSENT;
}

bool spec_peek_import_modules(const uint8_t *wasm, size_t len,
                              void (*fn)(void *ctx, const char *name, size_t len), void *ctx)
{
    reader r;
    found f = find_section(wasm, len, 2, &r);
    if (f != FOUND)
        return f == ABSENT;
    uint64_t count = leb(&r);
    for (uint64_t i = 0; i < count && !r.bad; i++) {
        uint64_t module_len = leb(&r);
        const uint8_t *module = r.p;
        skip(&r, module_len);
        skip(&r, leb(&r)); /* the field name */
        if (r.bad)
            break;
        fn(ctx, (const char *)module, (size_t)module_len);
        switch (byte(&r)) {
        case 0x00: leb(&r); break; /* func: type index */
        case 0x01:
            byte(&r);
            read_limits(&r);
            break;                         /* table: type, limits */
        case 0x02: read_limits(&r); break; /* memory */
        case 0x03:
            byte(&r);
            byte(&r);
            break; /* global: type, mutability */
        default: r.bad = true; break;
        }
    }
    return !r.bad;
}
