/* Sections read from the binary; see sections.h. */
#include "sections.h"

#include <string.h>

#define SECTION_CUSTOM 0
#define SECTION_TABLE 4
#define SECTION_MEMORY 5
#define SECTION_CODE 10

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
    reader r = {wasm + 8, wasm + len, len >= 8}; /* after magic and version */
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

/* Calls visit(id, payload, size, user) for each section until it returns true;
 * returns the payload it stopped at, or NULL. */
static const uint8_t *find_section(const uint8_t *wasm, size_t len,
                                   bool (*visit)(uint8_t, const uint8_t *, size_t, void *),
                                   void *user, size_t *size)
{
    reader r = {wasm + 8, wasm + len, len >= 8};
    while (r.ok && r.p < r.end) {
        uint8_t id = byte(&r);
        uint64_t n = leb(&r);
        if (!r.ok || n > (uint64_t)(r.end - r.p))
            return NULL;
        if (visit(id, r.p, (size_t)n, user)) {
            *size = (size_t)n;
            return r.p;
        }
        r.p += n;
    }
    return NULL;
}

static bool is_custom(uint8_t id, const uint8_t *payload, size_t size, void *name)
{
    if (id != SECTION_CUSTOM)
        return false;
    reader r = {payload, payload + size, true};
    uint64_t n = leb(&r);
    size_t want = strlen(name);
    return r.ok && n == want && want <= (size_t)(r.end - r.p) && memcmp(r.p, name, want) == 0;
}

const uint8_t *custom_section(const uint8_t *wasm, size_t len, const char *name, size_t *size)
{
    size_t n;
    const uint8_t *payload = find_section(wasm, len, is_custom, (void *)name, &n);
    if (payload == NULL)
        return NULL;
    reader r = {payload, payload + n, true};
    uint64_t name_len = leb(&r); /* checked by is_custom */
    r.p += name_len;
    *size = (size_t)(r.end - r.p);
    return r.p;
}

static bool is_code(uint8_t id, const uint8_t *payload, size_t size, void *user)
{
    (void)payload;
    (void)size;
    (void)user;
    return id == SECTION_CODE;
}

size_t code_section_start(const uint8_t *wasm, size_t len)
{
    size_t n;
    const uint8_t *payload = find_section(wasm, len, is_code, NULL, &n);
    return payload != NULL ? (size_t)(payload - wasm) : 0;
}
