/*
 * A long random run against the model: thousands of operations -- opens
 * with every flag, writes, pwrites, reads, seeks, truncates, syncs, closes,
 * mkdir, remove, rename, stat, listings -- through several handles at
 * once, each result and status compared with the model (model.c), and the
 * whole tree compared after every remount.  Several flash geometries.
 * Ends with the wear: erases per block, min / mean / max.
 *
 *   test_fs_random [operations per geometry]     (default 4000; CI)
 */
#include <stdlib.h>
#include <string.h>

#include "fsnor.h"
#include "model.h"
#include "testutil.h"

#define HANDLES 4

typedef struct handle {
    bool open, stale;
    int node;
    unsigned flags;
    uint32_t pos;
    mote_fs_file f;
} handle;

typedef struct run {
    fsnor dev;
    mote_fs fs;
    mote_fs_config cfg;
    uint8_t ram[FSNOR_RAM];
    model m;
    handle h[HANDLES];
    uint32_t budget; /* file bytes the model may hold */
    unsigned ops, remounts, compared;
    unsigned counts[16];
} run;

static const char *const names[] = {"a", "b", "log.csv", "d1", "d2", "x"};
static const char *const dirs[] = {"", "d1/", "d2/", "d1/d2/", "d2/d1/", "x/"};

static void random_path(char *out, size_t cap)
{
    snprintf(out, cap, "%s%s", dirs[rng_below(6)], names[rng_below(6)]);
}

static bool verbose, paranoid;
#define TRACE(...)                  \
    do {                            \
        if (verbose) {              \
            printf("%5u ", r->ops); \
            printf(__VA_ARGS__);    \
            putchar('\n');          \
        }                           \
    } while (0)

static const char *st_name(mote_fs_status st)
{
    return mote_fs_status_name(st);
}

#define EXPECT(got, want, what)                                                           \
    CHECKF((got) == (want), "op %u %s: %s, expected %s (%s)", r->ops, what, st_name(got), \
           st_name(want), mote_fs_detail(&r->fs))

static uint32_t total_bytes(const model *m)
{
    uint32_t t = 0;
    for (int i = 0; i < m->count; i++)
        if (m->n[i].used)
            t += m->n[i].size;
    return t;
}

static void mount(run *r)
{
    mote_fs_status st = mote_fs_mount(&r->fs, &r->cfg);
    CHECKF(st == MOTE_FS_OK, "mount: %s (%s)", st_name(st), mote_fs_detail(&r->fs));
}

static void compare_all(run *r, const char *when)
{
    model seen;
    mote_fs_status st = m_from_fs(&seen, &r->fs);
    char why[256] = "";
    CHECKF(st == MOTE_FS_OK, "%s: reading the tree: %s", when, st_name(st));
    CHECKF(m_equal(&r->m, &seen, why, sizeof why), "op %u %s: the tree differs: %s", r->ops, when,
           why);
    m_free(&seen);
    r->compared++;
}

/* Handles on node become stale (it was removed or replaced). */
static void orphan(run *r, int node)
{
    for (int i = 0; i < HANDLES; i++)
        if (r->h[i].open && r->h[i].node == node)
            r->h[i].stale = true;
}

/* ---- operations ---------------------------------------------------------------------- */

