/*
 * Wear levelling, measured: half the flash holds files that never change,
 * and a small file is rewritten and a log appended to, over and over,
 * with remounts in between.  Counts the erases of every block and prints
 * min / mean / max over the blocks in the rotation (all but the two
 * superblocks, which are erased only when their log fills, and are
 * reported apart); fails when a block was never erased (static data kept
 * its block out of the rotation) or the most-erased block has more than
 * three times the mean.
 *
 *   test_fs_wear [rounds]      (default 6000)
 */
#include <stdlib.h>
#include <string.h>

#include "fsnor.h"
#include "testutil.h"

static uint8_t ram[FSNOR_RAM];

#define OK(expr)                                                                \
    do {                                                                        \
        mote_fs_status s_ = (expr);                                             \
        CHECKF(s_ == MOTE_FS_OK, "%s: %s (%s)", #expr, mote_fs_status_name(s_), \
               mote_fs_detail(&fs));                                            \
        if (s_ != MOTE_FS_OK)                                                   \
            return;                                                             \
    } while (0)

static void run(uint32_t size, uint32_t sector, uint32_t prog, unsigned rounds)
{
    fsnor dev;
    mote_fs fs;
    fsnor_init(&dev, size, sector, prog);
    mote_fs_config cfg = {.flash = &dev.flash, .ram = ram, .ram_size = sizeof ram};
    OK(mote_fs_format(&fs, &cfg, NULL));
    OK(mote_fs_mount(&fs, &cfg));
    static uint8_t data[4096];
    rng_bytes(data, sizeof data);
    /* static data: half the blocks */
    uint32_t statics = fs.block_count / 2;
    for (uint32_t i = 0; i < statics / 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "static-%u", i);
        mote_fs_file f;
        OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, name, MOTE_FS_O_WRITE | MOTE_FS_O_CREATE));
        for (int k = 0; k < 4; k++)
            OK(mote_fs_write(&f, data, fs.block_size, NULL));
        OK(mote_fs_close(&f));
    }
    memset(dev.wear, 0, dev.sectors * sizeof *dev.wear);
    uint64_t app_bytes = 0;
    uint32_t moves = 0;
    for (unsigned r = 0; r < rounds; r++) {
        mote_fs_file f;
        OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "config",
                        MOTE_FS_O_WRITE | MOTE_FS_O_CREATE | MOTE_FS_O_TRUNC));
        OK(mote_fs_write(&f, data + r % 512, 300, NULL));
        OK(mote_fs_close(&f));
        OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "log",
                        MOTE_FS_O_WRITE | MOTE_FS_O_CREATE | MOTE_FS_O_APPEND));
        OK(mote_fs_write(&f, data + r % 1024, 64, NULL));
        OK(mote_fs_close(&f));
        app_bytes += 364;
        if (mote_fs_size(&f) > 4 * fs.block_size || r % 97 == 0) {
            OK(mote_fs_open(&fs, &f, MOTE_FS_ROOT, "log", MOTE_FS_O_WRITE));
            OK(mote_fs_truncate(&f, 0));
            OK(mote_fs_close(&f));
        }
        if (r % 500 == 499) {
            moves += fs.relocations;
            OK(mote_fs_unmount(&fs));
            OK(mote_fs_mount(&fs, &cfg));
        }
    }
    moves += fs.relocations;
    uint32_t per = fs.block_size / sector, lo = UINT32_MAX, hi = 0;
    uint64_t sum = 0;
    for (uint32_t b = 2; b < fs.block_count; b++) {
        uint32_t w = dev.wear[b * per];
        lo = w < lo ? w : lo;
        hi = w > hi ? w : hi;
        sum += w;
    }
    double mean = (double)sum / (fs.block_count - 2);
    printf("  %3u blocks of %4u, half static: %u rounds (%llu app bytes), erases per block min "
           "%u mean %.1f max %u (max/mean %.2f), superblocks %u and %u; %u wear-levelling "
           "moves; double programs %u\n",
           fs.block_count, fs.block_size, rounds, (unsigned long long)app_bytes, lo, mean, hi,
           hi / mean, dev.wear[0], dev.wear[per], moves, dev.nor.violations);
    CHECKF(lo > 0, "a block was never erased");
    CHECKF(hi <= 3 * mean, "uneven wear: max %u, mean %.1f", hi, mean);
    CHECKF(dev.nor.violations == 0, "double programs");
    fsnor_free(&dev);
}

int main(int argc, char **argv)
{
    unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 6000;
    rng_seed_from_env(1907);
    printf("fs wear levelling\n");
    run(128 * 1024, 1024, 4, rounds);
    run(256 * 1024, 4096, 1, rounds);
    printf("%s\n", check_state.failed ? "FAILED" : "fs wear: every block in the rotation");
    return check_state.failed ? 1 : 0;
}
