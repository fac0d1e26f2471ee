/*
 * mote_hal_reset() on RISC-V, which has no architected reset: boards that
 * have QEMU's SiFive test device (riscv-virt) reset through it, others
 * report unsupported.  Board macro: SIFIVE_TEST_BASE (optional).
 */
#include "mote_board.h"
#include "mote_port.h"

#define SIFIVE_TEST_RESET 0x7777u /* the device's "reset the machine" code */

mote_hal_status mote_hal_reset(void)
{
#ifdef SIFIVE_TEST_BASE
    (void)mote_hal_irq_lock();              /* no callback runs from here on */
    __asm__ volatile("fence" ::: "memory"); /* earlier stores land first */
    MOTE_MMIO32(SIFIVE_TEST_BASE) = SIFIVE_TEST_RESET;
    for (;;)
        __asm__ volatile("wfi" ::: "memory");
#else
    return MOTE_HAL_ERR_UNSUPPORTED;
#endif
}
