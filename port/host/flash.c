/*
 * Host flash: a RAM buffer with NOR semantics (erase to 0xFF, programming
 * clears bits only).  The simulation board will back it with a file.
 */
#include <string.h>

#include "mote_port.h"

#define FLASH_SIZE (256u * 1024u)
#define SECTOR_SIZE 4096u
#define WRITE_SIZE 4u

static uint8_t storage[FLASH_SIZE];

void mote_port_flash_init(void)
{
    memset(storage, 0xFF, sizeof storage);
}

mote_hal_status mote_hal_flash_info_get(mote_hal_flash_info *info)
{
    info->base = (uintptr_t)storage;
    info->size = FLASH_SIZE;
    info->sector_size = SECTOR_SIZE;
    info->write_size = WRITE_SIZE;
    info->writable = true;
    return MOTE_HAL_OK;
}

static bool in_region(uint32_t offset, size_t len)
{
    return offset <= FLASH_SIZE && len <= FLASH_SIZE - offset;
}

mote_hal_status mote_hal_flash_read(uint32_t offset, void *buf, size_t len)
{
    if (!in_region(offset, len))
        return MOTE_HAL_ERR_ARGUMENT;
    memcpy(buf, storage + offset, len);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_flash_erase(uint32_t offset, uint32_t len)
{
    if (!in_region(offset, len) || offset % SECTOR_SIZE || len % SECTOR_SIZE)
        return MOTE_HAL_ERR_ARGUMENT;
    memset(storage + offset, 0xFF, len);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_flash_program(uint32_t offset, const void *data, size_t len)
{
    if (!in_region(offset, len) || offset % WRITE_SIZE || len % WRITE_SIZE)
        return MOTE_HAL_ERR_ARGUMENT;
    const uint8_t *bytes = data;
    for (size_t i = 0; i < len; i++)
        storage[offset + i] &= bytes[i];
    return MOTE_HAL_OK;
}
