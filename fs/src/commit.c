/*
 * commit.c -- one atomic change to the file system: a commit appended to
 * the catalog's log, or, when it does not fit (or the log's tail may hold
 * a torn commit), a compaction that writes a new catalog ending with it.
 *
 * A commit that fails half-way may or may not be on flash after a reset,
 * and blocks it names might already be reused in RAM; rather than guess,
 * the file system then refuses further changes until it is mounted again
 * (fs->broken), when the log says what happened.
 */
#include "fs_internal.h"

mote_fs_status fs_commit(mote_fs *fs, fs_gen_fn gen, void *ctx)
{
    if (fs->read_only)
        return fs_fail(fs, MOTE_FS_ERR_READ_ONLY, "mounted read-only");
    if (fs->broken)
        return fs_fail(fs, MOTE_FS_ERR_IO, "an earlier flash failure: mount again");
    fs_emit e;
    fs_emit_begin(&e, fs, true, 0, 0);
    gen(&e, ctx);
    if (e.st != MOTE_FS_OK)
        return e.st;
    uint32_t size = fs_emit_total(fs, e.size);
    if (size > fs->block_size - fs->header_size)
        return fs_fail(fs, MOTE_FS_ERR_NO_SPACE, "a change too large for a catalog block");
    uint32_t last = fs->parts - 1, at = fs->part_end[last];
    mote_fs_status st;
    if (!fs->cat_dirty && size <= fs->block_size - at) {
        fs_emit_begin(&e, fs, false, fs_block_off(fs, fs->part_block[last]) + at, fs->log_seed);
        gen(&e, ctx);
        st = fs_emit_end(&e);
        if (st != MOTE_FS_OK) {
            fs->broken = true;
            return st;
        }
        fs->part_end[last] = at + e.size;
        fs->log_seed = e.crc;
    } else {
        st = fs_compact(fs, gen, ctx, size);
        if (st != MOTE_FS_OK)
            return st;
    }
    fs->commits++;
    fs->gen++;
    return MOTE_FS_OK;
}
