/* The module's own tables and memories, from the binary; see sections.h. */
#include "sections.h"

#define SECTION_TABLE 4
#define SECTION_MEMORY 5

typedef struct reader {
    const uint8_t *p, *end;
    bool ok;
} reader;

static uint64_t leb(reader *r)
{
    uint64_t v = 0;
    for (unsigned shift = 0; r->ok; shift += 7) {
        if (r->p >= r->end || shift > 63) {
            r->ok = false;
            break;
        }
        uint8_t b = *r->p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            break;
    }
    return v;
}

static uint8_t byte(reader *r)
{
    if (r->p >= r->end)
        r->ok = false;
    return r->ok ? *r->p++ : 0;
}

/* limits: flags (1: max, 8: page size exponent), min, [max], [exponent] */
static void read_limits(reader *r, mote_limits *l)
{
    uint8_t flags = byte(r);
    l->min = leb(r);
    l->has_max = flags & 1;
    l->max = l->has_max ? leb(r) : 0;
    l->page_size = 65536;
    if (flags & 8)
        l->page_size = 1u << (leb(r) & 31);
}

static size_t read_section(reader *r, uint8_t id, defined_item *items, size_t n, size_t max)
{
    uint64_t count = leb(r);
    for (uint64_t i = 0; i < count && r->ok; i++) {
        defined_item item = {.kind = id == SECTION_TABLE ? MOTE_EXTERN_TABLE : MOTE_EXTERN_MEMORY};
        if (id == SECTION_TABLE)
            item.elem_type = byte(r);
        read_limits(r, &item.limits);
        if (r->ok && n < max)
            items[n] = item;
        n += r->ok;
    }
    return n;
}

size_t defined_tables_memories(const uint8_t *wasm, size_t len, defined_item *items, size_t max)
{
    reader r = {wasm + 8, wasm + len, len >= 8};        /* after magic and version */
    size_t n = 0;
    for (uint8_t want = SECTION_TABLE; want <= SECTION_MEMORY; want++) {
        r.p = wasm + 8;
        r.ok = len >= 8;
        while (r.ok && r.p < r.end) {
            uint8_t id = byte(&r);
            uint64_t size = leb(&r);
            if (!r.ok || size > (uint64_t)(r.end - r.p))
                break;
            reader section = {r.p, r.p + size, true};
            if (id == want)
                n = read_section(&section, id, items, n, max);
            r.p += size;
        }
    }
    return n;
}
