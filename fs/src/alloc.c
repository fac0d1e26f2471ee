/*
 * alloc.c -- block allocation, quotas and wear levelling.
 *
 * The bitmap in RAM has a bit per block: set when a commit refers to the
 * block (superblocks, catalog parts, file data) or an open file holds it
 * uncommitted.  Allocation takes the next free block after a cursor that
 * goes round the whole region, so erases spread over every free block
 * (dynamic wear levelling); the cursor starts at a different place after
 * each mount.  Every block is erased when it is taken, never before: a
 * free block's contents mean nothing.
 *
 * Data that never changes would keep its blocks out of that rotation, so
 * every FS_WL_PERIOD allocations one block of file data is moved to a
 * newly taken block (static wear levelling); its old block joins the
 * rotation.
 *
 * Allocations for file data leave fs_reserve() blocks free, so that the
 * catalog can always be compacted -- and files removed -- even when the
 * flash is full.
 */
#include "fs_internal.h"

#define FS_WL_PERIOD 32u

void fs_mark(mote_fs *fs, uint32_t b, bool used)
{
    uint8_t bit = (uint8_t)(1u << (b & 7));
    bool was = (fs->bitmap[b >> 3] & bit) != 0;
    if (was == used)
        return;
    if (used) {
        fs->bitmap[b >> 3] |= bit;
        fs->used_blocks++;
    } else {
        fs->bitmap[b >> 3] &= (uint8_t)~bit;
        fs->used_blocks--;
    }
}

uint32_t fs_reserve(const mote_fs *fs)
{
    return fs->parts + 1;
}

mote_fs_status fs_alloc(mote_fs *fs, bool for_catalog, uint16_t *block)
{
    uint32_t free_blocks = fs->block_count - fs->used_blocks;
    if (free_blocks == 0 || (!for_catalog && free_blocks <= fs_reserve(fs)))
        return fs_fail(fs, MOTE_FS_ERR_NO_SPACE, "no free block");
    uint32_t b = fs->cursor;
    for (uint32_t i = 0; i < fs->block_count; i++, b++) {
        if (b >= fs->block_count)
            b = 0;
        if (!fs_used(fs, b))
            break;
    }
    fs->cursor = b + 1 >= fs->block_count ? 0 : b + 1;
    fs_mark(fs, b, true);
    fs->allocations++;
    mote_fs_status st = fs_erase(fs, b);
    if (st != MOTE_FS_OK)
        return st; /* the block stays marked: it may be bad */
    *block = (uint16_t)b;
    return MOTE_FS_OK;
}

void fs_release(mote_fs *fs, uint16_t block)
{
    if (block < fs->block_count)
        fs_mark(fs, block, false);
}

mote_fs_status fs_charge(mote_fs *fs, mote_fs_quota *q, int32_t blocks, int32_t objects)
{
    if (q == NULL)
        return MOTE_FS_OK;
    if (blocks > 0 &&
        (q->used_blocks > q->max_blocks || (uint32_t)blocks > q->max_blocks - q->used_blocks))
        return fs_fail(fs, MOTE_FS_ERR_QUOTA, "the quota's blocks are used up");
    if (objects > 0 &&
        (q->used_objects > q->max_objects || (uint32_t)objects > q->max_objects - q->used_objects))
        return fs_fail(fs, MOTE_FS_ERR_QUOTA, "the quota's files are used up");
    q->used_blocks = blocks < 0 && (uint32_t)-blocks > q->used_blocks ? 0 : q->used_blocks + blocks;
    q->used_objects =
        objects < 0 && (uint32_t)-objects > q->used_objects ? 0 : q->used_objects + objects;
    return MOTE_FS_OK;
}

/* ---- static wear levelling ------------------------------------------------------ */

static bool is_catalog(const mote_fs *fs, uint32_t b)
{
    for (uint32_t i = 0; i < fs->parts; i++)
        if (fs->part_block[i] == b)
            return true;
    return b < 2;
}

