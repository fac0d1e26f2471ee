/*
 * What the host port does not offer (yet): reset.  A firmware that needs
 * it reports "unsupported" on the host.  Auxiliary UARTs come from
 * drivers/uart_aux_none.c, as on boards without a second UART.
 */
#include "mote_port.h"

mote_hal_status mote_hal_reset(void)
{
    return MOTE_HAL_ERR_UNSUPPORTED;
}
