/*
 * The file system's API, corner by corner: format and mount errors (blank,
 * foreign, too little RAM, impossible geometry, read-only), names and
 * paths, every error status, seek and truncate edges, holes, handles made
 * stale, the quota, a full flash and a full catalog, a catalog over
 * several blocks, statistics.
 */
#include <stdlib.h>
#include <string.h>

#include "fsnor.h"
#include "testutil.h"

static fsnor dev;
static mote_fs fs;
static uint8_t ram[FSNOR_RAM];
static mote_fs_config cfg;

#define EQ(expr, want)                                                                       \
    do {                                                                                     \
        mote_fs_status got_ = (expr);                                                        \
        CHECKF(got_ == (want), "%s: %s, expected %s (%s)", #expr, mote_fs_status_name(got_), \
               mote_fs_status_name(want), mote_fs_detail(&fs));                              \
    } while (0)
#define OK(expr) EQ(expr, MOTE_FS_OK)

static void fresh(uint32_t size, uint32_t sector, uint32_t prog)
{
    fsnor_free(&dev);
    fsnor_init(&dev, size, sector, prog);
    cfg = (mote_fs_config){.flash = &dev.flash, .ram = ram, .ram_size = sizeof ram};
    OK(mote_fs_format(&fs, &cfg, NULL));
    OK(mote_fs_mount(&fs, &cfg));
}

static void put(const char *path, const void *data, size_t len)
{
    mote_fs_file f;
    size_t done;
    OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, path,
                    MOTE_FS_O_WRITE | MOTE_FS_O_CREATE | MOTE_FS_O_TRUNC));
    OK(mote_fs_write(&f, data, len, &done));
    CHECKF(done == len, "put %s: %zu of %zu", path, done, len);
    OK(mote_fs_close(&f));
}

/* The file's whole contents equal data[0..len). */
static void expect(const char *path, const void *data, size_t len)
{
    mote_fs_file f;
    uint8_t *buf = malloc(len + 16);
    size_t got = 0;
    OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, path, MOTE_FS_O_READ));
    OK(mote_fs_read(&f, buf, len + 16, &got));
    CHECKF(got == len && !memcmp(buf, data, len), "%s: %zu bytes, expected %zu", path, got, len);
    OK(mote_fs_close(&f));
    free(buf);
}

static void test_mount_errors(void)
{
    fsnor_init(&dev, 64 * 1024, 1024, 4);
    cfg = (mote_fs_config){.flash = &dev.flash, .ram = ram, .ram_size = sizeof ram};
    EQ(mote_fs_mount(&fs, &cfg), MOTE_FS_ERR_NOT_FORMATTED);
    CHECKF(strstr(mote_fs_detail(&fs), "no mote file system") != NULL, "detail: %s",
           mote_fs_detail(&fs));
    /* something else on the flash: still not ours */
    uint8_t junk[2048];
    rng_bytes(junk, sizeof junk);
    norsim_factory(&dev.nor, 0, junk, sizeof junk);
    EQ(mote_fs_mount(&fs, &cfg), MOTE_FS_ERR_NOT_FORMATTED);
    /* too little RAM, a bad geometry */
    mote_fs_config small = cfg;
    small.ram_size = 100;
    EQ(mote_fs_format(&fs, &small, NULL), MOTE_FS_ERR_NO_MEMORY);
    small.ram_size = mote_fs_ram_needed(64, 0) - 1;
    EQ(mote_fs_format(&fs, &small, NULL), MOTE_FS_ERR_NO_MEMORY);
    small.ram_size = mote_fs_ram_needed(64, 0);
    OK(mote_fs_format(&fs, &small, NULL));
    OK(mote_fs_mount(&fs, &small));
    small.ram_size -= 1;
    EQ(mote_fs_mount(&fs, &small), MOTE_FS_ERR_NO_MEMORY);
    mote_fs_format_options opt = {.block_size = 1536};
    EQ(mote_fs_format(&fs, &cfg, &opt), MOTE_FS_ERR_GEOMETRY);
    opt.block_size = 4096;
    OK(mote_fs_format(&fs, &cfg, &opt)); /* 16 blocks of 4 sectors */
    OK(mote_fs_mount(&fs, &cfg));
    CHECKF(fs.block_size == 4096 && fs.block_count == 16, "blocks %u x %u", fs.block_count,
           fs.block_size);
    /* an image with another program unit does not fit this flash */
    fsnor other;
    fsnor_init(&other, 64 * 1024, 1024, 16);
    memcpy(other.nor.mem, dev.nor.mem, 64 * 1024);
    mote_fs_config ocfg = {.flash = &other.flash, .ram = ram, .ram_size = sizeof ram};
    mote_fs ofs;
    EQ(mote_fs_mount(&ofs, &ocfg), MOTE_FS_ERR_GEOMETRY); /* units of 4 on a flash of 16 */
    fsnor_free(&other);
    fsnor_init(&other, 64 * 1024, 1024, 1);
    fsnor_free(&dev);
    fsnor_init(&dev, 64 * 1024, 1024, 16);
    cfg.flash = &dev.flash;
    OK(mote_fs_format(&fs, &cfg, NULL));
    memcpy(other.nor.mem, dev.nor.mem, 64 * 1024);
    OK(mote_fs_mount(&ofs, &ocfg)); /* units of 16 on a flash of 1: fine */
    fsnor_free(&other);
    fsnor_init(&other, 32 * 1024, 1024, 16);
    memcpy(other.nor.mem, dev.nor.mem, 32 * 1024);
    ocfg.flash = &other.flash;
    EQ(mote_fs_mount(&ofs, &ocfg), MOTE_FS_ERR_GEOMETRY); /* but not a smaller region */
    fsnor_free(&other);
    /* too few blocks */
    fsnor_free(&dev);
    fsnor_init(&dev, 4 * 1024, 1024, 4);
    cfg.flash = &dev.flash;
    EQ(mote_fs_format(&fs, &cfg, NULL), MOTE_FS_ERR_GEOMETRY);
}

