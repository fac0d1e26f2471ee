/*
 * fs_internal.h -- what the parts of the file system share: the on-flash
 * constants (docs/fs.md, "On-flash format"), flash access, the record
 * scanner, the commit writer, the allocator and object lookup.  External
 * names start with fs_.
 */
#ifndef MOTE_FS_INTERNAL_H
#define MOTE_FS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mote/fs.h"

/* ---- on-flash constants --------------------------------------------------- */

#define FS_VERSION 1
/* A block header; its area is rounded up to the write unit */
#define FS_HEADER_BYTES 32
#define FS_MAGIC_SUPER 0x73666f6du /* "mofs" little-endian */
#define FS_MAGIC_PART 0x63666f6du  /* "mofc" */
#define FS_MIN_BLOCKS 6
#define FS_MAX_BLOCKS 0xFFFEu /* block numbers are u16; 0xFFFF is none */
#define FS_MIN_BLOCK_SIZE 512u
#define FS_MAX_BLOCK_SIZE (1u << 20)
#define FS_NONE 0xFFFFu
#define FS_NO_IDX 0xFFFFFFFFu

/* header fields */
#define H_MAGIC 0
#define H_VERSION 4
#define H_SIZE 6
#define H_REV 8
#define H_BLOCK_SIZE 12
#define H_BLOCK_COUNT 16
#define H_WRITE_SIZE 20
#define H_PART 22
#define H_PARTS 23
#define H_VOLUME 24
#define H_CRC 28

/* records: type u8, payload length u16, payload */
#define REC_HEAD 3
enum {
    T_OBJ = 0x01,     /* id u32, parent u32, type u8, name */
    T_DEL = 0x02,     /* id u32 */
    T_SIZE = 0x03,    /* id u32, size u32, flags u8, tail bytes */
    T_BLKS = 0x04,    /* id u32, first index u32, block u16 ... */
    T_FREE = 0x05,    /* block u16 ... */
    T_NEXTID = 0x06,  /* u32 */
    T_POINTER = 0x07, /* superblock only: rev u32, parts u8, block u16 ... */
    T_END = 0x7E,     /* crc u32: ends a commit */
    T_ERASED = 0xFF
};
#define OBJ_FIXED 9
#define SIZE_FIXED 9
#define BLKS_FIXED 8
#define END_LEN 4

/* T_SIZE flags */
/* The last block may hold programmed bytes past the committed data: copy it
 * before appending */
#define SZ_DIRTY 0x01

/* mote_fs_file.flags, internal bits above the MOTE_FS_O_* ones */
#define F_OPEN 0x0100
#define F_DIRTY 0x0200      /* changes not committed */
#define F_VALID 0x0400      /* size, tail and head describe the file */
#define F_STALE 0x0800      /* the file was removed */
#define F_HEAD_FRESH 0x1000 /* head_block was allocated since the last commit */
#define F_RESERVED 0x2000   /* committed with SZ_DIRTY while we hold the head */
#define F_UNIT 0x4000       /* unit[] holds the head's unit at head_prog */
/* The block holding the file's end may hold programmed bytes past it (T_SIZE's
 * SZ_DIRTY) */
#define F_SZDIRTY 0x8000
/* head_src is an uncommitted block: release it once copied (shares a bit with
 * no O_ flag) */
#define F_SRC_FRESH 0x0040

/* ---- little-endian fields --------------------------------------------------- */

static inline uint16_t fs_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}
static inline uint32_t fs_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline void fs_put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void fs_put32(uint8_t *p, uint32_t v)
{
    fs_put16(p, v);
    fs_put16(p + 2, v >> 16);
}

/* ---- crc.c -------------------------------------------------------------------- */

uint32_t fs_crc(uint32_t crc, const void *data, size_t len);

/* The CRC a log's first commit chains from: the volume, the block's
 * revision and its part number (FS_SUPER_PART for a superblock). */
