/*
 * runner.h -- the portable spec-script runner.
 *
 * Runs one wast2json script (file.json plus its file.N.wasm modules, all in
 * one folder) against the mote core and counts the outcome of every command.
 * Standard C only (stdio, stdlib, string): the host's main.c and a board's
 * firmware main (reading files through semihosting) both drive it.
 *
 * What is printed, to cfg->out:
 *   - one line per failed command:  <name>:<line>: <command>: <what happened>
 *   - one line per command skipped because the arena is too small, and per
 *     stale expected-failures entry;
 *   - at the end exactly one summary line, see spec_print_summary().
 *
 * Counting: every assert_* command is one assertion and passes, fails or is
 * skipped.  module, register and action commands are not counted when they
 * succeed, but count as one failure (or one skip) when they fail (or are
 * skipped).  A skip is never a pass.  Skips are:
 *   text      a module given as wast text ("module_type": "text"): mote
 *             loads binary modules only;
 *   arena     a module that does not fit the arena (MOTE_ERR_NO_MEMORY,
 *             or the arena itself could not be allocated), and a failed
 *             command on a module whose memory or table could not grow
 *             for lack of arena room (see spec_module_diverged in
 *             script.h): a board with too little RAM;
 *   dependent a command that needs a module that was skipped;
 *   not built a module the core refuses with MOTE_ERR_UNSUPPORTED because
 *             this build leaves out a feature group it uses (MOTE_CONFIG,
 *             MOTE_WITH_<GROUP>), only with cfg->not_built_ok: a build
 *             with every group fails such a module instead.
 * A command that fails at a line listed in the expected-failures file counts
 * as an expected failure instead of a failure (see xfail.h).
 */
#ifndef MOTE_SPEC_RUNNER_H
#define MOTE_SPEC_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Big enough for memory.wast and memory_grow.wast; untouched pages of a
   malloc'd arena cost nothing on Linux (overcommit). */
#define SPEC_DEFAULT_ARENA_BYTES ((size_t)64 << 20)
/* The spectest module: a 1..2 page memory, a 10..20 table, four globals. */
#define SPEC_DEFAULT_SPECTEST_ARENA_BYTES ((size_t)256 << 10)
/* The largest command of the suite takes about 12 KiB of tree. */
#define SPEC_DEFAULT_JSON_POOL_BYTES ((size_t)64 << 10)
#define SPEC_DEFAULT_READ_BUFFER_BYTES ((size_t)4 << 10)

typedef struct spec_config {
    size_t arena_bytes;               /* each module's own arena (at most) */
    bool fit_arena;                   /* size each arena by mote_measure() to what
                                         the module needs plus room for its memory
                                         to grow (capped at arena_bytes): for
                                         boards, where a few MiB must hold every
                                         live module */
    size_t fit_headroom;              /* the most room a module's memory gets to
                                         grow in (only as much as its maximum
                                         allows, see peek.h) */
    size_t (*fit_headroom_now)(void); /* if set, asked for each module
                                 instead of fit_headroom (a board's, from
                                 what RAM is free) */
    uint32_t value_stack_bytes;       /* mote_instance_config; 0 = core default */
    uint32_t call_stack_bytes;        /* mote_instance_config; 0 = core default */
    size_t spectest_arena_bytes;
    size_t json_pool_bytes;   /* the tree of one command */
    size_t read_buffer_bytes; /* the window onto the JSON file */
    const char *name;         /* the script's name in messages and in the
                                 expected-failures list, e.g. "i32.wast" or
                                 "proposals/tail-call/return_call.wast";
                                 NULL: the JSON file's name, .json -> .wast */
    const char *xfail_path;   /* expected-failures file, or NULL */
    uint32_t features;        /* exactly the MOTE_FEATURE_* bits to enable
                                 (0 = none; unlike mote_load_config, where
                                 0 means all) */
    /*
     * Where the module arenas (and spectest's) come from; NULL: malloc()
     * and free().  A board passes an allocator over its free RAM
     * (region_heap.h): its malloc() heap is small, and may clear what it
     * hands out, at a cost in time that grows with the arena.
     */
    void *(*arena_alloc)(size_t bytes);
    void (*arena_free)(void *buf);
    bool not_built_ok; /* MOTE_ERR_UNSUPPORTED at load is a skip */
    bool keep_all;     /* keep every module's arena until the end,
                          instead of freeing modules nothing can
                          reach any more (see modules.c) */
    FILE *out;         /* NULL: stdout */
} spec_config;

typedef struct spec_counts {
    unsigned long passed, failed, skipped;
    unsigned long expected_failures; /* failures listed in the xfail file */
    unsigned long stale;             /* listed entries that did not fail */
    /* skipped, by reason (they add up to `skipped`) */
    unsigned long skipped_text, skipped_arena, skipped_dependent;
    unsigned long skipped_not_built;
} spec_counts;

void spec_config_default(spec_config *cfg);

/*
 * Runs the script at json_path, prints as described above and fills
 * *counts.  A script that cannot be read or parsed counts one failure.
 * Returns true when nothing failed and no expected failure is stale.
 */
bool spec_run_script(const spec_config *cfg, const char *json_path, spec_counts *counts);

/*
 * The summary line:  <name>: N passed, N failed, N skipped
 * followed, only when not zero, by " (N expected failures, N stale expected
 * failures; skipped: N text, N arena too small, N dependent)".
 */
void spec_print_summary(FILE *out, const char *name, const spec_counts *counts);

/*
 * Writes "<name> <passed> <failed> <skipped> <expected_failures> <stale>
 * <skipped_arena>\n" to path, for summary.sh to total.  False if the file
 * cannot be written.
 */
bool spec_write_result(const char *path, const char *name, const spec_counts *counts);

#endif
