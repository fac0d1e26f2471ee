/*
 * ota_image.h -- the bundle format (MCUboot's image layout, as imgtool
 * writes it for an Ed25519 key) and its streaming verifier.
 *
 *   [header, hdr_size bytes: 32-byte struct + 0xFF padding]
 *   [payload: the .wasm, img_size bytes]
 *   [protected TLV area, prot_tlv_size bytes (security counter, manifest)]
 *   [TLV area: info (magic 0x6907, total) + SHA256, KEYHASH, ED25519 TLVs]
 *   [a padded image (imgtool --pad): 0xFF up to the MCUboot trailer]
 *
 * The SHA-256 covers header + payload + protected TLVs; the Ed25519
 * signature is over that 32-byte digest.  Which flags and TLVs mote
 * honours is ota_rules.h's business; docs/ota.md has the field tables.
 */
#ifndef MOTE_OTA_IMAGE_H
#define MOTE_OTA_IMAGE_H

#include "mote/ota_crypto.h"
#include "mote/ota_flash.h"
#include "mote/ota_format.h"
#include "mote/ota_rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The decoded fixed header. */
typedef struct mote_ota_header {
    uint32_t load_addr;
    uint16_t hdr_size;      /* header area incl. padding; payload starts here */
    uint16_t prot_tlv_size; /* protected TLV area incl. its info, or 0 */
    uint32_t img_size;      /* payload bytes */
    uint32_t flags;
    mote_ota_version version;
} mote_ota_header;

/* Decodes and sanity-checks the first 32 bytes of a bundle:
 * ERR_MAGIC if the magic is wrong, ERR_FORMAT if hdr_size < 32 or the
 * protected size cannot hold its info.  Flags are mote_ota_check_flags'. */
mote_ota_status mote_ota_header_decode(const uint8_t raw[32], mote_ota_header *h);
/* Writes the 32-byte fixed header (the pad word is zero). */
void mote_ota_header_encode(uint8_t raw[32], const mote_ota_header *h);

/* The DER SubjectPublicKeyInfo of an Ed25519 key (what imgtool hashes for
 * the KEYHASH TLV) and its SHA-256. */
void mote_ota_spki(const uint8_t pk[32], uint8_t out[MOTE_OTA_SPKI_SIZE]);
void mote_ota_key_hash(const uint8_t pk[32], const mote_ota_crypto *crypto, uint8_t out[32]);

/* A TLV value the firmware gets as it is (the manifest, the boot record). */
typedef struct mote_ota_tlv_ref {
    bool present;
    uint16_t len;
    uint32_t off;        /* a bundle offset in the verifier, a flash offset in
                            mote_ota_image_info */
    const uint8_t *data; /* in memory when the flash is mapped, else NULL */
} mote_ota_tlv_ref;

/* Streaming verifier: feed the bundle in pieces of any size, then finish.
 * Hashes as it goes, applies ota_rules.h to the header flags and to every
 * TLV of both areas, and keeps the few values it needs (552 bytes on a
 * Cortex-M3). */
typedef struct mote_ota_verifier {
    mote_ota_hash hash;
    mote_ota_header hdr;
    const mote_ota_crypto *crypto;
    uint32_t limit;      /* largest acceptable bundle */
    uint32_t pos;        /* bytes consumed */
    uint32_t field_end;  /* end of the field being read */
    uint32_t hashed_end; /* end of the hashed region */
    uint32_t area_end;   /* end of the TLV area being read */
    uint32_t tlv_end;    /* end of the bundle, once known */
    uint8_t state;
    uint8_t status; /* sticky mote_ota_status after a failure */
    uint8_t area;   /* mote_ota_tlv_area being read */
    uint8_t use;    /* mote_ota_tlv_use of the TLV being read */
    uint8_t fill;   /* bytes collected into buf */
    uint16_t tlv_type;
    uint16_t tlv_len;
    mote_ota_tlv_check tlvs;
    mote_ota_why why; /* what a failure was about, if more than its status */
    uint8_t buf[64];  /* the field being collected (largest: a signature) */
    uint8_t sha[32];
    uint8_t keyhash[32];
    uint8_t spki[MOTE_OTA_SPKI_SIZE];
    uint8_t sig[64];
    uint8_t digest[32];        /* computed image digest, valid after finish */
    uint32_t security_counter; /* SEC_CNT, 0 without one */
    mote_ota_tlv_ref manifest; /* bundle offsets */
    mote_ota_tlv_ref boot_record;
} mote_ota_verifier;

void mote_ota_verifier_init(mote_ota_verifier *v, uint32_t limit, const mote_ota_crypto *crypto);
/* Consumes data.  Fails (and stays failed) on a format error, a refused
 * flag or TLV (v->why names it) or on bytes past the end of the bundle. */
mote_ota_status mote_ota_verifier_feed(mote_ota_verifier *v, const void *data, size_t len);
/* How many more bytes the verifier can take without running past the end
 * of the bundle as known so far; 0 once complete or failed. */
uint32_t mote_ota_verifier_wanted(const mote_ota_verifier *v);
/* The header, once 32 bytes went in (NULL before). */
const mote_ota_header *mote_ota_verifier_header(const mote_ota_verifier *v);
/* true once the last TLV is in (the hash and signature not yet checked). */
bool mote_ota_verifier_complete(const mote_ota_verifier *v);
/* Checks the digest, the key and the signature against public key pk.
 * ERR_TRUNCATED if the bundle is incomplete. */
mote_ota_status mote_ota_verifier_finish(mote_ota_verifier *v, const uint8_t pk[32]);
/* true if the bundle carries a security counter TLV. */
bool mote_ota_verifier_has_counter(const mote_ota_verifier *v);

/* A verified image in flash. */
typedef struct mote_ota_image_info {
    mote_ota_header hdr;
    uint32_t offset;      /* flash offset of the bundle (slot start) */
    uint32_t total_size;  /* signed bundle: header + payload + TLVs */
    uint32_t payload_off; /* flash offset of the .wasm */
    uint32_t payload_size;
    const uint8_t *payload; /* the .wasm in memory if the flash is mapped */
    uint8_t digest[32];
    uint32_t security_counter; /* its SEC_CNT TLV; 0 without one */
    bool has_security_counter;
    mote_ota_tlv_ref manifest;    /* mote's per-app manifest (not enforced yet) */
    mote_ota_tlv_ref boot_record; /* MCUboot's measured-boot record */
    uint8_t trailer;              /* mote_ota_trailer_kind: how it asks to be installed */
    uint32_t padded_size;         /* with a trailer, where it ends; else total_size */
} mote_ota_image_info;

/* Reads and checks the bundle at flash offset off that owns the limit
 * bytes from there: header, flags, TLVs, then the bytes after the TLV
 * area, then hash, key and signature against pk -- structure before
 * crypto, so a refused feature is named even in a bundle signed by
 * another key.  After the TLV area: a trailer if the last 16 bytes are
 * MCUboot's trailer magic; other bytes are ignored in a slot (they may be
 * an older, longer image's tail) and refused in a transfer (the limit
 * bytes are what was sent).  On success fills *info if info is not NULL;
 * on failure *why (if not NULL) says more than the status when it can. */
mote_ota_status mote_ota_image_verify(const mote_ota_flash *f, uint32_t off, uint32_t limit,
                                      bool transfer, const uint8_t pk[32],
                                      const mote_ota_crypto *crypto, mote_ota_image_info *info,
                                      mote_ota_why *why);

#ifdef __cplusplus
}
#endif
#endif
