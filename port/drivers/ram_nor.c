/*
 * The storage region on boards whose "flash" is really RAM (the MPS2 code
 * memory is SSRAM, and QEMU models it so): NOR semantics are enforced in
 * software, so code written against this region behaves the same on a real
 * NOR part -- erase sets 0xFF, programming only clears bits.
 *
 * Board macros: RAM_NOR_BASE, RAM_NOR_SIZE, RAM_NOR_SECTOR_SIZE,
 * RAM_NOR_WRITE_SIZE.
 */
#include <string.h>

#include "mote_board.h"
#include "mote_port.h"

static volatile uint8_t *const region = &MOTE_MMIO8(RAM_NOR_BASE);

void mote_port_flash_init(void)
{
}

mote_hal_status mote_hal_flash_info_get(mote_hal_flash_info *info)
{
    info->base = RAM_NOR_BASE;
    info->size = RAM_NOR_SIZE;
    info->sector_size = RAM_NOR_SECTOR_SIZE;
    info->write_size = RAM_NOR_WRITE_SIZE;
    info->writable = true;
    return MOTE_HAL_OK;
}

static bool in_region(uint32_t offset, size_t len)
{
    return offset <= RAM_NOR_SIZE && len <= RAM_NOR_SIZE - offset;
}

mote_hal_status mote_hal_flash_read(uint32_t offset, void *buf, size_t len)
{
    if (!in_region(offset, len))
        return MOTE_HAL_ERR_ARGUMENT;
    memcpy(buf, (const void *)(uintptr_t)(RAM_NOR_BASE + offset), len);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_flash_erase(uint32_t offset, uint32_t len)
{
    if (!in_region(offset, len) || offset % RAM_NOR_SECTOR_SIZE || len % RAM_NOR_SECTOR_SIZE)
        return MOTE_HAL_ERR_ARGUMENT;
    for (uint32_t i = 0; i < len; i++)
        region[offset + i] = 0xFF;
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_flash_program(uint32_t offset, const void *data, size_t len)
{
    if (!in_region(offset, len) || offset % RAM_NOR_WRITE_SIZE || len % RAM_NOR_WRITE_SIZE)
        return MOTE_HAL_ERR_ARGUMENT;
    const uint8_t *bytes = data;
    for (size_t i = 0; i < len; i++)
        region[offset + i] &= bytes[i];
    return MOTE_HAL_OK;
}
