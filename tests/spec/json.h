/*
 * json.h -- a small JSON reader for wast2json scripts.
 *
 * wast2json writes one object: {"source_filename": ..., "commands": [...]}.
 * A script can be close to a megabyte, more than a small board should hold,
 * so the reader streams: the caller walks the outer object and array with
 * json_open()/json_more()/json_key() and parses one command at a time into
 * a tree with json_parse().  The tree lives in a json_pool, a fixed buffer
 * the caller resets after each command, so memory use is bounded by the
 * largest single command, not by the file.
 *
 * Strings are decoded to UTF-8 and keep their length: export names may
 * contain NUL (\u0000), so nothing here relies on NUL termination (a NUL is
 * appended after each decoded string only as a convenience for ASCII keys).
 * Numbers keep their literal text; json_uint() converts the ones we need.
 *
 * Portable C11: no POSIX, no locale-dependent conversions.
 */
#ifndef MOTE_SPEC_JSON_H
#define MOTE_SPEC_JSON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum json_type {
    JSON_NULL,
    JSON_FALSE,
    JSON_TRUE,
    JSON_NUMBER,
    JSON_STRING,
    JSON_ARRAY,
    JSON_OBJECT
} json_type;

typedef struct json_node json_node;
struct json_node {
    json_type type;
    const char *str; /* strings: decoded bytes; numbers: literal text */
    size_t len;
    const char *key; /* set when this node is a member of an object */
    size_t key_len;
    json_node *child; /* arrays and objects: first element or member */
    json_node *next;  /* the next element or member of the parent */
};

/* A bump allocator over a caller's buffer; json_pool_reset() frees all. */
typedef struct json_pool {
    unsigned char *buf;
    size_t size;
    size_t used;
} json_pool;

void json_pool_init(json_pool *pool, void *buf, size_t size);
void json_pool_reset(json_pool *pool);
/* Returns suitably aligned memory, or NULL when the pool is full. */
void *json_pool_alloc(json_pool *pool, size_t size);

/*
 * Refills `buf` with up to `cap` bytes; returns the count, 0 at the end of
 * the input.  A stdio source wraps fread(); see spec_file.h.
 */
typedef size_t (*json_fill_fn)(void *ctx, char *buf, size_t cap);

typedef struct json_reader {
    json_fill_fn fill; /* NULL: the whole input is already in buf */
    void *ctx;
    char *buf;
    size_t cap, pos, len;
    unsigned long line; /* 1-based line of the next byte, for errors */
    bool failed;
    char error[96]; /* set on the first error; parsing stops there */
} json_reader;

/* A streaming reader; buf[0..cap) is its window onto the input. */
void json_reader_init(json_reader *r, json_fill_fn fill, void *ctx, char *buf, size_t cap);
/* A reader over text[0..len) held in memory (text is not modified). */
void json_reader_init_text(json_reader *r, const char *text, size_t len);

/*
 * Parses one value into pool and stores its root in *out.  Returns false on
 * a syntax error, an early end of input or a full pool (r->error says which).
 */
bool json_parse(json_reader *r, json_pool *pool, json_node **out);

/* Streaming walk. json_open() consumes '{' or '[' (the `open` character). */
bool json_open(json_reader *r, char open);
/*
 * Before each element or member: returns 1 if another follows (consuming
 * the separating comma), 0 when `close` ('}' or ']') ends the container
 * (consumed), -1 on error.  *first must start true.
 */
int json_more(json_reader *r, char close, bool *first);
/* Reads a member's key and its ':' into pool. */
bool json_key(json_reader *r, json_pool *pool, const char **key, size_t *len);
/* Skips one value of any kind without keeping it. */
bool json_skip(json_reader *r);
/* True when only white space is left. */
bool json_at_end(json_reader *r);

/* Tree helpers. */
const json_node *json_get(const json_node *object, const char *key);
/* The string node's bytes equal the NUL-terminated s. */
bool json_is(const json_node *node, const char *s);
/* A number node holding a non-negative integer that fits an unsigned long. */
bool json_uint(const json_node *node, unsigned long *out);
/* Number of elements of an array (0 for other nodes). */
size_t json_count(const json_node *array);

#endif
