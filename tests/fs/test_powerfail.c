/*
 * Power-cut enumeration for the file system.
 *
 * A script of transactions -- each one atomic change: a mkdir, a create, a
 * rename (over a file too), a remove, a truncate, or writes ended by a sync
 * or close, through handles that may stay open from one transaction to the
 * next -- runs once without faults while every flash erase and program is
 * numbered.  Then, for every operation k, the script is taken back to the
 * start of the transaction holding k (flash and file system RAM restored)
 * and run again with the power cut inside operation k: erases not started,
 * partly done, or scattered; programs cut at byte 0, 1, in the middle, at a
 * random byte and at the last one, the byte in flight half programmed.
 * After each cut the file system is mounted again and must
 *   - mount (a failure to mount is counted),
 *   - hold every file and directory the transactions before had synced,
 *     unchanged ("lost synced files", counted per file),
 *   - hold no other change but the cut transaction's, entirely or not at
 *     all -- or, for writes, the file as it was plus a prefix of the bytes
 *     written since its last sync ("corruptions" counts the rest),
 *   - take a new file and a sync, and mount again with it (recovery);
 *     every seventh cut point loses power once more during that recovery.
 * The flash simulator counts double programs ("flash misuse").  The counts
 * are printed; any non-zero count fails the test.
 *
 *   test_fs_powerfail [counter rewrites]     (default 300: CI)
 */
#include <stdlib.h>
#include <string.h>

#include "fsnor.h"
#include "model.h"
#include "testutil.h"

#define HANDLES 3
#define MAX_WRITES 16

/* ---- the world: everything at fixed addresses, so it can be saved and put back */

typedef struct world {
    fsnor dev;
    mote_fs fs;
    mote_fs_config cfg;
    uint8_t ram[FSNOR_RAM];
    mote_fs_file h[HANDLES];
} world;

static world W;

typedef struct saved {
    mote_fs fs;
    uint8_t ram[FSNOR_RAM];
    mote_fs_file h[HANDLES];
    norsim nor;
    uint8_t *mem;
    bool *written;
} saved;

static void save(saved *s)
{
    uint32_t size = W.dev.nor.flash.size;
    s->fs = W.fs;
    memcpy(s->ram, W.ram, sizeof s->ram);
    memcpy(s->h, W.h, sizeof s->h);
    s->nor = W.dev.nor;
    s->mem = malloc(size);
    s->written = malloc(size * sizeof *s->written);
    memcpy(s->mem, W.dev.nor.mem, size);
    memcpy(s->written, W.dev.nor.written, size * sizeof *s->written);
}

static void restore(const saved *s)
{
    uint32_t size = W.dev.nor.flash.size;
    uint8_t *mem = W.dev.nor.mem;
    bool *written = W.dev.nor.written;
    W.fs = s->fs;
    memcpy(W.ram, s->ram, sizeof W.ram);
    memcpy(W.h, s->h, sizeof W.h);
    W.dev.nor = s->nor;
    W.dev.nor.mem = mem;
    W.dev.nor.written = written;
    memcpy(mem, s->mem, size);
    memcpy(written, s->written, size * sizeof *written);
}

static void discard(saved *s)
{
    free(s->mem);
    free(s->written);
}

/* ---- transactions -------------------------------------------------------------------- */

typedef enum {
    T_MKDIR,
    T_CREATE,
    T_WRITE,
    T_PWRITE,
    T_CLOSE,
    T_SYNC,
    T_OPEN,
    T_RENAME,
    T_REMOVE,
    T_RMDIR,
    T_TRUNCATE,
    T_READ
} action;

/* One step of a transaction; a transaction is steps up to one marked end. */
typedef struct step {
    action what;
    int handle;
    const char *path, *path2;
    unsigned flags;
    uint32_t pos, len; /* T_PWRITE position; lengths; T_TRUNCATE size */
    bool end;
} step;

/* A write as it went, for the prefix rule. */
typedef struct rec_write {
    uint32_t pos, len;
    const uint8_t *data;
} rec_write;

