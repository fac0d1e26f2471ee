/*
 * run.c -- running an app's exports: a command's _start, a reactor's
 * event loop, and the pause handling they share.
 */
#include "internal.h"

/* Sees a call through its pauses: on_pause, sleep if the app waits, resume. */
static mote_status drive(mote_wasi *ctx, mote_instance *inst, mote_status st)
{
    while (st == MOTE_PAUSED) {
        if (ctx->cfg.on_pause != NULL)
            ctx->cfg.on_pause(ctx, inst, ctx->cfg.pause_user);
        mote_wasi_idle(ctx);
        if (ctx->cfg.fuel_slice > 0)
            mote_set_fuel(inst, ctx->cfg.fuel_slice);
        st = mote_resume(inst);
    }
    return st;
}

static mote_status call(mote_wasi *ctx, mote_instance *inst, mote_func *f, const mote_value *args,
                        size_t nargs)
{
    if (ctx->cfg.fuel_slice > 0)
        mote_set_fuel(inst, ctx->cfg.fuel_slice);
    return drive(ctx, inst, mote_call(inst, f, args, nargs, NULL, 0));
}

/* MOTE_OK -> exit code 0; MOTE_EXIT -> the app's code. */
static mote_status finish(mote_instance *inst, mote_status st, int32_t *exit_code)
{
    if (st == MOTE_EXIT)
        *exit_code = mote_exit_code(inst);
    else if (st == MOTE_OK)
        *exit_code = 0;
    return st;
}

mote_status mote_wasi_run_command(mote_wasi *ctx, mote_instance *inst, int32_t *exit_code)
{
    mote_func *start = mote_export_func(inst, "_start");
    if (start == NULL)
        return MOTE_ERR_NOT_FOUND;
    return finish(inst, call(ctx, inst, start, NULL, 0), exit_code);
}

/* Calls an optional export that takes and returns nothing. */
static mote_status call_optional(mote_wasi *ctx, mote_instance *inst, const char *name)
{
    mote_func *f = mote_export_func(inst, name);
    return f == NULL ? MOTE_OK : call(ctx, inst, f, NULL, 0);
}

/* Waits up to timeout_us for the next event; false if none came, or none
 * ever can (nothing to produce one) when there is no timeout. */
static bool next_event(mote_wasi *ctx, uint64_t timeout_us, mote_wasi_queued *e)
{
    uint64_t start = wl_wait_begin(ctx);
    ctx->wait.events = true;
    ctx->wait.deadline_us = wl_add_saturating(start, timeout_us);
    bool found;
    for (;;) {
        found = wl_events_take(ctx, e);
        if (found || mote_hal_time_us() >= ctx->wait.deadline_us)
            break;
        mote_hal_irq_state s = mote_hal_irq_lock();
        bool idle = !wl_events_ready(ctx) && !wl_events_have_source(ctx);
        mote_hal_irq_unlock(s);
        if (idle)
            break;
        wl_wait_sleep(ctx);
    }
    wl_wait_end(ctx);
    return found;
}

mote_status mote_wasi_dispatch(mote_wasi *ctx, mote_instance *inst, uint64_t timeout_us,
                               bool *delivered)
{
    *delivered = false;
    mote_func *handler = mote_export_func(inst, "mote_on_event");
    if (handler == NULL)
        return MOTE_ERR_NOT_FOUND;
    mote_wasi_queued e;
    if (!next_event(ctx, timeout_us, &e))
        return MOTE_OK;
    *delivered = true;
    mote_value args[3] = {{.u32 = e.kind}, {.u32 = e.source}, {.u32 = e.value}};
    return call(ctx, inst, handler, args, 3);
}

mote_status mote_wasi_run_reactor(mote_wasi *ctx, mote_instance *inst, int32_t *exit_code)
{
    if (mote_export_func(inst, "mote_on_event") == NULL)
        return MOTE_ERR_NOT_FOUND;
    mote_status st = call_optional(ctx, inst, "_initialize");
    if (st == MOTE_OK)
        st = call_optional(ctx, inst, "mote_on_start");
    bool delivered = true;
    while (st == MOTE_OK && delivered)
        st = mote_wasi_dispatch(ctx, inst, UINT64_MAX, &delivered);
    return finish(inst, st, exit_code);
}

bool mote_wasi_next_event(mote_wasi *ctx, mote_value args[3])
{
    mote_wasi_queued e;
    if (!wl_events_take(ctx, &e))
        return false;
    args[0].u32 = e.kind;
    args[1].u32 = e.source;
    args[2].u32 = e.value;
    return true;
}

bool mote_wasi_can_wake(mote_wasi *ctx)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool can = wl_events_ready(ctx) || wl_events_have_source(ctx);
    mote_hal_irq_unlock(s);
    return can;
}
