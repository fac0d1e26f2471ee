/*
 * manifest.c -- the binary form of a manifest: parsing (every entry
 * bounds-checked against the bytes there are, lengths against the tag
 * table, repeats refused) and encoding.  The rules for each value are
 * manifest_rules.c's.
 *
 *   [0] 'm' [1] 'f' [2] version (1) [3] 0
 *   then entries: tag u8, length u8, value[length]
 */
#include <string.h>

#include "manifest_rules.h"

#define HEADER 4

typedef struct tag_row {
    uint8_t tag;
    const char *name;
    uint8_t min, max;
    bool repeat;
} tag_row;

static const tag_row rows[] = {
#define MF_ROW(tag, name, min, max, repeat) {tag, #name, min, max, repeat},
    MOTE_MANIFEST_TAGS(MF_ROW)
#undef MF_ROW
};

#define ROWS (sizeof rows / sizeof rows[0])

static const tag_row *row_of(uint8_t tag)
{
    for (size_t i = 0; i < ROWS; i++)
        if (rows[i].tag == tag)
            return &rows[i];
    return NULL;
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Applies one entry whose length the table has checked. */
static bool apply(mote_manifest *m, uint8_t tag, const uint8_t *v, uint8_t n, at_text *why)
{
    switch (tag) {
    case MOTE_MANIFEST_TAG_name: return mf_name(m, (const char *)v, n, why);
    case MOTE_MANIFEST_TAG_pin: return mf_pin(m, v[0], v[1], why);
    case MOTE_MANIFEST_TAG_uart: return mf_uart(m, v[0], why);
    case MOTE_MANIFEST_TAG_timers: return mf_timers(m, v[0], why);
    case MOTE_MANIFEST_TAG_ram: return mf_ram(m, get32(v), why);
    case MOTE_MANIFEST_TAG_memory: return mf_memory(m, get32(v), why);
    case MOTE_MANIFEST_TAG_stack: return mf_stack(m, get32(v), get32(v + 4), why);
    case MOTE_MANIFEST_TAG_cpu: return mf_cpu(m, v[0], v[1], get32(v + 2), why);
    case MOTE_MANIFEST_TAG_files:
        return mf_files(m, get32(v), get16(v + 4), (const char *)v + 6, (size_t)n - 6, why);
    case MOTE_MANIFEST_TAG_send: return mf_send(m, (const char *)v, n, why);
    case MOTE_MANIFEST_TAG_mailbox: return mf_mailbox(m, get16(v), get16(v + 2), why);
    default: return false;      /* not in the table: refused before */
    }
}

static bool fail_at(mote_manifest_error *err, size_t at, const char *what)
{
    return mf_fail(err, "byte", at, what);
}

/* One entry at bytes[at]: *next gets the offset after it. */
static bool entry(mote_manifest *m, const uint8_t *bytes, size_t len, size_t at,
                  uint32_t *seen, size_t *next, mote_manifest_error *err)
{
    char reason[96];
    at_text why = at_begin(reason, sizeof reason);
    if (len - at < 2)
        return fail_at(err, at, "entry header cut off by the end");
    uint8_t tag = bytes[at], n = bytes[at + 1];
    if (len - at - 2 < n)
        return fail_at(err, at, "entry runs past the end");
    const tag_row *row = row_of(tag);
    if (row == NULL) {
        at_str(&why, "unknown tag ");
        at_u64(&why, tag);
        return fail_at(err, at, reason);
    }
    at_str(&why, "tag ");
    at_u64(&why, tag);
    at_str(&why, " (");
    at_str(&why, row->name);
    at_str(&why, "): ");
    if (n < row->min || n > row->max) {
        at_u64(&why, n);
        at_str(&why, " bytes, expected ");
        at_u64(&why, row->min);
        if (row->max != row->min) {
            at_str(&why, "..");
            at_u64(&why, row->max);
        }
        return fail_at(err, at, reason);
    }
    if (!row->repeat && (*seen >> tag & 1u)) {
        at_str(&why, "given twice");
        return fail_at(err, at, reason);
    }
    *seen |= 1u << tag;
    why = at_begin(reason, sizeof reason);      /* the rule's message alone */
    if (!apply(m, tag, bytes + at + 2, n, &why))
        return fail_at(err, at, reason);
    *next = at + 2 + n;
    return true;
}

bool mote_manifest_parse(const uint8_t *bytes, size_t len, mote_manifest *out,
                         mote_manifest_error *err)
{
    mf_init(out);
    if (len < HEADER || bytes[0] != 'm' || bytes[1] != 'f')
        return fail_at(err, 0, "not a manifest (no \"mf\" magic)");
    if (bytes[2] != MOTE_MANIFEST_VERSION || bytes[3] != 0)
        return fail_at(err, 2, "version not 1.0: this firmware reads manifests of version 1");
    if (len > MOTE_MANIFEST_MAX_SIZE)
        return fail_at(err, MOTE_MANIFEST_MAX_SIZE, "longer than 1024 bytes");
    uint32_t seen = 0;
    for (size_t at = HEADER; at < len;)
        if (!entry(out, bytes, len, at, &seen, &at, err))
            return false;
    return mf_finish(out, err);
}

/* ---- encoding ---------------------------------------------------------- */

typedef struct writer {
    uint8_t *out;
    size_t cap, len;
    bool full;
} writer;

static void put(writer *w, uint8_t tag, const void *value, size_t n)
{
    if (w->full || w->cap - w->len < 2 + n) {
        w->full = true;
        return;
    }
    w->out[w->len] = tag;
    w->out[w->len + 1] = (uint8_t)n;
    memcpy(w->out + w->len + 2, value, n);
    w->len += 2 + n;
}

static void le16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void le32(uint8_t *p, uint32_t v)
{
    le16(p, v);
    le16(p + 2, v >> 16);
}

static void put32(writer *w, uint8_t tag, uint32_t v)
{
    uint8_t b[4];
    le32(b, v);
    put(w, tag, b, 4);
}

size_t mote_manifest_encode(const mote_manifest *m, uint8_t *out, size_t cap)
{
    writer w = {out, cap, 0, cap < HEADER};
    if (w.full)
        return 0;
    memcpy(out, "mf\1\0", HEADER);
    w.len = HEADER;
    put(&w, MOTE_MANIFEST_TAG_name, m->name, strlen(m->name));
    for (uint32_t pin = 0; pin < 64; pin++)
        if (m->pins >> pin & 1u) {
            uint8_t v[2] = {(uint8_t)pin, (m->pins_out >> pin & 1u) ? MOTE_MANIFEST_PIN_OUT
                                                                    : MOTE_MANIFEST_PIN_IN};
            put(&w, MOTE_MANIFEST_TAG_pin, v, 2);
        }
    for (uint32_t uart = 0; uart <= MF_MAX_UART; uart++)
        if (m->uarts >> uart & 1u) {
            uint8_t v = (uint8_t)uart;
            put(&w, MOTE_MANIFEST_TAG_uart, &v, 1);
        }
    if (m->timers > 0) {
        uint8_t v = (uint8_t)m->timers;
        put(&w, MOTE_MANIFEST_TAG_timers, &v, 1);
    }
    put32(&w, MOTE_MANIFEST_TAG_ram, m->ram);
    if (m->memory_cap > 0)
        put32(&w, MOTE_MANIFEST_TAG_memory, m->memory_cap);
    if (m->value_stack > 0 || m->call_stack > 0) {
        uint8_t v[8];
        le32(v, m->value_stack);
        le32(v + 4, m->call_stack);
        put(&w, MOTE_MANIFEST_TAG_stack, v, 8);
    }
    if (m->has_cpu) {
        uint8_t v[6] = {(uint8_t)m->cpu_share, (uint8_t)m->priority};
        le32(v + 2, m->watchdog_ms);
        put(&w, MOTE_MANIFEST_TAG_cpu, v, 6);
    }
    if (m->has_files) {
        uint8_t v[6 + MOTE_MANIFEST_DIR_MAX];
        size_t n = strlen(m->files_dir);
        le32(v, m->files_bytes);
        le16(v + 4, m->files_max);
        memcpy(v + 6, m->files_dir, n);
        put(&w, MOTE_MANIFEST_TAG_files, v, 6 + n);
    }
    for (uint32_t i = 0; i < m->send_count; i++)
        put(&w, MOTE_MANIFEST_TAG_send, m->send[i], strlen(m->send[i]));
    if (m->mailbox_slots > 0) {
        uint8_t v[4];
        le16(v, m->mailbox_slots);
        le16(v + 2, m->mailbox_msg_max);
        put(&w, MOTE_MANIFEST_TAG_mailbox, v, 4);
    }
    return w.full ? 0 : w.len;
}
