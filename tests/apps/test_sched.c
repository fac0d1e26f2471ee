/*
 * test_sched.c -- the apps library on WASI-lite's simulated HAL (virtual
 * time, deterministic): the bare-metal scheduler's CPU shares and
 * priorities, a busy high-priority app that must not starve a low one, a
 * waking app preempting a busy one, a reactor app, and the life cycle of a
 * slot: start, stop, restart, and every refusal at start with its report.
 * Each slice charges the simulated clock 1 us per 10 units of fuel.
 *
 * usage: test_sched busy.wasm probe.wasm reactor.wasm
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/apps.h>
#include <mote/hal.h>

#include "mote_check.h"
#include "read_file.h"
#include "sim_hal.h"

MOTE_CHECK_DEFINE;

#define SLOT_RAM (160 * 1024) /* the reactor has a 64 KiB page */

static uint8_t *busy, *probe, *reactor;
static size_t busy_len, probe_len, reactor_len;

static mote_apps apps;
static mote_app slot[3];
static uint8_t ram[3][SLOT_RAM];
static char reports[8192];

static void report(mote_app *app, const char *line, void *user)
{
    (void)app;
    (void)user;
    size_t used = strlen(reports);
    snprintf(reports + used, sizeof reports - used, "%s\n", line);
}

static void charge(mote_app *app, int64_t fuel, void *user)
{
    (void)app;
    (void)user;
    sim_advance((uint64_t)fuel / 10u);
}

static bool reported(const char *text)
{
    bool found = strstr(reports, text) != NULL;
    if (!found)
        fprintf(stderr, "  no report contains '%s'; reports:\n%s", text, reports);
    return found;
}

/* A fresh set of n slots, the clock at 0. */
static void fresh(uint32_t n)
{
    sim_reset();
    sim_console_clear();
    reports[0] = 0;
    mote_apps_config cfg;
    mote_apps_config_init(&cfg);
    cfg.report = report;
    cfg.on_slice = charge;
    cfg.reserved_pins = 1ull << 31;
    CHECK_EQ(mote_apps_init(&apps, &cfg), MOTE_OK);
    for (uint32_t i = 0; i < n; i++) {
        memset(&slot[i], 0, sizeof slot[i]);
        CHECK_EQ(mote_apps_add(&apps, &slot[i], ram[i], sizeof ram[i]), MOTE_OK);
    }
}

static mote_manifest manifest(const char *text)
{
    mote_manifest m;
    mote_manifest_error err;
    if (!mote_manifest_parse_text(text, strlen(text), &m, &err)) {
        fprintf(stderr, "test manifest: %s\n", err.text);
        exit(2);
    }
    return m;
}

static mote_status start(uint32_t i, const uint8_t *wasm, size_t len, const char *mf,
                         const char *const *argv, uint32_t argc)
{
    slot[i].argv = argv;
    slot[i].argc = argc;
    mote_manifest m = manifest(mf);
    return mote_app_start(&slot[i], wasm, len, &m);
}

/* Runs the scheduler until the clock passes `us` (a task quits it). */
static uint64_t until_us;
static mote_apps_task stopper;

static uint64_t stop_at(void *user, uint64_t now)
{
    (void)user;
    if (now < until_us)
        return until_us;
    mote_apps_quit(&apps);
    return MOTE_APPS_NEVER;
}

static void run_until(uint64_t us)
{
    until_us = us;
    mote_apps_add_task(&apps, &stopper, stop_at, NULL);
    mote_apps_run(&apps);
}

static uint64_t cpu_ms(uint32_t i)
{
    mote_app_stats s;
    mote_app_stats_get(&slot[i], &s);
    return s.cpu_us / 1000u;
}

/* ---- CPU shares ------------------------------------------------------------ */

static const char *const busy_argv[] = {"busy", "0"};

static void shares(void)
{
    fresh(2);
    CHECK_EQ(start(0, busy, busy_len, "name a\nram 90K\ncpu 25% priority 2 watchdog off\n",
                   busy_argv, 2),
             MOTE_OK);
    CHECK_EQ(start(1, busy, busy_len, "name b\nram 90K\ncpu 75% priority 2 watchdog off\n",
                   busy_argv, 2),
             MOTE_OK);
    run_until(1000000);
    uint64_t a = cpu_ms(0), b = cpu_ms(1);
    printf("sched: shares 25%% / 75%%: %llu ms / %llu ms of 1 s\n", (unsigned long long)a,
           (unsigned long long)b);
    CHECK(a >= 240 && a <= 260);
    CHECK(b >= 740 && b <= 760);
    /* work-conserving: alone, a 25% app still gets the whole CPU */
    mote_app_stop(&slot[1]);
    uint64_t before = cpu_ms(0);
    run_until(2000000);
    CHECK(cpu_ms(0) - before >= 990);
}

/* ---- a busy high-priority app and a low one that waits ------------------------ */

