/*
 * Host GPIO: 32 pins in memory.  An output reads back what it drives; an
 * input reads 1 with the pull-up and 0 floating.  Edge callbacks fire when
 * a pin's level changes, called with the timer signal blocked as a real
 * interrupt handler would be.  (The simulation board will add pins driven
 * from outside.)
 */
#include <stddef.h>

#include "mote_port.h"

#define PIN_COUNT 32u

const uint32_t mote_port_gpio_pins = PIN_COUNT;

static struct {
    mote_hal_gpio_mode mode;
    bool level;
    mote_hal_gpio_edge edge;
    mote_hal_gpio_fn fn;
    void *user;
} pins[PIN_COUNT];

void mote_port_gpio_init(void)
{
    for (uint32_t i = 0; i < PIN_COUNT; i++)
        pins[i].mode = MOTE_HAL_GPIO_INPUT;
}

static void set_level(uint32_t pin, bool level)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool was = pins[pin].level;
    pins[pin].level = level;
    mote_hal_gpio_edge seen = level ? MOTE_HAL_GPIO_EDGE_RISING : MOTE_HAL_GPIO_EDGE_FALLING;
    if (was != level && (pins[pin].edge & seen) && pins[pin].fn != NULL)
        pins[pin].fn(pin, level, pins[pin].user);
    mote_hal_irq_unlock(s);
}

mote_hal_status mote_hal_gpio_configure(uint32_t pin, mote_hal_gpio_mode mode)
{
    if (pin >= PIN_COUNT)
        return MOTE_HAL_ERR_ARGUMENT;
    pins[pin].mode = mode;
    if (mode != MOTE_HAL_GPIO_OUTPUT)
        set_level(pin, mode == MOTE_HAL_GPIO_INPUT_PULLUP);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_write(uint32_t pin, bool high)
{
    if (pin >= PIN_COUNT)
        return MOTE_HAL_ERR_ARGUMENT;
    if (pins[pin].mode == MOTE_HAL_GPIO_OUTPUT)
        set_level(pin, high);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_toggle(uint32_t pin)
{
    if (pin >= PIN_COUNT)
        return MOTE_HAL_ERR_ARGUMENT;
    return mote_hal_gpio_write(pin, !pins[pin].level);
}

mote_hal_status mote_hal_gpio_read(uint32_t pin, bool *high)
{
    if (pin >= PIN_COUNT)
        return MOTE_HAL_ERR_ARGUMENT;
    *high = pins[pin].level;
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_set_interrupt(uint32_t pin, mote_hal_gpio_edge edge,
                                            mote_hal_gpio_fn fn, void *user)
{
    if (pin >= PIN_COUNT || (edge != MOTE_HAL_GPIO_EDGE_NONE && fn == NULL))
        return MOTE_HAL_ERR_ARGUMENT;
    mote_hal_irq_state s = mote_hal_irq_lock();
    pins[pin].edge = edge;
    pins[pin].fn = fn;
    pins[pin].user = user;
    mote_hal_irq_unlock(s);
    return MOTE_HAL_OK;
}
