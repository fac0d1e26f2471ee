/*
 * ota_slots.h -- the A/B slot manager: which slot boots, trial runs,
 * confirmation and rollback, all recorded power-safely.
 *
 * State lives in commit records appended to a pair of dedicated flash
 * sectors.  Each record is one program operation of 32 bytes (or one
 * program unit if larger) carrying a sequence number and a CRC-32; the valid
 * record with the highest sequence number is the state.  A record torn by a
 * power cut fails its CRC and is ignored, so every state change is atomic:
 * the device is either before or after it.  When a sector fills, the other
 * is erased and the next record starts it; the full sector keeps the latest
 * state until then.  Nothing ever erases the slot that the latest record
 * names, and the slot being written is named by no record until it has been
 * written, verified and validated.
 *
 * Boot (mote_ota_boot) also verifies the chosen slot's hash and signature
 * before handing it out, so a corrupt slot is never run.
 *
 * Anti-rollback: besides the version rule (no update older than the
 * running app), every record carries the device's security counter, the
 * highest SEC_CNT TLV of an app it has confirmed (MCUboot raises its
 * stored counter the same way: only once an image is confirmed, so a
 * trial can still be rolled back).  An image whose counter is lower is
 * neither installed nor booted, not even as a fallback.
 *
 * Life cycle:
 *   open -> boot -> (run) -> [receiver commits an update] -> reset
 *   -> boot: new slot in trial -> confirm   (or reset / reject -> rollback)
 */
#ifndef MOTE_OTA_SLOTS_H
#define MOTE_OTA_SLOTS_H

#include "mote/ota_image.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mote_ota_slot_state {
    MOTE_OTA_STATE_NONE = 0,          /* no record yet (factory image) */
    MOTE_OTA_STATE_CONFIRMED = 1,     /* slot is the confirmed app */
    MOTE_OTA_STATE_TRIAL_PENDING = 2, /* slot is a new app not yet started */
    MOTE_OTA_STATE_TRIAL_RUNNING = 3  /* slot was started, not yet confirmed */
} mote_ota_slot_state;

/* One commit record, as decoded. */
typedef struct mote_ota_record {
    uint32_t seq;
    uint8_t slot;              /* 0 or 1 */
    uint8_t state;             /* mote_ota_slot_state */
    mote_ota_version version;  /* of the image in slot */
    uint8_t digest[8];         /* first bytes of that image's SHA-256 */
    uint32_t security_counter; /* the device's: the lowest an image may carry */
} mote_ota_record;

#define MOTE_OTA_RECORD_SIZE 36

typedef struct mote_ota_slots {
    const mote_ota_layout *layout;
    const uint8_t *pubkey;         /* 32-byte Ed25519 key built into firmware */
    const mote_ota_crypto *crypto; /* NULL: built-in crypto */
    bool allow_downgrade;          /* firmware policy */
    /* Loaded state. */
    bool have_record;
    mote_ota_record rec; /* latest valid record */
    uint8_t cur_sector;  /* where the next record goes ... */
    uint32_t next_off;   /* ... at this offset in that sector */
    int8_t booted;       /* slot handed out by boot, -1 before */
    mote_ota_image_info booted_image;
} mote_ota_slots;

/* What boot decided. */
typedef struct mote_ota_boot_info {
    uint8_t slot;
    mote_ota_image_info image; /* verified; payload is the .wasm */
    bool trial;                /* a new app on trial: confirm or it rolls back */
    bool rolled_back;          /* a trial was abandoned at this boot */
    bool fallback;             /* the recorded slot failed verification or a record
                                  write failed; the other slot was taken */
} mote_ota_boot_info;

/* Checks the layout and reads the commit records.  pubkey must stay valid. */
mote_ota_status mote_ota_slots_open(mote_ota_slots *s, const mote_ota_layout *layout,
                                    const uint8_t pubkey[32], const mote_ota_crypto *crypto);

/* Decides which slot to run, records the start of a trial or a rollback,
 * and verifies the slot.  ERR_NO_IMAGE if neither slot verifies. */
mote_ota_status mote_ota_boot(mote_ota_slots *s, mote_ota_boot_info *out);

/* The running trial app passed the firmware's check: keep it. */
mote_ota_status mote_ota_confirm(mote_ota_slots *s);

/* The running trial app failed (trapped, failed its check): record the
 * rollback now.  *old (if not NULL) gets the verified previous image, which
 * the firmware may load at once or after a reset. */
mote_ota_status mote_ota_reject(mote_ota_slots *s, mote_ota_image_info *old);

/* The slot an update is written to: the one not booted.  -1 before boot. */
int mote_ota_inactive_slot(const mote_ota_slots *s);

/* May an image of version v be installed now?  ERR_STATE while a trial is
 * pending or running, ERR_DOWNGRADE if v is older than the booted image and
 * downgrades are not allowed. */
mote_ota_status mote_ota_update_allowed(const mote_ota_slots *s, const mote_ota_version *v);

/* The device's security counter: the lowest SEC_CNT an image may carry to
 * be installed now (the recorded one, or the running app's if higher). */
uint32_t mote_ota_security_counter(const mote_ota_slots *s);

/* mote_ota_update_allowed for a verified image, and ERR_ROLLBACK if its
 * security counter is below mote_ota_security_counter(). */
mote_ota_status mote_ota_image_allowed(const mote_ota_slots *s, const mote_ota_image_info *img);

/* Records that the inactive slot holds the verified, validated image img
 * and must boot next: as a trial, or directly confirmed if !trial (which
 * also raises the device's security counter to the image's). */
mote_ota_status mote_ota_commit(mote_ota_slots *s, const mote_ota_image_info *img, bool trial);

/* Low level, for tests and tools: encode/decode one record. */
void mote_ota_record_encode(uint8_t out[MOTE_OTA_RECORD_SIZE], const mote_ota_record *r);
bool mote_ota_record_decode(const uint8_t in[MOTE_OTA_RECORD_SIZE], mote_ota_record *r);

#ifdef __cplusplus
}
#endif
#endif
