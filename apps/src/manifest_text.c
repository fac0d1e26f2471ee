/*
 * manifest_text.c -- the text form of a manifest (mote/manifest.h): one
 * grant per line, "keyword value...", '#' starts a comment.  Numbers are
 * decimal; sizes take K or M (x1024) and an optional B ("24K", "1M",
 * "512"); times ms or s ("500ms", "2s"); the share a '%'.  Every value goes
 * through the same rules as the binary form's (manifest_rules.c).
 */
#include <string.h>

#include "manifest_rules.h"

#define MAX_WORDS 8

typedef struct word {
    const char *s;
    size_t len;
} word;

typedef struct line {
    word w[MAX_WORDS];
    size_t n;
    bool too_many;
} line;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static void split(const char *s, size_t len, line *l)
{
    l->n = 0;
    l->too_many = false;
    size_t i = 0;
    while (i < len && s[i] != '#') {
        while (i < len && is_space(s[i]))
            i++;
        if (i == len || s[i] == '#')
            break;
        size_t start = i;
        while (i < len && !is_space(s[i]) && s[i] != '#')
            i++;
        if (l->n == MAX_WORDS) {
            l->too_many = true;
            return;
        }
        l->w[l->n++] = (word){s + start, i - start};
    }
}

static bool is(const word *w, const char *text)
{
    return strlen(text) == w->len && memcmp(w->s, text, w->len) == 0;
}

/* A decimal number, then a suffix out of `units` (each with its factor);
 * the number times the factor must fit 32 bits. */
typedef struct unit {
    const char *suffix;
    uint32_t factor;
} unit;

static bool number(const word *w, const unit *units, uint32_t *out)
{
    uint64_t v = 0;
    size_t i = 0;
    while (i < w->len && w->s[i] >= '0' && w->s[i] <= '9') {
        v = v * 10 + (uint64_t)(w->s[i] - '0');
        if (v > UINT32_MAX)
            return false;
        i++;
    }
    if (i == 0)
        return false;
    word rest = {w->s + i, w->len - i};
    for (; units->suffix != NULL; units++)
        if (is(&rest, units->suffix)) {
            v *= units->factor;
            if (v > UINT32_MAX)
                return false;
            *out = (uint32_t)v;
            return true;
        }
    return false;
}

static const unit plain[] = {{"", 1}, {NULL, 0}};
static const unit sizes[] = {{"", 1},         {"B", 1},           {"K", 1024}, {"KB", 1024},
                             {"KiB", 1024},   {"M", 1024 * 1024}, {"MB", 1024 * 1024},
                             {"MiB", 1024 * 1024}, {NULL, 0}};
static const unit times[] = {{"ms", 1}, {"s", 1000}, {NULL, 0}};
static const unit percent[] = {{"%", 1}, {NULL, 0}};

typedef struct parse {
    mote_manifest *m;
    const line *l;
    at_text *why;
} parse;

/* "'<word>': <what>" */
static bool bad(parse *p, size_t i, const char *what)
{
    at_str(p->why, "'");
    at_mem(p->why, p->l->w[i].s, p->l->w[i].len > 32 ? 32 : p->l->w[i].len);
    at_str(p->why, "': ");
    at_str(p->why, what);
    return false;
}

static bool want(parse *p, size_t min, size_t max, const char *usage)
{
    if (p->l->n - 1 >= min && p->l->n - 1 <= max)
        return true;
    at_str(p->why, "usage: ");
    at_str(p->why, usage);
    return false;
}

static bool get(parse *p, size_t i, const unit *units, const char *what, uint32_t *out)
{
    return number(&p->l->w[i], units, out) || bad(p, i, what);
}

#define SIZE_WORD "a size in bytes (24576, 24K, 1M)"

static bool kw_name(parse *p)
{
    return want(p, 1, 1, "name NAME") && mf_name(p->m, p->l->w[1].s, p->l->w[1].len, p->why);
}

static bool kw_pin(parse *p)
{
    uint32_t pin, dir;
    if (!want(p, 2, 2, "pin N in|out") || !get(p, 1, plain, "a pin number", &pin))
        return false;
    if (is(&p->l->w[2], "in"))
        dir = MOTE_MANIFEST_PIN_IN;
    else if (is(&p->l->w[2], "out"))
        dir = MOTE_MANIFEST_PIN_OUT;
    else
        return bad(p, 2, "the direction is in or out");
    return mf_pin(p->m, pin, dir, p->why);
}

static bool kw_uart(parse *p)
{
    uint32_t uart = 0;
    if (!want(p, 1, 1, "uart console|N"))
        return false;
    if (!is(&p->l->w[1], "console") && !get(p, 1, plain, "console, or a UART number", &uart))
        return false;
    return mf_uart(p->m, uart, p->why);
}

static bool kw_timers(parse *p)
{
    uint32_t n;
    return want(p, 1, 1, "timers N") && get(p, 1, plain, "a count", &n) &&
           mf_timers(p->m, n, p->why);
}

