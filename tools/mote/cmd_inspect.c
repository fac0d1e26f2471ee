/*
 * mote inspect app.wasm -- what a module needs, before it is flashed: its
 * imports and exports with their types, its memories and tables, and the
 * arena bytes it needs on each board (mote_measure(), with each board's
 * instance stack sizes), with and without a precompiled image in flash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "describe.h"
#include "profiles.h"
#include "scratch.h"
#include "sections.h"
#include "sizing.h"

#define MAX_DEFINED 64

static const char HELP[] =
    "usage: mote inspect [options] app.wasm\n"
    "\n"
    "Describes a WebAssembly module: imports and exports with their types,\n"
    "memories and tables (limits, page size), and the arena bytes it needs\n"
    "to load and instantiate on each board profile -- the host (mote run) and\n"
    "the boards mote supports -- and whether that fits the board's free RAM,\n"
    "also with the module's code precompiled into flash (an image).  The\n"
    "figures are exact and the same on every target.  Linear memory counts at\n"
    "its declared maximum (or the --mem-cap), or, without one, at its initial\n"
    "size: memory.grow then needs more.\n"
    "\n"
    "options:\n"
    "  --stack SIZE        value stack of the host row (default 64K), as mote run\n"
    "  --call-stack SIZE   call stack of the host row (default 8K), as mote run\n"
    "  --mem-cap SIZE      the linear memory cap, as mote run\n"
    "  --help              this text\n"
    "\n"
    "exit status: 0 done, 1 the module cannot be loaded (the reason is printed),\n"
    "2 bad command line, 125 the file cannot be read.\n";

typedef struct sizing {
    mote_needs needs;
    size_t arena;       /* with memory grown to its maximum */
    size_t image_start; /* with the image (header + instance), memory at its start */
    bool measured;
} sizing;

static void print_externs(const mote_module *m)
{
    uint32_t n = mote_module_num_imports(m);
    printf("imports (%u):\n", n);
    for (uint32_t i = 0; i < n; i++) {
        mote_extern_info info;
        if (mote_module_import(m, i, &info) == MOTE_OK)
            describe_extern(stdout, &info, true);
    }
    n = mote_module_num_exports(m);
    printf("exports (%u):\n", n);
    for (uint32_t i = 0; i < n; i++) {
        mote_extern_info info;
        if (mote_module_export(m, i, &info) == MOTE_OK)
            describe_extern(stdout, &info, false);
    }
}

/* Memories and tables with their index, imported first as in the index space. */
static void print_memories_tables(const mote_module *m, const uint8_t *wasm, size_t len)
{
    uint32_t index[2] = {0, 0}; /* next table, memory index */
    char text[256];
    for (uint32_t i = 0; i < mote_module_num_imports(m); i++) {
        mote_extern_info info;
        if (mote_module_import(m, i, &info) != MOTE_OK ||
            (info.kind != MOTE_EXTERN_TABLE && info.kind != MOTE_EXTERN_MEMORY))
            continue;
        uint32_t *next = &index[info.kind == MOTE_EXTERN_MEMORY];
        printf("%s %u (imported): %s\n", describe_kind(info.kind), (*next)++,
               describe_limits(&info, text, sizeof text));
    }
    defined_item items[MAX_DEFINED];
    size_t n = defined_tables_memories(wasm, len, items, MAX_DEFINED);
    for (size_t i = 0; i < n && i < MAX_DEFINED; i++) {
        mote_extern_info info = {
            .kind = items[i].kind, .valtype = items[i].elem_type, .limits = items[i].limits};
        uint32_t *next = &index[info.kind == MOTE_EXTERN_MEMORY];
        printf("%s %u: %s\n", describe_kind(info.kind), (*next)++,
               describe_limits(&info, text, sizeof text));
    }
    if (index[0] + index[1] == 0)
        printf("no memory, no tables\n");
}

/* Arena bytes a precompiled image leaves in RAM: the module header
 * (mote_image_attach) plus the arena's bookkeeping.  0 if it cannot be made. */