typedef struct txn_run {
    rec_write w[MAX_WRITES];
    int nw;
    const char *file; /* the file written, or NULL */
} txn_run;

static uint8_t *payload; /* the script's bytes, made once */
#define PAYLOAD 65536
static uint32_t payload_at;

static const uint8_t *bytes(uint32_t len)
{
    if (payload_at + len > PAYLOAD)
        payload_at = 0;
    const uint8_t *p = payload + payload_at;
    payload_at += len;
    return p;
}

/* Path of the file a handle has open, kept by the script. */
static const char *open_path[HANDLES];

/* Runs one step on the fs (and, with m, the model); false if the fs
 * failed -- after a cut, that is the power being gone. */
static bool run_step(const step *s, model *m, txn_run *t)
{
    mote_fs *fs = &W.fs;
    mote_fs_file *h = s->handle >= 0 ? &W.h[s->handle] : NULL;
    mote_fs_status st = MOTE_FS_OK;
    mote_fs_status mst;
    int node = -1;
    switch (s->what) {
    case T_MKDIR:
        st = mote_fs_mkdir(fs, MOTE_FS_ROOT, s->path);
        if (m && st == MOTE_FS_OK)
            m_mkdir(m, s->path);
        break;
    case T_CREATE:
    case T_OPEN: {
        bool is_new = m && (s->flags & MOTE_FS_O_CREATE) && m_find(m, s->path, &mst) < 0;
        st = mote_fs_open(fs, h, MOTE_FS_ROOT, s->path, s->flags);
        if (st == MOTE_FS_OK)
            open_path[s->handle] = s->path;
        if (is_new && st == MOTE_FS_OK)
            m_create(m, s->path, &node);
        if (s->what == T_CREATE && st == MOTE_FS_OK)
            st = mote_fs_close(h);
        break;
    }
    case T_WRITE:
    case T_PWRITE: {
        const uint8_t *data = bytes(s->len);
        uint32_t pos = s->what == T_PWRITE             ? s->pos
                       : (h->flags & MOTE_FS_O_APPEND) ? mote_fs_size(h)
                                                       : mote_fs_tell(h);
        size_t done;
        st = s->what == T_PWRITE ? mote_fs_pwrite(h, data, s->len, s->pos, &done)
                                 : mote_fs_write(h, data, s->len, &done);
        if (t && t->nw < MAX_WRITES) {
            t->w[t->nw++] = (rec_write){pos, s->len, data};
            t->file = open_path[s->handle];
        }
        if (m && st == MOTE_FS_OK) {
            node = m_find(m, open_path[s->handle], &mst);
            m_write(m, node, pos, data, s->len);
        }
        break;
    }
    case T_READ: {
        uint8_t buf[512];
        size_t got;
        st = mote_fs_read(h, buf, sizeof buf, &got);
        break;
    }
    case T_SYNC: st = mote_fs_sync(h); break;
    case T_CLOSE: st = mote_fs_close(h); break;
    case T_RENAME:
        st = mote_fs_rename(fs, MOTE_FS_ROOT, s->path, MOTE_FS_ROOT, s->path2);
        if (m && st == MOTE_FS_OK)
            m_rename(m, s->path, s->path2);
        break;
    case T_REMOVE:
    case T_RMDIR:
        st = s->what == T_REMOVE ? mote_fs_unlink(fs, MOTE_FS_ROOT, s->path)
                                 : mote_fs_rmdir(fs, MOTE_FS_ROOT, s->path);
        if (m && st == MOTE_FS_OK)
            m_remove(m, s->path, 0);
        break;
    case T_TRUNCATE:
        st = mote_fs_truncate(h, s->len);
        if (m && st == MOTE_FS_OK) {
            node = m_find(m, open_path[s->handle], &mst);
            m_truncate(m, node, s->len);
        }
        break;
    }
    return st == MOTE_FS_OK;
}

/* ---- the script ------------------------------------------------------------------------ */

static step *script;
static int nsteps, cap_steps;

