/*
 * apps.c -- a set of app slots: its configuration, adding and finding
 * slots, and the firmware's tasks.
 */
#include <string.h>

#include "internal.h"

void mote_apps_config_init(mote_apps_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->slice_fuel = 5000;
    cfg->window_us = 100000;
    cfg->watchdog_ms = 2000;
    cfg->value_stack = 8 * 1024;
    cfg->call_stack = 2 * 1024;
}

mote_status mote_apps_init(mote_apps *apps, const mote_apps_config *cfg)
{
    if (apps == NULL || cfg == NULL || cfg->slice_fuel <= 0 || cfg->window_us == 0)
        return MOTE_ERR_ARGUMENT;
    memset(apps, 0, sizeof *apps);
    apps->cfg = *cfg;
    mote_wasi_hub_init(&apps->hub);
    apps->window_start = mote_hal_time_us();
    return MOTE_OK;
}

mote_status mote_apps_add(mote_apps *apps, mote_app *app, void *ram, size_t ram_size)
{
    if (apps == NULL || app == NULL || ram == NULL)
        return MOTE_ERR_ARGUMENT;
    if (apps->count == MOTE_APPS_MAX)
        return MOTE_ERR_LIMIT;
    for (uint32_t i = 0; i < apps->count; i++)
        if (apps->app[i] == app)
            return MOTE_ERR_ARGUMENT;
    const char *const *argv = app->argv;
    const char *const *envp = app->envp;
    uint32_t argc = app->argc, envc = app->envc;
    memset(app, 0, sizeof *app);
    app->argv = argv, app->argc = argc, app->envp = envp, app->envc = envc;
    app->set = apps;
    app->ram = ram;
    app->ram_size = ram_size;
    apps->app[apps->count++] = app;
    return MOTE_OK;
}

mote_app *mote_apps_find(mote_apps *apps, const char *name)
{
    for (uint32_t i = 0; i < apps->count; i++) {
        mote_app *a = apps->app[i];
        if (a->state != MOTE_APP_EMPTY && strcmp(a->manifest.name, name) == 0)
            return a;
    }
    return NULL;
}

/* ---- tasks ------------------------------------------------------------------ */

/* The hub timer for the earliest task (interrupt context): wake the
 * scheduler, and make the running app give way at its next back-edge. */
static void on_task_timer(void *user)
{
    mote_apps *apps = user;
    apps->pending = true;
    mote_app *cur = apps->current;
    if (cur != NULL && cur->inst != NULL)
        mote_interrupt(cur->inst);
}

mote_status mote_apps_add_task(mote_apps *apps, mote_apps_task *task, mote_apps_task_fn fn,
                               void *user)
{
    if (apps == NULL || task == NULL || fn == NULL)
        return MOTE_ERR_ARGUMENT;
    bool listed = false;
    for (mote_apps_task *t = apps->tasks; t != NULL; t = t->next)
        listed |= t == task;
    task->fn = fn;
    task->user = user;
    task->due_us = 0;
    task->woken = true;
    if (!listed) {                      /* added again: only renewed */
        task->next = apps->tasks;
        apps->tasks = task;
    }
    apps->pending = true;
    return MOTE_OK;
}

void mote_apps_task_wake(mote_apps *apps, mote_apps_task *task)
{
    task->woken = true;
    on_task_timer(apps);
}

bool ap_run_tasks(mote_apps *apps, uint64_t now)
{
    bool ran = false;
    uint64_t next = MOTE_APPS_NEVER;
    for (mote_apps_task *t = apps->tasks; t != NULL; t = t->next) {
        if (t->woken || t->due_us <= now) {
            t->woken = false;
            t->due_us = t->fn(t->user, mote_hal_time_us());   /* fresh: tasks before took time */
            ran = true;
        }
        if (t->due_us < next)
            next = t->due_us;
    }
    if (next != apps->task_timer.due_us || !apps->task_timer.linked)
        mote_wasi_hub_timer_set(&apps->hub, &apps->task_timer, next, on_task_timer, apps);
    return ran;
}

bool ap_tasks_alive(const mote_apps *apps)
{
    for (const mote_apps_task *t = apps->tasks; t != NULL; t = t->next)
        if (t->woken || t->due_us != MOTE_APPS_NEVER)
            return true;
    return false;
}
