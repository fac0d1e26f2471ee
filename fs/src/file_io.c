/*
 * file_io.c -- reading and writing file data.
 *
 * Blocks are never changed in place: writing into existing data copies the
 * block into a new one (copy on write), which replaces the old block only
 * when the file is committed.  The copy is made lazily and in order: the
 * "head" is the block being built, with the bytes before head_prog
 * programmed, the write unit at head_prog in unit[] (F_UNIT), and the
 * bytes from there to head_end still to be copied from head_src.  Writes
 * that go forward through a block therefore cost one copy of it.
 *
 * Appending fills the tail (bytes past the last whole unit) and programs
 * it as a unit into the last block when it is full -- in place when the
 * block is known erased past the data, else into a copy (file.c explains
 * the reservation that keeps "known erased" true across power cuts).
 */
#include <string.h>

#include "fs_internal.h"

mote_fs_status fs_file_ready(mote_fs_file *f);
mote_fs_status fs_head_finish(mote_fs_file *f);

static const uint8_t zeros[64];

static void set(mote_fs_file *f, uint16_t bits, bool on)
{
    f->flags = on ? (uint16_t)(f->flags | bits) : (uint16_t)(f->flags & ~bits);
}

static uint32_t end_of_data(const mote_fs_file *f)
{
    return fs_align_down(f->fs, f->size);
}

static int pending_find(const mote_fs_file *f, uint32_t idx)
{
    for (uint32_t i = 0; i < f->npending; i++)
        if (f->pending[i].idx == idx)
            return (int)i;
    return -1;
}

/* The block that holds index idx now (pending or committed). */
static mote_fs_status block_of(mote_fs_file *f, uint32_t idx, uint16_t *b)
{
    mote_fs *fs = f->fs;
    int i = pending_find(f, idx);
    if (i >= 0) {
        *b = f->pending[i].block;
        return MOTE_FS_OK;
    }
    if (f->map_gen != fs->gen || f->map_idx != idx) {
        mote_fs_status st = fs_map(fs, f->id, idx, 1, &f->map_block);
        if (st != MOTE_FS_OK)
            return st;
        f->map_gen = fs->gen;
        f->map_idx = idx;
    }
    if (f->map_block == FS_NONE || f->map_block >= fs->block_count)
        return fs_fail(fs, MOTE_FS_ERR_CORRUPT, "a file block is missing");
    *b = f->map_block;
    return MOTE_FS_OK;
}

/* Room for one more replaced block: commits when the table is full. */
static mote_fs_status pending_room(mote_fs_file *f)
{
    if (f->npending < MOTE_FS_PENDING)
        return MOTE_FS_OK;
    return fs_file_commit(f, false, false);
}

static void pending_add(mote_fs_file *f, uint32_t idx, uint16_t block, uint16_t old)
{
    f->pending[f->npending].idx = idx;
    f->pending[f->npending].block = block;
    f->pending[f->npending].old = old;
    f->npending++;
}

/* ---- the head block ------------------------------------------------------------------------ */

mote_fs_status fs_head_finish(mote_fs_file *f)
{
    mote_fs *fs = f->fs;
    if (f->head_idx == FS_NO_IDX)
        return MOTE_FS_OK;
    uint32_t base = fs_block_off(fs, f->head_block);
    mote_fs_status st;
    if (f->flags & F_UNIT) {
        if ((st = fs_program(fs, base + f->head_prog, f->unit, fs->write_size)) != MOTE_FS_OK)
            return st;
        f->head_prog += fs->write_size;
        set(f, F_UNIT, false);
    }
    if (f->head_src != FS_NONE) {
        if (f->head_prog < f->head_end) {
            st = fs_copy(fs, base + f->head_prog, fs_block_off(fs, f->head_src) + f->head_prog,
                         f->head_end - f->head_prog);
            if (st != MOTE_FS_OK)
                return st;
            f->head_prog = f->head_end;
        }
        if (f->flags & F_SRC_FRESH)
            fs_release(fs, f->head_src);
        f->head_src = FS_NONE;
        set(f, F_SRC_FRESH, false);
    }
    /* It stays the head only as the last block, to append to. */
    if ((uint64_t)f->head_idx * fs->block_size + f->head_prog != end_of_data(f) ||
        f->head_prog >= fs->block_size)
        f->head_idx = FS_NO_IDX;
    return MOTE_FS_OK;
}

