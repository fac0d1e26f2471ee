/*
 * A storage region in memory-mapped flash the board cannot write: the
 * SPI flash behind the FE310's execute-in-place window, which QEMU models
 * as ROM (its SPI controller is not emulated).  Reads work; erase and
 * program report MOTE_HAL_ERR_UNSUPPORTED (port/common/flash.c, from
 * writable = false).
 *
 * Board macros: XIP_FLASH_BASE, XIP_FLASH_SIZE, XIP_FLASH_SECTOR_SIZE,
 * XIP_FLASH_WRITE_SIZE (the part's geometry, for code that plans ahead).
 */
#include "mote_board.h"
#include "mote_port.h"

void mote_port_flash_init(void)
{
}

bool mote_port_flash_geometry(mote_hal_flash_info *info)
{
    info->base = XIP_FLASH_BASE;
    info->size = XIP_FLASH_SIZE;
    info->sector_size = XIP_FLASH_SECTOR_SIZE;
    info->write_size = XIP_FLASH_WRITE_SIZE;
    info->writable = false;
    return true;
}

/* Never called (the region is not writable): the link needs them. */
mote_hal_status mote_port_flash_erase_sector(uint32_t offset)
{
    (void)offset;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_port_flash_program(uint32_t offset, const uint8_t *data, uint32_t len)
{
    (void)offset;
    (void)data;
    (void)len;
    return MOTE_HAL_ERR_UNSUPPORTED;
}
