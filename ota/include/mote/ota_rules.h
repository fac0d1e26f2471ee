/*
 * ota_rules.h -- what mote honours of MCUboot's format and what it
 * refuses: header flags, which TLVs may stand in which area (MCUboot's
 * allow-list for the unprotected one), their lengths, and the image
 * trailer of padded images.  Every path applies these same functions: the
 * device's streaming verifier (so the receiver and boot) and the host
 * tool's `mote-ota verify`.
 *
 * Refusals carry a short message naming the feature, at most
 * MOTE_OTA_WHY_MAX characters (it travels in a RESULT frame):
 * "SHA-512 image hash [--sha 512]", "TLV 0x00a5: unknown protected TLV".
 */
#ifndef MOTE_OTA_RULES_H
#define MOTE_OTA_RULES_H

#include "mote/ota_base.h"
#include "mote/ota_format.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_OTA_WHY_MAX 48

/* A refusal's message; empty when there is nothing to say. */
typedef struct mote_ota_why {
    char text[MOTE_OTA_WHY_MAX + 1];
} mote_ota_why;

/* Header flags: OK when every flag set is one mote honours (PIC, RAM_LOAD),
 * else ERR_UNSUPPORTED naming the first refused flag (encrypted,
 * non-bootable, ROM_FIXED, compressed, or an unknown bit).  why may be NULL. */
mote_ota_status mote_ota_check_flags(uint32_t flags, mote_ota_why *why);

/* The two TLV areas. */
typedef enum mote_ota_tlv_area {
    MOTE_OTA_AREA_PROTECTED = 0, /* after the payload, covered by the hash */
    MOTE_OTA_AREA_MAIN = 1       /* the unprotected area: hash, key, signature */
} mote_ota_tlv_area;

/* What to do with a TLV's value. */
typedef enum mote_ota_tlv_use {
    MOTE_OTA_USE_SKIP = 0, /* pass over it (refused ones too) */
    MOTE_OTA_USE_SHA256,
    MOTE_OTA_USE_KEYHASH,
    MOTE_OTA_USE_PUBKEY,
    MOTE_OTA_USE_ED25519,
    MOTE_OTA_USE_SEC_CNT,     /* the security counter, u32 */
    MOTE_OTA_USE_BOOT_RECORD, /* opaque, handed to the firmware */
    MOTE_OTA_USE_MANIFEST     /* opaque, handed to the firmware */
} mote_ota_tlv_use;

/* Checks the TLVs of one bundle as they go by.  A broken structure (an
 * entry running out of its area) is the caller's to report at once; the
 * rules here only collect problems, and at the end the most telling one
 * is the verdict -- a pure-signature bundle is refused as such, not for
 * its SHA-512 key hash's length. */
typedef struct mote_ota_tlv_check {
    uint32_t seen;    /* bit per mote_ota_tlv_use found */
    uint16_t type;    /* the problem's TLV type, for its message */
    uint8_t rank;     /* the problem's rank, lower is more telling; 0xff none */
    uint8_t status;   /* its mote_ota_status */
    const char *text; /* its message (after "TLV 0x....: " when typed) */
    bool typed;
} mote_ota_tlv_check;

void mote_ota_tlv_check_init(mote_ota_tlv_check *c);
/* One entry's header: which use its value has (SKIP if refused or a
 * duplicate). */
mote_ota_tlv_use mote_ota_tlv_check_entry(mote_ota_tlv_check *c, mote_ota_tlv_area area,
                                          uint16_t type, uint16_t len);
/* Every entry of both areas seen: OK or the verdict, with its message. */
mote_ota_status mote_ota_tlv_check_end(const mote_ota_tlv_check *c, mote_ota_why *why);

/* The bytes between the end of the TLV area and the end of a padded image
 * (imgtool --pad/--confirm).  begin() looks at the last 16 bytes: false
 * if they are no trailer magic.  Then feed() every byte of [start, end) in
 * order, in pieces of any size, and end() says whether it is a trailer
 * mote accepts: erased (0xFF) except the magic, image_ok (unset or 1) and
 * swap_info (unset, TEST or PERM). */
typedef struct mote_ota_trailer_check {
    uint32_t start, end; /* bundle offsets */
    uint32_t pos;        /* next byte expected */
    uint32_t image_ok_at, swap_info_at, magic_at;
    uint32_t max_align; /* from the magic; 0 if there is none */
    uint32_t bad_at;    /* the first byte that should be erased and is not */
    uint8_t image_ok, swap_info;
    uint8_t bad; /* why it is no trailer mote accepts, if it is not */
} mote_ota_trailer_check;

/* How a padded image asks to be installed. */
typedef enum mote_ota_trailer_kind {
    MOTE_OTA_TRAILER_NONE = 0,     /* no trailer: mote's default (a trial) */
    MOTE_OTA_TRAILER_TEST = 1,     /* --pad: boot it on trial */
    MOTE_OTA_TRAILER_CONFIRMED = 2 /* --confirm: install it for good */
} mote_ota_trailer_kind;

bool mote_ota_trailer_begin(mote_ota_trailer_check *t, uint32_t start, uint32_t end,
                            const uint8_t last16[16]);
/* The trailer magic for a max_align of 8 (the standard one), 16 or 32. */
void mote_ota_trailer_magic(uint32_t max_align, uint8_t out[16]);
void mote_ota_trailer_feed(mote_ota_trailer_check *t, const uint8_t *p, uint32_t n);
/* OK and *kind, or ERR_FORMAT with a message. */
mote_ota_status mote_ota_trailer_end(const mote_ota_trailer_check *t, mote_ota_trailer_kind *kind,
                                     mote_ota_why *why);

/* Small text helpers for messages without stdio: append s, a decimal or a
 * 0x-prefixed hex number of `digits` digits; each keeps w NUL-terminated
 * and cuts at MOTE_OTA_WHY_MAX. */
void mote_ota_why_set(mote_ota_why *w, const char *s);
void mote_ota_why_add(mote_ota_why *w, const char *s);
void mote_ota_why_dec(mote_ota_why *w, uint32_t v);
void mote_ota_why_hex(mote_ota_why *w, uint32_t v, int digits);

#ifdef __cplusplus
}
#endif
#endif
