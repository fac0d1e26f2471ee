/*
 * Example firmware: runs the Wasm app embedded in flash (app/hello.c) with
 * the mote core -- run(20) -- and ends with the app's result as the exit
 * status.
 *
 * The app's bytes stay in flash: the core reads them in place.  Its arena
 * is the board's free RAM, whatever size that is, and its linear memory is
 * 4 KiB (CMakeLists.txt), so the same source runs on a 16 KiB sifive-e and
 * on a 128 MiB virt machine.
 */
#include <stdio.h>

#include <mote/embed.h>
#include <mote/hal.h>
#include <mote/mote.h>

MOTE_EMBEDDED_APP(mote_app);
#ifdef MOTE_EXAMPLE_IMAGE
MOTE_EMBEDDED_APP(mote_app_image); /* compiled ahead of time (IMAGE) */
#endif

/* env.print(text, length): writes guest memory to the console. */
static mote_status host_print(mote_instance *caller, mote_value *io, void *user)
{
    (void)user;
    uint8_t *text = mote_memory_ptr(caller, io[0].u32, io[1].u32);
    if (text == NULL)
        return mote_host_trap(caller, "print: text outside linear memory");
    mote_hal_console_write(text, io[1].u32);
    return MOTE_OK;
}

static const mote_import imports[] = {
    {.module = "env", .name = "print", .fn = host_print, .signature = "(ii)"},
};

static int failed(mote_arena *arena, const char *step)
{
    printf("example: %s failed: %s\n", step, mote_arena_error(arena)->message);
    return 1;
}

int main(void)
{
    mote_hal_init();
    const mote_hal_board_info *board = mote_hal_board();
    printf("example: %s, app of %lu bytes at %p\n", board->name, (unsigned long)mote_app_size,
           (const void *)mote_app);

    mote_arena *arena = mote_arena_init((void *)board->free_ram_base, board->free_ram_size);
    if (arena == NULL) {
        printf("example: no RAM for an arena\n");
        return 1;
    }
    mote_module *module;
#ifdef MOTE_EXAMPLE_IMAGE
    if (mote_image_attach(arena, mote_app_image, mote_app_image_size, mote_app, mote_app_size,
                          &module) != MOTE_OK)
        return failed(arena, "attach");
    printf("example: compiled code runs from the image in flash (%lu bytes)\n",
           (unsigned long)mote_app_image_size);
#else
    if (mote_load(arena, mote_app, mote_app_size, NULL, &module) != MOTE_OK)
        return failed(arena, "load");
#endif
    mote_instance_config config = {
        .value_stack_bytes = 2048,
        .call_stack_bytes = 512,
    };
    mote_instance *instance;
    if (mote_instantiate(arena, module, imports, sizeof imports / sizeof imports[0], &config,
                         &instance) != MOTE_OK)
        return failed(arena, "instantiate");
    mote_func *run = mote_export_func(instance, "run");
    if (run == NULL) {
        printf("example: the app exports no run(n)\n");
        return 1;
    }
    mote_value argument = {.u32 = 20}, result;
    if (mote_call(instance, run, &argument, 1, &result, 1) != MOTE_OK)
        return failed(arena, "run");
    printf("example: arena peak %lu of %lu bytes\n", (unsigned long)mote_arena_peak(arena),
           (unsigned long)mote_arena_size(arena));
    printf("example: app returned %ld\n", (long)result.i32);
    return result.i32;
}
