/*
 * hostdir.c -- the host directory back end (mote/wasi_hostdir.h).
 *
 * resolve() walks a path from a directory fd, one component at a time:
 * "." stays, ".." pops the stack of directories opened so far (never past
 * its bottom: ENOTCAPABLE), a directory is opened with O_NOFOLLOW |
 * O_DIRECTORY and pushed, a symbolic link has its target spliced in front
 * of the rest of the path (an absolute target: ENOTCAPABLE; more than 32
 * links: ELOOP).  What comes back is the directory holding the last
 * component, and that component's name, which the operations then use
 * with *at() calls and O_NOFOLLOW, so nothing the app can name lies
 * outside.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mote/wasi_hostdir.h>

#include "../src/internal.h"

#define MAX_DEPTH 64
#define MAX_LINKS 32
#define BUF 4096

static uint16_t wasi_errno(int e)
{
    switch (e) {
    case 0: return WASI_ESUCCESS;
    case EACCES: return WASI_EACCES;
    case EAGAIN: return WASI_EAGAIN;
    case EBADF: return WASI_EBADF;
    case EBUSY: return WASI_EBUSY;
    case EDQUOT: return WASI_EDQUOT;
    case EEXIST: return WASI_EEXIST;
    case EFAULT: return WASI_EFAULT;
    case EFBIG: return WASI_EFBIG;
    case EINVAL: return WASI_EINVAL;
    case EISDIR: return WASI_EISDIR;
    case ELOOP: return WASI_ELOOP;
    case EMFILE:
    case ENFILE: return WASI_EMFILE;
    case ENAMETOOLONG: return WASI_ENAMETOOLONG;
    case ENOENT: return WASI_ENOENT;
    case ENOMEM: return WASI_ENOMEM;
    case ENOSPC: return WASI_ENOSPC;
    case ENOTDIR: return WASI_ENOTDIR;
    case ENOTEMPTY: return WASI_ENOTEMPTY;
    case EOVERFLOW: return WASI_EOVERFLOW;
    case EPERM: return WASI_EPERM;
    case EROFS: return WASI_EROFS;
    case ESPIPE: return WASI_ESPIPE;
    case EXDEV: return WASI_EXDEV;
    default: return WASI_EIO;
    }
}

static uint16_t last_errno(void)
{
    return wasi_errno(errno);
}

/* ---- resolving ------------------------------------------------------------------------ */

typedef struct walk {
    int fds[MAX_DEPTH + 1]; /* fds[0] is the start (not ours to close) */
    int depth;
    char name[NAME_MAX + 1]; /* the last component ("." for the directory itself) */
} walk;

static int top(const walk *w)
{
    return w->fds[w->depth];
}

static void walk_end(walk *w)
{
    while (w->depth > 0)
        close(w->fds[w->depth--]);
}

/* Replaces the path in buf: the link's target, then what followed the
 * link.  rest points into buf. */
static uint16_t splice_link(char *buf, const char *rest, const char *target, size_t tlen)
{
    size_t rlen = strlen(rest);
    if (tlen == 0)
        return WASI_ENOENT;
    if (target[0] == '/')
        return WASI_ENOTCAPABLE;
    if (tlen + 1 + rlen + 1 > BUF)
        return WASI_ENAMETOOLONG;
    memmove(buf + tlen + 1, rest, rlen + 1);
    memcpy(buf, target, tlen);
    buf[tlen] = '/';
    return WASI_ESUCCESS;
}

/*
 * Walks path (copied into a work buffer) from dir.  follow: a link as the
 * last component is followed too.  On success the caller uses top(w) and
 * w->name, then walk_end().
 */