static void test_read_only(void)
{
    fresh(64 * 1024, 1024, 4);
    put("keep", "kept", 4);
    OK(mote_fs_unmount(&fs));
    mote_fs_config ro = cfg;
    ro.read_only = true;
    uint32_t ops = dev.nor.ops;
    OK(mote_fs_mount(&fs, &ro));
    expect("keep", "kept", 4);
    mote_fs_file f;
    EQ(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "keep", MOTE_FS_O_WRITE), MOTE_FS_ERR_READ_ONLY);
    EQ(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "new", MOTE_FS_O_READ | MOTE_FS_O_CREATE),
       MOTE_FS_ERR_READ_ONLY);
    EQ(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "d"), MOTE_FS_ERR_READ_ONLY);
    EQ(mote_fs_remove(&fs, MOTE_FS_ROOT, "keep"), MOTE_FS_ERR_READ_ONLY);
    EQ(mote_fs_rename(&fs, MOTE_FS_ROOT, "keep", MOTE_FS_ROOT, "k2"), MOTE_FS_ERR_READ_ONLY);
    CHECKF(dev.nor.ops == ops, "a read-only mount wrote to flash");
    OK(mote_fs_unmount(&fs));
    OK(mote_fs_mount(&fs, &cfg));
}

static void test_names(void)
{
    fresh(64 * 1024, 1024, 4);
    char long_name[300];
    memset(long_name, 'n', sizeof long_name);
    long_name[255] = 0;
    put(long_name, "x", 1);
    expect(long_name, "x", 1);
    long_name[255] = 'n';
    long_name[256] = 0;
    mote_fs_file f;
    EQ(mote_fs_open(&fs, &f, MOTE_FS_ROOT, long_name, MOTE_FS_O_WRITE | MOTE_FS_O_CREATE),
       MOTE_FS_ERR_NAME_TOO_LONG);
    EQ(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "a/../b", MOTE_FS_O_READ), MOTE_FS_ERR_ARGUMENT);
    EQ(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "."), MOTE_FS_ERR_ARGUMENT);
    EQ(mote_fs_mkdir(&fs, MOTE_FS_ROOT, ""), MOTE_FS_ERR_EXISTS);
    OK(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "//dir//"));
    OK(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "dir/sub"));
    put("dir/sub/file", "hello", 5);
    expect("/dir//sub/file", "hello", 5);
    EQ(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "dir"), MOTE_FS_ERR_EXISTS);
    EQ(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "dir/sub/file/x"), MOTE_FS_ERR_NOT_DIR);
    EQ(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "nope/x"), MOTE_FS_ERR_NOT_FOUND);
    EQ(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "dir", MOTE_FS_O_READ), MOTE_FS_ERR_IS_DIR);
    EQ(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "", MOTE_FS_O_READ), MOTE_FS_ERR_IS_DIR);
    EQ(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "dir/sub/file",
                    MOTE_FS_O_READ | MOTE_FS_O_CREATE | MOTE_FS_O_EXCL),
       MOTE_FS_ERR_EXISTS);
    EQ(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "dir/sub/file", MOTE_FS_O_TRUNC | MOTE_FS_O_READ),
       MOTE_FS_ERR_ARGUMENT);
    EQ(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "dir/sub/file", 0), MOTE_FS_ERR_ARGUMENT);
    EQ(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "dir/sub/file", MOTE_FS_O_READ | 0x400),
       MOTE_FS_ERR_ARGUMENT);
    /* relative to a directory id */
    mote_fs_stat st;
    OK(mote_fs_stat_path(&fs, MOTE_FS_ROOT, "dir/sub", &st));
    CHECKF(st.type == MOTE_FS_TYPE_DIR, "dir/sub is a directory");
    OK(mote_fs_stat_path(&fs, st.id, "file", &st));
    CHECKF(st.size == 5 && st.type == MOTE_FS_TYPE_FILE, "stat via a directory id");
    EQ(mote_fs_stat_path(&fs, st.id, "x", &st), MOTE_FS_ERR_NOT_DIR); /* a file as the start */
    EQ(mote_fs_stat_path(&fs, 99999, "x", &st), MOTE_FS_ERR_NOT_FOUND);
    /* removing */
    EQ(mote_fs_rmdir(&fs, MOTE_FS_ROOT, "dir"), MOTE_FS_ERR_NOT_EMPTY);
    EQ(mote_fs_unlink(&fs, MOTE_FS_ROOT, "dir/sub"), MOTE_FS_ERR_IS_DIR);
    EQ(mote_fs_rmdir(&fs, MOTE_FS_ROOT, "dir/sub/file"), MOTE_FS_ERR_NOT_DIR);
    EQ(mote_fs_remove(&fs, MOTE_FS_ROOT, ""), MOTE_FS_ERR_BUSY);
    /* renaming */
    EQ(mote_fs_rename(&fs, MOTE_FS_ROOT, "dir", MOTE_FS_ROOT, "dir/sub/inner"),
       MOTE_FS_ERR_INVALID);
    EQ(mote_fs_rename(&fs, MOTE_FS_ROOT, "dir/sub/file", MOTE_FS_ROOT, "dir"), MOTE_FS_ERR_IS_DIR);
    OK(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "empty"));
    EQ(mote_fs_rename(&fs, MOTE_FS_ROOT, "empty", MOTE_FS_ROOT, "dir/sub/file"),
       MOTE_FS_ERR_NOT_DIR);
    EQ(mote_fs_rename(&fs, MOTE_FS_ROOT, "empty", MOTE_FS_ROOT, "dir"), MOTE_FS_ERR_NOT_EMPTY);
    OK(mote_fs_rename(&fs, MOTE_FS_ROOT, "dir", MOTE_FS_ROOT, "empty")); /* over an empty dir */
    expect("empty/sub/file", "hello", 5);
    OK(mote_fs_rename(&fs, MOTE_FS_ROOT, "empty/sub/file", MOTE_FS_ROOT, "empty/sub/file"));
    OK(mote_fs_rename(&fs, MOTE_FS_ROOT, "empty/sub/file", MOTE_FS_ROOT, "moved"));
    expect("moved", "hello", 5);
    EQ(mote_fs_stat_path(&fs, MOTE_FS_ROOT, "empty/sub/file", &st), MOTE_FS_ERR_NOT_FOUND);
    /* listing in creation order, names cut to the buffer */
    mote_fs_dir d;
    OK(mote_fs_dir_open(&fs, &d, MOTE_FS_ROOT, ""));
    const char *order[] = {long_name, "empty", "moved"};
    long_name[255] = 0;
    for (int i = 0; i < 3; i++) {
        mote_fs_dirent e;
        char name[8];
        bool found;
        OK(mote_fs_dir_read(&d, &e, name, sizeof name, &found));
        size_t want = strlen(order[i]);
        CHECKF(found && e.name_len == want && !memcmp(name, order[i], want < 8 ? want : 8),
               "entry %d", i);
    }
    mote_fs_dirent e;
    bool found;
    OK(mote_fs_dir_read(&d, &e, NULL, 0, &found));
    CHECKF(!found, "three entries only");
    EQ(mote_fs_dir_open(&fs, &d, MOTE_FS_ROOT, "moved"), MOTE_FS_ERR_NOT_DIR);
}