static void add(step s)
{
    if (nsteps == cap_steps) {
        cap_steps = cap_steps ? 2 * cap_steps : 64;
        script = realloc(script, (size_t)cap_steps * sizeof *script);
    }
    script[nsteps++] = s;
}

#define RW (MOTE_FS_O_READ | MOTE_FS_O_WRITE)
#define S(...) add((step){__VA_ARGS__})

static void make_script(uint32_t block, int rewrites)
{
    nsteps = 0;
    S(.what = T_MKDIR, .path = "logs", .end = true);
    S(.what = T_MKDIR, .path = "cfg", .end = true);
    S(.what = T_CREATE, .handle = 0, .path = "cfg/settings", .flags = RW | MOTE_FS_O_CREATE,
      .end = true);
    S(.what = T_OPEN, .handle = 0, .path = "cfg/settings", .flags = RW);
    S(.what = T_WRITE, .handle = 0, .len = 300);
    S(.what = T_CLOSE, .handle = 0, .end = true);
    /* a log kept open across transactions, synced every few lines */
    S(.what = T_OPEN, .handle = 1, .path = "logs/a.csv",
      .flags = MOTE_FS_O_WRITE | MOTE_FS_O_CREATE | MOTE_FS_O_APPEND, .end = true);
    for (int i = 0; i < 10; i++) {
        S(.what = T_WRITE, .handle = 1, .len = 37);
        S(.what = T_WRITE, .handle = 1, .len = 41);
        S(.what = T_WRITE, .handle = 1, .len = 3);
        S(.what = T_SYNC, .handle = 1, .end = true);
    }
    S(.what = T_CLOSE, .handle = 1, .end = true);
    /* overwriting the middle of a file */
    S(.what = T_OPEN, .handle = 0, .path = "cfg/settings", .flags = RW);
    S(.what = T_PWRITE, .handle = 0, .pos = 100, .len = 50);
    S(.what = T_CLOSE, .handle = 0, .end = true);
    /* a file of several blocks */
    S(.what = T_CREATE, .handle = 0, .path = "blob", .flags = RW | MOTE_FS_O_CREATE, .end = true);
    S(.what = T_OPEN, .handle = 0, .path = "blob", .flags = RW);
    S(.what = T_WRITE, .handle = 0, .len = block);
    S(.what = T_WRITE, .handle = 0, .len = block / 2 + 3);
    S(.what = T_WRITE, .handle = 0, .len = block - 3);
    S(.what = T_CLOSE, .handle = 0, .end = true);
    /* renames, one over an existing file */
    S(.what = T_RENAME, .path = "cfg/settings", .path2 = "cfg/settings.bak", .end = true);
    S(.what = T_CREATE, .handle = 0, .path = "cfg/settings.new", .flags = RW | MOTE_FS_O_CREATE,
      .end = true);
    S(.what = T_OPEN, .handle = 0, .path = "cfg/settings.new", .flags = RW);
    S(.what = T_WRITE, .handle = 0, .len = 200);
    S(.what = T_CLOSE, .handle = 0, .end = true);
    S(.what = T_RENAME, .path = "cfg/settings.new", .path2 = "cfg/settings.bak", .end = true);
    /* truncation, down and up */
    S(.what = T_OPEN, .handle = 2, .path = "blob", .flags = RW, .end = true);
    S(.what = T_TRUNCATE, .handle = 2, .len = block / 3, .end = true);
    S(.what = T_TRUNCATE, .handle = 2, .len = block + 100, .end = true);
    S(.what = T_CLOSE, .handle = 2, .end = true);
    /* across a block boundary, then appending */
    S(.what = T_OPEN, .handle = 0, .path = "blob", .flags = RW);
    S(.what = T_PWRITE, .handle = 0, .pos = block - 50, .len = 100);
    S(.what = T_SYNC, .handle = 0, .end = true);
    S(.what = T_PWRITE, .handle = 0, .pos = block + 100, .len = 300);
    S(.what = T_CLOSE, .handle = 0, .end = true);
    /* a directory renamed; the log reopened and appended to */
    S(.what = T_RENAME, .path = "logs", .path2 = "old-logs", .end = true);
    S(.what = T_OPEN, .handle = 1, .path = "old-logs/a.csv",
      .flags = MOTE_FS_O_WRITE | MOTE_FS_O_APPEND);
    S(.what = T_WRITE, .handle = 1, .len = 40);
    S(.what = T_WRITE, .handle = 1, .len = 40);
    S(.what = T_CLOSE, .handle = 1, .end = true);
    /* two handles on one file */
    S(.what = T_OPEN, .handle = 1, .path = "old-logs/a.csv",
      .flags = MOTE_FS_O_WRITE | MOTE_FS_O_APPEND);
    S(.what = T_OPEN, .handle = 2, .path = "old-logs/a.csv", .flags = RW | MOTE_FS_O_APPEND);
    S(.what = T_WRITE, .handle = 1, .len = 33);
    S(.what = T_READ, .handle = 2);
    S(.what = T_WRITE, .handle = 2, .len = 29);
    S(.what = T_CLOSE, .handle = 1);
    S(.what = T_CLOSE, .handle = 2, .end = true);
    /* a small file rewritten over and over: catalog compactions and
     * superblock flips */
    S(.what = T_CREATE, .handle = 0, .path = "counter", .flags = RW | MOTE_FS_O_CREATE,
      .end = true);
    for (int i = 0; i < rewrites; i++) {
        S(.what = T_OPEN, .handle = 0, .path = "counter", .flags = RW);
        S(.what = T_PWRITE, .handle = 0, .pos = 0, .len = 8 + (uint32_t)(i % 5));
        S(.what = T_CLOSE, .handle = 0, .end = true);
    }
    /* removals */
    S(.what = T_REMOVE, .path = "blob", .end = true);
    S(.what = T_REMOVE, .path = "cfg/settings.bak", .end = true);
    S(.what = T_RMDIR, .path = "cfg", .end = true);
}

