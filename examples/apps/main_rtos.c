/*
 * main_rtos.c -- the apps example on FreeRTOS: each app is a task
 * (mote/apps_rtos.h), and the firmware's own work runs in C tasks beside
 * them:
 *
 *   monitor   (firmware priority) once a second, one line on the apps
 *   update    (background priority) the logger's update, and the trials:
 *             verifying the bundle, the slot and compiling the new module
 *             take tens of milliseconds, which the apps never wait for
 *   hostile   (background priority) the hostile app's next misdeed
 *   end       (above the others) ends the run at EXAMPLE_END_MS with every
 *             app's figures and its task's unused stack
 *
 * The firmware's tasks keep time by the HAL's clock (mote_rtos_sleep_until),
 * as the apps do; FreeRTOS's tick only paces them.
 *
 * Static allocation only: every task's stack and record is here.
 */
#include <stdio.h>

#include <mote/apps_rtos.h>
#include <mote/hal.h>
#include <mote/rtos.h>

#include "example.h"

#define APP_STACK_WORDS 1024 /* 4 KiB: measured use is printed at the end */
#define TASK_STACK_WORDS 1024

static StackType_t app_stacks[APP_COUNT][APP_STACK_WORDS];
static mote_app_task app_tasks[APP_COUNT];

typedef struct firmware_task {
    StaticTask_t tcb;
    StackType_t stack[TASK_STACK_WORDS];
} firmware_task;

static firmware_task monitor_task, end_task;

static const char *state_name(mote_app_state s)
{
    switch (s) {
    case MOTE_APP_RUNNING: return "running";
    case MOTE_APP_EXITED: return "exited";
    case MOTE_APP_FAILED: return "failed";
    default: return "empty";
    }
}

/* A C task at the firmware's priority: one line a second. */
static void monitor(void *arg)
{
    (void)arg;
    for (unsigned n = 1;; n++) {
        mote_rtos_sleep_until(example_t0_us + n * 1000000ull);
        char line[128];
        int len = snprintf(line, sizeof line, "monitor: %u s:", n);
        for (uint32_t i = 0; i < APP_COUNT && len > 0 && (size_t)len < sizeof line; i++)
            len += snprintf(line + len, sizeof line - (size_t)len, " %s %s",
                            mote_app_name(&example_app[i]),
                            state_name(mote_app_state_of(&example_app[i])));
        example_say("%s\n", line);
    }
}

static void end_run(void *arg)
{
    (void)arg;
    mote_rtos_sleep_until(example_t0_us + EXAMPLE_END_MS * 1000ull);
    example_report();
    for (uint32_t i = 0; i < APP_COUNT; i++)
        example_say("example: %s's task: %lu of %u stack bytes never used\n",
                    mote_app_name(&example_app[i]),
                    (unsigned long)mote_app_task_stack_unused(&app_tasks[i]) * sizeof(StackType_t),
                    (unsigned)(APP_STACK_WORDS * sizeof(StackType_t)));
    example_say("example: done at %llu ms\n",
                (unsigned long long)((mote_hal_time_us() - example_t0_us) / 1000u));
    mote_hal_exit(0);
}

#ifndef EXAMPLE_LATENCY
static firmware_task update_task, hostile_task;

/* The hostile app's next misdeed, at the apps' priority band. */
static void hostile(void *arg)
{
    (void)arg;
    for (;;) {
        uint64_t next = example_hostile_step(mote_hal_time_us());
        if (next == MOTE_APPS_NEVER)
            vTaskSuspend(NULL);
        mote_rtos_sleep_until(next);
    }
}

static void update(void *arg)
{
    (void)arg;
    mote_rtos_sleep_until(example_t0_us + EXAMPLE_UPDATE_AT_MS * 1000ull);
    while (example_update_step())
        vTaskDelay(pdMS_TO_TICKS(2)); /* the next piece: 256 bytes / 2 ms */
    for (;;) {
        example_update_poll();
        vTaskDelay(pdMS_TO_TICKS(100)); /* trials, 10 times a second */
    }
}
#endif

static void task(firmware_task *t, TaskFunction_t fn, const char *name, UBaseType_t priority)
{
    xTaskCreateStatic(fn, name, TASK_STACK_WORDS, NULL, priority, t->stack, &t->tcb);
}

int main(void)
{
    mote_rtos_init();
    mote_apps_config cfg;
    mote_apps_config_init(&cfg);
    if (!example_setup(&cfg))
        return 1;
    mote_apps_rtos_init(&example_apps);
    for (uint32_t i = 0; i < APP_COUNT; i++)
        mote_apps_rtos_task(&example_app[i], &app_tasks[i], app_stacks[i], APP_STACK_WORDS);
    if (!example_start())
        return 1;
    example_say("example: FreeRTOS %s, %u app tasks and the firmware's own\n",
                tskKERNEL_VERSION_NUMBER, (unsigned)APP_COUNT);
    task(&monitor_task, monitor, "monitor", MOTE_RTOS_PRIO_FIRMWARE);
    task(&end_task, end_run, "end", MOTE_RTOS_PRIO_FIRMWARE + 1);
#ifndef EXAMPLE_LATENCY
    task(&update_task, update, "update", MOTE_RTOS_PRIO_BACKGROUND);
    task(&hostile_task, hostile, "hostile", MOTE_RTOS_PRIO_BACKGROUND);
#endif
    mote_rtos_start();
}
