/*
 * file.c -- open files: opening, loading the committed state, commits,
 * and the bookkeeping between several handles of one file.
 *
 * A handle's state (size, the tail, the head block being written, the
 * blocks replaced since the last commit) describes the file as this handle
 * sees it.  At most one handle of a file has uncommitted changes: any use
 * of a file through another handle, or by name, first commits them
 * (fs_flush_others), and every commit makes the file's other handles
 * reload (fs_invalidate).
 *
 * The end of a file: bytes up to the last whole write unit live in data
 * blocks, the rest (the tail, under one unit) in the T_SIZE record.  A
 * handle appends in place into the last block when that block is known
 * to be erased past the data.  To keep that true across a power cut, the
 * first in-place program after a commit is preceded by a commit with
 * SZ_DIRTY set ("the last block may hold programmed bytes past the data"),
 * and closing clears it; a file found with SZ_DIRTY set gets its last
 * block copied before anything is appended.
 */
#include <string.h>

#include "fs_internal.h"

static bool is_open(const mote_fs_file *f)
{
    return f != NULL && (f->flags & F_OPEN) != 0 && f->fs != NULL && f->fs->mounted;
}

static void set(mote_fs_file *f, uint16_t bits, bool on)
{
    f->flags = on ? (uint16_t)(f->flags | bits) : (uint16_t)(f->flags & ~bits);
}

mote_fs_status fs_file_load(mote_fs_file *f)
{
    mote_fs *fs = f->fs;
    fs_obj o;
    mote_fs_status st = fs_obj_get(fs, f->id, &o);
    if (st == MOTE_FS_ERR_NOT_FOUND) {
        set(f, F_STALE, true);
        return MOTE_FS_ERR_STALE;
    }
    if (st != MOTE_FS_OK)
        return st;
    if (o.type != MOTE_FS_TYPE_FILE || o.tail_len > sizeof f->tail)
        return fs_fail(fs, MOTE_FS_ERR_CORRUPT, "a file record is not a file");
    if ((st = fs_read(fs, o.tail_at, f->tail, o.tail_len)) != MOTE_FS_OK)
        return st;
    f->size = o.size;
    f->tail_len = (uint8_t)o.tail_len;
    f->blocks = fs_blocks_of(fs, o.size);
    f->head_idx = FS_NO_IDX;
    f->head_src = FS_NONE;
    f->npending = 0;
    f->map_gen = fs->gen - 1;
    set(f, F_DIRTY | F_HEAD_FRESH | F_RESERVED | F_UNIT | F_SRC_FRESH | F_SZDIRTY, false);
    set(f, F_SZDIRTY, (o.flags & SZ_DIRTY) != 0);
    set(f, F_VALID, true);
    return MOTE_FS_OK;
}

/* Gives back the blocks f took since its last commit. */
static void release_fresh(mote_fs_file *f)
{
    for (uint32_t i = 0; i < f->npending; i++)
        fs_release(f->fs, f->pending[i].block);
    if ((f->flags & F_SRC_FRESH) && f->head_src != FS_NONE)
        fs_release(f->fs, f->head_src);
    f->npending = 0;
    f->head_idx = FS_NO_IDX;
    f->head_src = FS_NONE;
    set(f, F_HEAD_FRESH | F_SRC_FRESH | F_UNIT, false);
}

void fs_file_discard(mote_fs_file *f)
{
    mote_fs *fs = f->fs;
    release_fresh(f);
    fs_obj o;
    uint32_t committed = fs_obj_get(fs, f->id, &o) == MOTE_FS_OK ? fs_blocks_of(fs, o.size) : 0;
    if (f->blocks > committed)
        fs_charge(fs, f->quota, -(int32_t)(f->blocks - committed), 0);
    set(f, F_VALID | F_DIRTY | F_RESERVED, false);
}

