/*
 * rtos.c -- the CPU-independent part of mote on FreeRTOS: the kernel's
 * static memory and hooks, notifications from any context, and the HAL
 * made safe for several tasks.
 *
 * HAL calls are routed here by the linker (-Wl,--wrap=mote_hal_console_write
 * and the others listed in port/freertos/CMakeLists.txt): from a task, once
 * the scheduler runs, a call takes the mutex of its group -- the console,
 * the auxiliary UARTs, GPIO set-up, flash -- so that two tasks never
 * interleave inside one write or one register update; from an interrupt
 * (the HAL marks which calls are interrupt-safe) or before the scheduler
 * starts, it goes straight through.  Sleeping blocks the task.
 */
#include <mote/hal.h>
#include <mote/rtos.h>

#include "mote_port.h"
#include "rtos_port.h"
#include "semphr.h"

/* ---- the kernel's memory and hooks ------------------------------------------- */

static StaticTask_t idle_tcb;
static StackType_t idle_stack[configMINIMAL_STACK_SIZE];

void vApplicationGetIdleTaskMemory(StaticTask_t **tcb, StackType_t **stack,
                                   configSTACK_DEPTH_TYPE *words)
{
    *tcb = &idle_tcb;
    *stack = idle_stack;
    *words = configMINIMAL_STACK_SIZE;
}

/* With nothing to run, the CPU sleeps until the next interrupt (the tick
 * at the latest). */
void vApplicationIdleHook(void)
{
    rtos_port_idle();
}

void mote_rtos_assert_failed(const char *file, int line)
{
    mote_port_fault_begin("FreeRTOS assertion failed");
    mote_port_print(" in ");
    mote_port_print(file);
    mote_port_print_hex(" line", (uintptr_t)line);
    mote_port_fault_end();
}

void vApplicationStackOverflowHook(TaskHandle_t task, char *name)
{
    (void)task;
    mote_port_fault_begin("task stack overflow: ");
    mote_port_print(name);
    mote_port_fault_end();
}

/* ---- notifications ------------------------------------------------------------- */

void mote_rtos_notify(TaskHandle_t task)
{
    if (task == NULL)
        return;
    if (mote_rtos_in_isr()) {
        BaseType_t woken = pdFALSE;
        vTaskNotifyGiveFromISR(task, &woken);
        portYIELD_FROM_ISR(woken);
    } else if (xTaskGetSchedulerState() != taskSCHEDULER_NOT_STARTED) {
        xTaskNotifyGive(task);
    }
}

/* ---- the HAL's mutexes ------------------------------------------------------------- */

enum { LOCK_CONSOLE, LOCK_UART, LOCK_GPIO, LOCK_FLASH, LOCKS };
static StaticSemaphore_t lock_memory[LOCKS];
static SemaphoreHandle_t locks[LOCKS];

/* Whether a call from here must take the group's mutex. */
static bool from_task(void)
{
    return !mote_rtos_in_isr() && xTaskGetSchedulerState() == taskSCHEDULER_RUNNING;
}

static bool take(int group)
{
    if (!from_task())
        return false;
    xSemaphoreTake(locks[group], portMAX_DELAY);
    return true;
}

static void give(int group, bool taken)
{
    if (taken)
        xSemaphoreGive(locks[group]);
}

void mote_rtos_init(void)
{
    rtos_port_init();
    for (int i = 0; i < LOCKS; i++)
        locks[i] = xSemaphoreCreateMutexStatic(&lock_memory[i]);
    mote_hal_init();
}

_Noreturn void mote_rtos_start(void)
{
    rtos_port_start();
    vTaskStartScheduler();
    mote_port_fault_begin("the FreeRTOS scheduler returned");
    mote_port_fault_end();
}

/* The real HAL functions, which the linker renames __real_*. */
void __real_mote_hal_console_write(const void *data, size_t len);
mote_hal_status __real_mote_hal_uart_open(uint32_t uart, uint32_t baud);
mote_hal_status __real_mote_hal_uart_write(uint32_t uart, const void *data, size_t len);
mote_hal_status __real_mote_hal_uart_read(uint32_t uart, void *buf, size_t max, size_t *got);
mote_hal_status __real_mote_hal_gpio_configure(uint32_t pin, mote_hal_gpio_mode mode);
mote_hal_status __real_mote_hal_gpio_set_interrupt(uint32_t pin, mote_hal_gpio_edge edge,
                                                   mote_hal_gpio_fn fn, void *user);
