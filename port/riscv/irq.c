/* Interrupt masking on RISC-V: mstatus.MIE is the HAL lock; WFI sleeps. */
#include "csr.h"
#include "mote_port.h"

mote_hal_irq_state mote_hal_irq_lock(void)
{
    return csr_read_clear(mstatus, MSTATUS_MIE) & MSTATUS_MIE;
}

void mote_hal_irq_unlock(mote_hal_irq_state previous)
{
    if (previous & MSTATUS_MIE)
        csr_set(mstatus, MSTATUS_MIE);
}

/* WFI wakes on any interrupt enabled in mie, whatever mstatus.MIE says:
 * that is what lets the caller sleep with interrupts locked. */
void mote_hal_wait_for_interrupt(void)
{
    __asm__ volatile("wfi" ::: "memory");
}

void mote_port_irq_enable_all(void)
{
    csr_set(mstatus, MSTATUS_MIE);
}