static void test_seek_truncate(void)
{
    fresh(64 * 1024, 1024, 4);
    mote_fs_file f;
    uint32_t pos;
    OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "f",
                    MOTE_FS_O_READ | MOTE_FS_O_WRITE | MOTE_FS_O_CREATE));
    EQ(mote_fs_seek(&f, -1, MOTE_FS_SEEK_SET, &pos), MOTE_FS_ERR_ARGUMENT);
    EQ(mote_fs_seek(&f, (int64_t)MOTE_FS_FILE_MAX + 1, MOTE_FS_SEEK_SET, &pos),
       MOTE_FS_ERR_ARGUMENT);
    EQ(mote_fs_seek(&f, 0, (mote_fs_whence)7, &pos), MOTE_FS_ERR_ARGUMENT);
    OK(mote_fs_seek(&f, MOTE_FS_FILE_MAX, MOTE_FS_SEEK_SET, &pos));
    EQ(mote_fs_write(&f, "xy", 2, NULL), MOTE_FS_ERR_TOO_BIG);
    /* a hole: zeros up to the write */
    OK(mote_fs_seek(&f, 3000, MOTE_FS_SEEK_SET, &pos));
    OK(mote_fs_write(&f, "end", 3, NULL));
    CHECKF(mote_fs_size(&f) == 3003, "size %u", mote_fs_size(&f));
    uint8_t buf[3100], want[3003];
    memset(want, 0, sizeof want);
    memcpy(want + 3000, "end", 3);
    size_t got;
    OK(mote_fs_pread(&f, buf, sizeof buf, 0, &got));
    CHECKF(got == 3003 && !memcmp(buf, want, 3003), "the hole reads as zeros");
    OK(mote_fs_seek(&f, -3, MOTE_FS_SEEK_END, &pos));
    CHECKF(pos == 3000 && mote_fs_tell(&f) == 3000, "seek from the end");
    /* truncate: down mid-unit, up with zeros, position unchanged */
    OK(mote_fs_truncate(&f, 1001));
    CHECKF(mote_fs_size(&f) == 1001 && mote_fs_tell(&f) == 3000, "truncate down");
    OK(mote_fs_write(&f, "Z", 1, NULL)); /* at 3000: a new hole */
    OK(mote_fs_truncate(&f, 0));
    OK(mote_fs_pwrite(&f, "abcdef", 6, 0, NULL));
    OK(mote_fs_truncate(&f, 2050));
    OK(mote_fs_close(&f));
    uint8_t w2[2050];
    memset(w2, 0, sizeof w2);
    memcpy(w2, "abcdef", 6);
    expect("f", w2, sizeof w2);
    OK(mote_fs_unmount(&fs));
    OK(mote_fs_mount(&fs, &cfg));
    expect("f", w2, sizeof w2);
    /* read-only and write-only handles */
    OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "f", MOTE_FS_O_READ));
    EQ(mote_fs_write(&f, "x", 1, NULL), MOTE_FS_ERR_READ_ONLY);
    EQ(mote_fs_truncate(&f, 0), MOTE_FS_ERR_READ_ONLY);
    OK(mote_fs_close(&f));
    EQ(mote_fs_close(&f), MOTE_FS_ERR_ARGUMENT); /* twice */
    OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "f", MOTE_FS_O_WRITE | MOTE_FS_O_APPEND));
    EQ(mote_fs_read(&f, buf, 1, &got), MOTE_FS_ERR_READ_ONLY);
    OK(mote_fs_seek(&f, 0, MOTE_FS_SEEK_SET, &pos));
    OK(mote_fs_write(&f, "+", 1, NULL)); /* append: at the end all the same */
    CHECKF(mote_fs_size(&f) == 2051 && mote_fs_tell(&f) == 2051, "append ignores the position");
    OK(mote_fs_close(&f));
}

