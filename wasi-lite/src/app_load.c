/*
 * app_load.c -- mote_wasi_run_app(): mote_wasi_run_module() (app.c) for
 * an app given as wasm, loaded with mote_load() first.  A file of its own
 * so that firmware that runs a precompiled image does not link the
 * core's loader through it.
 */
#include "internal.h"

int mote_wasi_run_app(mote_wasi *ctx, const uint8_t *wasm, size_t len, mote_arena *arena)
{
    mote_module *module;
    if (mote_load(arena, wasm, len, NULL, &module) != MOTE_OK) {
        mote_wasi_report(arena, NULL);
        return MOTE_WASI_EXIT_NOT_RUN;
    }
    int status = mote_wasi_run_module(ctx, module, arena);
    mote_unload(module);
    return status;
}
