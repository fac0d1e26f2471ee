/*
 * sender.h -- the host end of the chunk protocol (mote/ota_proto.h):
 * stop-and-wait with per-frame retries, resume after NAKs, and reconnect
 * plus resume when the link stalls or drops.
 */
#ifndef MOTE_OTA_SENDER_H
#define MOTE_OTA_SENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "link.h"

typedef struct send_opts {
    uint32_t chunk;     /* largest DATA payload to send */
    int timeout_ms;     /* wait for each reply */
    int end_timeout_ms; /* wait for the verdict after END */
    int retries;        /* tries per frame before reconnecting */
    int reconnects;     /* reconnect-and-resume rounds before giving up */
    bool quiet;         /* no progress line */
    const char *app;    /* the app the bundle is for (START frame), or NULL */
} send_opts;

/* Sends the bundle; prints the device's verdict.  Returns 0 if the device
 * installed it, 1 if it refused or the link gave up, 2 if the link could
 * not be opened. */
int send_bundle(ota_link *l, const uint8_t *bundle, size_t len, const send_opts *o);

/* Writes to out the frames a transfer of the bundle sends when nothing
 * goes wrong -- START, DATA of o->chunk bytes each, END -- for a device
 * that reads them from a file or a store-and-forward link instead of
 * answering.  Returns 0, or 1 if writing failed. */
int write_frames(FILE *out, const uint8_t *bundle, size_t len, const send_opts *o);

#endif
