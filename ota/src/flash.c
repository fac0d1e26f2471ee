/* Checked access to the flash ops, and layout validation. */
#include "mote/ota_flash.h"

static bool in_area(const mote_ota_flash *f, uint32_t off, uint32_t len)
{
    return off <= f->size && len <= f->size - off;
}

mote_ota_status mote_ota_flash_read(const mote_ota_flash *f, uint32_t off, void *buf, uint32_t len)
{
    if (!in_area(f, off, len))
        return MOTE_OTA_ERR_ARG;
    return f->read(f->ctx, f->base + off, buf, len) ? MOTE_OTA_ERR_FLASH : MOTE_OTA_OK;
}

mote_ota_status mote_ota_flash_erase(const mote_ota_flash *f, uint32_t off)
{
    if (off % f->sector_size || !in_area(f, off, f->sector_size))
        return MOTE_OTA_ERR_ARG;
    return f->erase(f->ctx, f->base + off) ? MOTE_OTA_ERR_FLASH : MOTE_OTA_OK;
}

mote_ota_status mote_ota_flash_program(const mote_ota_flash *f, uint32_t off, const void *buf,
                                       uint32_t len)
{
    if (off % f->prog_size || len % f->prog_size || !in_area(f, off, len))
        return MOTE_OTA_ERR_ARG;
    return f->program(f->ctx, f->base + off, buf, len) ? MOTE_OTA_ERR_FLASH : MOTE_OTA_OK;
}

static bool pow2(uint32_t x)
{
    return x && !(x & (x - 1));
}

static bool region_ok(const mote_ota_flash *f, uint32_t off, uint32_t len)
{
    return off % f->sector_size == 0 && len % f->sector_size == 0 && len > 0 &&
           in_area(f, off, len);
}

static bool disjoint(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
    return a + alen <= b || b + blen <= a;
}

mote_ota_status mote_ota_layout_check(const mote_ota_layout *l)
{
    const mote_ota_flash *f = l ? l->flash : NULL;
    if (!f || !f->read || !f->erase || !f->program)
        return MOTE_OTA_ERR_ARG;
    if (!pow2(f->prog_size) || f->prog_size > MOTE_OTA_MAX_PROG || f->sector_size == 0 ||
        f->sector_size % f->prog_size || f->size % f->sector_size)
        return MOTE_OTA_ERR_ARG;
    uint32_t off[4] = {l->slot_off[0], l->slot_off[1], l->state_off[0], l->state_off[1]};
    uint32_t len[4] = {l->slot_size, l->slot_size, f->sector_size, f->sector_size};
    for (int i = 0; i < 4; i++) {
        if (!region_ok(f, off[i], len[i]))
            return MOTE_OTA_ERR_ARG;
        for (int j = 0; j < i; j++)
            if (!disjoint(off[i], len[i], off[j], len[j]))
                return MOTE_OTA_ERR_ARG;
    }
    return MOTE_OTA_OK;
}
