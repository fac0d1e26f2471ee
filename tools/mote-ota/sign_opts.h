/*
 * sign_opts.h -- the options of `mote-ota sign`, which are imgtool sign's
 * (same names, same values), and of `mote-ota imgtool sign`, which also
 * applies imgtool's own rules (required -v, -H and -S, positional INFILE
 * OUTFILE, the header space of an image without --pad-header) so that an
 * imgtool command line can be checked and run where imgtool is not
 * installed.  One table lists every imgtool sign option with what mote
 * does with it; docs/ota.md shows the same table.
 */
#ifndef MOTE_OTA_SIGN_OPTS_H
#define MOTE_OTA_SIGN_OPTS_H

#include <stdbool.h>
#include <stdio.h>

#include "bundle.h"

typedef struct sign_args {
    const char *key, *in, *out;
    bundle_params p;
    bool have_version, have_header_size, pad_header, not_wasm, counter_auto;
    uint8_t *custom_data[BUNDLE_MAX_CUSTOM]; /* custom TLV values, malloc'd */
} sign_args;

/* Parses argv (argv[0] is the command).  strict: `mote-ota imgtool sign`.
 * Returns 0 when *a is ready, -1 when help was printed, else an exit code
 * after a one-line error. */
int sign_parse(int argc, char **argv, bool strict, sign_args *a);
void sign_args_free(sign_args *a);

/* The option list for --help: mote-ota sign's options, or (strict) every
 * imgtool sign option and what mote does with it. */
void sign_print_options(FILE *out, bool strict);

#endif
