/*
 * record_log.h -- the append-only log of commit records in the two state
 * sectors.  Internal to the slot manager.
 */
#ifndef MOTE_OTA_RECORD_LOG_H
#define MOTE_OTA_RECORD_LOG_H

#include "mote/ota_slots.h"

/* Bytes one record occupies: its size rounded up to whole program units. */
uint32_t mote_ota_record_stride(const mote_ota_flash *f);

/* Finds the latest valid record and where the next one goes. */
mote_ota_status mote_ota_log_scan(mote_ota_slots *s);

/* Appends r with the next sequence number; on success it becomes s->rec. */
mote_ota_status mote_ota_log_append(mote_ota_slots *s, mote_ota_record r);

#endif
