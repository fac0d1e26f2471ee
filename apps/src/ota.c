/*
 * ota.c -- per-app A/B slots and updates of one app while the others run
 * (mote/apps_ota.h).  The slot manager, verifier and receiver are ota/'s;
 * this file lays out one pair per app, starts an app from its verified
 * image with the image's own manifest, and runs the trial: confirm after
 * the app proved itself, or restore the previous version at once.
 */
#include <string.h>

#include "internal.h"
#include <mote/apps_ota.h>

#define DEFAULT_TRIAL_US 1000000u

/* ---- the HAL's flash as the OTA library's ---------------------------------- */

static int hal_read(void *ctx, uint32_t addr, void *buf, uint32_t len)
{
    (void)ctx;
    return mote_hal_flash_read(addr, buf, len) != MOTE_HAL_OK;
}

static int hal_erase(void *ctx, uint32_t addr)
{
    const mote_ota_flash *flash = ctx;
    return mote_hal_flash_erase(addr, flash->sector_size) != MOTE_HAL_OK;
}

static int hal_program(void *ctx, uint32_t addr, const void *buf, uint32_t len)
{
    (void)ctx;
    return mote_hal_flash_program(addr, buf, len) != MOTE_HAL_OK;
}

mote_ota_status mote_app_ota_hal_flash(mote_ota_flash *flash)
{
    mote_hal_flash_info info;
    if (mote_hal_flash_info_get(&info) != MOTE_HAL_OK || !info.writable ||
        info.write_size > MOTE_OTA_MAX_PROG)
        return MOTE_OTA_ERR_ARG;
    *flash = (mote_ota_flash){
        .base = 0,
        .size = info.size,
        .sector_size = info.sector_size,
        .prog_size = info.write_size,
        .mapped = (const uint8_t *)info.base,
        .ctx = flash,
        .read = hal_read,
        .erase = hal_erase,
        .program = hal_program,
    };
    return MOTE_OTA_OK;
}

uint32_t mote_app_ota_span(const mote_ota_flash *flash, uint32_t slot_size)
{
    uint64_t span = 2ull * slot_size + 2ull * flash->sector_size;
    return span > UINT32_MAX ? UINT32_MAX : (uint32_t)span;
}

/* ---- one app's pair ---------------------------------------------------------- */

mote_ota_status mote_app_ota_open(mote_app_ota *o, mote_app *app, const mote_ota_flash *flash,
                                  uint32_t base, uint32_t slot_size, const uint8_t *pubkey)
{
    memset(o, 0, sizeof *o);
    o->app = app;
    o->trial_us = DEFAULT_TRIAL_US;
    uint64_t end = (uint64_t)base + mote_app_ota_span(flash, slot_size);
    if (end > flash->size)
        return MOTE_OTA_ERR_ARG;
    o->layout = (mote_ota_layout){
        .flash = flash,
        .slot_off = {base, base + slot_size},
        .slot_size = slot_size,
        .state_off = {base + 2 * slot_size, base + 2 * slot_size + flash->sector_size},
    };
    mote_ota_status st = mote_ota_layout_check(&o->layout);
    return st == MOTE_OTA_OK ? mote_ota_slots_open(&o->slots, &o->layout, pubkey, NULL) : st;
}

mote_ota_status mote_app_ota_factory(mote_app_ota *o, const uint8_t *bundle, size_t len)
{
    mote_ota_status st = MOTE_OTA_OK;
    for (int i = 0; i < 2 && st == MOTE_OTA_OK; i++)
        st = mote_ota_flash_erase(o->layout.flash, o->layout.state_off[i]);
    if (st != MOTE_OTA_OK)
        return st;
    mote_ota_writer w;
    mote_ota_writer_begin(&w, o->layout.flash, o->layout.slot_off[0], o->layout.slot_size);
    st = mote_ota_writer_write(&w, bundle, len);
    if (st == MOTE_OTA_OK)
        st = mote_ota_writer_finish(&w);
    if (st == MOTE_OTA_OK)      /* read the (blank) records again */
        st = mote_ota_slots_open(&o->slots, &o->layout, o->slots.pubkey, NULL);
    return st;
}

/* The image's manifest bytes, in place or copied out of flash; NULL if
 * it has none or it is too long. */
static const uint8_t *manifest_of(mote_app_ota *o, const mote_ota_image_info *img, size_t *len)
{
    const mote_ota_tlv_ref *m = &img->manifest;
    *len = m->len;
    if (!m->present || m->len > sizeof o->manifest)
        return NULL;
    if (m->data != NULL)
        return m->data;
    if (mote_ota_flash_read(o->layout.flash, m->off, o->manifest, m->len) != MOTE_OTA_OK)
        return NULL;
    return o->manifest;
}

/* "maj.min.rev+build" */
static void version(at_text *t, const mote_ota_version *v)
{
    at_u64(t, v->major);
    at_str(t, ".");
    at_u64(t, v->minor);
    at_str(t, ".");
    at_u64(t, v->revision);
    at_str(t, "+");
    at_u64(t, v->build);
}

static void say(mote_app_ota *o, const char *what, const mote_ota_image_info *img,
                const char *after)
{
    char line[96];
    at_text t = at_begin(line, sizeof line);
    at_str(&t, what);
    version(&t, &img->hdr.version);
    at_str(&t, after);
    ap_report(o->app, line);
}

