/* The MCUboot image header and the key identity imgtool records. */
#include <string.h>

#include "mote/ota_image.h"

/* Field offsets in the 32-byte header (little-endian, imgtool's default). */
enum {
    H_MAGIC = 0,
    H_LOAD = 4,
    H_HDR_SIZE = 8,
    H_PROT = 10,
    H_IMG_SIZE = 12,
    H_FLAGS = 16,
    H_MAJOR = 20,
    H_MINOR = 21,
    H_REV = 22,
    H_BUILD = 24,
    H_PAD = 28
};

mote_ota_status mote_ota_header_decode(const uint8_t raw[32], mote_ota_header *h)
{
    if (mote_ota_get32(raw + H_MAGIC) != MOTE_OTA_IMAGE_MAGIC)
        return MOTE_OTA_ERR_MAGIC;
    h->load_addr = mote_ota_get32(raw + H_LOAD);
    h->hdr_size = mote_ota_get16(raw + H_HDR_SIZE);
    h->prot_tlv_size = mote_ota_get16(raw + H_PROT);
    h->img_size = mote_ota_get32(raw + H_IMG_SIZE);
    h->flags = mote_ota_get32(raw + H_FLAGS);
    h->version.major = raw[H_MAJOR];
    h->version.minor = raw[H_MINOR];
    h->version.revision = mote_ota_get16(raw + H_REV);
    h->version.build = mote_ota_get32(raw + H_BUILD);
    if (h->hdr_size < MOTE_OTA_HEADER_SIZE)
        return MOTE_OTA_ERR_FORMAT;
    /* A protected area always starts with its own 4-byte info. */
    if (h->prot_tlv_size != 0 && h->prot_tlv_size < 4)
        return MOTE_OTA_ERR_FORMAT;
    return MOTE_OTA_OK;
}

void mote_ota_header_encode(uint8_t raw[32], const mote_ota_header *h)
{
    mote_ota_put32(raw + H_MAGIC, MOTE_OTA_IMAGE_MAGIC);
    mote_ota_put32(raw + H_LOAD, h->load_addr);
    mote_ota_put16(raw + H_HDR_SIZE, h->hdr_size);
    mote_ota_put16(raw + H_PROT, h->prot_tlv_size);
    mote_ota_put32(raw + H_IMG_SIZE, h->img_size);
    mote_ota_put32(raw + H_FLAGS, h->flags);
    raw[H_MAJOR] = h->version.major;
    raw[H_MINOR] = h->version.minor;
    mote_ota_put16(raw + H_REV, h->version.revision);
    mote_ota_put32(raw + H_BUILD, h->version.build);
    mote_ota_put32(raw + H_PAD, 0);
}

/* SEQUENCE { SEQUENCE { OID 1.3.101.112 (Ed25519) }, BIT STRING (32 bytes) }:
 * the fixed 12-byte DER prefix of RFC 8410's SubjectPublicKeyInfo. */
static const uint8_t SPKI_PREFIX[12] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                        0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

void mote_ota_spki(const uint8_t pk[32], uint8_t out[MOTE_OTA_SPKI_SIZE])
{
    memcpy(out, SPKI_PREFIX, sizeof SPKI_PREFIX);
    memcpy(out + sizeof SPKI_PREFIX, pk, 32);
}

void mote_ota_key_hash(const uint8_t pk[32], const mote_ota_crypto *crypto, uint8_t out[32])
{
    uint8_t spki[MOTE_OTA_SPKI_SIZE];
    mote_ota_hash h;
    mote_ota_spki(pk, spki);
    mote_ota_hash_begin(&h, crypto);
    mote_ota_hash_update(&h, spki, sizeof spki);
    mote_ota_hash_end(&h, out);
}
