/*
 * Storage on a CFI parallel NOR flash with the Intel/Sharp command set
 * (the QEMU virt machine's pflash: a 32-bit bank of two 16-bit chips).
 *
 * Commands are written replicated to both chips.  While a command runs the
 * flash reads back status, not data, so each operation is one locked
 * sequence that ends in read-array mode; code never runs from this flash.
 *
 * Programming ANDs the new word with the old one first: real NOR can only
 * clear bits, and QEMU's model would store the word as given.
 *
 * Board macros: CFI_FLASH_BASE, CFI_FLASH_SIZE, CFI_FLASH_SECTOR_SIZE.
 */
#include <string.h>

#include "mote_board.h"
#include "mote_port.h"

#define BOTH_CHIPS(cmd) ((uint32_t)(cmd)*0x00010001u)
#define CMD_READ_ARRAY BOTH_CHIPS(0xFF)
#define CMD_CLEAR_STATUS BOTH_CHIPS(0x50)
#define CMD_BLOCK_ERASE BOTH_CHIPS(0x20)
#define CMD_ERASE_CONFIRM BOTH_CHIPS(0xD0)
#define CMD_WORD_PROGRAM BOTH_CHIPS(0x40)

#define STATUS_READY BOTH_CHIPS(0x80)
#define STATUS_ERRORS BOTH_CHIPS(0x3A) /* erase, program, Vpp, lock errors */

/* A bound on status polls: a flash that never reports ready is an error,
 * not a hang. */
#define POLL_LIMIT 10000000u

#define WORD_SIZE 4u

static volatile uint32_t *word_at(uint32_t offset)
{
    return &MOTE_MMIO32(CFI_FLASH_BASE + offset);
}

/* Waits for the command at `word` to finish, then returns to read mode. */
static mote_hal_status finish(volatile uint32_t *word)
{
    uint32_t status = 0;
    for (uint32_t polls = 0; polls < POLL_LIMIT; polls++) {
        status = *word;
        if ((status & STATUS_READY) == STATUS_READY)
            break;
    }
    bool ok = (status & STATUS_READY) == STATUS_READY && (status & STATUS_ERRORS) == 0;
    *word = CMD_CLEAR_STATUS;
    *word = CMD_READ_ARRAY;
    return ok ? MOTE_HAL_OK : MOTE_HAL_ERR_IO;
}

void mote_port_flash_init(void)
{
    *word_at(0) = CMD_READ_ARRAY;
}

bool mote_port_flash_geometry(mote_hal_flash_info *info)
{
    info->base = CFI_FLASH_BASE;
    info->size = CFI_FLASH_SIZE;
    info->sector_size = CFI_FLASH_SECTOR_SIZE;
    info->write_size = WORD_SIZE;
    info->writable = true;
    return true;
}

mote_hal_status mote_port_flash_erase_sector(uint32_t offset)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    volatile uint32_t *sector = word_at(offset);
    *sector = CMD_BLOCK_ERASE;
    *sector = CMD_ERASE_CONFIRM;
    mote_hal_status status = finish(sector);
    mote_hal_irq_unlock(s);
    return status;
}

mote_hal_status mote_port_flash_program(uint32_t offset, const uint8_t *data, uint32_t len)
{
    for (uint32_t i = 0; i < len; i += WORD_SIZE) {
        uint32_t value;
        memcpy(&value, data + i, WORD_SIZE); /* data may be unaligned */
        mote_hal_irq_state s = mote_hal_irq_lock();
        volatile uint32_t *word = word_at(offset + i);
        value &= *word;
        *word = CMD_WORD_PROGRAM;
        *word = value;
        mote_hal_status status = finish(word);
        mote_hal_irq_unlock(s);
        if (status != MOTE_HAL_OK)
            return status;
    }
    return MOTE_HAL_OK;
}