/* Starts the app from a verified image; MOTE_OTA_ERR_VALIDATE if it did
 * not start. */
static mote_ota_status run_image(mote_app_ota *o, const mote_ota_image_info *img)
{
    size_t len;
    const uint8_t *manifest = manifest_of(o, img, &len);
    if (img->payload == NULL)
        return MOTE_OTA_ERR_UNSUPPORTED;     /* apps run in place from mapped flash */
    mote_status st = mote_app_start_signed(o->app, img->payload, img->payload_size, manifest,
                                           manifest != NULL ? len : 0);
    return st == MOTE_OK ? MOTE_OTA_OK : MOTE_OTA_ERR_VALIDATE;
}

/* The trial failed: record the rollback, then start the version before. */
static mote_ota_status roll_back(mote_app_ota *o, const char *why)
{
    mote_ota_image_info old;
    o->on_trial = false;
    mote_app_stop(o->app);
    mote_ota_status st = mote_ota_reject(&o->slots, &old);
    if (st != MOTE_OTA_OK)
        return st;          /* the next boot rolls back instead */
    char after[64];
    at_text t = at_begin(after, sizeof after);
    at_str(&t, " restored (");
    at_str(&t, why);
    at_str(&t, ")");
    say(o, "rollback: version ", &old, after);
    o->boot.image = old;
    o->boot.trial = false;
    return run_image(o, &old);
}

mote_ota_status mote_app_ota_boot(mote_app_ota *o, bool stop)
{
    if (stop)
        mote_app_stop(o->app);
    return mote_ota_boot(&o->slots, &o->boot);
}

mote_ota_status mote_app_ota_run(mote_app_ota *o)
{
    o->on_trial = o->boot.trial;
    o->trial_since = mote_hal_time_us();
    mote_ota_status st = run_image(o, &o->boot.image);
    if (o->on_trial) {
        if (st != MOTE_OTA_OK)
            return roll_back(o, "it did not start");
        say(o, "version ", &o->boot.image, " on trial");
    }
    return st;
}

mote_ota_status mote_app_ota_start(mote_app_ota *o)
{
    mote_ota_status st = mote_app_ota_boot(o, false);
    return st == MOTE_OTA_OK ? mote_app_ota_run(o) : st;
}

mote_ota_status mote_app_ota_apply(mote_app_ota *o)
{
    mote_ota_status st = mote_app_ota_boot(o, true);
    return st == MOTE_OTA_OK ? mote_app_ota_run(o) : st;
}

void mote_app_ota_poll(mote_app_ota *o)
{
    if (!o->on_trial)
        return;
    mote_app_state s = mote_app_state_of(o->app);
    bool good = (s == MOTE_APP_RUNNING && mote_hal_time_us() - o->trial_since >= o->trial_us) ||
                (s == MOTE_APP_EXITED && mote_app_exit_code(o->app) == 0);
    if (good) {
        o->on_trial = false;
        if (mote_ota_confirm(&o->slots) == MOTE_OTA_OK)
            say(o, "version ", &o->boot.image, " confirmed");
        return;
    }
    if (s != MOTE_APP_RUNNING)
        roll_back(o, s == MOTE_APP_EXITED ? "it exited with an error" : "it failed");
}

/* ---- the receiver's hooks ------------------------------------------------------- */

static mote_app_ota *by_name(const mote_app_ota_table *t, const char *name, size_t len)
{
    for (uint32_t i = 0; i < t->count; i++) {
        const char *n = mote_app_name(t->ota[i]->app);
        if (strlen(n) == len && memcmp(n, name, len) == 0)
            return t->ota[i];
    }
    return NULL;
}

mote_ota_slots *mote_app_ota_route(void *user, const char *app, size_t len, const char **why)
{
    mote_app_ota *o = len > 0 ? by_name(user, app, len) : NULL;
    if (o == NULL) {
        *why = len == 0 ? "name the app (mote-ota send --app)" : "no such app on this device";
        return NULL;
    }
    return &o->slots;
}

int mote_app_ota_validate(void *user, const mote_ota_image_info *img, const char **why)
{
    const mote_app_ota_table *t = user;
    mote_app_ota *o = NULL;
    for (uint32_t i = 0; i < t->count; i++)
        for (int s = 0; s < 2; s++)
            if (t->ota[i]->layout.slot_off[s] == img->offset)
                o = t->ota[i];
    size_t len;
    const uint8_t *bytes = o != NULL ? manifest_of(o, img, &len) : NULL;
    mote_manifest m;
    if (bytes == NULL || !mote_manifest_parse(bytes, len, &m, NULL)) {
        *why = bytes == NULL ? "the bundle carries no app manifest" : "malformed app manifest";
        return 1;
    }
    if (strcmp(m.name, mote_app_name(o->app)) != 0) {
        *why = "the manifest names another app";
        return 1;
    }
    return 0;
}

mote_app_ota *mote_app_ota_of(const mote_app_ota_table *t, const mote_ota_receiver *rx)
{
    mote_ota_slots *s = mote_ota_receiver_slots(rx);
    for (uint32_t i = 0; i < t->count; i++)
        if (&t->ota[i]->slots == s)
            return t->ota[i];
    return NULL;
}
