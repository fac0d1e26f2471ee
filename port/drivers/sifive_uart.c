/*
 * Console on a SiFive UART (FE310 and the QEMU sifive_e machine).
 * Board macros: SIFIVE_UART_BASE, SIFIVE_UART_CLOCK_HZ, and when the UART
 * pins are multiplexed with GPIO: SIFIVE_UART_IOF_GPIO_BASE and
 * SIFIVE_UART_IOF_PINS (the pins' bit mask, routed to I/O function 0).
 */
#include "mote_board.h"
#include "mote_port.h"

#define UART_REG(offset) MOTE_MMIO32(SIFIVE_UART_BASE + (offset))
#define UART_TXDATA UART_REG(0x00)
#define UART_RXDATA UART_REG(0x04)
#define UART_TXCTRL UART_REG(0x08)
#define UART_RXCTRL UART_REG(0x0C)
#define UART_IP UART_REG(0x14)
#define UART_DIV UART_REG(0x18)

#define TXDATA_FULL (1u << 31)
#define RXDATA_EMPTY (1u << 31)
#define CTRL_ENABLE (1u << 0)
#define IP_RX_WATERMARK (1u << 1)

#define BAUD_RATE 115200u

void mote_port_console_init(void)
{
#ifdef SIFIVE_UART_IOF_GPIO_BASE
    volatile uint32_t *iof_en = &MOTE_MMIO32(SIFIVE_UART_IOF_GPIO_BASE + 0x38u);
    volatile uint32_t *iof_sel = &MOTE_MMIO32(SIFIVE_UART_IOF_GPIO_BASE + 0x3Cu);
    *iof_sel &= ~(uint32_t)SIFIVE_UART_IOF_PINS;
    *iof_en |= SIFIVE_UART_IOF_PINS;
#endif
    UART_DIV = SIFIVE_UART_CLOCK_HZ / BAUD_RATE - 1;
    UART_TXCTRL = CTRL_ENABLE;
    /* rxcnt = 0: the RX watermark flag means "at least one byte waiting". */
    UART_RXCTRL = CTRL_ENABLE;
}

void mote_hal_console_write(const void *data, size_t len)
{
    const unsigned char *bytes = data;
    for (size_t i = 0; i < len; i++) {
        while (UART_TXDATA & TXDATA_FULL) {
        }
        UART_TXDATA = bytes[i];
    }
}

/* RXDATA pops on read, so peeking goes through the watermark flag. */
bool mote_hal_console_readable(void)
{
    return (UART_IP & IP_RX_WATERMARK) != 0;
}

size_t mote_hal_console_read(void *buf, size_t max)
{
    unsigned char *bytes = buf;
    size_t n = 0;
    while (n < max) {
        uint32_t rx = UART_RXDATA;
        if (rx & RXDATA_EMPTY)
            break;
        bytes[n++] = (unsigned char)rx;
    }
    return n;
}
