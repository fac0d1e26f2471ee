/* Slot writer; see ota_writer.h. */
#include <string.h>

#include "mote/ota_writer.h"

void mote_ota_writer_begin(mote_ota_writer *w, const mote_ota_flash *f, uint32_t off, uint32_t size)
{
    memset(w, 0, sizeof *w);
    w->flash = f;
    w->off = off;
    w->size = size;
}

/* Erases every sector up to the one holding slot byte end-1. */
static mote_ota_status erase_to(mote_ota_writer *w, uint32_t end)
{
    while (w->erased < end) {
        mote_ota_status s = mote_ota_flash_erase(w->flash, w->off + w->erased);
        if (s != MOTE_OTA_OK)
            return s;
        w->erased += w->flash->sector_size;
    }
    return MOTE_OTA_OK;
}

/* Programs the full unit that ends at w->pos. */
static mote_ota_status program_unit(mote_ota_writer *w)
{
    uint32_t unit = w->flash->prog_size;
    uint32_t at = w->pos - unit;
    mote_ota_status s = erase_to(w, at + unit);
    if (s == MOTE_OTA_OK)
        s = mote_ota_flash_program(w->flash, w->off + at, w->unit, unit);
    w->fill = 0;
    return s;
}

mote_ota_status mote_ota_writer_write(mote_ota_writer *w, const uint8_t *data, size_t len)
{
    uint32_t unit = w->flash->prog_size;
    if (len > w->size - w->pos)
        return MOTE_OTA_ERR_TOO_BIG;
    while (len > 0) {
        /* Whole aligned units go straight from the caller's buffer. */
        if (w->fill == 0 && len >= unit) {
            uint32_t n = (uint32_t)(len - len % unit);
            mote_ota_status s = erase_to(w, w->pos + n);
            if (s == MOTE_OTA_OK)
                s = mote_ota_flash_program(w->flash, w->off + w->pos, data, n);
            if (s != MOTE_OTA_OK)
                return s;
            w->pos += n;
            data += n;
            len -= n;
            continue;
        }
        w->unit[w->fill++] = *data++;
        w->pos++;
        len--;
        if (w->fill == unit) {
            mote_ota_status s = program_unit(w);
            if (s != MOTE_OTA_OK)
                return s;
        }
    }
    return MOTE_OTA_OK;
}

mote_ota_status mote_ota_writer_flush(mote_ota_writer *w)
{
    if (w->fill == 0)
        return MOTE_OTA_OK;
    uint32_t pad = w->flash->prog_size - w->fill;
    memset(w->unit + w->fill, 0xff, pad);
    w->pos += pad;
    mote_ota_status s = program_unit(w);
    w->pos -= pad; /* padding is not bundle data */
    return s;
}

mote_ota_status mote_ota_writer_finish(mote_ota_writer *w)
{
    mote_ota_status s = mote_ota_writer_flush(w);
    uint32_t last = w->size - w->flash->sector_size;
    if (s == MOTE_OTA_OK && w->erased <= last)
        s = mote_ota_flash_erase(w->flash, w->off + last);
    return s;
}
