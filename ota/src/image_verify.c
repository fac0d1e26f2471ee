/* Verifying a bundle that sits in flash: the streaming verifier fed from
 * flash reads, never asking for a byte past the end it knows about. */
#include "mote/ota_image.h"

mote_ota_status mote_ota_image_verify(const mote_ota_flash *f, uint32_t off,
                                      uint32_t limit, const uint8_t pk[32],
                                      const mote_ota_crypto *crypto,
                                      mote_ota_image_info *info)
{
    mote_ota_verifier v;
    uint8_t chunk[128];
    mote_ota_verifier_init(&v, limit, crypto);
    uint32_t pos = 0;
    for (uint32_t want; (want = mote_ota_verifier_wanted(&v)) > 0; pos += want) {
        if (want > sizeof chunk)
            want = sizeof chunk;
        if (want > limit - pos)
            return MOTE_OTA_ERR_TRUNCATED;
        mote_ota_status s = mote_ota_flash_read(f, off + pos, chunk, want);
        if (s == MOTE_OTA_OK)
            s = mote_ota_verifier_feed(&v, chunk, want);
        if (s != MOTE_OTA_OK)
            return s;
    }
    mote_ota_status s = mote_ota_verifier_finish(&v, pk);
    if (s != MOTE_OTA_OK || !info)
        return s;
    info->hdr = v.hdr;
    info->offset = off;
    info->total_size = v.tlv_end;
    info->payload_off = off + v.hdr.hdr_size;
    info->payload_size = v.hdr.img_size;
    info->payload = f->mapped ? f->mapped + info->payload_off : NULL;
    for (int i = 0; i < 32; i++)
        info->digest[i] = v.digest[i];
    return MOTE_OTA_OK;
}
