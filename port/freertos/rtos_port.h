/*
 * rtos_port.h -- what differs between CPUs in mote on FreeRTOS (rtos.c):
 * cortex_m.c and riscv.c each implement it.
 */
#ifndef MOTE_RTOS_PORT_H
#define MOTE_RTOS_PORT_H

/* Before mote_hal_init(): what the HAL's interrupts need. */
void rtos_port_init(void);
/* Before vTaskStartScheduler(): hand the CPU's traps to FreeRTOS. */
void rtos_port_start(void);
/* The idle task: sleep until an interrupt. */
void rtos_port_idle(void);
/* The CPU's interrupt mask, as the HAL lock sets it. */
void rtos_port_unmask(void);
void rtos_port_mask(void);

#endif
