/*
 * Image-trap test: a trap in a firmware that only attaches precompiled
 * images.  Such a firmware links no compiler (ctest <board>.image-trap-
 * no-loader checks its link map), so compile_locate(), which finds a
 * trap's wasm offset by compiling the function again, is a weak reference
 * that is not there: the trap must still be reported, with its function
 * and offset 0 (unknown), and never call through the missing function.
 *
 * The module is bench/size/fib.wasm; a call stack of three frames makes
 * fib(20) trap "call stack exhausted" inside fib (function 0).
 */
#include <stdio.h>
#include <string.h>

#include <mote/embed.h>
#include <mote/hal.h>
#include <mote/mote.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

MOTE_EMBEDDED_APP(mote_app);       /* fib.wasm */
MOTE_EMBEDDED_APP(mote_app_image); /* compiled at build time for this firmware */

static uint8_t arena_buf[4096] __attribute__((aligned(8)));

static void run(void)
{
    mote_arena *arena = mote_arena_init(arena_buf, sizeof arena_buf);
    REQUIRE(arena != NULL);
    mote_module *module;
    REQUIRE(mote_image_attach(arena, mote_app_image, mote_app_image_size, mote_app, mote_app_size,
                              &module) == MOTE_OK);
    const mote_instance_config config = {.value_stack_bytes = 1024, .call_stack_bytes = 72};
    mote_instance *inst;
    REQUIRE(mote_instantiate(arena, module, NULL, 0, &config, &inst) == MOTE_OK);
    mote_func *fib = mote_export_func(inst, "fib");
    REQUIRE(fib != NULL);

    mote_value arg = {.u32 = 20}, result;
    CHECK(mote_call(inst, fib, &arg, 1, &result, 1) == MOTE_TRAP);
    const mote_error *err = mote_arena_error(arena);
    printf("image-trap: %s\n", err->message);
    CHECK(err->trap == MOTE_TRAP_STACK_EXHAUSTED);
    CHECK(err->func == 0);
    CHECK(err->offset == 0);
    CHECK(strstr(err->message, "call stack exhausted (func 0 +0x0)") != NULL);

    mote_frame frames[4];
    size_t n = mote_backtrace(inst, frames, 4);
    CHECK(n >= 2);
    for (size_t i = 0; i < n && i < 4; i++)
        CHECK(frames[i].func == 0 && frames[i].offset == 0 && frames[i].instance == inst);

    /* The instance runs again after the trap. */
    arg.u32 = 1;
    CHECK(mote_call(inst, fib, &arg, 1, &result, 1) == MOTE_OK && result.u32 == 1);
}

int main(void)
{
    mote_hal_init();
    run();
    return check_summary("image-trap");
}
