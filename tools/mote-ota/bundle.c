/* Bundles on the host; see bundle.h and docs/ota.md for the layout. */
#include "bundle.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DEFAULT_MAX_SECTORS = 128, SEC_CNT_TLV = 4 + 4 };

/* --- building --- */

static uint32_t max_align_of(const bundle_params *p)
{
    if (p->max_align)
        return p->max_align;
    return p->align > 8 ? p->align : 8; /* imgtool: max(8, align) */
}

/* The magic's block: align_up(16, max_align). */
static uint32_t magic_block(uint32_t max_align)
{
    return max_align > 16 ? max_align : 16;
}

uint32_t bundle_trailer_size(const bundle_params *p)
{
    uint32_t ma = max_align_of(p), block = magic_block(ma);
    if (p->overwrite_only)
        return 2 * ma + block;
    uint32_t sectors = p->max_sectors ? p->max_sectors : DEFAULT_MAX_SECTORS;
    uint32_t align = p->align ? p->align : 1;
    /* swap status area, then image_ok, copy_done, swap_info, swap_size */
    return sectors * 3 * align + 4 * ma + block;
}

static size_t prot_size(const bundle_params *p)
{
    size_t n = p->has_security_counter ? SEC_CNT_TLV : 0;
    for (size_t i = 0; i < p->n_custom; i++)
        n += 4 + (size_t)p->custom[i].len;
    return n ? n + 4 : 0;
}

static size_t main_size(const bundle_params *p)
{
    return 4 + (4 + 32) + (4 + (p->public_key_full ? MOTE_OTA_SPKI_SIZE : 32)) + (4 + 64);
}

const char *bundle_fits(const bundle_params *p, size_t payload_len, char *msg, size_t cap)
{
    if (prot_size(p) > 0xffff)
        return snprintf(msg, cap, "protected TLVs of %zu bytes (at most 65535)", prot_size(p)), msg;
    if (payload_len > UINT32_MAX - 0x30000u)
        return snprintf(msg, cap, "module too large for an MCUboot image"), msg;
    if (p->pad && p->slot_size == 0)
        return snprintf(msg, cap, "--pad needs --slot-size"), msg;
    size_t total = p->header_size + payload_len + prot_size(p) + main_size(p);
    uint64_t trailer = bundle_trailer_size(p);
    if (p->slot_size && total + trailer > p->slot_size)
        return snprintf(msg, cap,
                        "Image size (0x%zx) + trailer (0x%llx) exceeds requested size 0x%x", total,
                        (unsigned long long)trailer, (unsigned)p->slot_size),
               msg;
    return NULL;
}

/* Appends one TLV: a 16-bit type (imgtool packs MCUboot's types as a type
 * byte and a zero byte, which is the same thing), length, value. */
static uint8_t *put_tlv(uint8_t *p, uint16_t type, const uint8_t *v, uint16_t len)
{
    mote_ota_put16(p, type);
    mote_ota_put16(p + 2, len);
    memcpy(p + 4, v, len);
    return p + 4 + len;
}

/* The protected area in imgtool's order: security counter, custom TLVs. */
static void put_protected(uint8_t *t, const bundle_params *p, size_t size)
{
    if (size == 0)
        return;
    mote_ota_put16(t, MOTE_OTA_TLV_PROT_INFO_MAGIC);
    mote_ota_put16(t + 2, (uint16_t)size);
    t += 4;
    if (p->has_security_counter) {
        uint8_t v[4];
        mote_ota_put32(v, p->security_counter);
        t = put_tlv(t, MOTE_OTA_TLV_SEC_CNT, v, 4);
    }
    for (size_t i = 0; i < p->n_custom; i++)
        t = put_tlv(t, p->custom[i].type, p->custom[i].value, p->custom[i].len);
}

/* imgtool's pad_to(): erased bytes up to the slot end, the magic last,
 * image_ok set for --confirm. */