void fs_invalidate(mote_fs *fs, uint32_t id, mote_fs_file *except, bool removed)
{
    for (mote_fs_file *g = fs->open; g != NULL; g = g->next) {
        if (g == except || g->id != id)
            continue;
        release_fresh(g);
        set(g, F_VALID | F_DIRTY | F_RESERVED, false);
        if (removed)
            set(g, F_STALE, true);
    }
}

mote_fs_status fs_flush_others(mote_fs *fs, uint32_t id, mote_fs_file *except)
{
    for (mote_fs_file *g = fs->open; g != NULL; g = g->next)
        if (g != except && g->id == id && (g->flags & F_DIRTY)) {
            mote_fs_status st = fs_file_commit(g, false, false);
            if (st != MOTE_FS_OK)
                return st;
        }
    return MOTE_FS_OK;
}

bool fs_block_held(const mote_fs *fs, uint32_t b)
{
    for (const mote_fs_file *f = fs->open; f != NULL; f = f->next) {
        if (f->head_idx != FS_NO_IDX && (f->head_block == b || f->head_src == b))
            return true;
        for (uint32_t i = 0; i < f->npending; i++)
            if (f->pending[i].block == b || f->pending[i].old == b)
                return true;
    }
    return false;
}

void fs_mark_held(mote_fs *fs)
{
    for (mote_fs_file *f = fs->open; f != NULL; f = f->next) {
        if (f->head_idx != FS_NO_IDX) {
            fs_mark(fs, f->head_block, true);
            if (f->head_src != FS_NONE)
                fs_mark(fs, f->head_src, true);
        }
        for (uint32_t i = 0; i < f->npending; i++)
            fs_mark(fs, f->pending[i].block, true);
    }
}

/* ---- commits -------------------------------------------------------------------------------- */

void fs_emit_size(fs_emit *e, uint32_t id, uint32_t size, uint32_t flags, const uint8_t *tail,
                  uint32_t tail_len)
{
    fs_emit_record(e, T_SIZE, SIZE_FIXED + tail_len);
    fs_emit_u32(e, id);
    fs_emit_u32(e, size);
    fs_emit_u8(e, flags);
    fs_emit_bytes(e, tail, tail_len);
}

void fs_emit_blocks(fs_emit *e, uint32_t id, uint32_t first, const uint16_t *blocks, uint32_t n)
{
    fs_emit_record(e, T_BLKS, BLKS_FIXED + 2 * n);
    fs_emit_u32(e, id);
    fs_emit_u32(e, first);
    for (uint32_t i = 0; i < n; i++)
        fs_emit_u16(e, blocks[i]);
}

typedef struct file_commit {
    mote_fs_file *f;
    uint8_t flags;
} file_commit;

static void gen_file(fs_emit *e, void *ctx)
{
    file_commit *c = ctx;
    mote_fs_file *f = c->f;
    uint32_t olds = 0;
    for (uint32_t i = 0; i < f->npending; i++) {
        fs_emit_blocks(e, f->id, f->pending[i].idx, &f->pending[i].block, 1);
        olds += f->pending[i].old != FS_NONE;
    }
    if (olds > 0) {
        fs_emit_record(e, T_FREE, 2 * olds);
        for (uint32_t i = 0; i < f->npending; i++)
            if (f->pending[i].old != FS_NONE)
                fs_emit_u16(e, f->pending[i].old);
    }
    fs_emit_size(e, f->id, f->size, c->flags, f->tail, f->tail_len);
}

/* True when f holds the block at the file's end and may program past the
 * data without another commit. */
static bool holds_end(const mote_fs_file *f)
{
    const mote_fs *fs = f->fs;
    uint32_t a = fs_align_down(fs, f->size);
    return f->head_idx != FS_NO_IDX && f->head_src == FS_NONE && !(f->flags & F_UNIT) &&
           (uint64_t)f->head_idx * fs->block_size + f->head_prog == a &&
           f->head_prog < fs->block_size;
}

/* file_io.c: completes the head block (the unit, the rest of the copy). */
mote_fs_status fs_head_finish(mote_fs_file *f);