/* Starts a copy of block idx (which holds data) as the head. */
static mote_fs_status head_copy(mote_fs_file *f, uint32_t idx)
{
    mote_fs *fs = f->fs;
    mote_fs_status st = fs_head_finish(f);
    f->head_idx = FS_NO_IDX;
    if (st != MOTE_FS_OK)
        return st;
    int i = pending_find(f, idx);
    if (i < 0 && (st = pending_room(f)) != MOTE_FS_OK)
        return st;
    uint16_t src, fresh;
    if ((st = block_of(f, idx, &src)) != MOTE_FS_OK ||
        (st = fs_alloc(fs, false, &fresh)) != MOTE_FS_OK)
        return st;
    if (i >= 0) {
        f->pending[i].block = fresh; /* src was new since the last commit */
        set(f, F_SRC_FRESH, true);
    } else {
        pending_add(f, idx, fresh, src);
    }
    uint32_t extent = end_of_data(f) - idx * fs->block_size;
    f->head_idx = idx;
    f->head_block = fresh;
    f->head_src = src;
    f->head_prog = 0;
    f->head_end = extent < fs->block_size ? extent : fs->block_size;
    set(f, F_HEAD_FRESH, true);
    return MOTE_FS_OK;
}

/* Makes the head the block that holds the end of the data, ready to take
 * the next unit at head_prog. */
static mote_fs_status head_at_end(mote_fs_file *f)
{
    mote_fs *fs = f->fs;
    uint32_t a = end_of_data(f), idx = a / fs->block_size, off = a % fs->block_size;
    mote_fs_status st = fs_head_finish(f);
    if (st != MOTE_FS_OK)
        return st;
    if (f->head_idx == idx)
        return MOTE_FS_OK; /* finishing left it there */
    f->head_idx = FS_NO_IDX;
    int i = pending_find(f, idx);
    uint16_t block, old = FS_NONE;
    bool in_place = false;
    if (i >= 0) { /* new since the last commit: erased past off */
        f->head_block = f->pending[i].block;
    } else if (off == 0) { /* a new block for a new index */
        if ((st = pending_room(f)) != MOTE_FS_OK ||
            (st = fs_charge(fs, f->quota, 1, 0)) != MOTE_FS_OK)
            return st;
        if ((st = fs_alloc(fs, false, &block)) != MOTE_FS_OK) {
            fs_charge(fs, f->quota, -1, 0);
            return st;
        }
        f->blocks++;
        pending_add(f, idx, block, FS_NONE);
        f->head_block = block;
    } else if ((st = block_of(f, idx, &old)) != MOTE_FS_OK) {
        return st;
    } else if (f->flags & F_SZDIRTY) { /* may hold bytes past off: copy it */
        if ((st = pending_room(f)) != MOTE_FS_OK ||
            (st = fs_alloc(fs, false, &block)) != MOTE_FS_OK)
            return st;
        pending_add(f, idx, block, old);
        if ((st = fs_copy(fs, fs_block_off(fs, block), fs_block_off(fs, old), off)) != MOTE_FS_OK)
            return st;
        set(f, F_SZDIRTY, false);
        f->head_block = block;
    } else { /* in place, once reserved */
        f->head_block = old;
        in_place = true;
    }
    f->head_idx = idx;
    f->head_src = FS_NONE;
    f->head_prog = off;
    f->head_end = off;
    if (in_place && !(f->flags & F_RESERVED))
        return fs_file_commit(f, false, true);
    return MOTE_FS_OK;
}

