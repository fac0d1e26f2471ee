/*
 * report.c -- the library's report lines, and an app's figures.
 */
#include <string.h>

#include "internal.h"

void ap_report(mote_app *app, const char *text)
{
    char line[240];
    at_text t = at_begin(line, sizeof line);
    at_str(&t, app->manifest.name[0] ? app->manifest.name : "?");
    at_str(&t, ": ");
    at_str(&t, text);
    const mote_apps_config *cfg = &app->set->cfg;
    if (cfg->report != NULL) {
        cfg->report(app, line, cfg->user);
        return;
    }
    mote_hal_console_write("apps: ", 6);
    mote_hal_console_write(line, t.len);
    mote_hal_console_write("\n", 1);
}

void ap_collect(mote_app *app)
{
    mote_app_stats *s = &app->stats;
    s->denied = mote_wasi_denied(&app->wasi);
    s->events_lost = mote_wasi_events_lost(&app->wasi);
    if (app->wasi.cfg.mailbox != NULL) {
        s->messages_in = app->mailbox.received;
        s->messages_refused = app->mailbox.refused;
    }
    if (app->arena != NULL) {
        s->arena_size = mote_arena_size(app->arena);
        s->arena_used = mote_arena_used(app->arena);
        s->arena_peak = mote_arena_peak(app->arena);
        s->grow_refusals = mote_arena_grow_refusals(app->arena);
    }
    if (app->module != NULL)
        s->module_bytes = mote_module_bytes(app->module);
}

void mote_app_stats_get(const mote_app *app, mote_app_stats *out)
{
    if (app->state == MOTE_APP_RUNNING)
        ap_collect((mote_app *)app);
    *out = app->stats;
}

void mote_app_report_stats(mote_app *app)
{
    mote_app_stats s;
    mote_app_stats_get(app, &s);
    char line[200];
    at_text t = at_begin(line, sizeof line);
    at_str(&t, "cpu ");
    at_ms(&t, s.cpu_us);
    at_str(&t, " in ");
    at_u64(&t, s.slices);
    at_str(&t, " slices, longest run ");
    at_ms(&t, s.longest_run_us);
    at_str(&t, ", ram ");
    at_u64(&t, s.arena_used);
    at_str(&t, "/");
    at_u64(&t, s.arena_size);
    at_str(&t, " (module ");
    at_u64(&t, s.module_bytes);
    at_str(&t, ", peak ");
    at_u64(&t, s.arena_peak);
    at_str(&t, "), ");
    at_u64(&t, s.denied);
    at_str(&t, " denied, ");
    at_u64(&t, s.messages_in);
    at_str(&t, " messages in, ");
    at_u64(&t, s.messages_refused);
    at_str(&t, " refused");
    ap_report(app, line);
}
