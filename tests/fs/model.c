#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void m_init(model *m)
{
    memset(m, 0, sizeof *m);
    m->cap = 16;
    m->n = calloc((size_t)m->cap, sizeof *m->n);
    m->n[0] = (mnode){.used = true, .dir = true, .id = MOTE_FS_ROOT, .parent = 0};
    m->count = 1;
    m->next_id = 2;
}

void m_free(model *m)
{
    for (int i = 0; i < m->count; i++)
        free(m->n[i].data);
    free(m->n);
    memset(m, 0, sizeof *m);
}

void m_copy(model *dst, const model *src)
{
    *dst = *src;
    dst->n = calloc((size_t)src->cap, sizeof *dst->n);
    for (int i = 0; i < src->count; i++) {
        dst->n[i] = src->n[i];
        dst->n[i].data = NULL;
        if (src->n[i].cap) {
            dst->n[i].data = malloc(src->n[i].cap);
            memcpy(dst->n[i].data, src->n[i].data, src->n[i].size);
        }
    }
}

int m_child(const model *m, int dir, const char *name, size_t len)
{
    for (int i = 1; i < m->count; i++)
        if (m->n[i].used && m->n[i].parent == dir && strlen(m->n[i].name) == len &&
            !memcmp(m->n[i].name, name, len))
            return i;
    return -1;
}

mote_fs_status m_walk(const model *m, const char *path, int *parent, const char **name)
{
    int dir = 0;
    const char *p = path;
    *name = "";
    for (;;) {
        while (*p == '/')
            p++;
        if (!*p) {
            *parent = dir;
            return MOTE_FS_OK;
        }
        const char *e = p;
        while (*e && *e != '/')
            e++;
        const char *rest = e;
        while (*rest == '/')
            rest++;
        if (!*rest) {
            *parent = dir;
            *name = p;
            return MOTE_FS_OK;
        }
        int c = m_child(m, dir, p, (size_t)(e - p));
        if (c < 0)
            return MOTE_FS_ERR_NOT_FOUND;
        if (!m->n[c].dir)
            return MOTE_FS_ERR_NOT_DIR;
        dir = c;
        p = rest;
    }
}

static size_t name_len(const char *name)
{
    size_t n = 0;
    while (name[n] && name[n] != '/')
        n++;
    return n;
}

int m_find(const model *m, const char *path, mote_fs_status *st)
{
    int parent;
    const char *name;
    *st = m_walk(m, path, &parent, &name);
    if (*st != MOTE_FS_OK)
        return -1;
    if (!*name)
        return parent;
    int c = m_child(m, parent, name, name_len(name));
    if (c < 0)
        *st = MOTE_FS_ERR_NOT_FOUND;
    return c;
}

static int add(model *m, int parent, const char *name, bool dir)
{
    if (m->count == m->cap) {
        m->cap *= 2;
        m->n = realloc(m->n, (size_t)m->cap * sizeof *m->n);
    }
    mnode *n = &m->n[m->count];
    memset(n, 0, sizeof *n);
    n->used = true;
    n->dir = dir;
    n->parent = parent;
    n->id = m->next_id++;
    size_t len = name_len(name);
    memcpy(n->name, name, len);
    n->name[len] = 0;
    return m->count++;
}

mote_fs_status m_mkdir(model *m, const char *path)
{
    int parent;
    const char *name;
    mote_fs_status st = m_walk(m, path, &parent, &name);
    if (st != MOTE_FS_OK)
        return st;
    if (!*name || m_child(m, parent, name, name_len(name)) >= 0)
        return MOTE_FS_ERR_EXISTS;
    add(m, parent, name, true);
    return MOTE_FS_OK;
}

mote_fs_status m_create(model *m, const char *path, int *node)
{
    int parent;
    const char *name;
    mote_fs_status st = m_walk(m, path, &parent, &name);
    if (st != MOTE_FS_OK)
        return st;
    if (!*name)
        return MOTE_FS_ERR_IS_DIR;
    *node = add(m, parent, name, false);
    return MOTE_FS_OK;
}

static bool is_empty(const model *m, int dir)
{
    for (int i = 1; i < m->count; i++)
        if (m->n[i].used && m->n[i].parent == dir)
            return false;
    return true;
}

static void drop(model *m, int node)
{
    free(m->n[node].data);
    m->n[node].data = NULL;
    m->n[node].used = false;
    m->n[node].size = m->n[node].cap = 0;
}

mote_fs_status m_remove(model *m, const char *path, int want)
{
    mote_fs_status st;
    int node = m_find(m, path, &st);
    if (node < 0)
        return st;
    if (node == 0)
        return MOTE_FS_ERR_BUSY;
    if (want == MOTE_FS_TYPE_FILE && m->n[node].dir)
        return MOTE_FS_ERR_IS_DIR;
    if (want == MOTE_FS_TYPE_DIR && !m->n[node].dir)
        return MOTE_FS_ERR_NOT_DIR;
    if (m->n[node].dir && !is_empty(m, node))
        return MOTE_FS_ERR_NOT_EMPTY;
    drop(m, node);
    return MOTE_FS_OK;
}

static bool below(const model *m, int dir, int node)
{
    for (int d = dir;; d = m->n[d].parent) {
        if (d == node)
            return true;
        if (d == 0)
            return false;
    }
}