static uint16_t resolve(int dir, const char *path, bool follow, walk *w)
{
    static char buf[BUF]; /* one app thread: one walk at a time */
    char target[BUF];
    w->fds[0] = dir;
    w->depth = 0;
    if (strlen(path) >= BUF)
        return WASI_ENAMETOOLONG;
    strcpy(buf, path);
    char *p = buf;
    int links = 0;
    for (;;) {
        while (*p == '/')
            p++;
        char *end = p;
        while (*end != '\0' && *end != '/')
            end++;
        size_t len = (size_t)(end - p);
        char *rest = end;
        while (*rest == '/')
            rest++;
        bool last = *rest == '\0';
        if (len > NAME_MAX) {
            walk_end(w);
            return WASI_ENAMETOOLONG;
        }
        memcpy(w->name, p, len);
        w->name[len] = '\0';
        if (len == 0 || !strcmp(w->name, ".")) {
            strcpy(w->name, ".");
            if (last)
                return WASI_ESUCCESS;
            p = rest;
            continue;
        }
        if (!strcmp(w->name, "..")) {
            if (w->depth == 0)
                return WASI_ENOTCAPABLE;
            close(w->fds[w->depth--]);
            strcpy(w->name, ".");
            if (last)
                return WASI_ESUCCESS;
            p = rest;
            continue;
        }
        struct stat st;
        bool exists = fstatat(top(w), w->name, &st, AT_SYMLINK_NOFOLLOW) == 0;
        if (exists && S_ISLNK(st.st_mode) && (!last || follow)) {
            if (++links > MAX_LINKS) {
                walk_end(w);
                return WASI_ELOOP;
            }
            ssize_t n = readlinkat(top(w), w->name, target, sizeof target);
            uint16_t err = n < 0                        ? last_errno()
                           : (size_t)n >= sizeof target ? WASI_ENAMETOOLONG
                                                        : splice_link(buf, rest, target, (size_t)n);
            if (err != WASI_ESUCCESS) {
                walk_end(w);
                return err;
            }
            p = buf;
            continue;
        }
        if (last)
            return WASI_ESUCCESS;
        if (!exists || !S_ISDIR(st.st_mode)) {
            walk_end(w);
            return exists ? WASI_ENOTDIR : WASI_ENOENT;
        }
        if (w->depth == MAX_DEPTH) {
            walk_end(w);
            return WASI_ENAMETOOLONG;
        }
        int fd = openat(top(w), w->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            uint16_t err = last_errno();
            walk_end(w);
            return err;
        }
        w->fds[++w->depth] = fd;
        p = rest;
    }
}

/* ---- the operations ---------------------------------------------------------------------- */

static int root_of(void *be)
{
    return ((mote_wasi_hostdir *)be)->root;
}

static uint8_t filetype(mode_t m)
{
    return S_ISDIR(m)   ? WASI_FILETYPE_DIRECTORY
           : S_ISREG(m) ? WASI_FILETYPE_REGULAR_FILE
           : S_ISLNK(m) ? WASI_FILETYPE_SYMBOLIC_LINK
           : S_ISCHR(m) ? WASI_FILETYPE_CHARACTER_DEVICE
                        : WASI_FILETYPE_UNKNOWN;
}

