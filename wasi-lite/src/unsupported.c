/*
 * unsupported.c -- the WASI calls a board console cannot serve.  They are
 * all provided, with the types wasi-libc imports them with, so that any
 * app links; each answers what a POSIX system would for a terminal and no
 * file system:
 *
 *   fd not open (or not 0..2)                   EBADF
 *   positioned I/O, advice on a console        ESPIPE   (fd_pread, fd_pwrite, fd_advise)
 *   sizing a console                           EINVAL   (fd_allocate, fd_filestat_set_size)
 *   other console changes                      ENOTSUP  (fd_filestat_set_times,
 *                                                        fd_fdstat_set_rights, fd_renumber)
 *   directory calls on a console               ENOTDIR  (fd_readdir, path_*)
 *   socket calls on a console                  ENOTSOCK (sock_*)
 *   calls with no fd                           ENOSYS   (proc_raise)
 *
 * The fd is the first argument of every one of them but path_symlink's.
 */
#include "internal.h"

static mote_status deny(mote_value *io, void *user, uint32_t fd, uint16_t console_err)
{
    return wl_wasi_return(io, wl_fd_is_open(user, fd) ? console_err : WASI_EBADF);
}

mote_status wl_wasi_deny_espipe(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    return deny(io, user, io[0].u32, WASI_ESPIPE);
}

mote_status wl_wasi_deny_einval(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    return deny(io, user, io[0].u32, WASI_EINVAL);
}

mote_status wl_wasi_deny_enotsup(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    return deny(io, user, io[0].u32, WASI_ENOTSUP);
}

mote_status wl_wasi_deny_enotdir(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    return deny(io, user, io[0].u32, WASI_ENOTDIR);
}

mote_status wl_wasi_deny_enotsock(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    return deny(io, user, io[0].u32, WASI_ENOTSOCK);
}

/* path_symlink(old_path, old_len, fd, new_path, new_len) */
mote_status wl_wasi_path_symlink(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    return deny(io, user, io[2].u32, WASI_ENOTDIR);
}

mote_status wl_wasi_enosys(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    (void)user;
    return wl_wasi_return(io, WASI_ENOSYS);
}
