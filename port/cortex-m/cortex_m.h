/*
 * cortex_m.h -- the System Control Space registers the Cortex-M port uses
 * (ARMv6-M, ARMv7-M and ARMv8-M mainline share these addresses; ARMv6-M
 * has no CFSR, HFSR, MMFAR, BFAR or CPACR, and VTOR only optionally: the
 * port does not touch them there).
 */
#ifndef MOTE_CORTEX_M_H
#define MOTE_CORTEX_M_H

#include <stdint.h>

#define CM_REG(addr) (*(volatile uint32_t *)(addr))

#define CM_ICSR CM_REG(0xE000ED04u)  /* interrupt control and state */
#define CM_VTOR CM_REG(0xE000ED08u)  /* vector table offset */
#define CM_AIRCR CM_REG(0xE000ED0Cu) /* application interrupt and reset control */
#define CM_CFSR CM_REG(0xE000ED28u)  /* configurable fault status */
#define CM_HFSR CM_REG(0xE000ED2Cu)  /* HardFault status */
#define CM_MMFAR CM_REG(0xE000ED34u) /* MemManage fault address */
#define CM_BFAR CM_REG(0xE000ED38u)  /* BusFault address */
#define CM_CPACR CM_REG(0xE000ED88u) /* coprocessor access control */

#define CM_NVIC_ISER(n) CM_REG(0xE000E100u + 4u * (n)) /* set-enable */
#define CM_NVIC_ICER(n) CM_REG(0xE000E180u + 4u * (n)) /* clear-enable */
#define CM_NVIC_ICPR(n) CM_REG(0xE000E280u + 4u * (n)) /* clear-pending */
/* Priority registers: four 8-bit fields per word (ARMv6-M takes word
 * accesses only). */
#define CM_NVIC_IPR(n) CM_REG(0xE000E400u + 4u * (n))

/* The priority mote_port_irq_attach() gives an interrupt: 0 (the most
 * urgent) on bare metal; an RTOS port (port/freertos) sets one that may
 * call the kernel before mote_hal_init(). */
extern uint8_t mote_cm_irq_priority;

/* The number of the exception being handled (0 in thread mode). */
static inline uint32_t cm_active_exception(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    return ipsr & 0x1FFu;
}

void mote_cm_reset(void);
void mote_cm_fault_entry(void);
void mote_cm_irq_entry(void);
/* SVCall, PendSV and SysTick: faults on bare metal (weak), an RTOS's
 * handlers when one is linked (port/freertos renames FreeRTOS's). */
void mote_cm_svcall(void);
void mote_cm_pendsv(void);
void mote_cm_systick(void);

#endif /* MOTE_CORTEX_M_H */
