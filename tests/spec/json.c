/*
 * json.c -- the streaming JSON reader declared in json.h.
 *
 * Recursive descent with a depth limit, so a hostile or broken file ends in
 * an error message instead of a blown C stack (boards have small stacks).
 */
#include "json.h"

#include <stdio.h>
#include <string.h>

#define JSON_MAX_DEPTH 32

/* ---- pool ---------------------------------------------------------------- */

/* Alignment good for pointers and size_t on every target we build for. */
#define POOL_ALIGN (sizeof(void *) > sizeof(size_t) ? sizeof(void *) : sizeof(size_t))

void json_pool_init(json_pool *pool, void *buf, size_t size)
{
    pool->buf = buf;
    pool->size = size;
    pool->used = 0;
}

void json_pool_reset(json_pool *pool)
{
    pool->used = 0;
}

static size_t pool_aligned_used(const json_pool *pool)
{
    /* Align the address, not the offset: the buffer itself may be unaligned. */
    size_t addr = (size_t)(pool->buf + pool->used);
    size_t pad = (POOL_ALIGN - addr % POOL_ALIGN) % POOL_ALIGN;
    return pool->used + pad;
}

void *json_pool_alloc(json_pool *pool, size_t size)
{
    size_t start = pool_aligned_used(pool);
    if (start > pool->size || size > pool->size - start)
        return NULL;
    pool->used = start + size;
    return pool->buf + start;
}

/* ---- reader -------------------------------------------------------------- */

void json_reader_init(json_reader *r, json_fill_fn fill, void *ctx, char *buf, size_t cap)
{
    memset(r, 0, sizeof *r);
    r->fill = fill;
    r->ctx = ctx;
    r->buf = buf;
    r->cap = cap;
    r->line = 1;
}

void json_reader_init_text(json_reader *r, const char *text, size_t len)
{
    /* The buffer is only read when fill is NULL, so dropping const is safe. */
    json_reader_init(r, NULL, NULL, (char *)text, len);
    r->len = len;
}

static bool fail(json_reader *r, const char *what)
{
    if (!r->failed) {
        r->failed = true;
        snprintf(r->error, sizeof r->error, "JSON line %lu: %s", r->line, what);
    }
    return false;
}

/* The next byte (0..255) without consuming it, or -1 at the end. */
static int peek(json_reader *r)
{
    if (r->pos == r->len) {
        if (r->fill == NULL || r->failed)
            return -1;
        r->len = r->fill(r->ctx, r->buf, r->cap);
        r->pos = 0;
        if (r->len == 0)
            return -1;
    }
    return (unsigned char)r->buf[r->pos];
}

static int next(json_reader *r)
{
    int c = peek(r);
    if (c >= 0) {
        r->pos++;
        if (c == '\n')
            r->line++;
    }
    return c;
}

static void skip_space(json_reader *r)
{
    for (;;) {
        int c = peek(r);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        next(r);
    }
}

static bool expect(json_reader *r, char want)
{
    skip_space(r);
    if (next(r) != (unsigned char)want) {
        char what[24];
        snprintf(what, sizeof what, "expected '%c'", want);
        return fail(r, what);
    }
    return true;
}

/* ---- string decoding ----------------------------------------------------- */

/* Appends bytes to the string under construction at the pool's end. */
typedef struct strbuf {
    json_pool *pool; /* NULL when skipping: bytes are dropped */
    size_t start, len;
} strbuf;

static bool put(json_reader *r, strbuf *s, unsigned char byte)
{
    if (s->pool == NULL)
        return true;
    if (s->start + s->len + 1 >= s->pool->size) /* keep room for the NUL */
        return fail(r, "JSON pool too small for this command");
    s->pool->buf[s->start + s->len++] = byte;
    return true;
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool read_hex4(json_reader *r, unsigned long *out)
{
    unsigned long v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex_digit(next(r));
        if (d < 0)
            return fail(r, "bad \\u escape");
        v = v * 16 + (unsigned long)d;
    }
    *out = v;
    return true;
}

