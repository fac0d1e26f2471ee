/*
 * hub.c -- several contexts on one board: the hub shares the board's one
 * HAL alarm among them and finds a context by its app's name (messages).
 *
 * Each context keeps in alarm_due the earliest time it wants the alarm
 * (its timers and its private wake-up, timers.c).  A context without a hub
 * arms the alarm for itself alone; the members of a hub leave that to the
 * hub, which arms it for the earliest alarm_due of all and, when it fires,
 * serves every member that is due.  The member list changes only with
 * interrupts locked, and the alarm callback walks it with interrupts
 * locked, so members may come and go while the alarm runs.
 *
 * Wake-up hooks (cfg.on_wake) are called after the lock is released, so
 * that an RTOS call made from one never runs with the HAL lock held.
 */
#include <string.h>

#include "internal.h"

void mote_wasi_hub_init(mote_wasi_hub *hub)
{
    memset(hub, 0, sizeof *hub);
    hub->armed_us = NO_DEADLINE;
}

/* Unlinks ctx if it is a member.  Interrupts locked. */
static void unlink_ctx(mote_wasi_hub *hub, mote_wasi *ctx)
{
    for (mote_wasi **p = &hub->first; *p != NULL; p = &(*p)->hub_next)
        if (*p == ctx) {
            *p = ctx->hub_next;
            break;
        }
    ctx->hub_next = NULL;
    ctx->in_hub = false;
}

void wl_hub_forget(mote_wasi_hub *hub, mote_wasi *ctx)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    unlink_ctx(hub, ctx);
    mote_hal_irq_unlock(s);
}

void wl_hub_join(mote_wasi *ctx)
{
    mote_wasi_hub *hub = ctx->cfg.hub;
    mote_hal_irq_state s = mote_hal_irq_lock();
    unlink_ctx(hub, ctx); /* a context started again */
    ctx->hub_next = hub->first;
    hub->first = ctx;
    ctx->in_hub = true;
    mote_hal_irq_unlock(s);
}

void wl_hub_leave(mote_wasi *ctx)
{
    mote_wasi_hub *hub = ctx->cfg.hub;
    mote_hal_irq_state s = mote_hal_irq_lock();
    unlink_ctx(hub, ctx);
    wl_alarm_rearm_hub(hub);
    mote_hal_irq_unlock(s);
}

mote_wasi *wl_hub_find(mote_wasi_hub *hub, const uint8_t *name, size_t len)
{
    for (mote_wasi *c = hub->first; c != NULL; c = c->hub_next) {
        const char *n = c->cfg.name;
        if (n != NULL && strlen(n) == len && memcmp(n, name, len) == 0)
            return c;
    }
    return NULL;
}

/* ---- the alarm -------------------------------------------------------- */

static void on_hub_alarm(void *user);
static void on_ctx_alarm(void *user);

static void arm(uint64_t due, mote_hal_alarm_fn fn, void *user)
{
    if (due == NO_DEADLINE) {
        mote_hal_alarm_stop();
        return;
    }
    uint64_t now = mote_hal_time_us();
    mote_hal_alarm_start(due > now ? due - now : 0, 0, fn, user);
}

void wl_alarm_rearm_hub(mote_wasi_hub *hub)
{
    uint64_t due = NO_DEADLINE;
    for (mote_wasi *c = hub->first; c != NULL; c = c->hub_next)
        if (c->alarm_due < due)
            due = c->alarm_due;
    for (mote_wasi_hub_timer *t = hub->timers; t != NULL; t = t->next)
        if (t->due_us < due)
            due = t->due_us;
    hub->armed_us = due;
    arm(due, on_hub_alarm, hub);
}

void wl_alarm_rearm(mote_wasi *ctx)
{
    ctx->alarm_due = wl_timers_due(ctx);
    if (wl_hub(ctx) == NULL)
        arm(ctx->alarm_due, on_ctx_alarm, ctx);
    else if (ctx->in_hub)
        wl_alarm_rearm_hub(wl_hub(ctx));
}

static void wake(mote_wasi *ctx)
{
    if (ctx->cfg.on_wake != NULL)
        ctx->cfg.on_wake(ctx, ctx->cfg.wake_user);
}

/* A context alone: serve it, re-arm, then wake it if anything came. */
static void on_ctx_alarm(void *user)
{
    mote_wasi *ctx = user;
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool woke = wl_timers_expire(ctx, mote_hal_time_us());
    wl_alarm_rearm(ctx);
    mote_hal_irq_unlock(s);
    if (woke)
        wake(ctx);
}

/* Takes the first hub timer due at now off duty; NULL if none.  Locked. */
static mote_wasi_hub_timer *due_timer(mote_wasi_hub *hub, uint64_t now)
{
    for (mote_wasi_hub_timer *t = hub->timers; t != NULL; t = t->next)
        if (t->due_us <= now) {
            t->due_us = NO_DEADLINE;
            return t;
        }
    return NULL;
}

/* Calls the firmware's timers that are due, one at a time, unlocked. */
static void run_timers(mote_wasi_hub *hub)
{
    for (;;) {
        mote_hal_irq_state s = mote_hal_irq_lock();
        mote_wasi_hub_timer *t = due_timer(hub, mote_hal_time_us());
        void (*fn)(void *) = t != NULL ? t->fn : NULL;
        void *user = t != NULL ? t->user : NULL;
        mote_hal_irq_unlock(s);
        if (fn == NULL)
            return;
        fn(user);
    }
}

void mote_wasi_hub_timer_set(mote_wasi_hub *hub, mote_wasi_hub_timer *t, uint64_t due_us,
                             void (*fn)(void *user), void *user)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    if (!t->linked) {
        t->next = hub->timers;
        hub->timers = t;
        t->linked = true;
    }
    t->due_us = due_us;
    t->fn = fn;
    t->user = user;
    wl_alarm_rearm_hub(hub);
    mote_hal_irq_unlock(s);
}

/* The hub: serve every member that is due.  Members to wake are collected
 * while locked (at most MAX_WAKE at a time; more go round again at once). */
#define MAX_WAKE 8
static void on_hub_alarm(void *user)
{
    mote_wasi_hub *hub = user;
    run_timers(hub);
    for (;;) {
        mote_wasi *woken[MAX_WAKE];
        size_t n = 0;
        bool more = false;
        mote_hal_irq_state s = mote_hal_irq_lock();
        uint64_t now = mote_hal_time_us();
        for (mote_wasi *c = hub->first; c != NULL; c = c->hub_next) {
            if (c->alarm_due > now)
                continue;
            if (n == MAX_WAKE) {
                more = true;
                break;
            }
            if (wl_timers_expire(c, now))
                woken[n++] = c;
            c->alarm_due = wl_timers_due(c);
        }
        wl_alarm_rearm_hub(hub);
        mote_hal_irq_unlock(s);
        for (size_t i = 0; i < n; i++)
            wake(woken[i]);
        if (!more)
            return;
    }
}

void wl_wake(mote_wasi *ctx)
{
    wake(ctx);
}
