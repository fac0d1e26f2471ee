/*
 * wait.c -- sleeping until an event, console input, a message or a
 * deadline.
 *
 * A waiting host call (poll_oneoff, a blocking fd_read, event_wait,
 * msg_recv) describes what it waits for in ctx->wait and loops: look, and
 * if nothing is there, wl_wait_block().  The look-then-sleep step runs with
 * interrupts locked and sleeps with mote_hal_wait_for_interrupt(), so an
 * event that a callback queues after the look still wakes the CPU.  The
 * HAL has no console receive interrupt, so a wait that includes console
 * input also wakes every console_poll_us to look.
 *
 * In cooperative mode wl_wait_block() returns MOTE_PAUSED instead of
 * sleeping; the core calls the host function again on mote_resume() with
 * the same arguments, and ctx->wait (still active) keeps the time of the
 * first call, so a relative timeout does not start over.  Before it
 * pauses it sets the context's private wake-up (wake_us) to the wait's
 * deadline or next console poll, so that the alarm calls cfg.on_wake then:
 * whoever runs the app (a scheduler, an RTOS task) sleeps until
 * mote_wasi_ready() says the call can go on.
 */
#include "internal.h"

uint64_t wl_wait_begin(mote_wasi *ctx)
{
    if (!ctx->wait.active) {
        ctx->wait.active = true;
        ctx->wait.start_us = mote_hal_time_us();
    }
    ctx->wait.events = false;
    ctx->wait.console = false;
    ctx->wait.messages = false;
    ctx->wait.deadline_us = NO_DEADLINE;
    return ctx->wait.start_us;
}

/* Drops the private wake-up of a cooperative wait. */
static void disarm(mote_wasi *ctx)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    if (ctx->wake_us != NO_DEADLINE) {
        ctx->wake_us = NO_DEADLINE;
        wl_timers_rearm(ctx);
    }
    mote_hal_irq_unlock(s);
}

void wl_wait_end(mote_wasi *ctx)
{
    ctx->wait.active = false;
    disarm(ctx);
}

void mote_wasi_forget_wait(mote_wasi *ctx)
{
    ctx->wait.active = false;
    ctx->yielded = false;
    disarm(ctx);
}

bool wl_wait_ready(mote_wasi *ctx)
{
    const mote_wasi_wait *w = &ctx->wait;
    if (w->events && wl_events_ready(ctx))
        return true;
    if (w->console && wl_console_input_ready(ctx))
        return true;
    if (w->messages && wl_msg_pending(ctx) > 0)
        return true;
    return mote_hal_time_us() >= w->deadline_us;
}

/* When to wake up to look again if nothing interrupts first. */
static uint64_t wake_time(const mote_wasi *ctx)
{
    const mote_wasi_wait *w = &ctx->wait;
    uint64_t wake = w->deadline_us;
    if (w->console || (w->events && ctx->uart_watch)) {
        uint64_t poll = wl_add_saturating(mote_hal_time_us(), ctx->cfg.console_poll_us);
        if (poll < wake)
            wake = poll;
    }
    return wake;
}

/* One look-then-sleep step; true if the wait's condition held (it then
 * does not sleep). */
bool wl_wait_sleep(mote_wasi *ctx)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool ready = wl_wait_ready(ctx);
    if (!ready) {
        ctx->wake_us = wake_time(ctx);
        wl_timers_rearm(ctx);
        mote_hal_wait_for_interrupt();
        ctx->wake_us = NO_DEADLINE;
        wl_timers_rearm(ctx);
    }
    mote_hal_irq_unlock(s);
    return ready;
}

/* The cooperative look: ready, or the wake-up armed.  Interrupts locked. */
static bool look_and_arm(mote_wasi *ctx)
{
    if (wl_wait_ready(ctx))
        return true;
    uint64_t wake = wake_time(ctx);
    /* A console poll armed by an earlier look stands: a scheduler looking
     * again (each pass, while a neighbour is busy) must not push it back,
     * or console input would wait for the neighbour. */
    if (ctx->wake_us < wake && ctx->wake_us > mote_hal_time_us())
        wake = ctx->wake_us;
    if (wake != ctx->wake_us) {
        ctx->wake_us = wake;
        wl_timers_rearm(ctx);
    }
    return false;
}

mote_status wl_wait_block(mote_wasi *ctx)
{
    if (!ctx->cfg.cooperative) {
        wl_wait_sleep(ctx);
        return MOTE_OK;
    }
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool ready = look_and_arm(ctx);
    mote_hal_irq_unlock(s);
    return ready ? MOTE_OK : MOTE_PAUSED;
}

void mote_wasi_idle(mote_wasi *ctx)
{
    while (ctx->wait.active && !wl_wait_sleep(ctx)) {
    }
}

/* A reactor between events: an event to deliver?  Console input raises
 * no interrupt, so a reactor that watches it is looked at every
 * console_poll_us.  Interrupts locked. */
static bool idle_reactor_ready(mote_wasi *ctx)
{
    if (wl_events_ready(ctx))
        return true;
    if (ctx->uart_watch && ctx->wake_us == NO_DEADLINE) {
        ctx->wake_us = wl_add_saturating(mote_hal_time_us(), ctx->cfg.console_poll_us);
        wl_timers_rearm(ctx);
    }
    return false;
}

bool mote_wasi_ready(mote_wasi *ctx)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool ready;
    if (ctx->wait.active)
        ready = look_and_arm(ctx);
    else if (ctx->inst != NULL && mote_is_paused(ctx->inst))
        ready = true; /* a fuel pause or a yield */
    else
        ready = idle_reactor_ready(ctx);
    mote_hal_irq_unlock(s);
    return ready;
}

bool mote_wasi_waiting(const mote_wasi *ctx)
{
    return ctx->wait.active;
}
