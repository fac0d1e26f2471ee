/*
 * blink -- the template's app: greets, blinks the board's LED on a timer
 * (argument 1: how many times, default 3) and exits with status 0.
 * Plain C with wasi-libc, plus mote's device API (<mote/device.h>).
 */
#include <stdio.h>
#include <stdlib.h>

#include <mote/device.h>

int main(int argc, char **argv)
{
    int blinks = argc > 1 ? atoi(argv[1]) : 3;
    const char *board = getenv("MOTE_BOARD");
    const char *led_pin = getenv("LED"); /* the firmware names the board's LED */
    uint32_t led = led_pin ? (uint32_t)atoi(led_pin) : 0;
    printf("template: hello from %s\n", board ? board : "an unnamed board");

    if (mote_gpio_configure(led, MOTE_GPIO_OUTPUT) < 0)
        printf("template: no LED on this board: blinking on the console only\n");
    if (mote_timer_start(0, 50000, 50000) < 0) { /* every 50 ms */
        printf("template: no timer\n");
        return 1;
    }
    for (int n = 0; n < 2 * blinks;) {
        mote_event ev;
        if (mote_event_wait(&ev, -1) == 1 && ev.kind == MOTE_EVENT_TIMER) {
            n++;
            mote_gpio_write(led, n % 2);
            printf("template: LED %s\n", n % 2 ? "on" : "off");
        }
    }
    mote_timer_stop(0);
    printf("template: done\n");
    return 0;
}
