/*
 * mount.c -- formatting and mounting; the RAM the file system needs.
 *
 * Mount reads the two superblocks (block 0, and block 1 -- found by trying
 * the block sizes a format can choose when block 0 is unreadable), takes
 * the valid one with the higher revision, follows its last pointer to the
 * catalog and replays that (replay.c).  It writes nothing.
 */
#include <string.h>

#include "fs_internal.h"

#define DEFAULT_CACHE 128u
#define MIN_CACHE 64u
#define STAGE 64u
#define CACHE_UNIT 64u /* the cache holds whole write units of any size */

_Static_assert(MOTE_FS_MAX_WRITE_SIZE <= 64 &&
                   (MOTE_FS_MAX_WRITE_SIZE & (MOTE_FS_MAX_WRITE_SIZE - 1)) == 0,
               "MOTE_FS_MAX_WRITE_SIZE: a power of two up to 64");

static const char *const names[] = {
    [MOTE_FS_OK] = "ok",
    [MOTE_FS_ERR_ARGUMENT] = "bad argument",
    [MOTE_FS_ERR_IO] = "flash failure",
    [MOTE_FS_ERR_CORRUPT] = "corrupt file system",
    [MOTE_FS_ERR_NOT_FORMATTED] = "no file system",
    [MOTE_FS_ERR_GEOMETRY] = "incompatible file system",
    [MOTE_FS_ERR_NO_MEMORY] = "not enough RAM",
    [MOTE_FS_ERR_NOT_FOUND] = "not found",
    [MOTE_FS_ERR_EXISTS] = "exists",
    [MOTE_FS_ERR_NOT_DIR] = "not a directory",
    [MOTE_FS_ERR_IS_DIR] = "is a directory",
    [MOTE_FS_ERR_NOT_EMPTY] = "directory not empty",
    [MOTE_FS_ERR_NO_SPACE] = "no space",
    [MOTE_FS_ERR_QUOTA] = "quota exceeded",
    [MOTE_FS_ERR_NAME_TOO_LONG] = "name too long",
    [MOTE_FS_ERR_TOO_BIG] = "file too big",
    [MOTE_FS_ERR_READ_ONLY] = "read-only",
    [MOTE_FS_ERR_BUSY] = "busy",
    [MOTE_FS_ERR_STALE] = "stale handle",
    [MOTE_FS_ERR_INVALID] = "invalid operation",
};

const char *mote_fs_status_name(mote_fs_status status)
{
    if ((unsigned)status < sizeof names / sizeof names[0] && names[status] != NULL)
        return names[status];
    return "unknown status";
}

const char *mote_fs_detail(const mote_fs *fs)
{
    return fs->detail != NULL ? fs->detail : "";
}

static uint32_t cache_bytes(uint32_t cache_size)
{
    uint32_t c = cache_size == 0 ? DEFAULT_CACHE : cache_size;
    c -= c % CACHE_UNIT;
    return c < MIN_CACHE ? MIN_CACHE : c;
}

size_t mote_fs_ram_needed(uint32_t block_count, uint32_t cache_size)
{
    return (size_t)cache_bytes(cache_size) + STAGE + (block_count + 7) / 8;
}

static bool pow2(uint32_t v)
{
    return v != 0 && (v & (v - 1)) == 0;
}

/* Checks the flash description and the RAM, and carves the buffers. */
static mote_fs_status setup(mote_fs *fs, const mote_fs_config *cfg)
{
    memset(fs, 0, sizeof *fs);
    fs->detail = "";
    const mote_fs_flash *fl = cfg != NULL ? cfg->flash : NULL;
    if (fl == NULL || fl->read == NULL || (!fl->read_only && (!fl->erase || !fl->program)))
        return fs_fail(fs, MOTE_FS_ERR_ARGUMENT, "no flash operations");
    if (!pow2(fl->sector_size) || !pow2(fl->write_size) ||
        fl->write_size > MOTE_FS_MAX_WRITE_SIZE || fl->sector_size < fl->write_size ||
        fl->size % fl->sector_size != 0 || fl->size == 0)
        return fs_fail(fs, MOTE_FS_ERR_GEOMETRY,
                       "the flash geometry (sector, program unit, size) is not usable");
    fs->flash = *fl;
    fs->read_only = cfg->read_only || fl->read_only;
    fs->cache_size = cache_bytes(cfg->cache_size);
    fs->stage_size = STAGE;
    if (cfg->ram == NULL || cfg->ram_size < (size_t)fs->cache_size + STAGE + 1)
        return fs_fail(fs, MOTE_FS_ERR_NO_MEMORY, "less RAM than mote_fs_ram_needed()");
    fs->cache = cfg->ram;
    fs->stage = fs->cache + fs->cache_size;
    fs->bitmap = fs->stage + STAGE;
    return MOTE_FS_OK;
}