static uint64_t ns(struct timespec t)
{
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void fill(const struct stat *st, mote_wasi_stat *out)
{
    out->dev = (uint64_t)st->st_dev;
    out->ino = (uint64_t)st->st_ino;
    out->nlink = (uint64_t)st->st_nlink;
    out->size = (uint64_t)st->st_size;
    out->atim = ns(st->st_atim);
    out->mtim = ns(st->st_mtim);
    out->ctim = ns(st->st_ctim);
    out->filetype = filetype(st->st_mode);
}

static uint16_t hd_root(void *be, mote_wasi_node *out)
{
    int fd = fcntl(root_of(be), F_DUPFD_CLOEXEC, 3);
    if (fd < 0)
        return last_errno();
    out->filetype = WASI_FILETYPE_DIRECTORY;
    out->u.host = fd;
    return WASI_ESUCCESS;
}

static uint16_t hd_open(void *be, mote_wasi_node *dir, char *path, uint32_t oflags, uint32_t access,
                        bool follow, mote_wasi_node *out)
{
    (void)be;
    walk w;
    uint16_t err = resolve(dir->u.host, path, follow, &w);
    if (err != WASI_ESUCCESS)
        return err;
    int flags = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
    flags |= (access & 3) == 3 ? O_RDWR : (access & 2) ? O_WRONLY : O_RDONLY;
    if (oflags & WASI_O_CREAT)
        flags |= O_CREAT;
    if (oflags & WASI_O_EXCL)
        flags |= O_EXCL;
    if (oflags & WASI_O_TRUNC)
        flags |= O_TRUNC;
    if (oflags & WASI_O_DIRECTORY)
        flags |= O_DIRECTORY;
    int fd = openat(top(&w), w.name, flags, 0666);
    if (fd < 0 && errno == EISDIR && !(access & 2))
        fd = openat(top(&w), w.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    err = fd < 0 ? last_errno() : WASI_ESUCCESS;
    walk_end(&w);
    if (err != WASI_ESUCCESS)
        return err;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        err = last_errno();
        close(fd);
        return err;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    out->filetype = filetype(st.st_mode);
    out->u.host = fd;
    return WASI_ESUCCESS;
}

static uint16_t hd_close(void *be, mote_wasi_node *n)
{
    (void)be;
    return close(n->u.host) == 0 ? WASI_ESUCCESS : last_errno();
}

static uint16_t hd_read(void *be, mote_wasi_node *n, void *buf, size_t len, const uint64_t *at,
                        size_t *got)
{
    (void)be;
    *got = 0;
    if (at != NULL && *at > INT64_MAX)
        return WASI_EINVAL;
    ssize_t r = at != NULL ? pread(n->u.host, buf, len, (off_t)*at) : read(n->u.host, buf, len);
    if (r < 0)
        return last_errno();
    *got = (size_t)r;
    return WASI_ESUCCESS;
}

static uint16_t hd_write(void *be, mote_wasi_node *n, const void *buf, size_t len,
                         const uint64_t *at, bool append, size_t *done)
{
    (void)be;
    *done = 0;
    if (at != NULL && *at > INT64_MAX)
        return WASI_EINVAL;
    if (at == NULL && append && lseek(n->u.host, 0, SEEK_END) < 0)
        return last_errno();
    ssize_t r = at != NULL ? pwrite(n->u.host, buf, len, (off_t)*at) : write(n->u.host, buf, len);
    if (r < 0)
        return last_errno();
    *done = (size_t)r;
    return WASI_ESUCCESS;
}

static uint16_t hd_seek(void *be, mote_wasi_node *n, int64_t offset, uint8_t whence, uint64_t *pos)
{
    (void)be;
    int w = whence == WASI_WHENCE_SET ? SEEK_SET : whence == WASI_WHENCE_CUR ? SEEK_CUR : SEEK_END;
    off_t r = lseek(n->u.host, (off_t)offset, w);
    if (r < 0)
        return last_errno();
    *pos = (uint64_t)r;
    return WASI_ESUCCESS;
}

static uint16_t hd_sync(void *be, mote_wasi_node *n)
{
    (void)be;
    return fsync(n->u.host) == 0 || errno == EINVAL ? WASI_ESUCCESS : last_errno();
}

static uint16_t hd_stat(void *be, mote_wasi_node *n, mote_wasi_stat *out)
{
    (void)be;
    struct stat st;
    if (fstat(n->u.host, &st) != 0)
        return last_errno();
    fill(&st, out);
    return WASI_ESUCCESS;
}

static uint16_t hd_set_size(void *be, mote_wasi_node *n, uint64_t size)
{
    (void)be;
    if (size > INT64_MAX)
        return WASI_EFBIG;
    return ftruncate(n->u.host, (off_t)size) == 0 ? WASI_ESUCCESS : last_errno();
}

/* Cookies are entry counts: the directory is read again from its start. */
static uint16_t hd_readdir(void *be, mote_wasi_node *dir, uint64_t cookie, mote_wasi_dirent_fn fn,
                           void *ctx)
{
    (void)be;
    int fd = openat(dir->u.host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return last_errno();
    DIR *d = fdopendir(fd);
    if (d == NULL) {
        uint16_t err = last_errno();
        close(fd);
        return err;
    }
    uint64_t index = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        index++;
        if (index <= cookie)
            continue;
        uint8_t type = e->d_type == DT_DIR   ? WASI_FILETYPE_DIRECTORY
                       : e->d_type == DT_REG ? WASI_FILETYPE_REGULAR_FILE
                       : e->d_type == DT_LNK ? WASI_FILETYPE_SYMBOLIC_LINK
                                             : WASI_FILETYPE_UNKNOWN;
        if (!fn(ctx, e->d_name, strlen(e->d_name), type, (uint64_t)e->d_ino, index))
            break;
    }
    closedir(d);
    return WASI_ESUCCESS;
}

static uint16_t hd_mkdir(void *be, mote_wasi_node *dir, char *path)
{
    (void)be;
    walk w;
    uint16_t err = resolve(dir->u.host, path, false, &w);
    if (err != WASI_ESUCCESS)
        return err;
    err = mkdirat(top(&w), w.name, 0777) == 0 ? WASI_ESUCCESS : last_errno();
    walk_end(&w);
    return err;
}

static uint16_t hd_remove(void *be, mote_wasi_node *dir, char *path, bool is_dir)
{
    (void)be;
    walk w;
    uint16_t err = resolve(dir->u.host, path, false, &w);
    if (err != WASI_ESUCCESS)
        return err;
    if (!strcmp(w.name, "."))
        err = is_dir ? WASI_EBUSY : WASI_EISDIR;
    else if (unlinkat(top(&w), w.name, is_dir ? AT_REMOVEDIR : 0) != 0)
        err = last_errno();
    walk_end(&w);
    return err;
}

static uint16_t hd_rename(void *be, mote_wasi_node *from_dir, char *from, mote_wasi_node *to_dir,
                          char *to)
{
    (void)be;
    walk a, b;
    uint16_t err = resolve(from_dir->u.host, from, false, &a);
    if (err != WASI_ESUCCESS)
        return err;
    if ((err = resolve(to_dir->u.host, to, false, &b)) != WASI_ESUCCESS) {
        walk_end(&a);
        return err;
    }
    if (!strcmp(a.name, ".") || !strcmp(b.name, "."))
        err = WASI_EBUSY;
    else if (renameat(top(&a), a.name, top(&b), b.name) != 0)
        err = last_errno();
    walk_end(&b);
    walk_end(&a);
    return err;
}

static uint16_t hd_path_stat(void *be, mote_wasi_node *dir, char *path, bool follow,
                             mote_wasi_stat *out)
{
    (void)be;
    walk w;
    uint16_t err = resolve(dir->u.host, path, follow, &w);
    if (err != WASI_ESUCCESS)
        return err;
    struct stat st;
    if (fstatat(top(&w), w.name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        err = last_errno();
    else
        fill(&st, out);
    walk_end(&w);
    return err;
}

const mote_wasi_fs_ops mote_wasi_hostdir_ops = {
    .root = hd_root,
    .open = hd_open,
    .close = hd_close,
    .read = hd_read,
    .write = hd_write,
    .seek = hd_seek,
    .sync = hd_sync,
    .stat = hd_stat,
    .set_size = hd_set_size,
    .readdir = hd_readdir,
    .mkdir = hd_mkdir,
    .remove = hd_remove,
    .rename = hd_rename,
    .path_stat = hd_path_stat,
};

int mote_wasi_hostdir_open(mote_wasi_hostdir *be, const char *host_path)
{
    be->root = open(host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return be->root < 0 ? errno : 0;
}

void mote_wasi_hostdir_close(mote_wasi_hostdir *be)
{
    if (be->root >= 0)
        close(be->root);
    be->root = -1;
}
