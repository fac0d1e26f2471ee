/*
 * ota_base.h -- status codes and version numbers shared by every part of
 * the mote OTA library (device side) and the mote-ota host tool.
 *
 * The library is portable C11: no malloc, no stdio, no globals.  Every
 * buffer it uses is either inside a struct the caller owns or on the stack
 * (the deepest path, mote_ota_boot verifying a slot, needs about 2 KiB on a
 * Cortex-M3).
 */
#ifndef MOTE_OTA_BASE_H
#define MOTE_OTA_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every fallible function returns one of these.  The values travel over the
 * wire in RESULT frames, so existing numbers never change. */
typedef enum mote_ota_status {
    MOTE_OTA_OK = 0,
    MOTE_OTA_ERR_ARG = 1,          /* a bad argument or configuration */
    MOTE_OTA_ERR_FLASH = 2,        /* a flash read, erase or program failed */
    MOTE_OTA_ERR_MAGIC = 3,        /* not an MCUboot-format bundle */
    MOTE_OTA_ERR_FORMAT = 4,       /* malformed header or TLV area */
    MOTE_OTA_ERR_TOO_BIG = 5,      /* the bundle does not fit the slot */
    MOTE_OTA_ERR_TRUNCATED = 6,    /* the bundle ended early */
    MOTE_OTA_ERR_HASH = 7,         /* SHA-256 TLV missing or not matching */
    MOTE_OTA_ERR_KEY = 8,          /* signed by a key other than the built-in one */
    MOTE_OTA_ERR_SIGNATURE = 9,    /* Ed25519 signature missing or invalid */
    MOTE_OTA_ERR_DOWNGRADE = 10,   /* older than the installed version */
    MOTE_OTA_ERR_VALIDATE = 11,    /* the firmware's validate callback refused it */
    MOTE_OTA_ERR_STATE = 12,       /* not allowed now (e.g. a trial is unconfirmed) */
    MOTE_OTA_ERR_NO_IMAGE = 13,    /* no slot holds a verified image */
    MOTE_OTA_ERR_PROTOCOL = 14,    /* a frame that makes no sense here */
    MOTE_OTA_ERR_UNSUPPORTED = 15, /* an MCUboot feature mote does not implement */
    MOTE_OTA_ERR_ROLLBACK = 16     /* security counter below the device's */
} mote_ota_status;

/* A one-line English description of a status ("bad signature", ...). */
const char *mote_ota_status_str(mote_ota_status s);

/* MCUboot's image version: major.minor.revision+build. */
typedef struct mote_ota_version {
    uint8_t major;
    uint8_t minor;
    uint16_t revision;
    uint32_t build;
} mote_ota_version;

/* <0, 0, >0 as a is older than, equal to or newer than b.  All four fields
 * take part, build last, as MCUboot does when it compares build numbers. */
int mote_ota_version_cmp(const mote_ota_version *a, const mote_ota_version *b);

/* Little-endian field access, used by the format and protocol code. */
static inline uint16_t mote_ota_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t mote_ota_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline void mote_ota_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void mote_ota_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* CRC-32 (IEEE 802.3, reflected, as zlib computes it).  Start with crc = 0
 * and feed the running value back in to checksum data in pieces. */
uint32_t mote_ota_crc32(uint32_t crc, const void *data, size_t len);

#ifdef __cplusplus
}
#endif
#endif
