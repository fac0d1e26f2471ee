/*
 * button -- each press of a button toggles an LED.  The press arrives as a
 * GPIO edge event; bounces within 20 ms of a press are ignored.  Boards
 * whose GPIO cannot interrupt (-ENOTSUP from mote_gpio_watch) are served
 * by polling the pin every 10 ms on a timer instead.
 *
 *   button [presses]        default 3 (0: forever)
 *   env BUTTON=<pin>        default 1; active low with the pull-up, unless
 *   env BUTTON_ACTIVE=high  (a button that reads 1 when pressed)
 *   env LED=<pin>           default 0
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/device.h>

#define DEBOUNCE_US 20000u
#define POLL_US 10000u

static uint32_t pin_from_env(const char *name, uint32_t fallback)
{
    const char *v = getenv(name);
    return v ? (uint32_t)atoi(v) : fallback;
}

static uint32_t button;
static int pressed_level; /* the level the pin has while pressed */

/* True when `ev` is a new press: an edge (or, polling, a change to the
 * pressed level) more than DEBOUNCE_US after the last press. */
static int is_press(const mote_event *ev, int polling)
{
    static uint64_t last_press;
    static int last_level = -1;
    if (polling) {
        if (ev->kind != MOTE_EVENT_TIMER)
            return 0;
        int level = mote_gpio_read(button);
        int pressed = level == pressed_level && last_level == !pressed_level;
        last_level = level;
        if (!pressed)
            return 0;
    } else if (ev->kind != MOTE_EVENT_GPIO || ev->source != button) {
        return 0;
    }
    if (last_press != 0 && ev->time_us - last_press < DEBOUNCE_US)
        return 0;
    last_press = ev->time_us;
    return 1;
}

int main(int argc, char **argv)
{
    long presses = argc > 1 ? strtol(argv[1], NULL, 10) : 3;
    const char *active = getenv("BUTTON_ACTIVE");
    pressed_level = active != NULL && strcmp(active, "high") == 0;
    button = pin_from_env("BUTTON", 1);
    uint32_t led = pin_from_env("LED", 0);
    /* Active low wants the pull-up; active high (or a board without
     * pull-ups) has the board's own resistor. */
    int32_t r =
        mote_gpio_configure(button, pressed_level ? MOTE_GPIO_INPUT : MOTE_GPIO_INPUT_PULLUP);
    if (r == -ENOTSUP)
        r = mote_gpio_configure(button, MOTE_GPIO_INPUT);
    if (r < 0) {
        printf("button: pin %u unusable: %s\n", button, strerror(-r));
        return 1;
    }
    mote_gpio_configure(led, MOTE_GPIO_OUTPUT);
    uint32_t edge = pressed_level ? MOTE_EDGE_RISING : MOTE_EDGE_FALLING;
    int polling = mote_gpio_watch(button, edge) == -ENOTSUP;
    if (polling)
        mote_timer_start(0, POLL_US, POLL_US);
    printf("button: press pin %u to toggle the LED on pin %u%s\n", button, led,
           polling ? " (polling)" : "");
    int on = 0;
    for (long n = 1; presses == 0 || n <= presses;) {
        mote_event ev;
        if (mote_event_wait(&ev, -1) != 1 || !is_press(&ev, polling))
            continue;
        on = !on;
        mote_gpio_write(led, on);
        printf("press %ld at %llu ms: LED %s\n", n++, (unsigned long long)(ev.time_us / 1000),
               on ? "on" : "off");
    }
    return 0;
}