#define FS_SUPER_PART 0xFFFFFFFFu
uint32_t fs_seed(const mote_fs *fs, uint32_t rev, uint32_t part);

/* ---- io.c: flash access -------------------------------------------------------- */

/* Fails with status and a detail for mote_fs_detail(). */
mote_fs_status fs_fail(mote_fs *fs, mote_fs_status st, const char *detail);

static inline uint32_t fs_block_off(const mote_fs *fs, uint32_t block)
{
    return block * fs->block_size;
}

/* Reads through the cache; offsets are region offsets.  Out of the region:
 * MOTE_FS_ERR_CORRUPT (only corrupt data asks for that). */
mote_fs_status fs_read(mote_fs *fs, uint32_t off, void *buf, uint32_t len);
/* Erases a block (all its sectors). */
mote_fs_status fs_erase(mote_fs *fs, uint32_t block);
/* Programs whole write units. */
mote_fs_status fs_program(mote_fs *fs, uint32_t off, const void *buf, uint32_t len);
/* True if [off, off+len) reads as erased. */
mote_fs_status fs_is_erased(mote_fs *fs, uint32_t off, uint32_t len, bool *erased);
/* Copies len bytes (whole units) from one place to another. */
mote_fs_status fs_copy(mote_fs *fs, uint32_t to, uint32_t from, uint32_t len);
void fs_cache_drop(mote_fs *fs);

static inline uint32_t fs_align_down(const mote_fs *fs, uint32_t v)
{
    return v & ~(fs->write_size - 1);
}
static inline uint32_t fs_align_up(const mote_fs *fs, uint32_t v)
{
    return (v + fs->write_size - 1) & ~(fs->write_size - 1);
}

/* ---- header.c: block headers ------------------------------------------------------ */

typedef struct fs_header {
    uint32_t magic, rev, block_size, block_count, write_size, volume, crc;
    uint32_t part, parts;
    uint32_t version; /* decoded: version | header size << 16 */
} fs_header;
#define FS_HEADER_VERSION (FS_VERSION | (uint32_t)FS_HEADER_BYTES << 16)

void fs_header_encode(const fs_header *h, uint8_t out[FS_HEADER_BYTES]);
/* Decodes; false if the magic is not `magic` or the checksum fails.  The
 * caller checks h->version against FS_HEADER_VERSION. */
bool fs_header_decode(const uint8_t in[FS_HEADER_BYTES], uint32_t magic, fs_header *h);

/* ---- scan.c: records in the valid commits of a log ------------------------------------ */

typedef struct fs_rec {
    uint8_t type;
    uint16_t len;
    uint32_t at;   /* region offset of the payload */
    uint8_t p[16]; /* its first min(len, 16) bytes */
} fs_rec;

typedef struct fs_scan {
    mote_fs *fs;
    uint32_t part; /* catalog part, or FS_NO_IDX for a superblock */
    uint32_t block;
    uint32_t pos, end; /* block-relative */
    mote_fs_status st;
} fs_scan;

/* Iterates the catalog's records (all parts, their valid commits). */
void fs_scan_catalog(fs_scan *s, mote_fs *fs);
/* Iterates the records of block-relative [pos, end) in one block. */
void fs_scan_range(fs_scan *s, mote_fs *fs, uint32_t block, uint32_t pos, uint32_t end);
/* Next record (END records are skipped); false at the end or on error
 * (s->st). */
bool fs_scan_next(fs_scan *s, fs_rec *r);

/* Checks the commit at pos in a block: on success *next is where the next
 * one would start and *crc its checksum.  MOTE_FS_ERR_NOT_FOUND when the
 * commit is erased, torn or fails its checksum (the end of the log). */
mote_fs_status fs_commit_check(mote_fs *fs, uint32_t block, uint32_t pos, uint32_t seed,
                               uint32_t *next, uint32_t *crc);

/* ---- emit.c: writing a commit ------------------------------------------------------------ */