static uint32_t probe_max_us(void)
{
    size_t len;
    const char *out = sim_console_output(&len);
    const char *p = strstr(out, "latency min ");
    unsigned long min, mean, max;
    if (p == NULL || sscanf(p, "latency min %lu mean %lu max %lu", &min, &mean, &max) != 3)
        return UINT32_MAX;
    return (uint32_t)max;
}

static void starvation(void)
{
    static const char *const probe_argv[] = {"probe", "10000", "50"};
    /* With a 30% share the busy app gives way within each 100 ms window. */
    fresh(2);
    CHECK_EQ(start(0, busy, busy_len, "name hog\nram 90K\ncpu 30% priority 5 watchdog off\n",
                   busy_argv, 2),
             MOTE_OK);
    CHECK_EQ(start(1, probe, probe_len, "name low\nram 90K\ntimers 1\ncpu 10% priority 1\n",
                   probe_argv, 3),
             MOTE_OK);
    run_until(2000000);
    CHECK_EQ(mote_app_state_of(&slot[1]), MOTE_APP_EXITED);
    uint32_t max = probe_max_us();
    printf("sched: a low app next to a busy high one with a 30%% share: latency max %u us\n", max);
    CHECK(max <= 31000);
    CHECK(cpu_ms(0) >= 1500); /* it still had the rest */
    /* With the whole CPU its share, the busy app starves the low one. */
    fresh(2);
    CHECK_EQ(start(0, busy, busy_len, "name hog\nram 90K\ncpu 100% priority 5 watchdog off\n",
                   busy_argv, 2),
             MOTE_OK);
    CHECK_EQ(start(1, probe, probe_len, "name low\nram 90K\ntimers 1\ncpu 10% priority 1\n",
                   probe_argv, 3),
             MOTE_OK);
    run_until(1000000);
    CHECK_EQ(mote_app_state_of(&slot[1]), MOTE_APP_RUNNING);
    CHECK(cpu_ms(1) == 0);
}

/* ---- a waking high-priority app preempts a busy low one ------------------------- */

static void preemption(void)
{
    static const char *const probe_argv[] = {"probe", "10000", "100"};
    fresh(2);
    CHECK_EQ(start(0, busy, busy_len, "name busy\nram 90K\ncpu 100% priority 1 watchdog off\n",
                   busy_argv, 2),
             MOTE_OK);
    CHECK_EQ(start(1, probe, probe_len, "name probe\nram 90K\ntimers 1\ncpu 10% priority 6\n",
                   probe_argv, 3),
             MOTE_OK);
    run_until(1200000);
    CHECK_EQ(mote_app_state_of(&slot[1]), MOTE_APP_EXITED);
    uint32_t max = probe_max_us();
    /* in the simulation, interrupts come between slices: at most one */
    printf("sched: probe next to a busy app: latency max %u us\n", max);
    CHECK(max <= 500);
}

/* ---- a reactor ------------------------------------------------------------------ */

static void reactor_app(void)
{
    static const char *const argv[] = {"reactor"};
    fresh(1);
    sim_gpio_drive(1, true, 0);
    sim_gpio_drive(1, false, 10000);
    CHECK_EQ(
        start(0, reactor, reactor_len, "name reactor\nram 150K\ntimers 1\npin 1 in\n", argv, 1),
        MOTE_OK);
    run_until(1000000);
    CHECK_EQ(mote_app_state_of(&slot[0]), MOTE_APP_EXITED);
    CHECK_EQ(mote_app_exit_code(&slot[0]), 5);
    size_t len;
    const char *out = sim_console_output(&len);
    CHECK(strstr(out, "reactor: tick 3 at 3000 us\n") != NULL);
    CHECK(strstr(out, "reactor: pin 1 level 0 at 10000 us\n") != NULL);
    CHECK(reported("reactor: exited with status 5"));
}

/* ---- a slot's life, and refusals at start ------------------------------------------ */

static uint32_t files_asked;

static bool no_files(mote_app *app, const mote_manifest *m, mote_wasi_config *c, void *user)
{
    (void)app;
    (void)c;
    (void)user;
    files_asked = m->files_bytes;
    return false;
}