/* The file block that block b holds: the last T_BLKS entry naming it. */
static mote_fs_status owner(mote_fs *fs, uint32_t b, uint32_t *id, uint32_t *idx)
{
    fs_scan s;
    fs_rec r;
    *id = 0;
    fs_scan_catalog(&s, fs);
    while (fs_scan_next(&s, &r)) {
        if (r.type != T_BLKS || r.len < BLKS_FIXED)
            continue;
        uint32_t n = (r.len - BLKS_FIXED) / 2;
        for (uint32_t i = 0; i < n; i++) {
            uint8_t v[2];
            mote_fs_status st = fs_read(fs, r.at + BLKS_FIXED + 2 * i, v, 2);
            if (st != MOTE_FS_OK)
                return st;
            if (fs_get16(v) == b) {
                *id = fs_get32(r.p);
                *idx = fs_get32(r.p + 4) + i;
            }
        }
    }
    return s.st;
}

typedef struct move {
    uint32_t id, idx;
    uint16_t from, to;
} move;

static void gen_move(fs_emit *e, void *ctx)
{
    move *m = ctx;
    fs_emit_blocks(e, m->id, m->idx, &m->to, 1);
    fs_emit_record(e, T_FREE, 2);
    fs_emit_u16(e, m->from);
}

static bool has_handle(const mote_fs *fs, uint32_t id)
{
    for (const mote_fs_file *f = fs->open; f != NULL; f = f->next)
        if (f->id == id)
            return true;
    return false;
}

/* Moves file block b to a new block; false (and OK) if b is not one that
 * can move now. */
static mote_fs_status relocate(mote_fs *fs, uint32_t b, bool *moved)
{
    *moved = false;
    move m = {.from = (uint16_t)b};
    fs_obj o;
    uint16_t cur;
    mote_fs_status st = owner(fs, b, &m.id, &m.idx);
    if (st != MOTE_FS_OK || m.id == 0 || has_handle(fs, m.id))
        return st;
    if ((st = fs_obj_get(fs, m.id, &o)) != MOTE_FS_OK)
        return st == MOTE_FS_ERR_NOT_FOUND ? MOTE_FS_OK : st;
    if (o.type != MOTE_FS_TYPE_FILE || m.idx >= fs_blocks_of(fs, o.size))
        return MOTE_FS_OK;
    if ((st = fs_map(fs, m.id, m.idx, 1, &cur)) != MOTE_FS_OK || cur != b)
        return st;
    uint32_t data = fs_align_down(fs, o.size) - m.idx * fs->block_size;
    if (data > fs->block_size)
        data = fs->block_size;
    if ((st = fs_alloc(fs, false, &m.to)) != MOTE_FS_OK)
        return st == MOTE_FS_ERR_NO_SPACE ? MOTE_FS_OK : st;
    st = fs_copy(fs, fs_block_off(fs, m.to), fs_block_off(fs, b), data);
    if (st == MOTE_FS_OK)
        st = fs_commit(fs, gen_move, &m);
    if (st != MOTE_FS_OK) {
        fs_release(fs, m.to);
        return st;
    }
    fs_release(fs, m.from);
    fs->relocations++;
    *moved = true;
    return MOTE_FS_OK;
}

mote_fs_status fs_wear_level(mote_fs *fs)
{
    if (fs->read_only || fs->allocations < fs->wl_due)
        return MOTE_FS_OK;
    fs->wl_due = fs->allocations + FS_WL_PERIOD;
    /* A few candidates at most: the next call goes on from here. */
    for (uint32_t tries = 0, seen = 0; tries < 4 && seen < fs->block_count; seen++) {
        uint32_t b = fs->wl_cursor;
        fs->wl_cursor = b + 1 >= fs->block_count ? 0 : b + 1;
        if (!fs_used(fs, b) || is_catalog(fs, b) || fs_block_held(fs, b))
            continue;
        tries++;
        bool moved;
        mote_fs_status st = relocate(fs, b, &moved);
        if (st != MOTE_FS_OK || moved)
            return st;
    }
    return MOTE_FS_OK;
}
