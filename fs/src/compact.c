/*
 * compact.c -- writing a new catalog.  The log grows with every change;
 * when the next commit does not fit, the current state is written as a
 * snapshot into newly taken blocks (one commit per block, "parts"), the
 * pending commit is appended after it, headers go on last, and one
 * superblock pointer switches to the new set.  Until that pointer is on
 * flash the old catalog stays live and untouched, so a cut anywhere in
 * between loses nothing.  Deleted objects and blocks nothing refers to
 * any more (after a cut) are left behind.
 */
#include <string.h>

#include "fs_internal.h"

#define LIST_BATCH 8
#define MAP_BATCH 32

typedef struct snap {
    mote_fs *fs;
    uint32_t rev, parts;
    uint16_t blocks[MOTE_FS_MAX_PARTS];
    uint32_t ends[MOTE_FS_MAX_PARTS];
    fs_emit e;
} snap;

static mote_fs_status part_begin(snap *s)
{
    mote_fs *fs = s->fs;
    if (s->parts == MOTE_FS_MAX_PARTS)
        return fs_fail(fs, MOTE_FS_ERR_NO_SPACE, "the catalog is full (too many files)");
    mote_fs_status st = fs_alloc(fs, true, &s->blocks[s->parts]);
    if (st != MOTE_FS_OK)
        return st;
    uint32_t base = fs_block_off(fs, s->blocks[s->parts]);
    fs_emit_begin(&s->e, fs, false, base + fs->header_size, fs_seed(fs, s->rev, s->parts));
    s->parts++;
    return MOTE_FS_OK;
}

static mote_fs_status part_end(snap *s)
{
    mote_fs_status st = fs_emit_end(&s->e);
    s->ends[s->parts - 1] = s->fs->header_size + s->e.size;
    return st;
}

/* Makes sure a record with len payload bytes fits in the current part. */
static mote_fs_status room(snap *s, uint32_t len)
{
    mote_fs *fs = s->fs;
    if (s->e.st != MOTE_FS_OK)
        return s->e.st;
    if (fs->header_size + fs_emit_total(fs, s->e.size + REC_HEAD + len) <= fs->block_size)
        return MOTE_FS_OK;
    mote_fs_status st = part_end(s);
    return st != MOTE_FS_OK ? st : part_begin(s);
}

static mote_fs_status snap_blocks(snap *s, const fs_obj *o)
{
    mote_fs *fs = s->fs;
    uint32_t n = fs_blocks_of(fs, o->size);
    for (uint32_t first = 0; first < n; first += MAP_BATCH) {
        uint16_t map[MAP_BATCH];
        uint32_t k = n - first < MAP_BATCH ? n - first : MAP_BATCH;
        mote_fs_status st = fs_map(fs, o->id, first, k, map);
        if (st != MOTE_FS_OK)
            return st;
        for (uint32_t i = 0; i < k; i++)
            if (map[i] == FS_NONE)
                return fs_fail(fs, MOTE_FS_ERR_CORRUPT, "a file block is missing");
        if ((st = room(s, BLKS_FIXED + 2 * k)) != MOTE_FS_OK)
            return st;
        fs_emit_blocks(&s->e, o->id, first, map, k);
    }
    return s->e.st;
}

static mote_fs_status snap_object(snap *s, uint32_t id)
{
    mote_fs *fs = s->fs;
    fs_obj o;
    mote_fs_status st = fs_obj_get(fs, id, &o);
    if (st != MOTE_FS_OK)
        return st == MOTE_FS_ERR_NOT_FOUND ? MOTE_FS_ERR_CORRUPT : st;
    if ((st = room(s, OBJ_FIXED + o.name_len)) != MOTE_FS_OK)
        return st;
    fs_emit_record(&s->e, T_OBJ, OBJ_FIXED + o.name_len);
    fs_emit_u32(&s->e, o.id);
    fs_emit_u32(&s->e, o.parent);
    fs_emit_u8(&s->e, o.type);
    fs_emit_flash(&s->e, o.name_at, o.name_len);
    if (o.type != MOTE_FS_TYPE_FILE)
        return s->e.st;
    if (o.size != 0 || o.flags != 0) {
        if ((st = room(s, SIZE_FIXED + o.tail_len)) != MOTE_FS_OK)
            return st;
        fs_emit_record(&s->e, T_SIZE, SIZE_FIXED + o.tail_len);
        fs_emit_u32(&s->e, o.id);
        fs_emit_u32(&s->e, o.size);
        fs_emit_u8(&s->e, o.flags);
        fs_emit_flash(&s->e, o.tail_at, o.tail_len);
    }
    return snap_blocks(s, &o);
}

