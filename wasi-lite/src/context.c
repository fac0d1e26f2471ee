/*
 * context.c -- configuration defaults, starting and stopping a context.
 */
#include <string.h>

#include "internal.h"

#define DEFAULT_POLL_US 10000u
#define EOF_CTRL_D 0x04

void mote_wasi_config_init(mote_wasi_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->eof_byte = EOF_CTRL_D;
    cfg->console_poll_us = DEFAULT_POLL_US;
    cfg->uarts = 1; /* console input */
}

static bool config_valid(const mote_wasi_config *cfg)
{
    if (cfg->max_timers > MOTE_WASI_MAX_TIMERS)
        return false;
    if ((cfg->argc > 0 && cfg->argv == NULL) || (cfg->envc > 0 && cfg->envp == NULL))
        return false;
    for (uint32_t i = 0; i < cfg->argc; i++)
        if (cfg->argv[i] == NULL)
            return false;
    for (uint32_t i = 0; i < cfg->envc; i++)
        if (cfg->envp[i] == NULL)
            return false;
    if (cfg->name != NULL && strlen(cfg->name) > MOTE_WASI_NAME_MAX)
        return false;
    if (cfg->send_to_count > 0 && cfg->send_to == NULL)
        return false;
    for (uint32_t i = 0; i < cfg->send_to_count; i++)
        if (cfg->send_to[i] == NULL)
            return false;
    if (cfg->max_fds > MOTE_WASI_MAX_FDS || (cfg->max_fds > 0 && cfg->fds == NULL) ||
        cfg->npreopens > cfg->max_fds || (cfg->npreopens > 0 && cfg->preopens == NULL))
        return false;
    return true;
}

mote_status mote_wasi_init(mote_wasi *ctx, const mote_wasi_config *cfg)
{
    if (ctx == NULL || cfg == NULL || !config_valid(cfg))
        return MOTE_ERR_ARGUMENT;
    if (!MOTE_WASI_FILES && cfg->npreopens > 0)
        return MOTE_ERR_UNSUPPORTED; /* no files in this build */
    if (!MOTE_WASI_APPS && (cfg->hub != NULL || cfg->mailbox != NULL || cfg->send_to_count > 0))
        return MOTE_ERR_UNSUPPORTED; /* one app per board in this build */
    if (MOTE_WASI_APPS && cfg->hub != NULL)
        wl_hub_forget(cfg->hub, ctx); /* started again without a stop */
    memset(ctx, 0, sizeof *ctx);
    ctx->cfg = *cfg;
    if (ctx->cfg.console_poll_us == 0)
        ctx->cfg.console_poll_us = DEFAULT_POLL_US;
    ctx->fd_open = 0x7;
    ctx->wake_us = NO_DEADLINE;
    ctx->alarm_due = NO_DEADLINE;
    wl_events_reset(ctx);
    wl_timers_reset(ctx);
    wl_random_seed(ctx);
    if (!wl_files_init(ctx))
        return MOTE_ERR_ARGUMENT;
    if (wl_hub(ctx) != NULL)
        wl_hub_join(ctx);
    return MOTE_OK;
}

/* Turns off every edge interrupt the app asked for. */
static void unwatch_pins(mote_wasi *ctx)
{
    for (uint32_t pin = 0; pin < 64; pin++)
        if (ctx->watched_pins & (1ull << pin))
            mote_hal_gpio_set_interrupt(pin, MOTE_HAL_GPIO_EDGE_NONE, NULL, NULL);
    ctx->watched_pins = 0;
}

void mote_wasi_stop(mote_wasi *ctx)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    wl_timers_reset(ctx);
    ctx->wake_us = NO_DEADLINE;
    ctx->alarm_due = NO_DEADLINE;
    if (wl_hub(ctx) == NULL)
        mote_hal_alarm_stop();
    mote_hal_irq_unlock(s);
    if (wl_hub(ctx) != NULL)
        wl_hub_leave(ctx); /* re-arms the alarm for the others */
    unwatch_pins(ctx);
    ctx->uart_watch = false;
    ctx->msg_watch = false;
    wl_events_reset(ctx);
    ctx->wait.active = false;
    wl_files_close_all(ctx);
}

uint32_t mote_wasi_events_lost(const mote_wasi *ctx)
{
    return ctx->lost_total;
}
