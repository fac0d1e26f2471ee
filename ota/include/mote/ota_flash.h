/*
 * ota_flash.h -- the flash the OTA library writes to, as a small ops struct,
 * so the library never depends on a board's HAL.  A board (or the host's
 * NOR simulator) fills one in; the firmware binds it to its flash driver.
 *
 * NOR semantics are assumed: erase sets a whole sector to 0xFF, program
 * can only clear bits, and the library never programs a byte twice between
 * erases (so it also works on flash with ECC words that forbid that).
 */
#ifndef MOTE_OTA_FLASH_H
#define MOTE_OTA_FLASH_H

#include "mote/ota_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest program unit the library supports (bytes). */
#define MOTE_OTA_MAX_PROG 64

typedef struct mote_ota_flash {
    /* Geometry.  Offsets handed to the ops are absolute: base + offset. */
    uint32_t base;        /* address of the area's first byte */
    uint32_t size;        /* bytes in the area, a multiple of sector_size */
    uint32_t sector_size; /* erase unit; uniform over the area */
    uint32_t prog_size;   /* program unit: 1..MOTE_OTA_MAX_PROG, a power of 2;
                             programs are aligned to it and sized in it */
    /* The area as memory, if the CPU maps it (XIP flash), else NULL.  When
     * set, modules run in place from it and reads may use it directly. */
    const uint8_t *mapped;
    void *ctx; /* passed back to the ops */
    /* Each returns 0 on success, nonzero on failure. */
    int (*read)(void *ctx, uint32_t addr, void *buf, uint32_t len);
    int (*erase)(void *ctx, uint32_t addr); /* the one sector at addr */
    int (*program)(void *ctx, uint32_t addr, const void *buf, uint32_t len);
} mote_ota_flash;

/* Where things live inside the area: two application slots and the two
 * sectors that hold the commit records.  All offsets are relative to
 * flash->base and sector aligned; slots are whole sectors. */
typedef struct mote_ota_layout {
    const mote_ota_flash *flash;
    uint32_t slot_off[2];
    uint32_t slot_size;
    uint32_t state_off[2];
} mote_ota_layout;

/* Checks the geometry and that the four regions are aligned, inside the
 * area and disjoint. */
mote_ota_status mote_ota_layout_check(const mote_ota_layout *l);

/* Bounds-checked wrappers around the ops (offsets relative to base). */
mote_ota_status mote_ota_flash_read(const mote_ota_flash *f, uint32_t off, void *buf, uint32_t len);
mote_ota_status mote_ota_flash_erase(const mote_ota_flash *f, uint32_t off);
mote_ota_status mote_ota_flash_program(const mote_ota_flash *f, uint32_t off, const void *buf,
                                       uint32_t len);

#ifdef __cplusplus
}
#endif
#endif