/* UTF-8 encoding; lone surrogates are kept as their 3-byte form (WTF-8). */
static bool put_utf8(json_reader *r, strbuf *s, unsigned long cp)
{
    if (cp < 0x80)
        return put(r, s, (unsigned char)cp);
    if (cp < 0x800)
        return put(r, s, (unsigned char)(0xC0 | (cp >> 6))) &&
               put(r, s, (unsigned char)(0x80 | (cp & 0x3F)));
    if (cp < 0x10000)
        return put(r, s, (unsigned char)(0xE0 | (cp >> 12))) &&
               put(r, s, (unsigned char)(0x80 | ((cp >> 6) & 0x3F))) &&
               put(r, s, (unsigned char)(0x80 | (cp & 0x3F)));
    return put(r, s, (unsigned char)(0xF0 | (cp >> 18))) &&
           put(r, s, (unsigned char)(0x80 | ((cp >> 12) & 0x3F))) &&
           put(r, s, (unsigned char)(0x80 | ((cp >> 6) & 0x3F))) &&
           put(r, s, (unsigned char)(0x80 | (cp & 0x3F)));
}

static bool escape_char(json_reader *r, strbuf *s, int c);

static bool unicode_escape(json_reader *r, strbuf *s)
{
    unsigned long cp;
    if (!read_hex4(r, &cp))
        return false;
    /* A high surrogate followed by "\uDC00".."\uDFFF" is one code point. */
    if (cp >= 0xD800 && cp <= 0xDBFF && peek(r) == '\\') {
        next(r);
        int c = next(r);
        if (c != 'u') /* a lone high surrogate, then another escape */
            return put_utf8(r, s, cp) && escape_char(r, s, c);
        unsigned long lo;
        if (!read_hex4(r, &lo))
            return false;
        if (lo >= 0xDC00 && lo <= 0xDFFF)
            return put_utf8(r, s, 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00));
        return put_utf8(r, s, cp) && put_utf8(r, s, lo);
    }
    return put_utf8(r, s, cp);
}

/* After a backslash. */
static bool escape(json_reader *r, strbuf *s)
{
    return escape_char(r, s, next(r));
}

static bool escape_char(json_reader *r, strbuf *s, int c)
{
    switch (c) {
    case '"': return put(r, s, '"');
    case '\\': return put(r, s, '\\');
    case '/': return put(r, s, '/');
    case 'b': return put(r, s, '\b');
    case 'f': return put(r, s, '\f');
    case 'n': return put(r, s, '\n');
    case 'r': return put(r, s, '\r');
    case 't': return put(r, s, '\t');
    case 'u': return unicode_escape(r, s);
    default: return fail(r, "bad escape in string");
    }
}

/* Reads a string (opening quote next) into s; with s->pool NULL, skips it. */
static bool read_string(json_reader *r, strbuf *s)
{
    if (!expect(r, '"'))
        return false;
    for (;;) {
        int c = next(r);
        if (c < 0)
            return fail(r, "end of input inside a string");
        if (c == '"')
            break;
        if (c < 0x20)
            return fail(r, "control character in string");
        if (!(c == '\\' ? escape(r, s) : put(r, s, (unsigned char)c)))
            return false;
    }
    return true;
}

/* Reads a string into the pool; *str points at its NUL-terminated bytes. */
static bool pool_string(json_reader *r, json_pool *pool, const char **str, size_t *len)
{
    strbuf s = {pool, pool_aligned_used(pool), 0};
    if (s.start >= pool->size)
        return fail(r, "JSON pool too small for this command");
    if (!read_string(r, &s))
        return false;
    pool->buf[s.start + s.len] = '\0';
    pool->used = s.start + s.len + 1;
    *str = (const char *)pool->buf + s.start;
    *len = s.len;
    return true;
}

