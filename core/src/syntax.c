/* syntax.c -- see syntax.h. */
#include "syntax.h"

#include "error.h"

#define MOTE_MSG_TAG "s" /* this file's message codes (error.h) */

#if MOTE_WITH_MESSAGES
const char syntax_illegal_opcode[] = "illegal opcode";
#endif

static bool illegal(reader *r)
{
    return rd_fail(r, syntax_illegal_opcode);
}

/* An opcode after a prefix byte (b): kept out of line so that the one-byte
 * path of syntax_read_op() saves no registers and calls nothing (inlined,
 * it made that path 50 instructions on RV32). */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static bool
read_prefixed(reader *r, uint32_t features, wasm_op *op, uint32_t *prefix, uint32_t *code,
              uint32_t b)
{
    uint32_t c;
    *prefix = b;
    if (!rd_u32(r, &c))
        return false;
    *code = c;
    wasm_op o = wasm_op_of(b, c);
    *op = o;
    if (o == WASM_NONE_ || (feature_load_bit(wasm_op_group(o)) & ~features))
        return illegal(r);
    return true;
}

bool syntax_read_op(reader *r, uint32_t features, wasm_op *op, uint32_t *prefix, uint32_t *code)
{
    if (r->p >= r->end)
        return rd_fail(r, MSG("unexpected end"));
    uint32_t b = *r->p++;
    if (b == WASM_PREFIX_FC || b == WASM_PREFIX_FD)
        return read_prefixed(r, features, op, prefix, code, b);
    *prefix = 0;
    *code = b;
    uint32_t i = wasm_op_by_byte[b];
    if (i == 0)
        return illegal(r);
    *op = (wasm_op)(i - 1);
    if (feature_load_bit(wasm_op_group(*op)) & ~features)
        return illegal(r);
    return true;
}

static bool skip_u32(reader *r, int n)
{
    uint32_t v;
    for (int i = 0; i < n; i++)
        if (!rd_u32(r, &v))
            return false;
    return true;
}

static bool zero_bytes(reader *r, int n)
{
    for (int i = 0; i < n; i++) {
        uint8_t b;
        if (!rd_byte(r, &b))
            return false;
        if (b != 0)
            return rd_fail(r, MSG("zero byte expected"));
    }
    return true;
}

/* A value type: one byte, or (ref null? ht) with an s33 heap type. */
static bool skip_valtype(reader *r)
{
    uint8_t b;
    int64_t v;
    if (!rd_byte(r, &b))
        return false;
    return (b != 0x63 && b != 0x64) || rd_sleb(r, 33, &v);
}

static bool skip_blocktype(reader *r)
{
    if (rd_left(r) == 0)
        return rd_fail(r, MSG("unexpected end"));
    uint8_t b = *r->p;
    if (b == 0x40) {
        r->p++;
        return true;
    }
    if ((b & 0xC0) == 0x40) /* a negative one-byte s33: a value type */
        return skip_valtype(r);
    int64_t v;
    return rd_sleb(r, 33, &v);
}

static bool skip_try_table(reader *r)
{
    uint32_t n;
    if (!skip_blocktype(r) || !rd_u32(r, &n))
        return false;
    if (n > rd_left(r))
        return rd_fail(r, MSG("unexpected end"));
    for (uint32_t i = 0; i < n; i++) {
        uint8_t kind;
        if (!rd_byte(r, &kind))
            return false;
        if (kind > 3)
            return rd_fail(r, MSG("malformed catch clause"));
        if (!skip_u32(r, kind < 2 ? 2 : 1))
            return false;
    }
    return true;
}

static bool skip_select_types(reader *r)
{
    uint32_t n;
    if (!rd_u32(r, &n))
        return false;
    if (n > rd_left(r))
        return rd_fail(r, MSG("unexpected end"));
    for (uint32_t i = 0; i < n; i++)
        if (!skip_valtype(r))
            return false;
    return true;
}

static bool skip_br_table(reader *r)
{
    uint32_t n;
    if (!rd_u32(r, &n))
        return false;
    if (n > rd_left(r))
        return rd_fail(r, MSG("unexpected end"));
    return skip_u32(r, (int)n + 1);
}

/* A memory index: a u32 with multiple memories, else one zero byte. */
static bool skip_memidx(reader *r, uint32_t features)
{
    if (features & MOTE_FEATURE_MULTI_MEMORY)
        return skip_u32(r, 1);
    return zero_bytes(r, 1);
}

static bool skip_memarg(reader *r, uint32_t features)
{
    uint32_t align;
    uint64_t offset;
    if (!rd_u32(r, &align))
        return false;
    if ((features & MOTE_FEATURE_MULTI_MEMORY) && align >= 0x80)
        return rd_fail(r, MSG("malformed memop flags"));
    if ((align & 0x40) && (features & MOTE_FEATURE_MULTI_MEMORY) && !skip_u32(r, 1))
        return false;
    return rd_uleb(r, features & MOTE_FEATURE_MEMORY64 ? 64 : 32, &offset);
}

bool syntax_skip_immediates(reader *r, wasm_imm shape, uint32_t features)
{
    const uint8_t *b;
    int64_t s;
    switch (shape) {
    case WI_NONE: return true;
    case WI_BLOCK: return skip_blocktype(r);
    case WI_TRY_TABLE: return skip_try_table(r);
    case WI_IDX: return skip_u32(r, 1);
    case WI_IDX2: return skip_u32(r, 2);
    case WI_BR_TABLE: return skip_br_table(r);
    case WI_MEMARG: return skip_memarg(r, features);
    case WI_MEMIDX: return skip_memidx(r, features);
    case WI_MEMIDX2: return skip_memidx(r, features) && skip_memidx(r, features);
    case WI_IDX_MEMIDX: return skip_u32(r, 1) && skip_memidx(r, features);
    case WI_I32: return rd_sleb(r, 32, &s);
    case WI_I64: return rd_sleb(r, 64, &s);
    case WI_F32: return rd_bytes(r, 4, &b);
    case WI_F64: return rd_bytes(r, 8, &b);
    case WI_HEAPTYPE: return rd_sleb(r, 33, &s);
    case WI_SELECT_T: return skip_select_types(r);
    case WI_BYTES16: return rd_bytes(r, 16, &b);
    case WI_LANE: return rd_bytes(r, 1, &b);
    case WI_MEMARG_LANE: return skip_memarg(r, features) && rd_bytes(r, 1, &b);
    }
    return illegal(r);
}

bool syntax_check_body(reader *r, uint32_t features)
{
    uint32_t groups;
    uint64_t total = 0;
    if (!rd_u32(r, &groups))
        return false;
    for (uint32_t i = 0; i < groups; i++) {
        uint32_t n;
        if (!rd_u32(r, &n) || !skip_valtype(r))
            return false;
        total += n;
        if (total > 0xFFFFFFFFull)
            return rd_fail(r, MSG("too many locals"));
    }
    uint32_t depth = 1;
    while (depth > 0) {
        wasm_op op;
        uint32_t prefix, code;
        if (!syntax_read_op(r, features, &op, &prefix, &code) ||
            !syntax_skip_immediates(r, wasm_op_imm(op), features))
            return false;
        if (op == WASM_block || op == WASM_loop || op == WASM_if || op == WASM_try ||
            op == WASM_try_table)
            depth++;
        else if (op == WASM_end || op == WASM_delegate)
            depth--;
    }
    return r->p == r->end || rd_fail(r, MSG("section size mismatch"));
}