static bool kw_ram(parse *p)
{
    uint32_t n;
    return want(p, 1, 1, "ram SIZE") && get(p, 1, sizes, SIZE_WORD, &n) &&
           mf_ram(p->m, n, p->why);
}

static bool kw_memory(parse *p)
{
    uint32_t n;
    return want(p, 1, 1, "memory SIZE") && get(p, 1, sizes, SIZE_WORD, &n) &&
           mf_memory(p->m, n, p->why);
}

static bool kw_stack(parse *p)
{
    uint32_t value, call;
    return want(p, 2, 2, "stack VALUE_SIZE CALL_SIZE") && get(p, 1, sizes, SIZE_WORD, &value) &&
           get(p, 2, sizes, SIZE_WORD, &call) && mf_stack(p->m, value, call, p->why);
}

/* cpu SHARE% [priority N] [watchdog TIME|off] */
static bool kw_cpu(parse *p)
{
    uint32_t share, priority = 0, watchdog = 0;
    const char *usage = "cpu SHARE% [priority 0..7] [watchdog TIME|off]";
    if (p->l->n < 2 || p->l->n % 2 != 0)
        return want(p, 1, 0, usage);        /* (always false: says how) */
    if (!get(p, 1, percent, "a share such as 25%", &share))
        return false;
    for (size_t i = 2; i + 1 < p->l->n; i += 2) {
        const word *key = &p->l->w[i];
        if (is(key, "priority")) {
            if (!get(p, i + 1, plain, "a priority 0..7", &priority))
                return false;
        } else if (is(key, "watchdog")) {
            if (!is(&p->l->w[i + 1], "off") &&
                !get(p, i + 1, times, "a time such as 500ms or 2s, or off", &watchdog))
                return false;
        } else {
            return bad(p, i, "priority or watchdog");
        }
    }
    return mf_cpu(p->m, share, priority, watchdog, p->why);
}

static bool kw_files(parse *p)
{
    uint32_t bytes, files;
    return want(p, 3, 3, "files DIR SIZE COUNT") && get(p, 2, sizes, SIZE_WORD, &bytes) &&
           get(p, 3, plain, "a number of files", &files) &&
           mf_files(p->m, bytes, files, p->l->w[1].s, p->l->w[1].len, p->why);
}

static bool kw_send(parse *p)
{
    return want(p, 1, 1, "send APP") && mf_send(p->m, p->l->w[1].s, p->l->w[1].len, p->why);
}

static bool kw_mailbox(parse *p)
{
    uint32_t slots, bytes;
    return want(p, 2, 2, "mailbox MESSAGES SIZE") && get(p, 1, plain, "a count", &slots) &&
           get(p, 2, sizes, SIZE_WORD, &bytes) && mf_mailbox(p->m, slots, bytes, p->why);
}

typedef struct keyword {
    const char *name;
    bool (*fn)(parse *p);
    bool repeat;
} keyword;

static const keyword keywords[] = {
    {"name", kw_name, false},     {"pin", kw_pin, true},        {"uart", kw_uart, true},
    {"timers", kw_timers, false}, {"ram", kw_ram, false},       {"memory", kw_memory, false},
    {"stack", kw_stack, false},   {"cpu", kw_cpu, false},       {"files", kw_files, false},
    {"send", kw_send, true},      {"mailbox", kw_mailbox, false},
};

#define KEYWORDS (sizeof keywords / sizeof keywords[0])

static bool fail_line(mote_manifest_error *err, size_t line_no, const char *what)
{
    return mf_fail(err, "line", line_no, what);
}

static bool one_line(mote_manifest *m, const line *l, uint32_t *seen, at_text *why)
{
    for (size_t k = 0; k < KEYWORDS; k++) {
        if (!is(&l->w[0], keywords[k].name))
            continue;
        if (!keywords[k].repeat && (*seen >> k & 1u)) {
            at_str(why, keywords[k].name);
            at_str(why, " given twice");
            return false;
        }
        *seen |= 1u << k;
        parse p = {m, l, why};
        return keywords[k].fn(&p);
    }
    parse p = {m, l, why};
    return bad(&p, 0, "unknown; name, ram, memory, stack, pin, uart, timers, cpu, files, "
                      "send or mailbox");
}

bool mote_manifest_parse_text(const char *text, size_t len, mote_manifest *out,
                              mote_manifest_error *err)
{
    mf_init(out);
    uint32_t seen = 0;
    size_t line_no = 0;
    char reason[112];
    for (size_t at = 0; at < len;) {
        size_t end = at;
        while (end < len && text[end] != '\n')
            end++;
        line_no++;
        line l;
        split(text + at, end - at, &l);
        at_text why = at_begin(reason, sizeof reason);
        if (memchr(text + at, 0, end - at) != NULL)
            return fail_line(err, line_no, "a NUL byte");
        if (l.too_many)
            return fail_line(err, line_no, "too many words");
        if (l.n > 0 && !one_line(out, &l, &seen, &why))
            return fail_line(err, line_no, reason);
        at = end + 1;
    }
    return mf_finish(out, err);
}
