/*
 * files.c -- the fd table for files and directories: fds 3 and up, each an
 * entry of the firmware's fds[] array that records its own number, so that
 * fd_renumber changes numbers, never moves the open handles themselves (an
 * open flash file is linked into its file system by address), and the
 * context needs no table of its own.  The preopens take the first fds at
 * start-up.  Also the mapping of the file system's statuses to WASI
 * errnos, and filestat records.
 */
#include <string.h>

#include "internal.h"

#if MOTE_WASI_FILES
mote_wasi_fd *wl_file(mote_wasi *ctx, uint32_t fd)
{
    if (fd < 3 || fd - 3 >= MOTE_WASI_MAX_FDS)
        return NULL;
    for (uint32_t i = 0; i < ctx->cfg.max_fds; i++)
        if (ctx->cfg.fds[i].used && ctx->cfg.fds[i].number == fd - 3)
            return &ctx->cfg.fds[i];
    return NULL;
}
#endif

const mote_wasi_preopen *wl_backend(const mote_wasi *ctx, const mote_wasi_fd *f)
{
    return &ctx->cfg.preopens[f->preopen];
}

mote_wasi_fd *wl_file_new(mote_wasi *ctx, uint32_t *fd)
{
    uint32_t s = 0, n = 3;
    while (s < ctx->cfg.max_fds && ctx->cfg.fds[s].used)
        s++;
    while (n - 3 < MOTE_WASI_MAX_FDS && wl_file(ctx, n) != NULL)
        n++;
    if (s == ctx->cfg.max_fds || n - 3 == MOTE_WASI_MAX_FDS)
        return NULL;
    mote_wasi_fd *f = &ctx->cfg.fds[s];
    memset(f, 0, sizeof *f);
    f->used = true;
    f->number = (uint8_t)(n - 3);
    *fd = n;
    return f;
}

void wl_file_free(mote_wasi *ctx, uint32_t fd)
{
    mote_wasi_fd *f = wl_file(ctx, fd);
    if (f != NULL)
        f->used = false;
}

bool wl_files_init(mote_wasi *ctx)
{
    if (!MOTE_WASI_FILES || ctx->cfg.fds == NULL)
        return ctx->cfg.npreopens == 0;
    for (uint32_t i = 0; i < ctx->cfg.max_fds; i++)
        ctx->cfg.fds[i].used = false;
    for (uint32_t i = 0; i < ctx->cfg.npreopens; i++) {
        const mote_wasi_preopen *p = &ctx->cfg.preopens[i];
        uint32_t fd;
        mote_wasi_fd *f = wl_file_new(ctx, &fd);
        if (f == NULL || p->ops == NULL || p->guest_path == NULL ||
            p->ops->root(p->backend, &f->node) != WASI_ESUCCESS) {
            if (f != NULL)
                wl_file_free(ctx, fd);
            wl_files_close_all(ctx);
            return false;
        }
        f->preopen = (uint8_t)i;
        f->is_preopen = true;
        f->rights = WL_DIR_RIGHTS;
        f->inheriting = WL_DIR_RIGHTS | WL_FILE_RIGHTS;
    }
    return true;
}

void wl_files_close_all(mote_wasi *ctx)
{
    for (uint32_t fd = 3; fd < 3 + MOTE_WASI_MAX_FDS; fd++)
        if (wl_file(ctx, fd) != NULL)
            wl_file_close(ctx, fd);
}

uint16_t wl_fs_errno(mote_fs_status st)
{
    switch (st) {
    case MOTE_FS_OK: return WASI_ESUCCESS;
    case MOTE_FS_ERR_ARGUMENT: return WASI_EINVAL;
    case MOTE_FS_ERR_NO_MEMORY: return WASI_ENOMEM;
    case MOTE_FS_ERR_NOT_FOUND: return WASI_ENOENT;
    case MOTE_FS_ERR_EXISTS: return WASI_EEXIST;
    case MOTE_FS_ERR_NOT_DIR: return WASI_ENOTDIR;
    case MOTE_FS_ERR_IS_DIR: return WASI_EISDIR;
    case MOTE_FS_ERR_NOT_EMPTY: return WASI_ENOTEMPTY;
    case MOTE_FS_ERR_NO_SPACE: return WASI_ENOSPC;
    case MOTE_FS_ERR_QUOTA: return WASI_EDQUOT;
    case MOTE_FS_ERR_NAME_TOO_LONG: return WASI_ENAMETOOLONG;
    case MOTE_FS_ERR_TOO_BIG: return WASI_EFBIG;
    case MOTE_FS_ERR_READ_ONLY: return WASI_EROFS;
    case MOTE_FS_ERR_BUSY: return WASI_EBUSY;
    case MOTE_FS_ERR_STALE: return WASI_EBADF;
    case MOTE_FS_ERR_INVALID: return WASI_EINVAL;
    default: return WASI_EIO; /* flash failure, corruption */
    }
}

void wl_put_filestat(uint8_t *out, const mote_wasi_stat *st)
{
    memset(out, 0, WASI_FILESTAT_SIZE);
    wl_store_u64(out + WASI_FILESTAT_DEV, st->dev);
    wl_store_u64(out + WASI_FILESTAT_INO, st->ino);
    out[WASI_FILESTAT_FILETYPE] = st->filetype;
    wl_store_u64(out + WASI_FILESTAT_NLINK, st->nlink);
    wl_store_u64(out + WASI_FILESTAT_FILESIZE, st->size);
    wl_store_u64(out + WASI_FILESTAT_ATIM, st->atim);
    wl_store_u64(out + WASI_FILESTAT_MTIM, st->mtim);
    wl_store_u64(out + WASI_FILESTAT_CTIM, st->ctim);
}
