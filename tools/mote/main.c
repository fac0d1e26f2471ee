/*
 * mote -- runs, inspects and validates WebAssembly apps for mote on a PC.
 * See docs/cli.md.
 */
#include <stdio.h>
#include <string.h>

#include <mote/mote.h>

#include "cli.h"
#include "commands.h"

static const char USAGE[] =
    "usage: mote <command> [options] app.wasm ...\n"
    "\n"
    "The mote WebAssembly VM on the host board: the same core and WASI-lite\n"
    "as on a microcontroller, with simulated GPIO, timers and UART.\n"
    "\n"
    "commands:\n"
    "  run        run an app (or --invoke one export) on the host board\n"
    "  inspect    imports, exports, memory, and the arena each board needs\n"
    "  validate   check a module as mote loads it; the place of a problem\n"
    "  fs         a flash image's files: format, ls, cat, get, put, mkdir, rm\n"
    "\n"
    "`mote app.wasm ...` is short for `mote run app.wasm ...`.\n"
    "`mote help <command>` (or `mote <command> --help`) describes each command;\n"
    "docs/cli.md has it all.\n"
    "\n"
    "exit status of mote run: the app's own, or\n"
    "  2 bad command line (also     124 --fuel or --time-limit reached\n"
    "    a value that can never work)\n"
    "  123 deadlock (nothing can   125 cannot read the module, open the UART\n"
    "      wake the app)               or the trace file\n"
    "  126 cannot load, link or    127 nothing to run (no _start, no such\n"
    "      instantiate the module      export)\n"
    "  128+N the app trapped; N = 1 unreachable, 2 out of bounds memory access,\n"
    "      3 out of bounds table access, 4 undefined element, 5 uninitialized\n"
    "      element, 6 indirect call type mismatch, 7 integer divide by zero,\n"
    "      8 integer overflow, 9 invalid conversion to integer, 10 call stack\n"
    "      exhausted, 11 a host function trapped\n";

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {
        {"run", cmd_run},
        {"inspect", cmd_inspect},
        {"validate", cmd_validate},
        {"fs", cmd_fs},
    };
    if (argc < 2) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "help") && argc > 2) {
        /* `mote help run` = `mote run --help` */
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
            if (!strcmp(argv[2], commands[i].name)) {
                cli_command = commands[i].name;
                char *help_argv[] = {argv[2], "--help", NULL};
                return commands[i].run(2, help_argv);
            }
        }
        return cli_fail(EXIT_USAGE,
                        "no command '%s' to describe (commands: run, inspect, "
                        "validate)",
                        argv[2]);
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("mote %s\n", MOTE_VERSION_STRING);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            cli_command = commands[i].name;
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    size_t n = strlen(argv[1]);
    if (n > 5 && !strcmp(argv[1] + n - 5, ".wasm")) {
        cli_command = "run";
        argv[0] = "run"; /* `mote app.wasm args` = `mote run app.wasm args` */
        return cmd_run(argc, argv);
    }
    return cli_fail(EXIT_USAGE,
                    "unknown command '%s' (commands: run, inspect, validate, fs; "
                    "see mote --help)",
                    argv[1]);
}
