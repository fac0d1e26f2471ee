/*
 * GPIO on the MPS2 FPGA I/O block: pins 0-1 are the user LEDs (LED0
 * register, outputs only), pins 2-3 the user push-buttons (BUTTON
 * register, inputs only).  The block has no interrupts.
 * Board macro: MPS2_FPGAIO_BASE.
 */
#include "mote_board.h"
#include "mote_port.h"

#define FPGAIO_LED0 MOTE_MMIO32(MPS2_FPGAIO_BASE + 0x00u)
#define FPGAIO_BUTTON MOTE_MMIO32(MPS2_FPGAIO_BASE + 0x08u)

enum { LED_PINS = 2, BUTTON_PINS = 2 };

const uint32_t mote_port_gpio_pins = LED_PINS + BUTTON_PINS;

static bool is_led(uint32_t pin)
{
    return pin < LED_PINS;
}

void mote_port_gpio_init(void)
{
    FPGAIO_LED0 = 0;
}

mote_hal_status mote_hal_gpio_configure(uint32_t pin, mote_hal_gpio_mode mode)
{
    if (pin >= mote_port_gpio_pins)
        return MOTE_HAL_ERR_ARGUMENT;
    if (is_led(pin))
        return mode == MOTE_HAL_GPIO_OUTPUT ? MOTE_HAL_OK : MOTE_HAL_ERR_UNSUPPORTED;
    return mode == MOTE_HAL_GPIO_INPUT ? MOTE_HAL_OK : MOTE_HAL_ERR_UNSUPPORTED;
}

/* LED0 is read-modify-written: lock out callbacks that also drive LEDs. */
static mote_hal_status update_led(uint32_t pin, uint32_t clear, uint32_t flip)
{
    if (pin >= mote_port_gpio_pins)
        return MOTE_HAL_ERR_ARGUMENT;
    if (!is_led(pin))
        return MOTE_HAL_ERR_UNSUPPORTED;
    mote_hal_irq_state s = mote_hal_irq_lock();
    FPGAIO_LED0 = ((FPGAIO_LED0 & ~(clear << pin)) ^ (flip << pin)) & 3u;
    mote_hal_irq_unlock(s);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_write(uint32_t pin, bool high)
{
    return update_led(pin, 1, high ? 1 : 0);
}

mote_hal_status mote_hal_gpio_toggle(uint32_t pin)
{
    return update_led(pin, 0, 1);
}

mote_hal_status mote_hal_gpio_read(uint32_t pin, bool *high)
{
    if (pin >= mote_port_gpio_pins)
        return MOTE_HAL_ERR_ARGUMENT;
    uint32_t bits = is_led(pin) ? FPGAIO_LED0 : FPGAIO_BUTTON << LED_PINS; /* button n is pin 2+n */
    *high = (bits >> pin) & 1;
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_set_interrupt(uint32_t pin, mote_hal_gpio_edge edge,
                                            mote_hal_gpio_fn fn, void *user)
{
    (void)fn;
    (void)user;
    if (pin >= mote_port_gpio_pins)
        return MOTE_HAL_ERR_ARGUMENT;
    return edge == MOTE_HAL_GPIO_EDGE_NONE ? MOTE_HAL_OK : MOTE_HAL_ERR_UNSUPPORTED;
}
