/*
 * Corrupt images.  A file system with a few dozen files and directories
 * (catalog over several blocks) is damaged in thousands of ways -- bits
 * flipped in superblocks and catalog blocks, record fields set to edge
 * values (0, 1, the block count, 0xFFFF, huge lengths), blocks erased,
 * data scribbled over -- often with every checksum then recomputed, so that
 * the damage gets past the CRCs to the structure checks behind them.  Each
 * damaged image is mounted; if that works, every file is read, files are
 * made, written, renamed and removed, and it is mounted again.  Nothing
 * may crash, hang or read outside the flash (ASan runs it too); every
 * failure must be one of the file system's statuses.  The outcomes are
 * counted and printed.
 *
 *   test_fs_corrupt [rounds]      (default 3000)
 */
#include <stdlib.h>
#include <string.h>

#include "fs_internal.h"
#include "fsnor.h"
#include "model.h"
#include "testutil.h"

static uint8_t ram[FSNOR_RAM];
static fsnor dev;
static mote_fs fs;
static mote_fs_config cfg;
static uint8_t *good;
static uint32_t size;
static uint32_t block_size, ws, header, volume;

/* ---- rebuilding checksums, from the format in docs/fs.md ------------------------------ */

static uint32_t align(uint32_t v)
{
    return (v + ws - 1) & ~(ws - 1);
}

static void reseal_block(uint8_t *img, uint32_t b)
{
    uint8_t *blk = img + (size_t)b * block_size;
    uint32_t magic = fs_get32(blk);
    if (magic != FS_MAGIC_SUPER && magic != FS_MAGIC_PART)
        return;
    fs_put32(blk + H_CRC, fs_crc(0, blk, H_CRC));
    uint8_t seed_in[8];
    fs_put32(seed_in, fs_get32(blk + H_REV));
    fs_put32(seed_in + 4, magic == FS_MAGIC_SUPER ? FS_SUPER_PART : blk[H_PART]);
    uint32_t crc = fs_crc(fs_get32(blk + H_VOLUME), seed_in, 8);
    uint32_t pos = header, start = pos;
    while (pos + REC_HEAD <= block_size) {
        uint8_t t = blk[pos];
        uint32_t len = fs_get16(blk + pos + 1);
        if (t == T_ERASED || len > block_size - pos - REC_HEAD)
            return;
        if (t == T_END) {
            if (len != END_LEN)
                return;
            crc = fs_crc(crc, blk + start, pos + REC_HEAD - start);
            fs_put32(blk + pos + REC_HEAD, crc);
            pos = align(pos + REC_HEAD + END_LEN);
            start = pos;
            continue;
        }
        pos += REC_HEAD + len;
    }
}

static void reseal(uint8_t *img)
{
    for (uint32_t b = 0; b < size / block_size; b++)
        reseal_block(img, b);
}

/* A random record of a log block: its offset, or 0. */
static uint32_t pick_record(const uint8_t *blk)
{
    uint32_t offs[256], n = 0, pos = header;
    while (pos + REC_HEAD <= block_size && n < 256) {
        uint8_t t = blk[pos];
        uint32_t len = fs_get16(blk + pos + 1);
        if (t == T_ERASED || len > block_size - pos - REC_HEAD)
            break;
        if (t != T_END)
            offs[n++] = pos;
        pos = t == T_END ? align(pos + REC_HEAD + len) : pos + REC_HEAD + len;
    }
    return n ? offs[rng_below(n)] : 0;
}

static uint32_t edge_value(void)
{
    uint32_t count = size / block_size;
    static const uint32_t fixed[] = {0,          1,           2,           3,          0x7F,
                                     0x80,       0xFF,        0x100,       0xFFFF,     0x10000,
                                     0x7FFFFFFF, 0x80000000u, 0xFFFFFFFEu, 0xFFFFFFFFu};
    switch (rng_below(4)) {
    case 0: return count - rng_below(3);
    case 1: return count + rng_below(3);
    case 2: return (uint32_t)rng_next();
    default: return fixed[rng_below(sizeof fixed / sizeof fixed[0])];
    }
}

/* Blocks that hold logs: the superblocks and the catalog parts. */
static uint32_t log_block(const uint8_t *img)
{
    uint32_t cands[64], n = 0;
    for (uint32_t b = 0; b < size / block_size && n < 64; b++) {
        uint32_t magic = fs_get32(img + (size_t)b * block_size);
        if (magic == FS_MAGIC_SUPER || magic == FS_MAGIC_PART)
            cands[n++] = b;
    }
    return n ? cands[rng_below(n)] : 0;
}

