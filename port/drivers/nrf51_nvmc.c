/*
 * The storage region in the nRF51's own flash, written through its
 * Non-Volatile Memory Controller (NVMC; QEMU's microbit models it, NOR
 * semantics included).  Erase works a page at a time (ERASEPAGE), program
 * a 32-bit word at a time with CONFIG.WEN set; the CPU stalls while the
 * flash is busy, and READY is polled for good measure.  Reads go through
 * the memory-mapped flash.
 *
 * Board macros: NRF51_NVMC_BASE, NRF51_NVMC_STORAGE_BASE,
 * NRF51_NVMC_STORAGE_SIZE, NRF51_NVMC_PAGE_SIZE (1024 on the nRF51822).
 */
#include <string.h>

#include "mote_board.h"
#include "mote_port.h"

#define NVMC_REG(offset) MOTE_MMIO32(NRF51_NVMC_BASE + (offset))
#define NVMC_READY NVMC_REG(0x400)
#define NVMC_CONFIG NVMC_REG(0x504)
#define NVMC_ERASEPAGE NVMC_REG(0x508)

#define CONFIG_READ_ONLY 0u
#define CONFIG_WRITE 1u
#define CONFIG_ERASE 2u
#define WRITE_SIZE 4u

static void wait_ready(void)
{
    while ((NVMC_READY & 1u) == 0) {
    }
}

void mote_port_flash_init(void)
{
    NVMC_CONFIG = CONFIG_READ_ONLY;
}

bool mote_port_flash_geometry(mote_hal_flash_info *info)
{
    info->base = NRF51_NVMC_STORAGE_BASE;
    info->size = NRF51_NVMC_STORAGE_SIZE;
    info->sector_size = NRF51_NVMC_PAGE_SIZE;
    info->write_size = WRITE_SIZE;
    info->writable = true;
    return true;
}

mote_hal_status mote_port_flash_erase_sector(uint32_t offset)
{
    wait_ready();
    NVMC_CONFIG = CONFIG_ERASE;
    NVMC_ERASEPAGE = NRF51_NVMC_STORAGE_BASE + offset;
    wait_ready();
    NVMC_CONFIG = CONFIG_READ_ONLY;
    return MOTE_HAL_OK;
}

mote_hal_status mote_port_flash_program(uint32_t offset, const uint8_t *data, uint32_t len)
{
    wait_ready();
    NVMC_CONFIG = CONFIG_WRITE;
    for (uint32_t i = 0; i < len; i += WRITE_SIZE) {
        uint32_t word;
        memcpy(&word, data + i, sizeof word); /* data may be unaligned */
        MOTE_MMIO32(NRF51_NVMC_STORAGE_BASE + offset + i) = word;
        wait_ready();
    }
    NVMC_CONFIG = CONFIG_READ_ONLY;
    return MOTE_HAL_OK;
}
