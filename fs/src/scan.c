/*
 * scan.c -- reading logs.  A log (the superblock's, or a catalog part's)
 * is a header followed by commits; a commit is records ending with an END
 * record whose CRC covers the commit and chains to the previous one, then
 * padding to the write unit.  fs_commit_check() decides where a log ends:
 * at erased flash, a torn commit or a bad checksum.  fs_scan_next() then
 * walks the records of the commits found valid at mount.
 */
#include "fs_internal.h"

static bool known_type(uint8_t t)
{
    return (t >= T_OBJ && t <= T_POINTER) || t == T_END;
}

mote_fs_status fs_commit_check(mote_fs *fs, uint32_t block, uint32_t pos, uint32_t seed,
                               uint32_t *next, uint32_t *crc)
{
    uint32_t base = fs_block_off(fs, block), bs = fs->block_size;
    uint32_t c = seed;
    for (;;) {
        uint8_t head[REC_HEAD + END_LEN];
        if (pos > bs || bs - pos < REC_HEAD)
            return MOTE_FS_ERR_NOT_FOUND;
        mote_fs_status st = fs_read(fs, base + pos, head, REC_HEAD);
        if (st != MOTE_FS_OK)
            return st;
        uint32_t len = fs_get16(head + 1);
        if (!known_type(head[0]) || len > bs - pos - REC_HEAD)
            return MOTE_FS_ERR_NOT_FOUND;
        c = fs_crc(c, head, REC_HEAD);
        pos += REC_HEAD;
        if (head[0] == T_END) {
            if (len != END_LEN)
                return MOTE_FS_ERR_NOT_FOUND;
            if ((st = fs_read(fs, base + pos, head + REC_HEAD, END_LEN)) != MOTE_FS_OK)
                return st;
            if (fs_get32(head + REC_HEAD) != c)
                return MOTE_FS_ERR_NOT_FOUND;
            *crc = c;
            *next = fs_align_up(fs, pos + END_LEN);
            return MOTE_FS_OK;
        }
        while (len > 0) {
            uint8_t buf[32];
            uint32_t n = len < sizeof buf ? len : (uint32_t)sizeof buf;
            if ((st = fs_read(fs, base + pos, buf, n)) != MOTE_FS_OK)
                return st;
            c = fs_crc(c, buf, n);
            pos += n;
            len -= n;
        }
    }
}

static void scan_part(fs_scan *s, uint32_t part)
{
    s->part = part;
    s->block = s->fs->part_block[part];
    s->pos = s->fs->header_size;
    s->end = s->fs->part_end[part];
}

void fs_scan_catalog(fs_scan *s, mote_fs *fs)
{
    s->fs = fs;
    s->st = MOTE_FS_OK;
    if (fs->parts == 0)
        fs_scan_range(s, fs, 0, 0, 0); /* no catalog yet (formatting) */
    else
        scan_part(s, 0);
}

void fs_scan_range(fs_scan *s, mote_fs *fs, uint32_t block, uint32_t pos, uint32_t end)
{
    s->fs = fs;
    s->st = MOTE_FS_OK;
    s->part = FS_NO_IDX;
    s->block = block;
    s->pos = pos;
    s->end = end;
}

bool fs_scan_next(fs_scan *s, fs_rec *r)
{
    mote_fs *fs = s->fs;
    for (;;) {
        if (s->st != MOTE_FS_OK)
            return false;
        if (s->pos >= s->end) {
            if (s->part == FS_NO_IDX || s->part + 1 >= fs->parts)
                return false;
            scan_part(s, s->part + 1);
            continue;
        }
        uint8_t buf[REC_HEAD + sizeof r->p];
        if (s->end - s->pos < REC_HEAD) {
            s->st = fs_fail(fs, MOTE_FS_ERR_CORRUPT, "a log record runs past its commit");
            return false;
        }
        uint32_t base = fs_block_off(fs, s->block);
        uint32_t avail = s->end - s->pos;
        uint32_t n = avail < sizeof buf ? avail : (uint32_t)sizeof buf;
        if ((s->st = fs_read(fs, base + s->pos, buf, n)) != MOTE_FS_OK)
            return false;
        r->type = buf[0];
        r->len = fs_get16(buf + 1);
        if (r->len > avail - REC_HEAD) {
            s->st = fs_fail(fs, MOTE_FS_ERR_CORRUPT, "a log record runs past its commit");
            return false;
        }
        r->at = base + s->pos + REC_HEAD;
        s->pos += REC_HEAD + r->len;
        if (r->type == T_END) {
            s->pos = fs_align_up(fs, s->pos);
            continue;
        }
        uint32_t have = n - REC_HEAD < r->len ? n - REC_HEAD : r->len;
        for (uint32_t i = 0; i < sizeof r->p; i++)
            r->p[i] = i < have ? buf[REC_HEAD + i] : 0;
        return true;
    }
}
