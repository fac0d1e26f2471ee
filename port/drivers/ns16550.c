/*
 * Console on a 16550-compatible UART with byte-wide registers (the QEMU
 * virt machine's), polled, 115200 8N1.
 * Board macros: NS16550_BASE, NS16550_CLOCK_HZ.
 */
#include "mote_board.h"
#include "mote_port.h"

#define UART_REG(offset) MOTE_MMIO8(NS16550_BASE + (offset))
#define UART_RBR UART_REG(0) /* receive buffer (read) */
#define UART_THR UART_REG(0) /* transmit holding (write) */
#define UART_DLL UART_REG(0) /* divisor low (with LCR.DLAB) */
#define UART_IER UART_REG(1)
#define UART_DLM UART_REG(1) /* divisor high (with LCR.DLAB) */
#define UART_LCR UART_REG(3)
#define UART_LSR UART_REG(5)

#define LCR_8N1 0x03u
#define LCR_DLAB 0x80u
#define LSR_DATA_READY (1u << 0)
#define LSR_THR_EMPTY (1u << 5)

#define BAUD_RATE 115200u

void mote_port_console_init(void)
{
    uint32_t divisor = NS16550_CLOCK_HZ / (16u * BAUD_RATE);
    UART_IER = 0;
    UART_LCR = LCR_DLAB;
    UART_DLL = (uint8_t)divisor;
    UART_DLM = (uint8_t)(divisor >> 8);
    UART_LCR = LCR_8N1;
    /* The FIFOs stay off: switching them on flushes input that arrived
     * before this ran, and a polled console takes one byte at a time. */
}

void mote_hal_console_write(const void *data, size_t len)
{
    const unsigned char *bytes = data;
    for (size_t i = 0; i < len; i++) {
        while (!(UART_LSR & LSR_THR_EMPTY)) {
        }
        UART_THR = bytes[i];
    }
}

bool mote_hal_console_readable(void)
{
    return (UART_LSR & LSR_DATA_READY) != 0;
}

size_t mote_hal_console_read(void *buf, size_t max)
{
    unsigned char *bytes = buf;
    size_t n = 0;
    while (n < max && (UART_LSR & LSR_DATA_READY))
        bytes[n++] = UART_RBR;
    return n;
}
