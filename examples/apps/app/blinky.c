/*
 * blinky -- one of the three apps of the apps example: an LED on a
 * periodic timer.  Each tick prints one trace line with how late the app
 * ran (the scheduler's wake-up latency, as the app sees it) and, every
 * tenth tick, tells the logger.
 *
 *   blinky [period_ms [ticks]]    defaults: 100 ms, forever (0)
 *   env LED=<pin>                 default 0
 *
 * Trace: "blinky: tick N at T ms, late L us".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/device.h>

int main(int argc, char **argv)
{
    long period_ms = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    long ticks = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
    const char *led_env = getenv("LED");
    uint32_t led = led_env ? (uint32_t)atoi(led_env) : 0;
    int32_t r = mote_gpio_configure(led, MOTE_GPIO_OUTPUT);
    printf("blinky: LED on pin %u%s%s, every %ld ms\n", led, r < 0 ? " unusable: " : "",
           r < 0 ? strerror(-r) : "", period_ms);
    uint64_t period = (uint64_t)period_ms * 1000;
    uint64_t start = mote_time_us();
    if (mote_timer_start(0, period, period) < 0) {
        printf("blinky: no timer\n");
        return 1;
    }
    int on = 0;
    uint64_t due = start;
    for (long n = 1; ticks == 0 || n <= ticks;) {
        mote_event ev;
        if (mote_event_wait(&ev, -1) != 1 || ev.kind != MOTE_EVENT_TIMER)
            continue;
        uint64_t now = mote_time_us();
        due += period * ev.value; /* ev.value > 1: ticks were missed */
        on = !on;
        mote_gpio_write(led, on);
        printf("blinky: tick %ld at %llu.%03llu ms, late %llu us\n", n,
               (unsigned long long)(now / 1000), (unsigned long long)(now % 1000),
               (unsigned long long)(now - due));
        if (n % 10 == 0) {
            char msg[32];
            int len = snprintf(msg, sizeof msg, "tick %ld", n);
            mote_msg_send("logger", msg, (uint32_t)len); /* no logger: no matter */
        }
        n += (long)ev.value;
    }
    return 0;
}
