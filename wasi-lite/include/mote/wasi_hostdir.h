/*
 * wasi_hostdir.h -- WASI files in a real directory of the host (the host
 * board only: POSIX).  The app is confined to the directory: paths are
 * resolved one component at a time with openat() and O_NOFOLLOW, ".."
 * never climbs above the directory an fd names, and a symbolic link is
 * followed only when its target stays inside (an absolute target, or one
 * that climbs out, gives ENOTCAPABLE).  A link swapped in between the
 * check and the open makes the open fail (ELOOP) rather than escape.
 */
#ifndef MOTE_WASI_HOSTDIR_H
#define MOTE_WASI_HOSTDIR_H

#include <mote/wasi.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mote_wasi_hostdir {
    int root; /* the directory, opened */
} mote_wasi_hostdir;

extern const mote_wasi_fs_ops mote_wasi_hostdir_ops;

/* Opens host_path as the back end's directory; 0, or an errno (ENOTDIR,
 * ENOENT, ...). */
int mote_wasi_hostdir_open(mote_wasi_hostdir *be, const char *host_path);

/* Closes it (after the app's run). */
void mote_wasi_hostdir_close(mote_wasi_hostdir *be);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_WASI_HOSTDIR_H */
