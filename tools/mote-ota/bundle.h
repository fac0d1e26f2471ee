/*
 * bundle.h -- building and checking signed bundles on the host with
 * libsodium.  The parsing and crypto are an independent implementation of
 * the format (the tests cross-check them with the device library); what
 * is honoured or refused is not: that is ota_rules.h's, shared with every
 * device path.
 */
#ifndef MOTE_OTA_BUNDLE_H
#define MOTE_OTA_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "mote/ota_image.h"

/* A protected TLV of the signer's choice (imgtool --custom-tlv). */
typedef struct bundle_tlv {
    uint16_t type;
    uint16_t len;
    const uint8_t *value;
} bundle_tlv;

#define BUNDLE_MAX_CUSTOM 16

typedef struct bundle_params {
    mote_ota_version version;
    uint16_t header_size; /* >= 32; the header is padded with 0xFF */
    uint32_t load_addr;   /* nonzero also sets the RAM_LOAD flag, as imgtool does */
    bool has_security_counter;
    uint32_t security_counter;
    bundle_tlv custom[BUNDLE_MAX_CUSTOM];
    size_t n_custom;
    bool public_key_full; /* a PUBKEY TLV instead of KEYHASH */
    /* imgtool's slot and trailer options; slot_size 0 when not given. */
    uint32_t slot_size;
    bool pad, confirm, overwrite_only;
    uint32_t align;       /* write size: 1..32 (imgtool --align) */
    uint32_t max_align;   /* 8, 16 or 32; 0: max(8, align) */
    uint32_t max_sectors; /* 0: 128 */
} bundle_params;

/* The bytes imgtool reserves for the trailer with these options. */
uint32_t bundle_trailer_size(const bundle_params *p);
/* NULL if a bundle of a payload_len-byte module fits the options, else
 * imgtool's complaint, written to msg. */
const char *bundle_fits(const bundle_params *p, size_t payload_len, char *msg, size_t cap);

/* Builds header + payload + protected TLVs (security counter, custom TLVs)
 * + TLVs (SHA256, KEYHASH or PUBKEY, ED25519), padded with a trailer when
 * p->pad -- exactly as `imgtool sign --pad-header` does for an Ed25519
 * key.  seed is the 32-byte private key.  *out is malloc'd.  Returns false
 * on allocation failure, or if it does not fit (bundle_fits() says why). */
bool bundle_build(const uint8_t *payload, size_t len, const bundle_params *p,
                  const uint8_t seed[32], uint8_t **out, size_t *out_len);

/* What bundle_check found. */
typedef struct bundle_report {
    mote_ota_header hdr;
    uint32_t total; /* bytes up to the end of the TLV area */
    uint8_t digest[32];
    bool has_keyhash, has_pubkey;
    uint8_t keyhash[32];
    bool has_security_counter;
    uint32_t security_counter;
    mote_ota_tlv_ref manifest, boot_record; /* bundle offsets */
    uint8_t trailer;                        /* mote_ota_trailer_kind */
    size_t padded_size;                     /* the whole file when padded, else total */
    uint32_t trailer_align;                 /* the trailer's max_align */
    bool signature_checked;                 /* a key was given */
    mote_ota_why detail;                    /* a refusal's detail */
} bundle_report;

/* Checks structure, the rules, the trailer of a padded bundle and the
 * hash, and (if pk is not NULL) key and signature.  Returns a
 * mote_ota_status; *why gets a short detail. */
mote_ota_status bundle_check(const uint8_t *b, size_t len, const uint8_t *pk, bundle_report *rep,
                             const char **why);

#endif
