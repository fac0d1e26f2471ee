/*
 * board_main.c -- mote-spec as board firmware, run under QEMU.
 *
 * The arguments are mote-spec's (options.h), given to QEMU after the image
 * as -append "..." and read back through semihosting (SYS_GET_CMDLINE,
 * picolibc's sys_semihost_get_cmdline); the script, its modules, the
 * expected-failures list and the result file are host files, opened with
 * fopen() through semihosting (paths relative to QEMU's working directory).
 * Output goes to the console (UART); the exit status ends QEMU.
 *
 * RAM: the module arenas live in the board's free RAM (mote_hal_board()),
 * handed out by region_heap.h and sized by mote_measure() (fit_arena), so
 * one script's live modules share what the board has; malloc() keeps a
 * small heap for the runner's bookkeeping and stdio (CMakeLists.txt sets
 * its size).  A module that cannot get its arena, or whose memory or table
 * cannot grow as far as the script expects, is skipped and counted as
 * "arena too small", never passed.
 */
#include "options.h"
#include "region_heap.h"

#include <mote/hal.h>

#include <semihost.h>
#include <stdio.h>
#include <string.h>

#define CMDLINE_BYTES 1024
#define MAX_ARGS 32

/*
 * Each instance's stacks.  The core's defaults (64 KiB of values, 8 KiB of
 * frames) would cost 72 KiB per live instance, and some scripts keep
 * dozens alive.  The suite's deepest recursion (depth 200, call.wast)
 * needs more than 4 KiB of frames on the host, and little value stack.
 */
#define BOARD_VALUE_STACK ((uint32_t)16 << 10)
#define BOARD_CALL_STACK ((uint32_t)8 << 10)

/* Splits the command line at spaces, in place (paths must not hold any). */
static int split(char *line, char **argv, int max)
{
    int argc = 0;
    char *p = line;
    while (*p) {
        while (*p == ' ')
            *p++ = '\0';
        if (*p == '\0')
            break;
        if (argc == max)
            return -1;
        argv[argc++] = p;
        while (*p && *p != ' ')
            p++;
    }
    return argc;
}

int main(void)
{
    static char cmdline[CMDLINE_BYTES];
    static char *argv[MAX_ARGS];
    mote_hal_init();
    /* QEMU gives "<image> <-append text>": argv[0] is the image. */
    if (sys_semihost_get_cmdline(cmdline, sizeof cmdline) != 0) {
        printf("mote-spec: no command line from semihosting (QEMU -append)\n");
        return 2;
    }
    int argc = split(cmdline, argv, MAX_ARGS);
    if (argc < 0) {
        printf("mote-spec: more than %d arguments\n", MAX_ARGS);
        return 2;
    }

    const mote_hal_board_info *board = mote_hal_board();
    if (board->free_ram_size == 0 || board->free_ram_size > board->ram_size) {
        /* The malloc() heap asked for at link time is more than the RAM
           left (sifive-e's 16 KiB): nothing here can run. */
        printf("mote-spec: %s has too little RAM for the runner\n", board->name);
        return 1;
    }
    region_heap_init((void *)board->free_ram_base, board->free_ram_size);
    spec_options opts;
    memset(&opts, 0, sizeof opts);
    spec_config_default(&opts.cfg);
    /* A board's defaults; the command line may change them. */
    opts.cfg.arena_alloc = region_heap_alloc;
    opts.cfg.arena_free = region_heap_free;
    opts.cfg.arena_bytes = board->free_ram_size;
    opts.cfg.fit_arena = true;
    opts.cfg.fit_headroom_now = region_heap_headroom;
    opts.cfg.value_stack_bytes = BOARD_VALUE_STACK;
    opts.cfg.call_stack_bytes = BOARD_CALL_STACK;
    const char *why = spec_parse_options(argc, argv, &opts);
    if (why) {
        printf("mote-spec: %s\n%s", why, spec_usage);
        return 2;
    }
    return spec_run_options(&opts);
}
