#include "simdev.h"

#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static int dev_send(void *user, const uint8_t *data, size_t len)
{
    simdev *d = user;
    if (d->out_len + len > sizeof d->out)
        return -1;
    memcpy(d->out + d->out_len, data, len);
    d->out_len += len;
    return 0;
}

/* Accepts anything that starts like a .wasm module unless told otherwise. */
static int dev_validate(void *user, const mote_ota_image_info *img, const char **why)
{
    simdev *d = user;
    d->validate_calls++;
    if (d->refuse_module || img->payload_size < 8 || memcmp(img->payload, "\0asm", 4) != 0) {
        *why = "module failed to load";
        return -1;
    }
    return 0;
}

void simdev_init(simdev *d, uint32_t sector, uint32_t prog, uint32_t slot_sectors,
                 const uint8_t pk[32])
{
    memset(d, 0, sizeof *d);
    uint32_t slot = sector * slot_sectors;
    norsim_init(&d->nor, 0x08000000, 2 * slot + 2 * sector, sector, prog);
    d->layout = (mote_ota_layout){
        .flash = &d->nor.flash,
        .slot_off = {0, slot},
        .slot_size = slot,
        .state_off = {2 * slot, 2 * slot + sector},
    };
    d->pk = pk;
}

void simdev_free(simdev *d)
{
    norsim_free(&d->nor);
}

mote_ota_status simdev_boot(simdev *d)
{
    d->out_len = 0;
    mote_ota_status s = mote_ota_slots_open(&d->slots, &d->layout, d->pk, NULL);
    if (s == MOTE_OTA_OK)
        s = mote_ota_boot(&d->slots, &d->boot);
    d->boot_status = s;
    return s;
}

mote_ota_status simdev_power_cycle(simdev *d)
{
    norsim_power_on(&d->nor);
    return simdev_boot(d);
}

void simdev_start_receiver(simdev *d)
{
    mote_ota_receiver_config cfg = {
        .slots = &d->slots,
        .frame_buf = d->frame_buf,
        .frame_buf_size = sizeof d->frame_buf,
        .send = dev_send,
        .validate = dev_validate,
        .user = d,
    };
    mote_ota_status s = mote_ota_receiver_init(&d->rx, &cfg);
    CHECKF(s == MOTE_OTA_OK, "receiver init: %s", mote_ota_status_str(s));
}

/* --- the in-process host --- */

typedef struct host {
    simdev *d;
    const link_faults *faults;
    uint16_t seq;
    unsigned frames;
    mote_ota_framer framer;
    uint8_t fbuf[MOTE_OTA_FRAME_OVERHEAD + 256];
} host;

static bool odds(unsigned per_mille)
{
    return per_mille && rng_below(1000) < per_mille;
}

/* Delivers one frame to the device through the faulty link. */
static void deliver(host *h, uint8_t type, uint32_t off, const uint8_t *p, uint16_t len)
{
    static uint8_t buf[MOTE_OTA_FRAME_OVERHEAD + 65536];
    mote_ota_frame f = {type, 0, ++h->seq, len, off, p};
    size_t n = mote_ota_frame_encode(buf, sizeof buf, &f);
    h->frames++;
    if (h->faults && odds(h->faults->drop))
        return;
    if (h->faults && odds(h->faults->corrupt))
        buf[rng_below((uint32_t)n)] ^= (uint8_t)(1u << rng_below(8));
    mote_ota_receiver_feed(&h->d->rx, buf, n);
    if (h->faults && odds(h->faults->dup))
        mote_ota_receiver_feed(&h->d->rx, buf, n);
    /* A frame that was cut short by damage must not swallow the next one:
     * the firmware calls idle() when the line goes quiet. */
    mote_ota_receiver_idle(&h->d->rx);
}

/* The device's replies to the last frame; returns the last one of interest. */
static bool reply(host *h, mote_ota_frame *last, uint8_t *payload_copy)
{
    bool got = false;
    for (size_t i = 0; i < h->d->out_len; i++) {
        mote_ota_frame f;
        if (mote_ota_framer_push(&h->framer, h->d->out[i], &f) == MOTE_OTA_FRAMER_FRAME) {
            *last = f;
            memcpy(payload_copy, f.payload, f.len);
            last->payload = payload_copy;
            got = true;
        }
    }
    h->d->out_len = 0;
    return got;
}

mote_ota_status simdev_send(simdev *d, const uint8_t *b, uint32_t len, uint32_t chunk,
                            const link_faults *faults, unsigned *frames)
{
    host h = {.d = d, .faults = faults};
    uint8_t start[4 + MOTE_OTA_ID_SIZE], pay[256];
    mote_ota_framer_init(&h.framer, h.fbuf, sizeof h.fbuf);
    mote_ota_put32(start, len);
    mote_ota_sha256(b, len, start + 4);
    uint32_t off = 0;
    bool started = false;
    mote_ota_status result = MOTE_OTA_ERR_FLASH;
    for (int guard = 0; guard < 100000; guard++) {
        if (!started)
            deliver(&h, MOTE_OTA_F_START, 0, start, sizeof start);
        else if (off < len)
            deliver(&h, MOTE_OTA_F_DATA, off, b + off,
                    (uint16_t)(len - off < chunk ? len - off : chunk));
        else
            deliver(&h, MOTE_OTA_F_END, len, NULL, 0);
        mote_ota_frame f;
        if (!reply(&h, &f, pay)) {
            if (d->nor.dead)
                break; /* power cut: the device is gone */
            continue;  /* lost frame or reply: resend */
        }
        if (f.type == MOTE_OTA_F_RESULT) {
            result = (mote_ota_status)f.payload[0];
            break;
        }
        if (f.type == MOTE_OTA_F_READY && f.seq == h.seq)
            started = true, off = f.offset;
        else if ((f.type == MOTE_OTA_F_ACK || f.type == MOTE_OTA_F_NAK) && started &&
                 (f.seq == h.seq || f.seq == 0))
            off = f.offset;
    }
    if (frames)
        *frames = h.frames;
    return result;
}