static void test_stale_and_shared(void)
{
    fresh(64 * 1024, 1024, 4);
    mote_fs_file a, b;
    put("f", "0123456789", 10);
    OK(mote_fs_open(&fs, &a, MOTE_FS_ROOT, "f", MOTE_FS_O_READ | MOTE_FS_O_WRITE));
    OK(mote_fs_open(&fs, &b, MOTE_FS_ROOT, "f", MOTE_FS_O_READ));
    OK(mote_fs_pwrite(&a, "AB", 2, 4, NULL));
    uint8_t buf[16];
    size_t got;
    OK(mote_fs_read(&b, buf, sizeof buf, &got)); /* sees a's unsynced write */
    CHECKF(got == 10 && !memcmp(buf, "0123AB6789", 10), "shared view");
    mote_fs_stat st;
    OK(mote_fs_stat_path(&fs, MOTE_FS_ROOT, "f", &st));
    OK(mote_fs_write(&a, "xyz", 3, NULL));
    OK(mote_fs_stat_path(&fs, MOTE_FS_ROOT, "f", &st));
    CHECKF(st.size == 10, "stat: %u", st.size);
    OK(mote_fs_remove(&fs, MOTE_FS_ROOT, "f"));
    EQ(mote_fs_read(&b, buf, 1, &got), MOTE_FS_ERR_STALE);
    EQ(mote_fs_write(&a, "x", 1, NULL), MOTE_FS_ERR_STALE);
    OK(mote_fs_close(&a));
    OK(mote_fs_close(&b));
    /* a rename over an open file makes it stale too; the moved one lives on */
    put("x", "old", 3);
    put("y", "new", 3);
    OK(mote_fs_open(&fs, &a, MOTE_FS_ROOT, "x", MOTE_FS_O_READ));
    OK(mote_fs_open(&fs, &b, MOTE_FS_ROOT, "y", MOTE_FS_O_READ | MOTE_FS_O_WRITE));
    OK(mote_fs_rename(&fs, MOTE_FS_ROOT, "y", MOTE_FS_ROOT, "x"));
    EQ(mote_fs_read(&a, buf, 1, &got), MOTE_FS_ERR_STALE);
    OK(mote_fs_write(&b, "!", 1, NULL));
    OK(mote_fs_close(&b));
    OK(mote_fs_close(&a));
    expect("x", "!ew", 3);
    CHECKF(dev.nor.violations == 0, "double programs");
}