typedef struct fs_emit {
    mote_fs *fs;
    bool measure;   /* only count bytes */
    uint32_t start; /* region offset of the commit */
    uint32_t size;  /* bytes emitted so far */
    uint32_t crc;
    uint32_t staged; /* bytes in fs->stage not yet programmed */
    mote_fs_status st;
} fs_emit;

void fs_emit_begin(fs_emit *e, mote_fs *fs, bool measure, uint32_t start, uint32_t seed);
void fs_emit_record(fs_emit *e, uint8_t type, uint32_t len);
void fs_emit_bytes(fs_emit *e, const void *data, uint32_t len);
void fs_emit_u8(fs_emit *e, uint32_t v);
void fs_emit_u16(fs_emit *e, uint32_t v);
void fs_emit_u32(fs_emit *e, uint32_t v);
/* Copies payload bytes from flash (names, tails during compaction). */
void fs_emit_flash(fs_emit *e, uint32_t off, uint32_t len);
/* Ends the commit (END record, padding); the total is e->size after. */
mote_fs_status fs_emit_end(fs_emit *e);
/* Bytes an END record and padding add to a commit of `size` bytes at an
 * aligned start. */
uint32_t fs_emit_total(const mote_fs *fs, uint32_t size);

/* ---- alloc.c ---------------------------------------------------------------------------- */

static inline bool fs_used(const mote_fs *fs, uint32_t b)
{
    return (fs->bitmap[b >> 3] >> (b & 7)) & 1;
}
void fs_mark(mote_fs *fs, uint32_t b, bool used);
/* Blocks the catalog keeps in reserve for compaction. */
uint32_t fs_reserve(const mote_fs *fs);
/* Takes a free block and erases it.  Data blocks leave the reserve alone. */
mote_fs_status fs_alloc(mote_fs *fs, bool for_catalog, uint16_t *block);
/* Gives a block back that no commit refers to. */
void fs_release(mote_fs *fs, uint16_t block);
/* Quota: charges (or refunds, negative) blocks and objects. */
mote_fs_status fs_charge(mote_fs *fs, mote_fs_quota *q, int32_t blocks, int32_t objects);
/* Static wear levelling: now and then moves a block of data that never
 * changes, so that its block gets erased too. */
mote_fs_status fs_wear_level(mote_fs *fs);

/* ---- commit.c: one atomic change -------------------------------------------------------- */

/* Writes the change's records (measure or real). */
typedef void (*fs_gen_fn)(fs_emit *e, void *ctx);

/* Commits the records gen writes, compacting the catalog first if they
 * do not fit; afterwards bumps fs->gen. */
mote_fs_status fs_commit(mote_fs *fs, fs_gen_fn gen, void *ctx);

/* compact.c: writes a new catalog (snapshot, then gen's commit) and
 * switches the superblock to it. */
mote_fs_status fs_compact(mote_fs *fs, fs_gen_fn gen, void *ctx, uint32_t commit_size);

/* super.c: appends a pointer to the catalog set to the superblock log. */
mote_fs_status fs_super_point(mote_fs *fs, uint32_t rev, uint32_t parts, const uint16_t *blocks);
/* Writes a superblock (header + pointer) into block sb with revision rev. */
mote_fs_status fs_super_write(mote_fs *fs, uint32_t sb, uint32_t rev, uint32_t cat_rev,
                              uint32_t parts, const uint16_t *blocks);

/* replay.c: reads the catalog set the superblock points to: validates its
 * commits, fills the bitmap, next_id, objects and the log's end. */
mote_fs_status fs_replay(mote_fs *fs);

/* ---- lookup.c: objects ------------------------------------------------------------------ */

typedef struct fs_obj {
    uint32_t id, parent;
    uint8_t type;     /* MOTE_FS_TYPE_* */
    uint32_t name_at; /* region offset of the name */
    uint32_t name_len;
    uint32_t size;
    uint8_t flags;    /* SZ_* */
    uint32_t tail_at; /* region offset of the tail bytes */
    uint32_t tail_len;
} fs_obj;

