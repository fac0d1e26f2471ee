/*
 * flash_backend.c -- WASI files on the flash file system (fs/).  The app
 * is confined to one directory: the file system has no links, so "." and
 * ".." are resolved in the path itself (after checking that what a ".."
 * leaves exists), and a path that climbs above the fd's directory is
 * refused before the file system sees it.
 * Every call that may create or remove something runs with the app's
 * quota in effect.
 */
#include <string.h>

#include "internal.h"

static mote_wasi_flash *self(void *be)
{
    return be;
}

/* Runs a file system call with the app's quota in effect. */
#define WITH_QUOTA(be, call)                      \
    ({                                            \
        mote_fs_set_quota((be)->fs, (be)->quota); \
        mote_fs_status st_ = (call);              \
        mote_fs_set_quota((be)->fs, NULL);        \
        st_;                                      \
    })

static bool is_dir(const mote_wasi_node *n)
{
    return n->filetype == WASI_FILETYPE_DIRECTORY;
}

/*
 * Resolves "." and ".." in path, in place, as POSIX would: what comes
 * before a ".." must be an existing directory ("d/nope/../x" is ENOENT,
 * as on any POSIX file system), and nothing may climb above dir.
 */
static uint16_t resolve(mote_wasi_flash *b, const mote_wasi_node *dir, char *path)
{
    const char *p = path;
    char prefix[MOTE_WASI_PATH_MAX + 1];
    while ((p = strstr(p, "..")) != NULL) {
        bool whole = (p == path || p[-1] == '/') && (p[2] == '\0' || p[2] == '/');
        if (whole && p > path) {
            size_t len = (size_t)(p - path);
            memcpy(prefix, path, len);
            prefix[len] = '\0';
            uint16_t err = wl_path_normalize(prefix);
            mote_fs_stat st;
            mote_fs_status s = err == WASI_ESUCCESS
                                   ? mote_fs_stat_path(b->fs, dir->u.dir, prefix, &st)
                                   : MOTE_FS_OK;
            if (err != WASI_ESUCCESS)
                return err;
            if (s != MOTE_FS_OK)
                return wl_fs_errno(s);
            if (st.type != MOTE_FS_TYPE_DIR)
                return WASI_ENOTDIR;
        }
        p += 2;
    }
    return wl_path_normalize(path);
}

static uint16_t fl_root(void *be, mote_wasi_node *out)
{
    mote_wasi_flash *b = self(be);
    mote_fs_stat st;
    mote_fs_status s = mote_fs_stat_path(b->fs, b->root, "", &st);
    if (s != MOTE_FS_OK)
        return wl_fs_errno(s);
    if (st.type != MOTE_FS_TYPE_DIR)
        return WASI_ENOTDIR;
    out->filetype = WASI_FILETYPE_DIRECTORY;
    out->u.dir = b->root;
    return WASI_ESUCCESS;
}

static uint16_t fl_open(void *be, mote_wasi_node *dir, char *path, uint32_t oflags, uint32_t access,
                        bool follow, mote_wasi_node *out)
{
    (void)follow; /* no links */
    mote_wasi_flash *b = self(be);
    uint16_t err = resolve(b, dir, path);
    if (err != WASI_ESUCCESS)
        return err;
    mote_fs_stat st;
    mote_fs_status s = mote_fs_stat_path(b->fs, dir->u.dir, path, &st);
    if (s == MOTE_FS_OK && st.type == MOTE_FS_TYPE_DIR) {
        if ((oflags & WASI_O_CREAT) && (oflags & WASI_O_EXCL))
            return WASI_EEXIST;
        if ((access & 2) || (oflags & WASI_O_TRUNC))
            return WASI_EISDIR;
        out->filetype = WASI_FILETYPE_DIRECTORY;
        out->u.dir = st.id;
        return WASI_ESUCCESS;
    }
    if (oflags & WASI_O_DIRECTORY)
        return s == MOTE_FS_OK ? WASI_ENOTDIR : wl_fs_errno(s);
    unsigned flags = (access & 1 ? MOTE_FS_O_READ : 0) | (access & 2 ? MOTE_FS_O_WRITE : 0);
    if (flags == 0)
        flags = MOTE_FS_O_READ;
    if (oflags & WASI_O_CREAT)
        flags |= MOTE_FS_O_CREATE;
    if (oflags & WASI_O_EXCL)
        flags |= MOTE_FS_O_EXCL;
    if (oflags & WASI_O_TRUNC)
        flags |= MOTE_FS_O_TRUNC | MOTE_FS_O_WRITE;
    out->filetype = WASI_FILETYPE_REGULAR_FILE;
    return wl_fs_errno(WITH_QUOTA(b, mote_fs_open(b->fs, &out->u.file, dir->u.dir, path, flags)));
}

static uint16_t fl_close(void *be, mote_wasi_node *n)
{
    (void)be;
    return is_dir(n) ? WASI_ESUCCESS : wl_fs_errno(mote_fs_close(&n->u.file));
}

