/*
 * proc.c -- proc_exit and sched_yield.
 */
#include "internal.h"

/* proc_exit(code): ends the app's call with MOTE_EXIT; the run functions
 * report the code. */
mote_status wl_wasi_proc_exit(mote_instance *inst, mote_value *io, void *user)
{
    (void)user;
    return mote_host_exit(inst, io[0].i32);
}

/* sched_yield() -> errno.  There is one thread; in cooperative mode the
 * call gives the firmware a turn (one MOTE_PAUSED) before it returns. */
mote_status wl_wasi_sched_yield(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = user;
    if (ctx->cfg.cooperative) {
        ctx->yielded = !ctx->yielded;
        if (ctx->yielded)
            return MOTE_PAUSED;
    }
    return wl_wasi_return(io, WASI_ESUCCESS);
}
