/*
 * setup.c -- the apps example's slots, storage and start (example.h).
 *
 * Each app has a slot with its own RAM (arena and mailbox; the manifest
 * says how much of it the app may use) and its own A/B pair in the flash
 * storage region.  The apps run from flash, in place, with the manifest
 * of their signed bundle: nothing here grants an app anything.  At the
 * first boot the factory bundles built into this firmware are written to
 * the slots' A halves.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <mote/embed.h>
#include <mote/fs_hal.h>
#include <mote/hal.h>

#include "example.h"
#include "ota_key.h" /* mote_ota_public_key[32], made by mote-ota keygen */

/* Slot RAM: a printf app's compiled code is about 45 KiB, its instance
 * (stacks and 8 KiB of memory) about 14 KiB. */
#define SLOT_RAM (96u * 1024u)
/* A/B slots of 64 KiB, or a sector where sectors are bigger. */
#define SLOT_SIZE (64u * 1024u)

mote_apps example_apps;
mote_app example_app[APP_COUNT];
mote_app_ota example_ota[APP_COUNT];
static mote_app_ota *const ota_list[APP_COUNT] = {
#ifdef EXAMPLE_LATENCY
    &example_ota[APP_PROBE],
    &example_ota[APP_BUSY],
#else
    &example_ota[APP_BLINKY],
    &example_ota[APP_BUTTON],
    &example_ota[APP_LOGGER],
    &example_ota[APP_HOSTILE],
#endif
};
const mote_app_ota_table example_table = {ota_list, APP_COUNT};

static uint8_t slot_ram[APP_COUNT][SLOT_RAM] __attribute__((aligned(8)));
static mote_ota_flash flash;

/* The file system, on the storage region after the apps' slot pairs; an
 * app granted files gets its directory of it, with its quota.  (Apps on
 * different FreeRTOS tasks must not share one file system unguarded: the
 * example grants files to the logger only.) */
#define FS_MAX_BLOCKS 1024
#define FS_CACHE 128
#define APP_FILES 4 /* files an app may have open */
static mote_fs fs;
static uint8_t fs_ram[FS_CACHE + FS_CACHE + FS_MAX_BLOCKS / 8 + 64];
static bool fs_mounted;
static mote_wasi_flash app_files[APP_COUNT];
static mote_fs_quota app_quota[APP_COUNT];
static mote_wasi_preopen app_preopen[APP_COUNT];
static mote_wasi_fd app_fds[APP_COUNT][1 + APP_FILES];

typedef struct factory {
    const char *name;
    const uint8_t *bundle;
    const size_t *size;
    const char *const *argv;
    uint32_t argc;
} factory;

#define ARGV(...) \
    (const char *const[]){__VA_ARGS__}, sizeof((const char *[]){__VA_ARGS__}) / sizeof(char *)

#ifdef EXAMPLE_LATENCY
MOTE_EMBEDDED_APP(factory_probe);
MOTE_EMBEDDED_APP(factory_busy);
static const factory factories[APP_COUNT] = {
    {"probe", factory_probe, &factory_probe_size, ARGV("probe", "10000", "300")},
    {"busy", factory_busy, &factory_busy_size, ARGV("busy", "0")},
};
#else
MOTE_EMBEDDED_APP(factory_blinky);
MOTE_EMBEDDED_APP(factory_button);
MOTE_EMBEDDED_APP(factory_logger);
MOTE_EMBEDDED_APP(factory_hostile);
static const factory factories[APP_COUNT] = {
    {"blinky", factory_blinky, &factory_blinky_size, ARGV("blinky", "100")},
    {"button", factory_button, &factory_button_size, ARGV("button")},
    {"logger", factory_logger, &factory_logger_size, ARGV("logger")},
    {"hostile", factory_hostile, &factory_hostile_size, ARGV("hostile", "pin")},
};

/* The hostile app's misdeeds, one run each. */
static const char *const hostile_modes[] = {"pin", "flood", "memory", "loop"};
static const char *hostile_argv[2] = {"hostile", "pin"};
static unsigned hostile_run;
static volatile uint64_t hostile_ended_us; /* 0: running */
#endif

uint64_t example_t0_us;

/* Environment: where the board's LEDs and button are. */
static const char *const env[] = {"LED=0", "BUTTON=2"};