typedef enum {
    M_BITS,
    M_BITS_RESEAL,
    M_FIELD,
    M_LEN,
    M_ERASE_BLOCK,
    M_DATA,
    M_HEADER,
    M_KINDS
} mutation;
static const char *const kind_names[] = {"bit flips",      "bit flips + CRCs", "record fields",
                                         "record lengths", "erased blocks",    "data scribbles",
                                         "header fields"};

static void mutate(uint8_t *img, mutation m)
{
    uint32_t b = log_block(img);
    uint8_t *blk = img + (size_t)b * block_size;
    switch (m) {
    case M_BITS:
    case M_BITS_RESEAL:
        for (uint32_t i = 0, n = 1 + rng_below(4); i < n; i++)
            blk[rng_below(block_size)] ^= (uint8_t)(1u << rng_below(8));
        if (m == M_BITS_RESEAL)
            reseal(img);
        break;
    case M_FIELD: {
        uint32_t r = pick_record(blk);
        uint32_t len = r ? fs_get16(blk + r + 1) : 0;
        if (len == 0)
            break;
        uint32_t at = r + REC_HEAD + rng_below(len);
        uint32_t v = edge_value();
        uint32_t w = rng_below(3); /* 1, 2 or 4 bytes */
        for (uint32_t i = 0; i < (1u << w) && at + i < block_size; i++)
            blk[at + i] = (uint8_t)(v >> (8 * i));
        reseal(img);
        break;
    }
    case M_LEN: {
        uint32_t r = pick_record(blk);
        if (r == 0)
            break;
        fs_put16(blk + r + 1, edge_value());
        if (rng_below(2))
            blk[r] = (uint8_t)rng_below(9);
        reseal(img);
        break;
    }
    case M_ERASE_BLOCK: memset(blk, 0xFF, block_size); break;
    case M_DATA: {
        uint32_t d = rng_below(size / block_size);
        for (uint32_t i = 0; i < 64; i++)
            img[(size_t)d * block_size + rng_below(block_size)] = (uint8_t)rng_next();
        break;
    }
    case M_HEADER: {
        uint32_t at = rng_below(FS_HEADER_BYTES - 4);
        fs_put32(blk + at, edge_value());
        reseal(img);
        break;
    }
    default: break;
    }
}

/* ---- the image, and using a damaged one ---------------------------------------------------- */

static void build_image(void)
{
    fsnor_init(&dev, 32 * 1024, 512, 4);
    size = dev.flash.size;
    cfg = (mote_fs_config){.flash = &dev.flash, .ram = ram, .ram_size = sizeof ram};
    CHECKF(mote_fs_format(&fs, &cfg, &(mote_fs_format_options){.volume_id = 0x5eed}) == MOTE_FS_OK,
           "format");
    CHECKF(mote_fs_mount(&fs, &cfg) == MOTE_FS_OK, "mount");
    uint8_t data[3000];
    rng_bytes(data, sizeof data);
    char path[64];
    for (int i = 0; i < 30; i++) {
        if (i % 6 == 0) {
            snprintf(path, sizeof path, "dir%d", i / 6);
            mote_fs_mkdir(&fs, MOTE_FS_ROOT, path);
        }
        snprintf(path, sizeof path, "dir%d/file-%d", i / 6, i);
        mote_fs_file f;
        if (mote_fs_open(&fs, &f, MOTE_FS_ROOT, path, MOTE_FS_O_WRITE | MOTE_FS_O_CREATE) ==
            MOTE_FS_OK) {
            mote_fs_write(&f, data, (size_t)(i * 97) % 2000 + 1, NULL);
            mote_fs_close(&f);
        }
        if (i % 5 == 4) {
            snprintf(path, sizeof path, "dir%d/file-%d", i / 6, i - 1);
            mote_fs_rename(&fs, MOTE_FS_ROOT, path, MOTE_FS_ROOT, "renamed");
        }
    }
    mote_fs_info info;
    mote_fs_info_get(&fs, &info);
    printf("  the image: %u objects, catalog %u blocks of %u\n", info.objects, info.catalog_blocks,
           fs.block_size);
    block_size = fs.block_size;
    ws = fs.write_size;
    header = fs.header_size;
    volume = fs.volume_id;
    mote_fs_unmount(&fs);
    good = malloc(size);
    memcpy(good, dev.nor.mem, size);
}

static bool known(mote_fs_status st)
{
    return st >= MOTE_FS_OK && st <= MOTE_FS_ERR_INVALID;
}