/* The largest commit a change can need must fit an empty catalog block:
 * a rename over a file that holds every block (T_OBJ with a longest name,
 * T_DEL, T_FREE records of 32 blocks each), or a file commit. */
static bool commit_fits(uint32_t block_size, uint32_t count, uint32_t header)
{
    uint64_t frees = 2ull * count + REC_HEAD * (count / 32 + 1);
    uint64_t rename = REC_HEAD + OBJ_FIXED + MOTE_FS_NAME_MAX + REC_HEAD + 4 + frees;
    uint64_t file = MOTE_FS_PENDING * (REC_HEAD + BLKS_FIXED + 2) + REC_HEAD + 2 * MOTE_FS_PENDING +
                    REC_HEAD + SIZE_FIXED + MOTE_FS_MAX_WRITE_SIZE;
    uint64_t worst = (rename > file ? rename : file) + REC_HEAD + END_LEN + MOTE_FS_MAX_WRITE_SIZE;
    return worst <= block_size - header;
}

static mote_fs_status set_geometry(mote_fs *fs, const mote_fs_config *cfg, uint32_t block_size,
                                   uint32_t count, uint32_t write_size)
{
    if (!pow2(block_size) || block_size < fs->flash.sector_size || block_size < FS_MIN_BLOCK_SIZE ||
        block_size > FS_MAX_BLOCK_SIZE)
        return fs_fail(fs, MOTE_FS_ERR_GEOMETRY,
                       "the block size must be a power of two, a multiple of the sector, "
                       "512 bytes to 1 MiB");
    if (!pow2(write_size) || write_size > MOTE_FS_MAX_WRITE_SIZE ||
        write_size < fs->flash.write_size)
        return fs_fail(fs, MOTE_FS_ERR_GEOMETRY,
                       "the image's program unit does not suit this flash");
    if (count < FS_MIN_BLOCKS || count > FS_MAX_BLOCKS ||
        (uint64_t)count * block_size > fs->flash.size)
        return fs_fail(fs, MOTE_FS_ERR_GEOMETRY,
                       "the blocks do not fit the flash region (6 to 65534 blocks)");
    fs->block_size = block_size;
    fs->block_count = count;
    fs->write_size = write_size;
    fs->header_size = FS_HEADER_BYTES > write_size ? FS_HEADER_BYTES : write_size;
    if (!commit_fits(block_size, count, fs->header_size))
        return fs_fail(fs, MOTE_FS_ERR_GEOMETRY,
                       "too many blocks for the block size (use larger blocks)");
    if (cfg->ram_size < mote_fs_ram_needed(count, cfg->cache_size))
        return fs_fail(fs, MOTE_FS_ERR_NO_MEMORY, "less RAM than mote_fs_ram_needed()");
    return MOTE_FS_OK;
}

