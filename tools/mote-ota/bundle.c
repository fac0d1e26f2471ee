/* Bundles on the host; see bundle.h and docs/ota.md for the layout. */
#include "bundle.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Appends one TLV: type as a 16-bit little-endian value (imgtool packs it
 * as a type byte and a zero byte, which is the same thing), length, value. */
static uint8_t *put_tlv(uint8_t *p, uint16_t type, const uint8_t *v, uint16_t len)
{
    mote_ota_put16(p, type);
    mote_ota_put16(p + 2, len);
    memcpy(p + 4, v, len);
    return p + 4 + len;
}

bool bundle_build(const uint8_t *payload, size_t len, const bundle_params *p,
                  const uint8_t seed[32], uint8_t **out, size_t *out_len)
{
    enum { TLV_AREA = 4 + (4 + 32) + (4 + 32) + (4 + 64) };
    size_t hashed = p->header_size + len;
    uint8_t *b = malloc(hashed + TLV_AREA);
    if (!b)
        return false;
    mote_ota_header h = {
        .load_addr = p->load_addr,
        .hdr_size = p->header_size,
        .prot_tlv_size = 0,
        .img_size = (uint32_t)len,
        .flags = p->load_addr ? MOTE_OTA_IMAGE_F_RAM_LOAD : 0,
        .version = p->version,
    };
    memset(b, 0xff, p->header_size);   /* imgtool's --pad-header fill */
    mote_ota_header_encode(b, &h);
    memcpy(b + p->header_size, payload, len);

    uint8_t pk[32], sk[64], digest[32], keyhash[32], sig[64], spki[MOTE_OTA_SPKI_SIZE];
    crypto_sign_seed_keypair(pk, sk, seed);
    crypto_hash_sha256(digest, b, hashed);
    mote_ota_spki(pk, spki);
    crypto_hash_sha256(keyhash, spki, sizeof spki);
    /* imgtool signs the 32-byte digest, not the image ("hash-EdDSA" in
     * all but name; MCUboot verifies the same way). */
    crypto_sign_detached(sig, NULL, digest, sizeof digest, sk);
    sodium_memzero(sk, sizeof sk);

    uint8_t *t = b + hashed;
    mote_ota_put16(t, MOTE_OTA_TLV_INFO_MAGIC);
    mote_ota_put16(t + 2, TLV_AREA);
    t = put_tlv(t + 4, MOTE_OTA_TLV_SHA256, digest, 32);
    t = put_tlv(t, MOTE_OTA_TLV_KEYHASH, keyhash, 32);
    put_tlv(t, MOTE_OTA_TLV_ED25519, sig, 64);
    *out = b;
    *out_len = hashed + TLV_AREA;
    return true;
}

/* The TLVs we look at, by type; each may appear once. */
typedef struct found {
    const uint8_t *sha, *keyhash, *pubkey, *sig;
} found;

static const uint8_t **slot_for(found *f, uint16_t type, size_t *want)
{
    switch (type) {
    case MOTE_OTA_TLV_SHA256: *want = 32; return &f->sha;
    case MOTE_OTA_TLV_KEYHASH: *want = 32; return &f->keyhash;
    case MOTE_OTA_TLV_PUBKEY: *want = MOTE_OTA_SPKI_SIZE; return &f->pubkey;
    case MOTE_OTA_TLV_ED25519: *want = 64; return &f->sig;
    }
    return NULL;
}

/* Walks the TLV entries in [off, end). */
static mote_ota_status scan_tlvs(const uint8_t *b, size_t off, size_t end, found *f,
                                 const char **why)
{
    while (off < end) {
        if (end - off < 4)
            return *why = "TLV header cut off", MOTE_OTA_ERR_FORMAT;
        uint16_t type = mote_ota_get16(b + off), len = mote_ota_get16(b + off + 2);
        off += 4;
        if (len > end - off)
            return *why = "TLV runs past the TLV area", MOTE_OTA_ERR_FORMAT;
        size_t want = 0;
        const uint8_t **slot = slot_for(f, type, &want);
        if (slot && (len != want || *slot))
            return *why = *slot ? "duplicate TLV" : "TLV of the wrong length",
                   MOTE_OTA_ERR_FORMAT;
        if (slot)
            *slot = b + off;
        off += len;
    }
    return MOTE_OTA_OK;
}