void example_say(const char *format, ...)
{
    char line[160];
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(line, sizeof line, format, ap);
    va_end(ap);
    mote_hal_console_write(line, n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static uint32_t slot_size, span;

/* The slot of app i: its RAM, arguments, and flash pair. */
static bool add_slot(uint32_t i)
{
    const factory *f = &factories[i];
    mote_app *app = &example_app[i];
    app->argv = f->argv;
    app->argc = f->argc;
#ifndef EXAMPLE_LATENCY
    if (i == APP_BUTTON) {
        static const char *const button_env[] = {"LED=1", "BUTTON=2"};
        app->envp = button_env;
    } else
#endif
        app->envp = env;
    app->envc = 2;
    mote_apps_add(&example_apps, app, slot_ram[i], sizeof slot_ram[i]);
    mote_ota_status st =
        mote_app_ota_open(&example_ota[i], app, &flash, i * span, slot_size, mote_ota_public_key);
    if (st != MOTE_OTA_OK)
        example_say("example: %s: cannot open its slots: %s\n", f->name, mote_ota_status_str(st));
    return st == MOTE_OTA_OK;
}

static bool start_app(uint32_t i)
{
    const factory *f = &factories[i];
    mote_app_ota *o = &example_ota[i];
    mote_ota_status st = mote_app_ota_start(o);
    if (st == MOTE_OTA_ERR_NO_IMAGE) {
        example_say("example: %s: no verified bundle in flash: installing the factory one\n",
                    f->name);
        st = mote_app_ota_factory(o, f->bundle, *f->size);
        if (st == MOTE_OTA_OK)
            st = mote_app_ota_start(o);
    }
    if (st != MOTE_OTA_OK) {
        example_say("example: %s: cannot start: %s\n", f->name, mote_ota_status_str(st));
        return false;
    }
    return true;
}

/* Mounts (formatting at the first boot) the file system on [offset, end). */
static void mount_files(uint32_t offset)
{
    mote_fs_flash region;
    mote_fs_status st = mote_fs_flash_hal(&region, offset, 0);
    static mote_fs_flash kept;
    kept = region;
    mote_fs_config c = {
        .flash = &kept, .ram = fs_ram, .ram_size = sizeof fs_ram, .cache_size = FS_CACHE};
    if (st == MOTE_FS_OK) {
        st = mote_fs_mount(&fs, &c);
        if (st == MOTE_FS_ERR_NOT_FORMATTED && (st = mote_fs_format(&fs, &c, NULL)) == MOTE_FS_OK)
            st = mote_fs_mount(&fs, &c);
    }
    fs_mounted = st == MOTE_FS_OK;
    if (!fs_mounted)
        example_say("example: no file system (%s): apps get no files\n", mote_fs_status_name(st));
}

/* cfg.files: the app's directory, confined, with its quota in blocks. */
static bool give_files(mote_app *app, const mote_manifest *m, mote_wasi_config *c, void *user)
{
    (void)user;
    uint32_t i = (uint32_t)(app - example_app);
    if (!fs_mounted || i >= APP_COUNT)
        return false;
    mote_fs_quota *q = &app_quota[i];
    q->max_blocks = (uint32_t)(((uint64_t)m->files_bytes + fs.block_size - 1) / fs.block_size);
    q->max_objects = m->files_max;
    if (mote_wasi_flash_init(&app_files[i], &fs, m->files_dir + 1, q) != MOTE_FS_OK)
        return false;
    app_preopen[i] = (mote_wasi_preopen){
        .guest_path = m->files_dir, .ops = &mote_wasi_flash_ops, .backend = &app_files[i]};
    c->preopens = &app_preopen[i];
    c->npreopens = 1;
    c->fds = app_fds[i];
    c->max_fds = (uint8_t)(sizeof app_fds[i] / sizeof app_fds[i][0]);
    return true;
}

bool example_setup(mote_apps_config *cfg)
{
    cfg->on_stop = example_app_stopped;
    cfg->files = give_files;
    if (mote_apps_init(&example_apps, cfg) != MOTE_OK)
        return false;
    if (mote_app_ota_hal_flash(&flash) != MOTE_OTA_OK) {
        example_say("example: the board has no writable flash storage region\n");
        return false;
    }
    slot_size = SLOT_SIZE < flash.sector_size ? flash.sector_size : SLOT_SIZE;
    span = mote_app_ota_span(&flash, slot_size);
    if ((uint64_t)span * APP_COUNT > flash.size) {
        example_say("example: %u apps need %lu bytes of flash storage, the board has %lu\n",
                    (unsigned)APP_COUNT, (unsigned long)span * APP_COUNT,
                    (unsigned long)flash.size);
        return false;
    }
    example_say("example: %u apps on %s, %u KiB of RAM each, A/B slots of %lu KiB\n",
                (unsigned)APP_COUNT, mote_hal_board()->name, (unsigned)(SLOT_RAM / 1024),
                (unsigned long)(slot_size / 1024));
    mount_files(span * APP_COUNT);
    bool ok = true;
    for (uint32_t i = 0; i < APP_COUNT; i++)
        ok &= add_slot(i);
    return ok;
}

bool example_start(void)
{
    bool ok = true;
    for (uint32_t i = 0; i < APP_COUNT; i++)
        ok &= start_app(i);
    example_t0_us = mote_hal_time_us();
    return ok;
}

void example_app_stopped(mote_app *app, void *user)
{
    (void)user;
#ifndef EXAMPLE_LATENCY
    if (app == &example_app[APP_HOSTILE])
        hostile_ended_us = mote_hal_time_us();
#else
    (void)app;
#endif
}

uint64_t example_hostile_step(uint64_t now)
{
#ifndef EXAMPLE_LATENCY
    const unsigned modes = sizeof hostile_modes / sizeof hostile_modes[0];
    if (hostile_run + 1 >= modes)
        return MOTE_APPS_NEVER;
    if (hostile_ended_us == 0)
        return now + 50000u; /* still running: look again */
    uint64_t due = hostile_ended_us + EXAMPLE_HOSTILE_PAUSE_MS * 1000u;
    if (now < due)
        return due;
    hostile_ended_us = 0;
    hostile_argv[1] = hostile_modes[++hostile_run];
    mote_app *app = &example_app[APP_HOSTILE];
    app->argv = hostile_argv;
    app->argc = 2;
    mote_app_restart(app);
    return now + 50000u;
#else
    (void)now;
    return MOTE_APPS_NEVER;
#endif
}

void example_report(void)
{
    for (uint32_t i = 0; i < APP_COUNT; i++)
        mote_app_report_stats(&example_app[i]);
}
