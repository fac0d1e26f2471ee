/*
 * A storage region in memory-mapped flash the board cannot write: the
 * SPI flash behind the FE310's execute-in-place window, which QEMU models
 * as ROM (its SPI controller is not emulated).  Reads work; erase and
 * program report MOTE_HAL_ERR_UNSUPPORTED.
 *
 * Board macros: XIP_FLASH_BASE, XIP_FLASH_SIZE, XIP_FLASH_SECTOR_SIZE,
 * XIP_FLASH_WRITE_SIZE (the part's geometry, for code that plans ahead).
 */
#include <string.h>

#include "mote_board.h"
#include "mote_port.h"

void mote_port_flash_init(void)
{
}

mote_hal_status mote_hal_flash_info_get(mote_hal_flash_info *info)
{
    info->base = XIP_FLASH_BASE;
    info->size = XIP_FLASH_SIZE;
    info->sector_size = XIP_FLASH_SECTOR_SIZE;
    info->write_size = XIP_FLASH_WRITE_SIZE;
    info->writable = false;
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_flash_read(uint32_t offset, void *buf, size_t len)
{
    if (offset > XIP_FLASH_SIZE || len > XIP_FLASH_SIZE - offset)
        return MOTE_HAL_ERR_ARGUMENT;
    memcpy(buf, (const void *)(uintptr_t)(XIP_FLASH_BASE + offset), len);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_flash_erase(uint32_t offset, uint32_t len)
{
    (void)offset;
    (void)len;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_hal_flash_program(uint32_t offset, const void *data, size_t len)
{
    (void)offset;
    (void)data;
    (void)len;
    return MOTE_HAL_ERR_UNSUPPORTED;
}
