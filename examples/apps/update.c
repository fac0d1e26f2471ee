/*
 * update.c -- updating one app while the others run (example.h).
 *
 * The receiver is ota/'s, routed to the app the transfer names
 * (mote_app_ota_route) and checking that the bundle's signed manifest is
 * that app's (mote_app_ota_validate).  Here it is fed a recorded transfer:
 * the frames `mote-ota send --frames-out FILE --app logger` writes, read
 * from a file a piece at a time (through semihosting on the QEMU boards),
 * as a firmware with a radio would feed it what arrives.  Its replies go
 * nowhere: a recording does not listen.  Once the receiver has committed
 * the bundle to the app's free slot, the app is stopped and its new
 * version started on trial; the other apps never stop.  The three long
 * parts -- verifying the transfer, verifying the slot at boot, compiling
 * the new module -- are separate steps, so that on bare metal the other
 * apps run between them.
 */
#include <stdio.h>

#include <mote/hal.h>

#include "example.h"

static mote_ota_receiver rx;
static uint8_t frame_buf[MOTE_OTA_FRAME_OVERHEAD + 512];
static FILE *file;
static enum { IDLE, FEEDING, COMMITTED, BOOTING, DONE } state;
static mote_app_ota *updating;

/* Milliseconds, three decimals, since t0. */
static void took(const char *what, uint64_t t0)
{
    uint64_t us = mote_hal_time_us() - t0;
    example_say("example: %s took %llu.%03llu ms\n", what, (unsigned long long)(us / 1000u),
                (unsigned long long)(us % 1000u));
}

static int discard(void *user, const uint8_t *data, size_t len)
{
    (void)user;
    (void)data;
    (void)len;
    return 0;
}

static bool begin(void)
{
    state = DONE;
    file = fopen(EXAMPLE_UPDATE_FILE, "rb");
    if (file == NULL) {
        example_say("example: no update (%s not found)\n", EXAMPLE_UPDATE_FILE);
        return false;
    }
    mote_ota_receiver_config cfg = {
        .route = mote_app_ota_route,
        .frame_buf = frame_buf,
        .frame_buf_size = sizeof frame_buf,
        .send = discard,
        .validate = mote_app_ota_validate,
        .user = (void *)&example_table,
    };
    if (mote_ota_receiver_init(&rx, &cfg) != MOTE_OTA_OK) {
        fclose(file);
        return false;
    }
    example_say("example: receiving an update from %s\n", EXAMPLE_UPDATE_FILE);
    state = FEEDING;
    return true;
}

/* The transfer is over: note the app whose bundle was committed, or say
 * why there is none. */
static void finish(mote_ota_status result)
{
    fclose(file);
    state = DONE;
    updating = mote_app_ota_of(&example_table, &rx);
    if (!mote_ota_receiver_committed(&rx) || updating == NULL) {
        example_say("example: update refused: %s (%s)\n", mote_ota_status_str(result), rx.why);
        return;
    }
    example_say("example: update of %s committed (%s): restarting it alone\n",
                mote_ota_receiver_app(&rx), rx.why);
    state = COMMITTED;
}

/* Stops the app and boots its new slot. */
static void boot(void)
{
    uint64_t t0 = mote_hal_time_us();
    mote_ota_status st = mote_app_ota_boot(updating, true);
    took("stopping it and booting its new slot (verified again)", t0);
    state = BOOTING;
    if (st != MOTE_OTA_OK) {
        example_say("example: %s: boot failed: %s\n", mote_app_name(updating->app),
                    mote_ota_status_str(st));
        state = DONE;
    }
}

bool example_update_step(void)
{
    if (state == COMMITTED) {
        boot();
        return state == BOOTING;
    }
    if (state == BOOTING) {
        uint64_t t0 = mote_hal_time_us();
        mote_app_ota_run(updating);
        took("starting the new version (loading, compiling)", t0);
        state = DONE;
        return false;
    }
    if (state == DONE || (state == IDLE && !begin()))
        return false;
    uint8_t buf[256];
    size_t n = fread(buf, 1, sizeof buf, file);
    uint64_t t0 = mote_hal_time_us();
    if (n > 0)
        mote_ota_receiver_feed(&rx, buf, n);
    mote_ota_status result;
    if (mote_ota_receiver_done(&rx, &result)) {
        took("the last piece (verifying the bundle from flash, committing it)", t0);
        finish(result);
        return state == COMMITTED;
    }
    if (n == 0) {
        example_say("example: update file ended before the transfer did\n");
        fclose(file);
        state = DONE;
        return false;
    }
    return true;
}

void example_update_poll(void)
{
    for (uint32_t i = 0; i < APP_COUNT; i++)
        mote_app_ota_poll(&example_ota[i]);
}