static void op_open(run *r)
{
    int i = (int)rng_below(HANDLES);
    handle *h = &r->h[i];
    if (h->open)
        return;
    char path[64];
    random_path(path, sizeof path);
    unsigned flags = (unsigned[]){MOTE_FS_O_READ, MOTE_FS_O_WRITE,
                                  MOTE_FS_O_READ | MOTE_FS_O_WRITE}[rng_below(3)];
    if (rng_below(2))
        flags |= MOTE_FS_O_CREATE;
    if (rng_below(5) == 0)
        flags |= MOTE_FS_O_EXCL;
    if ((flags & MOTE_FS_O_WRITE) && rng_below(6) == 0)
        flags |= MOTE_FS_O_TRUNC;
    if ((flags & MOTE_FS_O_WRITE) && rng_below(4) == 0)
        flags |= MOTE_FS_O_APPEND;
    /* what the model says */
    int parent, node = -1;
    const char *name;
    mote_fs_status want = m_walk(&r->m, path, &parent, &name);
    if (want == MOTE_FS_OK) {
        node = m_child(&r->m, parent, name, strlen(name));
        if (node >= 0 && (flags & MOTE_FS_O_CREATE) && (flags & MOTE_FS_O_EXCL))
            want = MOTE_FS_ERR_EXISTS;
        else if (node >= 0 && r->m.n[node].dir)
            want = MOTE_FS_ERR_IS_DIR;
        else if (node < 0 && !(flags & MOTE_FS_O_CREATE))
            want = MOTE_FS_ERR_NOT_FOUND;
    }
    mote_fs_status got = mote_fs_open(&r->fs, &h->f, MOTE_FS_ROOT, path, flags);
    TRACE("open h%d %s flags 0x%x: %s", i, path, flags, st_name(got));
    EXPECT(got, want, "open");
    if (got != MOTE_FS_OK || want != MOTE_FS_OK)
        return;
    if (node < 0)
        m_create(&r->m, path, &node);
    if (flags & MOTE_FS_O_TRUNC)
        m_truncate(&r->m, node, 0);
    *h = (handle){.open = true, .node = node, .flags = flags, .f = h->f};
    CHECKF(mote_fs_size(&h->f) == r->m.n[node].size, "op %u open: size %u, expected %u", r->ops,
           mote_fs_size(&h->f), r->m.n[node].size);
}

static handle *pick(run *r)
{
    handle *h = &r->h[rng_below(HANDLES)];
    return h->open ? h : NULL;
}

static uint32_t random_len(run *r)
{
    uint32_t bs = r->fs.block_size;
    switch (rng_below(6)) {
    case 0: return 1 + rng_below(3);
    case 1: return 1 + rng_below(40);
    case 2: return 1 + rng_below(300);
    case 3: return 1 + rng_below(bs);
    case 4: return bs - 2 + rng_below(5);
    default: return 1 + rng_below(3 * bs);
    }
}

static void op_write(run *r, bool positioned)
{
    handle *h = pick(r);
    if (!h)
        return;
    uint32_t len = random_len(r);
    mnode *n = &r->m.n[h->node];
    uint32_t pos = positioned                      ? rng_below(n->size + 64)
                   : (h->flags & MOTE_FS_O_APPEND) ? n->size
                                                   : h->pos;
    uint32_t grow = pos + len > n->size ? pos + len - n->size : 0;
    if (total_bytes(&r->m) + grow > r->budget)
        return;
    uint8_t *data = malloc(len);
    rng_bytes(data, len);
    size_t done = 0;
    mote_fs_status got = positioned ? mote_fs_pwrite(&h->f, data, len, pos, &done)
                                    : mote_fs_write(&h->f, data, len, &done);
    mote_fs_status want = h->stale                        ? MOTE_FS_ERR_STALE
                          : !(h->flags & MOTE_FS_O_WRITE) ? MOTE_FS_ERR_READ_ONLY
                                                          : MOTE_FS_OK;
    TRACE("%s h%d node %d pos %u len %u: %s", positioned ? "pwrite" : "write", (int)(h - r->h),
          h->node, pos, len, st_name(got));
    EXPECT(got, want, positioned ? "pwrite" : "write");
    if (got == MOTE_FS_OK && want == MOTE_FS_OK) {
        CHECKF(done == len, "op %u: wrote %zu of %u", r->ops, done, len);
        if (positioned && (h->flags & MOTE_FS_O_APPEND))
            pos = pos; /* pwrite ignores append (as WASI's does not; see wasi-lite) */
        m_write(&r->m, h->node, pos, data, len);
        if (!positioned)
            h->pos = pos + len;
    }
    free(data);
}

