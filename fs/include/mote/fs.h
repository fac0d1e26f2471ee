/*
 * fs.h -- mote's flash file system: files and directories on NOR flash,
 * safe against power loss at any instant.
 *
 * Guarantees (docs/fs.md has the on-flash format and the reasoning):
 *   - Every operation that changes the file system (create, mkdir, rename,
 *     remove, truncate, sync, close) is atomic: after a power cut the file
 *     system mounts and shows the state before the operation or after it.
 *   - A file that was closed or synced is never lost or changed by a cut,
 *     and a cut never changes any other file.  Data written since a file's
 *     last sync may or may not be there after a cut (as with POSIX).
 *   - Nothing is programmed twice between erases, so flash with ECC words
 *     works too.  Blocks are erased round-robin over all free blocks, and
 *     data that never changes is moved now and then (wear levelling).
 *   - No malloc: the embedder gives the RAM (mote_fs_config) and one
 *     mote_fs_file per open file.  Corrupt or hostile flash contents give
 *     MOTE_FS_ERR_CORRUPT, never a crash or a read outside the region.
 *
 * The file system reaches flash only through a mote_fs_flash (read, erase
 * a sector, program); mote_fs_flash_hal() binds one to the board's HAL
 * storage region (mote/fs_hal.h).
 *
 * Paths: functions that take a path take a directory (MOTE_FS_ROOT or an
 * id from mote_fs_stat) and a path relative to it, components separated by
 * '/'.  Empty components ("a//b", a trailing '/') are ignored; "." and ".."
 * are refused (MOTE_FS_ERR_ARGUMENT): callers that accept them, such as
 * WASI-lite, resolve them first.  Names are 1..MOTE_FS_NAME_MAX bytes, any
 * bytes but '/' and NUL.
 *
 * Threading: one thread.  Several apps may share one mounted file system;
 * mote_fs_set_quota() charges what each one uses to its own budget.
 */
#ifndef MOTE_FS_H
#define MOTE_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Build-time limits (define before including, in the library build too)
 * ------------------------------------------------------------------------ */

/* Largest flash program unit supported (bytes, a power of two).  Each open
 * file holds two buffers of this size. */
#ifndef MOTE_FS_MAX_WRITE_SIZE
#define MOTE_FS_MAX_WRITE_SIZE 16
#endif

/* Blocks a file may have replaced since its last commit before the file
 * system commits on its own (each costs 8 bytes per open file). */
#ifndef MOTE_FS_PENDING
#define MOTE_FS_PENDING 4
#endif

/* Most blocks the catalog (all names, sizes and block lists) may span. */
#define MOTE_FS_MAX_PARTS 8

#define MOTE_FS_NAME_MAX 255         /* bytes in one name */
#define MOTE_FS_ROOT 1u              /* the root directory's id */
#define MOTE_FS_FILE_MAX 0x7FFFFFFFu /* largest file size */

/* ------------------------------------------------------------------------
 * Status
 * ------------------------------------------------------------------------ */

typedef enum mote_fs_status {
    MOTE_FS_OK = 0,
    MOTE_FS_ERR_ARGUMENT,      /* a bad argument: flags, a "." or ".." in a
                                  path, an empty name, a handle not open */
    MOTE_FS_ERR_IO,            /* the flash reported a failure */
    MOTE_FS_ERR_CORRUPT,       /* the flash holds a mote file system whose
                                  contents are inconsistent */
    MOTE_FS_ERR_NOT_FORMATTED, /* no mote file system here (blank, or
                                  something else) */
    MOTE_FS_ERR_GEOMETRY,      /* the image does not fit this flash (size,
                                  block or program unit), or the format
                                  options do not */
    MOTE_FS_ERR_NO_MEMORY,     /* the RAM given is too small */
    MOTE_FS_ERR_NOT_FOUND,
    MOTE_FS_ERR_EXISTS,
    MOTE_FS_ERR_NOT_DIR, /* a path component, or the target, is a file */
    MOTE_FS_ERR_IS_DIR,
    MOTE_FS_ERR_NOT_EMPTY,
    MOTE_FS_ERR_NO_SPACE, /* no free block, or the catalog is full */
    MOTE_FS_ERR_QUOTA,    /* the quota in effect is used up */
    MOTE_FS_ERR_NAME_TOO_LONG,
    MOTE_FS_ERR_TOO_BIG,   /* past MOTE_FS_FILE_MAX */
    MOTE_FS_ERR_READ_ONLY, /* mounted read-only, or a handle not opened
                              for that access */
    MOTE_FS_ERR_BUSY,      /* the file or directory is in use */
    MOTE_FS_ERR_STALE,     /* the handle's file was removed or replaced */
    MOTE_FS_ERR_INVALID    /* the operation makes no sense here: a
                              directory moved into itself */
} mote_fs_status;

