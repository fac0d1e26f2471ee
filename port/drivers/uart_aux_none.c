/* Auxiliary UARTs for boards that have none besides the console (or whose
 * second UART QEMU does not model): all unsupported. */
#include "mote_port.h"

mote_hal_status mote_hal_uart_open(uint32_t uart, uint32_t baud)
{
    (void)uart;
    (void)baud;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_hal_uart_write(uint32_t uart, const void *data, size_t len)
{
    (void)uart;
    (void)data;
    (void)len;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_hal_uart_read(uint32_t uart, void *buf, size_t max, size_t *got)
{
    (void)uart;
    (void)buf;
    (void)max;
    *got = 0;
    return MOTE_HAL_ERR_UNSUPPORTED;
}
