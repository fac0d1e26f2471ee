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
 *   MOTE_APP_REPORT       defined to print where the RAM went after the run
 *                         (mote_add_wasi_firmware REPORT); its value is the
 *                         app's shadow-stack size (STACK_SIZE), and
 *                         MOTE_APP_REPORT_NATIVE_STACK is defined on boards
 *                         laid out by picolibc.ld (all but the host)
 *   MOTE_APP_FILES        defined to give the app files (FILES): its value
 *                         is how many files it may have open; the board's
 *                         flash storage region holds the file system
 *                         (formatted when it holds none; mounted read-only
 *                         when the board cannot write it), preopened as "/"
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

#ifdef MOTE_APP_FILES
#include <mote/fs_hal.h>
#endif

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
    NULL, /* becomes MOTE_BOARD=<name> */
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static mote_wasi wasi; /* static: HAL callbacks refer to it */

#ifdef MOTE_APP_FILES
/* The file system: 64-byte cache and staging buffers and a bit per block
 * (up to 1024 blocks), one preopen, and the app's open files. */
#define FS_CACHE 64
static mote_fs fs;
static uint8_t fs_ram[FS_CACHE + 64 + 1024 / 8];
static mote_wasi_flash files;
static const mote_wasi_preopen preopen = {
    .guest_path = "/", .ops = &mote_wasi_flash_ops, .backend = &files};
static mote_wasi_fd fds[1 + MOTE_APP_FILES];

static void say_text(const char *text)
{
    mote_hal_console_write(text, strlen(text));
}

/* Mounts the storage region's file system (formatting a region that holds
 * none); false, with a line on the console, if there are no files. */
static bool mount_files(void)
{
    mote_fs_flash flash;
    if (mote_fs_flash_hal(&flash, 0, 0) != MOTE_FS_OK) {
        say_text("mote: files: the board has no flash storage region\n");
        return false;
    }
    mote_fs_config cfg = {.flash = &flash,
                          .ram = fs_ram,
                          .ram_size = sizeof fs_ram,
                          .cache_size = FS_CACHE,
                          .read_only = flash.read_only};
    mote_fs_status st = mote_fs_mount(&fs, &cfg);
    if (st == MOTE_FS_ERR_NOT_FORMATTED && !flash.read_only &&
        (st = mote_fs_format(&fs, &cfg, NULL)) == MOTE_FS_OK)
        st = mote_fs_mount(&fs, &cfg);
    if (st == MOTE_FS_OK)
        st = mote_wasi_flash_init(&files, &fs, "", NULL);
    if (st == MOTE_FS_OK)
        return true;
    say_text("mote: files: ");
    say_text(mote_fs_status_name(st));
    say_text(" (");
    say_text(mote_fs_detail(&fs));
    say_text("); the app runs without files\n");
    return false;
}
#endif

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

#ifdef MOTE_APP_REPORT
/*
 * The RAM report, one line of name=value pairs for docs/ram-map.md:
 *
 *   arena         the arena's size (the board's free RAM)
 *   used, peak    arena bytes in use after the run (module + instance) and
 *                 at most (loading and instantiating use scratch space)
 *   module        arena bytes of the loaded module (with an image: only
 *                 its header; the code stays in flash), the rest of used
 *                 being the instance
 *   value_stack, call_stack   the instance's stacks (part of used)
 *   memory        the app's linear memory at the end (part of used)
 *   app_stack     bytes of the app's shadow stack (the first STACK_SIZE
 *                 bytes of its memory, --stack-first) ever written: the
 *                 memory starts zeroed and the stack grows down, so the
 *                 lowest non-zero byte marks its deepest point
 *   native_stack  bytes of the firmware's stack ever used, from paint
 */
static void say(const char *text)
{
    mote_hal_console_write(text, strlen(text));
}

static void say_number(size_t value)
{
    char digits[24];
    size_t n = 0;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    mote_hal_console_write(digits + sizeof digits - n, n);
}

