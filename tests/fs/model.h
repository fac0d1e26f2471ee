/*
 * model.h -- the file system as the tests expect it: a plain in-memory
 * tree (names, directories, file contents), with the same rules and the
 * same error statuses as mote_fs, and a view of a mounted mote_fs in the
 * same shape, so the two can be compared.
 */
#ifndef MOTE_FS_TEST_MODEL_H
#define MOTE_FS_TEST_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "mote/fs.h"

typedef struct mnode {
    bool used, dir;
    uint32_t id; /* creation order, as the fs assigns ids */
    int parent;
    char name[64];
    uint8_t *data;
    uint32_t size, cap;
} mnode;

typedef struct model {
    mnode *n;
    int count, cap;
    uint32_t next_id;
} model;

void m_init(model *m);
void m_free(model *m);
void m_copy(model *dst, const model *src);

/* Resolves path; -1 and *st when it does not exist. */
int m_find(const model *m, const char *path, mote_fs_status *st);
/* The parent directory of path's last component, and that component. */
mote_fs_status m_walk(const model *m, const char *path, int *parent, const char **name);
/* Child of dir called name, or -1. */
int m_child(const model *m, int dir, const char *name, size_t len);

/* The operations, with mote_fs's results. */
mote_fs_status m_mkdir(model *m, const char *path);
mote_fs_status m_create(model *m, const char *path, int *node);
mote_fs_status m_remove(model *m, const char *path, int want); /* 0, FILE, DIR */
mote_fs_status m_rename(model *m, const char *from, const char *to);
void m_write(model *m, int node, uint32_t pos, const uint8_t *data, uint32_t len);
void m_truncate(model *m, int node, uint32_t size);
/* The path of a node (into buf). */
const char *m_path(const model *m, int node, char *buf, size_t cap);

/* ---- a mounted mote_fs in the same shape ------------------------------- */

/* Reads the whole tree of fs into a fresh model; the status of the first
 * failure (the model then holds what was read). */
mote_fs_status m_from_fs(model *m, mote_fs *fs);

/* True if a and b hold the same paths, types and contents (ids aside). */
bool m_equal(const model *a, const model *b, char *why, size_t cap);

#endif
