/*
 * blinky -- an LED on a timer.  A periodic timer from the device API
 * wakes the app; between ticks the CPU sleeps in mote_event_wait().
 *
 *   blinky [period_ms [toggles]]     defaults: 500 ms, 10 toggles (0: forever)
 *   env LED=<pin>                    default 0
 *
 * On a board without GPIO the LED calls fail and it blinks on the console
 * only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/device.h>

static long arg(int argc, char **argv, int i, long fallback)
{
    return argc > i ? strtol(argv[i], NULL, 10) : fallback;
}

int main(int argc, char **argv)
{
    long period_ms = arg(argc, argv, 1, 500);
    long toggles = arg(argc, argv, 2, 10);
    const char *led_env = getenv("LED");
    uint32_t led = led_env ? (uint32_t)atoi(led_env) : 0;

    int32_t r = mote_gpio_configure(led, MOTE_GPIO_OUTPUT);
    if (r < 0)
        printf("blinky: no LED on pin %u (%s): console only\n", led, strerror(-r));
    r = mote_timer_start(0, (uint64_t)period_ms * 1000, (uint64_t)period_ms * 1000);
    if (r < 0) {
        printf("blinky: cannot start a timer: %s\n", strerror(-r));
        return 1;
    }
    printf("blinky: pin %u every %ld ms\n", led, period_ms);
    int on = 0;
    for (long n = 1; toggles == 0 || n <= toggles;) {
        mote_event ev;
        if (mote_event_wait(&ev, -1) != 1 || ev.kind != MOTE_EVENT_TIMER)
            continue;
        on = !on;
        mote_gpio_write(led, on);
        printf("blink %ld: LED %s\n", n++, on ? "on" : "off");
    }
    mote_timer_stop(0);
    return 0;
}
