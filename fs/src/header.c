/*
 * header.c -- the 32-byte header at the start of superblocks and catalog
 * parts (docs/fs.md, "Block headers").
 */
#include <string.h>

#include "fs_internal.h"

void fs_header_encode(const fs_header *h, uint8_t out[FS_HEADER_BYTES])
{
    memset(out, 0, FS_HEADER_BYTES);
    fs_put32(out + H_MAGIC, h->magic);
    fs_put16(out + H_VERSION, FS_VERSION);
    fs_put16(out + H_SIZE, FS_HEADER_BYTES);
    fs_put32(out + H_REV, h->rev);
    fs_put32(out + H_BLOCK_SIZE, h->block_size);
    fs_put32(out + H_BLOCK_COUNT, h->block_count);
    fs_put16(out + H_WRITE_SIZE, h->write_size);
    out[H_PART] = (uint8_t)h->part;
    out[H_PARTS] = (uint8_t)h->parts;
    fs_put32(out + H_VOLUME, h->volume);
    fs_put32(out + H_CRC, fs_crc(0, out, H_CRC));
}

bool fs_header_decode(const uint8_t in[FS_HEADER_BYTES], uint32_t magic, fs_header *h)
{
    if (fs_get32(in + H_MAGIC) != magic)
        return false;
    h->crc = fs_get32(in + H_CRC);
    if (h->crc != fs_crc(0, in, H_CRC))
        return false;
    h->magic = magic;
    h->rev = fs_get32(in + H_REV);
    h->block_size = fs_get32(in + H_BLOCK_SIZE);
    h->block_count = fs_get32(in + H_BLOCK_COUNT);
    h->write_size = fs_get16(in + H_WRITE_SIZE);
    h->part = in[H_PART];
    h->parts = in[H_PARTS];
    h->volume = fs_get32(in + H_VOLUME);
    h->version = fs_get16(in + H_VERSION) | (uint32_t)fs_get16(in + H_SIZE) << 16;
    return true;
}
