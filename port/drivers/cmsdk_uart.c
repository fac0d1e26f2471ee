/*
 * Console on an Arm CMSDK APB UART (MPS2 boards).
 * Board macros: CMSDK_UART_BASE, CMSDK_APB_CLOCK_HZ.
 */
#include "mote_board.h"
#include "mote_port.h"

#define UART_REG(offset) MOTE_MMIO32(CMSDK_UART_BASE + (offset))
#define UART_DATA UART_REG(0x00)
#define UART_STATE UART_REG(0x04)
#define UART_CTRL UART_REG(0x08)
#define UART_BAUDDIV UART_REG(0x10)

#define STATE_TX_FULL (1u << 0)
#define STATE_RX_FULL (1u << 1)
#define CTRL_TX_ENABLE (1u << 0)
#define CTRL_RX_ENABLE (1u << 1)

#define BAUD_RATE 115200u

void mote_port_console_init(void)
{
    UART_BAUDDIV = CMSDK_APB_CLOCK_HZ / BAUD_RATE;    /* the UART needs >= 16 */
    UART_CTRL = CTRL_TX_ENABLE | CTRL_RX_ENABLE;
}

void mote_hal_console_write(const void *data, size_t len)
{
    const unsigned char *bytes = data;
    for (size_t i = 0; i < len; i++) {
        while (UART_STATE & STATE_TX_FULL) {
        }
        UART_DATA = bytes[i];
    }
}

bool mote_hal_console_readable(void)
{
    return (UART_STATE & STATE_RX_FULL) != 0;
}

size_t mote_hal_console_read(void *buf, size_t max)
{
    unsigned char *bytes = buf;
    size_t n = 0;
    while (n < max && (UART_STATE & STATE_RX_FULL))
        bytes[n++] = (unsigned char)UART_DATA;
    return n;
}
