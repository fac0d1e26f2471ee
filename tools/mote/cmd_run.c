/*
 * mote run -- an app on the host board, with WASI-lite, as a device's
 * firmware runs it (wasi-lite/firmware/app_main.c does the same on a
 * board): load into the arena, instantiate with WASI-lite's imports, run
 * the command or reactor, or one export (--invoke).  The board's setup --
 * virtual time, scripted pins, trace, UART -- comes from the options.
 *
 * The app's console is the board's UART (stdout unless --uart); mote's
 * own messages go to stderr.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/hal.h>
#include <mote/wasi.h>
#include <mote_host.h>

#include "cli.h"
#include "commands.h"
#include "dwarf_line.h"
#include "invoke.h"
#include "run_files.h"
#include "run_options.h"
#include "sizing.h"

typedef struct run {
    run_options o;
    uint8_t *wasm;
    size_t wasm_len;
    void *arena_buf; /* malloc'd for --arena, else the board's */
    mote_arena *arena;
    mote_instance *volatile inst; /* read by the stop notifier, in a signal handler */
    mote_wasi wasi;
    const char *env[RUN_MAX_ENV + 1];
    const char **argv;
} run;

static run R; /* static: board callbacks and WASI-lite's context refer to it */

static void print_stats(void)
{
    if (!R.o.stats || R.arena == NULL)
        return;
    fprintf(stderr, "mote: arena peak %zu of %zu bytes", mote_arena_peak(R.arena),
            mote_arena_size(R.arena));
    if (R.inst != NULL && R.o.fuel > 0)
        fprintf(stderr, ", fuel used %lld of %lld", (long long)(R.o.fuel - mote_get_fuel(R.inst)),
                (long long)R.o.fuel);
    fprintf(stderr, ", %s time %llu us\n", R.o.virtual_time ? "virtual" : "real",
            (unsigned long long)mote_hal_time_us());
}

/* Ends the process: stats, the board's trace and flash, the status. */
static _Noreturn void end(int status)
{
    fflush(stdout);
    print_stats();
    mote_host_finish();
    exit(status);
}

/* ---- the board stopping the run (time limit, deadlock, Ctrl-C) ------------ */

static void notify_stop(void *user)
{
    (void)user;
    mote_instance *inst = R.inst;
    if (inst != NULL)
        mote_interrupt(inst); /* running Wasm code pauses at its next call or loop */
}

static void on_stop(mote_host_stop_reason reason, void *user)
{
    (void)user;
    unsigned long long now = mote_hal_time_us();
    if (reason == MOTE_HOST_STOP_SIGNAL) {
        fflush(stdout);
        print_stats();
        mote_host_finish();
        int sig = mote_host_stop_signal();
        signal(sig, SIG_DFL);
        raise(sig);
        exit(128 + sig);
    }
    if (reason == MOTE_HOST_STOP_TIME_LIMIT) {
        cli_fail(0, "%s: stopped at the time limit, %llu us", R.o.module, now);
        end(EXIT_LIMIT);
    }
    cli_fail(0,
             "%s: deadlock at %llu us: the app waits, but no timer runs, no scripted input "
             "is left and no console input can come",
             R.o.module, now);
    end(EXIT_DEADLOCK);
}

/* A pause: a stop request (handled above), or the --fuel budget spent. */
static bool budget_left(mote_instance *inst)
{
    mote_host_check_stop();
    return R.o.fuel == 0 || mote_get_fuel(inst) > 0;
}

static void on_pause(mote_wasi *ctx, mote_instance *inst, void *user)
{
    (void)user;
    if (!budget_left(inst)) {
        mote_abandon(inst);
        mote_wasi_forget_wait(ctx);
    }
}

static bool invoke_pause(mote_instance *inst, void *user)
{
    (void)user;
    return budget_left(inst);
}

/* ---- reporting --------------------------------------------------------------- */

static void write_stderr(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    fwrite(text, 1, len, stderr);
}

/* A frame's source place, when the module carries a DWARF line table. */
static size_t locate_frame(void *user, const mote_frame *frame, char *out, size_t cap)
{
    const dwarf_lines *lines = user;
    return frame->offset != 0 ? dwarf_lines_lookup(lines, frame->offset, out, cap) : 0;
}

/* The exit status for a call that did not end with the app's own status. */
static int call_failed(mote_status st)
{
    if (st == MOTE_TRAP) {
        /* The firmware's format (mote_wasi_report), plus file:line. */
        static dwarf_lines lines;
        bool have_lines = dwarf_lines_open(&lines, R.wasm, R.wasm_len);
        mote_trap_print_options options = {.rename = mote_wasi_demangle_rename,
                                           .locate = have_lines ? locate_frame : NULL,
                                           .user = &lines};
        fflush(stdout);
        fputs("mote: ", stderr);
        mote_trap_print_with(R.inst, write_stderr, NULL, &options);
        return EXIT_TRAP + (int)mote_arena_error(R.arena)->trap;
    }
    if (st == MOTE_PAUSED || (st == MOTE_ERR_STATE && R.o.fuel > 0 && mote_get_fuel(R.inst) <= 0))
        return cli_fail(EXIT_LIMIT, "%s: out of fuel after %lld units (--fuel)", R.o.module,
                        (long long)R.o.fuel);
    return cli_fail(EXIT_NOT_RUN, "%s: %s", R.o.module, mote_arena_error(R.arena)->message);
}

