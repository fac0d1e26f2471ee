/*
 * Interrupts on Cortex-M: PRIMASK for the HAL lock, the NVIC for sources,
 * and one shared entry for all external interrupts that dispatches through
 * a table drivers fill in at init.
 */
#include <stddef.h>

#include "cortex_m.h"
#include "mote_board.h"
#include "mote_port.h"

#define CM_FIRST_IRQ 16u

static mote_port_isr handlers[MOTE_BOARD_IRQ_COUNT];

uint8_t mote_cm_irq_priority;

mote_hal_irq_state mote_hal_irq_lock(void)
{
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask) : : "memory");
    return primask;
}

void mote_hal_irq_unlock(mote_hal_irq_state previous)
{
    __asm__ volatile("msr primask, %0" : : "r"((uint32_t)previous) : "memory");
}

void mote_hal_wait_for_interrupt(void)
{
    /* dsb: let pending stores (e.g. to a timer) land before sleeping. */
    __asm__ volatile("dsb\n\twfi" ::: "memory");
}

void mote_port_irq_init(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
    for (unsigned n = 0; n < (MOTE_BOARD_IRQ_COUNT + 31) / 32; n++) {
        CM_NVIC_ICER(n) = 0xFFFFFFFFu;
        CM_NVIC_ICPR(n) = 0xFFFFFFFFu;
    }
}

void mote_port_irq_enable_all(void)
{
    __asm__ volatile("cpsie i" ::: "memory");
}

void mote_port_irq_attach(unsigned irq, mote_port_isr isr)
{
    if (irq >= MOTE_BOARD_IRQ_COUNT)
        return;
    handlers[irq] = isr;
    uint32_t shift = 8u * (irq % 4u);
    CM_NVIC_IPR(irq / 4) =
        (CM_NVIC_IPR(irq / 4) & ~(0xFFu << shift)) | (uint32_t)mote_cm_irq_priority << shift;
    CM_NVIC_ICPR(irq / 32) = 1u << (irq % 32);
    CM_NVIC_ISER(irq / 32) = 1u << (irq % 32);
}

void mote_cm_irq_entry(void)
{
    unsigned irq = cm_active_exception() - CM_FIRST_IRQ;
    if (irq < MOTE_BOARD_IRQ_COUNT && handlers[irq] != NULL) {
        handlers[irq](irq);
        return;
    }
    /* Enabled but nobody attached: a driver bug.  Report it like a fault. */
    mote_port_fault_begin("interrupt with no handler");
    mote_port_print_hex("irq", irq);
    mote_port_fault_end();
}