/* The state of the old catalog, object by object, in id order. */
static mote_fs_status snapshot(snap *s)
{
    mote_fs_status st = room(s, 4);
    if (st != MOTE_FS_OK)
        return st;
    fs_emit_record(&s->e, T_NEXTID, 4);
    fs_emit_u32(&s->e, s->fs->next_id);
    uint32_t after = MOTE_FS_ROOT;
    for (;;) {
        fs_cand c[LIST_BATCH];
        uint32_t n;
        if ((st = fs_list(s->fs, FS_NO_IDX, after, c, LIST_BATCH, &n)) != MOTE_FS_OK)
            return st;
        if (n == 0)
            return MOTE_FS_OK;
        for (uint32_t i = 0; i < n; i++)
            if ((st = snap_object(s, c[i].id)) != MOTE_FS_OK)
                return st;
        after = c[n - 1].id;
    }
}

/* The pending change, after the snapshot, in the last part. */
static mote_fs_status append(snap *s, fs_gen_fn gen, void *ctx, uint32_t size)
{
    mote_fs *fs = s->fs;
    uint32_t last = s->parts - 1;
    mote_fs_status st;
    if (size > fs->block_size - s->ends[last]) {
        if ((st = part_begin(s)) != MOTE_FS_OK || (st = part_end(s)) != MOTE_FS_OK)
            return st;
        last++;
    }
    uint32_t seed = s->e.crc;
    fs_emit_begin(&s->e, fs, false, fs_block_off(fs, s->blocks[last]) + s->ends[last], seed);
    gen(&s->e, ctx);
    st = fs_emit_end(&s->e);
    s->ends[last] += s->e.size;
    return st;
}

static mote_fs_status headers(snap *s)
{
    mote_fs *fs = s->fs;
    for (uint32_t i = 0; i < s->parts; i++) {
        fs_header h = {.magic = FS_MAGIC_PART,
                       .rev = s->rev,
                       .block_size = fs->block_size,
                       .block_count = fs->block_count,
                       .write_size = fs->write_size,
                       .volume = fs->volume_id,
                       .part = i,
                       .parts = s->parts};
        uint8_t area[64];
        memset(area, 0xFF, sizeof area);
        fs_header_encode(&h, area);
        mote_fs_status st = fs_program(fs, fs_block_off(fs, s->blocks[i]), area, fs->header_size);
        if (st != MOTE_FS_OK)
            return st;
    }
    return MOTE_FS_OK;
}

mote_fs_status fs_compact(mote_fs *fs, fs_gen_fn gen, void *ctx, uint32_t commit_size)
{
    snap s = {.fs = fs, .rev = fs->cat_rev + 1};
    if (s.rev == 0)
        return fs_fail(fs, MOTE_FS_ERR_NO_SPACE, "catalog revisions used up");
    mote_fs_status st = part_begin(&s);
    if (st == MOTE_FS_OK)
        st = snapshot(&s);
    if (st == MOTE_FS_OK)
        st = part_end(&s);
    if (st == MOTE_FS_OK && gen != NULL)
        st = append(&s, gen, ctx, commit_size);
    if (st == MOTE_FS_OK)
        st = headers(&s);
    if (st == MOTE_FS_OK) {
        st = fs_super_point(fs, s.rev, s.parts, s.blocks);
        if (st != MOTE_FS_OK)
            fs->broken = true; /* the pointer may or may not be there */
    }
    if (st != MOTE_FS_OK) {
        if (!fs->broken)
            for (uint32_t i = 0; i < s.parts; i++)
                fs_release(fs, s.blocks[i]);
        return st;
    }
    fs->cat_rev = s.rev;
    fs->parts = s.parts;
    memcpy(fs->part_block, s.blocks, sizeof s.blocks);
    fs->compactions++;
    /* Reading the new catalog back rebuilds the bitmap (blocks left
     * behind become free) and checks what was written. */
    st = fs_replay(fs);
    if (st != MOTE_FS_OK)
        fs->broken = true;
    return st;
}