static void test_quota(void)
{
    fresh(64 * 1024, 1024, 4);
    OK(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "app"));
    put("app/pre", "12345", 5);
    mote_fs_quota q = {.max_blocks = 3, .max_objects = 3};
    OK(mote_fs_usage(&fs, MOTE_FS_ROOT, "app", &q.used_blocks, &q.used_objects));
    CHECKF(q.used_blocks == 1 && q.used_objects == 1, "usage %u/%u", q.used_blocks, q.used_objects);
    mote_fs_set_quota(&fs, &q);
    mote_fs_file f;
    OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "app/big", MOTE_FS_O_WRITE | MOTE_FS_O_CREATE));
    static uint8_t data[4096];
    size_t done;
    OK(mote_fs_write(&f, data, 2000, &done));
    EQ(mote_fs_write(&f, data, 1000, &done), MOTE_FS_ERR_QUOTA);
    CHECKF(done == 0 && q.used_blocks == 3, "refused whole: %zu written, %u used", done,
           q.used_blocks);
    OK(mote_fs_write(&f, data, 48, &done)); /* up to the block's end still fits */
    OK(mote_fs_close(&f));
    OK(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "app/d"));
    EQ(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "app/e"), MOTE_FS_ERR_QUOTA);
    OK(mote_fs_remove(&fs, MOTE_FS_ROOT, "app/big"));
    CHECKF(q.used_blocks == 1 && q.used_objects == 2, "after remove %u/%u", q.used_blocks,
           q.used_objects);
    mote_fs_set_quota(&fs, NULL);
    uint32_t b, o;
    OK(mote_fs_usage(&fs, MOTE_FS_ROOT, "app", &b, &o));
    CHECKF(b == q.used_blocks && o == q.used_objects, "usage agrees with the quota");
}

