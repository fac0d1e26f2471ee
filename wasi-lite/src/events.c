/*
 * events.c -- the bounded event queue between interrupt callbacks (GPIO
 * edges, timer expiries) and the app.
 *
 * head and tail are free-running counters; the slot of counter n is
 * n % MOTE_WASI_EVENT_QUEUE.  Pushes come from interrupt context and every
 * access happens with interrupts locked, so callbacks of different
 * priorities may nest safely.
 *
 * When the queue is full a new event is dropped and counted on the newest
 * queued event (lost_after).  When that event is delivered, an OVERFLOW
 * event with the count follows it: the app learns how many events were
 * lost and exactly where in the sequence.
 *
 * UART and MESSAGE events are not queued: they are made when taken, for
 * as long as console input or messages are pending and watched.
 */
#include "internal.h"

#define QUEUE_MASK (MOTE_WASI_EVENT_QUEUE - 1u)

_Static_assert((MOTE_WASI_EVENT_QUEUE & QUEUE_MASK) == 0 && MOTE_WASI_EVENT_QUEUE >= 2,
               "MOTE_WASI_EVENT_QUEUE must be a power of two, at least 2");

void wl_events_reset(mote_wasi *ctx)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    ctx->head = ctx->tail = 0;
    ctx->overflow_pending = 0;
    mote_hal_irq_unlock(s);
}

void wl_events_put(mote_wasi *ctx, uint8_t kind, uint32_t source, uint32_t value)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    uint32_t used = ctx->tail - ctx->head;
    if (used == MOTE_WASI_EVENT_QUEUE) {
        mote_wasi_queued *newest = &ctx->queue[(ctx->tail - 1u) & QUEUE_MASK];
        if (newest->lost_after < UINT16_MAX)
            newest->lost_after++;
        ctx->lost_total++;
    } else {
        mote_wasi_queued *e = &ctx->queue[ctx->tail & QUEUE_MASK];
        e->kind = kind;
        e->unused = 0;
        e->lost_after = 0;
        e->source = source;
        e->value = value;
        e->time_us = mote_hal_time_us();
        ctx->tail++;
    }
    mote_hal_irq_unlock(s);
}

void wl_events_push(mote_wasi *ctx, uint8_t kind, uint32_t source, uint32_t value)
{
    wl_events_put(ctx, kind, source, value);
    wl_wake(ctx);
}

/* Pops the oldest queued entry; false if empty.  Interrupts locked. */
static bool pop(mote_wasi *ctx, mote_wasi_queued *out)
{
    if (ctx->head == ctx->tail)
        return false;
    *out = ctx->queue[ctx->head & QUEUE_MASK];
    ctx->head++;
    return true;
}

static void make(mote_wasi_queued *out, uint8_t kind, uint32_t value)
{
    out->kind = kind;
    out->unused = 0;
    out->lost_after = 0;
    out->source = 0;
    out->value = value;
    out->time_us = mote_hal_time_us();
}

/* Next queued or overflow event.  Interrupts locked. */
static bool take_queued(mote_wasi *ctx, mote_wasi_queued *out)
{
    for (;;) {
        if (ctx->overflow_pending > 0) {
            make(out, MOTE_WASI_EVENT_OVERFLOW, ctx->overflow_pending);
            ctx->overflow_pending = 0;
            return true;
        }
        if (!pop(ctx, out))
            return false;
        ctx->overflow_pending = out->lost_after;
        if (out->kind != 0) /* 0: purged by timer_stop */
            return true;
    }
}

bool wl_events_take(mote_wasi *ctx, mote_wasi_queued *out)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool found = take_queued(ctx, out);
    mote_hal_irq_unlock(s);
    if (found)
        return true;
    if (ctx->uart_watch && wl_console_input_ready(ctx)) {
        make(out, MOTE_WASI_EVENT_UART, 0);
        return true;
    }
    uint32_t messages = ctx->msg_watch ? wl_msg_pending(ctx) : 0;
    if (messages > 0) {
        make(out, MOTE_WASI_EVENT_MESSAGE, messages);
        return true;
    }
    return false;
}

bool wl_events_ready(mote_wasi *ctx)
{
    if (ctx->overflow_pending > 0)
        return true;
    for (uint32_t n = ctx->head; n != ctx->tail; n++)
        if (ctx->queue[n & QUEUE_MASK].kind != 0 || ctx->queue[n & QUEUE_MASK].lost_after > 0)
            return true;
    if (ctx->msg_watch && wl_msg_pending(ctx) > 0)
        return true;
    return ctx->uart_watch && wl_console_input_ready(ctx);
}

void wl_events_purge(mote_wasi *ctx, uint8_t kind, uint32_t source)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    for (uint32_t n = ctx->head; n != ctx->tail; n++) {
        mote_wasi_queued *e = &ctx->queue[n & QUEUE_MASK];
        if (e->kind == kind && e->source == source)
            e->kind = 0;
    }
    mote_hal_irq_unlock(s);
}

bool wl_events_have_source(const mote_wasi *ctx)
{
    return wl_timers_any_active(ctx) || ctx->watched_pins != 0 || ctx->uart_watch || ctx->msg_watch;
}
