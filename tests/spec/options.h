/*
 * options.h -- mote-spec's command line, shared by the host's main.c and
 * a board's board_main.c (which gets its arguments through semihosting).
 *
 *   mote-spec [options] file.json
 *     --arena BYTES              each module's arena (default 64M)
 *     --fit-arena HEADROOM       size each arena to what mote_measure() says
 *                                the module needs plus HEADROOM bytes, at most
 *                                --arena (for small boards)
 *     --value-stack BYTES        each instance's value stack (default: core's)
 *     --call-stack BYTES         each instance's call stack (default: core's)
 *     --spectest-arena BYTES     the spectest module's arena (default 256K)
 *     --json-pool BYTES          memory for one command's JSON (default 64K)
 *     --expected-failures FILE   the expected-failures list
 *     --name NAME                the script's name in output and in the list
 *                                (default: file.json -> file.wast)
 *     --features LIST            all | none | comma list of tail-call,
 *                                extended-const, custom-page-sizes, simd,
 *                                relaxed-simd (default all)
 *     --keep-all                 keep every module until the end
 *     --not-built-ok             a module this build of the core leaves out
 *                                (MOTE_ERR_UNSUPPORTED) is skipped, not failed:
 *                                for builds without some feature groups
 *     --result-file FILE         also write the counts for summary.sh
 *   BYTES takes a K, M or G suffix.
 */
#ifndef MOTE_SPEC_OPTIONS_H
#define MOTE_SPEC_OPTIONS_H

#include "runner.h"

typedef struct spec_options {
    spec_config cfg;
    const char *result_file;
    const char *script;
    size_t region_bytes; /* host: --region, module arenas from one block */
} spec_options;

/* The usage text, for a "mote-spec: <why>" message. */
extern const char spec_usage[];

/*
 * Fills opts (which must hold defaults, see spec_config_default) from
 * argv[1..argc); argv[0] is the program.  Returns NULL, or the reason the
 * arguments are wrong.  The strings stay argv's.
 */
const char *spec_parse_options(int argc, char **argv, spec_options *opts);

/*
 * Runs opts->script and writes the result file if asked; prints to
 * opts->cfg.out.  Returns the process exit status: 0 when nothing failed
 * and no expected failure is stale, 1 otherwise.
 */
int spec_run_options(const spec_options *opts);

#endif
