/* The streaming bundle verifier: a small state machine over the fields of
 * the layout in ota_image.h.  Each state reads one field, either collecting
 * its bytes (headers, TLV values) or letting them pass (payload, unknown
 * TLVs); every byte below hashed_end also goes into the SHA-256. */
#include <string.h>

#include "mote/ota_image.h"

enum { ST_HEADER, ST_HASHED, ST_PROT_INFO, ST_TLV_INFO, ST_TLV_HDR, ST_TLV_VAL,
       ST_DONE, ST_FAILED };

enum { SEEN_SHA = 1, SEEN_KEYHASH = 2, SEEN_PUBKEY = 4, SEEN_SIG = 8, PROT_CHECKED = 16 };

static bool collects(uint8_t st)
{
    return st != ST_HASHED && st != ST_TLV_VAL;
}

static void enter(mote_ota_verifier *v, uint8_t st, uint32_t len)
{
    v->state = st;
    v->field_end = v->pos + len;
    v->fill = 0;
}

static mote_ota_status fail(mote_ota_verifier *v, mote_ota_status s)
{
    v->state = ST_FAILED;
    v->status = (uint8_t)s;
    return s;
}

void mote_ota_verifier_init(mote_ota_verifier *v, uint32_t limit,
                            const mote_ota_crypto *crypto)
{
    memset(v, 0, sizeof *v);
    v->limit = limit;
    v->crypto = crypto;
    v->hashed_end = UINT32_MAX;   /* unknown until the header is read */
    mote_ota_hash_begin(&v->hash, crypto);
    enter(v, ST_HEADER, MOTE_OTA_HEADER_SIZE);
}

/* The payload region ends at the protected area if there is one to check. */
static void enter_hashed(mote_ota_verifier *v)
{
    uint32_t prot_start = v->hashed_end - v->hdr.prot_tlv_size;
    if (v->hdr.prot_tlv_size && !(v->seen & PROT_CHECKED))
        enter(v, ST_HASHED, prot_start - v->pos);
    else
        enter(v, ST_HASHED, v->hashed_end - v->pos);
}

static mote_ota_status on_header(mote_ota_verifier *v)
{
    mote_ota_status s = mote_ota_header_decode(v->buf, &v->hdr);
    if (s != MOTE_OTA_OK)
        return fail(v, s);
    /* 64-bit sum: the header fields alone can exceed 2^32. */
    uint64_t end = (uint64_t)v->hdr.hdr_size + v->hdr.img_size + v->hdr.prot_tlv_size;
    if (end + 4 > v->limit)
        return fail(v, MOTE_OTA_ERR_TOO_BIG);
    v->hashed_end = (uint32_t)end;
    enter_hashed(v);
    return MOTE_OTA_OK;
}

static mote_ota_status on_info(mote_ota_verifier *v, uint16_t magic, uint32_t expect)
{
    uint16_t m = mote_ota_get16(v->buf), tot = mote_ota_get16(v->buf + 2);
    if (m != magic || tot < 4 || (expect && tot != expect))
        return fail(v, MOTE_OTA_ERR_FORMAT);
    return MOTE_OTA_OK;
}

static mote_ota_status on_tlv_info(mote_ota_verifier *v)
{
    if (on_info(v, MOTE_OTA_TLV_INFO_MAGIC, 0) != MOTE_OTA_OK)
        return MOTE_OTA_ERR_FORMAT;
    uint32_t tot = mote_ota_get16(v->buf + 2);
    if ((uint64_t)v->hashed_end + tot > v->limit)
        return fail(v, MOTE_OTA_ERR_TOO_BIG);
    v->tlv_end = v->hashed_end + tot;
    enter(v, v->pos == v->tlv_end ? ST_DONE : ST_TLV_HDR, 4);
    return MOTE_OTA_OK;
}

/* Known TLVs have one legal length each; they are kept, others skipped. */
static uint16_t known_len(uint16_t type)
{
    switch (type) {
    case MOTE_OTA_TLV_SHA256: return 32;
    case MOTE_OTA_TLV_KEYHASH: return 32;
    case MOTE_OTA_TLV_PUBKEY: return MOTE_OTA_SPKI_SIZE;
    case MOTE_OTA_TLV_ED25519: return 64;
    }
    return 0;
}