/* Uses a mounted damaged image every way; false if a status is unknown. */
static bool exercise(void)
{
    model m;
    mote_fs_status st = m_from_fs(&m, &fs);
    bool fine = known(st);
    m_free(&m);
    static uint8_t data[2500];
    mote_fs_file f;
    st = mote_fs_open(&fs, &f, MOTE_FS_ROOT, "dir1/new", MOTE_FS_O_WRITE | MOTE_FS_O_CREATE);
    fine &= known(st);
    if (st == MOTE_FS_OK) {
        fine &= known(mote_fs_write(&f, data, sizeof data, NULL));
        fine &= known(mote_fs_pwrite(&f, data, 10, 5, NULL));
        fine &= known(mote_fs_close(&f));
    }
    st = mote_fs_open(&fs, &f, MOTE_FS_ROOT, "renamed", MOTE_FS_O_READ | MOTE_FS_O_WRITE);
    fine &= known(st);
    if (st == MOTE_FS_OK) {
        fine &= known(mote_fs_pwrite(&f, data, 700, 100, NULL));
        fine &= known(mote_fs_truncate(&f, 33));
        fine &= known(mote_fs_close(&f));
    }
    fine &= known(mote_fs_rename(&fs, MOTE_FS_ROOT, "dir2", MOTE_FS_ROOT, "dir1/moved"));
    fine &= known(mote_fs_remove(&fs, MOTE_FS_ROOT, "dir0/file-0"));
    fine &= known(mote_fs_mkdir(&fs, MOTE_FS_ROOT, "dir3/sub"));
    uint32_t blocks, objects;
    fine &= known(mote_fs_usage(&fs, MOTE_FS_ROOT, "", &blocks, &objects));
    mote_fs_info info;
    fine &= known(mote_fs_info_get(&fs, &info));
    fine &= known(mote_fs_unmount(&fs));
    st = mote_fs_mount(&fs, &cfg);
    fine &= known(st);
    if (st == MOTE_FS_OK) {
        fine &= known(m_from_fs(&m, &fs));
        m_free(&m);
    }
    return fine;
}

int main(int argc, char **argv)
{
    unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 3000;
    rng_seed_from_env(404);
    printf("fs corrupt images\n");
    build_image();
    unsigned mounted[M_KINDS] = {0}, refused[M_KINDS] = {0}, tried[M_KINDS] = {0};
    unsigned statuses[MOTE_FS_ERR_INVALID + 1] = {0};
    for (unsigned r = 0; r < rounds; r++) {
        mutation m = (mutation)(r % M_KINDS);
        memcpy(dev.nor.mem, good, size);
        memset(dev.nor.written, 0, size);
        mutate(dev.nor.mem, m);
        if (rng_below(3) == 0)
            mutate(dev.nor.mem, (mutation)rng_below(M_KINDS));
        tried[m]++;
        mote_fs_status st = mote_fs_mount(&fs, &cfg);
        CHECKF(known(st), "round %u: mount returned %d", r, (int)st);
        if (known(st))
            statuses[st]++;
        if (st != MOTE_FS_OK) {
            refused[m]++;
            CHECKF(st == MOTE_FS_ERR_CORRUPT || st == MOTE_FS_ERR_NOT_FORMATTED ||
                       st == MOTE_FS_ERR_GEOMETRY || st == MOTE_FS_ERR_NO_MEMORY,
                   "round %u (%s): mount: %s", r, kind_names[m], mote_fs_status_name(st));
            CHECKF(mote_fs_detail(&fs)[0] != '\0', "round %u: a refusal without a reason", r);
            continue;
        }
        mounted[m]++;
        CHECKF(exercise(), "round %u (%s): an unknown status", r, kind_names[m]);
    }
    for (int m = 0; m < M_KINDS; m++)
        printf("  %-18s %5u images: %5u mounted and used, %5u refused\n", kind_names[m], tried[m],
               mounted[m], refused[m]);
    printf("  refusals: corrupt %u, not formatted %u, incompatible %u, RAM %u\n",
           statuses[MOTE_FS_ERR_CORRUPT], statuses[MOTE_FS_ERR_NOT_FORMATTED],
           statuses[MOTE_FS_ERR_GEOMETRY], statuses[MOTE_FS_ERR_NO_MEMORY]);
    free(good);
    fsnor_free(&dev);
    printf("%s\n", check_state.failed ? "FAILED" : "fs corrupt: no crash, every refusal explained");
    return check_state.failed ? 1 : 0;
}
