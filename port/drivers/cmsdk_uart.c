/*
 * Console and auxiliary UARTs on Arm CMSDK APB UARTs (MPS2 boards).
 * Board macros: CMSDK_UART_BASE (the console), CMSDK_APB_CLOCK_HZ, and
 * optionally CMSDK_UART_AUX_BASES, the addresses of UART 1, 2, ... as a
 * comma-separated list.
 *
 * The CMSDK UART holds one received byte; a second one arriving before
 * the first is read is lost (QEMU instead holds it back in its backend).
 */
#include "mote_board.h"
#include "mote_port.h"

#define UART_DATA(base) MOTE_MMIO32((base) + 0x00)
#define UART_STATE(base) MOTE_MMIO32((base) + 0x04)
#define UART_CTRL(base) MOTE_MMIO32((base) + 0x08)
#define UART_BAUDDIV(base) MOTE_MMIO32((base) + 0x10)

#define STATE_TX_FULL (1u << 0)
#define STATE_RX_FULL (1u << 1)
#define CTRL_TX_ENABLE (1u << 0)
#define CTRL_RX_ENABLE (1u << 1)

#define CONSOLE_BAUD_RATE 115200u
#define MIN_BAUDDIV 16u /* the UART samples each bit 16 times */

static void uart_put(uint32_t base, const void *data, size_t len)
{
    const unsigned char *bytes = data;
    for (size_t i = 0; i < len; i++) {
        while (UART_STATE(base) & STATE_TX_FULL) {
        }
        UART_DATA(base) = bytes[i];
    }
}

static size_t uart_get(uint32_t base, void *buf, size_t max)
{
    unsigned char *bytes = buf;
    size_t n = 0;
    while (n < max && (UART_STATE(base) & STATE_RX_FULL))
        bytes[n++] = (unsigned char)UART_DATA(base);
    return n;
}

/* ---- the console: UART 0 ---- */

void mote_port_console_init(void)
{
    UART_BAUDDIV(CMSDK_UART_BASE) = CMSDK_APB_CLOCK_HZ / CONSOLE_BAUD_RATE;
    UART_CTRL(CMSDK_UART_BASE) = CTRL_TX_ENABLE | CTRL_RX_ENABLE;
}

void mote_hal_console_write(const void *data, size_t len)
{
    uart_put(CMSDK_UART_BASE, data, len);
}

bool mote_hal_console_readable(void)
{
    return (UART_STATE(CMSDK_UART_BASE) & STATE_RX_FULL) != 0;
}

size_t mote_hal_console_read(void *buf, size_t max)
{
    return uart_get(CMSDK_UART_BASE, buf, max);
}

/* ---- auxiliary UARTs 1, 2, ... ---- */

#ifdef CMSDK_UART_AUX_BASES
static const uint32_t aux_base[] = {CMSDK_UART_AUX_BASES};
#define AUX_COUNT (sizeof aux_base / sizeof aux_base[0])
#define AUX_BASE(uart) aux_base[(uart)-1]
#else
#define AUX_COUNT 0u
#define AUX_BASE(uart) 0u
#endif

/* The UART's base address, or 0 when the board has no UART `uart`. */
static uint32_t aux(uint32_t uart)
{
    return uart >= 1 && uart <= AUX_COUNT ? AUX_BASE(uart) : 0;
}

mote_hal_status mote_hal_uart_open(uint32_t uart, uint32_t baud)
{
    uint32_t base = aux(uart);
    if (base == 0)
        return MOTE_HAL_ERR_UNSUPPORTED;
    if (baud == 0 || CMSDK_APB_CLOCK_HZ / baud < MIN_BAUDDIV)
        return MOTE_HAL_ERR_ARGUMENT;
    UART_CTRL(base) = 0;
    UART_BAUDDIV(base) = CMSDK_APB_CLOCK_HZ / baud;
    UART_CTRL(base) = CTRL_TX_ENABLE | CTRL_RX_ENABLE;
    (void)UART_DATA(base); /* a stale byte from before the open */
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_uart_write(uint32_t uart, const void *data, size_t len)
{
    uint32_t base = aux(uart);
    if (base == 0)
        return MOTE_HAL_ERR_UNSUPPORTED;
    /* A disabled transmitter never drains: refuse rather than hang. */
    if (!(UART_CTRL(base) & CTRL_TX_ENABLE))
        return MOTE_HAL_ERR_ARGUMENT;
    uart_put(base, data, len);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_uart_read(uint32_t uart, void *buf, size_t max, size_t *got)
{
    uint32_t base = aux(uart);
    *got = 0;
    if (base == 0)
        return MOTE_HAL_ERR_UNSUPPORTED;
    if (!(UART_CTRL(base) & CTRL_RX_ENABLE))
        return MOTE_HAL_ERR_ARGUMENT;
    *got = uart_get(base, buf, max);
    return MOTE_HAL_OK;
}
