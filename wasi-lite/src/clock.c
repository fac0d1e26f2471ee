/*
 * clock.c -- clock_time_get and clock_res_get.
 *
 *   monotonic   mote_hal_time_us() in ns (1 µs resolution), 0 at HAL start
 *   realtime    the board's wall clock, mote_hal_rtc_get(), in ns; ENOTSUP
 *               while the board does not know the time (no RTC and not
 *               set: see hal.h)
 *   process / thread CPU time   ENOTSUP (the HAL does not measure it)
 *   any other id                EINVAL
 */
#include "internal.h"

#define NS_PER_US 1000u

uint64_t wl_add_saturating(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

uint64_t wl_ns_to_us_up(uint64_t ns)
{
    uint64_t part;
    uint64_t us = mote_hal_div64(ns, NS_PER_US, &part); /* not the compiler's: hal.h */
    return us + (part != 0);
}

static uint64_t us_to_ns(uint64_t us)
{
    return us > UINT64_MAX / NS_PER_US ? UINT64_MAX : us * NS_PER_US;
}

/* Reads a clock in ns; returns a WASI errno (WASI_ESUCCESS if readable). */
static uint16_t clock_now_ns(uint32_t clock, uint64_t *ns)
{
    uint64_t us;
    switch (clock) {
    case WASI_CLOCK_MONOTONIC: *ns = us_to_ns(mote_hal_time_us()); return WASI_ESUCCESS;
    case WASI_CLOCK_REALTIME:
        if (mote_hal_rtc_get(&us) != MOTE_HAL_OK)
            return WASI_ENOTSUP;
        *ns = us_to_ns(us);
        return WASI_ESUCCESS;
    case WASI_CLOCK_PROCESS_CPUTIME:
    case WASI_CLOCK_THREAD_CPUTIME: return WASI_ENOTSUP;
    default: return WASI_EINVAL;
    }
}

bool wl_clock_deadline_us(uint32_t clock, uint64_t timestamp_ns, uint64_t *deadline_us,
                          uint16_t *err)
{
    uint64_t now_ns;
    *err = clock_now_ns(clock, &now_ns);
    if (*err != WASI_ESUCCESS)
        return false;
    uint64_t mono_us = mote_hal_time_us();
    if (clock == WASI_CLOCK_REALTIME) {
        /* A wall-clock time as the monotonic time it is due: now plus the
         * distance to it (which later sets of the wall clock do not move). */
        uint64_t ahead_ns = timestamp_ns > now_ns ? timestamp_ns - now_ns : 0;
        *deadline_us = wl_add_saturating(mono_us, wl_ns_to_us_up(ahead_ns));
    } else {
        *deadline_us = wl_ns_to_us_up(timestamp_ns);
    }
    return true;
}

/* clock_res_get(id, resolution_ptr) -> errno */
mote_status wl_wasi_clock_res_get(mote_instance *inst, mote_value *io, void *user)
{
    (void)user;
    uint64_t ns;
    uint16_t err = clock_now_ns(io[0].u32, &ns);
    if (err != WASI_ESUCCESS)
        return wl_wasi_return(io, err);
    if (!wl_guest_put_u64(inst, io[1].u32, NS_PER_US))
        return wl_wasi_return(io, WASI_EFAULT);
    return wl_wasi_return(io, WASI_ESUCCESS);
}

/* clock_time_get(id, precision, time_ptr) -> errno; precision is ignored:
 * the time is always as exact as the HAL's. */
mote_status wl_wasi_clock_time_get(mote_instance *inst, mote_value *io, void *user)
{
    (void)user;
    uint64_t ns;
    uint16_t err = clock_now_ns(io[0].u32, &ns);
    if (err != WASI_ESUCCESS)
        return wl_wasi_return(io, err);
    if (!wl_guest_put_u64(inst, io[2].u32, ns))
        return wl_wasi_return(io, WASI_EFAULT);
    return wl_wasi_return(io, WASI_ESUCCESS);
}