mote_hal_status __real_mote_hal_flash_read(uint32_t offset, void *buf, size_t len);
mote_hal_status __real_mote_hal_flash_erase(uint32_t offset, uint32_t len);
mote_hal_status __real_mote_hal_flash_program(uint32_t offset, const void *data, size_t len);
void __real_mote_hal_sleep_us(uint64_t us);
void __real_mote_hal_wait_for_interrupt(void);

#define LOCKED(group, call)        \
    do {                           \
        bool taken_ = take(group); \
        call;                      \
        give(group, taken_);       \
    } while (0)

void __wrap_mote_hal_console_write(const void *data, size_t len)
{
    LOCKED(LOCK_CONSOLE, __real_mote_hal_console_write(data, len));
}

mote_hal_status __wrap_mote_hal_uart_open(uint32_t uart, uint32_t baud)
{
    mote_hal_status st;
    LOCKED(LOCK_UART, st = __real_mote_hal_uart_open(uart, baud));
    return st;
}

mote_hal_status __wrap_mote_hal_uart_write(uint32_t uart, const void *data, size_t len)
{
    mote_hal_status st;
    LOCKED(LOCK_UART, st = __real_mote_hal_uart_write(uart, data, len));
    return st;
}

mote_hal_status __wrap_mote_hal_uart_read(uint32_t uart, void *buf, size_t max, size_t *got)
{
    mote_hal_status st;
    LOCKED(LOCK_UART, st = __real_mote_hal_uart_read(uart, buf, max, got));
    return st;
}

mote_hal_status __wrap_mote_hal_gpio_configure(uint32_t pin, mote_hal_gpio_mode mode)
{
    mote_hal_status st;
    LOCKED(LOCK_GPIO, st = __real_mote_hal_gpio_configure(pin, mode));
    return st;
}

mote_hal_status __wrap_mote_hal_gpio_set_interrupt(uint32_t pin, mote_hal_gpio_edge edge,
                                                   mote_hal_gpio_fn fn, void *user)
{
    mote_hal_status st;
    LOCKED(LOCK_GPIO, st = __real_mote_hal_gpio_set_interrupt(pin, edge, fn, user));
    return st;
}

mote_hal_status __wrap_mote_hal_flash_read(uint32_t offset, void *buf, size_t len)
{
    mote_hal_status st;
    LOCKED(LOCK_FLASH, st = __real_mote_hal_flash_read(offset, buf, len));
    return st;
}

mote_hal_status __wrap_mote_hal_flash_erase(uint32_t offset, uint32_t len)
{
    mote_hal_status st;
    LOCKED(LOCK_FLASH, st = __real_mote_hal_flash_erase(offset, len));
    return st;
}

mote_hal_status __wrap_mote_hal_flash_program(uint32_t offset, const void *data, size_t len)
{
    mote_hal_status st;
    LOCKED(LOCK_FLASH, st = __real_mote_hal_flash_program(offset, data, len));
    return st;
}

/* ---- sleeping blocks the task ---------------------------------------------------- */

void mote_rtos_sleep_until(uint64_t due_us)
{
    const uint64_t tick_us = 1000000u / configTICK_RATE_HZ;
    for (;;) {
        uint64_t now = mote_hal_time_us();
        if (now >= due_us)
            return;
        /* Half of what is left (in case ticks run slow), a tick at least. */
        uint64_t ticks = (due_us - now) / tick_us / 2u;
        if (ticks > portMAX_DELAY - 1)
            ticks = portMAX_DELAY - 1;
        vTaskDelay(ticks > 0 ? (TickType_t)ticks : 1);
    }
}

/* At least us microseconds, by the HAL's clock. */
void __wrap_mote_hal_sleep_us(uint64_t us)
{
    if (!from_task()) {
        __real_mote_hal_sleep_us(us);
        return;
    }
    uint64_t now = mote_hal_time_us();
    mote_rtos_sleep_until(now > UINT64_MAX - us ? UINT64_MAX : now + us);
}

/*
 * Called with interrupts locked to sleep until one is pending.  A task
 * must not stop the CPU for the others: it lets interrupts in and gives
 * way for one tick, then locks again -- the callbacks may have run when
 * this returns, which the HAL allows.  (mote's own code waits on
 * notifications instead: apps_rtos.h.)
 */
void __wrap_mote_hal_wait_for_interrupt(void)
{
    if (!from_task()) {
        __real_mote_hal_wait_for_interrupt();
        return;
    }
    rtos_port_unmask();
    vTaskDelay(1);
    rtos_port_mask();
}
