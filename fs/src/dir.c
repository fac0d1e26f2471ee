/*
 * dir.c -- names: stat, mkdir, remove, rename, listing, usage.  Each
 * change is one commit, so it happens entirely or not at all: a rename
 * that replaces a file names the moved object, deletes the old one and
 * frees its blocks in the same commit.
 */
#include <string.h>

#include "fs_internal.h"

#define MAX_DEPTH 256u /* parent links followed before giving up (corrupt data) */
#define FREE_BATCH 32u

mote_fs_status fs_check_mounted(mote_fs *fs, bool change)
{
    if (fs == NULL || !fs->mounted)
        return MOTE_FS_ERR_ARGUMENT;
    fs->detail = "";
    if (change && fs->read_only)
        return fs_fail(fs, MOTE_FS_ERR_READ_ONLY, "mounted read-only");
    if (change && fs->broken)
        return fs_fail(fs, MOTE_FS_ERR_IO, "an earlier flash failure: mount again");
    return MOTE_FS_OK;
}

/* The stat of o, with the size an open handle's unsynced writes give it. */
static void fill_stat(const mote_fs *fs, const fs_obj *o, mote_fs_stat *st)
{
    st->id = o->id;
    st->type = (mote_fs_type)o->type;
    st->size = o->size;
    for (const mote_fs_file *f = fs->open; f != NULL; f = f->next)
        if (f->id == o->id && (f->flags & F_DIRTY))
            st->size = f->size;
    st->blocks = o->type == MOTE_FS_TYPE_FILE ? fs_blocks_of(fs, st->size) : 0;
}

mote_fs_status mote_fs_stat_path(mote_fs *fs, uint32_t dir, const char *path, mote_fs_stat *st)
{
    mote_fs_status s = fs_check_mounted(fs, false);
    fs_obj o;
    if (s == MOTE_FS_OK)
        s = fs_resolve(fs, dir, path, &o);
    if (s == MOTE_FS_OK)
        fill_stat(fs, &o, st);
    return s;
}

/* ---- creating ------------------------------------------------------------------------ */

typedef struct create {
    uint32_t id, parent, type, len;
    const char *name;
} create;

static void gen_create(fs_emit *e, void *ctx)
{
    create *c = ctx;
    fs_emit_record(e, T_OBJ, OBJ_FIXED + c->len);
    fs_emit_u32(e, c->id);
    fs_emit_u32(e, c->parent);
    fs_emit_u8(e, c->type);
    fs_emit_bytes(e, c->name, c->len);
}

mote_fs_status fs_create(mote_fs *fs, uint32_t parent, const char *name, uint32_t len,
                         uint32_t type, uint32_t *id)
{
    if (fs->next_id >= UINT32_MAX - 1)
        return fs_fail(fs, MOTE_FS_ERR_NO_SPACE, "object ids used up");
    mote_fs_status st = fs_charge(fs, fs->quota, 0, 1);
    if (st != MOTE_FS_OK)
        return st;
    create c = {.id = fs->next_id, .parent = parent, .type = type, .len = len, .name = name};
    if ((st = fs_commit(fs, gen_create, &c)) != MOTE_FS_OK) {
        fs_charge(fs, fs->quota, 0, -1);
        return st;
    }
    fs->next_id++;
    *id = c.id;
    return MOTE_FS_OK;
}

mote_fs_status mote_fs_mkdir(mote_fs *fs, uint32_t dir, const char *path)
{
    mote_fs_status st = fs_check_mounted(fs, true);
    fs_obj parent, o;
    const char *name;
    uint32_t len, id;
    if (st == MOTE_FS_OK)
        st = fs_walk(fs, dir, path, &parent, &name, &len);
    if (st != MOTE_FS_OK)
        return st;
    if (len == 0)
        return MOTE_FS_ERR_EXISTS;
    st = fs_child(fs, parent.id, name, len, &o);
    if (st == MOTE_FS_OK)
        return MOTE_FS_ERR_EXISTS;
    if (st != MOTE_FS_ERR_NOT_FOUND)
        return st;
    return fs_create(fs, parent.id, name, len, MOTE_FS_TYPE_DIR, &id);
}

/* ---- removing -------------------------------------------------------------------------- */

void fs_emit_free(fs_emit *e, uint32_t id, uint32_t first, uint32_t end)
{
    for (; first < end && e->st == MOTE_FS_OK; first += FREE_BATCH) {
        uint16_t map[FREE_BATCH];
        uint32_t k = end - first < FREE_BATCH ? end - first : FREE_BATCH;
        mote_fs_status st = fs_map(e->fs, id, first, k, map);
        if (st == MOTE_FS_OK)
            for (uint32_t i = 0; i < k; i++)
                if (map[i] == FS_NONE)
                    st = fs_fail(e->fs, MOTE_FS_ERR_CORRUPT, "a file block is missing");
        if (st != MOTE_FS_OK) {
            e->st = st;
            return;
        }
        fs_emit_record(e, T_FREE, 2 * k);
        for (uint32_t i = 0; i < k; i++)
            fs_emit_u16(e, map[i]);
    }
}

