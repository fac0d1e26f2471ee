/*
 * main.c -- mote-spec on the host: the command line (options.h) around the
 * portable runner (runner.h).  A board runs the same through board_main.c.
 *
 *   mote-spec [options] file.json          (options: see options.h)
 *
 * Exit status: 0 when nothing failed and no expected failure is stale,
 * 1 otherwise, 2 for bad usage.
 */
#include "options.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    spec_options opts;
    memset(&opts, 0, sizeof opts);
    spec_config_default(&opts.cfg);
    const char *why = spec_parse_options(argc, argv, &opts);
    if (why) {
        fprintf(stderr, "mote-spec: %s\n%s", why, spec_usage);
        return 2;
    }
    return spec_run_options(&opts);
}