static uint16_t fl_read(void *be, mote_wasi_node *n, void *buf, size_t len, const uint64_t *at,
                        size_t *got)
{
    (void)be;
    *got = 0;
    if (is_dir(n))
        return WASI_EISDIR;
    if (at != NULL && *at > MOTE_FS_FILE_MAX)
        return WASI_ESUCCESS; /* past any end */
    return wl_fs_errno(at != NULL ? mote_fs_pread(&n->u.file, buf, len, (uint32_t)*at, got)
                                  : mote_fs_read(&n->u.file, buf, len, got));
}

static uint16_t fl_write(void *be, mote_wasi_node *n, const void *buf, size_t len,
                         const uint64_t *at, bool append, size_t *done)
{
    mote_wasi_flash *b = self(be);
    *done = 0;
    if (is_dir(n))
        return WASI_EISDIR;
    if (at != NULL) {
        if (*at > MOTE_FS_FILE_MAX)
            return WASI_EFBIG;
        return wl_fs_errno(
            WITH_QUOTA(b, mote_fs_pwrite(&n->u.file, buf, len, (uint32_t)*at, done)));
    }
    if (append) {
        mote_fs_status s = mote_fs_seek(&n->u.file, 0, MOTE_FS_SEEK_END, NULL);
        if (s != MOTE_FS_OK)
            return wl_fs_errno(s);
    }
    return wl_fs_errno(WITH_QUOTA(b, mote_fs_write(&n->u.file, buf, len, done)));
}

static uint16_t fl_seek(void *be, mote_wasi_node *n, int64_t offset, uint8_t whence, uint64_t *pos)
{
    (void)be;
    if (is_dir(n))
        return WASI_EBADF;
    uint32_t p;
    mote_fs_status s = mote_fs_seek(&n->u.file, offset, (mote_fs_whence)whence, &p);
    if (s == MOTE_FS_OK)
        *pos = p;
    return s == MOTE_FS_ERR_ARGUMENT ? WASI_EINVAL : wl_fs_errno(s);
}

static uint16_t fl_sync(void *be, mote_wasi_node *n)
{
    (void)be;
    return is_dir(n) ? WASI_ESUCCESS : wl_fs_errno(mote_fs_sync(&n->u.file));
}

static void fill(mote_wasi_flash *b, const mote_fs_stat *st, mote_wasi_stat *out)
{
    memset(out, 0, sizeof *out);
    out->dev = b->fs->volume_id;
    out->ino = st->id;
    out->nlink = 1;
    out->size = st->size;
    out->filetype =
        st->type == MOTE_FS_TYPE_DIR ? WASI_FILETYPE_DIRECTORY : WASI_FILETYPE_REGULAR_FILE;
}

static uint16_t fl_stat(void *be, mote_wasi_node *n, mote_wasi_stat *out)
{
    mote_wasi_flash *b = self(be);
    mote_fs_stat st;
    mote_fs_status s =
        is_dir(n) ? mote_fs_stat_path(b->fs, n->u.dir, "", &st) : mote_fs_fstat(&n->u.file, &st);
    if (s == MOTE_FS_OK)
        fill(b, &st, out);
    return wl_fs_errno(s);
}

static uint16_t fl_set_size(void *be, mote_wasi_node *n, uint64_t size)
{
    mote_wasi_flash *b = self(be);
    if (is_dir(n))
        return WASI_EISDIR;
    if (size > MOTE_FS_FILE_MAX)
        return WASI_EFBIG;
    return wl_fs_errno(WITH_QUOTA(b, mote_fs_truncate(&n->u.file, (uint32_t)size)));
}

/* Cookies: 0 the start, 1 after ".", 2 after "..", id + 2 after an entry. */
static uint16_t fl_readdir(void *be, mote_wasi_node *dir, uint64_t cookie, mote_wasi_dirent_fn fn,
                           void *ctx)
{
    mote_wasi_flash *b = self(be);
    if (!is_dir(dir))
        return WASI_ENOTDIR;
    if (cookie == 0 && !fn(ctx, ".", 1, WASI_FILETYPE_DIRECTORY, dir->u.dir, 1))
        return WASI_ESUCCESS;
    if (cookie <= 1 && !fn(ctx, "..", 2, WASI_FILETYPE_DIRECTORY, 0, 2))
        return WASI_ESUCCESS;
    if (cookie > (uint64_t)UINT32_MAX + 2)
        return WASI_ESUCCESS;
    mote_fs_dir d;
    mote_fs_status s = mote_fs_dir_open(b->fs, &d, dir->u.dir, "");
    if (s != MOTE_FS_OK)
        return wl_fs_errno(s);
    d.cookie = cookie >= 2 ? (uint32_t)(cookie - 2) : 0;
    for (;;) {
        mote_fs_dirent e;
        char name[MOTE_FS_NAME_MAX];
        bool found;
        if ((s = mote_fs_dir_read(&d, &e, name, sizeof name, &found)) != MOTE_FS_OK)
            return wl_fs_errno(s);
        if (!found)
            return WASI_ESUCCESS;
        uint8_t type =
            e.st.type == MOTE_FS_TYPE_DIR ? WASI_FILETYPE_DIRECTORY : WASI_FILETYPE_REGULAR_FILE;
        if (!fn(ctx, name, e.name_len, type, e.st.id, (uint64_t)e.st.id + 2))
            return WASI_ESUCCESS;
    }
}

