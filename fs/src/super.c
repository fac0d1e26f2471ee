/*
 * super.c -- the superblock: blocks 0 and 1, the fixed place where mount
 * starts.  Each holds a header and a log of pointers to the catalog; the
 * last valid pointer in the superblock with the higher revision is the
 * live catalog.  Switching to a new catalog is appending one pointer (a
 * single commit), so it is atomic.  When the log is full (or its tail may
 * hold a torn commit) the other block is erased and written with the next
 * revision -- its pointer first, its header last, so that it only counts
 * once complete.  About one erase of a superblock per block-size / 20
 * compactions.
 */
#include <string.h>

#include "fs_internal.h"

static uint32_t pointer_len(uint32_t parts)
{
    return 5 + 2 * parts;
}

static mote_fs_status emit_pointer(mote_fs *fs, uint32_t at, uint32_t seed, uint32_t rev,
                                   uint32_t parts, const uint16_t *blocks, fs_emit *e)
{
    fs_emit_begin(e, fs, false, at, seed);
    fs_emit_record(e, T_POINTER, pointer_len(parts));
    fs_emit_u32(e, rev);
    fs_emit_u8(e, parts);
    for (uint32_t i = 0; i < parts; i++)
        fs_emit_u16(e, blocks[i]);
    return fs_emit_end(e);
}

mote_fs_status fs_super_write(mote_fs *fs, uint32_t sb, uint32_t rev, uint32_t cat_rev,
                              uint32_t parts, const uint16_t *blocks)
{
    mote_fs_status st = fs_erase(fs, sb);
    if (st != MOTE_FS_OK)
        return st;
    uint32_t base = fs_block_off(fs, sb);
    fs_emit e;
    st = emit_pointer(fs, base + fs->header_size, fs_seed(fs, rev, FS_SUPER_PART), cat_rev, parts,
                      blocks, &e);
    if (st != MOTE_FS_OK)
        return st;
    fs_header h = {.magic = FS_MAGIC_SUPER,
                   .rev = rev,
                   .block_size = fs->block_size,
                   .block_count = fs->block_count,
                   .write_size = fs->write_size,
                   .volume = fs->volume_id};
    uint8_t area[64];
    memset(area, 0xFF, sizeof area);
    fs_header_encode(&h, area);
    if ((st = fs_program(fs, base, area, fs->header_size)) != MOTE_FS_OK)
        return st;
    fs->sb_end = fs->header_size + e.size;
    fs->sb_seed = e.crc;
    fs->sb_dirty = false;
    return MOTE_FS_OK;
}

mote_fs_status fs_super_point(mote_fs *fs, uint32_t rev, uint32_t parts, const uint16_t *blocks)
{
    uint32_t size = fs_emit_total(fs, REC_HEAD + pointer_len(parts));
    if (!fs->sb_dirty && size <= fs->block_size - fs->sb_end) {
        fs_emit e;
        mote_fs_status st = emit_pointer(fs, fs_block_off(fs, fs->sb_block) + fs->sb_end,
                                         fs->sb_seed, rev, parts, blocks, &e);
        if (st != MOTE_FS_OK) {
            fs->sb_dirty = true;
            return st;
        }
        fs->sb_end += e.size;
        fs->sb_seed = e.crc;
        return MOTE_FS_OK;
    }
    uint32_t other = 1 - fs->sb_block;
    mote_fs_status st = fs_super_write(fs, other, fs->sb_rev + 1, rev, parts, blocks);
    if (st != MOTE_FS_OK)
        return st;
    fs->sb_block = other;
    fs->sb_rev++;
    return MOTE_FS_OK;
}
