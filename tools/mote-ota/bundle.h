/*
 * bundle.h -- building and checking signed bundles on the host with
 * libsodium.  This is an independent implementation of the format (it
 * shares only the constants with the device library), so the tests can
 * cross-check the two.
 */
#ifndef MOTE_OTA_BUNDLE_H
#define MOTE_OTA_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "mote/ota_image.h"

typedef struct bundle_params {
    mote_ota_version version;
    uint16_t header_size;     /* >= 32; the header is padded with 0xFF */
    uint32_t load_addr;       /* nonzero also sets the RAM_LOAD flag, as imgtool does */
} bundle_params;

/* Builds header + payload + TLVs (SHA256, KEYHASH, ED25519) exactly as
 * `imgtool sign --pad-header` does for an Ed25519 key.  seed is the 32-byte
 * private key.  *out is malloc'd.  Returns false only on allocation failure. */
bool bundle_build(const uint8_t *payload, size_t len, const bundle_params *p,
                  const uint8_t seed[32], uint8_t **out, size_t *out_len);

/* What bundle_check found. */
typedef struct bundle_report {
    mote_ota_header hdr;
    uint32_t total;           /* bytes up to the end of the TLV area */
    uint8_t digest[32];
    bool has_keyhash;
    uint8_t keyhash[32];
    bool signature_checked;   /* a key was given */
} bundle_report;

/* Checks structure and hash, and (if pk is not NULL) key hash and
 * signature.  Returns a mote_ota_status; *why gets a short detail. */
mote_ota_status bundle_check(const uint8_t *b, size_t len, const uint8_t *pk,
                             bundle_report *rep, const char **why);

#endif
