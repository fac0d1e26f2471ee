/*
 * FreeRTOSConfig.h -- FreeRTOS-Kernel V11.3.0 as mote runs on it
 * (port/freertos/README.md).
 *
 * Static allocation only: there is no heap (configSUPPORT_DYNAMIC_ALLOCATION
 * 0, no heap_n.c linked); every task, stack and semaphore is the
 * firmware's.  Priorities: 0 the idle task, MOTE_RTOS_PRIO_BACKGROUND an app
 * over its CPU share (and low firmware work), MOTE_RTOS_PRIO_APP + 0..7 the
 * apps by their manifest priority, MOTE_RTOS_PRIO_FIRMWARE and above the
 * firmware's own tasks that must not wait for apps.
 *
 * The tick is 1 kHz; mote's HAL alarm (timers of apps, precise wake-ups)
 * does not depend on it: on Cortex-M it is a CMSDK timer, on RISC-V the
 * CLINT comparator the tick shares (port/freertos/riscv.c).
 */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

#include <stdint.h>

/* ---- scheduling ---------------------------------------------------------- */
#define configUSE_PREEMPTION 1
#define configUSE_TIME_SLICING 1
#define configUSE_PORT_OPTIMISED_TASK_SELECTION 0
#define configTICK_RATE_HZ 1000
#define configMAX_PRIORITIES 12
#define configMINIMAL_STACK_SIZE 256
#define configMAX_TASK_NAME_LEN 16
#define configTICK_TYPE_WIDTH_IN_BITS TICK_TYPE_WIDTH_32_BITS
#define configIDLE_SHOULD_YIELD 1
#define configUSE_TASK_NOTIFICATIONS 1
#define configTASK_NOTIFICATION_ARRAY_ENTRIES 1
#define configUSE_MUTEXES 1
#define configUSE_RECURSIVE_MUTEXES 0
#define configUSE_COUNTING_SEMAPHORES 0
#define configQUEUE_REGISTRY_SIZE 0
#define configUSE_QUEUE_SETS 0
#define configUSE_NEWLIB_REENTRANT 0
#define configENABLE_BACKWARD_COMPATIBILITY 0
#define configUSE_TIMERS 0
#define configUSE_CO_ROUTINES 0
#define configUSE_EVENT_GROUPS 0
#define configUSE_STREAM_BUFFERS 0

/* mote's priority bands (see above). */
#define MOTE_RTOS_PRIO_BACKGROUND 1
#define MOTE_RTOS_PRIO_APP 2 /* + the manifest's 0..7 */
#define MOTE_RTOS_PRIO_FIRMWARE 10

/* ---- memory: static only --------------------------------------------------- */
#define configSUPPORT_STATIC_ALLOCATION 1
#define configSUPPORT_DYNAMIC_ALLOCATION 0
#define configKERNEL_PROVIDED_STATIC_MEMORY 0 /* mote's port gives the idle task's */

/* ---- hooks, checks, statistics -------------------------------------------- */
#define configUSE_IDLE_HOOK 1 /* sleeps the CPU (wfi) */
#define configUSE_TICK_HOOK 0
#define configUSE_MALLOC_FAILED_HOOK 0
#define configCHECK_FOR_STACK_OVERFLOW 2 /* reported as a fault */
#define configUSE_TRACE_FACILITY 0
#define configGENERATE_RUN_TIME_STATS 1 /* CPU time per app task */
#define configRUN_TIME_COUNTER_TYPE uint64_t
#define portCONFIGURE_TIMER_FOR_RUN_TIME_STATS()
uint64_t mote_hal_time_us(void);
#define portGET_RUN_TIME_COUNTER_VALUE() mote_hal_time_us()
#define configRECORD_STACK_HIGH_ADDRESS 0

void mote_rtos_assert_failed(const char *file, int line);
#define configASSERT(x)                                  \
    do {                                                 \
        if (!(x))                                        \
            mote_rtos_assert_failed(__FILE__, __LINE__); \
    } while (0)

#define INCLUDE_vTaskPrioritySet 1
#define INCLUDE_uxTaskPriorityGet 1
#define INCLUDE_vTaskDelete 0
#define INCLUDE_vTaskSuspend 1
#define INCLUDE_vTaskDelay 1
#define INCLUDE_xTaskDelayUntil 1
#define INCLUDE_xTaskGetCurrentTaskHandle 1
#define INCLUDE_xTaskGetSchedulerState 1
#define INCLUDE_uxTaskGetStackHighWaterMark 1
#define INCLUDE_xTaskGetIdleTaskHandle 0

/* ---- the CPU ---------------------------------------------------------------- */
#if defined(__riscv)
/* RISC-V: mote's CLINT driver owns the comparator at 0x2004000 (mtime at
 * 0x200BFF8 on QEMU virt) and drives the tick from it, so FreeRTOS's own
 * timer set-up is off (both addresses 0) and the trap handler hands every
 * interrupt to mote (portasmHAS_MTIME 0). */
#define configCPU_CLOCK_HZ 10000000u /* (the CLINT's mtime rate) */
#define configMTIME_BASE_ADDRESS 0
#define configMTIMECMP_BASE_ADDRESS 0
#define configISR_STACK_SIZE_WORDS 1024
#else
/* Cortex-M: SysTick runs from the CPU clock (25 MHz on the MPS2 boards);
 * the handlers take the names mote's vector table gives those vectors. */
#define configCPU_CLOCK_HZ 25000000u
#define configPRIO_BITS 3
#define configKERNEL_INTERRUPT_PRIORITY (7u << (8 - configPRIO_BITS))
/* Interrupts at this priority or less urgent may call FreeRTOS's FromISR
 * functions: mote's HAL interrupts run at MOTE_RTOS_IRQ_PRIORITY. */
#define configMAX_SYSCALL_INTERRUPT_PRIORITY (4u << (8 - configPRIO_BITS))
#define MOTE_RTOS_IRQ_PRIORITY (6u << (8 - configPRIO_BITS))
#define vPortSVCHandler mote_cm_svcall
#define xPortPendSVHandler mote_cm_pendsv
#define xPortSysTickHandler mote_cm_systick
#endif

#endif /* FREERTOS_CONFIG_H */