typedef struct removal {
    fs_obj victim; /* id 0: none */
    create move;   /* id 0: none */
} removal;

static void gen_removal(fs_emit *e, void *ctx)
{
    removal *r = ctx;
    if (r->move.id != 0)
        gen_create(e, &r->move);
    if (r->victim.id == 0)
        return;
    fs_emit_record(e, T_DEL, 4);
    fs_emit_u32(e, r->victim.id);
    if (r->victim.type == MOTE_FS_TYPE_FILE)
        fs_emit_free(e, r->victim.id, 0, fs_blocks_of(e->fs, r->victim.size));
}

/* True if dir has no entries. */
static mote_fs_status empty(mote_fs *fs, uint32_t dir, bool *is_empty)
{
    fs_cand c;
    uint32_t n;
    mote_fs_status st = fs_list(fs, dir, 0, &c, 1, &n);
    *is_empty = n == 0;
    return st;
}

/* Commits r, then settles RAM: the bitmap, handles, the quota. */
static mote_fs_status commit_removal(mote_fs *fs, removal *r)
{
    uint32_t blocks = 0;
    if (r->victim.id != 0) {
        mote_fs_status st = fs_flush_others(fs, r->victim.id, NULL);
        if (st != MOTE_FS_OK)
            return st;
        if (r->victim.type == MOTE_FS_TYPE_FILE) {
            if ((st = fs_obj_get(fs, r->victim.id, &r->victim)) != MOTE_FS_OK)
                return st;
            blocks = fs_blocks_of(fs, r->victim.size);
        }
    }
    mote_fs_status st = fs_commit(fs, gen_removal, r);
    if (st != MOTE_FS_OK)
        return st;
    if (r->victim.id != 0) {
        fs_invalidate(fs, r->victim.id, NULL, true);
        fs_charge(fs, fs->quota, -(int32_t)blocks, -1);
        /* The freed blocks: replaying the log settles them exactly. */
        if ((st = fs_replay(fs)) != MOTE_FS_OK)
            fs->broken = true;
    }
    return st;
}

static mote_fs_status remove_kind(mote_fs *fs, uint32_t dir, const char *path, uint32_t want)
{
    mote_fs_status st = fs_check_mounted(fs, true);
    removal r;
    memset(&r, 0, sizeof r);
    if (st == MOTE_FS_OK)
        st = fs_resolve(fs, dir, path, &r.victim);
    if (st != MOTE_FS_OK)
        return st;
    if (r.victim.id == MOTE_FS_ROOT || r.victim.id == dir)
        return fs_fail(fs, MOTE_FS_ERR_BUSY, "cannot remove the directory used as the start");
    if (want == MOTE_FS_TYPE_FILE && r.victim.type == MOTE_FS_TYPE_DIR)
        return MOTE_FS_ERR_IS_DIR;
    if (want == MOTE_FS_TYPE_DIR && r.victim.type != MOTE_FS_TYPE_DIR)
        return MOTE_FS_ERR_NOT_DIR;
    if (r.victim.type == MOTE_FS_TYPE_DIR) {
        bool is_empty;
        if ((st = empty(fs, r.victim.id, &is_empty)) != MOTE_FS_OK)
            return st;
        if (!is_empty)
            return MOTE_FS_ERR_NOT_EMPTY;
    }
    return commit_removal(fs, &r);
}

mote_fs_status mote_fs_remove(mote_fs *fs, uint32_t dir, const char *path)
{
    return remove_kind(fs, dir, path, 0);
}

mote_fs_status mote_fs_unlink(mote_fs *fs, uint32_t dir, const char *path)
{
    return remove_kind(fs, dir, path, MOTE_FS_TYPE_FILE);
}

mote_fs_status mote_fs_rmdir(mote_fs *fs, uint32_t dir, const char *path)
{
    return remove_kind(fs, dir, path, MOTE_FS_TYPE_DIR);
}

/* ---- renaming ------------------------------------------------------------------------------ */

/* True if dir is id or below it. */
static mote_fs_status below(mote_fs *fs, uint32_t dir, uint32_t id, bool *is_below)
{
    *is_below = false;
    for (uint32_t depth = 0; depth < MAX_DEPTH; depth++) {
        if (dir == id) {
            *is_below = true;
            return MOTE_FS_OK;
        }
        if (dir == MOTE_FS_ROOT)
            return MOTE_FS_OK;
        fs_obj o;
        mote_fs_status st = fs_obj_get(fs, dir, &o);
        if (st != MOTE_FS_OK)
            return st == MOTE_FS_ERR_NOT_FOUND ? MOTE_FS_ERR_CORRUPT : st;
        dir = o.parent;
    }
    return fs_fail(fs, MOTE_FS_ERR_CORRUPT, "directories nested too deep (a loop?)");
}