static uint16_t fl_mkdir(void *be, mote_wasi_node *dir, char *path)
{
    mote_wasi_flash *b = self(be);
    uint16_t err = resolve(b, dir, path);
    if (err != WASI_ESUCCESS)
        return err;
    if (path[0] == '\0')
        return WASI_EEXIST;
    return wl_fs_errno(WITH_QUOTA(b, mote_fs_mkdir(b->fs, dir->u.dir, path)));
}

static uint16_t fl_remove(void *be, mote_wasi_node *dir, char *path, bool want_dir)
{
    mote_wasi_flash *b = self(be);
    uint16_t err = resolve(b, dir, path);
    if (err != WASI_ESUCCESS)
        return err;
    if (path[0] == '\0')
        return want_dir ? WASI_EBUSY : WASI_EISDIR;
    return wl_fs_errno(WITH_QUOTA(b, want_dir ? mote_fs_rmdir(b->fs, dir->u.dir, path)
                                              : mote_fs_unlink(b->fs, dir->u.dir, path)));
}

static uint16_t fl_rename(void *be, mote_wasi_node *from_dir, char *from, mote_wasi_node *to_dir,
                          char *to)
{
    mote_wasi_flash *b = self(be);
    uint16_t err = resolve(b, from_dir, from);
    if (err == WASI_ESUCCESS)
        err = resolve(b, to_dir, to);
    if (err != WASI_ESUCCESS)
        return err;
    if (from[0] == '\0' || to[0] == '\0')
        return WASI_EBUSY;
    mote_fs_status s =
        WITH_QUOTA(b, mote_fs_rename(b->fs, from_dir->u.dir, from, to_dir->u.dir, to));
    return s == MOTE_FS_ERR_BUSY ? WASI_EBUSY : wl_fs_errno(s);
}

static uint16_t fl_path_stat(void *be, mote_wasi_node *dir, char *path, bool follow,
                             mote_wasi_stat *out)
{
    (void)follow;
    mote_wasi_flash *b = self(be);
    uint16_t err = resolve(b, dir, path);
    if (err != WASI_ESUCCESS)
        return err;
    mote_fs_stat st;
    mote_fs_status s = mote_fs_stat_path(b->fs, dir->u.dir, path, &st);
    if (s == MOTE_FS_OK)
        fill(b, &st, out);
    return wl_fs_errno(s);
}

const mote_wasi_fs_ops mote_wasi_flash_ops = {
    .root = fl_root,
    .open = fl_open,
    .close = fl_close,
    .read = fl_read,
    .write = fl_write,
    .seek = fl_seek,
    .sync = fl_sync,
    .stat = fl_stat,
    .set_size = fl_set_size,
    .readdir = fl_readdir,
    .mkdir = fl_mkdir,
    .remove = fl_remove,
    .rename = fl_rename,
    .path_stat = fl_path_stat,
};

mote_fs_status mote_wasi_flash_init(mote_wasi_flash *be, mote_fs *fs, const char *path,
                                    mote_fs_quota *quota)
{
    be->fs = fs;
    be->root = MOTE_FS_ROOT;
    be->quota = quota;
    /* each component in turn, made if missing */
    char part[MOTE_WASI_PATH_MAX + 1];
    size_t len = strlen(path), at = 0;
    if (len > MOTE_WASI_PATH_MAX)
        return MOTE_FS_ERR_NAME_TOO_LONG;
    while (at < len) {
        while (at < len && path[at] == '/')
            at++;
        size_t end = at;
        while (end < len && path[end] != '/')
            end++;
        if (end == at)
            break;
        memcpy(part, path, end);
        part[end] = '\0';
        mote_fs_status st = mote_fs_mkdir(fs, MOTE_FS_ROOT, part);
        if (st != MOTE_FS_OK && st != MOTE_FS_ERR_EXISTS)
            return st;
        at = end;
    }
    mote_fs_stat st;
    mote_fs_status s = mote_fs_stat_path(fs, MOTE_FS_ROOT, path, &st);
    if (s != MOTE_FS_OK)
        return s;
    if (st.type != MOTE_FS_TYPE_DIR)
        return MOTE_FS_ERR_NOT_DIR;
    be->root = st.id;
    if (quota != NULL)
        return mote_fs_usage(fs, st.id, "", &quota->used_blocks, &quota->used_objects);
    return MOTE_FS_OK;
}
