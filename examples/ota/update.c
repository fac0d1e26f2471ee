/*
 * update.c -- the OTA receiver on the update UART.
 *
 * The UART is polled: the chunk protocol is stop-and-wait, so the host
 * sends nothing while the firmware is busy (writing flash, verifying), and
 * a byte lost anyway costs one resend.  A silence in the middle of a frame
 * means the rest was lost: the receiver drops the partial frame then, so
 * that it cannot swallow the start of the next one.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <mote/hal.h>

#include "ota_example.h"

/* The line counts as quiet after this long without a byte: far longer than
 * a byte takes (87 us at 115200 baud) or an emulated line stalls, far
 * shorter than the host's resend timeout (2 s by default). */
#define IDLE_US 100000u

/* Lets the last reply byte leave the UART's shift register (a byte at
 * 115200 baud takes 87 us) before a reset cuts it off. */
#define DRAIN_US 2000u

/* One frame: the largest chunk the host may send is sizeof - 16 bytes. */
static uint8_t frame_buf[MOTE_OTA_FRAME_OVERHEAD + 1024];
static mote_ota_receiver rx;

static int link_send(void *user, const uint8_t *data, size_t len)
{
    (void)user;
    return mote_hal_uart_write(OTA_UART, data, len) == MOTE_HAL_OK ? 0 : -1;
}

/* The verdict on one transfer, on the console; then reset into an
 * installed update, or run the current app again after a refused one. */
static void report(mote_ota_status result, const mote_ota_image_info *img)
{
    char got[OTA_VERSION_TEXT], running[OTA_VERSION_TEXT];
    ota_version_text(got, &rx.version);
    ota_version_text(running, &img->hdr.version);
    if (result == MOTE_OTA_OK) {
        printf("ota: update %s verified, validated and committed%s: resetting to %s it\n", got,
               rx.trial ? "" : " confirmed (no trial)", rx.trial ? "try" : "run");
        mote_hal_sleep_us(DRAIN_US);
        mote_hal_status st = mote_hal_reset();
        printf("ota: cannot reset (%s): reset the board to run the update\n",
               mote_hal_status_name(st));
        mote_hal_exit(1);
    }
    /* rx.why is the text the host was sent: the status itself, or more
     * detail (which versions, which check) when there is some. */
    const char *what = mote_ota_status_str(result);
    printf("ota: update refused: %s", what);
    if (rx.why[0] != '\0' && strncmp(rx.why, what, MOTE_OTA_RESULT_TEXT_MAX) != 0)
        printf(" (%s)", rx.why);
    printf("; still running %s\n", running);
    app_run(img);
}

_Noreturn void update_serve(mote_ota_slots *slots, const mote_ota_image_info *img)
{
    mote_ota_receiver_config cfg = {
        .slots = slots,
        .frame_buf = frame_buf,
        .frame_buf_size = sizeof frame_buf,
        .send = link_send,
        .validate = app_validate,
    };
    mote_hal_status hs = mote_hal_uart_open(OTA_UART, OTA_UART_BAUD);
    if (hs != MOTE_HAL_OK || mote_ota_receiver_init(&rx, &cfg) != MOTE_OTA_OK) {
        printf("ota: no update link: UART%u is %s\n", (unsigned)OTA_UART, mote_hal_status_name(hs));
        mote_hal_exit(1);
    }
    printf("ota: waiting for updates on UART%u\n", (unsigned)OTA_UART);

    uint64_t last_byte_us = mote_hal_time_us();
    bool quiet = true, announced = false;
    for (;;) {
        uint8_t bytes[64];
        size_t n;
        mote_hal_uart_read(OTA_UART, bytes, sizeof bytes, &n);
        uint64_t now = mote_hal_time_us();
        if (n > 0) {
            mote_ota_receiver_feed(&rx, bytes, n);
            last_byte_us = now;
            quiet = false;
        } else if (!quiet && now - last_byte_us >= IDLE_US) {
            mote_ota_receiver_idle(&rx);
            quiet = true;
        }

        mote_ota_status result;
        if (mote_ota_receiver_done(&rx, &result)) {
            report(result, img);
            /* A fresh receiver for the next transfer (the verdict has been
             * sent; a host that missed it gets it again by sending again). */
            mote_ota_receiver_init(&rx, &cfg);
            announced = false;
        } else if (mote_ota_receiver_progress(&rx) < MOTE_OTA_HEADER_SIZE) {
            announced = false; /* nothing yet, or another bundle started over */
        } else if (!announced) {
            char v[OTA_VERSION_TEXT];
            printf("ota: receiving update %s (%lu bytes)\n", ota_version_text(v, &rx.version),
                   (unsigned long)rx.total);
            announced = true;
        }
    }
}
