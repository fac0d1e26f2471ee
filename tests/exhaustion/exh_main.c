/*
 * exh_main.c -- runs one resource-exhaustion case by name.
 *
 *     test_exhaustion <case> [args...]
 *
 * Every case is registered with ctest on its own, in the plain and in the
 * host-asan (ASan + UBSan) builds.
 */
#include <stdlib.h>
#include <string.h>

#include "exh.h"
#include "feature_groups.h" /* the core's MOTE_WITH_* (mote_core_facts) */

MOTE_CHECK_DEFINE;
mote_arena *exh_current;

/* For every failed check: the last error of the arena in use. */
static const char *last_error(void)
{
    return exh_current ? mote_arena_error(exh_current)->message : "(no arena yet)";
}

static void **arenas;
static size_t narenas;

static void free_arenas(void)
{
    for (size_t i = 0; i < narenas; i++)
        free(arenas[i]);
    free(arenas);
}

mote_arena *exh_arena(size_t size)
{
    void *buf = malloc(size);
    void **grown = realloc(arenas, (narenas + 1) * sizeof *arenas);
    if (!buf || !grown) {
        fprintf(stderr, "cannot allocate %zu bytes\n", size);
        exit(2);
    }
    arenas = grown;
    arenas[narenas++] = buf;
    exh_current = mote_arena_init(buf, size);
    return exh_current;
}

mote_status exh_load(mote_arena *a, const wbuf *b, mote_module **m)
{
    if (b->failed) {
        fprintf(stderr, "out of memory building a module\n");
        exit(2);
    }
    return mote_load(a, b->p, b->len, NULL, m);
}

mote_status exh_call(mote_instance *inst, const char *name, int nargs, int32_t arg, int32_t *result)
{
    mote_func *f = mote_export_func(inst, name);
    if (!CHECKF(f != NULL, "no export %s", name))
        return MOTE_ERR_NOT_FOUND;
    const mote_valtype *p, *r;
    uint32_t np, nr;
    mote_func_type(f, &p, &np, &r, &nr);
    mote_value a = {.i32 = arg}, res[1] = {{0}};
    mote_status st = mote_call(inst, f, &a, (size_t)nargs, res, nr);
    if (st == MOTE_OK && nr && result)
        *result = res[0].i32;
    return st;
}

int exh_message_has(const mote_arena *a, const char *text)
{
    return strstr(mote_arena_error(a)->message, text) != NULL;
}

int exh_unsupported(const mote_arena *a, const char *option)
{
    const mote_error *e = mote_arena_error(a);
    char named[64];
    snprintf(named, sizeof named, "(%s)", option); /* "... (MOTE_WITH_X)" */
    return e->status == MOTE_ERR_UNSUPPORTED && strstr(e->message, named) != NULL;
}

int exh_not_built(const mote_arena *a)
{
#define G(group, built, bit, what)                                \
    if (!(built) && exh_unsupported(a, "MOTE_WITH_" #group) != 0) \
        return 1;
    MOTE_FEATURE_GROUPS(G)
#undef G
    return 0;
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} cases[] = {
    {"fail_every_alloc", case_fail_every_alloc},
    {"nested_blocks", case_nested_blocks},
    {"many_locals", case_many_locals},
    {"big_data", case_big_data},
    {"many_functions", case_many_functions},
    {"huge_counts", case_huge_counts},
    {"stack", case_stack},
    {"fuel", case_fuel},
    {"memory_cap", case_memory_cap},
    {"table_cap", case_table_cap},
};

int main(int argc, char **argv)
{
    atexit(free_arenas);
    check_state.context = last_error;
    for (size_t i = 0; argc >= 2 && i < sizeof cases / sizeof cases[0]; i++)
        if (strcmp(argv[1], cases[i].name) == 0) {
            int rc = cases[i].run(argc - 2, argv + 2);
            if (rc != 0 || check_state.failed) {
                fprintf(stderr, "%s: FAILED (%d checks)\n", argv[1], check_state.failed);
                return 1;
            }
            printf("%s: passed\n", argv[1]);
            return 0;
        }
    fprintf(stderr, "usage: %s <case> [args]; cases:", argv[0]);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        fprintf(stderr, " %s", cases[i].name);
    fprintf(stderr, "\n");
    return 2;
}
