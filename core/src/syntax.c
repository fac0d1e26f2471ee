/* syntax.c -- see syntax.h. */
#include "syntax.h"

bool opcode_exists(uint8_t op)
{
    return op <= 0x05 || (op >= 0x0B && op <= 0x13) || (op >= 0x1A && op <= 0x1C) ||
           (op >= 0x20 && op <= 0x26) || (op >= 0x28 && op <= 0xC4) ||
           (op >= 0xD0 && op <= 0xD2) || op == 0xFC;
}

static bool skip_u32(reader *r, int n)
{
    uint32_t v;
    for (int i = 0; i < n; i++)
        if (!rd_u32(r, &v))
            return false;
    return true;
}

static bool zero_byte(reader *r)
{
    uint8_t b;
    if (!rd_byte(r, &b))
        return false;
    return b == 0 || rd_fail(r, "zero byte expected");
}

static bool skip_blocktype(reader *r)
{
    if (rd_left(r) == 0)
        return rd_fail(r, "unexpected end");
    uint8_t b = *r->p;
    if (b == 0x40 || b == 0x7F || b == 0x7E || b == 0x7D || b == 0x7C || b == 0x70 || b == 0x6F) {
        r->p++;
        return true;
    }
    int64_t v;
    return rd_sleb(r, 33, &v);
}

static bool skip_prefixed(reader *r)
{
    uint32_t sub;
    if (!rd_u32(r, &sub))
        return false;
    switch (sub) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
        return true;
    case 8: return skip_u32(r, 1) && zero_byte(r);
    case 10: return zero_byte(r) && zero_byte(r);
    case 11: return zero_byte(r);
    case 9: case 13: case 15: case 16: case 17: return skip_u32(r, 1);
    case 12: case 14: return skip_u32(r, 2);
    default: return rd_fail(r, "illegal opcode");
    }
}

/* Skips one instruction's immediates; adjusts the block depth. */
static bool skip_instruction(reader *r, uint8_t op, uint32_t *depth)
{
    int64_t s;
    const uint8_t *b;
    switch (op) {
    case 0x02: case 0x03: case 0x04:
        ++*depth;
        return skip_blocktype(r);
    case 0x0B:
        --*depth;
        return true;
    case 0x0C: case 0x0D: case 0x10: case 0x12: case 0x20: case 0x21: case 0x22: case 0x23:
    case 0x24: case 0x25: case 0x26: case 0xD2:
        return skip_u32(r, 1);
    case 0x11: case 0x13:
        return skip_u32(r, 2);
    case 0x0E: {
        uint32_t n;
        if (!rd_u32(r, &n))
            return false;
        if (n > rd_left(r))
            return rd_fail(r, "unexpected end");
        return skip_u32(r, (int)n + 1);
    }
    case 0x1C: {
        uint32_t n;
        return rd_u32(r, &n) && rd_bytes(r, n, &b);
    }
    case 0x3F: case 0x40:
        return zero_byte(r);
    case 0x41: return rd_sleb(r, 32, &s);
    case 0x42: return rd_sleb(r, 64, &s);
    case 0x43: return rd_bytes(r, 4, &b);
    case 0x44: return rd_bytes(r, 8, &b);
    case 0xD0: return rd_bytes(r, 1, &b);
    case 0xFC: return skip_prefixed(r);
    default:
        if (op >= 0x28 && op <= 0x3E)
            return skip_u32(r, 2);
        return opcode_exists(op) || rd_fail(r, "illegal opcode");
    }
}

bool syntax_check_body(reader *r)
{
    uint32_t groups;
    uint64_t total = 0;
    if (!rd_u32(r, &groups))
        return false;
    for (uint32_t i = 0; i < groups; i++) {
        uint32_t n;
        uint8_t t;
        if (!rd_u32(r, &n) || !rd_byte(r, &t))
            return false;
        total += n;
        if (total > 0xFFFFFFFFull)
            return rd_fail(r, "too many locals");
    }
    uint32_t depth = 1;
    while (depth > 0) {
        uint8_t op;
        if (!rd_byte(r, &op) || !skip_instruction(r, op, &depth))
            return false;
    }
    return r->p == r->end || rd_fail(r, "section size mismatch");
}