static void op_read(run *r, bool positioned)
{
    handle *h = pick(r);
    if (!h)
        return;
    uint32_t len = random_len(r);
    mnode *n = &r->m.n[h->node];
    uint32_t pos = positioned ? rng_below(n->size + 16) : h->pos;
    uint8_t *buf = malloc(len);
    size_t got_n = 0;
    mote_fs_status got = positioned ? mote_fs_pread(&h->f, buf, len, pos, &got_n)
                                    : mote_fs_read(&h->f, buf, len, &got_n);
    mote_fs_status want = h->stale                       ? MOTE_FS_ERR_STALE
                          : !(h->flags & MOTE_FS_O_READ) ? MOTE_FS_ERR_READ_ONLY
                                                         : MOTE_FS_OK;
    TRACE("%s h%d pos %u len %u: %s %zu", positioned ? "pread" : "read", (int)(h - r->h), pos, len,
          st_name(got), got_n);
    EXPECT(got, want, positioned ? "pread" : "read");
    if (got == MOTE_FS_OK && want == MOTE_FS_OK) {
        uint32_t exp = pos >= n->size ? 0 : n->size - pos < len ? n->size - pos : len;
        CHECKF(got_n == exp, "op %u read: %zu bytes, expected %u", r->ops, got_n, exp);
        CHECKF(got_n != exp || exp == 0 || !memcmp(buf, n->data + pos, exp),
               "op %u read: wrong bytes at %u", r->ops, pos);
        if (!positioned)
            h->pos = pos + (uint32_t)got_n;
    }
    free(buf);
}

static void op_seek(run *r)
{
    handle *h = pick(r);
    if (!h)
        return;
    uint32_t size = r->m.n[h->node].size, pos;
    int whence = (int)rng_below(3);
    int64_t off = (int64_t)rng_below(size + 100) - (whence == MOTE_FS_SEEK_SET ? 0 : size / 2 + 20);
    int64_t base = whence == MOTE_FS_SEEK_SET ? 0 : whence == MOTE_FS_SEEK_CUR ? h->pos : size;
    mote_fs_status got = mote_fs_seek(&h->f, off, (mote_fs_whence)whence, &pos);
    TRACE("seek h%d %lld/%d: %s", (int)(h - r->h), (long long)off, whence, st_name(got));
    mote_fs_status want = h->stale         ? MOTE_FS_ERR_STALE
                          : base + off < 0 ? MOTE_FS_ERR_ARGUMENT
                                           : MOTE_FS_OK;
    EXPECT(got, want, "seek");
    if (got == MOTE_FS_OK && want == MOTE_FS_OK) {
        h->pos = (uint32_t)(base + off);
        CHECKF(pos == h->pos && mote_fs_tell(&h->f) == h->pos, "op %u seek: at %u, expected %u",
               r->ops, pos, h->pos);
    }
}

static void op_truncate(run *r)
{
    handle *h = pick(r);
    if (!h)
        return;
    uint32_t size = r->m.n[h->node].size;
    uint32_t to = rng_below(2) ? rng_below(size + 1) : size + rng_below(2 * r->fs.block_size);
    if (to > size && total_bytes(&r->m) + (to - size) > r->budget)
        return;
    mote_fs_status got = mote_fs_truncate(&h->f, to);
    mote_fs_status want = h->stale                        ? MOTE_FS_ERR_STALE
                          : !(h->flags & MOTE_FS_O_WRITE) ? MOTE_FS_ERR_READ_ONLY
                                                          : MOTE_FS_OK;
    TRACE("truncate h%d to %u: %s", (int)(h - r->h), to, st_name(got));
    EXPECT(got, want, "truncate");
    if (got == MOTE_FS_OK && want == MOTE_FS_OK)
        m_truncate(&r->m, h->node, to);
}

static void op_close(run *r, bool sync_only)
{
    handle *h = pick(r);
    if (!h)
        return;
    mote_fs_status got = sync_only ? mote_fs_sync(&h->f) : mote_fs_close(&h->f);
    mote_fs_status want = h->stale && sync_only ? MOTE_FS_ERR_STALE : MOTE_FS_OK;
    TRACE("%s h%d: %s", sync_only ? "sync" : "close", (int)(h - r->h), st_name(got));
    EXPECT(got, want, sync_only ? "sync" : "close");
    if (!sync_only)
        h->open = false;
}

