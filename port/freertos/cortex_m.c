/*
 * cortex_m.c -- mote on FreeRTOS, Cortex-M (ARM_CM3 port).
 *
 * FreeRTOS's SVCall, PendSV and SysTick handlers take the names mote's
 * vector table gives those vectors (FreeRTOSConfig.h).  The HAL's
 * interrupts (the CMSDK timers: alarms and the time base) run at
 * MOTE_RTOS_IRQ_PRIORITY, less urgent than configMAX_SYSCALL_INTERRUPT_PRIORITY
 * so that their callbacks may wake tasks, more urgent than the kernel's
 * own.  The HAL lock stays PRIMASK: FreeRTOS's critical sections use
 * BASEPRI, and the two nest.
 */
#include <mote/rtos.h>

#include "cortex_m.h"
#include "rtos_port.h"

void rtos_port_init(void)
{
    mote_cm_irq_priority = MOTE_RTOS_IRQ_PRIORITY;
}

void rtos_port_start(void)
{
}

void rtos_port_idle(void)
{
    __asm__ volatile("dsb\n\twfi" ::: "memory");
}

void rtos_port_unmask(void)
{
    __asm__ volatile("cpsie i" ::: "memory");
}

void rtos_port_mask(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
}

bool mote_rtos_in_isr(void)
{
    return xPortIsInsideInterrupt() == pdTRUE;
}
