/*
 * mote_difftest.c -- the mote side of the differential test: runs a list
 * of calls on one module and prints what happened in the same normalised
 * form that difftest.py makes of wabt's spectest-interp output.
 *
 *     mote-difftest MODULE.wasm CALLS.txt
 *
 * CALLS.txt holds one call per line: an export name, then its arguments
 * as TYPE:VALUE (i32/i64 unsigned decimal bits, funcref:null,
 * externref:null).  Output, one line each:
 *     load: ok | load: <status> <message>
 *     instantiate: ok | instantiate: <status> [trap:<kind>]
 *     print i32:<u32> | print i64:<u64>       (spectest.print_i32/_i64)
 *     <name> => <type>:<value> ...            (results; "null"/"ref" for refs)
 *     <name> => trap:<kind>
 *     <name> => fuel                          (ran out: an inconclusive call)
 * The process exits 0 whatever the module did; 2 on a usage or I/O error.
 */
#include <mote/mote.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BYTES (64u << 20)
#define FUEL_PER_CALL 200000000
#define MAX_VALUES 256

/* The trap kinds, named as difftest.py names wabt's messages. */
static const char *trap_kind(mote_trap t)
{
    switch (t) {
    case MOTE_TRAP_UNREACHABLE: return "unreachable";
    case MOTE_TRAP_MEMORY_OUT_OF_BOUNDS: return "oob_memory";
    case MOTE_TRAP_TABLE_OUT_OF_BOUNDS: return "oob_table";
    case MOTE_TRAP_UNDEFINED_ELEMENT: return "undefined_element";
    case MOTE_TRAP_UNINITIALIZED_ELEMENT: return "uninitialized_element";
    case MOTE_TRAP_INDIRECT_CALL_TYPE: return "indirect_type";
    case MOTE_TRAP_DIVIDE_BY_ZERO: return "div_zero";
    case MOTE_TRAP_INTEGER_OVERFLOW: return "overflow";
    case MOTE_TRAP_INVALID_CONVERSION: return "conversion";
    case MOTE_TRAP_STACK_EXHAUSTED: return "stack";
    default: return "other";
    }
}

/* spectest.print_i32/_i64, for saved cases that import them (the modules
 * difftest.py generates import nothing). */
static mote_status print_i32(mote_instance *caller, mote_value *io, void *user)
{
    (void)caller;
    (void)user;
    printf("print i32:%" PRIu32 "\n", io[0].u32);
    return MOTE_OK;
}

static mote_status print_i64(mote_instance *caller, mote_value *io, void *user)
{
    (void)caller;
    (void)user;
    printf("print i64:%" PRIu64 "\n", io[0].u64);
    return MOTE_OK;
}

static const mote_import imports[] = {
    {.module = "spectest", .name = "print_i32", .fn = print_i32, .signature = "(i)"},
    {.module = "spectest", .name = "print_i64", .fn = print_i64, .signature = "(I)"},
};

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = malloc(n > 0 ? (size_t)n + 1 : 1);
    if (p && n > 0 && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *len = n > 0 ? (size_t)n : 0;
    return p;
}

static void print_results(const char *name, const mote_valtype *types, uint32_t n,
                          const mote_value *res)
{
    printf("%s =>", name);
    for (uint32_t i = 0; i < n; i++) {
        switch (types[i]) {
        case MOTE_I32: printf(" i32:%" PRIu32, res[i].u32); break;
        case MOTE_I64: printf(" i64:%" PRIu64, res[i].u64); break;
        case MOTE_F32: printf(" f32:%" PRIu32, res[i].u32); break;
        case MOTE_F64: printf(" f64:%" PRIu64, res[i].u64); break;
        default: printf(" %s:%s", mote_valtype_name(types[i]), res[i].ref ? "ref" : "null"); break;
        }
    }
    printf("\n");
}

/* Parses "TYPE:VALUE" into v; false if malformed. */
static bool parse_arg(const char *tok, mote_value *v)
{
    memset(v, 0, sizeof *v);
    const char *colon = strchr(tok, ':');
    if (!colon)
        return false;
    if (strcmp(colon + 1, "null") == 0)
        return true;
    char *end;
    unsigned long long x = strtoull(colon + 1, &end, 10);
    if (*end)
        return false;
    v->u64 = x;
    return true;
}

static void run_call(mote_instance *inst, char *line)
{
    char *save;
    char *name = strtok_r(line, " \t\n", &save);
    if (!name)
        return;
    mote_func *f = mote_export_func(inst, name);
    if (!f) {
        printf("%s => missing\n", name);
        return;
    }
    const mote_valtype *params, *results;
    uint32_t np, nr;
    mote_func_type(f, &params, &np, &results, &nr);
    mote_value args[MAX_VALUES], res[MAX_VALUES];
    uint32_t n = 0;
    for (char *tok; (tok = strtok_r(NULL, " \t\n", &save)) != NULL && n < MAX_VALUES; n++)
        if (!parse_arg(tok, &args[n])) {
            printf("%s => bad-argument %s\n", name, tok);
            return;
        }
    if (n != np || nr > MAX_VALUES) {
        printf("%s => arity\n", name);
        return;
    }
    mote_set_fuel(inst, FUEL_PER_CALL);
    mote_status st = mote_call(inst, f, args, np, res, nr);
    if (st == MOTE_OK)
        print_results(name, results, nr, res);
    else if (st == MOTE_TRAP)
        printf("%s => trap:%s\n", name,
               trap_kind(mote_arena_error(mote_instance_arena(inst))->trap));
    else if (st == MOTE_PAUSED) {
        printf("%s => fuel\n", name);
        mote_abandon(inst);
    } else
        printf("%s => %s\n", name, mote_status_name(st));
}

/* Loads, instantiates and runs the calls; prints as it goes. */
static void run(uint8_t *wasm, size_t len, FILE *calls, void *buf)
{
    mote_arena *a = mote_arena_init(buf, ARENA_BYTES);
    mote_module *m;
    mote_status st = mote_load(a, wasm, len, NULL, &m);
    if (st != MOTE_OK) {
        printf("load: %s %s\n", mote_status_name(st), mote_arena_error(a)->message);
        return;
    }
    printf("load: ok\n");
    /* Large stacks: wabt's are large too, and binaryen's hang limit bounds
     * the depth of recursion in the generated modules. */
    mote_instance_config cfg = {.value_stack_bytes = 4u << 20, .call_stack_bytes = 1u << 20};
    mote_instance *inst;
    st = mote_instantiate(a, m, imports, 2, &cfg, &inst);
    if (st != MOTE_OK) {
        const mote_error *e = mote_arena_error(a);
        printf("instantiate: %s%s%s\n", mote_status_name(st), st == MOTE_TRAP ? " trap:" : "",
               st == MOTE_TRAP ? trap_kind(e->trap) : "");
        return;
    }
    printf("instantiate: ok\n");
    char line[8192];
    while (fgets(line, sizeof line, calls))
        run_call(inst, line);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s MODULE.wasm CALLS.txt\n", argv[0]);
        return 2;
    }
    size_t len;
    uint8_t *wasm = read_file(argv[1], &len);
    FILE *calls = fopen(argv[2], "r");
    void *buf = malloc(ARENA_BYTES);
    int rc = 0;
    if (!wasm || !calls || !buf) {
        fprintf(stderr, "%s: cannot read %s or %s\n", argv[0], argv[1], argv[2]);
        rc = 2;
    } else {
        run(wasm, len, calls, buf);
    }
    if (calls)
        fclose(calls);
    free(buf);
    free(wasm);
    return rc;
}