/* A short name for a status, e.g. "not found". */
const char *mote_fs_status_name(mote_fs_status status);

/* ------------------------------------------------------------------------
 * Flash
 * ------------------------------------------------------------------------ */

/*
 * The region the file system lives in.  NOR semantics: erase sets a sector
 * to 0xFF, program can only clear bits.  Offsets are relative to the
 * region's start.  The ops return 0 on success.
 */
typedef struct mote_fs_flash {
    uint32_t size;        /* bytes, a multiple of sector_size */
    uint32_t sector_size; /* erase unit, a power of two */
    uint32_t write_size;  /* program unit, a power of two up to
                             MOTE_FS_MAX_WRITE_SIZE */
    bool read_only;       /* erase and program are unavailable */
    void *ctx;
    int (*read)(void *ctx, uint32_t offset, void *buf, uint32_t len);
    int (*erase)(void *ctx, uint32_t offset); /* one sector */
    int (*program)(void *ctx, uint32_t offset, const void *buf, uint32_t len);
} mote_fs_flash;

/* ------------------------------------------------------------------------
 * Format, mount, RAM
 * ------------------------------------------------------------------------ */

typedef struct mote_fs_config {
    const mote_fs_flash *flash; /* read while mounted: keep it alive */
    void *ram;                  /* work RAM, any alignment */
    size_t ram_size;            /* mote_fs_ram_needed() tells how much */
    uint32_t cache_size;        /* part of ram used as read cache; 0: 128 */
    bool read_only;             /* never erase or program */
} mote_fs_config;

/*
 * Bytes of work RAM a file system of block_count blocks needs with a read
 * cache of cache_size bytes (0: the default): the cache, a staging buffer
 * for commits and a bit per block.
 */
size_t mote_fs_ram_needed(uint32_t block_count, uint32_t cache_size);

typedef struct mote_fs_format_options {
    uint32_t block_size; /* 0: the sector size, at least 512 bytes;
                            else a multiple of the sector size */
    uint32_t volume_id;  /* any number naming this volume */
} mote_fs_format_options;

typedef struct mote_fs_file mote_fs_file;
typedef struct mote_fs_quota mote_fs_quota;

/* The mounted file system (treat the fields as private). */
typedef struct mote_fs {
    mote_fs_flash flash;
    bool mounted, read_only;
    bool broken; /* a commit failed half-way: mount again */
    uint32_t block_size, block_count, write_size, header_size;
    uint8_t *bitmap; /* bit set: block in use */
    uint8_t *cache, *stage;
    uint32_t cache_size, stage_size, cache_at, cache_len;
    /* superblock log (block 0 or 1) */
    uint32_t sb_block, sb_rev, sb_end, sb_seed, volume_id;
    bool sb_dirty; /* the log's tail may be programmed: flip next */
    /* catalog */
    uint32_t cat_rev, parts;
    uint16_t part_block[MOTE_FS_MAX_PARTS];
    uint32_t part_end[MOTE_FS_MAX_PARTS]; /* end of valid commits, block-relative */
    uint32_t log_seed;                    /* CRC chain value for the next commit */
    bool cat_dirty;                       /* the log's tail may be programmed: compact next */
    uint32_t next_id, objects;
    /* allocation */
    uint32_t used_blocks, cursor, allocations;
    uint32_t wl_cursor, wl_due; /* static wear levelling: where, when next */
    uint32_t gen;               /* bumped at every commit */
    mote_fs_file *open;         /* open files */
    mote_fs_quota *quota;
    const char *detail; /* what the last error was about, or "" */
    /* statistics since mount */
    uint32_t erases, commits, compactions, relocations;
    uint64_t programmed; /* bytes */
} mote_fs;

/*
 * Writes an empty file system to the whole region: blocks of
 * opt->block_size (NULL options: defaults).  Everything there before is
 * lost.  Needs the same RAM as mounting; leaves fs unmounted.
 * MOTE_FS_ERR_GEOMETRY when the region holds fewer than 6 blocks, more
 * than 65534, or more than the block size allows (docs/fs.md).
 */
mote_fs_status mote_fs_format(mote_fs *fs, const mote_fs_config *cfg,
                              const mote_fs_format_options *opt);

/*
 * Mounts the file system in cfg->flash.  Reads only; nothing is written
 * until a change is made.  MOTE_FS_ERR_NOT_FORMATTED when there is none,
 * MOTE_FS_ERR_CORRUPT / _GEOMETRY for a broken or foreign one,
 * MOTE_FS_ERR_NO_MEMORY when cfg->ram is too small; mote_fs_detail() says
 * more.
 */
