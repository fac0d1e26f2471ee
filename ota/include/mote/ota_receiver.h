/*
 * ota_receiver.h -- the device end of the chunk protocol (ota_proto.h).
 *
 * Feed it the bytes that arrive on the update link; it answers through the
 * send callback, writes the bundle into the inactive slot, and at END
 * verifies SHA-256 and signature from flash, calls the firmware's validate
 * callback (which typically runs mote_load on the module in a scratch
 * arena) and commits the slot for a trial boot.  After that the firmware
 * resets (mote_ota_receiver_committed() tells it when).
 *
 * It rejects early, before erasing anything, a bundle whose header is not
 * MCUboot's, has a flag mote refuses (ota_rules.h), does not fit the slot,
 * claims more bytes than announced, or is older than the running app
 * (unless the slot manager allows downgrades).  At END it also refuses a
 * TLV mote refuses, a security counter below the device's, and a padded
 * image whose trailer is bad or not at the end of this device's slot.  An
 * image padded with imgtool --confirm is committed confirmed, no trial.
 */
#ifndef MOTE_OTA_RECEIVER_H
#define MOTE_OTA_RECEIVER_H

#include "mote/ota_proto.h"
#include "mote/ota_slots.h"
#include "mote/ota_writer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mote_ota_receiver_config {
    mote_ota_slots *slots; /* opened and booted; or NULL with route */
    /* A device with several apps, each with its slot pair: the slots the
     * START frame's app name (app[0..len), len 0 when it names none)
     * stands for, or NULL to refuse the transfer (*why may then point at a
     * short static message for the host).  NULL: every bundle goes to
     * `slots`. */
    mote_ota_slots *(*route)(void *user, const char *app, size_t len, const char **why);
    /* Holds one incoming frame: the largest chunk accepted is size - 16. */
    uint8_t *frame_buf;
    size_t frame_buf_size;
    /* Sends bytes to the host; returns 0 on success. */
    int (*send)(void *user, const uint8_t *data, size_t len);
    /* Accepts (returns 0) or refuses the new, verified module; may point
     * *why at a short static message for the host.  May be NULL. */
    int (*validate)(void *user, const mote_ota_image_info *img, const char **why);
    bool confirmed; /* commit every update without a trial run (not
                       advised); else only --confirm images are */
    void *user;
} mote_ota_receiver_config;

typedef struct mote_ota_receiver {
    mote_ota_receiver_config cfg;
    mote_ota_framer framer;
    uint8_t phase;
    uint8_t status; /* mote_ota_status of a failed transfer */
    uint8_t id[MOTE_OTA_ID_SIZE];
    char app[MOTE_OTA_APP_NAME_MAX + 1]; /* the START frame's app, or "" */
    mote_ota_slots *slots;               /* the transfer's: cfg.slots or route's */
    uint32_t total;                      /* announced bundle size */
    uint32_t got;                        /* bytes accepted (the ACK offset) */
    uint8_t head[32];                    /* the header, checked before anything is erased */
    mote_ota_version version;            /* of the bundle, once its header arrived */
    bool trial;                          /* once committed: as a trial (else confirmed) */
    char why[MOTE_OTA_RESULT_TEXT_MAX + 1];
    mote_ota_writer writer;
    uint8_t reply[MOTE_OTA_FRAME_OVERHEAD + 10 + MOTE_OTA_RESULT_TEXT_MAX];
} mote_ota_receiver;

mote_ota_status mote_ota_receiver_init(mote_ota_receiver *r, const mote_ota_receiver_config *cfg);
/* Processes link bytes; replies go out through cfg->send. */
void mote_ota_receiver_feed(mote_ota_receiver *r, const uint8_t *data, size_t len);
/* The link went quiet: forget a partially received frame. */
void mote_ota_receiver_idle(mote_ota_receiver *r);
/* true once an update is committed: reset to boot it. */
bool mote_ota_receiver_committed(const mote_ota_receiver *r);
/* true once the current transfer has a verdict (committed or refused);
 * *result gets it (MOTE_OTA_OK if committed). */
bool mote_ota_receiver_done(const mote_ota_receiver *r, mote_ota_status *result);
/* Bytes of the current transfer accepted so far. */
uint32_t mote_ota_receiver_progress(const mote_ota_receiver *r);
/* The slots of the current (or last) transfer, and the app it names (""
 * when none); NULL before any START. */
mote_ota_slots *mote_ota_receiver_slots(const mote_ota_receiver *r);
const char *mote_ota_receiver_app(const mote_ota_receiver *r);

#ifdef __cplusplus
}
#endif
#endif
