/*
 * rtos.h -- mote on FreeRTOS-Kernel V11.3.0 (port/freertos/README.md).
 *
 * The HAL (mote/hal.h) keeps its contract, made safe for several tasks:
 * the console, auxiliary UARTs, GPIO set-up and flash each take a mutex
 * around a call from a task (the linker routes the calls through the port,
 * --wrap), so lines and transfers stay whole; interrupt callbacks run as
 * before, at a priority that may call FreeRTOS's FromISR functions;
 * mote_hal_sleep_us() blocks the calling task, not the CPU; the idle task
 * sleeps the CPU.  Everything is allocated statically.
 *
 *     int main(void)
 *     {
 *         mote_rtos_init();                     // instead of mote_hal_init()
 *         xTaskCreateStatic(...);               // the firmware's tasks
 *         mote_apps_rtos_start(&apps, ...);     // the apps' tasks (apps_rtos.h)
 *         mote_rtos_start();                    // never returns
 *     }
 */
#ifndef MOTE_RTOS_H
#define MOTE_RTOS_H

#include <stdbool.h>

#include "FreeRTOS.h"
#include "task.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Brings up the HAL (mote_hal_init) with its interrupts at a priority
 * FreeRTOS allows to call the kernel, and the HAL's mutexes. */
void mote_rtos_init(void);

/* Starts the scheduler; never returns. */
_Noreturn void mote_rtos_start(void);

/* True in an interrupt handler. */
bool mote_rtos_in_isr(void);

/*
 * Blocks the calling task until mote_hal_time_us() reaches due_us: tick
 * delays, shorter and shorter, until the HAL's clock says so -- exact
 * to about a tick whatever the tick's own accuracy (QEMU's Cortex-M
 * SysTick runs slow while the CPU sleeps).  mote_hal_sleep_us() from a
 * task does the same.
 */
void mote_rtos_sleep_until(uint64_t due_us);

/* Gives task a notification from a task or an interrupt handler; from an
 * interrupt it asks for a context switch when task outranks the one
 * interrupted. */
void mote_rtos_notify(TaskHandle_t task);

#ifdef __cplusplus
}
#endif
#endif