static void life_cycle(void)
{
    fresh(3);
    const char *mf = "name a\nram 90K\npin 0 out\nuart console\n";
    CHECK_EQ(start(0, busy, busy_len, mf, busy_argv, 2), MOTE_OK);
    CHECK_EQ(mote_app_state_of(&slot[0]), MOTE_APP_RUNNING);
    CHECK(mote_apps_find(&apps, "a") == &slot[0]);
    CHECK_EQ(start(0, busy, busy_len, mf, busy_argv, 2), MOTE_ERR_STATE);
    run_until(10000);
    mote_app_stop(&slot[0]);
    CHECK_EQ(mote_app_state_of(&slot[0]), MOTE_APP_EMPTY);
    CHECK_EQ(mote_app_end_of(&slot[0]), MOTE_APP_END_STOPPED);
    CHECK(reported("a: stopped by the firmware"));
    CHECK(mote_apps_find(&apps, "a") == NULL);
    CHECK_EQ(mote_app_restart(&slot[0]), MOTE_OK);
    mote_app_stats s;
    mote_app_stats_get(&slot[0], &s);
    CHECK_EQ(s.restarts, 1);
    /* pins, the console and names are exclusive; reserved pins refused */
    CHECK_EQ(start(1, busy, busy_len, "name b\nram 90K\npin 0 in\n", busy_argv, 2),
             MOTE_ERR_ARGUMENT);
    CHECK(reported("b: failed: manifest: pin 0 is granted to 'a' already"));
    CHECK_EQ(start(1, busy, busy_len, "name b\nram 90K\nuart console\n", busy_argv, 2),
             MOTE_ERR_ARGUMENT);
    CHECK(reported("b: failed: manifest: uart 0 is granted to 'a' already"));
    CHECK_EQ(start(1, busy, busy_len, "name a\nram 90K\n", busy_argv, 2), MOTE_ERR_ARGUMENT);
    CHECK(reported("a: failed: manifest: an app of that name runs in another slot"));
    CHECK_EQ(start(1, busy, busy_len, "name b\nram 90K\npin 31 in\n", busy_argv, 2),
             MOTE_ERR_ARGUMENT);
    CHECK(reported("b: failed: manifest: manifest grants pin 31, which the firmware keeps"));
    CHECK_EQ(start(1, busy, busy_len, "name b\nram 200K\n", busy_argv, 2), MOTE_ERR_ARGUMENT);
    CHECK(reported("b: failed: manifest: manifest asks ram 204800, the slot has 163840"));
    CHECK_EQ(mote_app_end_of(&slot[1]), MOTE_APP_END_MANIFEST);
    /* too little RAM: the load says how much it needs, the arena stays whole */
    CHECK_EQ(start(1, busy, busy_len, "name b\nram 20K\n", busy_argv, 2), MOTE_ERR_ARGUMENT);
    CHECK_EQ(mote_app_end_of(&slot[1]), MOTE_APP_END_NO_MEMORY);
    CHECK(reported("b: failed: no memory: "));
    CHECK(reported("bytes"));
    /* not a module; no manifest; a malformed one */
    static const uint8_t junk[] = {0, 'a', 's', 'm', 2, 0, 0, 0};
    CHECK_EQ(start(1, junk, sizeof junk, "name b\nram 90K\n", busy_argv, 2), MOTE_ERR_ARGUMENT);
    CHECK_EQ(mote_app_end_of(&slot[1]), MOTE_APP_END_LOAD);
    CHECK_EQ(mote_app_start_signed(&slot[1], busy, busy_len, NULL, 0), MOTE_ERR_ARGUMENT);
    CHECK(reported("?: failed: manifest: the bundle carries no manifest"));
    static const uint8_t bad[] = {'m', 'f', 1, 0, 5, 4, 0, 0, 0};
    CHECK_EQ(mote_app_start_signed(&slot[1], busy, busy_len, bad, sizeof bad), MOTE_ERR_ARGUMENT);
    CHECK(reported("?: failed: manifest: manifest byte 4: entry runs past the end"));
    /* files granted, on a firmware without a file system; then with a
     * hook that refuses */
    CHECK_EQ(start(1, busy, busy_len, "name b\nram 90K\nfiles /data 4K 2\n", busy_argv, 2),
             MOTE_OK);
    CHECK(reported("b: files /data granted, but this firmware has no file system: none given"));
    mote_app_stop(&slot[1]);
    apps.cfg.files = no_files;
    CHECK_EQ(start(1, busy, busy_len, "name b\nram 90K\nfiles /data 4K 2\n", busy_argv, 2),
             MOTE_ERR_ARGUMENT);
    CHECK(reported("b: failed: manifest: files /data: the firmware could not give them"));
    CHECK_EQ(files_asked, 4096);
    apps.cfg.files = NULL;
    /* a good start in the same slot after all that */
    CHECK_EQ(start(1, busy, busy_len, "name b\nram 90K\n", busy_argv, 2), MOTE_OK);
    CHECK_EQ(mote_app_state_of(&slot[1]), MOTE_APP_RUNNING);
    mote_app_stop(&slot[0]);
    mote_app_stop(&slot[1]);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s busy.wasm probe.wasm reactor.wasm\n", argv[0]);
        return 2;
    }
    busy = read_file(argv[1], &busy_len);
    probe = read_file(argv[2], &probe_len);
    reactor = read_file(argv[3], &reactor_len);
    shares();
    starvation();
    preemption();
    reactor_app();
    life_cycle();
    return check_summary("test_sched");
}
