/*
 * core.c -- the core as a firmware links it (`make size`): load the fib
 * module from flash, instantiate it and call fib(FIB_N); the exit status
 * is the result modulo 256 (run-size-core checks it under QEMU).  Nothing
 * else: no HAL, no console, so the image minus the empty baseline is the
 * core plus what it pulls from libgcc and the C library.
 */
#include <mote/mote.h>

#include "fib_module.h"

#define FIB_N 20
/* module + instance with 1 KiB of value stack and 1 KiB of frame records */
static uint8_t arena_buf[4096] __attribute__((aligned(8)));

int main(void)
{
    mote_arena *arena = mote_arena_init(arena_buf, sizeof arena_buf);
    mote_module *module;
    mote_instance *inst;
    const mote_instance_config config = {.value_stack_bytes = 1024, .call_stack_bytes = 1024};
    if (!arena || mote_load(arena, fib_module, sizeof fib_module, NULL, &module) != MOTE_OK ||
        mote_instantiate(arena, module, NULL, 0, &config, &inst) != MOTE_OK)
        return 1;
    mote_func *fib = mote_export_func(inst, "fib");
    mote_value arg = {.u32 = FIB_N}, result;
    if (!fib || mote_call(inst, fib, &arg, 1, &result, 1) != MOTE_OK)
        return 2;
    return (int)(result.u32 & 0xFF);
}
