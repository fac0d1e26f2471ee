/*
 * lookup.c -- finding things in the catalog.  The catalog is a log: an
 * object's state is what its latest records say (T_OBJ for name and
 * parent, T_SIZE for size and tail, T_BLKS for each block index, T_DEL to
 * end it), so every lookup is one pass over the catalog's valid commits,
 * with a few words of RAM.  Ids are never reused, and a T_DEL resets what
 * a pass has gathered about its id all the same.
 */
#include <string.h>

#include "fs_internal.h"

static void root(fs_obj *o)
{
    memset(o, 0, sizeof *o);
    o->id = MOTE_FS_ROOT;
    o->parent = MOTE_FS_ROOT;
    o->type = MOTE_FS_TYPE_DIR;
}

uint32_t fs_blocks_of(const mote_fs *fs, uint32_t size)
{
    uint32_t a = fs_align_down(fs, size);
    return a / fs->block_size + (a % fs->block_size != 0);
}

mote_fs_status fs_obj_get(mote_fs *fs, uint32_t id, fs_obj *o)
{
    if (id == MOTE_FS_ROOT) {
        root(o);
        return MOTE_FS_OK;
    }
    bool found = false;
    memset(o, 0, sizeof *o);
    fs_scan s;
    fs_rec r;
    fs_scan_catalog(&s, fs);
    while (fs_scan_next(&s, &r)) {
        if (r.len < 4 || fs_get32(r.p) != id)
            continue;
        if (r.type == T_OBJ && r.len > OBJ_FIXED) {
            found = true;
            o->id = id;
            o->parent = fs_get32(r.p + 4);
            o->type = r.p[8];
            o->name_at = r.at + OBJ_FIXED;
            o->name_len = r.len - OBJ_FIXED;
        } else if (r.type == T_SIZE && r.len >= SIZE_FIXED) {
            o->size = fs_get32(r.p + 4);
            o->flags = r.p[8];
            o->tail_at = r.at + SIZE_FIXED;
            o->tail_len = r.len - SIZE_FIXED;
        } else if (r.type == T_DEL) {
            found = false;
            memset(o, 0, sizeof *o);
        }
    }
    if (s.st != MOTE_FS_OK)
        return s.st;
    if (!found)
        return MOTE_FS_ERR_NOT_FOUND;
    if (o->type == MOTE_FS_TYPE_DIR) {
        o->size = 0;
        o->tail_len = 0;
    } else if (o->tail_len != (o->size & (fs->write_size - 1)) || o->size > MOTE_FS_FILE_MAX) {
        return fs_fail(fs, MOTE_FS_ERR_CORRUPT, "a file's size and tail disagree");
    }
    return MOTE_FS_OK;
}

mote_fs_status fs_name_eq(mote_fs *fs, uint32_t at, uint32_t alen, const char *name, uint32_t len,
                          bool *eq)
{
    *eq = false;
    if (alen != len)
        return MOTE_FS_OK;
    while (len > 0) {
        uint8_t buf[32];
        uint32_t n = len < sizeof buf ? len : (uint32_t)sizeof buf;
        mote_fs_status st = fs_read(fs, at, buf, n);
        if (st != MOTE_FS_OK)
            return st;
        if (memcmp(buf, name, n) != 0)
            return MOTE_FS_OK;
        at += n;
        name += n;
        len -= n;
    }
    *eq = true;
    return MOTE_FS_OK;
}

#define CHILD_CANDS 4