mote_fs_status mote_fs_rename(mote_fs *fs, uint32_t from_dir, const char *from, uint32_t to_dir,
                              const char *to)
{
    mote_fs_status st = fs_check_mounted(fs, true);
    fs_obj src, dst_parent;
    const char *name;
    uint32_t len;
    if (st == MOTE_FS_OK)
        st = fs_resolve(fs, from_dir, from, &src);
    if (st == MOTE_FS_OK)
        st = fs_walk(fs, to_dir, to, &dst_parent, &name, &len);
    if (st != MOTE_FS_OK)
        return st;
    if (src.id == MOTE_FS_ROOT || src.id == from_dir || len == 0)
        return fs_fail(fs, MOTE_FS_ERR_BUSY, "cannot rename the start directory or onto it");
    if (src.type == MOTE_FS_TYPE_DIR) {
        bool inside;
        if ((st = below(fs, dst_parent.id, src.id, &inside)) != MOTE_FS_OK)
            return st;
        if (inside)
            return fs_fail(fs, MOTE_FS_ERR_INVALID, "a directory cannot move below itself");
    }
    removal r;
    memset(&r, 0, sizeof r);
    st = fs_child(fs, dst_parent.id, name, len, &r.victim);
    if (st == MOTE_FS_OK) {
        if (r.victim.id == src.id)
            return MOTE_FS_OK;
        if (src.type == MOTE_FS_TYPE_FILE && r.victim.type == MOTE_FS_TYPE_DIR)
            return MOTE_FS_ERR_IS_DIR;
        if (src.type == MOTE_FS_TYPE_DIR && r.victim.type != MOTE_FS_TYPE_DIR)
            return MOTE_FS_ERR_NOT_DIR;
        if (r.victim.type == MOTE_FS_TYPE_DIR) {
            bool is_empty;
            if ((st = empty(fs, r.victim.id, &is_empty)) != MOTE_FS_OK)
                return st;
            if (!is_empty)
                return MOTE_FS_ERR_NOT_EMPTY;
        }
    } else if (st == MOTE_FS_ERR_NOT_FOUND) {
        r.victim.id = 0;
    } else {
        return st;
    }
    r.move =
        (create){.id = src.id, .parent = dst_parent.id, .type = src.type, .len = len, .name = name};
    return commit_removal(fs, &r);
}

/* ---- listing -------------------------------------------------------------------------------- */

mote_fs_status mote_fs_dir_open(mote_fs *fs, mote_fs_dir *d, uint32_t dir, const char *path)
{
    mote_fs_status st = fs_check_mounted(fs, false);
    fs_obj o;
    if (st == MOTE_FS_OK)
        st = fs_resolve(fs, dir, path, &o);
    if (st != MOTE_FS_OK)
        return st;
    if (o.type != MOTE_FS_TYPE_DIR)
        return MOTE_FS_ERR_NOT_DIR;
    d->fs = fs;
    d->id = o.id;
    d->cookie = 0;
    return MOTE_FS_OK;
}

mote_fs_status mote_fs_dir_read(mote_fs_dir *d, mote_fs_dirent *ent, char *name, size_t cap,
                                bool *found)
{
    *found = false;
    mote_fs *fs = d->fs;
    mote_fs_status st = fs_check_mounted(fs, false);
    fs_cand c;
    uint32_t n;
    if (st == MOTE_FS_OK)
        st = fs_list(fs, d->id, d->cookie, &c, 1, &n);
    if (st != MOTE_FS_OK || n == 0)
        return st;
    fs_obj o;
    if ((st = fs_obj_get(fs, c.id, &o)) != MOTE_FS_OK)
        return st == MOTE_FS_ERR_NOT_FOUND ? MOTE_FS_ERR_CORRUPT : st;
    fill_stat(fs, &o, &ent->st);
    ent->name_len = o.name_len;
    uint32_t copy = cap < o.name_len ? (uint32_t)cap : o.name_len;
    if (copy > 0 && (st = fs_read(fs, o.name_at, name, copy)) != MOTE_FS_OK)
        return st;
    d->cookie = c.id;
    *found = true;
    return MOTE_FS_OK;
}

mote_fs_status mote_fs_usage(mote_fs *fs, uint32_t dir, const char *path, uint32_t *blocks,
                             uint32_t *objects)
{
    mote_fs_status st = fs_check_mounted(fs, false);
    fs_obj top;
    *blocks = 0;
    *objects = 0;
    if (st == MOTE_FS_OK)
        st = fs_resolve(fs, dir, path, &top);
    if (st != MOTE_FS_OK)
        return st;
    uint32_t after = MOTE_FS_ROOT;
    for (;;) {
        fs_cand c[8];
        uint32_t n;
        if ((st = fs_list(fs, FS_NO_IDX, after, c, 8, &n)) != MOTE_FS_OK || n == 0)
            return st;
        for (uint32_t i = 0; i < n; i++) {
            bool inside;
            if (c[i].id == top.id)
                continue;
            if ((st = below(fs, c[i].parent, top.id, &inside)) != MOTE_FS_OK)
                return st;
            if (!inside)
                continue;
            fs_obj o;
            if ((st = fs_obj_get(fs, c[i].id, &o)) != MOTE_FS_OK)
                return st;
            (*objects)++;
            if (o.type == MOTE_FS_TYPE_FILE)
                *blocks += fs_blocks_of(fs, o.size);
        }
        after = c[n - 1].id;
    }
}
