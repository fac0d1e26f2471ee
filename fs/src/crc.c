/*
 * crc.c -- CRC-32 (the IEEE polynomial, reflected, as zlib's crc32()), a
 * nibble at a time: a 64-byte table in flash instead of 1 KiB.  Like
 * zlib's, fs_crc(fs_crc(0, a), b) is the CRC of a followed by b, which is
 * how commits chain.
 */
#include "fs_internal.h"

static const uint32_t nibble[16] = {
    0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu, 0x76dc4190u, 0x6b6b51f4u,
    0x4db26158u, 0x5005713cu, 0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu,
    0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu,
};

uint32_t fs_crc(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = data;
    crc = ~crc;
    while (len--) {
        crc ^= *p++;
        crc = (crc >> 4) ^ nibble[crc & 15];
        crc = (crc >> 4) ^ nibble[crc & 15];
    }
    return ~crc;
}

uint32_t fs_seed(const mote_fs *fs, uint32_t rev, uint32_t part)
{
    uint8_t b[8];
    fs_put32(b, rev);
    fs_put32(b + 4, part);
    return fs_crc(fs->volume_id, b, sizeof b);
}