mote_fs_status m_rename(model *m, const char *from, const char *to)
{
    mote_fs_status st;
    int src = m_find(m, from, &st), parent;
    const char *name;
    if (src < 0)
        return st;
    if ((st = m_walk(m, to, &parent, &name)) != MOTE_FS_OK)
        return st;
    if (src == 0 || !*name)
        return MOTE_FS_ERR_BUSY;
    if (m->n[src].dir && below(m, parent, src))
        return MOTE_FS_ERR_INVALID;
    int dst = m_child(m, parent, name, name_len(name));
    if (dst == src)
        return MOTE_FS_OK;
    if (dst >= 0) {
        if (!m->n[src].dir && m->n[dst].dir)
            return MOTE_FS_ERR_IS_DIR;
        if (m->n[src].dir && !m->n[dst].dir)
            return MOTE_FS_ERR_NOT_DIR;
        if (m->n[dst].dir && !is_empty(m, dst))
            return MOTE_FS_ERR_NOT_EMPTY;
        drop(m, dst);
    }
    m->n[src].parent = parent;
    size_t len = name_len(name);
    memcpy(m->n[src].name, name, len);
    m->n[src].name[len] = 0;
    return MOTE_FS_OK;
}

static void reserve(mnode *n, uint32_t size)
{
    if (size <= n->cap)
        return;
    uint32_t cap = n->cap ? n->cap : 64;
    while (cap < size)
        cap *= 2;
    n->data = realloc(n->data, cap);
    n->cap = cap;
}

void m_write(model *m, int node, uint32_t pos, const uint8_t *data, uint32_t len)
{
    mnode *n = &m->n[node];
    if (len == 0)
        return;
    reserve(n, pos + len);
    if (pos > n->size)
        memset(n->data + n->size, 0, pos - n->size);
    if (data)
        memcpy(n->data + pos, data, len);
    else
        memset(n->data + pos, 0, len);
    if (pos + len > n->size)
        n->size = pos + len;
}

void m_truncate(model *m, int node, uint32_t size)
{
    mnode *n = &m->n[node];
    if (size > n->size) {
        reserve(n, size);
        memset(n->data + n->size, 0, size - n->size);
    }
    n->size = size;
}

const char *m_path(const model *m, int node, char *buf, size_t cap)
{
    if (node == 0) {
        snprintf(buf, cap, "/");
        return buf;
    }
    char tmp[512];
    buf[0] = 0;
    for (int d = node; d != 0; d = m->n[d].parent) {
        snprintf(tmp, sizeof tmp, "/%s%s", m->n[d].name, buf);
        snprintf(buf, cap, "%s", tmp);
    }
    return buf;
}

/* ---- reading a mounted fs ----------------------------------------------- */

static mote_fs_status read_dir(model *m, mote_fs *fs, int node, uint32_t dir_id)
{
    mote_fs_dir d;
    mote_fs_status st = mote_fs_dir_open(fs, &d, dir_id, "");
    if (st != MOTE_FS_OK)
        return st;
    for (;;) {
        mote_fs_dirent e;
        char name[MOTE_FS_NAME_MAX + 1];
        bool found;
        if ((st = mote_fs_dir_read(&d, &e, name, sizeof name, &found)) != MOTE_FS_OK || !found)
            return st;
        if (e.name_len >= sizeof m->n[0].name)
            return MOTE_FS_ERR_NAME_TOO_LONG;
        name[e.name_len] = 0;
        int c = add(m, node, name, e.st.type == MOTE_FS_TYPE_DIR);
        m->n[c].id = e.st.id;
        if (e.st.type == MOTE_FS_TYPE_DIR) {
            if ((st = read_dir(m, fs, c, e.st.id)) != MOTE_FS_OK)
                return st;
            continue;
        }
        mote_fs_file f;
        if ((st = mote_fs_open(fs, &f, dir_id, name, MOTE_FS_O_READ)) != MOTE_FS_OK)
            return st;
        uint32_t size = mote_fs_size(&f);
        reserve(&m->n[c], size ? size : 1);
        size_t got = 0;
        st = mote_fs_read(&f, m->n[c].data, size, &got);
        m->n[c].size = (uint32_t)got;
        mote_fs_status cl = mote_fs_close(&f);
        if (st != MOTE_FS_OK)
            return st;
        if (cl != MOTE_FS_OK)
            return cl;
        if (got != size || e.st.size != size)
            return MOTE_FS_ERR_CORRUPT;
    }
}

mote_fs_status m_from_fs(model *m, mote_fs *fs)
{
    m_init(m);
    return read_dir(m, fs, 0, MOTE_FS_ROOT);
}

/* Finds the node of b that has a's node path. */
static int twin(const model *a, int node, const model *b)
{
    if (node == 0)
        return 0;
    int parent = twin(a, a->n[node].parent, b);
    if (parent < 0)
        return -1;
    return m_child(b, parent, a->n[node].name, strlen(a->n[node].name));
}

static bool covers(const model *a, const model *b, char *why, size_t cap)
{
    char path[512];
    for (int i = 1; i < a->count; i++) {
        if (!a->n[i].used)
            continue;
        int j = twin(a, i, b);
        if (j < 0) {
            snprintf(why, cap, "%s missing", m_path(a, i, path, sizeof path));
            return false;
        }
        if (a->n[i].dir != b->n[j].dir) {
            snprintf(why, cap, "%s: file vs directory", m_path(a, i, path, sizeof path));
            return false;
        }
        if (a->n[i].size != b->n[j].size ||
            (a->n[i].size && memcmp(a->n[i].data, b->n[j].data, a->n[i].size))) {
            snprintf(why, cap, "%s: contents differ (%u vs %u bytes)",
                     m_path(a, i, path, sizeof path), a->n[i].size, b->n[j].size);
            return false;
        }
    }
    return true;
}

bool m_equal(const model *a, const model *b, char *why, size_t cap)
{
    return covers(a, b, why, cap) && covers(b, a, why, cap);
}