static mote_ota_status on_tlv_hdr(mote_ota_verifier *v)
{
    v->tlv_type = mote_ota_get16(v->buf);
    v->tlv_len = mote_ota_get16(v->buf + 2);
    uint16_t want = known_len(v->tlv_type);
    if (v->tlv_len > v->tlv_end - v->pos || (want && v->tlv_len != want))
        return fail(v, MOTE_OTA_ERR_FORMAT);
    enter(v, ST_TLV_VAL, v->tlv_len);
    return MOTE_OTA_OK;
}

static mote_ota_status keep(mote_ota_verifier *v, uint8_t flag, uint8_t *dst)
{
    if (v->seen & flag)
        return fail(v, MOTE_OTA_ERR_FORMAT); /* a duplicate is ambiguous */
    v->seen |= flag;
    memcpy(dst, v->buf, v->tlv_len);
    return MOTE_OTA_OK;
}

static mote_ota_status on_tlv_val(mote_ota_verifier *v)
{
    mote_ota_status s = MOTE_OTA_OK;
    switch (v->tlv_type) {
    case MOTE_OTA_TLV_SHA256: s = keep(v, SEEN_SHA, v->sha); break;
    case MOTE_OTA_TLV_KEYHASH: s = keep(v, SEEN_KEYHASH, v->keyhash); break;
    case MOTE_OTA_TLV_PUBKEY: s = keep(v, SEEN_PUBKEY, v->spki); break;
    case MOTE_OTA_TLV_ED25519: s = keep(v, SEEN_SIG, v->sig); break;
    }
    if (s == MOTE_OTA_OK)
        enter(v, v->pos == v->tlv_end ? ST_DONE : ST_TLV_HDR, 4);
    return s;
}

/* Called when the current field is complete; moves to the next one. */
static mote_ota_status advance(mote_ota_verifier *v)
{
    switch (v->state) {
    case ST_HEADER: return on_header(v);
    case ST_HASHED:
        if (v->pos == v->hashed_end)
            enter(v, ST_TLV_INFO, 4);
        else
            enter(v, ST_PROT_INFO, 4);
        return MOTE_OTA_OK;
    case ST_PROT_INFO:
        if (on_info(v, MOTE_OTA_TLV_PROT_INFO_MAGIC, v->hdr.prot_tlv_size) != MOTE_OTA_OK)
            return MOTE_OTA_ERR_FORMAT;
        v->seen |= PROT_CHECKED;
        enter_hashed(v);
        return MOTE_OTA_OK;
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

mote_ota_status mote_ota_verifier_feed(mote_ota_verifier *v, const void *data,
                                       size_t len)
{
    const uint8_t *p = data;
    while (len > 0) {
        if (v->state == ST_FAILED)
            return (mote_ota_status)v->status;
        if (v->state == ST_DONE)
            return fail(v, MOTE_OTA_ERR_FORMAT); /* bytes past the end */
        uint32_t n = v->field_end - v->pos;
        if (n > len)
            n = (uint32_t)len;
        bool keep_tlv = v->state == ST_TLV_VAL && known_len(v->tlv_type);
        if (collects(v->state) || keep_tlv) {
            memcpy(v->buf + v->fill, p, n);   /* fields kept are <= 64 bytes */
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

static mote_ota_status check_key(mote_ota_verifier *v, const uint8_t pk[32])
{
    if (v->seen & SEEN_KEYHASH) {
        uint8_t kh[32];
        mote_ota_key_hash(pk, v->crypto, kh);
        if (memcmp(kh, v->keyhash, 32) != 0)
            return MOTE_OTA_ERR_KEY;
    }
    if (v->seen & SEEN_PUBKEY) {
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
        return fail(v, MOTE_OTA_ERR_TRUNCATED);
    /* The image hash must end before check_key starts another SHA-256. */
    mote_ota_hash_end(&v->hash, v->digest);
    if (!(v->seen & SEEN_SHA) || memcmp(v->digest, v->sha, 32) != 0)
        return fail(v, MOTE_OTA_ERR_HASH);
    mote_ota_status s = check_key(v, pk);
    if (s != MOTE_OTA_OK)
        return fail(v, s);
    if (!(v->seen & SEEN_SIG) || !mote_ota_signature_ok(v->crypto, v->sig, v->digest, 32, pk))
        return fail(v, MOTE_OTA_ERR_SIGNATURE);
    return MOTE_OTA_OK;
}
