/*
 * run.c -- running an installed app, and checking a new one before it is
 * committed.
 *
 * Apps are wasi-libc commands, read in place from their slot (the region is
 * memory-mapped).  The arena is the board's free RAM; only one module lives
 * there at a time -- the running app, or the one being checked once the
 * app has finished -- so the two never compete for it.
 */
#include <stdio.h>

#include <mote/hal.h>
#include <mote/wasi.h>

#include "ota_example.h"

static const char *const app_argv[] = {"app"};
static mote_wasi wasi; /* static: HAL callbacks refer to it */

static mote_arena *free_ram_arena(void)
{
    const mote_hal_board_info *board = mote_hal_board();
    return mote_arena_init((void *)board->free_ram_base, board->free_ram_size);
}

int app_run(const mote_ota_image_info *img)
{
    if (img->payload == NULL) {
        printf("ota: the storage region is not memory-mapped: cannot run in place\n");
        return MOTE_WASI_EXIT_NOT_RUN;
    }
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.argv = app_argv;
    cfg.argc = 1;
    /* Capabilities: an app signed with this firmware's key gets the
     * board's pins and every timer, as an app embedded in firmware does
     * (wasi-lite/firmware/app_main.c): the LED a blinky drives, its timer. */
    uint32_t pins = mote_hal_board()->gpio_count;
    cfg.pins = pins >= 64 ? UINT64_MAX : (1ull << pins) - 1;
    cfg.max_timers = MOTE_WASI_MAX_TIMERS;
    cfg.instance.value_stack_bytes = 8192;
    cfg.instance.call_stack_bytes = 2048;
    mote_arena *arena = free_ram_arena();
    if (arena == NULL || mote_wasi_init(&wasi, &cfg) != MOTE_OK)
        return MOTE_WASI_EXIT_NOT_RUN;
    return mote_wasi_run_app(&wasi, img->payload, img->payload_size, arena);
}

/*
 * The receiver calls this with a bundle that has passed its hash and
 * signature checks, before committing it: a module this firmware could not
 * even load or link is refused now, rather than found out in its trial run.
 * Whether the app then works is the trial run's question.
 */
int app_validate(void *user, const mote_ota_image_info *img, const char **why)
{
    (void)user;
    mote_arena *arena = free_ram_arena();
    mote_module *module;
    if (img->payload == NULL || arena == NULL) {
        *why = "cannot read the module in place";
        return -1;
    }
    if (mote_load(arena, img->payload, img->payload_size, NULL, &module) != MOTE_OK) {
        mote_wasi_report(arena, NULL);
        *why = "the core refused the module";
        return -1;
    }
    /* Every import must be one WASI-lite provides (the call only counts). */
    size_t linked = mote_wasi_imports(&wasi, module, NULL, 0);
    uint32_t imports = mote_module_num_imports(module);
    mote_unload(module);
    if (linked != imports) {
        *why = "the module imports what the firmware lacks";
        return -1;
    }
    return 0;
}