mote_fs_status mote_fs_mount(mote_fs *fs, const mote_fs_config *cfg);

/* Syncs every open file (they stay open), then forgets the file system;
 * the handles become unusable.  Returns the first sync failure. */
mote_fs_status mote_fs_unmount(mote_fs *fs);

/* One line about the last failure, e.g. "catalog part 2: bad checksum". */
const char *mote_fs_detail(const mote_fs *fs);

typedef struct mote_fs_info {
    uint32_t block_size, block_count;
    uint32_t blocks_used;                   /* data, catalog and superblocks */
    uint32_t blocks_free;                   /* what files may still take */
    uint32_t catalog_blocks, catalog_bytes; /* the catalog's blocks and bytes in use */
    uint32_t objects;                       /* files and directories, root included */
    uint32_t write_size;
} mote_fs_info;

mote_fs_status mote_fs_info_get(mote_fs *fs, mote_fs_info *info);

/* ------------------------------------------------------------------------
 * Quotas: what an app's files may take
 * ------------------------------------------------------------------------ */

struct mote_fs_quota {
    uint32_t max_blocks;                /* blocks of file data (0: none allowed) */
    uint32_t max_objects;               /* files and directories */
    uint32_t used_blocks, used_objects; /* kept up to date by the fs */
};

/*
 * Charges the operations that follow to quota (NULL: none), until the next
 * call.  Files opened meanwhile keep charging it.  Fill used_* first with
 * mote_fs_usage() of the directory the quota's owner is confined to.
 */
void mote_fs_set_quota(mote_fs *fs, mote_fs_quota *quota);

/* Blocks and objects below directory dir (itself not counted). */
mote_fs_status mote_fs_usage(mote_fs *fs, uint32_t dir, const char *path, uint32_t *blocks,
                             uint32_t *objects);

/* ------------------------------------------------------------------------
 * Names
 * ------------------------------------------------------------------------ */

typedef enum mote_fs_type { MOTE_FS_TYPE_FILE = 1, MOTE_FS_TYPE_DIR = 2 } mote_fs_type;

typedef struct mote_fs_stat {
    uint32_t id; /* stable while the object exists */
    mote_fs_type type;
    uint32_t size;   /* bytes (0 for a directory) */
    uint32_t blocks; /* data blocks it occupies */
} mote_fs_stat;

/* Looks up path below dir.  An empty path is dir itself. */
mote_fs_status mote_fs_stat_path(mote_fs *fs, uint32_t dir, const char *path, mote_fs_stat *st);

/* Creates a directory; MOTE_FS_ERR_EXISTS if the name is taken. */
mote_fs_status mote_fs_mkdir(mote_fs *fs, uint32_t dir, const char *path);

/* Removes a file, or an empty directory. */
mote_fs_status mote_fs_remove(mote_fs *fs, uint32_t dir, const char *path);

/* Removes a file only (MOTE_FS_ERR_IS_DIR for a directory), or a
 * directory only (MOTE_FS_ERR_NOT_DIR for a file), as POSIX unlink and
 * rmdir do. */
mote_fs_status mote_fs_unlink(mote_fs *fs, uint32_t dir, const char *path);
mote_fs_status mote_fs_rmdir(mote_fs *fs, uint32_t dir, const char *path);

/*
 * Renames, atomically.  An existing target is replaced when both are files,
 * or both directories and the target is empty (POSIX rename).  A directory
 * cannot move below itself (MOTE_FS_ERR_INVALID).  Open handles of a
 * replaced file become stale.
 */
mote_fs_status mote_fs_rename(mote_fs *fs, uint32_t from_dir, const char *from, uint32_t to_dir,
                              const char *to);

/* ------------------------------------------------------------------------
 * Directories
 * ------------------------------------------------------------------------ */

typedef struct mote_fs_dir {
    mote_fs *fs;
    uint32_t id;
    uint32_t cookie; /* the last id returned; entries come in id order */
} mote_fs_dir;

typedef struct mote_fs_dirent {
    mote_fs_stat st;
    uint32_t name_len; /* the name's full length */
} mote_fs_dirent;

mote_fs_status mote_fs_dir_open(mote_fs *fs, mote_fs_dir *d, uint32_t dir, const char *path);

/*
 * The next entry after d->cookie, with up to cap bytes of its name in name
 * (not NUL-terminated); *found false at the end.  Entries made or removed
 * meanwhile may or may not show; none shows twice.  d->cookie may be set
 * to a value from an earlier entry's id to resume after it.
 */
