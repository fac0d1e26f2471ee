/*
 * replay.c -- reading the live catalog at mount (and after each
 * compaction): its parts' headers must match the superblock's pointer,
 * each part must start with a valid snapshot commit, and the last part's
 * log runs to the first commit that is erased, torn or fails its CRC.
 * Then every record of the valid commits is checked -- lengths, ids,
 * sizes, block numbers -- and the blocks in use are counted into the
 * bitmap: T_BLKS takes free blocks, T_FREE gives used ones back.  A record
 * that breaks a rule means the flash was corrupted, not cut: the mount
 * fails with MOTE_FS_ERR_CORRUPT.
 */
#include <string.h>

#include "fs_internal.h"

static mote_fs_status corrupt(mote_fs *fs, const char *why)
{
    return fs_fail(fs, MOTE_FS_ERR_CORRUPT, why);
}

static bool is_part(const mote_fs *fs, uint32_t b)
{
    for (uint32_t i = 0; i < fs->parts; i++)
        if (fs->part_block[i] == b)
            return true;
    return false;
}

/* Finds the valid commits of part i. */
static mote_fs_status walk_part(mote_fs *fs, uint32_t i)
{
    uint32_t b = fs->part_block[i], base = fs_block_off(fs, b);
    uint8_t raw[FS_HEADER_BYTES];
    fs_header h;
    mote_fs_status st = fs_read(fs, base, raw, sizeof raw);
    if (st != MOTE_FS_OK)
        return st;
    if (!fs_header_decode(raw, FS_MAGIC_PART, &h) || h.version != FS_HEADER_VERSION ||
        h.rev != fs->cat_rev || h.part != i || h.parts != fs->parts ||
        h.block_size != fs->block_size || h.block_count != fs->block_count ||
        h.write_size != fs->write_size || h.volume != fs->volume_id)
        return corrupt(fs, "a catalog block's header does not match the superblock");
    uint32_t pos = fs->header_size, seed = fs_seed(fs, fs->cat_rev, i), next, crc;
    st = fs_commit_check(fs, b, pos, seed, &next, &crc);
    if (st == MOTE_FS_ERR_NOT_FOUND)
        return corrupt(fs, "a catalog block's snapshot is damaged");
    if (st != MOTE_FS_OK)
        return st;
    pos = next;
    seed = crc;
    if (i + 1 == fs->parts) {
        while ((st = fs_commit_check(fs, b, pos, seed, &next, &crc)) == MOTE_FS_OK) {
            pos = next;
            seed = crc;
        }
        if (st != MOTE_FS_ERR_NOT_FOUND)
            return st;
        bool erased;
        if ((st = fs_is_erased(fs, base + pos, fs->block_size - pos, &erased)) != MOTE_FS_OK)
            return st;
        fs->cat_dirty = !erased;
        fs->log_seed = seed;
    }
    fs->part_end[i] = pos;
    return MOTE_FS_OK;
}

/* A name: no '/' or NUL, not "." or "..". */
static mote_fs_status check_name(mote_fs *fs, uint32_t at, uint32_t len)
{
    uint8_t buf[32];
    uint32_t dots = 0;
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < sizeof buf ? len - done : (uint32_t)sizeof buf;
        mote_fs_status st = fs_read(fs, at + done, buf, n);
        if (st != MOTE_FS_OK)
            return st;
        for (uint32_t i = 0; i < n; i++) {
            if (buf[i] == '/' || buf[i] == 0)
                return corrupt(fs, "a name holds '/' or NUL");
            dots += buf[i] == '.';
        }
        done += n;
    }
    if (dots == len && len <= 2)
        return corrupt(fs, "an object is named \".\" or \"..\"");
    return MOTE_FS_OK;
}

static mote_fs_status blocks_list(mote_fs *fs, const fs_rec *r, uint32_t skip, bool take)
{
    for (uint32_t off = skip; off < r->len; off += 2) {
        uint8_t v[2];
        mote_fs_status st = fs_read(fs, r->at + off, v, 2);
        if (st != MOTE_FS_OK)
            return st;
        uint32_t b = fs_get16(v);
        if (b >= fs->block_count || b < 2 || is_part(fs, b))
            return corrupt(fs, "a record names a block that cannot hold data");
        if (fs_used(fs, b) == take)
            return corrupt(fs, take ? "a block is used twice" : "a free block is freed");
        fs_mark(fs, b, take);
    }
    return MOTE_FS_OK;
}

