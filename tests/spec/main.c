/*
 * main.c -- mote-spec on the host: the command line (options.h) around the
 * portable runner (runner.h).  A board runs the same through board_main.c.
 *
 *   mote-spec [options] file.json          (options: see options.h)
 *
 * With --region BYTES the module arenas come from one block of that size
 * (region_heap.h), sized by mote_measure() as on a board: the host32
 * preset needs it, because under qemu-i386 each large malloc()/free()
 * leaves address space behind until ASan runs out of it (DESIGN.md).
 *
 * Exit status: 0 when nothing failed and no expected failure is stale,
 * 1 otherwise, 2 for bad usage.
 */
#include "options.h"
#include "region_heap.h"

#include <stdio.h>
#include <stdlib.h>
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
    if (opts.region_bytes) {
        void *region = malloc(opts.region_bytes);
        if (!region) {
            fprintf(stderr, "mote-spec: no %zu bytes for --region\n", opts.region_bytes);
            return 2;
        }
        region_heap_init(region, opts.region_bytes);
        opts.cfg.arena_alloc = region_heap_alloc;
        opts.cfg.arena_free = region_heap_free;
        opts.cfg.arena_bytes = opts.region_bytes;
        if (!opts.cfg.fit_arena) {
            opts.cfg.fit_arena = true;
            opts.cfg.fit_headroom_now = region_heap_headroom;
        }
    }
    return spec_run_options(&opts);
}
