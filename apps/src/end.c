/*
 * end.c -- how an app ends: its call dropped, one report line saying why
 * (with a trap's backtrace after it), its WASI-lite context stopped (its
 * timers, watched pins, events and mailbox go with it) and its arena
 * emptied, so that the slot's RAM is whole again for the next start.
 */
#include <string.h>

#include "internal.h"

#define MAX_FRAMES 8

static const char *const end_names[] = {
    [MOTE_APP_END_NONE] = "none",         [MOTE_APP_END_EXIT] = "exit",
    [MOTE_APP_END_TRAP] = "trap",         [MOTE_APP_END_WATCHDOG] = "watchdog",
    [MOTE_APP_END_NO_MEMORY] = "no memory", [MOTE_APP_END_LOAD] = "load",
    [MOTE_APP_END_MANIFEST] = "manifest", [MOTE_APP_END_STOPPED] = "stopped",
};

const char *mote_app_end_name(mote_app_end end)
{
    return (unsigned)end < sizeof end_names / sizeof end_names[0] ? end_names[end] : "?";
}

/* "  #0 func 3 <crash_here> +0x2b", one line per frame. */
static void report_frames(mote_app *app)
{
    mote_frame frames[MAX_FRAMES];
    size_t n = mote_backtrace(app->inst, frames, MAX_FRAMES);
    for (size_t i = 0; i < n; i++) {
        char line[96];
        at_text t = at_begin(line, sizeof line);
        at_str(&t, "  #");
        at_u64(&t, i);
        at_str(&t, " func ");
        at_u64(&t, frames[i].func);
        size_t len = 0;
        const mote_instance *owner = frames[i].instance ? frames[i].instance : app->inst;
        const char *name = mote_module_func_name(mote_instance_module(owner), frames[i].func, &len);
        if (name != NULL) {
            at_str(&t, " <");
            at_mem(&t, name, len > 40 ? 40 : len);
            at_str(&t, ">");
        }
        ap_report(app, line);
    }
}

static void report_end(mote_app *app, mote_app_end why, int32_t code, const char *detail)
{
    char line[200];
    at_text t = at_begin(line, sizeof line);
    uint64_t ran = mote_hal_time_us() - app->stats.started_us;
    if (why == MOTE_APP_END_EXIT) {
        at_str(&t, "exited with status ");
        if (code < 0) {
            at_str(&t, "-");
            at_u64(&t, (uint64_t)-(int64_t)code);
        } else {
            at_u64(&t, (uint64_t)code);
        }
    } else if (why == MOTE_APP_END_STOPPED) {
        at_str(&t, "stopped by the firmware");
    } else {
        at_str(&t, "failed: ");
        at_str(&t, mote_app_end_name(why));
    }
    if (detail != NULL) {
        at_str(&t, ": ");
        at_str(&t, detail);
    }
    if (app->inst != NULL) {
        at_str(&t, " (after ");
        at_ms(&t, ran);
        at_str(&t, ", cpu ");
        at_ms(&t, app->stats.cpu_us);
        if (app->stats.grow_refusals > 0) {
            at_str(&t, "; memory.grow refused ");
            at_u64(&t, app->stats.grow_refusals);
            at_str(&t, app->stats.grow_refusals == 1 ? " time: arena full" : " times: arena full");
        }
        at_str(&t, ")");
    }
    ap_report(app, line);
    if (why == MOTE_APP_END_TRAP && app->inst != NULL)
        report_frames(app);
}

void ap_end(mote_app *app, mote_app_end why, int32_t code, const char *detail)
{
    if (app->state != MOTE_APP_RUNNING)
        return;
    bool started = app->inst != NULL;
    if (started && app->in_call && mote_is_paused(app->inst))
        mote_abandon(app->inst);
    app->in_call = false;
    app->waiting = false;
    if (started)
        ap_collect(app);
    report_end(app, why, code, detail);
    /* No other thread may reach the instance once its memory goes (a stop
     * from another RTOS task interrupts app->inst: apps/src/rtos.c). */
    app->inst = NULL;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (app->ctx_live) {
        mote_wasi_stop(&app->wasi);
        app->ctx_live = false;
    }
    if (app->arena != NULL)
        mote_arena_reset(app->arena);
    app->arena = NULL;
    app->module = NULL;
    app->end = why;
    app->exit_code = code;
    app->starting = false;
    app->state = why == MOTE_APP_END_EXIT      ? MOTE_APP_EXITED
                 : why == MOTE_APP_END_STOPPED ? MOTE_APP_EMPTY
                                               : MOTE_APP_FAILED;
    ap_update_shares(app->set, NULL);   /* one sender fewer for some */
    const mote_apps_config *cfg = &app->set->cfg;
    if (started && cfg->on_stop != NULL)
        cfg->on_stop(app, cfg->user);
}
