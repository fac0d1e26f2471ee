/*
 * The host board's setup for firmware: the MOTE_HOST_* environment
 * variables, read by mote_hal_init() unless the program has called a
 * mote_host_set_* function (the `mote` CLI sets everything itself).  So an
 * unmodified firmware image built for the host can run in virtual time
 * with scripted buttons and a trace:
 *
 *   MOTE_HOST_VIRTUAL_TIME=1 MOTE_HOST_GPIO_IN='50ms 1=0; +20ms 1=1' \
 *   MOTE_HOST_GPIO_TRACE=button.vcd ./fw-button
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_sim.h"

static bool touched;

void host_config_touched(void)
{
    touched = true;
}

static _Noreturn void bad(const char *name, const char *why)
{
    fprintf(stderr, "mote host board: %s: %s\n", name, why);
    exit(MOTE_HOST_EXIT_SETUP);
}

static const char *var(const char *name)
{
    const char *value = getenv(name);
    return value != NULL && *value != '\0' ? value : NULL;
}

void host_config_from_env(void)
{
    if (touched)
        return;
    char err[256];
    const char *v;
    if ((v = var("MOTE_HOST_VIRTUAL_TIME")) != NULL)
        mote_host_set_virtual_time(strcmp(v, "0") != 0);
    if ((v = var("MOTE_HOST_TIME_LIMIT")) != NULL) {
        uint64_t us;
        if (!mote_host_parse_duration(v, &us))
            bad("MOTE_HOST_TIME_LIMIT", "expected a duration such as 10s or 250ms");
        mote_host_set_time_limit(us);
    }
    if ((v = var("MOTE_HOST_EPOCH")) != NULL) {
        uint64_t us;
        if (!mote_host_parse_epoch(v, &us))
            bad("MOTE_HOST_EPOCH", "expected seconds since 1970 or a UTC date such as "
                                   "2025-01-01T12:00:00Z");
        mote_host_set_epoch(us);
    }
    if ((v = var("MOTE_HOST_UART_EOF")) != NULL)
        mote_host_set_uart_eof_byte((int)strtol(v, NULL, 0));
    if ((v = var("MOTE_HOST_UART")) != NULL && !mote_host_set_uart(v, err, sizeof err))
        bad("MOTE_HOST_UART", err);
    if ((v = var("MOTE_HOST_GPIO_IN")) != NULL && !mote_host_gpio_input(v, err, sizeof err))
        bad("MOTE_HOST_GPIO_IN", err);
    if ((v = var("MOTE_HOST_GPIO_TRACE")) != NULL && !mote_host_gpio_trace(v, err, sizeof err))
        bad("MOTE_HOST_GPIO_TRACE", err);
    if ((v = var("MOTE_HOST_FLASH")) != NULL && !mote_host_set_flash_file(v, 0, 0, err, sizeof err))
        bad("MOTE_HOST_FLASH", err);
}
