/*
 * example.h -- the apps example firmware (docs/apps.md), in pieces shared
 * by its bare-metal main (main.c, also the host board's) and its FreeRTOS
 * main (main_rtos.c):
 *
 *   setup.c    the app slots and their RAM, each app's A/B slots in the
 *              flash storage region (the factory bundles, signed with
 *              their manifests, installed at the first boot), starting the
 *              apps, the hostile app's sequence
 *   update.c   an update of one app while the others run: the OTA receiver
 *              fed from a recorded transfer (mote-ota send --frames-out),
 *              read from a file -- semihosting on the QEMU boards
 *
 * Two variants, chosen at build time:
 *   (default)          blinky, button, logger and hostile; logger updated
 *                      to version 2 at 1 s; the run ends at EXAMPLE_END_MS
 *   EXAMPLE_LATENCY    probe and busy: timer wake-up latency next to a
 *                      neighbour that never waits
 */
#ifndef APPS_EXAMPLE_H
#define APPS_EXAMPLE_H

#include <stdbool.h>
#include <stdint.h>

#include <mote/apps.h>
#include <mote/apps_ota.h>

/* The timeline, in ms after the apps started (example_t0_us). */
#ifndef EXAMPLE_END_MS
#define EXAMPLE_END_MS 4000
#endif
#define EXAMPLE_UPDATE_AT_MS 1000
#define EXAMPLE_HOSTILE_PAUSE_MS 150 /* between the hostile app's runs */
#define EXAMPLE_UPDATE_FILE "logger-v2.frames"

/* The apps, in slot order. */
#ifdef EXAMPLE_LATENCY
enum { APP_PROBE, APP_BUSY, APP_COUNT };
#else
enum { APP_BLINKY, APP_BUTTON, APP_LOGGER, APP_HOSTILE, APP_COUNT };
#endif

extern mote_apps example_apps;
extern mote_app example_app[APP_COUNT];
extern mote_app_ota example_ota[APP_COUNT];
extern const mote_app_ota_table example_table;

/* setup.c: the set and its slots, the flash storage.  cfg has the
 * firmware's hooks (on_slice, report); on_stop is set here.  Returns false
 * (after saying why) if the board cannot run the example. */
bool example_setup(mote_apps_config *cfg);

/* setup.c: every app from its slots, the factory bundles installed at the
 * first boot.  False if one could not start. */
bool example_start(void);

/* setup.c: printf that writes its line in one piece, so that tasks do not
 * interleave inside lines. */
void example_say(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* setup.c: when the apps started (example_start). */
extern uint64_t example_t0_us;

/* setup.c: an app ended (the scheduler's stop hook). */
void example_app_stopped(mote_app *app, void *user);

/* setup.c: restarts the hostile app in its next mode once it has ended
 * and EXAMPLE_HOSTILE_PAUSE_MS passed; returns when to look again
 * (MOTE_APPS_NEVER once all modes ran).  A firmware task calls it: on
 * bare metal, loading a module holds up the other apps, so the loads are
 * spread out. */
uint64_t example_hostile_step(uint64_t now_us);

/* setup.c: the figures of every app, one report line each. */
void example_report(void);

/* update.c: feeds the receiver from the update file, a piece per call;
 * false once the transfer is over (applied, refused, or no file). */
bool example_update_step(void);

/* update.c: keeps trials going: confirms or rolls back. */
void example_update_poll(void);

#endif
