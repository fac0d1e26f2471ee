/*
 * fd_meta.c -- what an app may ask about its three console fds: they are
 * character devices (so wasi-libc's isatty() is true and stdout is line
 * buffered), they cannot seek (ESPIPE), they can be closed, stdin can be
 * made non-blocking, and they are not preopened directories (EBADF from
 * fd_prestat_get).  Fds from 3 up are files and directories: each call
 * hands them to file_calls.c.
 */
#include <string.h>

#include "internal.h"

#define CONSOLE_RIGHTS \
    (WASI_RIGHT_POLL_FD_READWRITE | WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_FILESTAT_GET)

bool wl_fd_is_open(const mote_wasi *ctx, uint32_t fd)
{
    return fd < 3 && (ctx->fd_open & (1u << fd)) != 0;
}

/* fd_close(fd) -> errno */
mote_status wl_wasi_fd_close(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = user;
    uint32_t fd = io[0].u32;
    if (fd >= 3)
        return wl_wasi_return(io, wl_file_close(ctx, fd));
    if (!wl_fd_is_open(ctx, fd))
        return wl_wasi_return(io, WASI_EBADF);
    ctx->fd_open &= (uint8_t) ~(1u << fd);
    return wl_wasi_return(io, WASI_ESUCCESS);
}

/* fd_fdstat_get(fd, fdstat_ptr) -> errno */
mote_status wl_wasi_fd_fdstat_get(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = user;
    uint32_t fd = io[0].u32;
    if (fd >= 3)
        return wl_wasi_return(io, wl_file_fdstat(ctx, inst, fd, io[1].u32));
    if (!wl_fd_is_open(ctx, fd))
        return wl_wasi_return(io, WASI_EBADF);
    uint8_t *st = wl_guest_range(inst, io[1].u32, WASI_FDSTAT_SIZE);
    if (st == NULL)
        return wl_wasi_return(io, WASI_EFAULT);
    uint64_t rights = CONSOLE_RIGHTS | (fd == 0 ? WASI_RIGHT_FD_READ : WASI_RIGHT_FD_WRITE);
    memset(st, 0, WASI_FDSTAT_SIZE);
    st[WASI_FDSTAT_FILETYPE] = WASI_FILETYPE_CHARACTER_DEVICE;
    wl_store_u16(st + WASI_FDSTAT_FLAGS, ctx->fd_flags[fd]);
    wl_store_u64(st + WASI_FDSTAT_RIGHTS_BASE, rights);
    wl_store_u64(st + WASI_FDSTAT_RIGHTS_INHERITING, 0);
    return wl_wasi_return(io, WASI_ESUCCESS);
}

/* fd_fdstat_set_flags(fd, flags) -> errno: append and nonblock only. */
mote_status wl_wasi_fd_fdstat_set_flags(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = user;
    uint32_t fd = io[0].u32, flags = io[1].u32;
    if (fd >= 3)
        return wl_wasi_return(io, wl_file_set_flags(ctx, fd, flags));
    if (!wl_fd_is_open(ctx, fd))
        return wl_wasi_return(io, WASI_EBADF);
    if (flags & ~(uint32_t)(WASI_FDFLAG_APPEND | WASI_FDFLAG_NONBLOCK))
        return wl_wasi_return(io, WASI_ENOTSUP);
    ctx->fd_flags[fd] = (uint16_t)flags;
    return wl_wasi_return(io, WASI_ESUCCESS);
}

/* fd_filestat_get(fd, filestat_ptr) -> errno: a character device, all else 0. */
mote_status wl_wasi_fd_filestat_get(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = user;
    if (io[0].u32 >= 3)
        return wl_wasi_return(io, wl_file_filestat(ctx, inst, io[0].u32, io[1].u32));
    if (!wl_fd_is_open(ctx, io[0].u32))
        return wl_wasi_return(io, WASI_EBADF);
    uint8_t *st = wl_guest_range(inst, io[1].u32, WASI_FILESTAT_SIZE);
    if (st == NULL)
        return wl_wasi_return(io, WASI_EFAULT);
    memset(st, 0, WASI_FILESTAT_SIZE);
    st[WASI_FILESTAT_FILETYPE] = WASI_FILETYPE_CHARACTER_DEVICE;
    return wl_wasi_return(io, WASI_ESUCCESS);
}

/* fd_prestat_get(fd, prestat_ptr), fd_prestat_dir_name(fd, path, len):
 * the preopened directories' names (console fds are none). */
mote_status wl_wasi_fd_prestat_get(mote_instance *inst, mote_value *io, void *user)
{
    return wl_wasi_return(io, wl_file_prestat(user, inst, io[0].u32, io[1].u32));
}

mote_status wl_wasi_fd_prestat_dir_name(mote_instance *inst, mote_value *io, void *user)
{
    return wl_wasi_return(io, wl_file_prestat_name(user, inst, io[0].u32, io[1].u32, io[2].u32));
}

/* fd_seek(fd, offset, whence, newoffset_ptr), fd_tell(fd, offset_ptr):
 * a console has no position. */
mote_status wl_wasi_fd_seek(mote_instance *inst, mote_value *io, void *user)
{
    uint32_t fd = io[0].u32;
    if (fd >= 3)
        return wl_wasi_return(io, wl_file_seek(user, inst, fd, io[1].i64, io[2].u32, io[3].u32));
    return wl_wasi_return(io, wl_fd_is_open(user, fd) ? WASI_ESPIPE : WASI_EBADF);
}

mote_status wl_wasi_fd_tell(mote_instance *inst, mote_value *io, void *user)
{
    uint32_t fd = io[0].u32;
    if (fd >= 3)
        return wl_wasi_return(io, wl_file_seek(user, inst, fd, 0, WASI_WHENCE_CUR, io[1].u32));
    return wl_wasi_return(io, wl_fd_is_open(user, fd) ? WASI_ESPIPE : WASI_EBADF);
}

/* fd_sync(fd), fd_datasync(fd): console writes are synchronous already;
 * a file commits what was written to it (fs/). */
mote_status wl_wasi_fd_sync(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    uint32_t fd = io[0].u32;
    if (fd >= 3)
        return wl_wasi_return(io, wl_file_sync(user, fd, false));
    return wl_wasi_return(io, wl_fd_is_open(user, fd) ? WASI_ESUCCESS : WASI_EBADF);
}

mote_status wl_wasi_fd_datasync(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    uint32_t fd = io[0].u32;
    if (fd >= 3)
        return wl_wasi_return(io, wl_file_sync(user, fd, true));
    return wl_wasi_return(io, wl_fd_is_open(user, fd) ? WASI_ESUCCESS : WASI_EBADF);
}
