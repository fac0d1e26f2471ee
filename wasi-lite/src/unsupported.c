/*
 * unsupported.c -- the WASI calls WASI-lite does not serve: sockets,
 * symbolic links, signals.  They are provided, with the types wasi-libc
 * imports them with, so that any app links; each answers what a POSIX
 * system would:
 *
 *   fd not open                                EBADF
 *   socket calls on a console or a file        ENOTSOCK (sock_*)
 *   path_symlink on a console                  ENOTDIR
 *   path_symlink in a directory                ENOTSUP  (no back end makes links)
 *   calls with no fd                           ENOSYS   (proc_raise)
 *
 * (The other calls a console cannot serve answer for it in file_calls.c
 * and path_calls.c.)
 */
#include "internal.h"

static mote_status deny(mote_value *io, void *user, uint32_t fd, uint16_t console_err,
                        uint16_t file_err)
{
    if (wl_fd_is_open(user, fd))
        return wl_wasi_return(io, console_err);
    return wl_wasi_return(io, wl_file(user, fd) != NULL ? file_err : WASI_EBADF);
}

mote_status wl_wasi_deny_enotsock(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    return deny(io, user, io[0].u32, WASI_ENOTSOCK, WASI_ENOTSOCK);
}

/* path_symlink(old_path, old_len, fd, new_path, new_len) */
mote_status wl_wasi_path_symlink(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi_fd *f = wl_file(user, io[2].u32);
    uint16_t in_dir =
        f != NULL && f->node.filetype == WASI_FILETYPE_DIRECTORY ? WASI_ENOTSUP : WASI_ENOTDIR;
    return deny(io, user, io[2].u32, WASI_ENOTDIR, in_dir);
}

mote_status wl_wasi_enosys(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    (void)user;
    return wl_wasi_return(io, WASI_ENOSYS);
}
