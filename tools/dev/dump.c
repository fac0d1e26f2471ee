/*
 * dump.c -- developer tool: a module's functions as wasm instructions (by
 * the names of core/src/wasm_ops.h) and as the compiled code (by the op
 * names of core/src/ops.h).
 *
 *     mote-dump module.wasm [func-index]
 *
 * Links the core and reads its internal headers; built with the host
 * preset (tools/dev/CMakeLists.txt), not installed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "ops.h"
#include "reader.h"
#include "runtime.h"
#include "syntax.h"

static const char *op_names[] = {
#define X(name, len) #name,
    MOTE_OPS(X)
#undef X
};
static const int op_lens[] = {
#define X(name, len) len,
    MOTE_OPS(X)
#undef X
};

static int op_of(const int32_t *handlers, uint32_t w)
{
    for (int i = 0; i < OP_COUNT_; i++)
        if ((uint32_t)handlers[i] == w)
            return i;
    return -1;
}

/* One instruction's immediates, printed as the binary has them. */
static void print_immediates(reader *r, wasm_imm shape, uint32_t features)
{
    const uint8_t *start = r->p;
    if (!syntax_skip_immediates(r, shape, features))
        return;
    reader again = {start, r->p, r->base, 0};
    uint32_t u = 0;
    int64_t s = 0;
    switch (shape) {
    case WI_I32:
        rd_sleb(&again, 32, &s);
        printf(" %lld", (long long)s);
        return;
    case WI_I64:
        rd_sleb(&again, 64, &s);
        printf(" %lld", (long long)s);
        return;
    case WI_IDX:
    case WI_IDX2:
    case WI_MEMARG:
    case WI_BR_TABLE:
    case WI_IDX_MEMIDX:
        while (again.p < again.end && rd_u32(&again, &u))
            printf(" %u", u);
        return;
    default:
        for (const uint8_t *p = start; p < r->p; p++)
            printf(" %02x", *p);
        return;
    }
}

static void dump_wasm(const mote_module *m, const mod_func *f)
{
    reader r = {m->wasm + f->body, m->wasm + f->body + f->body_len, m->wasm, 0};
    uint32_t groups = 0, n = 0;
    uint8_t t = 0;
    rd_u32(&r, &groups);
    for (uint32_t i = 0; i < groups; i++) {
        rd_u32(&r, &n);
        rd_byte(&r, &t);
        printf("  local %u x %s\n", n, mote_valtype_name(t));
    }
    while (r.p < r.end) {
        uint32_t at = rd_offset(&r), prefix, code;
        wasm_op op;
        if (!syntax_read_op(&r, m->features, &op, &prefix, &code)) {
            char why[32];
            error_format(why, sizeof why, "%m", r.err); /* text, or a code */
            printf("  +0x%x: %s\n", at, why);
            return;
        }
        printf("  +0x%x: %s", at, wasm_op_name(op));
        print_immediates(&r, wasm_op_imm(op), m->features);
        printf("\n");
    }
}

static void dump_code(const mote_module *m, uint32_t start, uint32_t end)
{
    const int32_t *h = interp_handler_words();
    const uint32_t *code = MOD_CODE(m);
    for (uint32_t pc = start; pc < end;) {
        int op = op_of(h, code[pc]);
        if (op < 0) {
            printf("  %5u: ??? %08x\n", pc - start, code[pc]);
            pc++;
            continue;
        }
        int n = op_lens[op];
        if (op == OP_br_table)
            n = 3 + (int)code[pc + 2] + 1;
        printf("  %5u: %-18s", pc - start, op_names[op]);
        for (int i = 1; i < n && i < 8; i++) {
            uint32_t w = code[pc + i];
            if (w >> 16 && (w >> 16) < 0x8000 && (w & 0xFFFF) < 0x8000)
                printf(" %u|%u", (w & 0xFFFF) / 8, (w >> 16) / 8);
            else
                printf(" %d", (int32_t)w);
        }
        printf("\n");
        pc += (uint32_t)n;
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: mote-dump module.wasm [func-index]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    static uint8_t wasm[8 << 20];
    size_t len = fread(wasm, 1, sizeof wasm, f);
    fclose(f);
    static uint8_t buf[64 << 20];
    mote_arena *a = mote_arena_init(buf, sizeof buf);
    mote_module *m;
    if (mote_load(a, wasm, len, NULL, &m)) {
        printf("%s\n", mote_arena_error(a)->message);
        return 1;
    }
    const mod_func *funcs = MOD_FUNCS(m);
    const uint32_t *code = MOD_CODE(m);
    for (uint32_t fi = m->nfunc_imports; fi < m->nfuncs; fi++) {
        if (argc > 2 && fi != (uint32_t)atoi(argv[2]))
            continue;
        uint32_t start = funcs[fi].code;
        uint32_t end = fi + 1 < m->nfuncs ? funcs[fi + 1].code - 2 : m->code_words;
        printf("func %u: wasm %u bytes\n", fi, funcs[fi].body_len);
        dump_wasm(m, &funcs[fi]);
        printf("func %u: frame %u slots, params %u, locals %u, code %u words\n", fi,
               code[start - 2], code[start - 1] & 0xFFFF, code[start - 1] >> 16, end - start + 2);
        dump_code(m, start, end);
    }
    return 0;
}
