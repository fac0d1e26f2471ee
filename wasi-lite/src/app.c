/*
 * app.c -- mote_wasi_run_module(): link, run and clean up a loaded or
 * attached module in one call, for firmware that just runs an embedded
 * app.  mote_wasi_run_app(), which loads it first, is app_load.c: a
 * firmware that attaches a precompiled image links no loader.
 */
#include <string.h>

#include "internal.h"

static void say(const char *text)
{
    mote_hal_console_write(text, strlen(text));
}

static mote_status run(mote_wasi *ctx, mote_instance *inst, int32_t *code)
{
    if (mote_export_func(inst, "_start") != NULL)
        return mote_wasi_run_command(ctx, inst, code);
    if (mote_export_func(inst, "mote_on_event") != NULL)
        return mote_wasi_run_reactor(ctx, inst, code);
    say("mote: the app exports neither _start nor mote_on_event\n");
    return MOTE_ERR_NOT_FOUND;
}

static int exit_status(const mote_arena *arena, mote_status st, int32_t code)
{
    if (st == MOTE_OK || st == MOTE_EXIT)
        return code;
    if (st == MOTE_TRAP)
        return MOTE_WASI_EXIT_TRAP + (int)mote_arena_error(arena)->trap;
    return MOTE_WASI_EXIT_STOPPED;
}

int mote_wasi_run_module(mote_wasi *ctx, const mote_module *module, mote_arena *arena)
{
    mote_instance *inst;
    mote_status st = mote_wasi_instantiate(ctx, arena, module, &ctx->cfg.instance, &inst);
    if (st != MOTE_OK) {
        /* Too many imports is the one failure not recorded in the arena. */
        if (st == MOTE_ERR_LIMIT && mote_arena_error(arena)->status != st)
            say("mote: limit: the app has more imports than MOTE_WASI_MAX_IMPORTS\n");
        else
            mote_wasi_report(arena, NULL);
        return MOTE_WASI_EXIT_NOT_RUN;
    }
    int32_t code = 0;
    st = run(ctx, inst, &code);
    mote_wasi_stop(ctx);
    if (st != MOTE_OK && st != MOTE_EXIT && st != MOTE_ERR_NOT_FOUND)
        mote_wasi_report(arena, inst);
    return exit_status(arena, st, code);
}