mote_fs_status mote_fs_format(mote_fs *fs, const mote_fs_config *cfg,
                              const mote_fs_format_options *opt)
{
    mote_fs_status st = setup(fs, cfg);
    if (st != MOTE_FS_OK)
        return st;
    if (fs->read_only)
        return fs_fail(fs, MOTE_FS_ERR_READ_ONLY, "the flash is read-only");
    uint32_t block = opt != NULL ? opt->block_size : 0;
    if (block == 0)
        for (block = fs->flash.sector_size; block < FS_MIN_BLOCK_SIZE; block *= 2) {
        }
    if ((st = set_geometry(fs, cfg, block, fs->flash.size / block, fs->flash.write_size)) !=
        MOTE_FS_OK)
        return st;
    fs->volume_id = opt != NULL ? opt->volume_id : 0;
    /* Block 1 must not hold an older superblock of a higher revision;
     * block 0 is erased when the first superblock is written there. */
    if ((st = fs_erase(fs, 1)) != MOTE_FS_OK)
        return st;
    memset(fs->bitmap, 0, (fs->block_count + 7) / 8);
    fs_mark(fs, 0, true);
    fs_mark(fs, 1, true);
    fs->next_id = 2;
    fs->sb_block = 1;
    fs->sb_dirty = true;
    fs->cursor = 2;
    st = fs_compact(fs, NULL, NULL, 0);
    fs->mounted = false;
    return st;
}

/* ---- mounting ----------------------------------------------------------------------------- */

static mote_fs_status read_header(mote_fs *fs, uint32_t off, fs_header *h, bool *valid, bool *magic)
{
    uint8_t raw[FS_HEADER_BYTES];
    *valid = false;
    if (off > fs->flash.size || fs->flash.size - off < sizeof raw)
        return MOTE_FS_OK;
    if (fs->flash.read(fs->flash.ctx, off, raw, sizeof raw) != 0)
        return fs_fail(fs, MOTE_FS_ERR_IO, "flash read failed");
    *magic = *magic || fs_get32(raw) == FS_MAGIC_SUPER;
    *valid = fs_header_decode(raw, FS_MAGIC_SUPER, h);
    return MOTE_FS_OK;
}

/* Both superblocks' headers; block 1 is where block 0 says, or where a
 * block size the format could have chosen puts it. */
static mote_fs_status find_supers(mote_fs *fs, fs_header h[2], bool valid[2])
{
    bool magic = false;
    mote_fs_status st = read_header(fs, 0, &h[0], &valid[0], &magic);
    if (st != MOTE_FS_OK)
        return st;
    valid[1] = false;
    if (valid[0] && pow2(h[0].block_size))
        st = read_header(fs, h[0].block_size, &h[1], &valid[1], &magic);
    for (uint32_t size = FS_MIN_BLOCK_SIZE;
         !valid[0] && st == MOTE_FS_OK && !valid[1] && size <= FS_MAX_BLOCK_SIZE; size *= 2) {
        if (size < fs->flash.sector_size)
            continue;
        st = read_header(fs, size, &h[1], &valid[1], &magic);
        if (valid[1] && h[1].block_size != size)
            valid[1] = false;
    }
    if (st != MOTE_FS_OK)
        return st;
    if (valid[0] && valid[1] &&
        (h[0].block_size != h[1].block_size || h[0].block_count != h[1].block_count ||
         h[0].write_size != h[1].write_size || h[0].volume != h[1].volume))
        valid[h[0].rev > h[1].rev ? 1 : 0] = false; /* a leftover of another format */
    if (!valid[0] && !valid[1])
        return magic ? fs_fail(fs, MOTE_FS_ERR_CORRUPT, "both superblocks are damaged")
                     : fs_fail(fs, MOTE_FS_ERR_NOT_FORMATTED, "no mote file system here");
    return MOTE_FS_OK;
}

/* The superblock's log: its last pointer is the catalog. */
static mote_fs_status read_pointer(mote_fs *fs)
{
    uint32_t pos = fs->header_size, seed = fs_seed(fs, fs->sb_rev, FS_SUPER_PART);
    uint32_t next, crc;
    bool found = false;
    mote_fs_status st;
    while ((st = fs_commit_check(fs, fs->sb_block, pos, seed, &next, &crc)) == MOTE_FS_OK) {
        fs_scan s;
        fs_rec r;
        fs_scan_range(&s, fs, fs->sb_block, pos, next);
        while (fs_scan_next(&s, &r)) {
            if (r.type != T_POINTER || r.len < 7 || r.p[4] == 0 || r.p[4] > MOTE_FS_MAX_PARTS ||
                r.len != 5 + 2u * r.p[4])
                return fs_fail(fs, MOTE_FS_ERR_CORRUPT, "a bad superblock record");
            fs->cat_rev = fs_get32(r.p);
            fs->parts = r.p[4];
            for (uint32_t i = 0; i < fs->parts; i++) {
                uint8_t v[2];
                if ((st = fs_read(fs, r.at + 5 + 2 * i, v, 2)) != MOTE_FS_OK)
                    return st;
                fs->part_block[i] = fs_get16(v);
            }
            found = true;
        }
        if (s.st != MOTE_FS_OK)
            return s.st;
        pos = next;
        seed = crc;
    }
    if (st != MOTE_FS_ERR_NOT_FOUND)
        return st;
    if (!found)
        return fs_fail(fs, MOTE_FS_ERR_CORRUPT, "the superblock points to no catalog");
    bool erased;
    st = fs_is_erased(fs, fs_block_off(fs, fs->sb_block) + pos, fs->block_size - pos, &erased);
    fs->sb_end = pos;
    fs->sb_seed = seed;
    fs->sb_dirty = !erased;
    return st;
}