/* ---- checking a state after a cut ---------------------------------------------------------- */

typedef struct totals {
    unsigned ops, cuts, double_cuts, mount_failures, lost, corrupt, non_atomic, recover_fail;
    unsigned violations, compactions, flips;
} totals;

static int find_file(const model *m, const char *path)
{
    mote_fs_status st;
    return path ? m_find(m, path, &st) : -1;
}

/* True if content (size, data) is base's file with writes w[0..] applied,
 * the last of them only in part. */
static bool prefix_state(const model *base, const char *path, const txn_run *t, const mnode *got)
{
    model cur;
    m_copy(&cur, base);
    int node = find_file(&cur, path);
    bool ok = false;
    for (int i = 0; node >= 0 && i <= t->nw && !ok; i++) {
        mnode *n = &cur.n[node];
        if (i == t->nw) {
            ok = n->size == got->size && (!n->size || !memcmp(n->data, got->data, n->size));
            break;
        }
        const rec_write *w = &t->w[i];
        /* the smallest m that explains got: past the old end, or the last
         * byte that differs */
        uint32_t m = 0;
        if (got->size > n->size)
            m = got->size - w->pos;
        else if (got->size == n->size)
            for (uint32_t k = 0; k < w->len && w->pos + k < n->size; k++)
                if (got->data[w->pos + k] != n->data[w->pos + k])
                    m = k + 1;
        if (got->size >= n->size && m <= w->len && w->pos <= n->size) {
            model trial;
            m_copy(&trial, &cur);
            m_write(&trial, node, w->pos, w->data, m);
            mnode *tn = &trial.n[node];
            ok = tn->size == got->size && (!tn->size || !memcmp(tn->data, got->data, tn->size));
            m_free(&trial);
        }
        m_write(&cur, node, w->pos, w->data, w->len);
    }
    m_free(&cur);
    return ok;
}

/* The state after a cut in transaction t: before, after, or (for writes)
 * before with the written file at a prefix. */
