/*
 * GPIO on the SiFive GPIO block (FE310): 32 pins, edge interrupts through
 * the PLIC (pin n is source SIFIVE_GPIO_IRQ0 + n).  An output keeps its
 * input enabled too, so reads return the level actually on the pin.
 *
 * Board macros: SIFIVE_GPIO_BASE, SIFIVE_GPIO_IRQ0, SIFIVE_GPIO_RESERVED
 * (mask of pins the board uses itself, e.g. the console's).
 */
#include <stddef.h>

#include "mote_board.h"
#include "mote_port.h"

#define GPIO_REG(offset) MOTE_MMIO32(SIFIVE_GPIO_BASE + (offset))
#define GPIO_VALUE GPIO_REG(0x00)
#define GPIO_INPUT_EN GPIO_REG(0x04)
#define GPIO_OUTPUT_EN GPIO_REG(0x08)
#define GPIO_PORT GPIO_REG(0x0C)
#define GPIO_PUE GPIO_REG(0x10)
#define GPIO_RISE_IE GPIO_REG(0x18)
#define GPIO_RISE_IP GPIO_REG(0x1C) /* write 1 to clear */
#define GPIO_FALL_IE GPIO_REG(0x20)
#define GPIO_FALL_IP GPIO_REG(0x24)
#define GPIO_IOF_EN GPIO_REG(0x38)

#define PIN_COUNT 32u

const uint32_t mote_port_gpio_pins = PIN_COUNT;

static struct {
    mote_hal_gpio_fn fn;
    void *user;
} edge_handlers[PIN_COUNT];

static mote_hal_status check_pin(uint32_t pin)
{
    if (pin >= PIN_COUNT)
        return MOTE_HAL_ERR_ARGUMENT;
    if (SIFIVE_GPIO_RESERVED & (1u << pin))
        return MOTE_HAL_ERR_BUSY;
    return MOTE_HAL_OK;
}

/* Several registers are shared by all pins: update them with callbacks
 * locked out, since callbacks may drive pins too. */
static void modify(volatile uint32_t *reg, uint32_t mask, bool set)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    *reg = set ? (*reg | mask) : (*reg & ~mask);
    mote_hal_irq_unlock(s);
}

void mote_port_gpio_init(void)
{
    GPIO_RISE_IE = 0;
    GPIO_FALL_IE = 0;
    GPIO_RISE_IP = 0xFFFFFFFFu;
    GPIO_FALL_IP = 0xFFFFFFFFu;
}

mote_hal_status mote_hal_gpio_configure(uint32_t pin, mote_hal_gpio_mode mode)
{
    mote_hal_status status = check_pin(pin);
    if (status != MOTE_HAL_OK)
        return status;
    uint32_t bit = 1u << pin;
    modify(&GPIO_IOF_EN, bit, false);
    modify(&GPIO_PUE, bit, mode == MOTE_HAL_GPIO_INPUT_PULLUP);
    modify(&GPIO_OUTPUT_EN, bit, mode == MOTE_HAL_GPIO_OUTPUT);
    modify(&GPIO_INPUT_EN, bit, true);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_write(uint32_t pin, bool high)
{
    mote_hal_status status = check_pin(pin);
    if (status == MOTE_HAL_OK)
        modify(&GPIO_PORT, 1u << pin, high);
    return status;
}

mote_hal_status mote_hal_gpio_toggle(uint32_t pin)
{
    mote_hal_status status = check_pin(pin);
    if (status == MOTE_HAL_OK) {
        mote_hal_irq_state s = mote_hal_irq_lock();
        GPIO_PORT ^= 1u << pin;
        mote_hal_irq_unlock(s);
    }
    return status;
}

mote_hal_status mote_hal_gpio_read(uint32_t pin, bool *high)
{
    if (pin >= PIN_COUNT)
        return MOTE_HAL_ERR_ARGUMENT;
    *high = (GPIO_VALUE >> pin) & 1;
    return MOTE_HAL_OK;
}

static void edge_isr(unsigned irq)
{
    uint32_t pin = irq - SIFIVE_GPIO_IRQ0;
    uint32_t bit = 1u << pin;
    uint32_t pending = (GPIO_RISE_IP & GPIO_RISE_IE) | (GPIO_FALL_IP & GPIO_FALL_IE);
    /* Clear before the callback, so an edge it causes is not lost. */
    GPIO_RISE_IP = bit;
    GPIO_FALL_IP = bit;
    /* Clearing one pending register while the other is still set
     * re-asserts the pin's line, and QEMU's PLIC takes that as a new
     * request: the source comes back once with nothing pending.  No edge,
     * no call. */
    if ((pending & bit) && edge_handlers[pin].fn != NULL)
        edge_handlers[pin].fn(pin, (GPIO_VALUE >> pin) & 1, edge_handlers[pin].user);
}

mote_hal_status mote_hal_gpio_set_interrupt(uint32_t pin, mote_hal_gpio_edge edge,
                                            mote_hal_gpio_fn fn, void *user)
{
    mote_hal_status status = check_pin(pin);
    if (status != MOTE_HAL_OK)
        return status;
    if (edge != MOTE_HAL_GPIO_EDGE_NONE && fn == NULL)
        return MOTE_HAL_ERR_ARGUMENT;
    uint32_t bit = 1u << pin;
    mote_hal_irq_state s = mote_hal_irq_lock();
    edge_handlers[pin].fn = fn;
    edge_handlers[pin].user = user;
    GPIO_RISE_IP = bit;
    GPIO_FALL_IP = bit;
    modify(&GPIO_RISE_IE, bit, edge & MOTE_HAL_GPIO_EDGE_RISING);
    modify(&GPIO_FALL_IE, bit, edge & MOTE_HAL_GPIO_EDGE_FALLING);
    if (edge != MOTE_HAL_GPIO_EDGE_NONE)
        mote_port_irq_attach(SIFIVE_GPIO_IRQ0 + pin, edge_isr);
    mote_hal_irq_unlock(s);
    return MOTE_HAL_OK;
}
