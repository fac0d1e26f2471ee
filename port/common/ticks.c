/*
 * Tick <-> microsecond conversion for counters of any frequency (25 MHz
 * CMSDK timers, 10 MHz CLINT, 32768 Hz RTCs).  Splitting at whole seconds
 * keeps every intermediate product below 2^64 for hz < 2^32.
 */
#include "mote_port.h"

#define US_PER_S 1000000u

uint64_t mote_port_ticks_to_us(uint64_t ticks, uint32_t hz)
{
    return ticks / hz * US_PER_S + ticks % hz * US_PER_S / hz;
}

uint64_t mote_port_us_to_ticks(uint64_t us, uint32_t hz)
{
    uint64_t whole_seconds = us / US_PER_S;
    if (whole_seconds > UINT64_MAX / hz - 1)
        return UINT64_MAX; /* beyond any counter's range: "never" */
    return whole_seconds * hz + (us % US_PER_S * hz + US_PER_S - 1) / US_PER_S;
}
