/*
 * app_main.c -- firmware that runs one embedded app with WASI-lite, on any
 * board.  mote_add_wasi_firmware() (wasi-lite/CMakeLists.txt) links it with
 * an app and generates mote_app_config.h:
 *
 *   MOTE_APP_ARGV         the app's arguments, "name", "arg", ...
 *   MOTE_APP_ENVP         extra environment entries, each "K=V", (with comma)
 *   MOTE_APP_VALUE_STACK  instance value stack bytes
 *   MOTE_APP_CALL_STACK   instance call stack bytes
 *   MOTE_APP_IMAGE        defined when the app's code was compiled ahead of
 *                         time (mote_add_firmware IMAGE): it then runs from
 *                         flash and the arena holds only the instance
 *
 * The app gets every GPIO pin and every timer, and in its environment
 * MOTE_BOARD=<board name>, LED=<pin> when the board names an LED
 * (MOTE_BOARD_LED0_PIN in mote_board.h) and BUTTON=<pin> (and
 * BUTTON_ACTIVE=high) when it names a button (MOTE_BOARD_BUTTON0_PIN,
 * MOTE_BOARD_BUTTON_ACTIVE_HIGH).  Its arena is the board's free RAM.  The
 * firmware's exit status is the app's (see mote_wasi_run_app()).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mote/embed.h>
#include <mote/hal.h>
#include <mote/wasi.h>

#include "mote_app_config.h"
#include "mote_board.h"

#define STR2(x) #x
#define STR(x) STR2(x)

MOTE_EMBEDDED_APP(mote_app);
#ifdef MOTE_APP_IMAGE
MOTE_EMBEDDED_APP(mote_app_image);
#endif

static const char *const app_argv[] = {MOTE_APP_ARGV};

static const char *app_env[] = {
    MOTE_APP_ENVP
#ifdef MOTE_BOARD_LED0_PIN
    "LED=" STR(MOTE_BOARD_LED0_PIN),
#endif
#ifdef MOTE_BOARD_BUTTON0_PIN
    "BUTTON=" STR(MOTE_BOARD_BUTTON0_PIN),
#endif
#ifdef MOTE_BOARD_BUTTON_ACTIVE_HIGH
    "BUTTON_ACTIVE=high",
#endif
    NULL,                       /* becomes MOTE_BOARD=<name> */
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static mote_wasi wasi;          /* static: HAL callbacks refer to it */

/* "MOTE_BOARD=" + the board's name, in the last environment slot. */
static void set_board_env(const char *name)
{
    static char entry[48] = "MOTE_BOARD=";
    size_t used = strlen(entry), room = sizeof entry - used - 1;
    size_t len = strlen(name);
    memcpy(entry + used, name, len < room ? len : room);
    app_env[COUNT(app_env) - 1] = entry;
}

static uint64_t all_pins(uint32_t count)
{
    return count >= 64 ? UINT64_MAX : (1ull << count) - 1;
}

int main(void)
{
    mote_hal_init();
    const mote_hal_board_info *board = mote_hal_board();
    set_board_env(board->name);

    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.argv = app_argv;
    cfg.argc = COUNT(app_argv);
    cfg.envp = app_env;
    cfg.envc = COUNT(app_env);
    cfg.pins = all_pins(board->gpio_count);
    cfg.max_timers = MOTE_WASI_MAX_TIMERS;
    cfg.instance.value_stack_bytes = MOTE_APP_VALUE_STACK;
    cfg.instance.call_stack_bytes = MOTE_APP_CALL_STACK;
    if (mote_wasi_init(&wasi, &cfg) != MOTE_OK)
        return MOTE_WASI_EXIT_NOT_RUN;

    mote_arena *arena = mote_arena_init((void *)board->free_ram_base, board->free_ram_size);
    if (arena == NULL) {
        const char *msg = "mote: no free RAM for an arena\n";
        mote_hal_console_write(msg, strlen(msg));
        return MOTE_WASI_EXIT_NOT_RUN;
    }
#ifdef MOTE_APP_IMAGE
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
