/*
 * clock.c -- clock_time_get and clock_res_get.
 *
 *   monotonic   mote_hal_time_us() in ns (1 µs resolution), 0 at HAL start
 *   realtime    only when the firmware set has_realtime: realtime_base_ns +
 *               the monotonic time; otherwise ENOTSUP
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
    return ns / NS_PER_US + (ns % NS_PER_US != 0);
}

/* Checks a clock id: WASI_ESUCCESS if WASI-lite can read it. */
static uint16_t clock_check(const mote_wasi *ctx, uint32_t clock)
{
    switch (clock) {
    case WASI_CLOCK_MONOTONIC:
        return WASI_ESUCCESS;
    case WASI_CLOCK_REALTIME:
        return ctx->cfg.has_realtime ? WASI_ESUCCESS : WASI_ENOTSUP;
    case WASI_CLOCK_PROCESS_CPUTIME:
    case WASI_CLOCK_THREAD_CPUTIME:
        return WASI_ENOTSUP;
    default:
        return WASI_EINVAL;
    }
}

static uint64_t clock_now_ns(const mote_wasi *ctx, uint32_t clock)
{
    uint64_t ns = mote_hal_time_us() * NS_PER_US;
    return clock == WASI_CLOCK_REALTIME ? wl_add_saturating(ctx->cfg.realtime_base_ns, ns) : ns;
}

bool wl_clock_deadline_us(const mote_wasi *ctx, uint32_t clock, uint64_t timestamp_ns,
                       uint64_t *deadline_us, uint16_t *err)
{
    *err = clock_check(ctx, clock);
    if (*err != WASI_ESUCCESS)
        return false;
    if (clock == WASI_CLOCK_REALTIME)
        timestamp_ns = timestamp_ns > ctx->cfg.realtime_base_ns
                           ? timestamp_ns - ctx->cfg.realtime_base_ns : 0;
    *deadline_us = wl_ns_to_us_up(timestamp_ns);
    return true;
}

/* clock_res_get(id, resolution_ptr) -> errno */
mote_status wl_wasi_clock_res_get(mote_instance *inst, mote_value *io, void *user)
{
    uint16_t err = clock_check(user, io[0].u32);
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
    uint32_t clock = io[0].u32;
    uint16_t err = clock_check(user, clock);
    if (err != WASI_ESUCCESS)
        return wl_wasi_return(io, err);
    if (!wl_guest_put_u64(inst, io[2].u32, clock_now_ns(user, clock)))
        return wl_wasi_return(io, WASI_EFAULT);
    return wl_wasi_return(io, WASI_ESUCCESS);
}