/* ---- numbers and literals ------------------------------------------------ */

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Consumes digits; returns how many. */
static size_t digits(json_reader *r, strbuf *s, bool *ok)
{
    size_t n = 0;
    while (*ok && is_digit(peek(r))) {
        *ok = put(r, s, (unsigned char)next(r));
        n++;
    }
    return n;
}

/* JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool read_number(json_reader *r, strbuf *s)
{
    bool ok = true;
    if (peek(r) == '-')
        ok = put(r, s, (unsigned char)next(r));
    int first = peek(r);
    size_t n = digits(r, s, &ok);
    if (ok && (n == 0 || (first == '0' && n > 1)))
        return fail(r, "bad number");
    if (ok && peek(r) == '.') {
        ok = put(r, s, (unsigned char)next(r));
        if (ok && digits(r, s, &ok) == 0)
            return fail(r, "bad number");
    }
    if (ok && (peek(r) == 'e' || peek(r) == 'E')) {
        ok = put(r, s, (unsigned char)next(r));
        if (ok && (peek(r) == '+' || peek(r) == '-'))
            ok = put(r, s, (unsigned char)next(r));
        if (ok && digits(r, s, &ok) == 0)
            return fail(r, "bad number");
    }
    return ok;
}

static bool pool_number(json_reader *r, json_pool *pool, json_node *node)
{
    strbuf s = {pool, pool_aligned_used(pool), 0};
    if (s.start >= pool->size)
        return fail(r, "JSON pool too small for this command");
    if (!read_number(r, &s))
        return false;
    pool->buf[s.start + s.len] = '\0';
    pool->used = s.start + s.len + 1;
    node->str = (const char *)pool->buf + s.start;
    node->len = s.len;
    return true;
}

static bool literal(json_reader *r, const char *word)
{
    for (const char *p = word; *p; p++)
        if (next(r) != (unsigned char)*p)
            return fail(r, "unexpected character");
    return true;
}

/* ---- values -------------------------------------------------------------- */

static bool parse_value(json_reader *r, json_pool *pool, json_node **out, int depth);

static json_node *new_node(json_reader *r, json_pool *pool, json_type type)
{
    json_node *n = json_pool_alloc(pool, sizeof *n);
    if (n == NULL) {
        fail(r, "JSON pool too small for this command");
        return NULL;
    }
    memset(n, 0, sizeof *n);
    n->type = type;
    return n;
}

static bool parse_container(json_reader *r, json_pool *pool, json_node *node, int depth)
{
    bool is_object = node->type == JSON_OBJECT;
    char close = is_object ? '}' : ']';
    json_node **tail = &node->child;
    bool first = true;
    int more;
    next(r); /* the opening bracket, already peeked */
    while ((more = json_more(r, close, &first)) == 1) {
        const char *key = NULL;
        size_t key_len = 0;
        if (is_object && !json_key(r, pool, &key, &key_len))
            return false;
        json_node *child;
        if (!parse_value(r, pool, &child, depth + 1))
            return false;
        child->key = key;
        child->key_len = key_len;
        *tail = child;
        tail = &child->next;
    }
    return more == 0;
}

static bool parse_value(json_reader *r, json_pool *pool, json_node **out, int depth)
{
    if (depth > JSON_MAX_DEPTH)
        return fail(r, "nesting too deep");
    skip_space(r);
    int c = peek(r);
    json_type type;
    switch (c) {
    case '{': type = JSON_OBJECT; break;
    case '[': type = JSON_ARRAY; break;
    case '"': type = JSON_STRING; break;
    case 't': type = JSON_TRUE; break;
    case 'f': type = JSON_FALSE; break;
    case 'n': type = JSON_NULL; break;
    case -1: return fail(r, "unexpected end of input");
    default:
        if (c != '-' && !is_digit(c))
            return fail(r, "unexpected character");
        type = JSON_NUMBER;
    }
    json_node *node = new_node(r, pool, type);
    if (node == NULL)
        return false;
    *out = node;
    switch (type) {
    case JSON_OBJECT:
    case JSON_ARRAY: return parse_container(r, pool, node, depth);
    case JSON_STRING: return pool_string(r, pool, &node->str, &node->len);
    case JSON_NUMBER: return pool_number(r, pool, node);
    case JSON_TRUE: return literal(r, "true");
    case JSON_FALSE: return literal(r, "false");
    case JSON_NULL: return literal(r, "null");
    }
    return fail(r, "internal error");
}

