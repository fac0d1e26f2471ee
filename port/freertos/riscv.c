/*
 * riscv.c -- mote on FreeRTOS, RISC-V (the GCC RISC-V port, machine mode,
 * chip extension RISCV_no_extensions).
 *
 * One comparator, two users: the CLINT's mtimecmp (0x2004000 on QEMU virt,
 * mtime at 0x200BFF8) serves both FreeRTOS's tick and mote's HAL alarm.
 * mote's CLINT driver (port/riscv/clint.c) keeps it armed for the earlier
 * of the two, so FreeRTOS's own timer code is off (configMTIME_BASE_ADDRESS
 * and configMTIMECMP_BASE_ADDRESS 0, portasmHAS_MTIME 0) and every
 * interrupt reaches freertos_risc_v_application_interrupt_handler below:
 * the timer interrupt advances the tick when it is due and serves the
 * alarm when it is due; external interrupts go to the PLIC dispatcher.
 * Exceptions other than FreeRTOS's ecall are faults, reported as mote's.
 */
#include <mote/rtos.h>

#include "csr.h"
#include "mote_board.h"
#include "mote_port.h"
#include "rtos_port.h"

#define TICK_MTIME ((uint64_t)CLINT_MTIME_HZ / configTICK_RATE_HZ)

void freertos_risc_v_trap_handler(void);

static volatile uint32_t isr_depth;

void rtos_port_init(void)
{
}

/* mtvec to FreeRTOS's trap handler, interrupts off until the first task
 * starts (xPortStartFirstTask turns them on). */
void rtos_port_start(void)
{
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mtvec, (uintptr_t)freertos_risc_v_trap_handler);
}

void rtos_port_idle(void)
{
    __asm__ volatile("wfi" ::: "memory");
}

void rtos_port_unmask(void)
{
    csr_set(mstatus, MSTATUS_MIE);
}

void rtos_port_mask(void)
{
    csr_clear(mstatus, MSTATUS_MIE);
}

bool mote_rtos_in_isr(void)
{
    return isr_depth != 0;
}

/* Called by xPortStartScheduler: the first tick, one period from now. */
void vPortSetupTimerInterrupt(void)
{
    mote_rv_tick_due = mote_rv_mtime() + TICK_MTIME;
    mote_rv_clint_program();
    csr_set(mie, MIE_MTIE | MIE_MEIE);
}

/* The ticks that are due (more than one if interrupts were held off). */
static void tick(void)
{
    uint64_t now = mote_rv_mtime();
    bool switch_task = false;
    while (mote_rv_tick_due <= now) {
        mote_rv_tick_due += TICK_MTIME;
        if (xTaskIncrementTick() != pdFALSE)
            switch_task = true;
    }
    if (switch_task)
        vTaskSwitchContext();
}

void freertos_risc_v_application_interrupt_handler(void)
{
    uintptr_t mcause = csr_read(mcause);
    isr_depth++;
    switch (mcause & ~MCAUSE_INTERRUPT) {
    case IRQ_M_TIMER:
        tick();
        mote_rv_clint_isr(); /* the alarm, and the comparator re-armed */
        break;
    case IRQ_M_EXTERNAL: mote_rv_plic_isr(); break;
    default:
        mote_port_fault_begin("unexpected interrupt");
        mote_port_print_hex("mcause", mcause);
        mote_port_fault_end();
    }
    isr_depth--;
}

void freertos_risc_v_application_exception_handler(void)
{
    mote_port_fault_begin("exception in a task");
    mote_port_print("\n ");
    mote_port_print_hex("mcause", csr_read(mcause));
    mote_port_print_hex("mepc", csr_read(mepc));
    mote_port_print_hex("mtval", csr_read(mtval));
    mote_port_fault_end();
}