static size_t image_header_bytes(mote_arena *scratch_arena, const uint8_t *wasm, size_t len,
                                 size_t *image_len)
{
    const int32_t *handlers;
    size_t num = mote_handler_table(&handlers);
    size_t header = 0;
    for (size_t cap = 64 * 1024 + 8 * len; cap < ((size_t)1 << 31) && header == 0; cap *= 2) {
        void *buf = NULL;
        uint8_t *image = posix_memalign(&buf, 8, cap) == 0 ? buf : NULL; /* images are 8-aligned */
        size_t written = 0;
        mote_status st = image == NULL ? MOTE_ERR_NO_MEMORY
                                       : mote_image_compile(scratch_arena, wasm, len, NULL,
                                                            handlers, num, image, cap, &written);
        if (st == MOTE_OK) {
            static _Alignas(16) uint8_t small[4096];
            mote_arena *a = mote_arena_init(small, sizeof small);
            mote_module *m;
            if (a != NULL && mote_image_attach(a, image, written, wasm, len, &m) == MOTE_OK)
                header = mote_arena_used(a);
            *image_len = written;
        }
        free(image);
        if (st != MOTE_ERR_NO_MEMORY)
            break;
    }
    return header;
}

/*
 * Whether an arena fits in `free` bytes: "yes" with the memory at its
 * maximum, "no" not even at the start, or "mem<=N" -- it fits at the
 * start and the memory can grow to N bytes there, short of its maximum.
 */
static const char *fits(size_t start, size_t growth, uint64_t initial_memory, uint64_t free,
                        char buf[32])
{
    if (start + growth <= free)
        return "yes";
    if (start > free)
        return "no";
    snprintf(buf, 32, "mem<=%llu", (unsigned long long)(initial_memory + (free - start)));
    return buf;
}

static void print_row(const board_profile *p, const sizing *row, size_t growth,
                      uint64_t initial_memory, bool image)
{
    char a[32], b[32], stacks[40];
    snprintf(stacks, sizeof stacks, "%s+%s", cli_bytes(p->value_stack, a),
             cli_bytes(p->call_stack, b));
    if (!row->measured) {
        printf("%-16s %-14s %9s\n", p->name, stacks, "?");
        return;
    }
    printf("%-16s %-14s %9zu %10llu %-10s", p->name, stacks, row->arena,
           (unsigned long long)p->free_ram,
           fits(row->needs.total, row->arena - row->needs.total, initial_memory, p->free_ram, a));
    if (image)
        printf(" %10zu %s", row->image_start + growth,
               fits(row->image_start, growth, initial_memory, p->free_ram, b));
    printf("\n");
}

static void print_sizing(mote_arena *scratch_arena, const uint8_t *wasm, size_t len,
                         const board_profile *host, uint64_t mem_cap, const mote_limits *memory,
                         size_t code_bytes)
{
    sizing rows[16];
    size_t image_len = 0;
    size_t header = image_header_bytes(scratch_arena, wasm, len, &image_len);
    size_t growth = sizing_growth(memory, mem_cap);
    uint64_t initial_memory = memory->min * memory->page_size;
    size_t count = board_profile_count < 16 ? board_profile_count : 16;
    for (size_t i = 0; i < count; i++) {
        const board_profile *p = i == 0 ? host : &board_profiles[i];
        mote_instance_config cfg = {.value_stack_bytes = p->value_stack,
                                    .call_stack_bytes = p->call_stack};
        mote_needs *n = &rows[i].needs;
        rows[i].measured = mote_measure(scratch_arena, wasm, len, NULL, &cfg, n) == MOTE_OK;
        rows[i].arena = rows[i].measured ? sizing_grown_total(n, growth) : 0;
        rows[i].image_start = header + n->instance_bytes;
    }
    if (!rows[0].measured) {
        printf("\narena: cannot measure: %s\n", mote_arena_error(scratch_arena)->message);
        return;
    }
    const mote_needs *n = &rows[0].needs;
    char a[32], b[32];
    printf("\narena: %zu bytes for mote run (value stack %s, call stack %s)\n", rows[0].arena,
           cli_bytes(host->value_stack, a), cli_bytes(host->call_stack, b));
    printf("  module %zu bytes (compiled code %zu; %zu while loading), instance %zu\n",
           n->module_bytes, code_bytes, n->load_peak, n->instance_bytes);
    if (growth != 0)
        printf("  memory 0 counted at its maximum, %llu bytes: %zu more than at the start\n",
               (unsigned long long)initial_memory + growth, growth);
    else if (memory->page_size != 0 && !memory->has_max)
        printf("  memory 0 counted at its initial size: it has no maximum, so memory.grow "
               "needs more\n");
    printf("\n%-16s %-14s %9s %10s %-10s", "board", "value+call", "arena", "free RAM", "fits");
    if (header != 0)
        printf(" %10s %s", "with image", "fits");
    printf("\n");
    for (size_t i = 0; i < count; i++)
        print_row(i == 0 ? host : &board_profiles[i], &rows[i], growth, initial_memory,
                  header != 0);
    if (header != 0)
        printf("\nwith image: the code precompiled into %zu bytes of flash; the arena holds a "
               "%zu-byte module header and the instance\n",
               image_len, header);
    if (growth != 0)
        printf("mem<=N: fits at the start; memory 0 can grow to N bytes there, not to its "
               "maximum\n");
}

