/*
 * file_calls.c -- the fd calls on files and directories (fds 3 and up):
 * read, write, their positioned forms, seek, tell, sync, stat, sizing,
 * fdstat, readdir, close and renumber.  Console fds keep their own
 * handling (fd_io.c, fd_meta.c); these calls answer for them as a
 * console would.
 *
 * Every call checks the fd, its rights (ENOTCAPABLE), and every guest
 * pointer and length (EFAULT) before it does anything.
 */
#include <string.h>

#include "internal.h"

static mote_wasi *ctx_of(void *user)
{
    return user;
}

static const mote_wasi_fs_ops *ops(mote_wasi *ctx, const mote_wasi_fd *f)
{
    return wl_backend(ctx, f)->ops;
}

static void *be(mote_wasi *ctx, const mote_wasi_fd *f)
{
    return wl_backend(ctx, f)->backend;
}

/* The open file (not directory) fd with rights `need`, or an errno. */
static uint16_t file_with(mote_wasi *ctx, uint32_t fd, uint64_t need, mote_wasi_fd **out)
{
    mote_wasi_fd *f = wl_file(ctx, fd);
    uint16_t err = wl_file_rights(f, need);
    if (err != WASI_ESUCCESS)
        return err;
    *out = f;
    return f->node.filetype == WASI_FILETYPE_DIRECTORY ? WASI_EISDIR : WASI_ESUCCESS;
}

/* ---- read and write ----------------------------------------------------------------------- */

/* Reads or writes through the iovecs, at *at (moving it) or the fd's
 * position; stops at a short transfer.  Bytes moved before a failure are
 * a success with a short count, as POSIX readv/writev do. */
static uint16_t transfer(mote_wasi *ctx, mote_instance *inst, mote_wasi_fd *f, uint32_t iovs,
                         uint32_t count, uint64_t *at, bool writing, uint32_t *moved)
{
    *moved = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t len;
        uint8_t *buf = wl_iovec_buf(inst, iovs, i, &len);
        if (len == 0)
            continue;
        if (buf == NULL)
            break; /* rewritten by bytes just read: stop here */
        size_t n = 0;
        bool append = (f->flags & WASI_FDFLAG_APPEND) != 0;
        uint16_t err = writing ? ops(ctx, f)->write(be(ctx, f), &f->node, buf, len, at, append, &n)
                               : ops(ctx, f)->read(be(ctx, f), &f->node, buf, len, at, &n);
        *moved += (uint32_t)n;
        if (at != NULL)
            *at += n;
        if (err != WASI_ESUCCESS)
            return *moved > 0 ? WASI_ESUCCESS : err;
        if (n < len)
            break;
    }
    if (writing && *moved > 0 && (f->flags & (WASI_FDFLAG_SYNC | WASI_FDFLAG_DSYNC)))
        return ops(ctx, f)->sync(be(ctx, f), &f->node);
    return WASI_ESUCCESS;
}

static mote_status io_call(mote_wasi *ctx, mote_instance *inst, mote_value *io, bool writing,
                           bool positioned)
{
    uint32_t fd = io[0].u32, iovs = io[1].u32, count = io[2].u32;
    uint32_t result = positioned ? io[4].u32 : io[3].u32;
    uint64_t at = positioned ? io[3].u64 : 0;
    mote_wasi_fd *f = NULL;
    uint64_t need = (writing ? WASI_RIGHT_FD_WRITE : WASI_RIGHT_FD_READ) |
                    (positioned ? WASI_RIGHT_FD_SEEK : 0);
    uint16_t err = file_with(ctx, fd, need, &f);
    uint64_t total;
    if (err == WASI_ESUCCESS)
        err = wl_check_transfer(inst, iovs, count, result, &total);
    if (err == WASI_ESUCCESS && positioned && at > INT64_MAX)
        err = WASI_EINVAL;
    if (err != WASI_ESUCCESS)
        return wl_wasi_return(io, err);
    uint32_t moved;
    err = transfer(ctx, inst, f, iovs, count, positioned ? &at : NULL, writing, &moved);
    if (err == WASI_ESUCCESS)
        wl_guest_put_u32(inst, result, moved);
    return wl_wasi_return(io, err);
}

mote_status wl_file_write(mote_wasi *ctx, mote_instance *inst, mote_value *io)
{
    return io_call(ctx, inst, io, true, false);
}

mote_status wl_file_read(mote_wasi *ctx, mote_instance *inst, mote_value *io)
{
    return io_call(ctx, inst, io, false, false);
}

/* fd_pread(fd, iovs, iovs_len, offset, nread_ptr), fd_pwrite(...): a
 * console cannot seek (ESPIPE). */
