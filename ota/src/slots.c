/* The A/B slot manager: boot decisions, trial, confirm, rollback, commit.
 * Every state change is one record append (record.c); boot never runs a
 * slot it has not just verified. */
#include <string.h>

#include "record_log.h"

mote_ota_status mote_ota_slots_open(mote_ota_slots *s, const mote_ota_layout *layout,
                                    const uint8_t pubkey[32], const mote_ota_crypto *crypto)
{
    if (!s || !pubkey)
        return MOTE_OTA_ERR_ARG;
    mote_ota_status st = mote_ota_layout_check(layout);
    if (st != MOTE_OTA_OK)
        return st;
    if (layout->flash->sector_size < 2 * mote_ota_record_stride(layout->flash))
        return MOTE_OTA_ERR_ARG;
    memset(s, 0, sizeof *s);
    s->layout = layout;
    s->pubkey = pubkey;
    s->crypto = crypto;
    s->booted = -1;
    return mote_ota_log_scan(s);
}

/* The security counter the latest record holds (0 before any record). */
static uint32_t recorded_counter(const mote_ota_slots *s)
{
    return s->have_record ? s->rec.security_counter : 0;
}

/* Verified, and not below the device's security counter: no boot path,
 * fallback included, runs an image the counter has retired. */
static mote_ota_status verify_slot(const mote_ota_slots *s, int slot, mote_ota_image_info *info)
{
    const mote_ota_layout *l = s->layout;
    mote_ota_status st = mote_ota_image_verify(l->flash, l->slot_off[slot], l->slot_size, false,
                                               s->pubkey, s->crypto, info, NULL);
    if (st == MOTE_OTA_OK && info->security_counter < recorded_counter(s))
        st = MOTE_OTA_ERR_ROLLBACK;
    return st;
}

/* The slot must verify and hold the very image the record names. */
static bool slot_matches(const mote_ota_slots *s, const mote_ota_record *r,
                         mote_ota_image_info *info)
{
    return verify_slot(s, r->slot, info) == MOTE_OTA_OK &&
           memcmp(info->digest, r->digest, sizeof r->digest) == 0;
}

static mote_ota_record record_for(uint8_t slot, uint8_t state, const mote_ota_image_info *img,
                                  uint32_t counter)
{
    mote_ota_record r;
    memset(&r, 0, sizeof r);
    r.slot = slot;
    r.state = state;
    r.version = img->hdr.version;
    memcpy(r.digest, img->digest, sizeof r.digest);
    r.security_counter = counter;
    return r;
}

static uint32_t max32(uint32_t a, uint32_t b)
{
    return a > b ? a : b;
}

static mote_ota_status hand_out(mote_ota_slots *s, mote_ota_boot_info *out, int slot,
                                const mote_ota_image_info *img)
{
    s->booted = (int8_t)slot;
    s->booted_image = *img;
    out->slot = (uint8_t)slot;
    out->image = *img;
    return MOTE_OTA_OK;
}

/* No record yet: the factory image, slot A first. */
static mote_ota_status boot_unrecorded(mote_ota_slots *s, mote_ota_boot_info *out)
{
    mote_ota_image_info img;
    for (int slot = 0; slot < 2; slot++)
        if (verify_slot(s, slot, &img) == MOTE_OTA_OK)
            return hand_out(s, out, slot, &img);
    return MOTE_OTA_ERR_NO_IMAGE;
}

/* Boots the slot other than `slot` if it verifies. */
static mote_ota_status boot_other(mote_ota_slots *s, mote_ota_boot_info *out, int slot)
{
    mote_ota_image_info img;
    if (verify_slot(s, slot ^ 1, &img) != MOTE_OTA_OK)
        return MOTE_OTA_ERR_NO_IMAGE;
    return hand_out(s, out, slot ^ 1, &img);
}

/* Abandons the trial in rec.slot: the previous app becomes the confirmed
 * one.  If the record cannot be written the state still says "trial
 * started", so the next boot rolls back again: same outcome. */
static mote_ota_status roll_back(mote_ota_slots *s, mote_ota_boot_info *out)
{
    int trial = s->rec.slot;
    mote_ota_image_info img;
    if (verify_slot(s, trial ^ 1, &img) != MOTE_OTA_OK) {
        /* Nothing to return to: keep the trial app rather than brick. */
        if (!slot_matches(s, &s->rec, &img))
            return MOTE_OTA_ERR_NO_IMAGE;
        out->trial = out->fallback = true;
        return hand_out(s, out, trial, &img);
    }
    mote_ota_log_append(
        s, record_for((uint8_t)(trial ^ 1), MOTE_OTA_STATE_CONFIRMED, &img, recorded_counter(s)));
    out->rolled_back = true;
    return hand_out(s, out, trial ^ 1, &img);
}

/* A new app waits: mark the trial started, then run it.  The mark comes
 * first so that a reset during the trial is seen as one. */
