/*
 * mote validate app.wasm -- loads the module with the core, which decodes,
 * validates and compiles all of it, and reports the first problem with
 * the place the core names ("func 12 +0x3a1: type mismatch ...").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "scratch.h"

static const char HELP[] =
    "usage: mote validate [--help] app.wasm\n"
    "\n"
    "Decodes and validates a WebAssembly module as mote loads it (the same\n"
    "code as on a board) and prints the result.  A problem is reported with\n"
    "its place: the function index and the byte offset in the file.\n"
    "\n"
    "exit status: 0 valid, 1 not valid (malformed, invalid, or beyond one of\n"
    "mote's limits), 2 bad command line, 125 the file cannot be read.\n";

int cmd_validate(int argc, char **argv)
{
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(HELP, stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_fail(EXIT_USAGE, "unknown option %s (see mote validate --help)", argv[i]);
        if (path != NULL)
            return cli_fail(EXIT_USAGE, "one module at a time: %s and %s", path, argv[i]);
        path = argv[i];
    }
    if (path == NULL)
        return cli_fail(EXIT_USAGE, "which module? usage: mote validate app.wasm");
    size_t len;
    uint8_t *wasm = cli_read_module(path, &len);
    if (wasm == NULL)
        return EXIT_SETUP;
    scratch s;
    mote_module *module;
    mote_status st = scratch_load(&s, wasm, len, &module);
    int status = 0;
    if (st == MOTE_OK) {
        printf("%s: valid (%u imports, %u exports, %zu bytes compiled)\n", path,
               mote_module_num_imports(module), mote_module_num_exports(module),
               mote_module_code_bytes(module));
    } else if (s.arena == NULL) {
        status = cli_fail(EXIT_SETUP, "%s: out of memory", path);
    } else {
        const mote_error *e = mote_arena_error(s.arena);
        const char *name = mote_status_name(st);
        bool named = strncmp(e->message, name, strlen(name)) == 0;
        status = cli_fail(EXIT_INVALID, "%s: %s%s%s", path, named ? "" : name, named ? "" : ": ",
                          e->message);
    }
    scratch_free(&s);
    free(wasm);
    return status;
}