mote_status wl_wasi_fd_pread(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = ctx_of(user);
    if (io[0].u32 < 3)
        return wl_wasi_return(io, wl_fd_is_open(ctx, io[0].u32) ? WASI_ESPIPE : WASI_EBADF);
    return io_call(ctx, inst, io, false, true);
}

mote_status wl_wasi_fd_pwrite(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = ctx_of(user);
    if (io[0].u32 < 3)
        return wl_wasi_return(io, wl_fd_is_open(ctx, io[0].u32) ? WASI_ESPIPE : WASI_EBADF);
    return io_call(ctx, inst, io, true, true);
}

/* ---- position, sync, stat, size ------------------------------------------------------------- */

uint16_t wl_file_seek(mote_wasi *ctx, mote_instance *inst, uint32_t fd, int64_t offset,
                      uint32_t whence, uint32_t out)
{
    bool tell_only = offset == 0 && whence == WASI_WHENCE_CUR;
    mote_wasi_fd *f;
    uint16_t err = file_with(ctx, fd, tell_only ? WASI_RIGHT_FD_TELL : WASI_RIGHT_FD_SEEK, &f);
    if (err == WASI_EISDIR)
        err = WASI_EBADF;
    if (err == WASI_ESUCCESS && wl_guest_range(inst, out, 8) == NULL)
        err = WASI_EFAULT;
    if (err == WASI_ESUCCESS && whence > WASI_WHENCE_END)
        err = WASI_EINVAL;
    uint64_t pos = 0;
    if (err == WASI_ESUCCESS)
        err = ops(ctx, f)->seek(be(ctx, f), &f->node, offset, (uint8_t)whence, &pos);
    if (err == WASI_ESUCCESS)
        wl_guest_put_u64(inst, out, pos);
    return err;
}

uint16_t wl_file_sync(mote_wasi *ctx, uint32_t fd, bool data_only)
{
    mote_wasi_fd *f = wl_file(ctx, fd);
    uint16_t err = wl_file_rights(f, data_only ? WASI_RIGHT_FD_DATASYNC : WASI_RIGHT_FD_SYNC);
    return err != WASI_ESUCCESS ? err : ops(ctx, f)->sync(be(ctx, f), &f->node);
}

uint16_t wl_file_filestat(mote_wasi *ctx, mote_instance *inst, uint32_t fd, uint32_t out)
{
    mote_wasi_fd *f = wl_file(ctx, fd);
    uint16_t err = wl_file_rights(f, WASI_RIGHT_FD_FILESTAT_GET);
    uint8_t *p = wl_guest_range(inst, out, WASI_FILESTAT_SIZE);
    if (err != WASI_ESUCCESS)
        return err;
    if (p == NULL)
        return WASI_EFAULT;
    mote_wasi_stat st;
    if ((err = ops(ctx, f)->stat(be(ctx, f), &f->node, &st)) == WASI_ESUCCESS)
        wl_put_filestat(p, &st);
    return err;
}

/* fd_filestat_set_size(fd, size) */
mote_status wl_wasi_fd_filestat_set_size(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = ctx_of(user);
    uint32_t fd = io[0].u32;
    if (fd < 3)
        return wl_wasi_return(io, wl_fd_is_open(ctx, fd) ? WASI_EINVAL : WASI_EBADF);
    mote_wasi_fd *f;
    uint16_t err = file_with(ctx, fd, WASI_RIGHT_FD_FILESTAT_SET_SIZE, &f);
    if (err == WASI_ESUCCESS)
        err = ops(ctx, f)->set_size(be(ctx, f), &f->node, io[1].u64);
    return wl_wasi_return(io, err);
}

/* fd_allocate(fd, offset, len): the file grows to offset + len if shorter. */
mote_status wl_wasi_fd_allocate(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = ctx_of(user);
    uint32_t fd = io[0].u32;
    uint64_t offset = io[1].u64, len = io[2].u64;
    if (fd < 3)
        return wl_wasi_return(io, wl_fd_is_open(ctx, fd) ? WASI_EINVAL : WASI_EBADF);
    mote_wasi_fd *f;
    uint16_t err = file_with(ctx, fd, WASI_RIGHT_FD_ALLOCATE, &f);
    mote_wasi_stat st;
    if (err == WASI_ESUCCESS && (len == 0 || offset > UINT64_MAX - len))
        err = WASI_EINVAL;
    if (err == WASI_ESUCCESS)
        err = ops(ctx, f)->stat(be(ctx, f), &f->node, &st);
    if (err == WASI_ESUCCESS && offset + len > st.size)
        err = ops(ctx, f)->set_size(be(ctx, f), &f->node, offset + len);
    return wl_wasi_return(io, err);
}