static void put_trailer(uint8_t *b, size_t from, const bundle_params *p)
{
    uint32_t end = p->slot_size, ma = max_align_of(p);
    memset(b + from, 0xff, end - from);
    mote_ota_trailer_magic(ma, b + end - MOTE_OTA_TRAILER_MAGIC_SIZE);
    if (p->confirm && !p->overwrite_only)
        b[end - magic_block(ma) - ma] = MOTE_OTA_TRAILER_FLAG_SET;
}

bool bundle_build(const uint8_t *payload, size_t len, const bundle_params *p,
                  const uint8_t seed[32], uint8_t **out, size_t *out_len)
{
    size_t prot = prot_size(p), hashed = p->header_size + len + prot;
    size_t total = hashed + main_size(p), size = p->pad ? p->slot_size : total;
    if (p->pad && size < total + bundle_trailer_size(p))
        return false; /* bundle_fits() says why */
    uint8_t *b = malloc(size);
    if (!b)
        return false;
    mote_ota_header h = {
        .load_addr = p->load_addr,
        .hdr_size = p->header_size,
        .prot_tlv_size = (uint16_t)prot,
        .img_size = (uint32_t)len,
        .flags = p->load_addr ? MOTE_OTA_IMAGE_F_RAM_LOAD : 0,
        .version = p->version,
    };
    memset(b, 0xff, p->header_size); /* imgtool's --pad-header fill */
    mote_ota_header_encode(b, &h);
    memcpy(b + p->header_size, payload, len);
    put_protected(b + p->header_size + len, p, prot);

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
    mote_ota_put16(t + 2, (uint16_t)main_size(p));
    t = put_tlv(t + 4, MOTE_OTA_TLV_SHA256, digest, 32);
    if (p->public_key_full)
        t = put_tlv(t, MOTE_OTA_TLV_PUBKEY, spki, sizeof spki);
    else
        t = put_tlv(t, MOTE_OTA_TLV_KEYHASH, keyhash, 32);
    put_tlv(t, MOTE_OTA_TLV_ED25519, sig, 64);
    if (p->pad)
        put_trailer(b, total, p);
    *out = b;
    *out_len = size;
    return true;
}

/* --- checking --- */

/* The TLV values we look at. */
typedef struct found {
    const uint8_t *sha, *keyhash, *pubkey, *sig;
} found;

static void take(const uint8_t *b, size_t off, uint16_t len, mote_ota_tlv_use use, found *f,
                 bundle_report *rep)
{
    mote_ota_tlv_ref ref = {true, len, (uint32_t)off, NULL};
    switch (use) {
    case MOTE_OTA_USE_SHA256: f->sha = b + off; break;
    case MOTE_OTA_USE_KEYHASH: f->keyhash = b + off; break;
    case MOTE_OTA_USE_PUBKEY: f->pubkey = b + off; break;
    case MOTE_OTA_USE_ED25519: f->sig = b + off; break;
    case MOTE_OTA_USE_SEC_CNT:
        rep->has_security_counter = true;
        rep->security_counter = mote_ota_get32(b + off);
        break;
    case MOTE_OTA_USE_MANIFEST: rep->manifest = ref; break;
    case MOTE_OTA_USE_BOOT_RECORD: rep->boot_record = ref; break;
    default: break;
    }
}

/* Walks the TLV entries in [off, end), judging each by the shared rules. */
static mote_ota_status scan_tlvs(const uint8_t *b, size_t off, size_t end, mote_ota_tlv_area area,
                                 mote_ota_tlv_check *c, found *f, bundle_report *rep,
                                 const char **why)
{
    while (off < end) {
        if (end - off < 4)
            return *why = "TLV header cut off by the end of its area", MOTE_OTA_ERR_FORMAT;
        uint16_t type = mote_ota_get16(b + off), len = mote_ota_get16(b + off + 2);
        off += 4;
        if (len > end - off)
            return *why = "TLV runs past the end of its area", MOTE_OTA_ERR_FORMAT;
        take(b, off, len, mote_ota_tlv_check_entry(c, area, type, len), f, rep);
        off += len;
    }
    return MOTE_OTA_OK;
}

