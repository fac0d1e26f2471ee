/*
 * path_calls.c -- the path calls: path_open, path_create_directory,
 * path_remove_directory, path_unlink_file, path_rename,
 * path_filestat_get, and the ones no back end offers (links, times).
 *
 * The directory fd must be open and a directory (a console fd gives
 * ENOTDIR, as before there were files), hold the right for the call
 * (ENOTCAPABLE), and every pointer must lie in memory (EFAULT), all
 * checked before the back end does anything.  The path is copied out of
 * guest memory and checked (path.c); the back end resolves it without
 * leaving the directory.
 */
#include <string.h>

#include "internal.h"

static mote_wasi *ctx_of(void *user)
{
    return user;
}

/* The directory fd with rights `need`, or an errno. */
static uint16_t dir_with(mote_wasi *ctx, uint32_t fd, uint64_t need, mote_wasi_fd **out)
{
    if (fd < 3)
        return wl_fd_is_open(ctx, fd) ? WASI_ENOTDIR : WASI_EBADF;
    mote_wasi_fd *f = wl_file(ctx, fd);
    if (f == NULL)
        return WASI_EBADF;
    if (f->node.filetype != WASI_FILETYPE_DIRECTORY)
        return WASI_ENOTDIR;
    *out = f;
    return (f->rights & need) == need ? WASI_ESUCCESS : WASI_ENOTCAPABLE;
}

/* The directory and the path of a call, both checked. */
static uint16_t dir_and_path(mote_wasi *ctx, mote_instance *inst, uint32_t fd, uint64_t need,
                             uint32_t ptr, uint32_t len, mote_wasi_fd **dir,
                             char path[MOTE_WASI_PATH_MAX + 1])
{
    uint16_t err = dir_with(ctx, fd, need, dir);
    return err != WASI_ESUCCESS ? err : wl_path_copy(inst, ptr, len, path);
}

#define OPS(ctx, f) (wl_backend(ctx, f)->ops)
#define BE(ctx, f) (wl_backend(ctx, f)->backend)

/* path_open(fd, lookupflags, path, path_len, oflags, rights_base,
 *           rights_inheriting, fdflags, fd_ptr) */
mote_status wl_wasi_path_open(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = ctx_of(user);
    uint32_t fd = io[0].u32, lookup = io[1].u32, oflags = io[4].u32, fdflags = io[7].u32;
    uint64_t base = io[5].u64, inheriting = io[6].u64;
    uint32_t result = io[8].u32;
    mote_wasi_fd *dir;
    char path[MOTE_WASI_PATH_MAX + 1];
    uint64_t need = WASI_RIGHT_PATH_OPEN |
                    (oflags & WASI_O_CREAT ? WASI_RIGHT_PATH_CREATE_FILE : 0) |
                    (oflags & WASI_O_TRUNC ? WASI_RIGHT_PATH_FILESTAT_SET_SIZE : 0);
    uint16_t err = dir_and_path(ctx, inst, fd, need, io[2].u32, io[3].u32, &dir, path);
    if (err == WASI_ESUCCESS && wl_guest_range(inst, result, 4) == NULL)
        err = WASI_EFAULT;
    if (err == WASI_ESUCCESS &&
        ((oflags & ~(uint32_t)(WASI_O_CREAT | WASI_O_DIRECTORY | WASI_O_EXCL | WASI_O_TRUNC)) ||
         (fdflags & ~(uint32_t)(WASI_FDFLAG_APPEND | WASI_FDFLAG_DSYNC | WASI_FDFLAG_NONBLOCK |
                                WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC)) ||
         ((oflags & WASI_O_DIRECTORY) && (oflags & (WASI_O_CREAT | WASI_O_TRUNC)))))
        err = WASI_EINVAL;
    if (err == WASI_ESUCCESS && ((base & ~dir->inheriting) || (inheriting & ~dir->inheriting)))
        err = WASI_ENOTCAPABLE;
    uint32_t newfd = 0;
    mote_wasi_fd *f = NULL;
    if (err == WASI_ESUCCESS && (f = wl_file_new(ctx, &newfd)) == NULL)
        err = WASI_EMFILE;
    if (err != WASI_ESUCCESS)
        return wl_wasi_return(io, err);
    uint32_t access =
        (base & WASI_RIGHT_FD_READ ? 1u : 0u) |
        (base & (WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_FILESTAT_SET_SIZE)
             ? 2u
             : 0u);
    /* f's slot was handed out after dir was found: dir stays where it is */
    err = OPS(ctx, dir)->open(BE(ctx, dir), &dir->node, path, oflags, access,
                              (lookup & WASI_LOOKUP_SYMLINK_FOLLOW) != 0, &f->node);
    if (err != WASI_ESUCCESS) {
        wl_file_free(ctx, newfd);
        return wl_wasi_return(io, err);
    }
    f->preopen = dir->preopen;
    f->rights =
        base & (f->node.filetype == WASI_FILETYPE_DIRECTORY ? WL_DIR_RIGHTS : WL_FILE_RIGHTS);
    f->inheriting = inheriting;
    f->flags = (uint16_t)fdflags;
    wl_guest_put_u32(inst, result, newfd);
    return wl_wasi_return(io, WASI_ESUCCESS);
}

