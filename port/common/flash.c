/*
 * flash.c -- the HAL's flash calls (mote_hal_flash_*) for every board: the
 * checks, said once, in front of the board's flash driver.  A driver keeps
 * only the region's geometry and the two hardware operations, erasing one
 * sector and programming bytes (mote_port.h), and can trust what it gets.
 *
 * Every call refuses, in this order and with the same status on every
 * board:
 *   no storage region, or an erase or program of a read-only one
 *       MOTE_HAL_ERR_UNSUPPORTED (whatever the arguments);
 *   a range that leaves the region or wraps around 2^32, an offset or a
 *   length that is not a multiple of the unit (sector for erase, write_size
 *   for program)
 *       MOTE_HAL_ERR_ARGUMENT, with the flash untouched.
 * offset + len is only formed once it is known to fit in the region, so the
 * checks hold with a 32-bit size_t.
 */
#include <string.h>

#include "mote_port.h"

/* The region's geometry, or MOTE_HAL_ERR_UNSUPPORTED when there is none. */
static mote_hal_status region(mote_hal_flash_info *info)
{
    return mote_port_flash_geometry(info) ? MOTE_HAL_OK : MOTE_HAL_ERR_UNSUPPORTED;
}

/* [offset, offset+len) lies inside the region and both ends are multiples
 * of unit (a power of two, or 1). */
static bool in_region(const mote_hal_flash_info *info, uint32_t offset, size_t len, uint32_t unit)
{
    return offset <= info->size && len <= info->size - offset && offset % unit == 0 &&
           len % unit == 0;
}

/* For erase and program: the region exists, can be written, and holds the
 * range. */
static mote_hal_status writable_range(mote_hal_flash_info *info, uint32_t offset, size_t len,
                                      bool erase)
{
    mote_hal_status status = region(info);
    if (status != MOTE_HAL_OK)
        return status;
    if (!info->writable)
        return MOTE_HAL_ERR_UNSUPPORTED;
    uint32_t unit = erase ? info->sector_size : info->write_size;
    return in_region(info, offset, len, unit) ? MOTE_HAL_OK : MOTE_HAL_ERR_ARGUMENT;
}

mote_hal_status mote_hal_flash_info_get(mote_hal_flash_info *info)
{
    return region(info);
}

mote_hal_status mote_hal_flash_read(uint32_t offset, void *buf, size_t len)
{
    mote_hal_flash_info info;
    mote_hal_status status = region(&info);
    if (status != MOTE_HAL_OK)
        return status;
    if (!in_region(&info, offset, len, 1))
        return MOTE_HAL_ERR_ARGUMENT;
    /* Every region so far is memory-mapped (hal.h allows one that is not:
     * its driver would add a read operation here). */
    if (info.base == 0)
        return MOTE_HAL_ERR_UNSUPPORTED;
    memcpy(buf, (const void *)(info.base + offset), len);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_flash_erase(uint32_t offset, uint32_t len)
{
    mote_hal_flash_info info;
    mote_hal_status status = writable_range(&info, offset, len, true);
    /* done + sector_size <= len: len is a multiple of it, so no wrap. */
    for (uint32_t done = 0; status == MOTE_HAL_OK && done < len; done += info.sector_size)
        status = mote_port_flash_erase_sector(offset + done);
    return status;
}

mote_hal_status mote_hal_flash_program(uint32_t offset, const void *data, size_t len)
{
    mote_hal_flash_info info;
    mote_hal_status status = writable_range(&info, offset, len, false);
    if (status != MOTE_HAL_OK || len == 0)
        return status;
    return mote_port_flash_program(offset, data, (uint32_t)len);
}