mote_fs_status mote_fs_mount(mote_fs *fs, const mote_fs_config *cfg)
{
    mote_fs_status st = setup(fs, cfg);
    if (st != MOTE_FS_OK)
        return st;
    fs_header h[2];
    bool valid[2];
    if ((st = find_supers(fs, h, valid)) != MOTE_FS_OK)
        return st;
    uint32_t sb = valid[0] && (!valid[1] || h[0].rev > h[1].rev) ? 0 : 1;
    if (h[sb].version != FS_HEADER_VERSION)
        return fs_fail(fs, MOTE_FS_ERR_GEOMETRY, "a newer or unknown format version");
    st = set_geometry(fs, cfg, h[sb].block_size, h[sb].block_count, h[sb].write_size);
    if (st != MOTE_FS_OK)
        return st;
    fs->volume_id = h[sb].volume;
    fs->sb_block = sb;
    fs->sb_rev = h[sb].rev;
    if ((st = read_pointer(fs)) != MOTE_FS_OK || (st = fs_replay(fs)) != MOTE_FS_OK)
        return st;
    /* Start allocating somewhere else after each mount. */
    fs->cursor = (fs->cat_rev * 2654435761u + fs->sb_rev) % fs->block_count;
    fs->wl_cursor = (fs->cursor + fs->block_count / 2) % fs->block_count;
    fs->wl_due = 32;
    fs->mounted = true;
    fs->detail = "";
    return MOTE_FS_OK;
}

mote_fs_status mote_fs_unmount(mote_fs *fs)
{
    mote_fs_status first = MOTE_FS_OK;
    for (mote_fs_file *f = fs->open; f != NULL; f = f->next) {
        mote_fs_status st = fs_file_commit(f, true, false);
        if (first == MOTE_FS_OK)
            first = st;
        f->flags = 0;
    }
    fs->open = NULL;
    fs->mounted = false;
    return first;
}

void mote_fs_set_quota(mote_fs *fs, mote_fs_quota *quota)
{
    fs->quota = quota;
}

mote_fs_status mote_fs_info_get(mote_fs *fs, mote_fs_info *info)
{
    if (!fs->mounted)
        return fs_fail(fs, MOTE_FS_ERR_ARGUMENT, "not mounted");
    memset(info, 0, sizeof *info);
    info->block_size = fs->block_size;
    info->block_count = fs->block_count;
    info->write_size = fs->write_size;
    info->blocks_used = fs->used_blocks;
    uint32_t spare = fs->block_count - fs->used_blocks;
    info->blocks_free = spare > fs_reserve(fs) ? spare - fs_reserve(fs) : 0;
    info->catalog_blocks = fs->parts;
    for (uint32_t i = 0; i < fs->parts; i++)
        info->catalog_bytes += fs->part_end[i];
    info->objects = 1;
    uint32_t after = MOTE_FS_ROOT;
    for (;;) {
        fs_cand c[8];
        uint32_t n;
        mote_fs_status st = fs_list(fs, FS_NO_IDX, after, c, 8, &n);
        if (st != MOTE_FS_OK)
            return st;
        if (n == 0)
            return MOTE_FS_OK;
        info->objects += n;
        after = c[n - 1].id;
    }
}
