/*
 * all_imports.c -- references every function wasi-libc's <wasi/api.h>
 * declares and every device call, so the module imports all of them with
 * wasi-libc's own types: test_link checks that WASI-lite links it.
 */
#include <wasi/api.h>

#include <mote/device.h>

#define F(name) (void *)&name,

static void *volatile all[] = {
#include "all_imports.inc"
    F(mote_gpio_configure) F(mote_gpio_write) F(mote_gpio_toggle) F(mote_gpio_read)
        F(mote_gpio_watch) F(mote_timer_start) F(mote_timer_stop) F(mote_event_wait)
            F(mote_uart_watch) F(mote_time_us)};

int main(void)
{
    return all[0] == 0;
}
