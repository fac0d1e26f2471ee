/*
 * Console on the Nordic nRF51 UART (UART0 of the nRF51822; QEMU's
 * microbit machine).  Polled: a byte is written to TXD and the driver
 * waits for EVENTS_TXDRDY; a received byte raises EVENTS_RXDRDY and is
 * read from RXD (the real UART holds up to 6 bytes in its RX FIFO).
 *
 * Board macros: NRF51_UART_BASE, NRF51_UART_TX_PIN, NRF51_UART_RX_PIN,
 * NRF51_GPIO_BASE (the TX pin is driven high before the UART starts).
 */
#include "mote_board.h"
#include "mote_port.h"

#define UART_REG(offset) MOTE_MMIO32(NRF51_UART_BASE + (offset))
#define UART_TASKS_STARTRX UART_REG(0x000)
#define UART_TASKS_STARTTX UART_REG(0x008)
#define UART_EVENTS_RXDRDY UART_REG(0x108)
#define UART_EVENTS_TXDRDY UART_REG(0x11C)
#define UART_INTENCLR UART_REG(0x308)
#define UART_ENABLE UART_REG(0x500)
#define UART_PSELRTS UART_REG(0x508)
#define UART_PSELTXD UART_REG(0x50C)
#define UART_PSELCTS UART_REG(0x510)
#define UART_PSELRXD UART_REG(0x514)
#define UART_RXD UART_REG(0x518)
#define UART_TXD UART_REG(0x51C)
#define UART_BAUDRATE UART_REG(0x524)
#define UART_CONFIG UART_REG(0x56C)

#define ENABLE_ENABLED 4u
#define PSEL_DISCONNECTED 0xFFFFFFFFu
#define BAUDRATE_115200 0x01D7E000u
#define GPIO_DIRSET MOTE_MMIO32(NRF51_GPIO_BASE + 0x518u) /* the TX pin */
#define GPIO_OUTSET MOTE_MMIO32(NRF51_GPIO_BASE + 0x508u)

void mote_port_console_init(void)
{
    if (UART_ENABLE == ENABLE_ENABLED)
        return; /* idempotent: the fault reporter calls this too */
    /* TX idles high: drive the pin before the UART takes it over. */
    GPIO_OUTSET = 1u << NRF51_UART_TX_PIN;
    GPIO_DIRSET = 1u << NRF51_UART_TX_PIN;
    UART_INTENCLR = 0xFFFFFFFFu;
    UART_PSELRTS = PSEL_DISCONNECTED;
    UART_PSELCTS = PSEL_DISCONNECTED;
    UART_PSELTXD = NRF51_UART_TX_PIN;
    UART_PSELRXD = NRF51_UART_RX_PIN;
    UART_BAUDRATE = BAUDRATE_115200;
    UART_CONFIG = 0; /* no parity, no flow control */
    UART_ENABLE = ENABLE_ENABLED;
    UART_EVENTS_TXDRDY = 0;
    UART_EVENTS_RXDRDY = 0;
    UART_TASKS_STARTTX = 1;
    UART_TASKS_STARTRX = 1;
}

void mote_hal_console_write(const void *data, size_t len)
{
    const unsigned char *bytes = data;
    for (size_t i = 0; i < len; i++) {
        UART_EVENTS_TXDRDY = 0;
        UART_TXD = bytes[i];
        while (UART_EVENTS_TXDRDY == 0) {
        }
    }
}

bool mote_hal_console_readable(void)
{
    return UART_EVENTS_RXDRDY != 0;
}

size_t mote_hal_console_read(void *buf, size_t max)
{
    unsigned char *bytes = buf;
    size_t n = 0;
    /* Clear the event before reading RXD: a byte still in the FIFO raises
     * it again. */
    while (n < max && UART_EVENTS_RXDRDY != 0) {
        UART_EVENTS_RXDRDY = 0;
        bytes[n++] = (unsigned char)UART_RXD;
    }
    return n;
}
