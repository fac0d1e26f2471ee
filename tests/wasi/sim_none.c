/*
 * sim_none.c -- the simulator's scripting calls for a driver linked with a
 * real HAL (the POSIX host port): nothing is simulated, so the options that
 * need them are refused.
 */
#include "sim_hal.h"

bool sim_available(void)
{
    return false;
}

bool sim_console_input(uint64_t at_us, const void *data, size_t len)
{
    (void)at_us, (void)data, (void)len;
    return false;
}

void sim_console_echo(FILE *echo)
{
    (void)echo;
}

bool sim_gpio_drive(uint32_t pin, bool high, uint64_t at_us)
{
    (void)pin, (void)high, (void)at_us;
    return false;
}

void sim_gpio_trace(FILE *trace)
{
    (void)trace;
}

void sim_time_limit(uint64_t us)
{
    (void)us;
}
