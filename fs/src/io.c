/*
 * io.c -- the file system's only way to flash: bounds-checked reads
 * through a small cache, erases of whole blocks and programs of whole
 * write units.  A read outside the region can only come from corrupt
 * on-flash data, so it is reported as such.
 */
#include <string.h>

#include "fs_internal.h"

mote_fs_status fs_fail(mote_fs *fs, mote_fs_status st, const char *detail)
{
    fs->detail = detail;
    return st;
}

void fs_cache_drop(mote_fs *fs)
{
    fs->cache_len = 0;
}

static bool inside(const mote_fs *fs, uint32_t off, uint32_t len)
{
    return off <= fs->flash.size && len <= fs->flash.size - off;
}

/* Drops the cache when [off, off+len) overlaps it. */
static void cache_forget(mote_fs *fs, uint32_t off, uint32_t len)
{
    if (fs->cache_len != 0 && off < fs->cache_at + fs->cache_len && fs->cache_at < off + len)
        fs->cache_len = 0;
}

mote_fs_status fs_read(mote_fs *fs, uint32_t off, void *buf, uint32_t len)
{
    if (!inside(fs, off, len))
        return fs_fail(fs, MOTE_FS_ERR_CORRUPT, "a record points outside the flash region");
    if (len == 0)
        return MOTE_FS_OK;
    if (fs->cache_len != 0 && off >= fs->cache_at && off - fs->cache_at + len <= fs->cache_len) {
        memcpy(buf, fs->cache + (off - fs->cache_at), len);
        return MOTE_FS_OK;
    }
    if (len >= fs->cache_size) {
        if (fs->flash.read(fs->flash.ctx, off, buf, len) != 0)
            return fs_fail(fs, MOTE_FS_ERR_IO, "flash read failed");
        return MOTE_FS_OK;
    }
    uint32_t n = fs->flash.size - off < fs->cache_size ? fs->flash.size - off : fs->cache_size;
    fs->cache_len = 0;
    if (fs->flash.read(fs->flash.ctx, off, fs->cache, n) != 0)
        return fs_fail(fs, MOTE_FS_ERR_IO, "flash read failed");
    fs->cache_at = off;
    fs->cache_len = n;
    memcpy(buf, fs->cache, len);
    return MOTE_FS_OK;
}

mote_fs_status fs_erase(mote_fs *fs, uint32_t block)
{
    if (fs->read_only)
        return fs_fail(fs, MOTE_FS_ERR_READ_ONLY, "mounted read-only");
    uint32_t off = fs_block_off(fs, block);
    cache_forget(fs, off, fs->block_size);
    for (uint32_t s = 0; s < fs->block_size; s += fs->flash.sector_size)
        if (fs->flash.erase(fs->flash.ctx, off + s) != 0)
            return fs_fail(fs, MOTE_FS_ERR_IO, "flash erase failed");
    fs->erases++;
    return MOTE_FS_OK;
}

mote_fs_status fs_program(mote_fs *fs, uint32_t off, const void *buf, uint32_t len)
{
    if (fs->read_only)
        return fs_fail(fs, MOTE_FS_ERR_READ_ONLY, "mounted read-only");
    if (!inside(fs, off, len) || (off | len) & (fs->write_size - 1))
        return fs_fail(fs, MOTE_FS_ERR_ARGUMENT, "misaligned program (a file system bug)");
    if (len == 0)
        return MOTE_FS_OK;
    cache_forget(fs, off, len);
    if (fs->flash.program(fs->flash.ctx, off, buf, len) != 0)
        return fs_fail(fs, MOTE_FS_ERR_IO, "flash program failed");
    fs->programmed += len;
    return MOTE_FS_OK;
}

mote_fs_status fs_is_erased(mote_fs *fs, uint32_t off, uint32_t len, bool *erased)
{
    uint8_t buf[32];
    *erased = false;
    while (len > 0) {
        uint32_t n = len < sizeof buf ? len : (uint32_t)sizeof buf;
        mote_fs_status st = fs_read(fs, off, buf, n);
        if (st != MOTE_FS_OK)
            return st;
        for (uint32_t i = 0; i < n; i++)
            if (buf[i] != 0xFF)
                return MOTE_FS_OK;
        off += n;
        len -= n;
    }
    *erased = true;
    return MOTE_FS_OK;
}

mote_fs_status fs_copy(mote_fs *fs, uint32_t to, uint32_t from, uint32_t len)
{
    /* The cache is the bounce buffer: it holds whole units. */
    uint32_t chunk = fs->cache_size;
    while (len > 0) {
        uint32_t n = len < chunk ? len : chunk;
        fs->cache_len = 0;
        if (!inside(fs, from, n))
            return fs_fail(fs, MOTE_FS_ERR_CORRUPT, "a block copy reaches outside the region");
        if (fs->flash.read(fs->flash.ctx, from, fs->cache, n) != 0)
            return fs_fail(fs, MOTE_FS_ERR_IO, "flash read failed");
        mote_fs_status st = fs_program(fs, to, fs->cache, n);
        if (st != MOTE_FS_OK)
            return st;
        to += n;
        from += n;
        len -= n;
    }
    return MOTE_FS_OK;
}
