/*
 * sched.c -- the bare-metal scheduler: fuel slices, priorities, CPU shares,
 * wake-ups and sleep, on the firmware's main thread.
 *
 * A step runs the firmware's due tasks, then one slice of the app that
 * should run: the ready app of highest rank (ap_rank: 1 + its manifest
 * priority, 0 while it is over its CPU share of the current window), the
 * one that ran least recently among equals.  A slice ends when the app's
 * fuel is spent (cfg.slice_fuel units: loop iterations and calls), when it
 * waits (WASI-lite's cooperative mode pauses the call), or when something
 * of higher rank wakes: the wake-up hook interrupts the running instance
 * (mote_interrupt), which pauses at its next loop back-edge or call.  So a
 * timer of a high-priority app is served within one back-edge of a busy
 * neighbour, not one slice.
 *
 * When nothing is ready the CPU sleeps, interrupts locked across the last
 * look (the flag `pending`, set by every wake-up, closes the race).
 */
#include "internal.h"

void ap_on_wake(mote_wasi *ctx, void *user)
{
    (void)ctx;
    mote_app *app = user;
    mote_apps *apps = app->set;
    app->woken = true;
    if (apps->rtos_wake != NULL) {
        apps->rtos_wake(app);
        return;
    }
    apps->pending = true;
    mote_app *cur = apps->current;
    if (cur != NULL && cur != app && cur->inst != NULL && ap_rank(app) > ap_rank(cur))
        mote_interrupt(cur->inst);
}

/* A new window: every app has its whole share again. */
static void roll_window(mote_apps *apps, uint64_t now)
{
    if (now - apps->window_start < apps->cfg.window_us)
        return;
    apps->window_start = now;
    for (uint32_t i = 0; i < apps->count; i++)
        apps->app[i]->window_used_us = 0;
}

static mote_app *pick(mote_apps *apps)
{
    mote_app *best = NULL;
    int best_rank = -1;
    for (uint32_t i = 0; i < apps->count; i++) {
        mote_app *a = apps->app[i];
        if (a->state != MOTE_APP_RUNNING || !ap_ready(a))
            continue;
        int rank = ap_rank(a);
        if (rank > best_rank || (rank == best_rank && a->last_run < best->last_run)) {
            best = a;
            best_rank = rank;
        }
    }
    return best;
}

static void slice(mote_apps *apps, mote_app *app)
{
    if (app->waiting) {
        app->waiting = false;
        app->stats.wakeups++;
    }
    app->woken = false;
    app->last_run = ++apps->pass;
    int64_t used;
    uint64_t t0 = mote_hal_time_us();
    apps->current = app;
    ap_outcome outcome = ap_step(app, apps->cfg.slice_fuel, &used);
    apps->current = NULL;
    if (apps->cfg.on_slice != NULL)
        apps->cfg.on_slice(app, used, apps->cfg.user);
    /* An app that ended may have been started again from the stop hook,
     * loading included: that is not the new run's CPU time. */
    if (outcome != AP_ENDED)
        ap_account(app, outcome, mote_hal_time_us() - t0);
}

bool mote_apps_step(mote_apps *apps)
{
    uint64_t now = mote_hal_time_us();
    bool ran = ap_run_tasks(apps, now);
    roll_window(apps, now);
    mote_app *app = pick(apps);
    if (app == NULL)
        return ran;
    slice(apps, app);
    return true;
}

static bool any_running(const mote_apps *apps)
{
    for (uint32_t i = 0; i < apps->count; i++)
        if (apps->app[i]->state == MOTE_APP_RUNNING)
            return true;
    return false;
}

void mote_apps_run(mote_apps *apps)
{
    apps->quit = false;
    while (!apps->quit) {
        apps->pending = false;
        if (mote_apps_step(apps))
            continue;
        if (!any_running(apps) && !ap_tasks_alive(apps))
            return;
        mote_hal_irq_state s = mote_hal_irq_lock();
        if (!apps->pending)
            mote_hal_wait_for_interrupt();
        mote_hal_irq_unlock(s);
    }
}

void mote_apps_quit(mote_apps *apps)
{
    apps->quit = true;
}