/* ---- writing ------------------------------------------------------------------------------------
 */

/* Programs bytes at the end of the data: whole units from the tail, or
 * straight from the caller's buffer when the tail is empty. */
static mote_fs_status append_units(mote_fs_file *f, const uint8_t *src, uint32_t n, uint32_t *took)
{
    mote_fs *fs = f->fs;
    mote_fs_status st = head_at_end(f);
    if (st != MOTE_FS_OK)
        return st;
    uint32_t room = fs->block_size - f->head_prog, k = n < room ? n : room;
    uint32_t at = fs_block_off(fs, f->head_block) + f->head_prog;
    if (src != NULL) {
        st = fs_program(fs, at, src, k);
    } else {
        for (uint32_t done = 0; done < k && st == MOTE_FS_OK; done += sizeof zeros)
            st =
                fs_program(fs, at + done, zeros, k - done < sizeof zeros ? k - done : sizeof zeros);
    }
    if (st != MOTE_FS_OK)
        return st;
    f->head_prog += k;
    f->head_end = f->head_prog;
    *took = k;
    return MOTE_FS_OK;
}

/* Bytes at pos in the tail's unit (pos <= size). */
static mote_fs_status put_tail(mote_fs_file *f, uint32_t pos, const uint8_t *src, uint32_t n,
                               uint32_t *took)
{
    mote_fs *fs = f->fs;
    uint32_t a = end_of_data(f), ws = fs->write_size;
    mote_fs_status st;
    if (pos == a && f->tail_len == 0 && n >= ws) {
        /* whole units straight through */
        uint32_t k;
        if ((st = append_units(f, src, n & ~(ws - 1), &k)) != MOTE_FS_OK)
            return st;
        f->size += k;
        *took = k;
        return MOTE_FS_OK;
    }
    uint32_t off = pos - a, k = n < ws - off ? n : ws - off;
    bool full = off + k == ws;
    /* Ready the block first: that may commit, and must commit the file
     * as it is, not with a tail half changed. */
    if (full && (st = head_at_end(f)) != MOTE_FS_OK)
        return st;
    if (src != NULL)
        memcpy(f->tail + off, src, k);
    else
        memset(f->tail + off, 0, k);
    *took = k;
    if (!full) {
        if (pos + k > f->size)
            f->size = pos + k;
        f->tail_len = (uint8_t)(f->size - a);
        return MOTE_FS_OK;
    }
    uint32_t done;
    if ((st = append_units(f, f->tail, ws, &done)) != MOTE_FS_OK)
        return st;
    f->size = a + ws;
    f->tail_len = 0;
    return MOTE_FS_OK;
}

/* Bytes at pos inside the data blocks. */
static mote_fs_status put_data(mote_fs_file *f, uint32_t pos, const uint8_t *src, uint32_t n,
                               uint32_t *took)
{
    mote_fs *fs = f->fs;
    uint32_t ws = fs->write_size, idx = pos / fs->block_size, off = pos % fs->block_size;
    uint32_t unit = off & ~(ws - 1);
    mote_fs_status st;
    if (f->head_idx != idx || f->head_src == FS_NONE || unit < f->head_prog)
        if ((st = head_copy(f, idx)) != MOTE_FS_OK)
            return st;
    uint32_t base = fs_block_off(fs, f->head_block);
    if ((f->flags & F_UNIT) && unit > f->head_prog) {
        if ((st = fs_program(fs, base + f->head_prog, f->unit, ws)) != MOTE_FS_OK)
            return st;
        f->head_prog += ws;
        set(f, F_UNIT, false);
    }
    if (unit > f->head_prog) {
        st = fs_copy(fs, base + f->head_prog, fs_block_off(fs, f->head_src) + f->head_prog,
                     unit - f->head_prog);
        if (st != MOTE_FS_OK)
            return st;
        f->head_prog = unit;
    }
    if (!(f->flags & F_UNIT)) {
        st = fs_read(fs, fs_block_off(fs, f->head_src) + unit, f->unit, ws);
        if (st != MOTE_FS_OK)
            return st;
        set(f, F_UNIT, true);
    }
    uint32_t k = n < unit + ws - off ? n : unit + ws - off;
    if (src != NULL)
        memcpy(f->unit + (off - unit), src, k);
    else
        memset(f->unit + (off - unit), 0, k);
    *took = k;
    return MOTE_FS_OK;
}

