/* The streaming bundle verifier: a small state machine over the fields of
 * the layout in ota_image.h.  Each state reads one field, either collecting
 * its bytes (headers, the TLV values it keeps) or letting them pass
 * (payload, other TLV values); every byte below hashed_end also goes into
 * the SHA-256.  Both TLV areas are walked entry by entry with bounds
 * checks, and ota_rules.h judges each entry. */
#include <string.h>

#include "mote/ota_image.h"

enum {
    ST_HEADER,
    ST_HASHED,
    ST_PROT_INFO,
    ST_TLV_INFO,
    ST_TLV_HDR,
    ST_TLV_VAL,
    ST_DONE,
    ST_FAILED
};

static bool bit(const mote_ota_verifier *v, mote_ota_tlv_use use)
{
    return (v->tlvs.seen >> use) & 1u;
}

/* TLV values that are kept (all <= 64 bytes: the rules fix their length). */
static bool kept(uint8_t use)
{
    return use == MOTE_OTA_USE_SHA256 || use == MOTE_OTA_USE_KEYHASH ||
           use == MOTE_OTA_USE_PUBKEY || use == MOTE_OTA_USE_ED25519 || use == MOTE_OTA_USE_SEC_CNT;
}

static bool collects(const mote_ota_verifier *v)
{
    if (v->state == ST_TLV_VAL)
        return kept(v->use);
    return v->state != ST_HASHED;
}

static void enter(mote_ota_verifier *v, uint8_t st, uint32_t len)
{
    v->state = st;
    v->field_end = v->pos + len;
    v->fill = 0;
}

static mote_ota_status fail(mote_ota_verifier *v, mote_ota_status s, const char *why)
{
    v->state = ST_FAILED;
    v->status = (uint8_t)s;
    if (why)
        mote_ota_why_set(&v->why, why);
    return s;
}

void mote_ota_verifier_init(mote_ota_verifier *v, uint32_t limit, const mote_ota_crypto *crypto)
{
    memset(v, 0, sizeof *v);
    v->limit = limit;
    v->crypto = crypto;
    v->hashed_end = UINT32_MAX; /* unknown until the header is read */
    mote_ota_tlv_check_init(&v->tlvs);
    mote_ota_hash_begin(&v->hash, crypto);
    enter(v, ST_HEADER, MOTE_OTA_HEADER_SIZE);
}

static mote_ota_status on_header(mote_ota_verifier *v)
{
    mote_ota_status s = mote_ota_header_decode(v->buf, &v->hdr);
    if (s != MOTE_OTA_OK)
        return fail(v, s, s == MOTE_OTA_ERR_FORMAT ? "bad header or protected TLV size" : NULL);
    s = mote_ota_check_flags(v->hdr.flags, &v->why);
    if (s != MOTE_OTA_OK)
        return fail(v, s, NULL);
    /* 64-bit sum: the header fields alone can exceed 2^32. */
    uint64_t end = (uint64_t)v->hdr.hdr_size + v->hdr.img_size + v->hdr.prot_tlv_size;
    if (end + 4 > v->limit)
        return fail(v, MOTE_OTA_ERR_TOO_BIG, NULL);
    v->hashed_end = (uint32_t)end;
    /* The payload; the protected area (if any) follows inside the hash. */
    enter(v, ST_HASHED, v->hashed_end - v->hdr.prot_tlv_size - v->pos);
    return MOTE_OTA_OK;
}

/* The next entry of the area being read, or what follows the area. */
static mote_ota_status next_entry(mote_ota_verifier *v)
{
    if (v->pos == v->area_end) {
        if (v->area == MOTE_OTA_AREA_PROTECTED) {
            enter(v, ST_TLV_INFO, 4);
            return MOTE_OTA_OK;
        }
        mote_ota_status s = mote_ota_tlv_check_end(&v->tlvs, &v->why);
        if (s != MOTE_OTA_OK)
            return fail(v, s, NULL);
        enter(v, ST_DONE, 0);
        return MOTE_OTA_OK;
    }
    if (v->area_end - v->pos < 4)
        return fail(v, MOTE_OTA_ERR_FORMAT, "TLV header cut off by the end of its area");
    enter(v, ST_TLV_HDR, 4);
    return MOTE_OTA_OK;
}

