/*
 * Tick <-> microsecond conversion for counters of any frequency (25 MHz
 * CMSDK timers, 10 MHz CLINT, 32768 Hz RTCs).  Splitting at whole seconds
 * keeps every intermediate product below 2^64 for hz < 2^32.  The divisions
 * are the HAL's own (mote_hal_div64, div64.c), not the compiler's 64-bit routines.
 */
#include "mote_port.h"

#define US_PER_S 1000000u

uint64_t mote_port_ticks_to_us(uint64_t ticks, uint32_t hz)
{
    uint64_t part;
    uint64_t whole_seconds = mote_hal_div64(ticks, hz, &part);
    return whole_seconds * US_PER_S + mote_hal_div64(part * US_PER_S, hz, &part);
}

uint64_t mote_port_us_to_ticks(uint64_t us, uint32_t hz)
{
    uint64_t part, ticks;
    uint64_t whole_seconds = mote_hal_div64(us, US_PER_S, &part);
    /* whole_seconds < 2^45, so the + 1 cannot wrap */
    if (__builtin_mul_overflow(whole_seconds + 1, hz, &ticks))
        return UINT64_MAX; /* beyond any counter's range: "never" */
    return whole_seconds * hz + mote_hal_div64(part * hz + US_PER_S - 1, US_PER_S, &part);
}