mote_fs_status mote_fs_dir_read(mote_fs_dir *d, mote_fs_dirent *ent, char *name, size_t cap,
                                bool *found);

/* ------------------------------------------------------------------------
 * Files
 * ------------------------------------------------------------------------ */

#define MOTE_FS_O_READ 0x01
#define MOTE_FS_O_WRITE 0x02
#define MOTE_FS_O_CREATE 0x04 /* create if missing */
#define MOTE_FS_O_EXCL 0x08   /* with CREATE: fail if it exists */
#define MOTE_FS_O_TRUNC 0x10  /* empty it (needs WRITE) */
#define MOTE_FS_O_APPEND 0x20 /* every write goes to the end */

/* An open file (treat the fields as private; RAM per open file). */
struct mote_fs_file {
    mote_fs_file *next;
    mote_fs *fs;
    mote_fs_quota *quota;
    uint32_t id;
    uint32_t pos;
    uint32_t size;   /* as this handle sees it, unsynced writes too */
    uint32_t blocks; /* committed data blocks (for quota) */
    uint16_t flags;  /* MOTE_FS_O_*, and internal state */
    uint8_t tail_len, unit_len;
    /* the block being written: idx, its new block, the old one whose bytes
     * from prog to end still have to be copied, and the unit at prog */
    uint32_t head_idx;
    uint16_t head_block, head_src;
    uint32_t head_prog, head_end;
    /* blocks replaced and not yet committed */
    struct {
        uint32_t idx;
        uint16_t block, old;
    } pending[MOTE_FS_PENDING];
    uint8_t npending;
    uint8_t tail[MOTE_FS_MAX_WRITE_SIZE]; /* bytes past the last whole unit */
    uint8_t unit[MOTE_FS_MAX_WRITE_SIZE]; /* the head block's unit at prog */
    /* a cached mapping, for reads */
    uint32_t map_gen, map_idx;
    uint16_t map_block;
};

/*
 * Opens (and with MOTE_FS_O_CREATE creates) the file at path below dir.
 * flags: MOTE_FS_O_READ and/or _WRITE, and _CREATE, _EXCL, _TRUNC,
 * _APPEND.  A creation or truncation is committed before this returns.
 * f must stay in place until mote_fs_close().
 */
mote_fs_status mote_fs_open(mote_fs *fs, mote_fs_file *f, uint32_t dir, const char *path,
                            unsigned flags);

/* Reads up to len bytes at the position; *got is how many (0 at the end). */
mote_fs_status mote_fs_read(mote_fs_file *f, void *buf, size_t len, size_t *got);

/*
 * Writes len bytes at the position (the end, with _APPEND); a position
 * past the end fills the gap with zeros.  *written (may be NULL) is how
 * many were written, which is len unless space or quota ran out part-way
 * (MOTE_FS_ERR_NO_SPACE / _QUOTA: the bytes before stay written, a short
 * write).  Any other failure drops the changes since the last sync.
 */
mote_fs_status mote_fs_write(mote_fs_file *f, const void *buf, size_t len, size_t *written);

/* Reads or writes at offset without moving the position. */
mote_fs_status mote_fs_pread(mote_fs_file *f, void *buf, size_t len, uint32_t offset, size_t *got);
mote_fs_status mote_fs_pwrite(mote_fs_file *f, const void *buf, size_t len, uint32_t offset,
                              size_t *written);

typedef enum mote_fs_whence {
    MOTE_FS_SEEK_SET = 0,
    MOTE_FS_SEEK_CUR = 1,
    MOTE_FS_SEEK_END = 2
} mote_fs_whence;

/* Moves the position; *pos (may be NULL) gets the new one.  Past the end
 * is fine; before 0 or past MOTE_FS_FILE_MAX is MOTE_FS_ERR_ARGUMENT. */
mote_fs_status mote_fs_seek(mote_fs_file *f, int64_t offset, mote_fs_whence whence, uint32_t *pos);

uint32_t mote_fs_tell(const mote_fs_file *f);
uint32_t mote_fs_size(const mote_fs_file *f);

/* Sets the size (new bytes read as zeros) and commits it.  The position
 * does not move. */
mote_fs_status mote_fs_truncate(mote_fs_file *f, uint32_t size);

/* Commits everything written so far: after this returns, a power cut
 * keeps the file as it is now. */
mote_fs_status mote_fs_sync(mote_fs_file *f);

/* Syncs and closes.  The handle is closed even when the sync fails. */
mote_fs_status mote_fs_close(mote_fs_file *f);

/* The file's stat (size as this handle sees it). */
mote_fs_status mote_fs_fstat(mote_fs_file *f, mote_fs_stat *st);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_FS_H */
