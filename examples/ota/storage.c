/*
 * storage.c -- the OTA library on the board's flash storage region.
 *
 * The library sees flash only through mote_ota_flash (ota_flash.h), and the
 * HAL's region fits it as it is: addresses are region offsets (base 0), the
 * program unit is the HAL's write size, and where the region is memory-
 * mapped the core reads modules in place from it.
 *
 * Layout, from the start of the region:
 *   [slot A][slot B][state sector 0][state sector 1]
 */
#include <mote/hal.h>

#include "ota_example.h"

/* Room for a wasi-libc app three times over (hello is about 20 KiB); a
 * padded bundle (imgtool --pad) is this long, so the QEMU test keeps it
 * small: the emulated UART moves about 8 KB/s. */
#define SLOT_SIZE (64u * 1024u)

static mote_ota_flash flash;

static int hal_read(void *ctx, uint32_t addr, void *buf, uint32_t len)
{
    (void)ctx;
    return mote_hal_flash_read(addr, buf, len) != MOTE_HAL_OK;
}

static int hal_erase(void *ctx, uint32_t addr)
{
    (void)ctx;
    return mote_hal_flash_erase(addr, flash.sector_size) != MOTE_HAL_OK;
}

static int hal_program(void *ctx, uint32_t addr, const void *buf, uint32_t len)
{
    (void)ctx;
    return mote_hal_flash_program(addr, buf, len) != MOTE_HAL_OK;
}

mote_ota_status storage_open(mote_ota_layout *layout)
{
    return storage_open_slots(layout, SLOT_SIZE);
}

mote_ota_status storage_open_slots(mote_ota_layout *layout, uint32_t slot_size)
{
    mote_hal_flash_info info;
    if (mote_hal_flash_info_get(&info) != MOTE_HAL_OK || !info.writable ||
        info.write_size > MOTE_OTA_MAX_PROG || slot_size % info.sector_size != 0 ||
        info.size / 2 < slot_size + info.sector_size)
        return MOTE_OTA_ERR_ARG;
    flash = (mote_ota_flash){
        .base = 0,
        .size = info.size,
        .sector_size = info.sector_size,
        .prog_size = info.write_size,
        .mapped = (const uint8_t *)info.base, /* NULL when not mapped */
        .read = hal_read,
        .erase = hal_erase,
        .program = hal_program,
    };
    *layout = (mote_ota_layout){
        .flash = &flash,
        .slot_off = {0, slot_size},
        .slot_size = slot_size,
        .state_off = {2 * slot_size, 2 * slot_size + info.sector_size},
    };
    return mote_ota_layout_check(layout);
}

/*
 * The first boot of a new device: neither slot holds a verified app, so the
 * factory bundle built into the firmware goes into slot A, and the state
 * sectors start out blank (fresh flash may hold anything; the emulated
 * region starts as zeros).  No commit record is written: with none, boot
 * runs slot A.  A power cut in here leaves no verified app again, so the
 * next boot simply does it again.
 */
mote_ota_status storage_factory_install(const mote_ota_layout *layout, const uint8_t *bundle,
                                        size_t len)
{
    mote_ota_status st = MOTE_OTA_OK;
    for (int i = 0; i < 2 && st == MOTE_OTA_OK; i++)
        st = mote_ota_flash_erase(layout->flash, layout->state_off[i]);
    if (st != MOTE_OTA_OK)
        return st;
    mote_ota_writer w;
    mote_ota_writer_begin(&w, layout->flash, layout->slot_off[0], layout->slot_size);
    st = mote_ota_writer_write(&w, bundle, len);
    return st == MOTE_OTA_OK ? mote_ota_writer_finish(&w) : st;
}