static bool info_ok(const mote_ota_verifier *v, uint16_t magic)
{
    return mote_ota_get16(v->buf) == magic && mote_ota_get16(v->buf + 2) >= 4;
}

static mote_ota_status on_prot_info(mote_ota_verifier *v)
{
    if (!info_ok(v, MOTE_OTA_TLV_PROT_INFO_MAGIC) ||
        mote_ota_get16(v->buf + 2) != v->hdr.prot_tlv_size)
        return fail(v, MOTE_OTA_ERR_FORMAT, "bad protected TLV info");
    v->area = MOTE_OTA_AREA_PROTECTED;
    v->area_end = v->hashed_end;
    return next_entry(v);
}

static mote_ota_status on_tlv_info(mote_ota_verifier *v)
{
    if (!info_ok(v, MOTE_OTA_TLV_INFO_MAGIC))
        return fail(v, MOTE_OTA_ERR_FORMAT, "bad TLV info");
    uint32_t tot = mote_ota_get16(v->buf + 2);
    if ((uint64_t)v->hashed_end + tot > v->limit)
        return fail(v, MOTE_OTA_ERR_TOO_BIG, NULL);
    v->area = MOTE_OTA_AREA_MAIN;
    v->tlv_end = v->area_end = v->hashed_end + tot;
    return next_entry(v);
}

/* Where an opaque value lies, for the firmware. */
static void note(mote_ota_tlv_ref *r, uint32_t off, uint16_t len)
{
    r->present = true;
    r->off = off;
    r->len = len;
}

static mote_ota_status on_tlv_hdr(mote_ota_verifier *v)
{
    v->tlv_type = mote_ota_get16(v->buf);
    v->tlv_len = mote_ota_get16(v->buf + 2);
    if (v->tlv_len > v->area_end - v->pos)
        return fail(v, MOTE_OTA_ERR_FORMAT, "TLV runs past the end of its area");
    v->use = (uint8_t)mote_ota_tlv_check_entry(&v->tlvs, (mote_ota_tlv_area)v->area, v->tlv_type,
                                               v->tlv_len);
    if (v->use == MOTE_OTA_USE_MANIFEST)
        note(&v->manifest, v->pos, v->tlv_len);
    else if (v->use == MOTE_OTA_USE_BOOT_RECORD)
        note(&v->boot_record, v->pos, v->tlv_len);
    enter(v, ST_TLV_VAL, v->tlv_len);
    return MOTE_OTA_OK;
}

static mote_ota_status on_tlv_val(mote_ota_verifier *v)
{
    switch (v->use) {
    case MOTE_OTA_USE_SHA256: memcpy(v->sha, v->buf, 32); break;
    case MOTE_OTA_USE_KEYHASH: memcpy(v->keyhash, v->buf, 32); break;
    case MOTE_OTA_USE_PUBKEY: memcpy(v->spki, v->buf, MOTE_OTA_SPKI_SIZE); break;
    case MOTE_OTA_USE_ED25519: memcpy(v->sig, v->buf, 64); break;
    case MOTE_OTA_USE_SEC_CNT: v->security_counter = mote_ota_get32(v->buf); break;
    default: break;
    }
    return next_entry(v);
}

/* Called when the current field is complete; moves to the next one. */
static mote_ota_status advance(mote_ota_verifier *v)
{
    switch (v->state) {
    case ST_HEADER: return on_header(v);
    case ST_HASHED:
        enter(v, v->hdr.prot_tlv_size ? ST_PROT_INFO : ST_TLV_INFO, 4);
        return MOTE_OTA_OK;
    case ST_PROT_INFO: return on_prot_info(v);
    case ST_TLV_INFO: return on_tlv_info(v);
    case ST_TLV_HDR: return on_tlv_hdr(v);
    case ST_TLV_VAL: return on_tlv_val(v);
    }
    return MOTE_OTA_OK;
}

