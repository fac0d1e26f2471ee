/*
 * apps_ota.h -- over-the-air updates of one app while the others run.
 *
 * Each app slot gets its own A/B slot pair and commit records (ota/'s slot
 * manager, unchanged) in the flash storage region:
 *
 *   [app 0: slot A | slot B | state 0 | state 1][app 1: ...] ...
 *
 * so an update of one app is written, verified, committed, tried and
 * confirmed or rolled back without touching the others' flash or stopping
 * them.  The bundle's manifest (TLV 0xa0) is what the app runs with: it is
 * covered by the signature, and must name the app the transfer is for.
 *
 * Firmware:
 *
 *   mote_app_ota_hal_flash(&flash);                // the HAL's region
 *   for each app i:
 *       mote_app_ota_open(&ota[i], &slot[i], &flash, i * stride, slot_size, key);
 *       if no image verifies: mote_app_ota_factory(&ota[i], bundle, len);
 *       mote_app_ota_start(&ota[i]);               // boots its slots, starts it
 *   receiver: .route = mote_app_ota_route, .validate = mote_app_ota_validate,
 *             .user = &table                        (a mote_app_ota_table)
 *   when mote_ota_receiver_committed(&rx):
 *       mote_app_ota_apply(mote_app_ota_of(&table, rx)) // stop, boot, start on trial
 *       mote_ota_receiver_init(&rx, &cfg)            // ready for the next one
 *   now and then: mote_app_ota_poll(&ota[i])        // a trial: confirm or roll back
 *
 * A trial passes when the new version has run for trial_us without
 * ending (or exited with status 0); if it fails, exits non-zero or cannot
 * start, the previous version is restored (recorded, then started) at
 * once.  A reset during a trial rolls back at the next boot, as ota/ does.
 */
#ifndef MOTE_APPS_OTA_H
#define MOTE_APPS_OTA_H

#include <mote/apps.h>
#include <mote/ota.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One app's update state. */
typedef struct mote_app_ota {
    mote_app *app;
    mote_ota_layout layout;
    mote_ota_slots slots;
    mote_ota_boot_info boot;
    uint64_t trial_us;          /* how long a new version must run (default 1 s) */
    bool on_trial;
    uint64_t trial_since;
    uint8_t manifest[MOTE_MANIFEST_MAX_SIZE];   /* copy when flash is not mapped */
} mote_app_ota;

/* The apps a receiver routes to. */
typedef struct mote_app_ota_table {
    mote_app_ota *const *ota;
    uint32_t count;
} mote_app_ota_table;

/* Binds the HAL's flash storage region to the OTA library's flash ops
 * (region offsets, the HAL's program unit, mapped when the HAL says so). */
mote_ota_status mote_app_ota_hal_flash(mote_ota_flash *flash);

/* Bytes of flash one app's pair takes with slots of slot_size: the two
 * slots and the two state sectors. */
uint32_t mote_app_ota_span(const mote_ota_flash *flash, uint32_t slot_size);

/* Lays out the app's pair at flash offset base and reads its commit
 * records.  pubkey (32 bytes) must stay valid. */
mote_ota_status mote_app_ota_open(mote_app_ota *o, mote_app *app, const mote_ota_flash *flash,
                                  uint32_t base, uint32_t slot_size, const uint8_t *pubkey);

/* A first boot: writes the factory bundle (built into the firmware) to
 * slot A and blanks the state sectors.  Call when mote_app_ota_start()
 * found no image (MOTE_OTA_ERR_NO_IMAGE), then start again. */
mote_ota_status mote_app_ota_factory(mote_app_ota *o, const uint8_t *bundle, size_t len);

/* Boots the app's slots (a pending trial starts, an unfinished one rolls
 * back) and starts the app from the verified image with its manifest.
 * MOTE_OTA_ERR_NO_IMAGE if no slot verifies; MOTE_OTA_ERR_VALIDATE if the
 * app did not start (the report says why; a trial then rolls back). */
mote_ota_status mote_app_ota_start(mote_app_ota *o);

/* After the receiver committed an update for o's app: stops the app and
 * starts the new version on trial (or confirmed, for a --confirm bundle). */
mote_ota_status mote_app_ota_apply(mote_app_ota *o);

/* mote_app_ota_start() in two steps, for a bare-metal firmware that lets
 * the other apps run between the two long parts (verifying the slot,
 * compiling the module): boot() picks and verifies the slot, run() starts
 * the app from it.  boot() with stop also stops the app first. */
mote_ota_status mote_app_ota_boot(mote_app_ota *o, bool stop);
mote_ota_status mote_app_ota_run(mote_app_ota *o);

/* Confirms a trial that has run trial_us, or rolls back one that ended
 * badly.  Call regularly (a firmware task, or the app's stop hook). */
void mote_app_ota_poll(mote_app_ota *o);

/* mote_ota_receiver_config hooks; user is a mote_app_ota_table. */
mote_ota_slots *mote_app_ota_route(void *user, const char *app, size_t len, const char **why);
int mote_app_ota_validate(void *user, const mote_ota_image_info *img, const char **why);

/* The entry of the app the receiver's transfer is for, or NULL. */
mote_app_ota *mote_app_ota_of(const mote_app_ota_table *t, const mote_ota_receiver *rx);

#ifdef __cplusplus
}
#endif
#endif