bool json_parse(json_reader *r, json_pool *pool, json_node **out)
{
    return !r->failed && parse_value(r, pool, out, 0);
}

/* ---- streaming walk ------------------------------------------------------ */

bool json_open(json_reader *r, char open)
{
    return !r->failed && expect(r, open);
}

int json_more(json_reader *r, char close, bool *first)
{
    if (r->failed)
        return -1;
    skip_space(r);
    if (peek(r) == (unsigned char)close) {
        next(r);
        return 0;
    }
    if (!*first && !expect(r, ','))
        return -1;
    *first = false;
    skip_space(r);
    if (peek(r) == (unsigned char)close) {
        fail(r, "trailing comma");
        return -1;
    }
    return 1;
}

bool json_key(json_reader *r, json_pool *pool, const char **key, size_t *len)
{
    if (r->failed)
        return false;
    skip_space(r);
    if (peek(r) != '"')
        return fail(r, "expected a member name");
    return pool_string(r, pool, key, len) && expect(r, ':');
}

static bool skip_value(json_reader *r, int depth)
{
    if (depth > JSON_MAX_DEPTH)
        return fail(r, "nesting too deep");
    skip_space(r);
    int c = peek(r);
    strbuf none = {NULL, 0, 0};
    if (c == '"')
        return read_string(r, &none);
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        bool first = true;
        int more;
        next(r);
        while ((more = json_more(r, close, &first)) == 1) {
            if (c == '{' && !(read_string(r, &none) && expect(r, ':')))
                return false;
            if (!skip_value(r, depth + 1))
                return false;
        }
        return more == 0;
    }
    if (c == 't')
        return literal(r, "true");
    if (c == 'f')
        return literal(r, "false");
    if (c == 'n')
        return literal(r, "null");
    if (c == '-' || is_digit(c))
        return read_number(r, &none);
    return fail(r, c < 0 ? "unexpected end of input" : "unexpected character");
}

bool json_skip(json_reader *r)
{
    return !r->failed && skip_value(r, 0);
}

bool json_at_end(json_reader *r)
{
    skip_space(r);
    return peek(r) < 0;
}

/* ---- tree helpers -------------------------------------------------------- */

const json_node *json_get(const json_node *object, const char *key)
{
    if (object == NULL || object->type != JSON_OBJECT)
        return NULL;
    size_t len = strlen(key);
    for (const json_node *m = object->child; m; m = m->next)
        if (m->key_len == len && memcmp(m->key, key, len) == 0)
            return m;
    return NULL;
}

bool json_is(const json_node *node, const char *s)
{
    size_t len = strlen(s);
    return node && node->type == JSON_STRING && node->len == len && memcmp(node->str, s, len) == 0;
}

bool json_uint(const json_node *node, unsigned long *out)
{
    if (node == NULL || node->type != JSON_NUMBER || node->len == 0)
        return false;
    unsigned long v = 0;
    for (size_t i = 0; i < node->len; i++) {
        unsigned d = (unsigned)(node->str[i] - '0');
        if (d > 9 || v > (~0ul - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

size_t json_count(const json_node *array)
{
    size_t n = 0;
    if (array && array->type == JSON_ARRAY)
        for (const json_node *e = array->child; e; e = e->next)
            n++;
    return n;
}
