/*
 * apps_rtos.h -- apps as FreeRTOS tasks (mote/apps.h on port/freertos).
 *
 * Each app slot gets a task of its own (static: the firmware gives the
 * stack and the record).  The task runs the app in fuel slices as the
 * bare-metal scheduler does, but FreeRTOS schedules: an app's priority is
 * a task priority (MOTE_RTOS_PRIO_APP + the manifest's 0..7), an app that
 * waits blocks its task on a notification (the wake-up hook gives it, from
 * an interrupt or another task), and a higher-priority task preempts a
 * running app at once, in the middle of its code.  An app over its CPU
 * share of the window drops to MOTE_RTOS_PRIO_BACKGROUND until the next
 * window.  The firmware's own tasks run beside the apps at priorities it
 * chooses.
 *
 *     mote_apps_init(&apps, &cfg);
 *     mote_apps_rtos_init(&apps);
 *     mote_apps_add(&apps, &app, ram, sizeof ram);
 *     mote_apps_rtos_task(&app, &task, stack, STACK_WORDS);
 *     mote_app_start(&app, wasm, len, &manifest);      // before or after start
 *     mote_rtos_start();
 *
 * mote_app_start(), mote_app_stop() and mote_app_restart() may be called
 * from any task: a stop from another task asks the app's task to end the
 * app and waits until it has.  Not from an interrupt.
 */
#ifndef MOTE_APPS_RTOS_H
#define MOTE_APPS_RTOS_H

#include <mote/apps.h>
#include <mote/rtos.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An app's task (treat as private). */
typedef struct mote_app_task {
    StaticTask_t tcb;
    TaskHandle_t handle;
    mote_app *app;
    volatile bool stop_request;
    TaskHandle_t stop_waiter;
} mote_app_task;

/* Makes the set's apps run as tasks (call once, after mote_apps_init). */
void mote_apps_rtos_init(mote_apps *apps);

/* Creates the task of app's slot with stack[0..words); it runs the slot's
 * app whenever one is started.  MOTE_ERR_ARGUMENT if the stack is below
 * configMINIMAL_STACK_SIZE or the task cannot be created. */
mote_status mote_apps_rtos_task(mote_app *app, mote_app_task *task, StackType_t *stack,
                                uint32_t words);

/* Stack words the task has never used (its high-water mark). */
uint32_t mote_app_task_stack_unused(const mote_app_task *task);

#ifdef __cplusplus
}
#endif
#endif
