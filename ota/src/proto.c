/* Frame encoding and the resynchronising frame parser. */
#include <string.h>

#include "mote/ota_proto.h"

size_t mote_ota_frame_encode(uint8_t *out, size_t cap, const mote_ota_frame *f)
{
    size_t n = (size_t)MOTE_OTA_FRAME_OVERHEAD + f->len;
    if (cap < n)
        return 0;
    out[0] = MOTE_OTA_MAGIC0;
    out[1] = MOTE_OTA_MAGIC1;
    out[2] = f->type;
    out[3] = f->flags;
    mote_ota_put16(out + 4, f->seq);
    mote_ota_put16(out + 6, f->len);
    mote_ota_put32(out + 8, f->offset);
    if (f->len)
        memmove(out + MOTE_OTA_FRAME_HDR, f->payload, f->len);
    uint32_t crc = mote_ota_crc32(0, out + 2, MOTE_OTA_FRAME_HDR - 2 + (size_t)f->len);
    mote_ota_put32(out + MOTE_OTA_FRAME_HDR + f->len, crc);
    return n;
}

enum { HUNT0, HUNT1, BODY };

void mote_ota_framer_init(mote_ota_framer *p, uint8_t *buf, size_t size)
{
    p->buf = buf;
    p->size = (uint32_t)size;
    mote_ota_framer_reset(p);
}

void mote_ota_framer_reset(mote_ota_framer *p)
{
    p->state = HUNT0;
    p->fill = 0;
}

static mote_ota_framer_event complete(mote_ota_framer *p, mote_ota_frame *out)
{
    uint32_t len = mote_ota_get16(p->buf + 6);
    uint32_t crc = mote_ota_get32(p->buf + MOTE_OTA_FRAME_HDR + len);
    mote_ota_framer_reset(p);
    if (crc != mote_ota_crc32(0, p->buf + 2, MOTE_OTA_FRAME_HDR - 2 + len))
        return MOTE_OTA_FRAMER_BAD_CRC;
    out->type = p->buf[2];
    out->flags = p->buf[3];
    out->seq = mote_ota_get16(p->buf + 4);
    out->len = (uint16_t)len;
    out->offset = mote_ota_get32(p->buf + 8);
    out->payload = p->buf + MOTE_OTA_FRAME_HDR;
    return MOTE_OTA_FRAMER_FRAME;
}

mote_ota_framer_event mote_ota_framer_push(mote_ota_framer *p, uint8_t byte, mote_ota_frame *out)
{
    switch (p->state) {
    case HUNT0:
        if (byte == MOTE_OTA_MAGIC0)
            p->state = HUNT1;
        return MOTE_OTA_FRAMER_NONE;
    case HUNT1:
        if (byte == MOTE_OTA_MAGIC1) {
            p->buf[0] = MOTE_OTA_MAGIC0;
            p->buf[1] = MOTE_OTA_MAGIC1;
            p->fill = 2;
            p->state = BODY;
        } else if (byte != MOTE_OTA_MAGIC0) {
            p->state = HUNT0;
        }
        return MOTE_OTA_FRAMER_NONE;
    }
    p->buf[p->fill++] = byte;
    if (p->fill == MOTE_OTA_FRAME_HDR &&
        (uint32_t)mote_ota_get16(p->buf + 6) + MOTE_OTA_FRAME_OVERHEAD > p->size) {
        mote_ota_framer_reset(p);
        return MOTE_OTA_FRAMER_TOO_LONG;
    }
    if (p->fill >= MOTE_OTA_FRAME_HDR &&
        p->fill == (uint32_t)mote_ota_get16(p->buf + 6) + MOTE_OTA_FRAME_OVERHEAD)
        return complete(p, out);
    return MOTE_OTA_FRAMER_NONE;
}
