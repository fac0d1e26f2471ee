/*
 * wbuf.h -- a tiny writer of WebAssembly binaries, so that the exhaustion
 * tests build their (sometimes 10 MB) modules in memory instead of
 * committing them.  Writes grow a heap buffer; on allocation failure the
 * buffer is marked failed and the test reports it.
 */
#ifndef MOTE_WBUF_H
#define MOTE_WBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wbuf {
    uint8_t *p;
    size_t len, cap;
    bool failed;
} wbuf;

void wb_free(wbuf *b);
void wb_byte(wbuf *b, uint8_t v);
void wb_bytes(wbuf *b, const void *p, size_t n);
void wb_fill(wbuf *b, uint8_t v, size_t n);
void wb_u32(wbuf *b, uint32_t v); /* unsigned LEB128 */
void wb_i32(wbuf *b, int32_t v);  /* signed LEB128 */
void wb_i64(wbuf *b, int64_t v);
void wb_name(wbuf *b, const char *s); /* length-prefixed */

/* The module header (magic and version). */
void wb_header(wbuf *b);

/* Appends section `id` whose contents are `body` (then freed). */
void wb_section(wbuf *b, uint8_t id, wbuf *body);

/* Appends one function body (locals and code, then freed) to a code section
 * under construction: its size first. */
void wb_body(wbuf *code, wbuf *body);

enum {
    SEC_TYPE = 1,
    SEC_IMPORT = 2,
    SEC_FUNC = 3,
    SEC_TABLE = 4,
    SEC_MEMORY = 5,
    SEC_GLOBAL = 6,
    SEC_EXPORT = 7,
    SEC_START = 8,
    SEC_ELEM = 9,
    SEC_CODE = 10,
    SEC_DATA = 11,
    SEC_DATACOUNT = 12
};

/* A few opcodes and types the tests spell out. */
enum {
    OP_UNREACHABLE = 0x00,
    OP_NOP = 0x01,
    OP_BLOCK = 0x02,
    OP_LOOP = 0x03,
    OP_IF = 0x04,
    OP_ELSE = 0x05,
    OP_END = 0x0B,
    OP_BR = 0x0C,
    OP_BR_IF = 0x0D,
    OP_BR_TABLE = 0x0E,
    OP_RETURN = 0x0F,
    OP_CALL = 0x10,
    OP_DROP = 0x1A,
    OP_LOCAL_GET = 0x20,
    OP_LOCAL_SET = 0x21,
    OP_I32_LOAD8_U = 0x2D,
    OP_I32_STORE8 = 0x3A,
    OP_MEMORY_GROW = 0x40,
    OP_I32_CONST = 0x41,
    OP_I32_ADD = 0x6A,
    OP_PREFIX_FC = 0xFC,
    FC_MEMORY_INIT = 8,
    FC_TABLE_GROW = 15,
    FC_TABLE_SIZE = 16,
    T_I32 = 0x7F,
    T_I64 = 0x7E,
    T_FUNCREF = 0x70,
    T_VOID = 0x40,
    T_FUNC = 0x60
};

#endif
