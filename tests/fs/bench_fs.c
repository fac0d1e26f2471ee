/*
 * The file system's costs on a bench of file operations: for each, the
 * bytes the app wrote, the bytes programmed into flash, the erases, and
 * their ratios (write amplification), on the geometry of the MPS2 boards
 * and the host board (1 MiB, 4 KiB sectors, 4-byte program unit).  Every
 * file is read back and compared, so a wrong result fails (ctest fs.bench);
 * the table is docs/fs.md's.
 */
#include <stdlib.h>
#include <string.h>

#include "fsnor.h"
#include "testutil.h"

static fsnor dev;
static mote_fs fs;
static uint8_t ram[FSNOR_RAM];
static mote_fs_config cfg;
static uint8_t data[65536];

#define OK(expr)                                                                           \
    do {                                                                                   \
        mote_fs_status s_ = (expr);                                                        \
        if (s_ != MOTE_FS_OK) {                                                            \
            CHECKF(0, "%s: %s (%s)", #expr, mote_fs_status_name(s_), mote_fs_detail(&fs)); \
            return 0;                                                                      \
        }                                                                                  \
    } while (0)

static void fresh(void)
{
    fsnor_free(&dev);
    fsnor_init(&dev, 1024 * 1024, 4096, 4);
    cfg = (mote_fs_config){.flash = &dev.flash, .ram = ram, .ram_size = sizeof ram};
    mote_fs_format(&fs, &cfg, NULL);
    mote_fs_mount(&fs, &cfg);
}

/* The file equals data[0..len) (each scenario writes data's bytes in order). */
static void verify(const char *path, const uint8_t *want, uint32_t len)
{
    mote_fs_file f;
    static uint8_t buf[300000];
    size_t got = 0;
    CHECKF(mote_fs_open(&fs, &f, MOTE_FS_ROOT, path, MOTE_FS_O_READ) == MOTE_FS_OK, "open %s",
           path);
    mote_fs_read(&f, buf, sizeof buf, &got);
    mote_fs_close(&f);
    CHECKF(got == len && !memcmp(buf, want, len), "%s: %zu bytes read back, %u expected", path, got,
           len);
}

static uint64_t logger(uint32_t lines, uint32_t sync_every, bool reopen)
{
    static uint8_t all[200000];
    uint64_t app = 0;
    mote_fs_file f;
    if (!reopen)
        OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "log.csv",
                        MOTE_FS_O_WRITE | MOTE_FS_O_CREATE | MOTE_FS_O_APPEND));
    for (uint32_t i = 0; i < lines; i++) {
        char line[64];
        int n = snprintf(line, sizeof line, "%u,%u,reading,%u.%02u,door closed\n", i, i * 250,
                         20 + i % 7, i % 100);
        if (reopen)
            OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "log.csv",
                            MOTE_FS_O_WRITE | MOTE_FS_O_CREATE | MOTE_FS_O_APPEND));
        OK(mote_fs_write(&f, line, (size_t)n, NULL));
        memcpy(all + app, line, (size_t)n);
        app += (uint64_t)n;
        if (reopen)
            OK(mote_fs_close(&f));
        else if ((i + 1) % sync_every == 0)
            OK(mote_fs_sync(&f));
    }
    if (!reopen)
        OK(mote_fs_close(&f));
    verify("log.csv", all, (uint32_t)app);
    return app;
}

static uint64_t log_sync_each(void)
{
    return logger(2000, 1, false);
}
static uint64_t log_sync_32(void)
{
    return logger(2000, 32, false);
}
static uint64_t log_reopen(void)
{
    return logger(500, 1, true);
}

static uint64_t bulk(void)
{
    mote_fs_file f;
    OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "big.bin", MOTE_FS_O_WRITE | MOTE_FS_O_CREATE));
    static uint8_t all[262144];
    for (uint32_t i = 0; i < sizeof all; i += 4096) {
        memcpy(all + i, data + (i % 32768), 4096);
        OK(mote_fs_write(&f, all + i, 4096, NULL));
    }
    OK(mote_fs_close(&f));
    verify("big.bin", all, sizeof all);
    return sizeof all;
}

static uint64_t config_rewrite(void)
{
    mote_fs_file f;
    for (uint32_t i = 0; i < 500; i++) {
        OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "config.ini",
                        MOTE_FS_O_WRITE | MOTE_FS_O_CREATE | MOTE_FS_O_TRUNC));
        OK(mote_fs_write(&f, data + i, 300, NULL));
        OK(mote_fs_close(&f));
    }
    verify("config.ini", data + 499, 300);
    return 500 * 300;
}

static uint64_t random_overwrite(void)
{
    static uint8_t image[16384];
    mote_fs_file f;
    memcpy(image, data, sizeof image);
    OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "table.bin",
                    MOTE_FS_O_READ | MOTE_FS_O_WRITE | MOTE_FS_O_CREATE));
    OK(mote_fs_write(&f, image, sizeof image, NULL));
    OK(mote_fs_sync(&f));
    for (uint32_t i = 0; i < 2000; i++) {
        uint32_t at = rng_below(sizeof image - 16);
        rng_bytes(image + at, 16);
        OK(mote_fs_pwrite(&f, image + at, 16, at, NULL));
        OK(mote_fs_sync(&f));
    }
    OK(mote_fs_close(&f));
    verify("table.bin", image, sizeof image);
    return 2000 * 16;
}

static uint64_t small_files(void)
{
    char name[32];
    for (uint32_t i = 0; i < 100; i++) {
        mote_fs_file f;
        snprintf(name, sizeof name, "msg-%03u.txt", i);
        OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, name, MOTE_FS_O_WRITE | MOTE_FS_O_CREATE));
        OK(mote_fs_write(&f, data + i, 100, NULL));
        OK(mote_fs_close(&f));
    }
    verify("msg-050.txt", data + 50, 100);
    return 100 * 100;
}

int main(void)
{
    rng_seed_from_env(77);
    rng_bytes(data, sizeof data);
    static const struct {
        const char *name;
        uint64_t (*run)(void);
    } bench[] = {
        {"log, 48-byte lines, sync each", log_sync_each},
        {"log, sync every 32 lines", log_sync_32},
        {"log, open/append/close per line", log_reopen},
        {"bulk 256 KiB, 4 KiB writes", bulk},
        {"config 300 B rewritten (TRUNC)", config_rewrite},
        {"16-byte pwrite + sync, 16 KiB file", random_overwrite},
        {"100 files of 100 bytes", small_files},
    };
    printf("fs bench: 1 MiB flash, 4 KiB sectors and blocks, 4-byte program unit\n");
    printf("%-36s %10s %11s %7s %7s %8s %8s\n", "operation", "app bytes", "programmed", "ratio",
           "erases", "erase/KiB", "commits");
    for (size_t i = 0; i < sizeof bench / sizeof bench[0]; i++) {
        fresh();
        uint64_t app = bench[i].run();
        double ratio = app ? (double)fs.programmed / (double)app : 0;
        double per_kib = app ? (double)fs.erases * 1024 / (double)app : 0;
        printf("%-36s %10llu %11llu %7.2f %7u %8.2f %8u\n", bench[i].name, (unsigned long long)app,
               (unsigned long long)fs.programmed, ratio, fs.erases, per_kib, fs.commits);
        CHECKF(dev.nor.violations == 0, "%s: double programs", bench[i].name);
    }
    fsnor_free(&dev);
    return check_state.failed ? 1 : 0;
}