/* Header, sizes and the protected area's info; sets *tlv_off. */
static mote_ota_status check_layout(const uint8_t *b, size_t len, bundle_report *rep,
                                    size_t *tlv_off, const char **why)
{
    if (len < MOTE_OTA_HEADER_SIZE)
        return *why = "shorter than a header", MOTE_OTA_ERR_TRUNCATED;
    mote_ota_status s = mote_ota_header_decode(b, &rep->hdr);
    if (s != MOTE_OTA_OK)
        return *why = s == MOTE_OTA_ERR_MAGIC ? "bad image magic" : "bad header size", s;
    uint64_t hashed = (uint64_t)rep->hdr.hdr_size + rep->hdr.img_size + rep->hdr.prot_tlv_size;
    if (hashed + 4 > len)
        return *why = "header promises more bytes than there are", MOTE_OTA_ERR_TRUNCATED;
    if (rep->hdr.prot_tlv_size) {
        const uint8_t *pi = b + hashed - rep->hdr.prot_tlv_size;
        if (mote_ota_get16(pi) != MOTE_OTA_TLV_PROT_INFO_MAGIC ||
            mote_ota_get16(pi + 2) != rep->hdr.prot_tlv_size)
            return *why = "bad protected TLV info", MOTE_OTA_ERR_FORMAT;
    }
    const uint8_t *info = b + hashed;
    uint16_t tot = mote_ota_get16(info + 2);
    if (mote_ota_get16(info) != MOTE_OTA_TLV_INFO_MAGIC || tot < 4)
        return *why = "bad TLV info", MOTE_OTA_ERR_FORMAT;
    if (hashed + tot > len)
        return *why = "TLV area cut off", MOTE_OTA_ERR_TRUNCATED;
    if (hashed + tot < len)
        return *why = "bytes after the TLV area", MOTE_OTA_ERR_FORMAT;
    rep->total = (uint32_t)(hashed + tot);
    *tlv_off = (size_t)hashed;
    return MOTE_OTA_OK;
}

/* The key TLVs, if present, must name pk. */
static bool key_matches(const found *f, const uint8_t pk[32])
{
    uint8_t spki[MOTE_OTA_SPKI_SIZE], kh[32];
    mote_ota_spki(pk, spki);
    crypto_hash_sha256(kh, spki, sizeof spki);
    return (!f->keyhash || memcmp(kh, f->keyhash, 32) == 0) &&
           (!f->pubkey || memcmp(spki, f->pubkey, sizeof spki) == 0);
}

mote_ota_status bundle_check(const uint8_t *b, size_t len, const uint8_t *pk,
                             bundle_report *rep, const char **why)
{
    found f = {0};
    size_t off;
    memset(rep, 0, sizeof *rep);
    *why = "";
    mote_ota_status s = check_layout(b, len, rep, &off, why);
    if (s == MOTE_OTA_OK)
        s = scan_tlvs(b, off + 4, rep->total, &f, why);
    if (s != MOTE_OTA_OK)
        return s;
    if ((rep->has_keyhash = f.keyhash != NULL))
        memcpy(rep->keyhash, f.keyhash, 32);
    crypto_hash_sha256(rep->digest, b, off);
    if (!f.sha || memcmp(f.sha, rep->digest, 32) != 0)
        return *why = f.sha ? "SHA-256 mismatch" : "no SHA256 TLV", MOTE_OTA_ERR_HASH;
    if (!pk)
        return MOTE_OTA_OK;
    rep->signature_checked = true;
    if (!key_matches(&f, pk))
        return *why = "signed with another key", MOTE_OTA_ERR_KEY;
    if (!f.sig || crypto_sign_verify_detached(f.sig, rep->digest, 32, pk) != 0)
        return *why = f.sig ? "signature does not verify" : "no ED25519 TLV",
               MOTE_OTA_ERR_SIGNATURE;
    return MOTE_OTA_OK;
}