static uint32_t max_u32(uint32_t a, uint32_t b)
{
    return a > b ? a : b;
}

static mote_fs_status apply(mote_fs *fs, const fs_rec *r)
{
    uint32_t id = r->len >= 4 ? fs_get32(r->p) : 0;
    switch (r->type) {
    case T_NEXTID:
        if (r->len != 4 || id == UINT32_MAX)
            return corrupt(fs, "a bad next-id record");
        fs->next_id = max_u32(fs->next_id, id);
        return MOTE_FS_OK;
    case T_OBJ: {
        uint32_t name = r->len - OBJ_FIXED;
        if (r->len <= OBJ_FIXED || name > MOTE_FS_NAME_MAX || id < 2 || id == UINT32_MAX ||
            fs_get32(r->p + 4) == 0 ||
            (r->p[8] != MOTE_FS_TYPE_FILE && r->p[8] != MOTE_FS_TYPE_DIR))
            return corrupt(fs, "a bad object record");
        fs->next_id = max_u32(fs->next_id, id + 1);
        return check_name(fs, r->at + OBJ_FIXED, name);
    }
    case T_DEL: return r->len == 4 && id >= 2 ? MOTE_FS_OK : corrupt(fs, "a bad delete record");
    case T_SIZE: {
        uint32_t size = r->len >= SIZE_FIXED ? fs_get32(r->p + 4) : 0;
        if (r->len < SIZE_FIXED || id < 2 || size > MOTE_FS_FILE_MAX ||
            (uint32_t)r->len - SIZE_FIXED != (size & (fs->write_size - 1)) ||
            (r->p[8] & ~SZ_DIRTY) != 0 || fs_blocks_of(fs, size) > fs->block_count)
            return corrupt(fs, "a bad size record");
        return MOTE_FS_OK;
    }
    case T_BLKS: {
        uint32_t first = r->len >= BLKS_FIXED ? fs_get32(r->p + 4) : 0;
        uint32_t n = r->len >= BLKS_FIXED ? (r->len - BLKS_FIXED) / 2 : 0;
        if (r->len < BLKS_FIXED + 2 || (r->len - BLKS_FIXED) % 2 != 0 || id < 2 ||
            first > fs->block_count || n > fs->block_count - first)
            return corrupt(fs, "a bad block-list record");
        return blocks_list(fs, r, BLKS_FIXED, true);
    }
    case T_FREE:
        if (r->len < 2 || r->len % 2 != 0)
            return corrupt(fs, "a bad free record");
        return blocks_list(fs, r, 0, false);
    default: return corrupt(fs, "an unknown record in the catalog");
    }
}

mote_fs_status fs_replay(mote_fs *fs)
{
    if (fs->parts == 0 || fs->parts > MOTE_FS_MAX_PARTS)
        return corrupt(fs, "the superblock points to no catalog");
    memset(fs->bitmap, 0, (fs->block_count + 7) / 8);
    fs->used_blocks = 0;
    fs_mark(fs, 0, true);
    fs_mark(fs, 1, true);
    for (uint32_t i = 0; i < fs->parts; i++) {
        uint32_t b = fs->part_block[i];
        if (b < 2 || b >= fs->block_count || fs_used(fs, b))
            return corrupt(fs, "the superblock points to bad catalog blocks");
        fs_mark(fs, b, true);
    }
    mote_fs_status st;
    for (uint32_t i = 0; i < fs->parts; i++)
        if ((st = walk_part(fs, i)) != MOTE_FS_OK)
            return st;
    fs->next_id = 2;
    fs_scan s;
    fs_rec r;
    fs_scan_catalog(&s, fs);
    while (fs_scan_next(&s, &r))
        if ((st = apply(fs, &r)) != MOTE_FS_OK)
            return st;
    if (s.st != MOTE_FS_OK)
        return s.st;
    fs_mark_held(fs);
    return MOTE_FS_OK;
}