int cmd_inspect(int argc, char **argv)
{
    const char *path = NULL;
    board_profile host = board_profiles[0];
    uint64_t mem_cap = 0;
    for (int i = 1; i < argc; i++) {
        const char *value = NULL;
        bool bad = false;
        uint64_t size;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(HELP, stdout);
            return 0;
        } else if (cli_option(argc, argv, &i, "--stack", &value, &bad)) {
            if (bad || !cli_parse_size(value, &size) || size == 0 || size > UINT32_MAX)
                return bad ? EXIT_USAGE
                           : cli_fail(EXIT_USAGE, "--stack %s: not a size (e.g. 8192, 8K)", value);
            host.value_stack = (uint32_t)size;
        } else if (cli_option(argc, argv, &i, "--call-stack", &value, &bad)) {
            if (bad || !cli_parse_size(value, &size) || size == 0 || size > UINT32_MAX)
                return bad ? EXIT_USAGE
                           : cli_fail(EXIT_USAGE, "--call-stack %s: not a size (e.g. 2048, 2K)",
                                      value);
            host.call_stack = (uint32_t)size;
        } else if (cli_option(argc, argv, &i, "--mem-cap", &value, &bad)) {
            if (bad || !cli_parse_size(value, &mem_cap))
                return bad ? EXIT_USAGE
                           : cli_fail(EXIT_USAGE, "--mem-cap %s: not a size (e.g. 8K)", value);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_fail(EXIT_USAGE, "unknown option %s (see mote inspect --help)", argv[i]);
        } else if (path != NULL) {
            return cli_fail(EXIT_USAGE, "one module at a time: %s and %s", path, argv[i]);
        } else {
            path = argv[i];
        }
    }
    if (path == NULL)
        return cli_fail(EXIT_USAGE, "which module? usage: mote inspect app.wasm");
    size_t len;
    uint8_t *wasm = cli_read_module(path, &len);
    if (wasm == NULL)
        return EXIT_SETUP;
    scratch s;
    mote_module *m;
    mote_status st = scratch_load(&s, wasm, len, &m);
    int status = 0;
    if (st != MOTE_OK) {
        status = cli_fail(EXIT_INVALID, "%s: cannot load: %s", path,
                          s.arena != NULL ? mote_arena_error(s.arena)->message : "out of memory");
    } else {
        printf("%s: %zu bytes\n", path, len);
        print_externs(m);
        print_memories_tables(m, wasm, len);
        mote_limits memory = sizing_own_memory(m, wasm, len);
        size_t code = mote_module_code_bytes(m);
        mote_unload(m); /* the scratch arena is needed whole for measuring */
        print_sizing(s.arena, wasm, len, &host, mem_cap, &memory, code);
    }
    scratch_free(&s);
    free(wasm);
    return status;
}
