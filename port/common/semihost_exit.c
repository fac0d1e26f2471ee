/*
 * mote_hal_exit() for boards that run under QEMU (or a debugger): the
 * semihosting SYS_EXIT_EXTENDED call, which carries the whole status and
 * has the same shape on Arm and RISC-V, 32- and 64-bit.
 */
#include "mote_port.h"

#define SYS_EXIT_EXTENDED 0x20u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

_Noreturn void mote_hal_exit(int status)
{
    (void)mote_hal_irq_lock();
    uintptr_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uintptr_t)(intptr_t)status};
    mote_port_semihost(SYS_EXIT_EXTENDED, (uintptr_t)block);
    /* Nobody listened (no debugger attached): park the CPU. */
    for (;;)
        mote_hal_wait_for_interrupt();
}
