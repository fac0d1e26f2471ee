/*
 * emit.c -- writing one commit: records go through the staging buffer and
 * are programmed a staging buffer at a time, in order, so a cut leaves a
 * prefix of the commit, which its END record's missing or wrong CRC
 * rejects.  In measure mode nothing is written; only the size is counted,
 * so a change can be sized before the file system decides where it goes.
 */
#include <string.h>

#include "fs_internal.h"

void fs_emit_begin(fs_emit *e, mote_fs *fs, bool measure, uint32_t start, uint32_t seed)
{
    e->fs = fs;
    e->measure = measure;
    e->start = start;
    e->size = 0;
    e->crc = seed;
    e->staged = 0;
    e->st = MOTE_FS_OK;
}

static void flush(fs_emit *e)
{
    if (e->staged == 0 || e->st != MOTE_FS_OK)
        return;
    uint32_t at = e->start + e->size - e->staged;
    e->st = fs_program(e->fs, at, e->fs->stage, e->staged);
    e->staged = 0;
}

static void put(fs_emit *e, const uint8_t *data, uint32_t len, bool in_crc)
{
    if (in_crc)
        e->crc = fs_crc(e->crc, data, len);
    if (e->measure) {
        e->size += len;
        return;
    }
    while (len > 0 && e->st == MOTE_FS_OK) {
        uint32_t room = e->fs->stage_size - e->staged;
        uint32_t n = len < room ? len : room;
        memcpy(e->fs->stage + e->staged, data, n);
        e->staged += n;
        e->size += n;
        data += n;
        len -= n;
        if (e->staged == e->fs->stage_size)
            flush(e);
    }
}

void fs_emit_bytes(fs_emit *e, const void *data, uint32_t len)
{
    put(e, data, len, true);
}

void fs_emit_u8(fs_emit *e, uint32_t v)
{
    uint8_t b = (uint8_t)v;
    put(e, &b, 1, true);
}

void fs_emit_u16(fs_emit *e, uint32_t v)
{
    uint8_t b[2];
    fs_put16(b, v);
    put(e, b, 2, true);
}

void fs_emit_u32(fs_emit *e, uint32_t v)
{
    uint8_t b[4];
    fs_put32(b, v);
    put(e, b, 4, true);
}

void fs_emit_record(fs_emit *e, uint8_t type, uint32_t len)
{
    uint8_t b[REC_HEAD] = {type, (uint8_t)len, (uint8_t)(len >> 8)};
    put(e, b, REC_HEAD, true);
}

void fs_emit_flash(fs_emit *e, uint32_t off, uint32_t len)
{
    uint8_t buf[32];
    while (len > 0) {
        uint32_t n = len < sizeof buf ? len : (uint32_t)sizeof buf;
        if (e->measure) {
            memset(buf, 0, n);
        } else if (e->st == MOTE_FS_OK) {
            e->st = fs_read(e->fs, off, buf, n);
        }
        put(e, buf, n, true);
        off += n;
        len -= n;
    }
}

uint32_t fs_emit_total(const mote_fs *fs, uint32_t size)
{
    return fs_align_up(fs, size + REC_HEAD + END_LEN);
}

mote_fs_status fs_emit_end(fs_emit *e)
{
    fs_emit_record(e, T_END, END_LEN);
    uint8_t b[4];
    uint32_t crc = e->crc;
    fs_put32(b, crc);
    put(e, b, 4, false);
    uint32_t padded = fs_align_up(e->fs, e->size);
    if (padded > e->size) {
        uint8_t ff[MOTE_FS_MAX_WRITE_SIZE];
        memset(ff, 0xFF, sizeof ff);
        put(e, ff, padded - e->size, false);
    }
    flush(e);
    e->crc = crc;
    return e->st;
}
