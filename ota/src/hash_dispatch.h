/*
 * hash_dispatch.h -- SHA-512 that goes to the board's hooks when it has
 * them (the SHA-256 twin, mote_ota_hash, is public).  Internal.
 */
#ifndef MOTE_OTA_HASH_DISPATCH_H
#define MOTE_OTA_HASH_DISPATCH_H

#include "mote/ota_crypto.h"

typedef struct mote_ota_hash512 {
    const mote_ota_crypto *hw;
    mote_ota_sha512_ctx sw;
} mote_ota_hash512;

void mote_ota_hash512_begin(mote_ota_hash512 *h, const mote_ota_crypto *crypto);
void mote_ota_hash512_update(mote_ota_hash512 *h, const void *data, size_t len);
void mote_ota_hash512_end(mote_ota_hash512 *h, uint8_t out[64]);

#endif
