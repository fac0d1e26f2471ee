/*
 * button -- one of the three apps of the apps example: each press of a
 * button toggles an LED and is reported to the logger.  A press is a GPIO
 * edge on the button's pin (debounced: edges within 20 ms of a press are
 * bounces), or, on a board whose buttons QEMU cannot press, a 'b' typed on
 * the console (the app's manifest grants it console input).
 *
 *   button [presses]      default 0: forever
 *   env BUTTON=<pin>      default 2, active low
 *   env LED=<pin>         default 1
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mote/device.h>

#define DEBOUNCE_US 20000u

static uint32_t env_pin(const char *name, uint32_t fallback)
{
    const char *v = getenv(name);
    return v ? (uint32_t)atoi(v) : fallback;
}

/* Keys on the console: each 'b' is a press; the rest is ignored.
 * Returns the number of presses read. */
static int keys_pressed(void)
{
    char c[16];
    ssize_t n = read(0, c, sizeof c);
    int presses = 0;
    for (ssize_t i = 0; i < n; i++)
        presses += c[i] == 'b';
    return presses;
}

int main(int argc, char **argv)
{
    long presses = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
    uint32_t button = env_pin("BUTTON", 2), led = env_pin("LED", 1);
    mote_gpio_configure(button, MOTE_GPIO_INPUT_PULLUP);
    mote_gpio_configure(led, MOTE_GPIO_OUTPUT);
    int32_t watch = mote_gpio_watch(button, MOTE_EDGE_FALLING);
    int32_t keys = mote_uart_watch(1);
    printf("button: pin %u %s, console keys %s\n", button,
           watch == 0 ? "watched" : strerror(-watch), keys == 0 ? "watched" : strerror(-keys));
    uint64_t last = 0;
    int on = 0;
    for (long n = 1; presses == 0 || n <= presses;) {
        mote_event ev;
        if (mote_event_wait(&ev, -1) != 1)
            continue;
        const char *how = "key";
        int count = 0;
        if (ev.kind == MOTE_EVENT_GPIO && ev.source == button) {
            if (last != 0 && ev.time_us - last < DEBOUNCE_US)
                continue;
            last = ev.time_us;
            how = "gpio";
            count = 1;
        } else if (ev.kind == MOTE_EVENT_UART) {
            count = keys_pressed();
        }
        for (; count > 0; count--, n++) {
            on = !on;
            mote_gpio_write(led, on);
            uint64_t now = mote_time_us();
            printf("button: press %ld (%s) at %llu.%03llu ms\n", n, how,
                   (unsigned long long)(now / 1000), (unsigned long long)(now % 1000));
            char msg[32];
            int len = snprintf(msg, sizeof msg, "press %ld", n);
            mote_msg_send("logger", msg, (uint32_t)len);
        }
    }
    return 0;
}
