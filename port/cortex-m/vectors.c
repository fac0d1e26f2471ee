/*
 * The vector table.  The CPU loads the initial stack pointer and the reset
 * address from the first two words at reset; picolibc.ld puts the section
 * .text.init.enter at the very start of flash, which is where these boards
 * look for it.
 *
 * Every system exception except reset goes to the fault reporter: on bare
 * metal the port uses none of them (no SysTick, no SVC), so taking one is a
 * bug.  SVCall, PendSV and SysTick go there through weak names that an RTOS
 * port replaces with its handlers (port/freertos).  Every external
 * interrupt goes to one dispatcher that looks up the handler a driver
 * attached (irq.c).
 */
#include "cortex_m.h"
#include "mote_board.h"

typedef void (*cm_vector)(void);

extern char __stack[];

#define CM_SYSTEM_VECTORS 16
#define CM_SVCALL 11
#define CM_PENDSV 14
#define CM_SYSTICK 15

__attribute__((section(".text.init.enter"), used))
const cm_vector mote_cm_vectors[CM_SYSTEM_VECTORS + MOTE_BOARD_IRQ_COUNT] = {
    [0] = (cm_vector)(uintptr_t)__stack,
    [1] = mote_cm_reset,
    [2 ... CM_SVCALL - 1] = mote_cm_fault_entry,
    [CM_SVCALL] = mote_cm_svcall,
    [CM_SVCALL + 1 ... CM_PENDSV - 1] = mote_cm_fault_entry,
    [CM_PENDSV] = mote_cm_pendsv,
    [CM_SYSTICK] = mote_cm_systick,
    [CM_SYSTEM_VECTORS... CM_SYSTEM_VECTORS + MOTE_BOARD_IRQ_COUNT - 1] = mote_cm_irq_entry,
};
