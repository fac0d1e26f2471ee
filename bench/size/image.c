/*
 * image.c -- the core as a firmware links it when its apps are compiled
 * with the firmware (`make size`, column "images only"): the same fib
 * call as core.c, but the module's code is a precompiled image that
 * mote-image made at build time for this very interpreter
 * (mote_add_firmware IMAGE), attached in place with mote_image_attach().
 * Nothing calls mote_load(), so neither the decoder nor the compiler is
 * linked: the image minus the empty baseline is the interpreter, the
 * instance code and what they pull from libgcc and the C library.
 */
#include <mote/embed.h>
#include <mote/mote.h>

#include "run_fib.h"

MOTE_EMBEDDED_APP(mote_app);       /* fib.wasm: names, types, constant data */
MOTE_EMBEDDED_APP(mote_app_image); /* its compiled code, from the build */

/* the module header and one instance */
static uint8_t arena_buf[4096] __attribute__((aligned(8)));

int main(void)
{
    mote_arena *arena = mote_arena_init(arena_buf, sizeof arena_buf);
    mote_module *module;
    if (!arena || mote_image_attach(arena, mote_app_image, mote_app_image_size, mote_app,
                                    mote_app_size, &module) != MOTE_OK)
        return 1;
    return run_fib(arena, module);
}