/* " name=value", or " name=value/of" when of is not 0. */
static void say_pair(const char *name, size_t value, size_t of)
{
    say(" ");
    say(name);
    say("=");
    say_number(value);
    if (of != 0) {
        say("/");
        say_number(of);
    }
}

#ifdef MOTE_APP_REPORT_NATIVE_STACK
/* picolibc.ld: the stack is [__heap_end, __stack). */
extern uint8_t __heap_end[], __stack[];
#define PAINT 0xA5

/* Paints the unused stack, leaving a margin below this frame. */
__attribute__((noinline)) static void paint_stack(void)
{
    uintptr_t below = (uintptr_t)__builtin_frame_address(0) - 64;
    for (volatile uint8_t *p = __heap_end; (uintptr_t)p < below; p++)
        *p = PAINT;
}

static size_t native_stack_used(void)
{
    const uint8_t *p = __heap_end;
    while (p < __stack && *p == PAINT)
        p++;
    return (size_t)(__stack - p);
}
#endif

static void report(mote_arena *arena, size_t module_bytes)
{
    say("mote: ram");
    say_pair("arena", mote_arena_size(arena), 0);
    say_pair("used", mote_arena_used(arena), 0);
    say_pair("peak", mote_arena_peak(arena), 0);
    say_pair("module", module_bytes, 0);
    say_pair("value_stack", MOTE_APP_VALUE_STACK, 0);
    say_pair("call_stack", MOTE_APP_CALL_STACK, 0);
    /* The instance is the context's (a private field, but this firmware
     * is part of WASI-lite). */
    mote_memory *memory = wasi.inst != NULL ? mote_instance_memory(wasi.inst) : NULL;
    if (memory != NULL) {
        size_t size = (size_t)mote_memory_size(memory);
        const uint8_t *data = mote_memory_data(memory);
        size_t stack = MOTE_APP_REPORT < size ? MOTE_APP_REPORT : size, low = 0;
        while (low < stack && data[low] == 0)
            low++;
        say_pair("memory", size, 0);
        say_pair("app_stack", stack - low, stack);
    }
#ifdef MOTE_APP_REPORT_NATIVE_STACK
    say_pair("native_stack", native_stack_used(), (size_t)(__stack - __heap_end));
#endif
    say("\n");
}
#endif

int main(void)
{
#ifdef MOTE_APP_REPORT_NATIVE_STACK
    paint_stack();
#endif
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
#ifdef MOTE_APP_FILES
    if (mount_files()) {
        cfg.preopens = &preopen;
        cfg.npreopens = 1;
        cfg.fds = fds;
        cfg.max_fds = (uint8_t)COUNT(fds);
    }
#endif
    if (mote_wasi_init(&wasi, &cfg) != MOTE_OK)
        return MOTE_WASI_EXIT_NOT_RUN;

    mote_arena *arena = mote_arena_init((void *)board->free_ram_base, board->free_ram_size);
    if (arena == NULL) {
        const char *msg = "mote: no free RAM for an arena\n";
        mote_hal_console_write(msg, strlen(msg));
        return MOTE_WASI_EXIT_NOT_RUN;
    }
    /* (The firmware ends with the app: no need to unload the module.) */
    mote_module *module;
#ifdef MOTE_APP_IMAGE
    mote_status st = mote_image_attach(arena, mote_app_image, mote_app_image_size, mote_app,
                                       mote_app_size, &module);
#else
    mote_status st = mote_load(arena, mote_app, mote_app_size, NULL, &module);
#endif
    if (st != MOTE_OK) {
        mote_wasi_report(arena, NULL);
        return MOTE_WASI_EXIT_NOT_RUN;
    }
#ifdef MOTE_APP_REPORT
    size_t module_bytes = mote_arena_used(arena);
    int status = mote_wasi_run_module(&wasi, module, arena);
    report(arena, module_bytes);
    return status;
#else
    return mote_wasi_run_module(&wasi, module, arena);
#endif
}