mote_fs_status fs_child(mote_fs *fs, uint32_t dir, const char *name, uint32_t len, fs_obj *o)
{
    /* Ids whose latest T_OBJ names (dir, name).  A rename that replaces a
     * file has two for a moment (the new T_OBJ, then the old one's T_DEL),
     * so a few slots; corrupt data with more simply keeps the latest. */
    uint32_t cand[CHILD_CANDS];
    uint32_t n = 0;
    fs_scan s;
    fs_rec r;
    fs_scan_catalog(&s, fs);
    while (fs_scan_next(&s, &r)) {
        if ((r.type != T_OBJ && r.type != T_DEL) || r.len < 4)
            continue;
        uint32_t id = fs_get32(r.p);
        uint32_t i = 0;
        while (i < n && cand[i] != id)
            i++;
        if (i < n) { /* it moves or goes: forget it */
            cand[i] = cand[--n];
        }
        if (r.type != T_OBJ || r.len <= OBJ_FIXED || fs_get32(r.p + 4) != dir)
            continue;
        bool eq;
        mote_fs_status st = fs_name_eq(fs, r.at + OBJ_FIXED, r.len - OBJ_FIXED, name, len, &eq);
        if (st != MOTE_FS_OK)
            return st;
        if (!eq)
            continue;
        if (n == CHILD_CANDS)
            memmove(cand, cand + 1, sizeof cand[0] * --n);
        cand[n++] = id;
    }
    if (s.st != MOTE_FS_OK)
        return s.st;
    if (n == 0)
        return MOTE_FS_ERR_NOT_FOUND;
    return fs_obj_get(fs, cand[n - 1], o);
}

