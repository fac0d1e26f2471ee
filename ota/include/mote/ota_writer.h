/*
 * ota_writer.h -- sequential writing of a bundle into a slot: sectors are
 * erased just before their first byte is programmed, and bytes are gathered
 * into whole program units, so any chunk size works with any flash.  The
 * receiver uses it; firmware with its own transport can use it directly.
 */
#ifndef MOTE_OTA_WRITER_H
#define MOTE_OTA_WRITER_H

#include "mote/ota_flash.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mote_ota_writer {
    const mote_ota_flash *flash;
    uint32_t off;    /* slot start */
    uint32_t size;   /* slot size */
    uint32_t pos;    /* bytes accepted (programmed + waiting in unit) */
    uint32_t erased; /* bytes of the slot erased so far */
    uint32_t fill;   /* bytes waiting in unit */
    uint8_t unit[MOTE_OTA_MAX_PROG];
} mote_ota_writer;

/* Starts writing at slot offset off (sector aligned) of a slot of size bytes;
 * nothing is erased yet. */
void mote_ota_writer_begin(mote_ota_writer *w, const mote_ota_flash *f, uint32_t off,
                           uint32_t size);
/* Appends len bytes; ERR_TOO_BIG past the slot end. */
mote_ota_status mote_ota_writer_write(mote_ota_writer *w, const uint8_t *data, size_t len);
/* Programs the last partial unit, padded with 0xFF. */
mote_ota_status mote_ota_writer_flush(mote_ota_writer *w);
/* Flushes, then erases the slot's last sector unless this bundle reached
 * it: an MCUboot trailer left there by an earlier, padded image would
 * otherwise be taken for this one's (ota_rules.h). */
mote_ota_status mote_ota_writer_finish(mote_ota_writer *w);

#ifdef __cplusplus
}
#endif
#endif
