/*
 * Flash test: the storage region's geometry is sane and clear of the
 * firmware image; on writable boards erase gives 0xFF, program reads
 * back, a second program only clears bits (NOR), and the memory-mapped
 * view agrees with mote_hal_flash_read().  On every board, hostile
 * arguments -- past the end, wrapping around 2^32, misaligned -- get the
 * status hal.h promises (port/common/flash.c) and change nothing.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <mote/hal.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

#define CHUNK 256u

static uint8_t pattern_a(uint32_t i)
{
    return (uint8_t)(0xA5u ^ (i * 7u));
}
static uint8_t pattern_b(uint32_t i)
{
    return (uint8_t)(0x3Cu + i);
}

/* Checks that [offset, offset+len) reads as expect(i) for each byte i. */
static bool region_reads(const mote_hal_flash_info *info, uint32_t offset, uint32_t len,
                         uint8_t (*expect)(uint32_t))
{
    uint8_t buf[CHUNK];
    for (uint32_t done = 0; done < len; done += CHUNK) {
        uint32_t n = len - done < CHUNK ? len - done : CHUNK;
        if (mote_hal_flash_read(offset + done, buf, n) != MOTE_HAL_OK)
            return false;
        for (uint32_t i = 0; i < n; i++)
            if (buf[i] != expect(done + i))
                return false;
        if (info->base != 0 && memcmp(buf, (const void *)(info->base + offset + done), n) != 0)
            return false;
    }
    return true;
}

static uint8_t erased(uint32_t i)
{
    (void)i;
    return 0xFF;
}
static uint8_t a_and_b(uint32_t i)
{
    return pattern_a(i) & pattern_b(i);
}

static void program(uint32_t offset, uint32_t len, uint8_t (*fill)(uint32_t))
{
    uint8_t buf[CHUNK];
    for (uint32_t done = 0; done < len; done += CHUNK) {
        for (uint32_t i = 0; i < CHUNK; i++)
            buf[i] = fill(done + i);
        CHECK(mote_hal_flash_program(offset + done, buf, CHUNK) == MOTE_HAL_OK);
    }
}

static void test_writable(const mote_hal_flash_info *info)
{
    /* The last sector, and only its first 4 KiB get patterns: enough to
     * cross several write units without a long run on 256 KiB sectors. */
    uint32_t sector = info->size - info->sector_size;
    uint32_t len = info->sector_size < 4096u ? info->sector_size : 4096u;
    CHECK(mote_hal_flash_erase(sector, info->sector_size) == MOTE_HAL_OK);
    CHECK(region_reads(info, sector, info->sector_size, erased));
    program(sector, len, pattern_a);
    CHECK(region_reads(info, sector, len, pattern_a));
    program(sector, len, pattern_b);
    CHECK(region_reads(info, sector, len, a_and_b));
    CHECK(mote_hal_flash_erase(sector, info->sector_size) == MOTE_HAL_OK);
    CHECK(region_reads(info, sector, len, erased));

    printf("flash: erase, program and NOR semantics ok\n");
}

/* Erase and program with arguments no driver may see: each is refused with
 * `want` (ARGUMENT on a writable region, UNSUPPORTED on a read-only one),
 * and the last sector, holding pattern_a, is left as it was. */