/* Checks one path component. */
static mote_fs_status component(mote_fs *fs, const char *p, uint32_t len)
{
    if ((len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
        return fs_fail(fs, MOTE_FS_ERR_ARGUMENT, "\".\" and \"..\" are not names");
    if (len > MOTE_FS_NAME_MAX)
        return fs_fail(fs, MOTE_FS_ERR_NAME_TOO_LONG, "a name is longer than 255 bytes");
    return MOTE_FS_OK;
}

mote_fs_status fs_walk(mote_fs *fs, uint32_t dir, const char *path, fs_obj *parent,
                       const char **name, uint32_t *len)
{
    mote_fs_status st = fs_obj_get(fs, dir, parent);
    if (st != MOTE_FS_OK)
        return st;
    if (parent->type != MOTE_FS_TYPE_DIR)
        return MOTE_FS_ERR_NOT_DIR;
    *name = path;
    *len = 0;
    /* every component first: "a/../b" is refused whether or not a exists */
    for (const char *c = path; *c != '\0';) {
        while (*c == '/')
            c++;
        const char *end = c;
        while (*end != '\0' && *end != '/')
            end++;
        size_t clen = (size_t)(end - c);
        if (clen > 0 && (st = component(fs, c,
                                        clen > MOTE_FS_NAME_MAX ? MOTE_FS_NAME_MAX + 1
                                                                : (uint32_t)clen)) != MOTE_FS_OK)
            return st;
        c = end;
    }
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (*p == '\0')
            return MOTE_FS_OK;
        const char *end = p;
        while (*end != '\0' && *end != '/')
            end++;
        size_t clen = (size_t)(end - p);
        const char *rest = end;
        while (*rest == '/')
            rest++;
        if (*rest == '\0') {
            *name = p;
            *len = (uint32_t)clen;
            return MOTE_FS_OK;
        }
        fs_obj child;
        if ((st = fs_child(fs, parent->id, p, (uint32_t)clen, &child)) != MOTE_FS_OK)
            return st;
        if (child.type != MOTE_FS_TYPE_DIR)
            return MOTE_FS_ERR_NOT_DIR;
        *parent = child;
        p = rest;
    }
}

mote_fs_status fs_resolve(mote_fs *fs, uint32_t dir, const char *path, fs_obj *o)
{
    fs_obj parent;
    const char *name;
    uint32_t len;
    mote_fs_status st = fs_walk(fs, dir, path, &parent, &name, &len);
    if (st != MOTE_FS_OK)
        return st;
    if (len == 0) {
        *o = parent;
        return MOTE_FS_OK;
    }
    return fs_child(fs, parent.id, name, len, o);
}

mote_fs_status fs_map(mote_fs *fs, uint32_t id, uint32_t first, uint32_t n, uint16_t *out)
{
    for (uint32_t i = 0; i < n; i++)
        out[i] = FS_NONE;
    fs_scan s;
    fs_rec r;
    fs_scan_catalog(&s, fs);
    while (fs_scan_next(&s, &r)) {
        if (r.len < 4 || fs_get32(r.p) != id)
            continue;
        if (r.type == T_DEL) {
            for (uint32_t i = 0; i < n; i++)
                out[i] = FS_NONE;
            continue;
        }
        if (r.type != T_BLKS || r.len < BLKS_FIXED)
            continue;
        uint32_t start = fs_get32(r.p + 4), count = (r.len - BLKS_FIXED) / 2;
        /* the overlap of [start, start+count) and [first, first+n), in 64 bits */
        uint64_t lo = start > first ? start : first;
        uint64_t hi = (uint64_t)start + count < (uint64_t)first + n ? (uint64_t)start + count
                                                                    : (uint64_t)first + n;
        for (uint64_t i = lo; i < hi; i++) {
            uint8_t v[2];
            mote_fs_status st = fs_read(fs, r.at + BLKS_FIXED + 2 * (uint32_t)(i - start), v, 2);
            if (st != MOTE_FS_OK)
                return st;
            out[i - first] = fs_get16(v);
        }
    }
    return s.st;
}

/* ---- listing ------------------------------------------------------------------ */

typedef struct listing {
    fs_cand *c;
    uint32_t cap, n;
    uint32_t limit; /* ids at or above it may be missing */
} listing;

static uint32_t find(const listing *l, uint32_t id)
{
    uint32_t i = 0;
    while (i < l->n && l->c[i].id != id)
        i++;
    return i;
}

static void drop(listing *l, uint32_t i)
{
    memmove(l->c + i, l->c + i + 1, sizeof l->c[0] * (l->n - i - 1));
    l->n--;
}

/* Adds or updates a candidate, keeping the smallest ids. */
static void keep(listing *l, const fs_cand *c)
{
    uint32_t i = find(l, c->id);
    if (i < l->n) {
        l->c[i] = *c;
        return;
    }
    if (l->n == l->cap) {
        if (c->id > l->c[l->n - 1].id) {
            l->limit = c->id < l->limit ? c->id : l->limit;
            return;
        }
        uint32_t evicted = l->c[l->n - 1].id;
        l->limit = evicted < l->limit ? evicted : l->limit;
        l->n--;
    }
    i = l->n;
    while (i > 0 && l->c[i - 1].id > c->id) {
        l->c[i] = l->c[i - 1];
        i--;
    }
    l->c[i] = *c;
    l->n++;
}

/* One pass: the smallest matching ids above after; *limit is where the
 * pass stopped knowing (UINT32_MAX: it knows them all). */
static mote_fs_status list_pass(mote_fs *fs, uint32_t dir, uint32_t after, listing *l)
{
    fs_scan s;
    fs_rec r;
    fs_scan_catalog(&s, fs);
    while (fs_scan_next(&s, &r)) {
        if ((r.type != T_OBJ && r.type != T_DEL) || r.len < 4)
            continue;
        uint32_t id = fs_get32(r.p);
        if (id <= after || id >= l->limit)
            continue;
        bool member =
            r.type == T_OBJ && r.len > OBJ_FIXED && (dir == FS_NO_IDX || fs_get32(r.p + 4) == dir);
        if (member) {
            fs_cand c = {.id = id,
                         .parent = fs_get32(r.p + 4),
                         .type = r.p[8],
                         .obj_at = r.at,
                         .obj_len = r.len};
            keep(l, &c);
        } else {
            uint32_t i = find(l, id);
            if (i < l->n)
                drop(l, i);
        }
    }
    return s.st;
}

mote_fs_status fs_list(mote_fs *fs, uint32_t dir, uint32_t after, fs_cand *out, uint32_t cap,
                       uint32_t *count)
{
    /* A pass that had to forget ids (the array was full) and then lost its
     * candidates to later records knows nothing past its limit: go on
     * from there. */
    for (;;) {
        listing l = {.c = out, .cap = cap, .n = 0, .limit = UINT32_MAX};
        mote_fs_status st = list_pass(fs, dir, after, &l);
        *count = l.n;
        if (st != MOTE_FS_OK || l.n > 0 || l.limit == UINT32_MAX)
            return st;
        after = l.limit - 1;
    }
}
