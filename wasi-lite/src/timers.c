/*
 * timers.c -- an app's logical timers.  The HAL alarm (hub.c) is armed for
 * the earliest of the running timers' due times and the private wake-up
 * time of a wait in progress (ctx->wake_us).  When it fires, every timer
 * that is due queues one TIMER event; a periodic timer moves on to its next
 * slot on the fixed schedule start + delay + k * period, and the event's
 * value counts the expirations it stands for, so a late wake-up loses none.
 */
#include "internal.h"

void wl_timers_reset(mote_wasi *ctx)
{
    for (uint32_t i = 0; i < MOTE_WASI_MAX_TIMERS; i++)
        ctx->timers[i].active = false;
}

bool wl_timers_any_active(const mote_wasi *ctx)
{
    for (uint32_t i = 0; i < MOTE_WASI_MAX_TIMERS; i++)
        if (ctx->timers[i].active)
            return true;
    return false;
}

/* Handles timer t if due at `now`; true if it queued an event.
 * Interrupts are locked. */
static bool expire(mote_wasi *ctx, uint32_t id, uint64_t now)
{
    mote_wasi_timer *t = &ctx->timers[id];
    if (!t->active || now < t->due_us)
        return false;
    uint64_t count = 1;
    if (t->period_us == 0) {
        t->active = false;
    } else {
        uint64_t late;
        count = mote_hal_div64(now - t->due_us, t->period_us, &late) + 1;
        /* due + count * period, which is now - late + period: no product
         * to wrap when the period is near 2^64 */
        t->due_us = wl_add_saturating(now - late, t->period_us);
    }
    wl_events_put(ctx, MOTE_WASI_EVENT_TIMER, id,
                  count > UINT32_MAX ? UINT32_MAX : (uint32_t)count);
    return true;
}

bool wl_timers_expire(mote_wasi *ctx, uint64_t now)
{
    bool woke = false;
    for (uint32_t i = 0; i < MOTE_WASI_MAX_TIMERS; i++)
        woke |= expire(ctx, i, now);
    if (ctx->wake_us <= now) {
        ctx->wake_us = NO_DEADLINE; /* served: the waiter looks again */
        woke = true;
    }
    return woke;
}

uint64_t wl_timers_due(const mote_wasi *ctx)
{
    uint64_t due = ctx->wake_us;
    for (uint32_t i = 0; i < MOTE_WASI_MAX_TIMERS; i++)
        if (ctx->timers[i].active && ctx->timers[i].due_us < due)
            due = ctx->timers[i].due_us;
    return due;
}

void wl_timers_rearm(mote_wasi *ctx)
{
    wl_alarm_rearm(ctx);
}

void wl_timers_start(mote_wasi *ctx, uint32_t id, uint64_t delay_us, uint64_t period_us)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    mote_wasi_timer *t = &ctx->timers[id];
    t->active = true;
    t->due_us = wl_add_saturating(mote_hal_time_us(), delay_us);
    t->period_us = period_us;
    wl_timers_rearm(ctx);
    mote_hal_irq_unlock(s);
}

void wl_timers_stop(mote_wasi *ctx, uint32_t id)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    ctx->timers[id].active = false;
    wl_timers_rearm(ctx);
    mote_hal_irq_unlock(s);
}
