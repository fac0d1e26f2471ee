/*
 * ota_proto.h -- the chunk protocol between `mote-ota send` and a device,
 * shared by both ends.  Stop-and-wait over any byte stream (UART, socket):
 *
 *   frame = 'm' 'O' | type u8 | flags u8 | seq u16 | len u16 | offset u32
 *           | payload[len] | crc32 u32
 *
 * All integers little-endian; the CRC-32 covers type..payload.  A receiver
 * hunts for the two magic bytes, so it resynchronises after noise.
 *
 *   host -> device                         device -> host
 *   START  off 0, {u32 size, id[32]    ->  READY  off = resume point,
 *          [, u8 n, app[n]]}
 *                                                 {u16 max payload, u8 version}
 *   DATA   off = position, bytes       ->  ACK    off = bytes accepted
 *                                          NAK    off = bytes accepted, {u8 why}
 *   END    off = size                  ->  RESULT {u8 status, u8 0, version[8],
 *                                                  text}
 *   ABORT                              ->  ACK    off 0
 *
 * A START whose id, size and app match the transfer in progress resumes it
 * at the READY offset; any other START begins again.  The optional app name
 * (at most MOTE_OTA_APP_NAME_MAX bytes) says which app's slots the bundle
 * is for, on a device that runs several (mote_ota_receiver_config.route);
 * without it the device's one slot pair takes it.  A RESULT may also answer
 * a DATA frame when the device rejects the bundle early (bad header,
 * downgrade, too big); it is final.
 */
#ifndef MOTE_OTA_PROTO_H
#define MOTE_OTA_PROTO_H

#include "mote/ota_base.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_OTA_MAGIC0 0x6d /* 'm' */
#define MOTE_OTA_MAGIC1 0x4f /* 'O' */
#define MOTE_OTA_FRAME_HDR 12
#define MOTE_OTA_FRAME_OVERHEAD 16 /* header + CRC */
#define MOTE_OTA_PROTO_VERSION 1
#define MOTE_OTA_ID_SIZE 32
#define MOTE_OTA_RESULT_TEXT_MAX 48
#define MOTE_OTA_APP_NAME_MAX 15

typedef enum mote_ota_frame_type {
    MOTE_OTA_F_START = 0x01,
    MOTE_OTA_F_DATA = 0x02,
    MOTE_OTA_F_END = 0x03,
    MOTE_OTA_F_ABORT = 0x04,
    MOTE_OTA_F_READY = 0x81,
    MOTE_OTA_F_ACK = 0x82,
    MOTE_OTA_F_NAK = 0x83,
    MOTE_OTA_F_RESULT = 0x84
} mote_ota_frame_type;

/* Why a NAK was sent; all are recoverable by resending from its offset. */
typedef enum mote_ota_nak_reason {
    MOTE_OTA_NAK_CRC = 1,         /* a frame arrived damaged */
    MOTE_OTA_NAK_GAP = 2,         /* data beyond the accepted offset */
    MOTE_OTA_NAK_NOT_STARTED = 3, /* DATA or END without START */
    MOTE_OTA_NAK_INCOMPLETE = 4,  /* END before all bytes arrived */
    MOTE_OTA_NAK_TOO_LONG = 5     /* frame longer than the device's buffer */
} mote_ota_nak_reason;

typedef struct mote_ota_frame {
    uint8_t type;
    uint8_t flags;
    uint16_t seq;
    uint16_t len;
    uint32_t offset;
    const uint8_t *payload;
} mote_ota_frame;

/* Writes frame f to out; returns the byte count, or 0 if cap is too small. */
size_t mote_ota_frame_encode(uint8_t *out, size_t cap, const mote_ota_frame *f);

/* Byte-at-a-time frame parser working in a caller-provided buffer that
 * holds one whole frame (so payloads up to size - 16 bytes). */
typedef struct mote_ota_framer {
    uint8_t *buf;
    uint32_t size;
    uint32_t fill;
    uint8_t state;
} mote_ota_framer;

typedef enum mote_ota_framer_event {
    MOTE_OTA_FRAMER_NONE = 0,    /* need more bytes */
    MOTE_OTA_FRAMER_FRAME = 1,   /* *out holds a good frame (payload in buf) */
    MOTE_OTA_FRAMER_BAD_CRC = 2, /* a complete frame failed its CRC; dropped */
    MOTE_OTA_FRAMER_TOO_LONG = 3 /* a header announced more than fits; dropped */
} mote_ota_framer_event;

void mote_ota_framer_init(mote_ota_framer *p, uint8_t *buf, size_t size);
/* Drops any partial frame (e.g. when the link has been idle). */
void mote_ota_framer_reset(mote_ota_framer *p);
mote_ota_framer_event mote_ota_framer_push(mote_ota_framer *p, uint8_t byte, mote_ota_frame *out);

#ifdef __cplusplus
}
#endif
#endif
