/* Commit records and their log.  A record is written by one program
 * operation into never-programmed space and read back before it counts;
 * see ota_slots.h for why this makes each state change atomic. */
#include <string.h>

#include "record_log.h"

#define RECORD_MAGIC 0x32544f4dU /* "MOT2": the layout with the security counter */
#define APPEND_TRIES 3

/* Layout: magic, seq, slot, state, 2 zero bytes, version (8), digest
 * prefix (8), the device's security counter, CRC-32 of the first 32 bytes. */
enum { CRC_AT = MOTE_OTA_RECORD_SIZE - 4 };
void mote_ota_record_encode(uint8_t out[MOTE_OTA_RECORD_SIZE], const mote_ota_record *r)
{
    mote_ota_put32(out, RECORD_MAGIC);
    mote_ota_put32(out + 4, r->seq);
    out[8] = r->slot;
    out[9] = r->state;
    out[10] = out[11] = 0;
    out[12] = r->version.major;
    out[13] = r->version.minor;
    mote_ota_put16(out + 14, r->version.revision);
    mote_ota_put32(out + 16, r->version.build);
    memcpy(out + 20, r->digest, 8);
    mote_ota_put32(out + 28, r->security_counter);
    mote_ota_put32(out + CRC_AT, mote_ota_crc32(0, out, CRC_AT));
}

bool mote_ota_record_decode(const uint8_t in[MOTE_OTA_RECORD_SIZE], mote_ota_record *r)
{
    if (mote_ota_get32(in) != RECORD_MAGIC ||
        mote_ota_get32(in + CRC_AT) != mote_ota_crc32(0, in, CRC_AT))
        return false;
    if (in[8] > 1 || in[9] < MOTE_OTA_STATE_CONFIRMED || in[9] > MOTE_OTA_STATE_TRIAL_RUNNING)
        return false;
    r->seq = mote_ota_get32(in + 4);
    r->slot = in[8];
    r->state = in[9];
    r->version.major = in[12];
    r->version.minor = in[13];
    r->version.revision = mote_ota_get16(in + 14);
    r->version.build = mote_ota_get32(in + 16);
    memcpy(r->digest, in + 20, 8);
    r->security_counter = mote_ota_get32(in + 28);
    return true;
}

uint32_t mote_ota_record_stride(const mote_ota_flash *f)
{
    /* Whole program units (a power of two up to 64): 36..64 bytes. */
    return (MOTE_OTA_RECORD_SIZE + f->prog_size - 1) / f->prog_size * f->prog_size;
}

static bool blank(const uint8_t *p, uint32_t n)
{
    while (n--)
        if (*p++ != 0xff)
            return false;
    return true;
}

/* Reads the record slot at offset pos of state sector sec.  *used tells
 * whether anything was ever programmed there (even a torn record). */
static mote_ota_status read_slot(const mote_ota_slots *s, int sec, uint32_t pos, bool *used,
                                 bool *valid, mote_ota_record *r)
{
    const mote_ota_flash *f = s->layout->flash;
    uint8_t
        buf[MOTE_OTA_MAX_PROG > MOTE_OTA_RECORD_SIZE ? MOTE_OTA_MAX_PROG : MOTE_OTA_RECORD_SIZE];
    uint32_t stride = mote_ota_record_stride(f);
    mote_ota_status st = mote_ota_flash_read(f, s->layout->state_off[sec] + pos, buf, stride);
    if (st != MOTE_OTA_OK)
        return st;
    *used = !blank(buf, stride);
    *valid = *used && mote_ota_record_decode(buf, r);
    return MOTE_OTA_OK;
}

mote_ota_status mote_ota_log_scan(mote_ota_slots *s)
{
    const mote_ota_flash *f = s->layout->flash;
    uint32_t stride = mote_ota_record_stride(f);
    uint32_t next[2] = {0, 0};
    s->have_record = false;
    s->cur_sector = 0;
    for (int sec = 0; sec < 2; sec++) {
        for (uint32_t pos = 0; pos + stride <= f->sector_size; pos += stride) {
            bool used, valid;
            mote_ota_record r;
            mote_ota_status st = read_slot(s, sec, pos, &used, &valid, &r);
            if (st != MOTE_OTA_OK)
                return st;
            if (used)
                next[sec] = pos + stride; /* append only after the last used slot */
            if (valid && (!s->have_record || r.seq > s->rec.seq)) {
                s->rec = r;
                s->have_record = true;
                s->cur_sector = (uint8_t)sec;
            }
        }
    }
    s->next_off = next[s->cur_sector];
    return MOTE_OTA_OK;
}

/* Moves the log to the other sector.  Safe: the latest record is in the
 * current sector, which stays intact until the next rotation. */
static mote_ota_status rotate(mote_ota_slots *s)
{
    uint8_t other = (uint8_t)(s->cur_sector ^ 1);
    mote_ota_status st = mote_ota_flash_erase(s->layout->flash, s->layout->state_off[other]);
    if (st != MOTE_OTA_OK)
        return st;
    s->cur_sector = other;
    s->next_off = 0;
    return MOTE_OTA_OK;
}

/* Programs the record at the next free slot and reads it back.  A record
 * that does not read back (a marginal cell left by an earlier torn write)
 * costs one slot and is retried at the next. */
static mote_ota_status write_once(mote_ota_slots *s, const mote_ota_record *r, bool *ok)
{
    const mote_ota_flash *f = s->layout->flash;
    uint32_t stride = mote_ota_record_stride(f);
    uint8_t
        buf[MOTE_OTA_MAX_PROG > MOTE_OTA_RECORD_SIZE ? MOTE_OTA_MAX_PROG : MOTE_OTA_RECORD_SIZE];
    mote_ota_status st;
    if (s->next_off + stride > f->sector_size && (st = rotate(s)) != MOTE_OTA_OK)
        return st;
    memset(buf, 0xff, sizeof buf);
    mote_ota_record_encode(buf, r);
    uint32_t pos = s->next_off;
    s->next_off += stride;
    st = mote_ota_flash_program(f, s->layout->state_off[s->cur_sector] + pos, buf, stride);
    if (st != MOTE_OTA_OK)
        return st;
    bool used;
    mote_ota_record back;
    st = read_slot(s, s->cur_sector, pos, &used, ok, &back);
    *ok = *ok && st == MOTE_OTA_OK && back.seq == r->seq;
    return st;
}

mote_ota_status mote_ota_log_append(mote_ota_slots *s, mote_ota_record r)
{
    r.seq = s->have_record ? s->rec.seq + 1 : 1;
    for (int i = 0; i < APPEND_TRIES; i++) {
        bool ok = false;
        mote_ota_status st = write_once(s, &r, &ok);
        if (st != MOTE_OTA_OK)
            return st;
        if (ok) {
            s->rec = r;
            s->have_record = true;
            return MOTE_OTA_OK;
        }
    }
    return MOTE_OTA_ERR_FLASH;
}
