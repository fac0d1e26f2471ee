/*
 * main.c -- the apps example on bare metal (and on the host board): the
 * scheduler of mote/apps.h runs the apps; the firmware's own work is
 * tasks beside them: the update (at 1 s), the hostile app's next
 * misdeed, and the end of the run.
 */
#include <mote/hal.h>

#include "example.h"

#ifdef EXAMPLE_HOST_BOARD
#include "mote_host.h"

/* The host board's virtual clock stands still while code runs: charge
 * each slice 1 us per 10 units of fuel (a CPU of some 10 million loop
 * iterations a second), so that CPU shares and watchdogs see time pass. */
static void charge(mote_app *app, int64_t fuel, void *user)
{
    (void)app;
    (void)user;
    mote_host_spend_us((uint64_t)fuel / 10u);
    mote_host_check_stop();
}
#endif

static mote_apps_task end_task;

static uint64_t end_run(void *user, uint64_t now)
{
    (void)user;
    const uint64_t end = example_t0_us + (uint64_t)EXAMPLE_END_MS * 1000u;
    if (now < end)
        return end;
    example_report();
    example_say("example: done at %llu ms\n", (unsigned long long)((now - example_t0_us) / 1000u));
    mote_hal_exit(0);
}

#ifndef EXAMPLE_LATENCY
static mote_apps_task update_task, hostile_task;

static uint64_t hostile(void *user, uint64_t now)
{
    (void)user;
    return example_hostile_step(now);
}

static uint64_t update(void *user, uint64_t now)
{
    (void)user;
    const uint64_t at = example_t0_us + (uint64_t)EXAMPLE_UPDATE_AT_MS * 1000u;
    if (now < at)
        return at;
    example_update_poll();
    if (example_update_step()) /* the next piece 2 ms after this one ended */
        return mote_hal_time_us() + 2000u;
    return mote_hal_time_us() + 100000u; /* trials, 10 times a second */
}
#endif

int main(void)
{
    mote_hal_init();
    mote_apps_config cfg;
    mote_apps_config_init(&cfg);
#ifdef EXAMPLE_HOST_BOARD
    cfg.on_slice = charge;
#endif
    if (!example_setup(&cfg) || !example_start())
        return 1;
    mote_apps_add_task(&example_apps, &end_task, end_run, NULL);
#ifndef EXAMPLE_LATENCY
    mote_apps_add_task(&example_apps, &update_task, update, NULL);
    mote_apps_add_task(&example_apps, &hostile_task, hostile, NULL);
#endif
    mote_apps_run(&example_apps);
    example_report();
    example_say("example: every app has ended\n");
    return 0;
}
