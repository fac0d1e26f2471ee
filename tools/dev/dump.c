/* dump.c -- developer tool: prints the compiled code of a module's functions.
 * usage: mote-dump module.wasm [func-index]
 * Links the core and reads its internal headers; not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "ops.h"
#include "runtime.h"

static const char *names[] = {
#define X(name, len) #name,
    MOTE_OPS(X)
#undef X
};
static const int lens[] = {
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

int main(int argc, char **argv)
{
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 2;
    static uint8_t wasm[8 << 20];
    size_t len = fread(wasm, 1, sizeof wasm, f);
    static uint8_t buf[64 << 20];
    mote_arena *a = mote_arena_init(buf, sizeof buf);
    mote_module *m;
    if (mote_load(a, wasm, len, NULL, &m)) {
        printf("%s\n", mote_arena_error(a)->message);
        return 1;
    }
    const int32_t *h = interp_handler_words();
    const mod_func *funcs = MOD_FUNCS(m);
    const uint32_t *code = MOD_CODE(m);
    for (uint32_t fi = m->nfunc_imports; fi < m->nfuncs; fi++) {
        if (argc > 2 && fi != (uint32_t)atoi(argv[2]))
            continue;
        uint32_t start = funcs[fi].code;
        uint32_t end = fi + 1 < m->nfuncs ? funcs[fi + 1].code - 2 : m->code_words;
        printf("func %u: frame %u slots, params %u, locals %u, wasm %u bytes, code %u words\n", fi,
               code[start - 2], code[start - 1] & 0xFFFF, code[start - 1] >> 16, funcs[fi].body_len,
               end - start + 2);
        for (uint32_t pc = start; pc < end;) {
            int op = op_of(h, code[pc]);
            if (op < 0) {
                printf("  %5u: ??? %08x\n", pc - start, code[pc]);
                pc++;
                continue;
            }
            int n = lens[op];
            if (op == OP_br_table)
                n = 3 + (int)code[pc + 2] + 1;
            printf("  %5u: %-18s", pc - start, names[op]);
            for (int i = 1; i < n && i < 8; i++) {
                uint32_t w = code[pc + i];
                if (w >> 16 && (w >> 16) < 0x8000 && (w & 0xFFFF) < 0x8000)
                    printf(" %u|%u", (w & 0xFFFF) / 8, (w >> 16) / 8);
                else
                    printf(" %d", (int32_t)w);
            }
            printf("\n");
            pc += n;
        }
    }
    return 0;
}
