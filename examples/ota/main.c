/*
 * The OTA example firmware: runs the app in the A/B slots of the flash
 * storage region and takes signed updates of it over a second UART.
 *
 * Every boot: the slot manager picks a slot and verifies it (hash and
 * Ed25519 signature against the key built in, ota_key.h); the app runs;
 * then the firmware serves updates (update.c).  A new app first runs on
 * trial, and the firmware's check is that it returns 0 from main(): then it
 * is confirmed; otherwise it is rejected and the board resets into the
 * previous app.  A reset during the trial rolls back as well.
 *
 * A board whose flash holds no verified app (the very first boot) gets the
 * factory app, a bundle built into this firmware, in slot A.
 */
#include <stdio.h>

#include <mote/embed.h>
#include <mote/hal.h>
#include <mote/wasi.h>

#include "ota_example.h"
#include "ota_key.h" /* mote_ota_public_key[32], from mote-ota keygen */

MOTE_EMBEDDED_APP(ota_factory_bundle);

const char *ota_version_text(char *out, const mote_ota_version *v)
{
    snprintf(out, OTA_VERSION_TEXT, "%u.%u.%u+%lu", v->major, v->minor, v->revision,
             (unsigned long)v->build);
    return out;
}

static mote_ota_layout layout;
static mote_ota_slots slots;
static mote_ota_boot_info boot;

_Noreturn static void fail(const char *what, mote_ota_status st)
{
    printf("ota: %s: %s\n", what, mote_ota_status_str(st));
    mote_hal_exit(1);
}

static mote_ota_status open_and_boot(void)
{
    mote_ota_status st = mote_ota_slots_open(&slots, &layout, mote_ota_public_key, NULL);
    return st == MOTE_OTA_OK ? mote_ota_boot(&slots, &boot) : st;
}

/* The trial app failed its check: record the rollback, then reset so that
 * the old app starts from a clean board. */
_Noreturn static void roll_back(int status)
{
    char v[OTA_VERSION_TEXT], old_v[OTA_VERSION_TEXT];
    mote_ota_image_info old;
    mote_ota_status st = mote_ota_reject(&slots, &old);
    if (st != MOTE_OTA_OK)
        fail("rollback failed", st); /* the next boot rolls back instead */
    printf("ota: version %s failed its check (exit status %d): rolling back to %s\n",
           ota_version_text(v, &boot.image.hdr.version), status,
           ota_version_text(old_v, &old.hdr.version));
    mote_hal_status hs = mote_hal_reset();
    printf("ota: cannot reset (%s)\n", mote_hal_status_name(hs));
    mote_hal_exit(1);
}

int main(void)
{
    mote_hal_init();
    mote_ota_status st = storage_open(&layout);
    printf("ota: mote OTA example on %s: A/B slots of %lu bytes, updates on UART%u\n",
           mote_hal_board()->name, (unsigned long)layout.slot_size, (unsigned)OTA_UART);
    if (st != MOTE_OTA_OK)
        fail("the flash storage region cannot hold two slots", st);
    st = open_and_boot();
    if (st == MOTE_OTA_ERR_NO_IMAGE) {
        printf("ota: no verified app in flash: installing the factory app in slot A\n");
        st = storage_factory_install(&layout, ota_factory_bundle, ota_factory_bundle_size);
        if (st != MOTE_OTA_OK)
            fail("factory install failed", st);
        st = open_and_boot();
    }
    if (st != MOTE_OTA_OK)
        fail("no app to boot", st);

    char v[OTA_VERSION_TEXT];
    printf("ota: booting slot %c, version %s%s%s%s\n", 'A' + boot.slot,
           ota_version_text(v, &boot.image.hdr.version), boot.trial ? " on trial" : "",
           boot.rolled_back ? " (rolled back: the trial before was cut short)" : "",
           boot.fallback ? " (fallback: the recorded slot failed verification)" : "");

    /* What the bundle carries beyond the module. */
    if (boot.image.has_security_counter || mote_ota_security_counter(&slots) != 0)
        printf("ota: security counter %lu (the device's: %lu)\n",
               (unsigned long)boot.image.security_counter,
               (unsigned long)mote_ota_security_counter(&slots));
    if (boot.image.manifest.present)
        printf("ota: app manifest of %u bytes (not enforced yet)\n", boot.image.manifest.len);

    int status = app_run(&boot.image);
    if (boot.trial) {
        if (status != 0)
            roll_back(status);
        st = mote_ota_confirm(&slots);
        if (st != MOTE_OTA_OK)
            fail("confirmation failed", st);
        printf("ota: version %s passed its check: confirmed\n", v);
    } else if (status != 0) {
        printf("ota: the app exited with status %d\n", status);
    }
    update_serve(&slots, &boot.image);
}
