/*
 * uart.c -- the device API's auxiliary UARTs (import module "mote"):
 * uart_open, uart_write, uart_read on UART n >= 1 (UART 0 is the console,
 * which apps reach through stdin/stdout).  Each call checks the app's
 * capability (cfg.uarts bit n), then its buffer, then asks the HAL.  Reads
 * never wait: the HAL's UARTs have no receive interrupt.
 *
 * The HAL's UART functions are weak references here: firmware often
 * links WASI-lite after the HAL, and a board without auxiliary UARTs has
 * them in a driver of their own (uart_aux_none) that nothing else pulls
 * from the HAL's archive.  Missing, they read as "unsupported", which is
 * what that driver says; a board with the UARTs has them in its console
 * driver, which every firmware links.
 */
#include "internal.h"

#pragma weak mote_hal_uart_open
#pragma weak mote_hal_uart_write
#pragma weak mote_hal_uart_read

#define MAX_TRANSFER 0x7FFFFFFFu /* the result is an i32 */

static bool uart_allowed(mote_wasi *ctx, uint32_t uart)
{
    if (uart != 0 && wl_cap_uart(ctx, uart))
        return true;
    wl_deny(ctx, "uart ", uart, uart == 0 ? " (the console: use stdin/stdout)" : " (not granted)");
    return false;
}

/* uart_open(uart, baud) -> 0 | -errno */
mote_status wl_dev_uart_open(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = user;
    uint32_t uart = io[0].u32;
    if (!uart_allowed(ctx, uart))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    if (mote_hal_uart_open == NULL)
        return wl_device_return(io, -WASI_ENOTSUP);
    int32_t r = wl_hal_errno(mote_hal_uart_open(uart, io[1].u32));
    if (r == 0)
        ctx->uart_open |= 1u << uart;
    return wl_device_return(io, r);
}

/* uart_write(uart, data_ptr, len) -> bytes written | -errno */
mote_status wl_dev_uart_write(mote_instance *inst, mote_value *io, void *user)
{
    uint32_t uart = io[0].u32, len = io[2].u32;
    if (!uart_allowed(user, uart))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    const uint8_t *data = wl_guest_range(inst, io[1].u32, len);
    if (data == NULL)
        return wl_device_return(io, -WASI_EFAULT);
    if (len > MAX_TRANSFER)
        return wl_device_return(io, -WASI_EINVAL);
    if (mote_hal_uart_write == NULL)
        return wl_device_return(io, -WASI_ENOTSUP);
    int32_t r = wl_hal_errno(mote_hal_uart_write(uart, data, len));
    return wl_device_return(io, r == 0 ? (int32_t)len : r);
}

/* uart_read(uart, buf_ptr, cap) -> bytes read (0: none pending) | -errno */
mote_status wl_dev_uart_read(mote_instance *inst, mote_value *io, void *user)
{
    uint32_t uart = io[0].u32, cap = io[2].u32;
    if (!uart_allowed(user, uart))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    uint8_t *buf = wl_guest_range(inst, io[1].u32, cap);
    if (buf == NULL)
        return wl_device_return(io, -WASI_EFAULT);
    if (cap > MAX_TRANSFER)
        cap = MAX_TRANSFER;
    if (mote_hal_uart_read == NULL)
        return wl_device_return(io, -WASI_ENOTSUP);
    size_t got = 0;
    int32_t r = wl_hal_errno(mote_hal_uart_read(uart, buf, cap, &got));
    return wl_device_return(io, r == 0 ? (int32_t)got : r);
}