/* path_create_directory(fd, path, path_len) */
mote_status wl_wasi_path_create_directory(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = ctx_of(user);
    mote_wasi_fd *dir;
    char path[MOTE_WASI_PATH_MAX + 1];
    uint16_t err = dir_and_path(ctx, inst, io[0].u32, WASI_RIGHT_PATH_CREATE_DIRECTORY, io[1].u32,
                                io[2].u32, &dir, path);
    if (err == WASI_ESUCCESS)
        err = OPS(ctx, dir)->mkdir(BE(ctx, dir), &dir->node, path);
    return wl_wasi_return(io, err);
}

static mote_status remove_call(mote_instance *inst, mote_value *io, void *user, bool is_dir)
{
    mote_wasi *ctx = ctx_of(user);
    mote_wasi_fd *dir;
    char path[MOTE_WASI_PATH_MAX + 1];
    uint64_t need = is_dir ? WASI_RIGHT_PATH_REMOVE_DIRECTORY : WASI_RIGHT_PATH_UNLINK_FILE;
    uint16_t err = dir_and_path(ctx, inst, io[0].u32, need, io[1].u32, io[2].u32, &dir, path);
    if (err == WASI_ESUCCESS)
        err = OPS(ctx, dir)->remove(BE(ctx, dir), &dir->node, path, is_dir);
    return wl_wasi_return(io, err);
}

/* path_remove_directory(fd, path, path_len), path_unlink_file(...) */
mote_status wl_wasi_path_remove_directory(mote_instance *inst, mote_value *io, void *user)
{
    return remove_call(inst, io, user, true);
}

mote_status wl_wasi_path_unlink_file(mote_instance *inst, mote_value *io, void *user)
{
    return remove_call(inst, io, user, false);
}

/* path_rename(fd, old_path, old_len, new_fd, new_path, new_len): within
 * one back end only (EXDEV otherwise). */
mote_status wl_wasi_path_rename(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = ctx_of(user);
    mote_wasi_fd *from, *to = NULL;
    char old_path[MOTE_WASI_PATH_MAX + 1], new_path[MOTE_WASI_PATH_MAX + 1];
    uint16_t err = dir_and_path(ctx, inst, io[0].u32, WASI_RIGHT_PATH_RENAME_SOURCE, io[1].u32,
                                io[2].u32, &from, old_path);
    if (err == WASI_ESUCCESS)
        err = dir_and_path(ctx, inst, io[3].u32, WASI_RIGHT_PATH_RENAME_TARGET, io[4].u32,
                           io[5].u32, &to, new_path);
    if (err == WASI_ESUCCESS && (OPS(ctx, from) != OPS(ctx, to) || BE(ctx, from) != BE(ctx, to)))
        err = WASI_EXDEV;
    if (err == WASI_ESUCCESS)
        err = OPS(ctx, from)->rename(BE(ctx, from), &from->node, old_path, &to->node, new_path);
    return wl_wasi_return(io, err);
}

/* path_filestat_get(fd, lookupflags, path, path_len, filestat_ptr) */
mote_status wl_wasi_path_filestat_get(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = ctx_of(user);
    mote_wasi_fd *dir;
    char path[MOTE_WASI_PATH_MAX + 1];
    uint16_t err = dir_and_path(ctx, inst, io[0].u32, WASI_RIGHT_PATH_FILESTAT_GET, io[2].u32,
                                io[3].u32, &dir, path);
    uint8_t *out = wl_guest_range(inst, io[4].u32, WASI_FILESTAT_SIZE);
    if (err == WASI_ESUCCESS && out == NULL)
        err = WASI_EFAULT;
    mote_wasi_stat st;
    if (err == WASI_ESUCCESS)
        err = OPS(ctx, dir)->path_stat(BE(ctx, dir), &dir->node, path,
                                       (io[1].u32 & WASI_LOOKUP_SYMLINK_FOLLOW) != 0, &st);
    if (err == WASI_ESUCCESS)
        wl_put_filestat(out, &st);
    return wl_wasi_return(io, err);
}

/* What no back end offers: times, hard links, reading links.  The fd is
 * checked as for any path call. */
static mote_status unsupported(mote_value *io, void *user, uint32_t fd)
{
    mote_wasi_fd *dir;
    uint16_t err = dir_with(ctx_of(user), fd, 0, &dir);
    return wl_wasi_return(io, err != WASI_ESUCCESS ? err : WASI_ENOTSUP);
}

/* path_filestat_set_times(fd, flags, path, len, atim, mtim, fst_flags) */
mote_status wl_wasi_path_filestat_set_times(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    return unsupported(io, user, io[0].u32);
}

/* path_link(old_fd, old_flags, old_path, old_len, new_fd, new_path, new_len) */
mote_status wl_wasi_path_link(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    return unsupported(io, user, io[0].u32);
}

/* path_readlink(fd, path, path_len, buf, buf_len, bufused_ptr) */
mote_status wl_wasi_path_readlink(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    return unsupported(io, user, io[0].u32);
}