static void judge(const model *seen, const model *before, const model *after, const txn_run *t,
                  totals *tot, const char *where)
{
    char why[256];
    if (m_equal(seen, before, why, sizeof why) || m_equal(seen, after, why, sizeof why))
        return;
    if (t->file != NULL) {
        /* untouched files equal, the written one a prefix state */
        model a, b;
        m_copy(&a, seen);
        m_copy(&b, before);
        int na = find_file(&a, t->file), nb = find_file(&b, t->file);
        bool ok = na >= 0 && prefix_state(before, t->file, t, &a.n[na]);
        if (ok) {
            free(a.n[na].data);
            a.n[na].data = NULL;
            a.n[na].size = a.n[na].cap = 0;
            if (nb >= 0) {
                free(b.n[nb].data);
                b.n[nb].data = NULL;
                b.n[nb].size = b.n[nb].cap = 0;
            }
            ok = m_equal(&a, &b, why, sizeof why);
        }
        m_free(&a);
        m_free(&b);
        if (ok)
            return;
    }
    /* Classify: files of before (synced) lost or changed, else something
     * that should not be there. */
    unsigned lost = 0;
    char path[512];
    for (int i = 1; i < before->count; i++) {
        if (!before->n[i].used || before->n[i].dir)
            continue;
        m_path(before, i, path, sizeof path);
        int j = find_file(seen, path), k = find_file(after, path);
        bool same_before = j >= 0 && seen->n[j].size == before->n[i].size &&
                           !memcmp(seen->n[j].data, before->n[i].data, before->n[i].size);
        bool same_after = j >= 0 && k >= 0 && seen->n[j].size == after->n[k].size &&
                          !memcmp(seen->n[j].data, after->n[k].data, after->n[k].size);
        bool touched = (t->file && !strcmp(path + 1, t->file)) || k < 0 ||
                       after->n[k].size != before->n[i].size ||
                       memcmp(after->n[k].data, before->n[i].data, before->n[i].size);
        if (!touched && !same_before)
            lost++;
        (void)same_after;
    }
    tot->lost += lost;
    if (lost == 0)
        tot->corrupt++;
    m_equal(seen, before, why, sizeof why);
    CHECKF(0,
           "%s: the state is neither before nor after the transaction (%u synced files "
           "lost): %s",
           where, lost, why);
}

/* ---- one geometry ---------------------------------------------------------------------------- */

typedef struct geometry {
    uint32_t size, sector, prog;
} geometry;

typedef struct plan {
    int first_step; /* the transaction's steps */
    int last_step;
    uint32_t first_op, end_op; /* flash operations it does */
    saved at;                  /* the world at its start */
    uint32_t payload_at;
    const char *open_path[HANDLES];
    model before, after;
} plan;

static mote_fs_status mount_now(void)
{
    return mote_fs_mount(&W.fs, &W.cfg);
}

/* Appends to every file of m, in m, and then through the fs (which may
 * lose power on the way). */
static bool append_all(model *m)
{
    char path[512];
    int count = m->count;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 1; i < count; i++) {
            if (!m->n[i].used || m->n[i].dir)
                continue;
            uint32_t len = 7 + (uint32_t)i % 13;
            const uint8_t *data = payload + (i * 131) % 4096;
            if (pass == 0) {
                m_write(m, i, m->n[i].size, data, len);
                continue;
            }
            m_path(m, i, path, sizeof path);
            mote_fs_file f;
            if (mote_fs_open(&W.fs, &f, MOTE_FS_ROOT, path, MOTE_FS_O_WRITE | MOTE_FS_O_APPEND) !=
                MOTE_FS_OK)
                return false;
            mote_fs_status st = mote_fs_write(&f, data, len, NULL);
            mote_fs_status cl = mote_fs_close(&f);
            if (st != MOTE_FS_OK || cl != MOTE_FS_OK)
                return false;
        }
    return true;
}