/* A load or instantiation failure, with what to do about it. */
static int not_run(const char *step, const uint8_t *wasm, size_t len)
{
    const mote_error *e = mote_arena_error(R.arena);
    const char *name = mote_status_name(e->status);
    bool named = strncmp(e->message, name, strlen(name)) == 0;
    const char *hint = "";
    char advice[96];
    size_t need;
    mote_instance_config cfg = {.value_stack_bytes = R.o.value_stack,
                                .call_stack_bytes = R.o.call_stack,
                                .memory_cap = R.o.mem_cap};
    if (e->status == MOTE_ERR_NO_MEMORY && sizing_arena_for(wasm, len, &cfg, &need)) {
        snprintf(advice, sizeof advice, " (with these stacks it needs --arena %zu)", need);
        hint = advice;
    } else if (e->status == MOTE_ERR_NO_MEMORY)
        hint = " (give a larger --arena)";
    else if (e->status == MOTE_ERR_UNLINKABLE)
        hint = " (mote provides the wasi_snapshot_preview1 and mote modules)";
    else if (e->status == MOTE_ERR_LIMIT && strstr(e->message, "cap") != NULL)
        hint = " (raise --mem-cap)";
    return cli_fail(EXIT_NOT_RUN, "%s: cannot %s: %s%s%s%s", R.o.module, step, named ? "" : name,
                    named ? "" : ": ", e->message, hint);
}

/* ---- setting up ------------------------------------------------------------------ */

/* The board's setup from the options; the UART last, since a socket waits
 * for its client. */
static int setup_board(void)
{
    char err[256];
    mote_host_set_virtual_time(R.o.virtual_time);
    mote_host_set_time_limit(R.o.time_limit);
    mote_host_set_uart_eof_byte(0x04); /* WASI-lite's end of file: fgets() loops end */
    if (R.o.gpio_in != NULL && !mote_host_gpio_input(R.o.gpio_in, err, sizeof err))
        return cli_fail(EXIT_USAGE, "--gpio-in %s", err);
    if (R.o.gpio_trace != NULL && !mote_host_gpio_trace(R.o.gpio_trace, err, sizeof err))
        return cli_fail(EXIT_SETUP, "--gpio-trace: %s", err);
    if (R.o.epoch_given)
        mote_host_set_epoch(R.o.epoch);
    /* (The spec's form was checked with the options: what fails here is
     * opening it -- a port in use, a path that cannot be created.) */
    if (R.o.uart != NULL && !mote_host_set_uart(R.o.uart, err, sizeof err))
        return cli_fail(EXIT_SETUP, "--uart: %s", err);
    mote_host_on_stop(notify_stop, on_stop, NULL);
    return -1;
}

static int make_arena(void)
{
    void *buf;
    size_t size;
    if (R.o.arena != 0) {
        size = (size_t)R.o.arena;
        buf = R.arena_buf = malloc(size);
    } else {
        const mote_hal_board_info *board = mote_hal_board();
        buf = (void *)board->free_ram_base;
        size = board->free_ram_size;
    }
    if (buf == NULL)
        return cli_fail(EXIT_SETUP, "cannot allocate a %zu-byte arena", size);
    R.arena = mote_arena_init(buf, size);
    if (R.arena == NULL)
        return cli_fail(EXIT_NOT_RUN,
                        "--arena %zu: too small even for the arena's own "
                        "bookkeeping (mote inspect tells the size)",
                        size);
    return -1;
}

/* The app's stderr goes to mote's stderr when the console is stdio, so
 * that a shell can tell the two apart; with a pty or socket as the UART
 * both go there, as on a board. */
static void write_output(uint32_t fd, const void *data, size_t len, void *user)
{
    (void)user;
    if (fd == 2) {
        fflush(stdout); /* keep the order of the app's writes */
        fwrite(data, 1, len, stderr);
        fflush(stderr);
    } else {
        mote_hal_console_write(data, len);
    }
}

