/*
 * GPIO on the Nordic nRF51 GPIO port (P0, 32 pins).  Outputs keep their
 * input buffer connected, so reads (IN) return the level on the pin.
 * Edge interrupts would need the GPIOTE block, which QEMU 7.2 does not
 * model: mote_hal_gpio_set_interrupt() reports unsupported.
 *
 * Board macros: NRF51_GPIO_BASE, NRF51_GPIO_RESERVED (mask of pins the
 * board uses itself, e.g. the console's).
 */
#include "mote_board.h"
#include "mote_port.h"

#define GPIO_REG(offset) MOTE_MMIO32(NRF51_GPIO_BASE + (offset))
#define GPIO_OUT GPIO_REG(0x504)
#define GPIO_OUTSET GPIO_REG(0x508)
#define GPIO_OUTCLR GPIO_REG(0x50C)
#define GPIO_IN GPIO_REG(0x510)
#define GPIO_DIR GPIO_REG(0x514)
#define GPIO_PIN_CNF(n) GPIO_REG(0x700 + 4u * (n))

#define PIN_CNF_DIR_OUTPUT (1u << 0)
#define PIN_CNF_INPUT_DISCONNECT (1u << 1)
#define PIN_CNF_PULLDOWN (1u << 2)
#define PIN_CNF_PULLUP (3u << 2)

#define PIN_COUNT 32u

const uint32_t mote_port_gpio_pins = PIN_COUNT;

static mote_hal_status check_pin(uint32_t pin)
{
    if (pin >= PIN_COUNT)
        return MOTE_HAL_ERR_ARGUMENT;
    if (NRF51_GPIO_RESERVED & (1u << pin))
        return MOTE_HAL_ERR_BUSY;
    return MOTE_HAL_OK;
}

void mote_port_gpio_init(void)
{
}

mote_hal_status mote_hal_gpio_configure(uint32_t pin, mote_hal_gpio_mode mode)
{
    mote_hal_status status = check_pin(pin);
    if (status != MOTE_HAL_OK)
        return status;
    uint32_t cnf = 0; /* input, buffer connected, no pull */
    switch (mode) {
    case MOTE_HAL_GPIO_OUTPUT: cnf = PIN_CNF_DIR_OUTPUT; break;
    case MOTE_HAL_GPIO_INPUT_PULLUP: cnf = PIN_CNF_PULLUP; break;
    default: break;
    }
    GPIO_PIN_CNF(pin) = cnf;
    return MOTE_HAL_OK;
}

/* OUTSET/OUTCLR change one pin atomically: no lock needed. */
mote_hal_status mote_hal_gpio_write(uint32_t pin, bool high)
{
    mote_hal_status status = check_pin(pin);
    if (status != MOTE_HAL_OK)
        return status;
    if (high)
        GPIO_OUTSET = 1u << pin;
    else
        GPIO_OUTCLR = 1u << pin;
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_toggle(uint32_t pin)
{
    mote_hal_status status = check_pin(pin);
    if (status != MOTE_HAL_OK)
        return status;
    mote_hal_irq_state s = mote_hal_irq_lock();
    uint32_t bit = 1u << pin;
    if (GPIO_OUT & bit)
        GPIO_OUTCLR = bit;
    else
        GPIO_OUTSET = bit;
    mote_hal_irq_unlock(s);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_read(uint32_t pin, bool *high)
{
    if (pin >= PIN_COUNT)
        return MOTE_HAL_ERR_ARGUMENT;
    *high = (GPIO_IN >> pin) & 1;
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_set_interrupt(uint32_t pin, mote_hal_gpio_edge edge,
                                            mote_hal_gpio_fn fn, void *user)
{
    (void)edge;
    (void)fn;
    (void)user;
    mote_hal_status status = check_pin(pin);
    return status != MOTE_HAL_OK ? status : MOTE_HAL_ERR_UNSUPPORTED;
}