static void test_full(void)
{
    fresh(32 * 1024, 1024, 4);
    mote_fs_info info;
    OK(mote_fs_info_get(&fs, &info));
    uint32_t free0 = info.blocks_free;
    static uint8_t data[1024];
    rng_bytes(data, sizeof data);
    mote_fs_file f;
    OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "fill", MOTE_FS_O_WRITE | MOTE_FS_O_CREATE));
    uint32_t written = 0;
    size_t done;
    mote_fs_status st;
    while ((st = mote_fs_write(&f, data, 1000, &done)) == MOTE_FS_OK)
        written += 1000;
    written += (uint32_t)done;
    EQ(st, MOTE_FS_ERR_NO_SPACE);
    OK(mote_fs_close(&f));
    CHECKF(written >= (free0 - 1) * 1024, "filled %u bytes of %u free blocks", written, free0);
    /* full, yet files can still be removed and made */
    put("small", "s", 1);
    OK(mote_fs_remove(&fs, MOTE_FS_ROOT, "fill"));
    OK(mote_fs_info_get(&fs, &info));
    CHECKF(info.blocks_free == free0, "all space back: %u of %u", info.blocks_free, free0);
    CHECKF(dev.nor.violations == 0, "double programs");
}

static void test_many_files(void)
{
    /* small blocks: the catalog spans several, then fills */
    fresh(32 * 1024, 512, 4);
    char name[48];
    int made = 0;
    mote_fs_status st = MOTE_FS_OK;
    for (; made < 2000 && st == MOTE_FS_OK; made++) {
        snprintf(name, sizeof name, "file-with-a-longish-name-%04d", made);
        mote_fs_file f;
        st = mote_fs_open(&fs, &f, MOTE_FS_ROOT, name, MOTE_FS_O_WRITE | MOTE_FS_O_CREATE);
        if (st == MOTE_FS_OK)
            OK(mote_fs_close(&f));
    }
    made--;
    EQ(st, MOTE_FS_ERR_NO_SPACE);
    mote_fs_info info;
    OK(mote_fs_info_get(&fs, &info));
    printf("  %d empty files fill a 32 KiB flash of 512-byte blocks (catalog %u blocks, %u "
           "bytes)\n",
           made, info.catalog_blocks, info.catalog_bytes);
    CHECKF(info.catalog_blocks > 1 && made > 60 && info.objects == (uint32_t)made + 1,
           "catalog %u blocks, %d files", info.catalog_blocks, made);
    OK(mote_fs_unmount(&fs));
    OK(mote_fs_mount(&fs, &cfg));
    for (int i = 0; i < made; i += 7) {
        snprintf(name, sizeof name, "file-with-a-longish-name-%04d", i);
        OK(mote_fs_remove(&fs, MOTE_FS_ROOT, name));
    }
    put("after", "ok", 2);
    expect("after", "ok", 2);
}

static void test_sizes(void)
{
    printf("  RAM: struct mote_fs %zu bytes, an open file %zu bytes, work RAM for 256 blocks "
           "%zu bytes (default cache)\n",
           sizeof(mote_fs), sizeof(mote_fs_file), mote_fs_ram_needed(256, 0));
    CHECKF(sizeof(mote_fs_file) <= 160, "an open file costs %zu bytes", sizeof(mote_fs_file));
}

int main(void)
{
    rng_seed_from_env(2018);
    test_mount_errors();
    test_read_only();
    test_names();
    test_seek_truncate();
    test_stale_and_shared();
    test_quota();
    test_full();
    test_many_files();
    test_sizes();
    fsnor_free(&dev);
    return check_summary("fs api");
}
