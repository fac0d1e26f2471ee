/*
 * Wall-clock test: the HAL's RTC hook (mote_hal_rtc_*) and an app's view
 * of it.  A board without an RTC knows no time until the firmware sets it;
 * one with an RTC (riscv-virt's Goldfish, the host's PC clock) knows it
 * from the start.  After a set the clock reads the time set plus the time
 * since, moves on with the time base, and an app gets it from time() and
 * CLOCK_REALTIME (the clock app of tests/cli, embedded here).
 */
#include <stdbool.h>
#include <stdint.h>

#include <mote/embed.h>
#include <mote/hal.h>
#include <mote/wasi.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

#define S 1000000ull
#define EPOCH_2025 (1735689600ull * S) /* 2025-01-01 00:00:00 UTC */

MOTE_EMBEDDED_APP(mote_app);
#ifdef WALL_CLOCK_IMAGE
MOTE_EMBEDDED_APP(mote_app_image);
#endif

static mote_wasi wasi; /* static: HAL callbacks refer to it */

static void check_rtc(void)
{
    uint64_t t = 0;
    mote_hal_status st = mote_hal_rtc_get(&t);
    if (st == MOTE_HAL_OK) {
        printf("wall clock: an RTC, %s\n", t >= EPOCH_2025 ? "2025 or later" : "before 2025");
    } else {
        CHECK(st == MOTE_HAL_ERR_UNSUPPORTED);
        printf("wall clock: none until set\n");
    }
    CHECK(mote_hal_rtc_set(EPOCH_2025) == MOTE_HAL_OK);
    CHECK(mote_hal_rtc_get(&t) == MOTE_HAL_OK && t >= EPOCH_2025 && t < EPOCH_2025 + S);
    uint64_t before = t;
    mote_hal_sleep_us(250000);
    CHECK(mote_hal_rtc_get(&t) == MOTE_HAL_OK);
    /* At least the sleep (less a tick of rounding), and not wildly more:
     * the emulator's host may be busy. */
    CHECK(t - before >= 249000 && t - before < 250000 + 2 * S);
}

static int run_clock_app(void)
{
    static const char *const argv[] = {"clock"};
    const mote_hal_board_info *board = mote_hal_board();
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.argv = argv;
    cfg.argc = 1;
    cfg.instance.value_stack_bytes = WALL_CLOCK_VALUE_STACK;
    cfg.instance.call_stack_bytes = WALL_CLOCK_CALL_STACK;
    mote_arena *arena = mote_arena_init((void *)board->free_ram_base, board->free_ram_size);
    if (arena == NULL || mote_wasi_init(&wasi, &cfg) != MOTE_OK)
        return MOTE_WASI_EXIT_NOT_RUN;
#ifdef WALL_CLOCK_IMAGE
    mote_module *module;
    if (mote_image_attach(arena, mote_app_image, mote_app_image_size, mote_app, mote_app_size,
                          &module) != MOTE_OK) {
        mote_wasi_report(arena, NULL);
        return MOTE_WASI_EXIT_NOT_RUN;
    }
    return mote_wasi_run_module(&wasi, module, arena);
#else
    return mote_wasi_run_app(&wasi, mote_app, mote_app_size, arena);
#endif
}

int main(void)
{
    mote_hal_init();
    check_rtc();
    int status = run_clock_app();
    printf("wall-clock: the app exited with %d\n", status);
    CHECK(status == 0);
    return check_summary("wall-clock");
}
