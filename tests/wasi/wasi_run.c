/*
 * wasi_run.c -- a minimal host driver: runs one app with the core and
 * WASI-lite, as a board's firmware would (mote_wasi_run_app), and exits
 * with the app's status.  Linked twice: wasi-run on the POSIX host HAL
 * (real time, the terminal), wasi-run-sim on the simulated HAL (virtual
 * time, scripted pins; deterministic output for tests).  The full `mote`
 * CLI is tools/mote; this is only what WASI-lite's tests need.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mote/hal.h>
#include <mote/mote.h>
#include <mote/wasi.h>

#include "read_file.h"
#include "sim_hal.h"

#define MAX_ENV 16

static void usage(void)
{
    fprintf(stderr,
            "usage: wasi-run [options] app.wasm [args...]\n"
            "  --env K=V             an environment variable (up to %d)\n"
            "  --pins MASK           GPIO pins the app may use (default 0xffffffff)\n"
            "  --timers N            timers the app may use (default %d)\n"
            "  --arena BYTES         arena size (default 1048576)\n"
            "  --cooperative         waits pause the app; the driver sleeps and resumes\n"
            "  --fuel N              run in slices of N units of fuel\n"
            "  --stats               pauses and arena use on stderr at the end\n"
            "simulator only (wasi-run-sim):\n"
            "  --drive PIN=LEVEL@US  an input pin changes level at a virtual time\n"
            "  --input-at US         stdin arrives at this virtual time (default 0)\n"
            "  --trace               GPIO output changes on stderr\n"
            "  --until US            stop (status 98) if virtual time passes US\n"
            "  --wall-clock US       set the wall clock (mote_hal_rtc_set) to US since 1970\n",
            MAX_ENV, MOTE_WASI_MAX_TIMERS);
    exit(2);
}

static unsigned long long number(const char *text)
{
    char *end;
    unsigned long long n = strtoull(text, &end, 0);
    if (*text == '\0' || *end != '\0') {
        fprintf(stderr, "wasi-run: not a number: %s\n", text);
        exit(2);
    }
    return n;
}

static void need_sim(const char *option)
{
    if (!sim_available()) {
        fprintf(stderr, "wasi-run: %s needs the simulator (wasi-run-sim)\n", option);
        exit(2);
    }
}

/* --drive PIN=LEVEL@US */
static void add_drive(const char *spec)
{
    unsigned pin, level;
    unsigned long long at;
    if (sscanf(spec, "%u=%u@%llu", &pin, &level, &at) != 3 || !sim_gpio_drive(pin, level, at)) {
        fprintf(stderr, "wasi-run: bad --drive %s (PIN=LEVEL@US, in time order)\n", spec);
        exit(2);
    }
}

/* Simulator: all of stdin arrives at one virtual time. */
static void script_stdin(uint64_t at)
{
    static char buf[65536];
    size_t len = fread(buf, 1, sizeof buf, stdin);
    if (len > 0 && !sim_console_input(at, buf, len)) {
        fprintf(stderr, "wasi-run: too much input\n");
        exit(2);
    }
}

static unsigned long pauses;

static void count_pause(mote_wasi *ctx, mote_instance *inst, void *user)
{
    (void)ctx, (void)inst, (void)user;
    pauses++;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

int main(int argc, char **argv)
{
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.pins = 0xFFFFFFFFu;
    cfg.max_timers = MOTE_WASI_MAX_TIMERS;
    static const char *env[MAX_ENV];
    size_t arena_size = 1024 * 1024;
    uint64_t input_at = 0;
    uint64_t wall_clock = 0;
    bool stats = false;
    cfg.on_pause = count_pause;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        const char *opt = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(opt, "--cooperative")) {
            cfg.cooperative = true;
        } else if (!strcmp(opt, "--stats")) {
            stats = true;
        } else if (!strcmp(opt, "--trace")) {
            need_sim(opt);
            sim_gpio_trace(stderr);
        } else if (!has_value) {
            usage();
        } else if (!strcmp(opt, "--env") && cfg.envc < MAX_ENV) {
            env[cfg.envc++] = argv[++i];
        } else if (!strcmp(opt, "--pins")) {
            cfg.pins = number(argv[++i]);
        } else if (!strcmp(opt, "--timers")) {
            cfg.max_timers = (uint32_t)number(argv[++i]);
        } else if (!strcmp(opt, "--arena")) {
            arena_size = (size_t)number(argv[++i]);
        } else if (!strcmp(opt, "--fuel")) {
            cfg.fuel_slice = (int64_t)number(argv[++i]);
        } else if (!strcmp(opt, "--drive")) {
            need_sim(opt);
            add_drive(argv[++i]);
        } else if (!strcmp(opt, "--until")) {
            need_sim(opt);
            sim_time_limit(number(argv[++i]));
        } else if (!strcmp(opt, "--wall-clock")) {
            wall_clock = number(argv[++i]);
        } else if (!strcmp(opt, "--input-at")) {
            need_sim(opt);
            input_at = number(argv[++i]);
        } else {
            usage();
        }
    }
    if (i >= argc)
        usage();
    const char *path = argv[i];
    argv[i] = (char *)base_name(path); /* the app's argv[0] */
    cfg.argv = (const char *const *)&argv[i];
    cfg.argc = (uint32_t)(argc - i);
    cfg.envp = env;

    mote_hal_init();
    if (wall_clock != 0)
        mote_hal_rtc_set(wall_clock);
    if (sim_available()) {
        sim_console_echo(stdout);
        script_stdin(input_at);
    }
    size_t len;
    uint8_t *wasm = read_file(path, &len);
    void *buf = malloc(arena_size);
    mote_arena *arena = buf != NULL ? mote_arena_init(buf, arena_size) : NULL;
    static mote_wasi wasi;
    if (arena == NULL || mote_wasi_init(&wasi, &cfg) != MOTE_OK) {
        fprintf(stderr, "wasi-run: bad arena size or configuration\n");
        return 2;
    }
    int status = mote_wasi_run_app(&wasi, wasm, len, arena);
    fflush(stdout);
    if (stats)
        fprintf(stderr, "wasi-run: %lu pauses, arena peak %zu of %zu bytes\n", pauses,
                mote_arena_peak(arena), mote_arena_size(arena));
    free(buf);
    free(wasm);
    return status;
}
