/*
 * reactor.c -- a reactor app: no main(); the firmware calls mote_on_start()
 * once and mote_on_event() per event.  Three ticks of a 1 ms timer, then
 * it watches the button; it exits with 5 on the first press.
 */
#include <stdio.h>
#include <stdlib.h>

#include <mote/device.h>

#define BUTTON 1

static int ticks;

MOTE_ON_START
{
    printf("reactor: start\n");
    mote_timer_start(0, 1000, 1000);
}

MOTE_ON_EVENT(kind, source, value)
{
    if (kind == MOTE_EVENT_TIMER) {
        printf("reactor: tick %d at %llu us\n", ++ticks, (unsigned long long)mote_time_us());
        if (ticks == 3) {
            mote_timer_stop(0);
            mote_gpio_configure(BUTTON, MOTE_GPIO_INPUT_PULLUP);
            mote_gpio_watch(BUTTON, MOTE_EDGE_FALLING);
        }
    } else if (kind == MOTE_EVENT_GPIO) {
        printf("reactor: pin %u level %u at %llu us\n", source, value,
               (unsigned long long)mote_time_us());
        exit(5);
    }
}
