/*
 * gpio.c -- the device API's GPIO calls (import module "mote").  Each
 * checks the pin against the app's capabilities first (-ENOTCAPABLE, and a
 * report naming the pin), then its other arguments (-EINVAL), then asks
 * the HAL, whose status becomes -ENOTSUP, -EINVAL, -EBUSY or -EIO.
 * Driving a pin (configuring it as an output, writing, toggling) needs it
 * granted as an output; reading and watching need it granted at all.
 */
#include "internal.h"

/* The capability check, reporting a refusal. */
static bool pin_allowed(mote_wasi *ctx, uint32_t pin, bool drive)
{
    if (wl_cap_pin(ctx, pin, drive))
        return true;
    bool granted = wl_cap_pin(ctx, pin, false);
    wl_deny(ctx, "gpio pin ", pin,
            !granted ? " (not granted)" : " as output (granted as input only)");
    return false;
}

int32_t wl_hal_errno(mote_hal_status st)
{
    switch (st) {
    case MOTE_HAL_OK: return 0;
    case MOTE_HAL_ERR_UNSUPPORTED: return -WASI_ENOTSUP;
    case MOTE_HAL_ERR_ARGUMENT: return -WASI_EINVAL;
    case MOTE_HAL_ERR_BUSY: return -WASI_EBUSY;
    default: return -WASI_EIO;
    }
}

/* gpio_configure(pin, mode) -> 0 | -errno */
mote_status wl_dev_gpio_configure(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    uint32_t pin = io[0].u32, mode = io[1].u32;
    if (!pin_allowed(user, pin, false))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    if (mode > MOTE_HAL_GPIO_OUTPUT)
        return wl_device_return(io, -WASI_EINVAL);
    if (mode == MOTE_HAL_GPIO_OUTPUT && !pin_allowed(user, pin, true))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    return wl_device_return(io,
                            wl_hal_errno(mote_hal_gpio_configure(pin, (mote_hal_gpio_mode)mode)));
}

/* gpio_write(pin, level) -> 0 | -errno */
mote_status wl_dev_gpio_write(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    uint32_t pin = io[0].u32;
    if (!pin_allowed(user, pin, true))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    return wl_device_return(io, wl_hal_errno(mote_hal_gpio_write(pin, io[1].u32 != 0)));
}

/* gpio_toggle(pin) -> 0 | -errno */
mote_status wl_dev_gpio_toggle(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    uint32_t pin = io[0].u32;
    if (!pin_allowed(user, pin, true))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    return wl_device_return(io, wl_hal_errno(mote_hal_gpio_toggle(pin)));
}

/* gpio_read(pin) -> 0 | 1 | -errno */
mote_status wl_dev_gpio_read(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    uint32_t pin = io[0].u32;
    if (!pin_allowed(user, pin, false))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    bool high = false;
    mote_hal_status st = mote_hal_gpio_read(pin, &high);
    return wl_device_return(io, st == MOTE_HAL_OK ? (int32_t)high : wl_hal_errno(st));
}

/* The HAL edge callback (interrupt context). */
static void on_edge(uint32_t pin, bool high, void *user)
{
    wl_events_push(user, MOTE_WASI_EVENT_GPIO, pin, high);
}

/* gpio_watch(pin, edges) -> 0 | -errno */
mote_status wl_dev_gpio_watch(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = user;
    uint32_t pin = io[0].u32, edges = io[1].u32;
    if (!pin_allowed(ctx, pin, false))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    if (edges > MOTE_HAL_GPIO_EDGE_BOTH)
        return wl_device_return(io, -WASI_EINVAL);
    mote_hal_status st =
        mote_hal_gpio_set_interrupt(pin, (mote_hal_gpio_edge)edges, edges ? on_edge : NULL, ctx);
    if (st == MOTE_HAL_OK) {
        if (edges)
            ctx->watched_pins |= 1ull << pin;
        else
            ctx->watched_pins &= ~(1ull << pin);
    }
    return wl_device_return(io, wl_hal_errno(st));
}
