/*
 * rtos.c -- apps as FreeRTOS tasks (mote/apps_rtos.h): the task loop, the
 * wake-up hook as a notification, stopping an app from another task.
 *
 * An app's task owns the app while it runs: only it calls into the app's
 * instance.  Other tasks change an app only while it is not RUNNING
 * (start), or ask its task to end it (stop): the stop request and
 * mote_interrupt() make the task's current slice return, and the task ends
 * the app and wakes the asker.  mote_interrupt() is called in a critical
 * section on an instance pointer that ap_end() clears before it empties the
 * arena, so it never writes into memory a new run already uses.
 */
#include <mote/apps_rtos.h>

#include "internal.h"

static void wake(mote_app *app)
{
    mote_app_task *t = app->rtos;
    if (t != NULL)
        mote_rtos_notify(t->handle);
}

/* A stop from another task: ask the app's task and wait for it.  False
 * when the caller may do it itself (its own task, the scheduler not
 * running yet, or an app that is not running). */
static bool stop(mote_app *app)
{
    mote_app_task *t = app->rtos;
    if (t == NULL || xTaskGetSchedulerState() != taskSCHEDULER_RUNNING ||
        xTaskGetCurrentTaskHandle() == t->handle || app->state != MOTE_APP_RUNNING)
        return false;
    t->stop_waiter = xTaskGetCurrentTaskHandle();
    t->stop_request = true;
    taskENTER_CRITICAL();
    if (app->inst != NULL)
        mote_interrupt(app->inst);
    taskEXIT_CRITICAL();
    xTaskNotifyGive(t->handle);
    while (t->stop_request)
        ulTaskNotifyTake(pdTRUE, pdMS_TO_TICKS(10));
    return true;
}

void mote_apps_rtos_init(mote_apps *apps)
{
    apps->rtos_wake = wake;
    apps->rtos_stop = stop;
}

/* A new window of the CPU shares, for every app at once. */
static void roll_window(mote_apps *apps)
{
    uint64_t now = mote_hal_time_us();
    taskENTER_CRITICAL();
    if (now - apps->window_start >= apps->cfg.window_us) {
        apps->window_start = now;
        for (uint32_t i = 0; i < apps->count; i++)
            apps->app[i]->window_used_us = 0;
    }
    taskEXIT_CRITICAL();
}

/* The task's priority: the app's, or the background while it is over its
 * CPU share. */
static void set_priority(mote_app *app)
{
    int rank = ap_rank(app);
    UBaseType_t want = rank == 0 ? MOTE_RTOS_PRIO_BACKGROUND : MOTE_RTOS_PRIO_APP + (rank - 1);
    if (uxTaskPriorityGet(NULL) != want)
        vTaskPrioritySet(NULL, want);
}

static void slice(mote_app *app)
{
    mote_apps *apps = app->set;
    if (app->waiting) {
        app->waiting = false;
        app->stats.wakeups++;
    }
    app->woken = false;
    int64_t used;
    uint64_t cpu0 = ulTaskGetRunTimeCounter(NULL);
    ap_outcome outcome = ap_step(app, apps->cfg.slice_fuel, &used);
    uint64_t cpu = ulTaskGetRunTimeCounter(NULL) - cpu0;
    if (apps->cfg.on_slice != NULL)
        apps->cfg.on_slice(app, used, apps->cfg.user);
    if (outcome != AP_ENDED)
        ap_account(app, outcome, cpu);
    if (outcome == AP_RAN)
        taskYIELD();            /* round robin with apps of the same priority */
}

/* The stop another task asked for: end the app, wake the asker. */
static void serve_stop(mote_app_task *t)
{
    mote_app *app = t->app;
    if (app->state == MOTE_APP_RUNNING)
        ap_end(app, MOTE_APP_END_STOPPED, 0, NULL);
    app->state = MOTE_APP_EMPTY;
    TaskHandle_t waiter = t->stop_waiter;
    t->stop_request = false;
    xTaskNotifyGive(waiter);
}

static void app_task(void *arg)
{
    mote_app_task *t = arg;
    mote_app *app = t->app;
    for (;;) {
        if (t->stop_request) {
            serve_stop(t);
            continue;
        }
        if (app->state != MOTE_APP_RUNNING || app->starting) {
            ulTaskNotifyTake(pdTRUE, portMAX_DELAY);
            continue;
        }
        roll_window(app->set);
        set_priority(app);
        if (!ap_ready(app)) {
            if (app->state == MOTE_APP_RUNNING)
                ulTaskNotifyTake(pdTRUE, portMAX_DELAY);
            continue;
        }
        slice(app);
    }
}

mote_status mote_apps_rtos_task(mote_app *app, mote_app_task *task, StackType_t *stack,
                                uint32_t words)
{
    if (app == NULL || task == NULL || stack == NULL || words < configMINIMAL_STACK_SIZE ||
        app->set == NULL)
        return MOTE_ERR_ARGUMENT;
    task->app = app;
    task->stop_request = false;
    task->stop_waiter = NULL;
    app->rtos = task;
    char name[configMAX_TASK_NAME_LEN] = "app";
    uint32_t index = 0;
    while (index < app->set->count && app->set->app[index] != app)
        index++;
    name[3] = (char)('0' + index % 10);
    name[4] = 0;
    task->handle = xTaskCreateStatic(app_task, name, words, task, MOTE_RTOS_PRIO_APP, stack,
                                     &task->tcb);
    return task->handle != NULL ? MOTE_OK : MOTE_ERR_ARGUMENT;
}

uint32_t mote_app_task_stack_unused(const mote_app_task *task)
{
    return (uint32_t)uxTaskGetStackHighWaterMark(task->handle);
}
