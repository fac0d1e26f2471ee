/*
 * internal.h -- what the parts of the apps library share: running one
 * slice of an app (app.c), ending it with a report (end.c), the report
 * lines (report.c).  The bare-metal scheduler (sched.c) and the FreeRTOS
 * runner (rtos.c) are both built on these.  External names start with ap_.
 */
#ifndef MOTE_APPS_INTERNAL_H
#define MOTE_APPS_INTERNAL_H

#include <mote/apps.h>
#include <mote/hal.h>

#include "text.h"

/* What one slice of an app came to. */
typedef enum ap_outcome {
    AP_RAN,         /* ran its slice (fuel, a yield, an interrupt): runnable */
    AP_WAITING,     /* its call waits for something: run it when woken */
    AP_HANDLED,     /* a reactor's handler returned: idle until its next event */
    AP_ENDED        /* it ended (exit, trap, error): ap_end has run */
} ap_outcome;

/* Runs one slice of at most `fuel` units; *fuel_used gets what it took. */
ap_outcome ap_step(mote_app *app, int64_t fuel, int64_t *fuel_used);

/* True if a RUNNING app could use the CPU now; an idle reactor that
 * nothing can wake any more is ended here (exit 0).  Arms the wake-up of
 * an app that waits (mote_wasi_ready). */
bool ap_ready(mote_app *app);

/* Accounts a slice of dt_us that came to `outcome`: CPU time, the CPU
 * window, the watchdog (ending the app when it ran too long). */
void ap_account(mote_app *app, ap_outcome outcome, uint64_t dt_us);

/* Ends a RUNNING app: drops its call, reports why (with the trap's
 * backtrace), stops its context and empties its arena.  The state becomes
 * EXITED, FAILED or (STOPPED) EMPTY.  Then cfg.on_stop, unless quiet. */
void ap_end(mote_app *app, mote_app_end why, int32_t code, const char *detail);

/* Starts the app's module again: the part of mote_app_start after the
 * manifest is set (app.c). */
mote_status ap_launch(mote_app *app);

/* The wake-up hook of every app's context: marks it woken and, when it
 * outranks the app running a slice, interrupts that one (sched.c; the
 * FreeRTOS runner has its own). */
void ap_on_wake(mote_wasi *ctx, void *user);

/* Its priority as the scheduler sees it: 1 + the manifest's, or 0 while it
 * is over its CPU share of the window. */
int ap_rank(const mote_app *app);

/* Runs the firmware tasks that are due or woken, and sets the hub timer
 * for the next one; true if any ran.  (apps.c) */
bool ap_run_tasks(mote_apps *apps, uint64_t now);
/* True if a task is woken or has a time to run. */
bool ap_tasks_alive(const mote_apps *apps);

/* Splits each running mailbox's slots among the running apps allowed to
 * message it (and `starting`, about to run), at least one each. */
void ap_update_shares(mote_apps *set, const mote_app *starting);

/* Reports a line "<name>: <text>" through cfg.report. */
void ap_report(mote_app *app, const char *text);

/* Gathers the figures of an app whose instance still exists. */
void ap_collect(mote_app *app);

#endif