/* Writes n bytes at pos (zeros when src is NULL); *done how many made it. */
static mote_fs_status write_at(mote_fs_file *f, uint32_t pos, const uint8_t *src, uint32_t n,
                               uint32_t *done)
{
    mote_fs_status st = MOTE_FS_OK;
    *done = 0;
    set(f, F_DIRTY, true);
    if (pos > f->size) {
        uint32_t gap;
        if ((st = write_at(f, f->size, NULL, pos - f->size, &gap)) != MOTE_FS_OK)
            return st;
    }
    while (n > 0 && st == MOTE_FS_OK) {
        uint32_t k = 0;
        if (pos >= end_of_data(f))
            st = put_tail(f, pos, src, n, &k);
        else
            st = put_data(f, pos, src, n, &k);
        pos += k;
        n -= k;
        *done += k;
        if (src != NULL)
            src += k;
        set(f, F_DIRTY, true); /* (again: a commit on the way clears it) */
    }
    return st;
}

/* Enough free blocks and quota for a write of n bytes at pos? */
static mote_fs_status precheck(mote_fs_file *f, uint32_t pos, uint32_t n)
{
    mote_fs *fs = f->fs;
    uint32_t end = pos + n, grown = end > f->size ? end : f->size;
    uint32_t grow = fs_blocks_of(fs, grown) - fs_blocks_of(fs, f->size);
    uint32_t a = end_of_data(f), copies = 0;
    if (pos < a && n > 0) {
        uint32_t last = (end < a ? end : a) - 1;
        copies = last / fs->block_size - pos / fs->block_size + 1;
        if (copies > MOTE_FS_PENDING + 1)
            copies = MOTE_FS_PENDING + 1;
    }
    copies += (f->flags & F_SZDIRTY) != 0;
    mote_fs_quota *q = f->quota;
    if (q != NULL && grow > 0 &&
        (q->used_blocks > q->max_blocks || grow > q->max_blocks - q->used_blocks))
        return fs_fail(fs, MOTE_FS_ERR_QUOTA, "the quota's blocks are used up");
    uint32_t spare = fs->block_count - fs->used_blocks, reserve = fs_reserve(fs);
    if ((uint64_t)grow + copies + reserve > spare)
        return fs_fail(fs, MOTE_FS_ERR_NO_SPACE, "no free block");
    return MOTE_FS_OK;
}

static mote_fs_status write_checked(mote_fs_file *f, const void *buf, size_t len, uint32_t pos,
                                    size_t *written)
{
    mote_fs *fs = f->fs;
    uint32_t done = 0;
    if (written != NULL)
        *written = 0;
    if (!(f->flags & MOTE_FS_O_WRITE))
        return fs_fail(fs, MOTE_FS_ERR_READ_ONLY, "not opened for writing");
    mote_fs_status st = fs_check_mounted(fs, true);
    if (st != MOTE_FS_OK)
        return st;
    if (len > MOTE_FS_FILE_MAX || pos > MOTE_FS_FILE_MAX - (uint32_t)len)
        return fs_fail(fs, MOTE_FS_ERR_TOO_BIG, "past the largest file size");
    if (len == 0)
        return MOTE_FS_OK;
    if ((st = precheck(f, pos, (uint32_t)len)) != MOTE_FS_OK)
        return st;
    st = write_at(f, pos, buf, (uint32_t)len, &done);
    if (st != MOTE_FS_OK && st != MOTE_FS_ERR_NO_SPACE && st != MOTE_FS_ERR_QUOTA) {
        fs_file_discard(f);
        done = 0;
    }
    if (written != NULL)
        *written = done;
    return st;
}

