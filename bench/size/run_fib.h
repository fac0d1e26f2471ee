/*
 * run_fib.h -- what core.c and image.c do once they have the module:
 * instantiate it and call fib(FIB_N).  The return value is main()'s exit
 * status: the result modulo 256 (6765 -> 109), or 1 and 2 for a failure.
 */
#ifndef MOTE_SIZE_RUN_FIB_H
#define MOTE_SIZE_RUN_FIB_H

#include <mote/mote.h>

#define FIB_N 20

static int run_fib(mote_arena *arena, mote_module *module)
{
    /* 1 KiB of value stack and 1 KiB of frame records */
    const mote_instance_config config = {.value_stack_bytes = 1024, .call_stack_bytes = 1024};
    mote_instance *inst;
    if (mote_instantiate(arena, module, NULL, 0, &config, &inst) != MOTE_OK)
        return 1;
    mote_func *fib = mote_export_func(inst, "fib");
    mote_value arg = {.u32 = FIB_N}, result;
    if (!fib || mote_call(inst, fib, &arg, 1, &result, 1) != MOTE_OK)
        return 2;
    return (int)(result.u32 & 0xFF);
}

#endif