/* Latest state of id; MOTE_FS_ERR_NOT_FOUND if it does not exist. */
mote_fs_status fs_obj_get(mote_fs *fs, uint32_t id, fs_obj *o);

/* The child of dir called name[0..len). */
mote_fs_status fs_child(mote_fs *fs, uint32_t dir, const char *name, uint32_t len, fs_obj *o);

/* Walks path below dir: *o gets the last component's parent directory and
 * (*name, *len) its name.  An empty path gives dir itself and len 0. */
mote_fs_status fs_walk(mote_fs *fs, uint32_t dir, const char *path, fs_obj *parent,
                       const char **name, uint32_t *len);
/* Resolves the whole path. */
mote_fs_status fs_resolve(mote_fs *fs, uint32_t dir, const char *path, fs_obj *o);

/* Data blocks of a file of `size` bytes. */
uint32_t fs_blocks_of(const mote_fs *fs, uint32_t size);

/* Blocks of id for indexes first .. first+n-1 (FS_NONE where none). */
mote_fs_status fs_map(mote_fs *fs, uint32_t id, uint32_t first, uint32_t n, uint16_t *out);

/* Up to cap live objects with id > after (and parent dir unless dir is
 * FS_NO_IDX), in id order; *count how many. */
typedef struct fs_cand {
    uint32_t id, parent;
    uint8_t type;
    uint32_t obj_at; /* the OBJ record's payload */
    uint16_t obj_len;
} fs_cand;
mote_fs_status fs_list(mote_fs *fs, uint32_t dir, uint32_t after, fs_cand *out, uint32_t cap,
                       uint32_t *count);

/* True if name[0..len) equals the name at `at` in flash. */
mote_fs_status fs_name_eq(mote_fs *fs, uint32_t at, uint32_t alen, const char *name, uint32_t len,
                          bool *eq);

/* dir.c: checks the fs is mounted (and, for a change, writable). */
mote_fs_status fs_check_mounted(mote_fs *fs, bool change);
/* Creates an object (a commit); charges the quota. */
mote_fs_status fs_create(mote_fs *fs, uint32_t parent, const char *name, uint32_t len,
                         uint32_t type, uint32_t *id);

/* ---- files (file.c, file_io.c) -------------------------------------------------------- */

/* Commits every other open handle's changes to id (before id is read or
 * changed through another way); except may be NULL. */
mote_fs_status fs_flush_others(mote_fs *fs, uint32_t id, mote_fs_file *except);
/* After a commit that changed id by other means: other handles reload. */
void fs_invalidate(mote_fs *fs, uint32_t id, mote_fs_file *except, bool removed);
/* True if an open handle holds block b as a head or pending block. */
bool fs_block_held(const mote_fs *fs, uint32_t b);
/* Marks every block open handles hold but no commit refers to. */
void fs_mark_held(mote_fs *fs);
/* Commits f's changes: when dirty, or always with force (to record a
 * reservation).  closing: the file's end will not be written in place. */
mote_fs_status fs_file_commit(mote_fs_file *f, bool closing, bool force);
/* Drops f's uncommitted changes (after a failure): gives back its new
 * blocks and quota; the next use reloads the committed state. */
void fs_file_discard(mote_fs_file *f);
/* Emits T_FREE records for the blocks of id at indexes first..end-1. */
void fs_emit_free(fs_emit *e, uint32_t id, uint32_t first, uint32_t end);
/* Emits a T_SIZE record. */
void fs_emit_size(fs_emit *e, uint32_t id, uint32_t size, uint32_t flags, const uint8_t *tail,
                  uint32_t tail_len);
/* Loads f's committed state. */
mote_fs_status fs_file_load(mote_fs_file *f);

/* Writes a block list as T_BLKS records of consecutive indexes. */
void fs_emit_blocks(fs_emit *e, uint32_t id, uint32_t first, const uint16_t *blocks, uint32_t n);

#endif /* MOTE_FS_INTERNAL_H */
