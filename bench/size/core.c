/*
 * core.c -- the core as a firmware links it (`make size`): load the fib
 * module (fib.wat) from flash, instantiate it and call fib(20); the exit
 * status is the result modulo 256 (ctest size/core checks it under QEMU).
 * Nothing else: no HAL, no console, so the image minus the empty baseline
 * is the core plus what it pulls from libgcc and the C library.
 */
#include <mote/embed.h>
#include <mote/mote.h>

#include "run_fib.h"

MOTE_EMBEDDED_APP(mote_app); /* fib.wasm, in flash, read in place */

/* the module and one instance */
static uint8_t arena_buf[4096] __attribute__((aligned(8)));

int main(void)
{
    mote_arena *arena = mote_arena_init(arena_buf, sizeof arena_buf);
    mote_module *module;
    if (!arena || mote_load(arena, mote_app, mote_app_size, NULL, &module) != MOTE_OK)
        return 1;
    return run_fib(arena, module);
}