static void op_mkdir(run *r)
{
    char path[64];
    snprintf(path, sizeof path, "%s%s", dirs[rng_below(6)], names[rng_below(6)]);
    mote_fs_status want = m_mkdir(&r->m, path);
    mote_fs_status got = mote_fs_mkdir(&r->fs, MOTE_FS_ROOT, path);
    TRACE("mkdir %s: %s", path, st_name(got));
    EXPECT(got, want, "mkdir");
}

static void op_remove(run *r)
{
    char path[64];
    random_path(path, sizeof path);
    int want_kind = (int)rng_below(3);
    mote_fs_status st;
    int node = m_find(&r->m, path, &st);
    mote_fs_status want = m_remove(&r->m, path, want_kind);
    if (want == MOTE_FS_OK)
        orphan(r, node);
    mote_fs_status got = want_kind == 0 ? mote_fs_remove(&r->fs, MOTE_FS_ROOT, path)
                         : want_kind == MOTE_FS_TYPE_FILE
                             ? mote_fs_unlink(&r->fs, MOTE_FS_ROOT, path)
                             : mote_fs_rmdir(&r->fs, MOTE_FS_ROOT, path);
    TRACE("remove(%d) %s: %s", want_kind, path, st_name(got));
    EXPECT(got, want, "remove");
}

static void op_rename(run *r)
{
    char from[64], to[64];
    random_path(from, sizeof from);
    random_path(to, sizeof to);
    int parent;
    const char *name;
    mote_fs_status st;
    int src = m_find(&r->m, from, &st), victim = -1;
    if (m_walk(&r->m, to, &parent, &name) == MOTE_FS_OK && *name)
        victim = m_child(&r->m, parent, name, strlen(name));
    mote_fs_status want = m_rename(&r->m, from, to);
    if (want == MOTE_FS_OK && victim >= 0 && victim != src)
        orphan(r, victim);
    mote_fs_status got = mote_fs_rename(&r->fs, MOTE_FS_ROOT, from, MOTE_FS_ROOT, to);
    TRACE("rename %s %s: %s", from, to, st_name(got));
    EXPECT(got, want, "rename");
}

static void op_stat(run *r)
{
    char path[64];
    random_path(path, sizeof path);
    mote_fs_status want;
    int node = m_find(&r->m, path, &want);
    mote_fs_stat st;
    mote_fs_status got = mote_fs_stat_path(&r->fs, MOTE_FS_ROOT, path, &st);
    EXPECT(got, want, "stat");
    if (got == MOTE_FS_OK && node >= 0) {
        CHECKF(st.type == (r->m.n[node].dir ? MOTE_FS_TYPE_DIR : MOTE_FS_TYPE_FILE) &&
                   (r->m.n[node].dir || st.size == r->m.n[node].size),
               "op %u stat %s: type %d size %u, expected %d / %u", r->ops, path, st.type, st.size,
               r->m.n[node].dir, r->m.n[node].size);
    }
}

static void remount(run *r)
{
    TRACE("remount");
    for (int i = 0; i < HANDLES; i++)
        if (r->h[i].open) {
            mote_fs_status st = mote_fs_close(&r->h[i].f);
            CHECKF(st == MOTE_FS_OK, "close before remount: %s", st_name(st));
            r->h[i].open = false;
        }
    CHECKF(mote_fs_unmount(&r->fs) == MOTE_FS_OK, "unmount");
    mount(r);
    compare_all(r, "after remount");
    r->remounts++;
}

