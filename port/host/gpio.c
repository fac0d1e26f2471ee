/*
 * Host GPIO: 32 simulated pins.
 *
 * Each pin has an output latch, a mode, and maybe an external signal (a
 * scripted input edge, boards/host/stimuli.c).  Its level is the latch when
 * it is an output, else the external signal if there is one, else 1 with
 * the pull-up and 0 floating.  Writing an input pin sets the latch only, as
 * on most MCUs, so firmware can preset an output before enabling it.
 *
 * Every change of what a logic analyser would see (floating counts as Z)
 * goes to the trace (boards/host/vcd.c) with its time.  Edge callbacks fire
 * when the level changes -- driven by the firmware or from outside -- with
 * interrupts locked, as a real interrupt handler would run.
 */
#include <stddef.h>

#include "host_sim.h"
#include "mote_port.h"

#define PIN_COUNT MOTE_HOST_GPIO_PINS

const uint32_t mote_port_gpio_pins = PIN_COUNT;

static struct {
    mote_hal_gpio_mode mode;
    bool latch;            /* the output value */
    bool driven, external; /* an external signal and its level */
    bool level;            /* what reads return */
    int seen;              /* HOST_LOW/HIGH/FLOATING, as traced */
    mote_hal_gpio_edge edge;
    mote_hal_gpio_fn fn;
    void *user;
} pins[PIN_COUNT];

void mote_port_gpio_init(void)
{
    for (uint32_t i = 0; i < PIN_COUNT; i++) {
        pins[i].mode = MOTE_HAL_GPIO_INPUT;
        pins[i].seen = HOST_FLOATING;
    }
}

/* Works out the pin's level after a change; traces it and raises the edge. */
static void update(uint32_t pin, bool configured)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool output = pins[pin].mode == MOTE_HAL_GPIO_OUTPUT;
    bool pullup = pins[pin].mode == MOTE_HAL_GPIO_INPUT_PULLUP;
    bool level = output ? pins[pin].latch : pins[pin].driven ? pins[pin].external : pullup;
    int seen = output || pins[pin].driven || pullup ? (int)level : HOST_FLOATING;
    if (seen != pins[pin].seen || configured)
        host_trace_pin(pin, seen, mote_hal_time_us());
    pins[pin].seen = seen;
    bool was = pins[pin].level;
    pins[pin].level = level;
    mote_hal_gpio_edge edge = level ? MOTE_HAL_GPIO_EDGE_RISING : MOTE_HAL_GPIO_EDGE_FALLING;
    if (was != level && (pins[pin].edge & edge) && pins[pin].fn != NULL)
        pins[pin].fn(pin, level, pins[pin].user);
    mote_hal_irq_unlock(s);
}

void host_gpio_external(uint32_t pin, bool high)
{
    if (pin >= PIN_COUNT)
        return;
    pins[pin].driven = true;
    pins[pin].external = high;
    update(pin, false);
}

mote_hal_status mote_hal_gpio_configure(uint32_t pin, mote_hal_gpio_mode mode)
{
    if (pin >= PIN_COUNT || mode > MOTE_HAL_GPIO_OUTPUT)
        return MOTE_HAL_ERR_ARGUMENT;
    pins[pin].mode = mode;
    update(pin, true);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_write(uint32_t pin, bool high)
{
    if (pin >= PIN_COUNT)
        return MOTE_HAL_ERR_ARGUMENT;
    pins[pin].latch = high;
    update(pin, false);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_toggle(uint32_t pin)
{
    if (pin >= PIN_COUNT)
        return MOTE_HAL_ERR_ARGUMENT;
    return mote_hal_gpio_write(pin, !pins[pin].latch);
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
    if (pin >= PIN_COUNT || edge > MOTE_HAL_GPIO_EDGE_BOTH ||
        (edge != MOTE_HAL_GPIO_EDGE_NONE && fn == NULL))
        return MOTE_HAL_ERR_ARGUMENT;
    mote_hal_irq_state s = mote_hal_irq_lock();
    pins[pin].edge = edge;
    pins[pin].fn = fn;
    pins[pin].user = user;
    mote_hal_irq_unlock(s);
    return MOTE_HAL_OK;
}