mote_fs_status fs_file_commit(mote_fs_file *f, bool closing, bool force)
{
    mote_fs *fs = f->fs;
    if (!(f->flags & F_VALID) || (f->flags & F_STALE))
        return MOTE_FS_OK;
    bool reserved = (f->flags & F_RESERVED) != 0;
    if (!(f->flags & F_DIRTY) && !force && !(closing && reserved))
        return MOTE_FS_OK;
    /* Another handle's changes go first; if that made ours stale, there is
     * nothing of ours to commit. */
    mote_fs_status st = fs_flush_others(fs, f->id, f);
    if (st != MOTE_FS_OK || !(f->flags & F_VALID))
        return st;
    st = fs_head_finish(f);
    if (st != MOTE_FS_OK)
        return st;
    bool keep = !closing && holds_end(f);
    file_commit c = {.f = f, .flags = (f->flags & F_SZDIRTY) || keep ? SZ_DIRTY : 0};
    if ((st = fs_commit(fs, gen_file, &c)) != MOTE_FS_OK)
        return st;
    for (uint32_t i = 0; i < f->npending; i++)
        if (f->pending[i].old != FS_NONE)
            fs_release(fs, f->pending[i].old);
    f->npending = 0;
    f->blocks = fs_blocks_of(fs, f->size);
    set(f, F_DIRTY | F_HEAD_FRESH, false);
    set(f, F_RESERVED, keep);
    fs_invalidate(fs, f->id, f, false);
    return MOTE_FS_OK;
}

/* ---- opening and closing ----------------------------------------------------------------------
 */

static mote_fs_status find_or_create(mote_fs *fs, uint32_t dir, const char *path, unsigned flags,
                                     uint32_t *id)
{
    fs_obj parent, o;
    const char *name;
    uint32_t len;
    mote_fs_status st = fs_walk(fs, dir, path, &parent, &name, &len);
    if (st != MOTE_FS_OK)
        return st;
    if (len == 0)
        return MOTE_FS_ERR_IS_DIR;
    st = fs_child(fs, parent.id, name, len, &o);
    if (st == MOTE_FS_OK) {
        if ((flags & MOTE_FS_O_CREATE) && (flags & MOTE_FS_O_EXCL))
            return MOTE_FS_ERR_EXISTS;
        if (o.type != MOTE_FS_TYPE_FILE)
            return MOTE_FS_ERR_IS_DIR;
        *id = o.id;
        return MOTE_FS_OK;
    }
    if (st != MOTE_FS_ERR_NOT_FOUND || !(flags & MOTE_FS_O_CREATE))
        return st;
    if (fs->read_only || fs->broken)
        return fs_check_mounted(fs, true);
    return fs_create(fs, parent.id, name, len, MOTE_FS_TYPE_FILE, id);
}

mote_fs_status mote_fs_open(mote_fs *fs, mote_fs_file *f, uint32_t dir, const char *path,
                            unsigned flags)
{
    const unsigned known = MOTE_FS_O_READ | MOTE_FS_O_WRITE | MOTE_FS_O_CREATE | MOTE_FS_O_EXCL |
                           MOTE_FS_O_TRUNC | MOTE_FS_O_APPEND;
    bool writes = (flags & (MOTE_FS_O_WRITE | MOTE_FS_O_TRUNC)) != 0;
    mote_fs_status st = fs_check_mounted(fs, false);
    if (st != MOTE_FS_OK)
        return st;
    if ((flags & ~known) || !(flags & (MOTE_FS_O_READ | MOTE_FS_O_WRITE)) ||
        ((flags & MOTE_FS_O_TRUNC) && !(flags & MOTE_FS_O_WRITE)))
        return fs_fail(fs, MOTE_FS_ERR_ARGUMENT, "bad open flags");
    if (writes && (st = fs_check_mounted(fs, true)) != MOTE_FS_OK)
        return st;
    uint32_t id;
    if ((st = find_or_create(fs, dir, path, flags, &id)) != MOTE_FS_OK)
        return st;
    memset(f, 0, sizeof *f);
    f->fs = fs;
    f->quota = fs->quota;
    f->id = id;
    f->flags = (uint16_t)(flags | F_OPEN);
    f->head_idx = FS_NO_IDX;
    f->head_src = FS_NONE;
    if ((st = fs_flush_others(fs, id, f)) != MOTE_FS_OK || (st = fs_file_load(f)) != MOTE_FS_OK) {
        f->flags = 0;
        return st;
    }
    f->next = fs->open;
    fs->open = f;
    if ((flags & MOTE_FS_O_TRUNC) && f->size > 0 && (st = mote_fs_truncate(f, 0)) != MOTE_FS_OK) {
        mote_fs_close(f);
        return st;
    }
    return MOTE_FS_OK;
}