static void test_hostile(const mote_hal_flash_info *info)
{
    mote_hal_status want = info->writable ? MOTE_HAL_ERR_ARGUMENT : MOTE_HAL_ERR_UNSUPPORTED;
    uint32_t sector = info->size - info->sector_size;
    uint32_t unit = info->write_size, len = info->sector_size < CHUNK ? info->sector_size : CHUNK;
    if (info->writable) {
        CHECK(mote_hal_flash_erase(sector, info->sector_size) == MOTE_HAL_OK);
        program(sector, len, pattern_a);
    }
    uint8_t before[CHUNK], word[8] = {0};
    CHECK(mote_hal_flash_read(sector, before, len) == MOTE_HAL_OK);

    /* Past the end, and ranges whose end wraps around 2^32. */
    CHECK(mote_hal_flash_erase(sector, 2 * info->sector_size) == want);
    CHECK(mote_hal_flash_erase(info->size, info->sector_size) == want);
    CHECK(mote_hal_flash_erase(0u - info->sector_size, info->sector_size) == want);
    CHECK(mote_hal_flash_erase(info->sector_size, 0u - info->sector_size) == want);
    CHECK(mote_hal_flash_program(info->size, word, unit) == want);
    CHECK(mote_hal_flash_program(info->size - unit, word, 2 * unit) == want);
    CHECK(mote_hal_flash_program(0u - unit, word, unit) == want);
    CHECK(mote_hal_flash_program(unit, word, SIZE_MAX - unit + 1) == want);
    /* Misaligned. */
    CHECK(mote_hal_flash_erase(sector + 1, info->sector_size) == want);
    CHECK(mote_hal_flash_erase(sector, info->sector_size / 2) == want);
    if (unit > 1) {
        CHECK(mote_hal_flash_program(sector + 1, word, unit) == want);
        CHECK(mote_hal_flash_program(sector, word, unit + 1) == want);
    }
    /* Reads: past the end or wrapping; nothing is read. */
    uint8_t byte = 0x5A;
    CHECK(mote_hal_flash_read(info->size, &byte, 1) == MOTE_HAL_ERR_ARGUMENT);
    CHECK(mote_hal_flash_read(info->size - 1, word, 2) == MOTE_HAL_ERR_ARGUMENT);
    CHECK(mote_hal_flash_read(UINT32_MAX, &byte, 1) == MOTE_HAL_ERR_ARGUMENT);
    CHECK(mote_hal_flash_read(1, &byte, SIZE_MAX) == MOTE_HAL_ERR_ARGUMENT);
    CHECK(byte == 0x5A);
    /* The edges themselves are fine: the last byte, and nothing at the end. */
    CHECK(mote_hal_flash_read(info->size - 1, &byte, 1) == MOTE_HAL_OK);
    CHECK(mote_hal_flash_read(info->size, &byte, 0) == MOTE_HAL_OK);

    uint8_t after[CHUNK];
    CHECK(mote_hal_flash_read(sector, after, len) == MOTE_HAL_OK);
    CHECK(memcmp(before, after, len) == 0);
    if (info->writable)
        CHECK(region_reads(info, sector, len, pattern_a));
    printf("flash: hostile arguments refused\n");
}

int main(void)
{
    mote_hal_init();
    mote_hal_flash_info info;
    CHECK(mote_hal_flash_info_get(&info) == MOTE_HAL_OK);
    printf("flash: base=0x%lx size=0x%lx sector=0x%lx write=%lu %s\n", (unsigned long)info.base,
           (unsigned long)info.size, (unsigned long)info.sector_size,
           (unsigned long)info.write_size, info.writable ? "writable" : "read-only");
#ifdef MOTE_TEST_STORAGE_BASE
    CHECK(info.base == MOTE_TEST_STORAGE_BASE); /* board.cmake's MOTE_BOARD_STORAGE_BASE */
#endif
    CHECK(info.size > 0 && info.size % info.sector_size == 0);
    CHECK((info.sector_size & (info.sector_size - 1)) == 0);
    CHECK(info.write_size > 0 && info.write_size <= 8 && info.sector_size % info.write_size == 0);
    const mote_hal_board_info *board = mote_hal_board();
    if (info.base != 0 && board->flash_size != 0)
        CHECK(info.base >= board->flash_base + board->flash_size ||
              info.base + info.size <= board->flash_base);
    if (info.writable) {
        test_writable(&info);
    } else {
        uint8_t byte = 0;
        CHECK(mote_hal_flash_erase(0, info.sector_size) == MOTE_HAL_ERR_UNSUPPORTED);
        CHECK(mote_hal_flash_program(0, &byte, 1) == MOTE_HAL_ERR_UNSUPPORTED);
        printf("flash: read-only on this board\n");
    }
    test_hostile(&info);
    return check_summary("flash");
}