static bool terminal(const mote_ota_verifier *v)
{
    return v->state == ST_DONE || v->state == ST_FAILED;
}

mote_ota_status mote_ota_verifier_feed(mote_ota_verifier *v, const void *data, size_t len)
{
    const uint8_t *p = data;
    while (len > 0) {
        if (v->state == ST_FAILED)
            return (mote_ota_status)v->status;
        if (v->state == ST_DONE)
            return fail(v, MOTE_OTA_ERR_FORMAT, "bytes after the TLV area");
        uint32_t n = v->field_end - v->pos;
        if (n > len)
            n = (uint32_t)len;
        if (collects(v)) {
            memcpy(v->buf + v->fill, p, n); /* fields kept are <= 64 bytes */
            v->fill += (uint8_t)n;
        }
        if (v->pos < v->hashed_end) {
            uint32_t h = v->hashed_end - v->pos;
            mote_ota_hash_update(&v->hash, p, h < n ? h : n);
        }
        v->pos += n;
        p += n;
        len -= n;
        while (v->pos == v->field_end && !terminal(v)) {
            mote_ota_status s = advance(v);
            if (s != MOTE_OTA_OK)
                return s;
        }
    }
    return v->state == ST_FAILED ? (mote_ota_status)v->status : MOTE_OTA_OK;
}

uint32_t mote_ota_verifier_wanted(const mote_ota_verifier *v)
{
    return terminal(v) ? 0 : v->field_end - v->pos;
}

const mote_ota_header *mote_ota_verifier_header(const mote_ota_verifier *v)
{
    return v->pos >= MOTE_OTA_HEADER_SIZE && v->hashed_end != UINT32_MAX ? &v->hdr : NULL;
}

bool mote_ota_verifier_complete(const mote_ota_verifier *v)
{
    return v->state == ST_DONE;
}

bool mote_ota_verifier_has_counter(const mote_ota_verifier *v)
{
    return bit(v, MOTE_OTA_USE_SEC_CNT);
}

static mote_ota_status check_key(mote_ota_verifier *v, const uint8_t pk[32])
{
    if (bit(v, MOTE_OTA_USE_KEYHASH)) {
        uint8_t kh[32];
        mote_ota_key_hash(pk, v->crypto, kh);
        if (memcmp(kh, v->keyhash, 32) != 0)
            return MOTE_OTA_ERR_KEY;
    }
    if (bit(v, MOTE_OTA_USE_PUBKEY)) {
        uint8_t spki[MOTE_OTA_SPKI_SIZE];
        mote_ota_spki(pk, spki);
        if (memcmp(spki, v->spki, sizeof spki) != 0)
            return MOTE_OTA_ERR_KEY;
    }
    return MOTE_OTA_OK;
}

mote_ota_status mote_ota_verifier_finish(mote_ota_verifier *v, const uint8_t pk[32])
{
    if (v->state == ST_FAILED)
        return (mote_ota_status)v->status;
    if (v->state != ST_DONE)
        return fail(v, MOTE_OTA_ERR_TRUNCATED, NULL);
    /* The image hash must end before check_key starts another SHA-256. */
    mote_ota_hash_end(&v->hash, v->digest);
    if (!bit(v, MOTE_OTA_USE_SHA256) || memcmp(v->digest, v->sha, 32) != 0)
        return fail(v, MOTE_OTA_ERR_HASH, NULL);
    mote_ota_status s = check_key(v, pk);
    if (s != MOTE_OTA_OK)
        return fail(v, s, NULL);
    if (!bit(v, MOTE_OTA_USE_ED25519) ||
        !mote_ota_signature_ok(v->crypto, v->sig, v->digest, 32, pk))
        return fail(v, MOTE_OTA_ERR_SIGNATURE, NULL);
    return MOTE_OTA_OK;
}