/* Header, flags, sizes and the two TLV infos; sets *prot_off, *tlv_off. */
static mote_ota_status check_layout(const uint8_t *b, size_t len, bundle_report *rep,
                                    size_t *prot_off, size_t *tlv_off, const char **why)
{
    if (len < MOTE_OTA_HEADER_SIZE)
        return *why = "shorter than a header", MOTE_OTA_ERR_TRUNCATED;
    mote_ota_status s = mote_ota_header_decode(b, &rep->hdr);
    if (s != MOTE_OTA_OK)
        return *why = s == MOTE_OTA_ERR_MAGIC ? "bad image magic" : "bad header size", s;
    if ((s = mote_ota_check_flags(rep->hdr.flags, &rep->detail)) != MOTE_OTA_OK)
        return *why = rep->detail.text, s;
    uint64_t hashed = (uint64_t)rep->hdr.hdr_size + rep->hdr.img_size + rep->hdr.prot_tlv_size;
    if (hashed + 4 > len)
        return *why = "header promises more bytes than there are", MOTE_OTA_ERR_TRUNCATED;
    *prot_off = (size_t)hashed - rep->hdr.prot_tlv_size;
    if (rep->hdr.prot_tlv_size) {
        const uint8_t *pi = b + *prot_off;
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
    rep->total = (uint32_t)(hashed + tot);
    *tlv_off = (size_t)hashed;
    return MOTE_OTA_OK;
}

/* After the TLV area: nothing, or the trailer of a padded image. */
static mote_ota_status check_tail(const uint8_t *b, size_t len, bundle_report *rep,
                                  const char **why)
{
    mote_ota_trailer_check t;
    mote_ota_trailer_kind kind;
    rep->padded_size = rep->total;
    if (len == rep->total)
        return MOTE_OTA_OK;
    if (len > UINT32_MAX || len - rep->total < MOTE_OTA_TRAILER_MAGIC_SIZE ||
        !mote_ota_trailer_begin(&t, rep->total, (uint32_t)len, b + len - 16))
        return *why = "bytes after the TLV area", MOTE_OTA_ERR_FORMAT;
    mote_ota_trailer_feed(&t, b + rep->total, (uint32_t)(len - rep->total));
    mote_ota_status s = mote_ota_trailer_end(&t, &kind, &rep->detail);
    if (s != MOTE_OTA_OK)
        return *why = rep->detail.text, s;
    rep->trailer = (uint8_t)kind;
    rep->padded_size = len;
    rep->trailer_align = t.max_align;
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

mote_ota_status bundle_check(const uint8_t *b, size_t len, const uint8_t *pk, bundle_report *rep,
                             const char **why)
{
    found f = {0};
    mote_ota_tlv_check c;
    size_t prot_off, off;
    memset(rep, 0, sizeof *rep);
    mote_ota_tlv_check_init(&c);
    *why = "";
    mote_ota_status s = check_layout(b, len, rep, &prot_off, &off, why);
    if (s == MOTE_OTA_OK && rep->hdr.prot_tlv_size)
        s = scan_tlvs(b, prot_off + 4, off, MOTE_OTA_AREA_PROTECTED, &c, &f, rep, why);
    if (s == MOTE_OTA_OK)
        s = scan_tlvs(b, off + 4, rep->total, MOTE_OTA_AREA_MAIN, &c, &f, rep, why);
    if (s == MOTE_OTA_OK && (s = mote_ota_tlv_check_end(&c, &rep->detail)) != MOTE_OTA_OK)
        *why = rep->detail.text;
    if (s == MOTE_OTA_OK)
        s = check_tail(b, len, rep, why);
    if (s != MOTE_OTA_OK)
        return s;
    rep->has_keyhash = f.keyhash != NULL;
    rep->has_pubkey = f.pubkey != NULL;
    if (f.keyhash)
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