/*
 * Recovery: every file takes an append (the file system must copy a last
 * block that may hold bytes of the lost writes rather than program it
 * again), a new file is made, and all of it survives a remount.  With
 * second_cut the power fails again somewhere in there: the state must
 * then still be one the recovery could have left.
 */
static bool recover(const model *seen, totals *tot, bool second_cut)
{
    mote_fs_file f;
    uint8_t data[100];
    memset(data, 0x5A, sizeof data);
    model want;
    m_copy(&want, seen);
    if (second_cut)
        norsim_arm(&W.dev.nor, (long)W.dev.nor.ops + 1 + rng_below(24), rng_below(40), rng_below(2),
                   false);
    int node;
    bool ok =
        append_all(&want) &&
        mote_fs_open(&W.fs, &f, MOTE_FS_ROOT, "recovery", RW | MOTE_FS_O_CREATE) == MOTE_FS_OK &&
        mote_fs_write(&f, data, sizeof data, NULL) == MOTE_FS_OK && mote_fs_close(&f) == MOTE_FS_OK;
    m_create(&want, "recovery", &node);
    m_write(&want, node, 0, data, sizeof data);
    if (second_cut && W.dev.nor.dead) {
        tot->double_cuts++;
        norsim_power_on(&W.dev.nor);
        model now;
        if (mount_now() != MOTE_FS_OK || m_from_fs(&now, &W.fs) != MOTE_FS_OK) {
            tot->mount_failures++;
            m_free(&want);
            return false;
        }
        /* each file as seen, or with its append; the recovery file whole,
         * empty, or not there */
        bool good = true;
        char path[512], why[256] = "";
        for (int i = 1; i < now.count && good; i++) {
            if (!now.n[i].used || now.n[i].dir)
                continue;
            m_path(&now, i, path, sizeof path);
            mote_fs_status st;
            int a = m_find(seen, path, &st), b = m_find(&want, path, &st);
            bool as_seen = a >= 0 && now.n[i].size == seen->n[a].size &&
                           !memcmp(now.n[i].data, seen->n[a].data, seen->n[a].size);
            bool as_want = b >= 0 && now.n[i].size == want.n[b].size &&
                           !memcmp(now.n[i].data, want.n[b].data, want.n[b].size);
            bool empty_new = a < 0 && now.n[i].size == 0;
            if (!as_seen && !as_want && !empty_new) {
                good = false;
                snprintf(why, sizeof why, "%.200s (%u bytes; %d before, %d after)", path,
                         now.n[i].size, a >= 0 ? (int)seen->n[a].size : -1,
                         b >= 0 ? (int)want.n[b].size : -1);
            }
        }
        CHECKF(good, "second cut: %s is neither as before the recovery nor after it", why);
        tot->corrupt += !good;
        m_free(&now);
        m_free(&want);
        return true;
    }
    norsim_power_on(&W.dev.nor);
    if (ok)
        ok = mote_fs_unmount(&W.fs) == MOTE_FS_OK && mount_now() == MOTE_FS_OK;
    model now;
    char why[256] = "";
    if (ok) {
        ok = m_from_fs(&now, &W.fs) == MOTE_FS_OK && m_equal(&now, &want, why, sizeof why);
        m_free(&now);
    }
    CHECKF(ok || why[0] == 0, "recovery: %s", why);
    m_free(&want);
    return ok;
}

