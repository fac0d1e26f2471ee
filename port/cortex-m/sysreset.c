/*
 * mote_hal_reset() on Cortex-M: a system reset request through AIRCR, the
 * architected way (ARMv7-M and ARMv8-M alike) to restart the CPU and the
 * peripherals the SoC wires to it.  QEMU's MPS2 machines reset the whole
 * machine, reloading the image but not the storage region.
 */
#include "cortex_m.h"
#include "mote_port.h"

#define AIRCR_VECTKEY (0x05FAu << 16) /* writes without it are ignored */
#define AIRCR_PRIGROUP (7u << 8)      /* kept as it is */
#define AIRCR_SYSRESETREQ (1u << 2)

mote_hal_status mote_hal_reset(void)
{
    /* No callback runs from here on, and stores in flight (a last flash
     * program, a UART byte) land before the request. */
    __asm__ volatile("cpsid i\n\tdsb" ::: "memory");
    CM_AIRCR = AIRCR_VECTKEY | (CM_AIRCR & AIRCR_PRIGROUP) | AIRCR_SYSRESETREQ;
    __asm__ volatile("dsb" ::: "memory");
    for (;;) {
        /* the request takes a few cycles to act */
    }
}
