/* GPIO for boards that have none (the QEMU virt machine): all unsupported. */
#include "mote_port.h"

const uint32_t mote_port_gpio_pins = 0;

void mote_port_gpio_init(void)
{
}

mote_hal_status mote_hal_gpio_configure(uint32_t pin, mote_hal_gpio_mode mode)
{
    (void)pin;
    (void)mode;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_hal_gpio_write(uint32_t pin, bool high)
{
    (void)pin;
    (void)high;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_hal_gpio_toggle(uint32_t pin)
{
    (void)pin;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_hal_gpio_read(uint32_t pin, bool *high)
{
    (void)pin;
    (void)high;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_hal_gpio_set_interrupt(uint32_t pin, mote_hal_gpio_edge edge,
                                            mote_hal_gpio_fn fn, void *user)
{
    (void)pin;
    (void)edge;
    (void)fn;
    (void)user;
    return MOTE_HAL_ERR_UNSUPPORTED;
}