static void one_cut(const plan *p, uint32_t k, uint32_t byte, bool scatter, bool clean, totals *tot,
                    const geometry *g)
{
    char where[160];
    restore(&p->at);
    uint32_t violations = W.dev.nor.violations;
    W.dev.nor.after_op = NULL;
    payload_at = p->payload_at;
    memcpy(open_path, p->open_path, sizeof open_path);
    norsim_arm(&W.dev.nor, k, byte, scatter, clean);
    txn_run t = {.nw = 0};
    for (int i = p->first_step; i <= p->last_step && !W.dev.nor.dead; i++)
        run_step(&script[i], NULL, &t);
    snprintf(where, sizeof where, "sector %u prog %u: cut in op %u (%c, byte %u%s%s), step %d",
             g->sector, g->prog, k, W.dev.nor.last_op, byte, clean ? ", clean" : "",
             scatter ? ", scattered" : "", p->first_step);
    CHECKF(W.dev.nor.dead, "%s: the cut never came", where);
    tot->cuts++;
    norsim_power_on(&W.dev.nor);
    memset(W.h, 0, sizeof W.h);
    mote_fs_status st = mount_now();
    if (st != MOTE_FS_OK) {
        tot->mount_failures++;
        CHECKF(0, "%s: mount: %s (%s)", where, mote_fs_status_name(st), mote_fs_detail(&W.fs));
        return;
    }
    model seen;
    st = m_from_fs(&seen, &W.fs);
    if (st != MOTE_FS_OK) {
        tot->corrupt++;
        CHECKF(0, "%s: reading the tree: %s (%s)", where, mote_fs_status_name(st),
               mote_fs_detail(&W.fs));
        m_free(&seen);
        return;
    }
    judge(&seen, &p->before, &p->after, &t, tot, where);
    bool ok = recover(&seen, tot, k % 7 == 3);
    tot->recover_fail += !ok;
    CHECKF(ok, "%s: no recovery (appends, a new file, a remount)", where);
    m_free(&seen);
    tot->violations += W.dev.nor.violations - violations;
    CHECKF(W.dev.nor.violations == violations, "%s: a byte programmed twice", where);
}

static void enumerate(const plan *p, const char *kinds, const uint32_t *lens, totals *tot,
                      const geometry *g)
{
    for (uint32_t k = p->first_op; k < p->end_op; k++) {
        one_cut(p, k, 0, false, true, tot, g);
        if (kinds[k] == 'E') {
            one_cut(p, k, 0, false, false, tot, g);
            one_cut(p, k, 0, true, false, tot, g);
            continue;
        }
        uint32_t len = lens[k], at[5] = {0, 1, len / 2, rng_below(len), len - 1};
        for (int i = 0; i < 5; i++) {
            bool dup = at[i] >= len;
            for (int j = 0; j < i; j++)
                dup |= at[j] == at[i];
            if (!dup)
                one_cut(p, k, at[i], false, false, tot, g);
        }
    }
}

static char *op_kind;
static uint32_t *op_len, op_cap;

static void note_op(void *ctx, char kind, uint32_t off, uint32_t len)
{
    (void)ctx;
    (void)off;
    uint32_t i = W.dev.nor.ops - 1;
    if (i >= op_cap) {
        op_cap = op_cap ? 2 * op_cap : 1024;
        while (op_cap <= i)
            op_cap *= 2;
        op_kind = realloc(op_kind, op_cap);
        op_len = realloc(op_len, op_cap * sizeof *op_len);
    }
    op_kind[i] = kind;
    op_len[i] = len;
}

