/*
 * simdev.h -- a simulated device for the OTA tests: a NOR simulator laid
 * out as [slot A][slot B][state 0][state 1], the slot manager, and the
 * receiver driven in-process by a tiny protocol host that can damage,
 * drop and repeat frames.
 */
#ifndef MOTE_OTA_SIMDEV_H
#define MOTE_OTA_SIMDEV_H

#include "mote/ota.h"
#include "norsim.h"

typedef struct simdev {
    norsim nor;
    mote_ota_layout layout;
    mote_ota_slots slots;
    mote_ota_boot_info boot;
    mote_ota_status boot_status;
    const uint8_t *pk;
    mote_ota_receiver rx;
    uint8_t frame_buf[MOTE_OTA_FRAME_OVERHEAD + 512];
    uint8_t out[4096]; /* replies the device sent, not yet read */
    size_t out_len;
    int validate_calls;
    bool refuse_module; /* the validate callback says no */
} simdev;

/* Geometry: sector size, program unit, sectors per slot. */
void simdev_init(simdev *d, uint32_t sector, uint32_t prog, uint32_t slot_sectors,
                 const uint8_t pk[32]);
void simdev_free(simdev *d);
/* A reset: open the slot manager and boot.  Returns the boot status.  An
 * armed power cut stays armed (the reset itself may be cut). */
mote_ota_status simdev_boot(simdev *d);
/* Power comes back after a cut (disarming it), then simdev_boot(). */
mote_ota_status simdev_power_cycle(simdev *d);
/* Starts the receiver (after a successful boot). */
void simdev_start_receiver(simdev *d);

/* Link faults the in-process host injects, per frame, with these odds (in
 * 1/1000): damage one byte, drop the frame, send it twice. */
typedef struct link_faults {
    unsigned corrupt, drop, dup;
} link_faults;

/* Runs the whole protocol for a bundle: START, DATA chunks, END.  Returns
 * the status in the device's RESULT (or ERR_FLASH if the device stopped
 * answering, as after a power cut).  *frames counts frames sent. */
mote_ota_status simdev_send(simdev *d, const uint8_t *b, uint32_t len, uint32_t chunk,
                            const link_faults *faults, unsigned *frames);

#endif