static mote_ota_status start_trial(mote_ota_slots *s, mote_ota_boot_info *out)
{
    mote_ota_image_info img;
    if (!slot_matches(s, &s->rec, &img))
        return roll_back(s, out);
    mote_ota_record r =
        record_for(s->rec.slot, MOTE_OTA_STATE_TRIAL_RUNNING, &img, recorded_counter(s));
    if (mote_ota_log_append(s, r) != MOTE_OTA_OK) {
        out->fallback = true; /* cannot track a trial: run the old app */
        return boot_other(s, out, s->rec.slot);
    }
    out->trial = true;
    return hand_out(s, out, s->rec.slot, &img);
}

mote_ota_status mote_ota_boot(mote_ota_slots *s, mote_ota_boot_info *out)
{
    mote_ota_image_info img;
    memset(out, 0, sizeof *out);
    s->booted = -1;
    if (!s->have_record)
        return boot_unrecorded(s, out);
    switch (s->rec.state) {
    case MOTE_OTA_STATE_TRIAL_PENDING: return start_trial(s, out);
    case MOTE_OTA_STATE_TRIAL_RUNNING: return roll_back(s, out); /* reset before confirmation */
    default:
        if (slot_matches(s, &s->rec, &img))
            return hand_out(s, out, s->rec.slot, &img);
        out->fallback = true;
        return boot_other(s, out, s->rec.slot);
    }
}

static bool trial_running(const mote_ota_slots *s)
{
    return s->have_record && s->rec.state == MOTE_OTA_STATE_TRIAL_RUNNING &&
           s->booted == s->rec.slot;
}

mote_ota_status mote_ota_confirm(mote_ota_slots *s)
{
    if (s->booted < 0)
        return MOTE_OTA_ERR_STATE;
    if (!trial_running(s))
        return MOTE_OTA_OK; /* nothing on trial: already confirmed */
    /* Confirmed: from now on nothing below its security counter runs. */
    uint32_t counter = max32(recorded_counter(s), s->booted_image.security_counter);
    return mote_ota_log_append(
        s, record_for(s->rec.slot, MOTE_OTA_STATE_CONFIRMED, &s->booted_image, counter));
}

mote_ota_status mote_ota_reject(mote_ota_slots *s, mote_ota_image_info *old)
{
    mote_ota_image_info img;
    if (!trial_running(s))
        return MOTE_OTA_ERR_STATE;
    int prev = s->rec.slot ^ 1;
    if (verify_slot(s, prev, &img) != MOTE_OTA_OK)
        return MOTE_OTA_ERR_NO_IMAGE;
    mote_ota_status st = mote_ota_log_append(
        s, record_for((uint8_t)prev, MOTE_OTA_STATE_CONFIRMED, &img, recorded_counter(s)));
    if (st != MOTE_OTA_OK)
        return st;
    s->booted = (int8_t)prev;
    s->booted_image = img;
    if (old)
        *old = img;
    return MOTE_OTA_OK;
}

int mote_ota_inactive_slot(const mote_ota_slots *s)
{
    return s->booted < 0 ? -1 : s->booted ^ 1;
}

mote_ota_status mote_ota_update_allowed(const mote_ota_slots *s, const mote_ota_version *v)
{
    if (s->booted < 0)
        return MOTE_OTA_ERR_STATE;
    if (s->have_record && s->rec.state != MOTE_OTA_STATE_CONFIRMED)
        return MOTE_OTA_ERR_STATE;
    if (!s->allow_downgrade && mote_ota_version_cmp(v, &s->booted_image.hdr.version) < 0)
        return MOTE_OTA_ERR_DOWNGRADE;
    return MOTE_OTA_OK;
}

uint32_t mote_ota_security_counter(const mote_ota_slots *s)
{
    bool running_confirmed =
        s->booted >= 0 && !(s->have_record && s->rec.state != MOTE_OTA_STATE_CONFIRMED);
    uint32_t own = running_confirmed ? s->booted_image.security_counter : 0;
    return max32(recorded_counter(s), own);
}

mote_ota_status mote_ota_image_allowed(const mote_ota_slots *s, const mote_ota_image_info *img)
{
    mote_ota_status st = mote_ota_update_allowed(s, &img->hdr.version);
    if (st == MOTE_OTA_OK && img->security_counter < mote_ota_security_counter(s))
        st = MOTE_OTA_ERR_ROLLBACK;
    return st;
}

mote_ota_status mote_ota_commit(mote_ota_slots *s, const mote_ota_image_info *img, bool trial)
{
    int slot = mote_ota_inactive_slot(s);
    mote_ota_status st = mote_ota_image_allowed(s, img);
    if (st != MOTE_OTA_OK)
        return st;
    if (img->offset != s->layout->slot_off[slot])
        return MOTE_OTA_ERR_ARG;
    /* The running app's counter is recorded now, so the fallback this
     * update keeps is judged by it; the new one's only once confirmed. */
    uint32_t counter = mote_ota_security_counter(s);
    if (!trial)
        counter = max32(counter, img->security_counter);
    uint8_t state = trial ? MOTE_OTA_STATE_TRIAL_PENDING : MOTE_OTA_STATE_CONFIRMED;
    return mote_ota_log_append(s, record_for((uint8_t)slot, state, img, counter));
}
