/*
 * ota_image.h -- the bundle format (MCUboot's image layout, as imgtool
 * writes it for an Ed25519 key) and its streaming verifier.
 *
 *   [header, hdr_size bytes: 32-byte struct + 0xFF padding]
 *   [payload: the .wasm, img_size bytes]
 *   [protected TLV area, prot_tlv_size bytes (usually absent)]
 *   [TLV area: info (magic 0x6907, total) + SHA256, KEYHASH, ED25519 TLVs]
 *
 * The SHA-256 covers header + payload + protected TLVs; the Ed25519
 * signature is over that 32-byte digest.  docs/ota.md has the field table.
 */
#ifndef MOTE_OTA_IMAGE_H
#define MOTE_OTA_IMAGE_H

#include "mote/ota_crypto.h"
#include "mote/ota_flash.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_OTA_IMAGE_MAGIC 0x96f3b83dU
#define MOTE_OTA_HEADER_SIZE 32          /* the fixed part of the header */
#define MOTE_OTA_TLV_INFO_MAGIC 0x6907
#define MOTE_OTA_TLV_PROT_INFO_MAGIC 0x6908
#define MOTE_OTA_TLV_KEYHASH 0x01        /* SHA-256 of the signer's SPKI */
#define MOTE_OTA_TLV_PUBKEY 0x02         /* the signer's SPKI itself */
#define MOTE_OTA_TLV_SHA256 0x10
#define MOTE_OTA_TLV_ED25519 0x24
#define MOTE_OTA_IMAGE_F_RAM_LOAD 0x20   /* imgtool sets it when load_addr != 0 */
#define MOTE_OTA_SPKI_SIZE 44            /* DER SubjectPublicKeyInfo of an Ed25519 key */

/* The decoded fixed header. */
typedef struct mote_ota_header {
    uint32_t load_addr;
    uint16_t hdr_size;       /* header area incl. padding; payload starts here */
    uint16_t prot_tlv_size;  /* protected TLV area incl. its info, or 0 */
    uint32_t img_size;       /* payload bytes */
    uint32_t flags;
    mote_ota_version version;
} mote_ota_header;

/* Decodes and sanity-checks the first 32 bytes of a bundle:
 * ERR_MAGIC if the magic is wrong, ERR_FORMAT if hdr_size < 32. */
mote_ota_status mote_ota_header_decode(const uint8_t raw[32], mote_ota_header *h);
/* Writes the 32-byte fixed header (the pad word is zero). */
void mote_ota_header_encode(uint8_t raw[32], const mote_ota_header *h);

/* The DER SubjectPublicKeyInfo of an Ed25519 key (what imgtool hashes for
 * the KEYHASH TLV) and its SHA-256. */
void mote_ota_spki(const uint8_t pk[32], uint8_t out[MOTE_OTA_SPKI_SIZE]);
void mote_ota_key_hash(const uint8_t pk[32], const mote_ota_crypto *crypto,
                       uint8_t out[32]);

/* Streaming verifier: feed the bundle in pieces of any size, then finish.
 * Hashes as it goes and keeps the few TLV values it needs (~300 bytes). */
typedef struct mote_ota_verifier {
    mote_ota_hash hash;
    mote_ota_header hdr;
    const mote_ota_crypto *crypto;
    uint32_t limit;        /* largest acceptable bundle */
    uint32_t pos;          /* bytes consumed */
    uint32_t field_end;    /* end of the field being read */
    uint32_t hashed_end;   /* end of the hashed region */
    uint32_t tlv_end;      /* end of the bundle, once known */
    uint8_t state;
    uint8_t status;        /* sticky mote_ota_status after a failure */
    uint8_t seen;          /* which TLVs were found */
    uint8_t fill;          /* bytes collected into buf */
    uint16_t tlv_type;
    uint16_t tlv_len;
    uint8_t buf[MOTE_OTA_SPKI_SIZE > 64 ? MOTE_OTA_SPKI_SIZE : 64];
    uint8_t sha[32];
    uint8_t keyhash[32];
    uint8_t spki[MOTE_OTA_SPKI_SIZE];
    uint8_t sig[64];
    uint8_t digest[32];    /* computed image digest, valid after finish */
} mote_ota_verifier;

void mote_ota_verifier_init(mote_ota_verifier *v, uint32_t limit,
                            const mote_ota_crypto *crypto);
/* Consumes data.  Fails (and stays failed) on a format error or on bytes
 * past the end of the bundle. */
mote_ota_status mote_ota_verifier_feed(mote_ota_verifier *v, const void *data,
                                       size_t len);
/* How many more bytes the verifier can take without running past the end
 * of the bundle as known so far; 0 once complete or failed. */
uint32_t mote_ota_verifier_wanted(const mote_ota_verifier *v);
/* The header, once 32 bytes went in (NULL before). */
const mote_ota_header *mote_ota_verifier_header(const mote_ota_verifier *v);
/* Checks the digest, the key and the signature against public key pk.
 * ERR_TRUNCATED if the bundle is incomplete. */
mote_ota_status mote_ota_verifier_finish(mote_ota_verifier *v, const uint8_t pk[32]);

/* A verified image in flash. */
typedef struct mote_ota_image_info {
    mote_ota_header hdr;
    uint32_t offset;        /* flash offset of the bundle (slot start) */
    uint32_t total_size;    /* whole bundle: header + payload + TLVs */
    uint32_t payload_off;   /* flash offset of the .wasm */
    uint32_t payload_size;
    const uint8_t *payload; /* the .wasm in memory if the flash is mapped */
    uint8_t digest[32];
} mote_ota_image_info;

/* Reads and verifies the bundle at flash offset off (at most limit bytes
 * long) against pk.  On success fills *info if info is not NULL. */
mote_ota_status mote_ota_image_verify(const mote_ota_flash *f, uint32_t off,
                                      uint32_t limit, const uint8_t pk[32],
                                      const mote_ota_crypto *crypto,
                                      mote_ota_image_info *info);

#ifdef __cplusplus
}
#endif
#endif