mote_fs_status mote_fs_close(mote_fs_file *f)
{
    if (!is_open(f))
        return MOTE_FS_ERR_ARGUMENT;
    mote_fs *fs = f->fs;
    mote_fs_status st = MOTE_FS_OK;
    if (f->flags & F_VALID) {
        st = fs_file_commit(f, true, false);
        if (st != MOTE_FS_OK)
            fs_file_discard(f);
    }
    release_fresh(f);
    for (mote_fs_file **p = &fs->open; *p != NULL; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            break;
        }
    f->flags = 0;
    if (st == MOTE_FS_OK && !fs->read_only && !fs->broken)
        st = fs_wear_level(fs);
    return st;
}

/* Checks the handle and brings its state up to date. */
mote_fs_status fs_file_ready(mote_fs_file *f)
{
    if (!is_open(f))
        return MOTE_FS_ERR_ARGUMENT;
    mote_fs *fs = f->fs;
    fs->detail = "";
    if (f->flags & F_STALE)
        return MOTE_FS_ERR_STALE;
    mote_fs_status st = fs_flush_others(fs, f->id, f);
    if (st == MOTE_FS_OK && !(f->flags & F_VALID))
        st = fs_file_load(f);
    return st;
}

mote_fs_status mote_fs_sync(mote_fs_file *f)
{
    mote_fs_status st = fs_file_ready(f);
    if (st != MOTE_FS_OK)
        return st;
    if ((st = fs_file_commit(f, false, false)) != MOTE_FS_OK)
        fs_file_discard(f);
    else
        st = fs_wear_level(f->fs);
    return st;
}

uint32_t mote_fs_tell(const mote_fs_file *f)
{
    return f->pos;
}

uint32_t mote_fs_size(const mote_fs_file *f)
{
    return f->size;
}

mote_fs_status mote_fs_seek(mote_fs_file *f, int64_t offset, mote_fs_whence whence, uint32_t *pos)
{
    mote_fs_status st = fs_file_ready(f);
    if (st != MOTE_FS_OK)
        return st;
    int64_t base = whence == MOTE_FS_SEEK_SET ? 0 : whence == MOTE_FS_SEEK_CUR ? f->pos : f->size;
    if (whence > MOTE_FS_SEEK_END || offset < -(int64_t)MOTE_FS_FILE_MAX - 1 ||
        offset > (int64_t)MOTE_FS_FILE_MAX || base + offset < 0 ||
        base + offset > (int64_t)MOTE_FS_FILE_MAX)
        return fs_fail(f->fs, MOTE_FS_ERR_ARGUMENT, "seek out of range");
    f->pos = (uint32_t)(base + offset);
    if (pos != NULL)
        *pos = f->pos;
    return MOTE_FS_OK;
}

mote_fs_status mote_fs_fstat(mote_fs_file *f, mote_fs_stat *st)
{
    mote_fs_status s = fs_file_ready(f);
    if (s != MOTE_FS_OK)
        return s;
    st->id = f->id;
    st->type = MOTE_FS_TYPE_FILE;
    st->size = f->size;
    st->blocks = fs_blocks_of(f->fs, f->size);
    return MOTE_FS_OK;
}