static void step(run *r)
{
    unsigned k = rng_below(100);
    r->counts[k % 16]++;
    if (k < 12)
        op_open(r);
    else if (k < 34)
        op_write(r, false);
    else if (k < 40)
        op_write(r, true);
    else if (k < 52)
        op_read(r, false);
    else if (k < 56)
        op_read(r, true);
    else if (k < 60)
        op_seek(r);
    else if (k < 64)
        op_truncate(r);
    else if (k < 70)
        op_close(r, true);
    else if (k < 78)
        op_close(r, false);
    else if (k < 82)
        op_mkdir(r);
    else if (k < 87)
        op_remove(r);
    else if (k < 92)
        op_rename(r);
    else if (k < 98)
        op_stat(r);
    else
        remount(r);
}

typedef struct geometry {
    uint32_t size, sector, prog;
} geometry;

static void wear_report(const run *r, const geometry *g)
{
    uint32_t per = r->fs.block_size / g->sector, blocks = r->fs.block_count;
    uint32_t lo = UINT32_MAX, hi = 0;
    uint64_t sum = 0;
    for (uint32_t b = 0; b < blocks; b++) {
        uint32_t w = r->dev.wear[b * per];
        lo = w < lo ? w : lo;
        hi = w > hi ? w : hi;
        sum += w;
    }
    printf("  wear: erases per block min %u mean %.1f max %u (%u blocks)\n", lo,
           (double)sum / blocks, hi, blocks);
}

static void one_geometry(const geometry *g, unsigned nops)
{
    run *r = calloc(1, sizeof *r);
    fsnor_init(&r->dev, g->size, g->sector, g->prog);
    r->cfg = (mote_fs_config){.flash = &r->dev.flash, .ram = r->ram, .ram_size = sizeof r->ram};
    mote_fs_status st = mote_fs_format(&r->fs, &r->cfg, NULL);
    CHECKF(st == MOTE_FS_OK, "format: %s (%s)", st_name(st), mote_fs_detail(&r->fs));
    mount(r);
    m_init(&r->m);
    r->budget = g->size / 3;
    for (r->ops = 0; r->ops < nops && check_state.failed == 0; r->ops++) {
        step(r);
        if (paranoid)
            compare_all(r, "(paranoid)");
    }
    remount(r);
    mote_fs_info info;
    mote_fs_info_get(&r->fs, &info);
    printf("geometry %u KiB, sector %u, program unit %u: %u operations, %u remounts, %u "
           "full comparisons, %u objects at the end, catalog %u blocks; double programs %u\n",
           g->size / 1024, g->sector, g->prog, r->ops, r->remounts, r->compared, info.objects,
           info.catalog_blocks, r->dev.nor.violations);
    wear_report(r, g);
    CHECKF(r->dev.nor.violations == 0, "the file system programmed a byte twice");
    m_free(&r->m);
    fsnor_free(&r->dev);
    free(r);
}

int main(int argc, char **argv)
{
    unsigned nops = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 4000;
    verbose = getenv("FS_TEST_VERBOSE") != NULL;
    paranoid = getenv("FS_TEST_PARANOID") != NULL; /* compare the whole tree after every step */
    const char *seed_text = getenv("OTA_TEST_SEED");
    unsigned long long seed = seed_text ? strtoull(seed_text, NULL, 0) : 18;
    static const geometry geos[] = {
        {128 * 1024, 1024, 4},
        {256 * 1024, 4096, 1},
        {32 * 1024, 512, 16},
        {96 * 1024, 2048, 8},
    };
    const char *only = getenv("FS_TEST_GEOMETRY"); /* run one geometry: its index */
    for (size_t i = 0; i < sizeof geos / sizeof geos[0]; i++)
        if (only == NULL || strtoul(only, NULL, 0) == i) {
            /* each geometry its own seed, so that one can be rerun alone */
            char text[32];
            snprintf(text, sizeof text, "%llu", seed * 16 + i);
            setenv("OTA_TEST_SEED", text, 1);
            rng_seed_from_env(1);
            one_geometry(&geos[i], nops);
        }
    printf("%s\n",
           check_state.failed ? "FAILED" : "random run: all operations agree with the model");
    return check_state.failed ? 1 : 0;
}