static int setup_wasi(void)
{
    /* The environment is the app's --env and nothing else. */
    for (uint32_t i = 0; i < R.o.envc; i++)
        R.env[i] = R.o.env[i];
    R.argv = calloc((size_t)R.o.num_args + 1, sizeof *R.argv);
    if (R.argv == NULL)
        return cli_fail(EXIT_SETUP, "out of memory");
    R.argv[0] = R.o.module;
    for (int i = 0; i < R.o.num_args; i++)
        R.argv[i + 1] = R.o.args[i];
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.argv = R.argv;
    cfg.argc = R.o.invoke != NULL ? 1 : (uint32_t)R.o.num_args + 1;
    cfg.envp = R.env;
    cfg.envc = R.o.envc;
    if (R.o.uart == NULL || strcmp(R.o.uart, "stdio") == 0)
        cfg.write = write_output;
    cfg.pins = R.o.pins;
    cfg.max_timers = R.o.timers;
    cfg.on_pause = on_pause;
    cfg.instance.value_stack_bytes = R.o.value_stack;
    cfg.instance.call_stack_bytes = R.o.call_stack;
    cfg.instance.memory_cap = R.o.mem_cap;
    cfg.instance.start_fuel = R.o.fuel; /* --fuel bounds a start function too */
    int files = run_files_setup(&R.o, &cfg);
    if (files >= 0)
        return files;
    mote_status st = mote_wasi_init(&R.wasi, &cfg);
    if (st == MOTE_ERR_UNSUPPORTED)
        return cli_fail(EXIT_USAGE, "--dir and --flash: this mote has no WASI files "
                                    "(built with MOTE_WASI_FILES=OFF)");
    if (st != MOTE_OK)
        return cli_fail(EXIT_USAGE, "bad WASI-lite configuration");
    return -1;
}

static int instantiate(const mote_module *module, const uint8_t *wasm, size_t len)
{
    mote_instance *inst;
    mote_status st = mote_wasi_instantiate(&R.wasi, R.arena, module, &R.wasi.cfg.instance, &inst);
    if (st == MOTE_ERR_LIMIT && mote_arena_error(R.arena)->status != st)
        return cli_fail(EXIT_NOT_RUN, "%s: cannot instantiate: more than %d WASI-lite imports",
                        R.o.module, MOTE_WASI_MAX_IMPORTS);
    if (st == MOTE_TRAP) {
        R.inst = NULL;
        return cli_fail(EXIT_TRAP + (int)mote_arena_error(R.arena)->trap,
                        "%s: trap while instantiating: %s", R.o.module,
                        mote_arena_error(R.arena)->message);
    }
    if (st != MOTE_OK)
        return not_run("instantiate", wasm, len);
    if (R.o.fuel > 0)
        mote_set_fuel(inst, R.o.fuel); /* one budget for the whole run */
    R.inst = inst;
    return -1;
}

/* ---- running ----------------------------------------------------------------------- */

static int run_app(void)
{
    int32_t code = 0;
    mote_status st;
    if (mote_export_func(R.inst, "_start") != NULL)
        st = mote_wasi_run_command(&R.wasi, R.inst, &code);
    else if (mote_export_func(R.inst, "mote_on_event") != NULL)
        st = mote_wasi_run_reactor(&R.wasi, R.inst, &code);
    else
        return cli_fail(EXIT_NO_ENTRY,
                        "%s exports neither _start (a command) nor mote_on_event "
                        "(a reactor); to call a function use --invoke NAME",
                        R.o.module);
    mote_wasi_stop(&R.wasi);
    if (st == MOTE_OK || st == MOTE_EXIT)
        return code & 0xFF;
    return call_failed(st);
}

static int run_invoke(void)
{
    mote_status st;
    int status = invoke_export(R.inst, R.o.invoke, R.o.args, R.o.num_args, invoke_pause, NULL, &st);
    mote_wasi_stop(&R.wasi);
    if (status != 0)
        return status;
    if (st == MOTE_EXIT)
        return mote_exit_code(R.inst) & 0xFF;
    return st == MOTE_OK ? 0 : call_failed(st);
}

/* Before the board starts: gives back what cmd_run() took. */
static int give_up(int status)
{
    free(R.wasm);
    free(R.arena_buf);
    R.wasm = NULL;
    R.arena_buf = NULL;
    R.arena = NULL;
    return status;
}

int cmd_run(int argc, char **argv)
{
    int st = run_options_parse(&R.o, argc, argv);
    if (st >= 0)
        return st;
    size_t len;
    uint8_t *wasm = R.wasm = cli_read_module(R.o.module, &len);
    if (wasm == NULL)
        return EXIT_SETUP;
    R.wasm_len = len;
    mote_module *module;
    if ((st = make_arena()) >= 0)
        return give_up(st);
    if (mote_load(R.arena, wasm, len, NULL, &module) != MOTE_OK)
        return give_up(not_run("load", wasm, len));
    if ((st = setup_board()) >= 0 || (st = run_files_board(&R.o)) >= 0)
        end(st);
    mote_hal_init();
    if ((st = setup_wasi()) >= 0)
        end(st);
    if ((st = instantiate(module, wasm, len)) >= 0)
        end(st);
    end(R.o.invoke != NULL ? run_invoke() : run_app());
}