/* fd_advise(fd, offset, len, advice): taken note of, nothing more. */
mote_status wl_wasi_fd_advise(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = ctx_of(user);
    uint32_t fd = io[0].u32;
    if (fd < 3)
        return wl_wasi_return(io, wl_fd_is_open(ctx, fd) ? WASI_ESPIPE : WASI_EBADF);
    mote_wasi_fd *f;
    uint16_t err = file_with(ctx, fd, WASI_RIGHT_FD_ADVISE, &f);
    if (err == WASI_ESUCCESS && (io[3].u32 > 5 || io[1].u64 > UINT64_MAX - io[2].u64))
        err = WASI_EINVAL;
    return wl_wasi_return(io, err);
}

/* fd_filestat_set_times(fd, atim, mtim, flags): files keep no times. */
mote_status wl_wasi_fd_filestat_set_times(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = ctx_of(user);
    uint32_t fd = io[0].u32;
    bool open = fd < 3 ? wl_fd_is_open(ctx, fd) : wl_file(ctx, fd) != NULL;
    return wl_wasi_return(io, open ? WASI_ENOTSUP : WASI_EBADF);
}

/* ---- fdstat -----------------------------------------------------------------------------------
 */

uint16_t wl_file_fdstat(mote_wasi *ctx, mote_instance *inst, uint32_t fd, uint32_t out)
{
    mote_wasi_fd *f = wl_file(ctx, fd);
    uint8_t *p = wl_guest_range(inst, out, WASI_FDSTAT_SIZE);
    if (f == NULL)
        return WASI_EBADF;
    if (p == NULL)
        return WASI_EFAULT;
    memset(p, 0, WASI_FDSTAT_SIZE);
    p[WASI_FDSTAT_FILETYPE] = f->node.filetype;
    wl_store_u16(p + WASI_FDSTAT_FLAGS, f->flags);
    wl_store_u64(p + WASI_FDSTAT_RIGHTS_BASE, f->rights);
    wl_store_u64(p + WASI_FDSTAT_RIGHTS_INHERITING, f->inheriting);
    return WASI_ESUCCESS;
}

uint16_t wl_file_set_flags(mote_wasi *ctx, uint32_t fd, uint32_t flags)
{
    mote_wasi_fd *f = wl_file(ctx, fd);
    uint16_t err = wl_file_rights(f, WASI_RIGHT_FD_FDSTAT_SET_FLAGS);
    if (err != WASI_ESUCCESS)
        return err;
    if (flags & ~(uint32_t)(WASI_FDFLAG_APPEND | WASI_FDFLAG_DSYNC | WASI_FDFLAG_NONBLOCK |
                            WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC))
        return WASI_EINVAL;
    f->flags = (uint16_t)flags;
    return WASI_ESUCCESS;
}

/* fd_fdstat_set_rights(fd, base, inheriting): rights can only be dropped. */
mote_status wl_wasi_fd_fdstat_set_rights(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = ctx_of(user);
    uint32_t fd = io[0].u32;
    if (fd < 3)
        return wl_wasi_return(io, wl_fd_is_open(ctx, fd) ? WASI_ENOTSUP : WASI_EBADF);
    mote_wasi_fd *f = wl_file(ctx, fd);
    if (f == NULL)
        return wl_wasi_return(io, WASI_EBADF);
    if ((io[1].u64 & ~f->rights) || (io[2].u64 & ~f->inheriting))
        return wl_wasi_return(io, WASI_ENOTCAPABLE);
    f->rights = io[1].u64;
    f->inheriting = io[2].u64;
    return wl_wasi_return(io, WASI_ESUCCESS);
}

/* ---- directories ------------------------------------------------------------------------------
 */

typedef struct listing {
    uint8_t *buf;
    uint32_t cap, used;
} listing;

/* Appends one dirent, cut short when the buffer ends (the app then knows
 * to call again with a larger buffer). */
static bool put_dirent(void *ctx, const char *name, size_t len, uint8_t type, uint64_t ino,
                       uint64_t next)
{
    listing *l = ctx;
    uint8_t head[WASI_DIRENT_SIZE];
    memset(head, 0, sizeof head);
    wl_store_u64(head + WASI_DIRENT_NEXT, next);
    wl_store_u64(head + WASI_DIRENT_INO, ino);
    wl_store_u32(head + WASI_DIRENT_NAMLEN, (uint32_t)len);
    head[WASI_DIRENT_TYPE] = type;
    uint32_t room = l->cap - l->used;
    uint32_t n = room < WASI_DIRENT_SIZE ? room : WASI_DIRENT_SIZE;
    memcpy(l->buf + l->used, head, n);
    l->used += n;
    room -= n;
    uint32_t m = room < len ? room : (uint32_t)len;
    memcpy(l->buf + l->used, name, m);
    l->used += m;
    return l->used < l->cap;
}

