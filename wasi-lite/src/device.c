/*
 * device.c -- the device API's timer and event calls (import module
 * "mote"), and the monotonic time in µs.
 */
#include <string.h>

#include "internal.h"

/* Periods shorter than this would let timer interrupts starve the app. */
#define MIN_PERIOD_US 100u

static bool timer_allowed(mote_wasi *ctx, uint32_t id)
{
    if (id < ctx->cfg.max_timers)
        return true;
    wl_deny(ctx, "timer ", id,
            ctx->cfg.max_timers == 0 ? " (no timers granted)" : " (beyond the timers granted)");
    return false;
}

/* timer_start(id, delay_us, period_us) -> 0 | -errno */
mote_status wl_dev_timer_start(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    uint32_t id = io[0].u32;
    uint64_t delay = io[1].u64, period = io[2].u64;
    if (!timer_allowed(user, id))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    if (period > 0 && period < MIN_PERIOD_US)
        return wl_device_return(io, -WASI_EINVAL);
    wl_timers_start(user, id, delay, period);
    return wl_device_return(io, 0);
}

/* timer_stop(id) -> 0 | -errno; drops the timer's queued events too. */
mote_status wl_dev_timer_stop(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    uint32_t id = io[0].u32;
    if (!timer_allowed(user, id))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    wl_timers_stop(user, id);
    wl_events_purge(user, MOTE_WASI_EVENT_TIMER, id);
    return wl_device_return(io, 0);
}

/* uart_watch(enable) -> 0 | -ENOTCAPABLE */
mote_status wl_dev_uart_watch(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = user;
    if (io[0].u32 != 0 && !wl_cap_uart(ctx, 0)) {
        wl_deny(ctx, "console input", NO_NUMBER, " (uart 0 not granted)");
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    }
    ctx->uart_watch = io[0].u32 != 0;
    return wl_device_return(io, 0);
}

/* time_us() -> u64 */
mote_status wl_dev_time_us(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    (void)user;
    io[0].u64 = mote_hal_time_us();
    return MOTE_OK;
}

static void put_record(uint8_t *rec, const mote_wasi_queued *e)
{
    memset(rec, 0, MOTE_EVENT_RECORD_SIZE);
    wl_store_u32(rec, e->kind);
    wl_store_u32(rec + 4, e->source);
    wl_store_u32(rec + 8, e->value);
    wl_store_u64(rec + 16, e->time_us);
}

/* True if no event is queued and nothing could queue one.  The two are
 * looked at together, interrupts locked: a one-shot timer that fires
 * between them leaves no source but a queued event. */
static bool nothing_can_come(mote_wasi *ctx)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool none = !wl_events_ready(ctx) && !wl_events_have_source(ctx);
    mote_hal_irq_unlock(s);
    return none;
}

/* event_wait(record_ptr, timeout_us) -> 1 | 0 (timeout) | -errno */
mote_status wl_dev_event_wait(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = user;
    uint32_t record = io[0].u32;
    int64_t timeout = io[1].i64;
    if (wl_guest_range(inst, record, MOTE_EVENT_RECORD_SIZE) == NULL)
        return wl_device_return(io, -WASI_EFAULT);
    uint64_t start = wl_wait_begin(ctx);
    ctx->wait.events = true;
    if (timeout >= 0)
        ctx->wait.deadline_us = wl_add_saturating(start, (uint64_t)timeout);
    for (;;) {
        mote_wasi_queued e;
        if (wl_events_take(ctx, &e)) {
            wl_wait_end(ctx);
            put_record(wl_guest_range(inst, record, MOTE_EVENT_RECORD_SIZE), &e);
            return wl_device_return(io, 1);
        }
        if (mote_hal_time_us() >= ctx->wait.deadline_us) {
            wl_wait_end(ctx);
            return wl_device_return(io, 0);
        }
        if (timeout < 0 && nothing_can_come(ctx)) {
            wl_wait_end(ctx);
            return wl_device_return(io, -WASI_EDEADLK);
        }
        mote_status st = wl_wait_block(ctx);
        if (st != MOTE_OK)
            return st; /* paused: io untouched, called again */
    }
}
