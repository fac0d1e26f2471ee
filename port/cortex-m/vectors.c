/*
 * The vector table.  The CPU loads the initial stack pointer and the reset
 * address from the first two words at reset; picolibc.ld puts the section
 * .text.init.enter at the very start of flash, which is where these boards
 * look for it.
 *
 * Every system exception except reset goes to the fault reporter: the port
 * uses none of them (no SysTick, no SVC), so taking one is a bug.  Every
 * external interrupt goes to one dispatcher that looks up the handler a
 * driver attached (irq.c).
 */
#include "cortex_m.h"
#include "mote_board.h"

typedef void (*cm_vector)(void);

extern char __stack[];

#define CM_SYSTEM_VECTORS 16

__attribute__((section(".text.init.enter"), used))
const cm_vector mote_cm_vectors[CM_SYSTEM_VECTORS + MOTE_BOARD_IRQ_COUNT] = {
    [0] = (cm_vector)(uintptr_t)__stack,
    [1] = mote_cm_reset,
    [2 ... CM_SYSTEM_VECTORS - 1] = mote_cm_fault_entry,
    [CM_SYSTEM_VECTORS ... CM_SYSTEM_VECTORS + MOTE_BOARD_IRQ_COUNT - 1] = mote_cm_irq_entry,
};