/* fd_readdir(fd, buf, buf_len, cookie, bufused_ptr) */
mote_status wl_wasi_fd_readdir(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = ctx_of(user);
    uint32_t fd = io[0].u32, buf = io[1].u32, len = io[2].u32, result = io[4].u32;
    uint64_t cookie = io[3].u64;
    if (fd < 3)
        return wl_wasi_return(io, wl_fd_is_open(ctx, fd) ? WASI_ENOTDIR : WASI_EBADF);
    mote_wasi_fd *f = wl_file(ctx, fd);
    uint16_t err = wl_file_rights(f, WASI_RIGHT_FD_READDIR);
    if (err != WASI_ESUCCESS)
        return wl_wasi_return(io, err);
    if (f->node.filetype != WASI_FILETYPE_DIRECTORY)
        return wl_wasi_return(io, WASI_ENOTDIR);
    listing l = {.buf = len > 0 ? wl_guest_range(inst, buf, len) : NULL, .cap = len};
    if ((len > 0 && l.buf == NULL) || wl_guest_range(inst, result, 4) == NULL)
        return wl_wasi_return(io, WASI_EFAULT);
    if (len > 0)
        err = ops(ctx, f)->readdir(be(ctx, f), &f->node, cookie, put_dirent, &l);
    if (err == WASI_ESUCCESS)
        wl_guest_put_u32(inst, result, l.used);
    return wl_wasi_return(io, err);
}

/* ---- preopens, close, renumber ------------------------------------------------------------------
 */

uint16_t wl_file_prestat(mote_wasi *ctx, mote_instance *inst, uint32_t fd, uint32_t out)
{
    mote_wasi_fd *f = wl_file(ctx, fd);
    uint8_t *p = wl_guest_range(inst, out, WASI_PRESTAT_SIZE);
    if (f == NULL || !f->is_preopen)
        return WASI_EBADF;
    if (p == NULL)
        return WASI_EFAULT;
    memset(p, 0, WASI_PRESTAT_SIZE);
    p[0] = WASI_PREOPENTYPE_DIR;
    wl_store_u32(p + WASI_PRESTAT_NAME_LEN, (uint32_t)strlen(wl_backend(ctx, f)->guest_path));
    return WASI_ESUCCESS;
}

uint16_t wl_file_prestat_name(mote_wasi *ctx, mote_instance *inst, uint32_t fd, uint32_t out,
                              uint32_t len)
{
    mote_wasi_fd *f = wl_file(ctx, fd);
    if (f == NULL || !f->is_preopen)
        return WASI_EBADF;
    const char *name = wl_backend(ctx, f)->guest_path;
    size_t n = strlen(name);
    uint8_t *p = wl_guest_range(inst, out, n);
    if (p == NULL)
        return WASI_EFAULT;
    if (len < n)
        return WASI_ENAMETOOLONG;
    memcpy(p, name, n);
    return WASI_ESUCCESS;
}

uint16_t wl_file_close(mote_wasi *ctx, uint32_t fd)
{
    mote_wasi_fd *f = wl_file(ctx, fd);
    if (f == NULL)
        return WASI_EBADF;
    uint16_t err = ops(ctx, f)->close(be(ctx, f), &f->node);
    wl_file_free(ctx, fd);
    return err;
}

/* fd_renumber(fd, to): fd takes the number to (closing what was there). */
mote_status wl_wasi_fd_renumber(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = ctx_of(user);
    uint32_t fd = io[0].u32, to = io[1].u32;
    if (fd < 3 || to < 3) {
        bool open = fd < 3 ? wl_fd_is_open(ctx, fd) : wl_file(ctx, fd) != NULL;
        return wl_wasi_return(io, open ? WASI_ENOTSUP : WASI_EBADF);
    }
    if (wl_file(ctx, fd) == NULL || to - 3 >= MOTE_WASI_MAX_FDS)
        return wl_wasi_return(io, WASI_EBADF);
    if (fd == to)
        return wl_wasi_return(io, WASI_ESUCCESS);
    if (wl_file(ctx, to) != NULL)
        wl_file_close(ctx, to);
    wl_file(ctx, fd)->number = (uint8_t)(to - 3);
    return wl_wasi_return(io, WASI_ESUCCESS);
}