mote_fs_status mote_fs_write(mote_fs_file *f, const void *buf, size_t len, size_t *written)
{
    mote_fs_status st = fs_file_ready(f);
    if (written != NULL)
        *written = 0;
    if (st != MOTE_FS_OK)
        return st;
    uint32_t pos = (f->flags & MOTE_FS_O_APPEND) ? f->size : f->pos;
    size_t done;
    st = write_checked(f, buf, len, pos, &done);
    f->pos = pos + (uint32_t)done;
    if (written != NULL)
        *written = done;
    return st;
}

mote_fs_status mote_fs_pwrite(mote_fs_file *f, const void *buf, size_t len, uint32_t offset,
                              size_t *written)
{
    mote_fs_status st = fs_file_ready(f);
    if (written != NULL)
        *written = 0;
    return st != MOTE_FS_OK ? st : write_checked(f, buf, len, offset, written);
}

/* ---- reading -----------------------------------------------------------------------------------
 */

/* Some bytes at pos (< size): up to the end of whatever holds them. */
static mote_fs_status read_some(mote_fs_file *f, uint32_t pos, uint8_t *buf, uint32_t n,
                                uint32_t *got)
{
    mote_fs *fs = f->fs;
    uint32_t a = end_of_data(f);
    if (n > f->size - pos)
        n = f->size - pos;
    if (pos >= a) {
        memcpy(buf, f->tail + (pos - a), n);
        *got = n;
        return MOTE_FS_OK;
    }
    uint32_t idx = pos / fs->block_size, off = pos % fs->block_size;
    uint32_t limit = a - idx * fs->block_size;
    if (limit > fs->block_size)
        limit = fs->block_size;
    if (n > limit - off)
        n = limit - off;
    uint16_t b;
    if (f->head_idx == idx) {
        uint32_t prog = f->head_prog, unit_end = prog + ((f->flags & F_UNIT) ? fs->write_size : 0);
        if (off < prog) {
            b = f->head_block;
            n = n < prog - off ? n : prog - off;
        } else if (off < unit_end) {
            n = n < unit_end - off ? n : unit_end - off;
            memcpy(buf, f->unit + (off - prog), n);
            *got = n;
            return MOTE_FS_OK;
        } else if (f->head_src != FS_NONE) {
            b = f->head_src;
        } else {
            return fs_fail(fs, MOTE_FS_ERR_CORRUPT, "file data missing (a file system bug)");
        }
    } else {
        mote_fs_status st = block_of(f, idx, &b);
        if (st != MOTE_FS_OK)
            return st;
    }
    *got = n;
    return fs_read(fs, fs_block_off(fs, b) + off, buf, n);
}

static mote_fs_status read_at(mote_fs_file *f, uint32_t pos, void *buf, size_t len, size_t *got)
{
    *got = 0;
    if (!(f->flags & MOTE_FS_O_READ))
        return fs_fail(f->fs, MOTE_FS_ERR_READ_ONLY, "not opened for reading");
    uint8_t *out = buf;
    while (len > 0 && pos < f->size) {
        uint32_t n = len > f->size ? f->size : (uint32_t)len, k = 0;
        mote_fs_status st = read_some(f, pos, out, n, &k);
        if (st != MOTE_FS_OK)
            return st;
        pos += k;
        out += k;
        len -= k;
        *got += k;
    }
    return MOTE_FS_OK;
}

