/*
 * Trap dispatch for machine mode.  Interrupts go to the CLINT timer or the
 * PLIC; every exception is a fault: report the cause, mepc, mtval and all
 * registers from the frame trap.S saved, then exit with
 * MOTE_HAL_EXIT_FAULT.  Nothing here returns from an exception.
 */
#include "csr.h"
#include "mote_port.h"

_Noreturn void mote_rv_fault_report(const uintptr_t *frame, uintptr_t mcause);
void mote_rv_trap(uintptr_t *frame);

void mote_rv_trap(uintptr_t *frame)
{
    uintptr_t mcause = csr_read(mcause);
    if (mcause & MCAUSE_INTERRUPT) {
        switch (mcause & ~MCAUSE_INTERRUPT) {
        case IRQ_M_TIMER: mote_rv_clint_isr(); return;
        case IRQ_M_EXTERNAL: mote_rv_plic_isr(); return;
        }
    }
    mote_rv_fault_report(frame, mcause);
}

static const char *exception_name(uintptr_t mcause)
{
    if (mcause & MCAUSE_INTERRUPT)
        return "unexpected interrupt";
    switch (mcause) {
    case 0: return "instruction address misaligned";
    case 1: return "instruction access fault";
    case 2: return "illegal instruction";
    case 3: return "breakpoint";
    case 4: return "load address misaligned";
    case 5: return "load access fault";
    case 6: return "store/AMO address misaligned";
    case 7: return "store/AMO access fault";
    case 8: return "environment call from U-mode";
    case 11: return "environment call from M-mode";
    case 12: return "instruction page fault";
    case 13: return "load page fault";
    case 15: return "store/AMO page fault";
    default: return "reserved exception";
    }
}

/* ABI names of x1..x31; frame slot 2 (sp) holds the pre-trap value. */
static const char *const register_names[32] = {
    "",   "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1", "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

/* Registers per output line: four 32-bit or three 64-bit values fit 80 columns. */
#define PER_LINE (__riscv_xlen == 64 ? 3 : 4)

_Noreturn void mote_rv_fault_report(const uintptr_t *frame, uintptr_t mcause)
{
    mote_port_fault_begin(exception_name(mcause));
    mote_port_print("\n ");
    mote_port_print_hex("mcause", mcause);
    mote_port_print_hex("mepc", csr_read(mepc));
    mote_port_print_hex("mtval", csr_read(mtval));
    mote_port_print("\n ");
    mote_port_print_hex("mstatus", csr_read(mstatus));
    for (int i = 1; i < 32; i++) {
        if ((i - 1) % PER_LINE == 0)
            mote_port_print("\n ");
        mote_port_print_hex(register_names[i], frame[i]);
    }
    mote_port_fault_end();
}
