/*
 * GPIO test: pin numbering limits, driving and reading back the board's
 * LED pins (on MPS2 this reads the FPGAIO LED register, so a wrong address
 * fails), and edge interrupts where the board has them.  The last line
 * says which kind of board this was, and the runner checks it against
 * what the board is known to have.
 */
#include <stdbool.h>

#include <mote/hal.h>
#include <mote_board.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

static volatile unsigned edges;
static volatile bool last_level;

static void on_edge(uint32_t pin, bool high, void *user)
{
    (void)user;
    CHECK(pin == MOTE_BOARD_LED0_PIN);
    last_level = high;
    edges++;
}

static bool read_pin(uint32_t pin)
{
    bool high = false;
    CHECK(mote_hal_gpio_read(pin, &high) == MOTE_HAL_OK);
    return high;
}

static void test_led(uint32_t pin)
{
    CHECK(mote_hal_gpio_configure(pin, MOTE_HAL_GPIO_OUTPUT) == MOTE_HAL_OK);
    CHECK(mote_hal_gpio_write(pin, true) == MOTE_HAL_OK);
    CHECK(read_pin(pin) == true);
    CHECK(mote_hal_gpio_write(pin, false) == MOTE_HAL_OK);
    CHECK(read_pin(pin) == false);
    CHECK(mote_hal_gpio_toggle(pin) == MOTE_HAL_OK);
    CHECK(read_pin(pin) == true);
    CHECK(mote_hal_gpio_toggle(pin) == MOTE_HAL_OK);
    CHECK(read_pin(pin) == false);
}

/* Returns false if the board has no edge interrupts. */
static bool test_edges(uint32_t pin)
{
    mote_hal_status status =
        mote_hal_gpio_set_interrupt(pin, MOTE_HAL_GPIO_EDGE_BOTH, on_edge, NULL);
    if (status == MOTE_HAL_ERR_UNSUPPORTED)
        return false;
    CHECK(status == MOTE_HAL_OK);
    for (int i = 0; i < 4; i++) {
        unsigned before = edges;
        CHECK(mote_hal_gpio_toggle(pin) == MOTE_HAL_OK);
        mote_hal_sleep_us(2000); /* time for the interrupt to be taken */
        CHECK(edges == before + 1);
        CHECK(last_level == (i % 2 == 0));
    }
    /* Rising only: the falling edge must not call. */
    CHECK(mote_hal_gpio_set_interrupt(pin, MOTE_HAL_GPIO_EDGE_RISING, on_edge, NULL) ==
          MOTE_HAL_OK);
    unsigned before = edges;
    CHECK(mote_hal_gpio_write(pin, true) == MOTE_HAL_OK);
    mote_hal_sleep_us(2000);
    CHECK(mote_hal_gpio_write(pin, false) == MOTE_HAL_OK);
    mote_hal_sleep_us(2000);
    CHECK(edges == before + 1);
    CHECK(mote_hal_gpio_set_interrupt(pin, MOTE_HAL_GPIO_EDGE_NONE, NULL, NULL) == MOTE_HAL_OK);
    CHECK(mote_hal_gpio_toggle(pin) == MOTE_HAL_OK);
    mote_hal_sleep_us(2000);
    CHECK(edges == before + 1);
    printf("gpio: %u edge interrupts\n", edges);
    return true;
}

int main(void)
{
    mote_hal_init();
    uint32_t count = mote_hal_board()->gpio_count;
    if (count == 0) {
        CHECK(mote_hal_gpio_configure(0, MOTE_HAL_GPIO_OUTPUT) == MOTE_HAL_ERR_UNSUPPORTED);
        CHECK(mote_hal_gpio_write(0, true) == MOTE_HAL_ERR_UNSUPPORTED);
        printf("gpio: board has no GPIO\n");
        return check_summary("gpio");
    }
    printf("gpio: %lu pins\n", (unsigned long)count);
    bool ignored;
    CHECK(mote_hal_gpio_configure(count, MOTE_HAL_GPIO_OUTPUT) == MOTE_HAL_ERR_ARGUMENT);
    CHECK(mote_hal_gpio_read(count, &ignored) == MOTE_HAL_ERR_ARGUMENT);
    test_led(MOTE_BOARD_LED0_PIN);
    test_led(MOTE_BOARD_LED1_PIN);
    printf("gpio: LEDs driven and read back\n");
    if (!test_edges(MOTE_BOARD_LED0_PIN))
        printf("gpio: no edge interrupts on this board\n");
    return check_summary("gpio");
}