mote_fs_status mote_fs_read(mote_fs_file *f, void *buf, size_t len, size_t *got)
{
    mote_fs_status st = fs_file_ready(f);
    *got = 0;
    if (st == MOTE_FS_OK && (st = read_at(f, f->pos, buf, len, got)) == MOTE_FS_OK)
        f->pos += (uint32_t)*got;
    return st;
}

mote_fs_status mote_fs_pread(mote_fs_file *f, void *buf, size_t len, uint32_t offset, size_t *got)
{
    mote_fs_status st = fs_file_ready(f);
    *got = 0;
    return st != MOTE_FS_OK ? st : read_at(f, offset, buf, len, got);
}

/* ---- truncating -------------------------------------------------------------------------------
 */

typedef struct shrink {
    mote_fs_file *f;
    uint32_t keep, had; /* blocks after and before */
    uint8_t flags;
} shrink;

static void gen_shrink(fs_emit *e, void *ctx)
{
    shrink *s = ctx;
    fs_emit_free(e, s->f->id, s->keep, s->had);
    fs_emit_size(e, s->f->id, s->f->size, s->flags, s->f->tail, s->f->tail_len);
}

mote_fs_status mote_fs_truncate(mote_fs_file *f, uint32_t size)
{
    mote_fs_status st = fs_file_ready(f);
    if (st != MOTE_FS_OK)
        return st;
    mote_fs *fs = f->fs;
    if (!(f->flags & MOTE_FS_O_WRITE))
        return fs_fail(fs, MOTE_FS_ERR_READ_ONLY, "not opened for writing");
    if ((st = fs_check_mounted(fs, true)) != MOTE_FS_OK)
        return st;
    if (size > MOTE_FS_FILE_MAX)
        return fs_fail(fs, MOTE_FS_ERR_TOO_BIG, "past the largest file size");
    if (size >= f->size) {
        if (size > f->size)
            st = write_checked(f, NULL, size - f->size, f->size, NULL);
        if (st == MOTE_FS_OK)
            st = fs_file_commit(f, false, true);
        if (st != MOTE_FS_OK)
            fs_file_discard(f);
        return st;
    }
    /* Shrinking: commit what is there, then drop blocks and end in one commit. */
    if ((st = fs_file_commit(f, false, false)) != MOTE_FS_OK) {
        fs_file_discard(f);
        return st;
    }
    uint32_t a = fs_align_down(fs, size);
    uint8_t tail[MOTE_FS_MAX_WRITE_SIZE];
    size_t got;
    uint16_t mode = f->flags;
    f->flags |= MOTE_FS_O_READ;
    st = read_at(f, a, tail, size - a, &got);
    f->flags = mode;
    if (st != MOTE_FS_OK)
        return st;
    shrink s = {.f = f,
                .keep = fs_blocks_of(fs, size),
                .had = f->blocks,
                .flags = a % fs->block_size != 0 ? SZ_DIRTY : 0};
    uint32_t old_size = f->size;
    uint8_t old_tail[MOTE_FS_MAX_WRITE_SIZE], old_len = f->tail_len;
    memcpy(old_tail, f->tail, sizeof old_tail);
    f->size = size;
    f->tail_len = (uint8_t)(size - a);
    memcpy(f->tail, tail, f->tail_len);
    if ((st = fs_commit(fs, gen_shrink, &s)) != MOTE_FS_OK) {
        f->size = old_size;
        f->tail_len = old_len;
        memcpy(f->tail, old_tail, sizeof old_tail);
        return st;
    }
    fs_charge(fs, f->quota, -(int32_t)(s.had - s.keep), 0);
    f->blocks = s.keep;
    f->head_idx = FS_NO_IDX;
    set(f, F_RESERVED, false);
    set(f, F_SZDIRTY, s.flags != 0);
    fs_invalidate(fs, f->id, f, false);
    if ((st = fs_replay(fs)) != MOTE_FS_OK) /* settles the freed blocks */
        fs->broken = true;
    return st;
}
