/*
 * hal_flash.c -- mote_fs_flash ops on the HAL's storage region.  The ops'
 * context is the range's offset in the region.
 */
#include <stdint.h>

#include "mote/fs_hal.h"
#include "mote/hal.h"

static uint32_t base_of(void *ctx)
{
    return (uint32_t)(uintptr_t)ctx;
}

static int hal_read(void *ctx, uint32_t off, void *buf, uint32_t len)
{
    return mote_hal_flash_read(base_of(ctx) + off, buf, len) == MOTE_HAL_OK ? 0 : -1;
}

static int hal_erase(void *ctx, uint32_t off)
{
    mote_hal_flash_info info;
    if (mote_hal_flash_info_get(&info) != MOTE_HAL_OK)
        return -1;
    return mote_hal_flash_erase(base_of(ctx) + off, info.sector_size) == MOTE_HAL_OK ? 0 : -1;
}

static int hal_program(void *ctx, uint32_t off, const void *buf, uint32_t len)
{
    return mote_hal_flash_program(base_of(ctx) + off, buf, len) == MOTE_HAL_OK ? 0 : -1;
}

mote_fs_status mote_fs_flash_hal(mote_fs_flash *out, uint32_t offset, uint32_t size)
{
    mote_hal_flash_info info;
    if (mote_hal_flash_info_get(&info) != MOTE_HAL_OK)
        return MOTE_FS_ERR_IO;
    if (size == 0 && offset <= info.size)
        size = info.size - offset;
    if (info.sector_size == 0 || offset % info.sector_size != 0 || size % info.sector_size != 0 ||
        offset > info.size || size > info.size - offset || size == 0)
        return MOTE_FS_ERR_GEOMETRY;
    *out = (mote_fs_flash){
        .size = size,
        .sector_size = info.sector_size,
        .write_size = info.write_size != 0 ? info.write_size : 1,
        .read_only = !info.writable,
        .ctx = (void *)(uintptr_t)offset,
        .read = hal_read,
        .erase = hal_erase,
        .program = hal_program,
    };
    return MOTE_FS_OK;
}