static void one_geometry(const geometry *g, int rewrites, totals *all)
{
    memset(&W, 0, sizeof W);
    fsnor_init(&W.dev, g->size, g->sector, g->prog);
    W.cfg = (mote_fs_config){.flash = &W.dev.flash, .ram = W.ram, .ram_size = sizeof W.ram};
    CHECKF(mote_fs_format(&W.fs, &W.cfg, NULL) == MOTE_FS_OK, "format: %s", mote_fs_detail(&W.fs));
    CHECKF(mount_now() == MOTE_FS_OK, "mount");
    make_script(W.fs.block_size, rewrites);
    W.dev.nor.after_op = note_op;
    payload_at = 0;

    /* the fault-free run, transaction by transaction */
    int nplans = 0;
    for (int i = 0; i < nsteps; i++)
        nplans += script[i].end;
    plan *plans = calloc((size_t)nplans, sizeof *plans);
    model m;
    m_init(&m);
    uint32_t compactions = 0, flips = 0, relocations = 0;
    for (int i = 0, n = 0; i < nsteps; n++) {
        plan *p = &plans[n];
        p->first_step = i;
        p->first_op = W.dev.nor.ops;
        save(&p->at);
        p->payload_at = payload_at;
        memcpy(p->open_path, open_path, sizeof open_path);
        m_copy(&p->before, &m);
        uint32_t sb = W.fs.sb_rev, c0 = W.fs.compactions, r0 = W.fs.relocations;
        for (; i < nsteps; i++) {
            bool ok = run_step(&script[i], &m, NULL);
            CHECKF(ok, "fault-free run, step %d: %s", i, mote_fs_detail(&W.fs));
            if (script[i].end)
                break;
        }
        p->last_step = i++;
        p->end_op = W.dev.nor.ops;
        m_copy(&p->after, &m);
        compactions += W.fs.compactions - c0;
        flips += W.fs.sb_rev - sb;
        relocations += W.fs.relocations - r0;
    }
    /* the fault-free result is what the model says */
    model seen;
    CHECKF(m_from_fs(&seen, &W.fs) == MOTE_FS_OK, "reading the final tree");
    char why[256];
    CHECKF(m_equal(&seen, &m, why, sizeof why), "fault-free run: %s", why);
    m_free(&seen);
    uint32_t ops = W.dev.nor.ops;
    W.dev.nor.after_op = NULL;

    /* every cut */
    totals t = {
        .ops = ops, .compactions = compactions, .flips = flips, .violations = W.dev.nor.violations};
    for (int n = 0; n < nplans && check_state.failed < 20; n++)
        enumerate(&plans[n], op_kind, op_len, &t, g);
    printf("  sector %4u prog %2u, %3u blocks: %u transactions, %4u flash ops (%u compactions, "
           "%u superblock flips, %u wear-levelling moves), %5u cut points, %u double cuts; mount "
           "failures %u, lost synced "
           "files %u, corruptions %u, failed recoveries %u, double programs %u\n",
           g->sector, g->prog, W.fs.block_count, nplans, ops, compactions, flips, relocations,
           t.cuts, t.double_cuts, t.mount_failures, t.lost, t.corrupt, t.recover_fail,
           t.violations);
    all->ops += t.ops;
    all->cuts += t.cuts;
    all->double_cuts += t.double_cuts;
    all->mount_failures += t.mount_failures;
    all->lost += t.lost;
    all->corrupt += t.corrupt;
    all->recover_fail += t.recover_fail;
    all->violations += t.violations;
    all->compactions += compactions;
    all->flips += flips;
    for (int n = 0; n < nplans; n++) {
        discard(&plans[n].at);
        m_free(&plans[n].before);
        m_free(&plans[n].after);
    }
    free(plans);
    m_free(&m);
    fsnor_free(&W.dev);
}

int main(int argc, char **argv)
{
    int rewrites = argc > 1 ? atoi(argv[1]) : 300;
    rng_seed_from_env(1818);
    payload = malloc(PAYLOAD);
    rng_bytes(payload, PAYLOAD);
    static const geometry geos[] = {
        {16 * 1024, 512, 4},
        {24 * 1024, 1024, 1},
        {16 * 1024, 512, 16},
        {48 * 1024, 2048, 8},
    };
    totals all = {0};
    printf("fs power-cut: cutting power inside every erase and program of the script\n");
    for (size_t i = 0; i < sizeof geos / sizeof geos[0]; i++)
        one_geometry(&geos[i], rewrites, &all);
    printf("fs power-cut total: %u flash operations enumerated, %u cut points, %u double cuts, "
           "%u compactions, %u superblock flips; mount failures %u, lost synced files %u, "
           "corruptions %u, failed recoveries %u, double programs %u\n",
           all.ops, all.cuts, all.double_cuts, all.compactions, all.flips, all.mount_failures,
           all.lost, all.corrupt, all.recover_fail, all.violations);
    CHECKF(all.violations == 0, "the file system programmed a byte twice");
    CHECKF(all.flips > 0, "the script never flipped a superblock: make it longer");
    free(payload);
    free(script);
    free(op_kind);
    free(op_len);
    return check_state.failed ? 1 : 0;
}
