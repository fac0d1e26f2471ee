/*
 * The storage region on boards whose "flash" is really RAM (the MPS2 code
 * memory is SSRAM, and QEMU models it so): NOR semantics are enforced in
 * software, so code written against this region behaves the same on a real
 * NOR part -- erase sets 0xFF, programming only clears bits.
 *
 * Board macros: RAM_NOR_BASE, RAM_NOR_SIZE, RAM_NOR_SECTOR_SIZE,
 * RAM_NOR_WRITE_SIZE.
 */
#include "mote_board.h"
#include "mote_port.h"

static volatile uint8_t *const region = &MOTE_MMIO8(RAM_NOR_BASE);

void mote_port_flash_init(void)
{
}

bool mote_port_flash_geometry(mote_hal_flash_info *info)
{
    info->base = RAM_NOR_BASE;
    info->size = RAM_NOR_SIZE;
    info->sector_size = RAM_NOR_SECTOR_SIZE;
    info->write_size = RAM_NOR_WRITE_SIZE;
    info->writable = true;
    return true;
}

mote_hal_status mote_port_flash_erase_sector(uint32_t offset)
{
    for (uint32_t i = 0; i < RAM_NOR_SECTOR_SIZE; i++)
        region[offset + i] = 0xFF;
    return MOTE_HAL_OK;
}

mote_hal_status mote_port_flash_program(uint32_t offset, const uint8_t *data, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        region[offset + i] &= data[i];
    return MOTE_HAL_OK;
}
