/* The MCUboot image trailer of padded images; see ota_rules.h and
 * ota_format.h for its layout. */
#include <string.h>

#include "mote/ota_rules.h"

static const uint8_t MAGIC[MOTE_OTA_TRAILER_MAGIC_SIZE] = {
    0x77, 0xc2, 0x95, 0xf3, 0x60, 0xd2, 0xef, 0x7f, 0x35, 0x52, 0x50, 0x0f, 0x2c, 0xb6, 0x79, 0x80};
/* The magic used when max_align is not 8: max_align (u16) and these. */
static const uint8_t MAGIC_ALIGNED[MOTE_OTA_TRAILER_MAGIC_SIZE - 2] = {
    0x2d, 0xe1, 0x5d, 0x29, 0x41, 0x0b, 0x8d, 0x77, 0x67, 0x9c, 0x11, 0x0f, 0x1f, 0x8a};

enum { FINE, NOT_ERASED, NO_ROOM };
#define NOWHERE UINT32_MAX

/* max_align from the magic, 0 if these 16 bytes are no magic. */
static uint32_t magic_align(const uint8_t m[16])
{
    if (memcmp(m, MAGIC, sizeof MAGIC) == 0)
        return MOTE_OTA_TRAILER_MAX_ALIGN;
    uint32_t a = mote_ota_get16(m);
    if (memcmp(m + 2, MAGIC_ALIGNED, sizeof MAGIC_ALIGNED) == 0 && (a == 8 || a == 16 || a == 32))
        return a;
    return 0;
}

void mote_ota_trailer_magic(uint32_t max_align, uint8_t out[16])
{
    if (max_align == MOTE_OTA_TRAILER_MAX_ALIGN) {
        memcpy(out, MAGIC, sizeof MAGIC);
        return;
    }
    mote_ota_put16(out, (uint16_t)max_align);
    memcpy(out + 2, MAGIC_ALIGNED, sizeof MAGIC_ALIGNED);
}

bool mote_ota_trailer_begin(mote_ota_trailer_check *t, uint32_t start, uint32_t end,
                            const uint8_t last16[16])
{
    memset(t, 0, sizeof *t);
    t->start = t->pos = start;
    t->end = end;
    t->image_ok = t->swap_info = 0xff;
    t->image_ok_at = t->swap_info_at = NOWHERE;
    if (end < start || end - start < MOTE_OTA_TRAILER_MAGIC_SIZE ||
        (t->max_align = magic_align(last16)) == 0)
        return false;
    /* The magic sits at the end of a block of align_up(16, max_align). */
    uint32_t block = t->max_align > 16 ? t->max_align : 16;
    uint32_t room = end - start;
    t->magic_at = end - MOTE_OTA_TRAILER_MAGIC_SIZE;
    if (room < block + t->max_align) {
        t->bad = NO_ROOM;
        return true;
    }
    t->image_ok_at = end - block - t->max_align;
    if (room >= block + 3 * t->max_align)
        t->swap_info_at = end - block - 3 * t->max_align;
    return true;
}

void mote_ota_trailer_feed(mote_ota_trailer_check *t, const uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n && t->pos < t->magic_at; i++, t->pos++) {
        uint8_t b = p[i];
        if (t->pos == t->image_ok_at)
            t->image_ok = b;
        else if (t->pos == t->swap_info_at)
            t->swap_info = b;
        else if (b != 0xff && t->bad == FINE)
            t->bad = NOT_ERASED, t->bad_at = t->pos;
    }
}

static bool flag_ok(uint8_t v, uint8_t a, uint8_t b)
{
    return v == 0xff || v == a || v == b;
}

mote_ota_status mote_ota_trailer_end(const mote_ota_trailer_check *t, mote_ota_trailer_kind *kind,
                                     mote_ota_why *why)
{
    mote_ota_why scratch;
    if (!why)
        why = &scratch;
    why->text[0] = 0;
    if (t->max_align == 0) {
        mote_ota_why_set(why, "no MCUboot trailer magic");
        return MOTE_OTA_ERR_FORMAT;
    }
    if (t->bad == NO_ROOM) {
        mote_ota_why_set(why, "trailer does not fit after the TLV area");
        return MOTE_OTA_ERR_FORMAT;
    }
    if (t->bad == NOT_ERASED) {
        /* imgtool -R 0 pads with zeros; then the very first byte is one. */
        mote_ota_why_set(why, "trailer: byte at ");
        mote_ota_why_dec(why, t->bad_at);
        mote_ota_why_add(why, t->bad_at == t->start ? " is not 0xff [-R 0?]" : " is not 0xff");
        return MOTE_OTA_ERR_FORMAT;
    }
    if (!flag_ok(t->image_ok, MOTE_OTA_TRAILER_FLAG_SET, MOTE_OTA_TRAILER_FLAG_SET) ||
        !flag_ok(t->swap_info, MOTE_OTA_SWAP_TYPE_TEST, MOTE_OTA_SWAP_TYPE_PERM)) {
        bool ok_bad = !flag_ok(t->image_ok, MOTE_OTA_TRAILER_FLAG_SET, MOTE_OTA_TRAILER_FLAG_SET);
        mote_ota_why_set(why, ok_bad ? "trailer: image_ok is " : "trailer: swap_info is ");
        mote_ota_why_hex(why, ok_bad ? t->image_ok : t->swap_info, 2);
        return MOTE_OTA_ERR_FORMAT;
    }
    if (kind)
        *kind = t->image_ok == MOTE_OTA_TRAILER_FLAG_SET || t->swap_info == MOTE_OTA_SWAP_TYPE_PERM
                    ? MOTE_OTA_TRAILER_CONFIRMED
                    : MOTE_OTA_TRAILER_TEST;
    return MOTE_OTA_OK;
}
