/* Verifying a bundle that sits in flash: the streaming verifier fed from
 * flash reads, never asking for a byte past the end it knows about; then
 * the trailer of a padded image; then hash, key and signature. */
#include "mote/ota_image.h"

enum { CHUNK = 128 };

/* Feeds the verifier until it has the whole signed bundle (or fails). */
static mote_ota_status read_bundle(mote_ota_verifier *v, const mote_ota_flash *f, uint32_t off,
                                   uint32_t limit)
{
    uint8_t chunk[CHUNK];
    uint32_t pos = 0;
    for (uint32_t want; (want = mote_ota_verifier_wanted(v)) > 0; pos += want) {
        if (want > sizeof chunk)
            want = sizeof chunk;
        if (want > limit - pos)
            return MOTE_OTA_ERR_TRUNCATED;
        mote_ota_status s = mote_ota_flash_read(f, off + pos, chunk, want);
        if (s == MOTE_OTA_OK)
            s = mote_ota_verifier_feed(v, chunk, want);
        if (s != MOTE_OTA_OK)
            return s;
    }
    return MOTE_OTA_OK;
}

/* [start, limit) of the area after the signed bundle: a trailer if it ends
 * in the trailer magic, else nothing of the image's -- and in a transfer,
 * nothing at all. */
static mote_ota_status read_trailer(const mote_ota_flash *f, uint32_t off, uint32_t start,
                                    uint32_t limit, bool transfer, mote_ota_trailer_kind *kind,
                                    mote_ota_why *why)
{
    uint8_t chunk[CHUNK];
    mote_ota_trailer_check t;
    mote_ota_status s = MOTE_OTA_OK;
    *kind = MOTE_OTA_TRAILER_NONE;
    if (limit - start >= MOTE_OTA_TRAILER_MAGIC_SIZE)
        s = mote_ota_flash_read(f, off + limit - MOTE_OTA_TRAILER_MAGIC_SIZE, chunk,
                                MOTE_OTA_TRAILER_MAGIC_SIZE);
    if (s != MOTE_OTA_OK || limit == start)
        return s;
    if (limit - start < MOTE_OTA_TRAILER_MAGIC_SIZE ||
        !mote_ota_trailer_begin(&t, start, limit, chunk)) {
        if (!transfer)
            return MOTE_OTA_OK;
        mote_ota_why_set(why, "bytes after the TLV area");
        return MOTE_OTA_ERR_FORMAT;
    }
    for (uint32_t pos = start; pos < limit && s == MOTE_OTA_OK;) {
        uint32_t n = limit - pos < CHUNK ? limit - pos : CHUNK;
        s = mote_ota_flash_read(f, off + pos, chunk, n);
        mote_ota_trailer_feed(&t, chunk, n);
        pos += n;
    }
    return s == MOTE_OTA_OK ? mote_ota_trailer_end(&t, kind, why) : s;
}

/* A TLV value's place in flash, and in memory if the flash is mapped. */
static mote_ota_tlv_ref locate(const mote_ota_flash *f, uint32_t off, mote_ota_tlv_ref r)
{
    if (r.present) {
        r.off += off;
        r.data = f->mapped ? f->mapped + r.off : NULL;
    }
    return r;
}

static void describe(const mote_ota_verifier *v, const mote_ota_flash *f, uint32_t off,
                     mote_ota_trailer_kind kind, uint32_t limit, mote_ota_image_info *info)
{
    info->hdr = v->hdr;
    info->offset = off;
    info->total_size = v->tlv_end;
    info->payload_off = off + v->hdr.hdr_size;
    info->payload_size = v->hdr.img_size;
    info->payload = f->mapped ? f->mapped + info->payload_off : NULL;
    for (int i = 0; i < 32; i++)
        info->digest[i] = v->digest[i];
    info->security_counter = v->security_counter;
    info->has_security_counter = mote_ota_verifier_has_counter(v);
    info->manifest = locate(f, off, v->manifest);
    info->boot_record = locate(f, off, v->boot_record);
    info->trailer = (uint8_t)kind;
    info->padded_size = kind == MOTE_OTA_TRAILER_NONE ? v->tlv_end : limit;
}

mote_ota_status mote_ota_image_verify(const mote_ota_flash *f, uint32_t off, uint32_t limit,
                                      bool transfer, const uint8_t pk[32],
                                      const mote_ota_crypto *crypto, mote_ota_image_info *info,
                                      mote_ota_why *why)
{
    mote_ota_verifier v;
    mote_ota_trailer_kind kind = MOTE_OTA_TRAILER_NONE;
    mote_ota_verifier_init(&v, limit, crypto);
    mote_ota_status s = read_bundle(&v, f, off, limit);
    if (s == MOTE_OTA_OK && mote_ota_verifier_complete(&v))
        s = read_trailer(f, off, v.tlv_end, limit, transfer, &kind, &v.why);
    if (s == MOTE_OTA_OK)
        s = mote_ota_verifier_finish(&v, pk);
    if (why)
        *why = v.why;
    if (s == MOTE_OTA_OK && info)
        describe(&v, f, off, kind, limit, info);
    return s;
}
