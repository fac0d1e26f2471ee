/*
 * The reference bundles of data/cases.txt on a board (a 32-bit CPU under
 * QEMU): each is read from the host through semihosting, written with
 * mote_ota_writer into the board's flash region (HAL flash, NOR semantics)
 * and checked there as a transfer and as a slot, then booted from slot A of
 * an otherwise empty device.  Each must get the verdict cases.txt gives it,
 * with its message.  The receiver's path for the same bundles runs in the
 * QEMU end-to-end test (examples/ota/e2e_test.sh).
 */
#include <stdio.h>
#include <string.h>

#include <mote/hal.h>

#include "cases.h"
#include "mote_check.h"
#include "ota_example.h"

MOTE_CHECK_DEFINE;

static uint8_t bundle[16384];
static ota_cases cases;
static mote_ota_layout layout;
static const ota_case *current; /* the case a failure is about */

/* Each failure names the bundle (check_state.context). */
static const char *current_file(void)
{
    return current ? current->file : "";
}

static size_t load(const char *file)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", OTA_DATA_DIR, file);
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(bundle, 1, sizeof bundle, f) : 0;
    if (f)
        fclose(f);
    return n;
}

static mote_ota_status write_slot(int slot, size_t len)
{
    mote_ota_writer w;
    mote_ota_writer_begin(&w, layout.flash, layout.slot_off[slot], layout.slot_size);
    mote_ota_status s = mote_ota_writer_write(&w, bundle, len);
    return s == MOTE_OTA_OK ? mote_ota_writer_finish(&w) : s;
}

/* A bundle padded for another slot size: the receiver refuses it, but in a
 * slot its trailer is not at the slot end, so there it is no trailer. */
static bool other_slot(size_t len)
{
    mote_ota_trailer_check t;
    return len != cases.slot && len >= 16 &&
           mote_ota_trailer_begin(&t, 0, (uint32_t)len, bundle + len - 16);
}

static void one(const ota_case *c)
{
    current = c;
    size_t len = load(c->file);
    CHECKF(len > 0 && len < sizeof bundle, "cannot read it");
    if (len == 0 || len >= sizeof bundle)
        return;
    mote_ota_status want = other_slot(len) ? MOTE_OTA_OK : c->want;
    CHECKF(write_slot(1, len) == MOTE_OTA_OK, "cannot write slot B");
    for (int transfer = 0; transfer < 2; transfer++) {
        mote_ota_image_info info;
        mote_ota_why why = {""};
        uint32_t limit = transfer ? (uint32_t)len : layout.slot_size;
        mote_ota_status s = mote_ota_image_verify(layout.flash, layout.slot_off[1], limit, transfer,
                                                  cases.pk, NULL, &info, &why);
        CHECKF(s == want && (s == MOTE_OTA_OK || strstr(why.text, c->why)), "as a %s: %s (%s)",
               transfer ? "transfer" : "slot", mote_ota_status_str(s), why.text);
        CHECKF(s != MOTE_OTA_OK ||
                   (info.payload &&
                    !memcmp(info.payload, bundle + info.hdr.hdr_size, info.payload_size)),
               "payload not in place");
    }
    /* Boot: the bundle in slot A, nothing in B, no record. */
    mote_ota_slots slots;
    mote_ota_boot_info boot;
    mote_ota_status s = mote_ota_flash_erase(layout.flash, layout.slot_off[1]);
    for (int i = 0; i < 2 && s == MOTE_OTA_OK; i++)
        s = mote_ota_flash_erase(layout.flash, layout.state_off[i]);
    if (s == MOTE_OTA_OK)
        s = write_slot(0, len);
    if (s == MOTE_OTA_OK)
        s = mote_ota_slots_open(&slots, &layout, cases.pk, NULL);
    if (s == MOTE_OTA_OK)
        s = mote_ota_boot(&slots, &boot);
    CHECKF(s == (want == MOTE_OTA_OK ? MOTE_OTA_OK : MOTE_OTA_ERR_NO_IMAGE) &&
               (s != MOTE_OTA_OK || (boot.slot == 0 && !boot.trial)),
           "boot from slot A: %s", mote_ota_status_str(s));
}

int main(void)
{
    mote_hal_init();
    check_state.context = current_file;
    if (!ota_cases_read(OTA_DATA_DIR, &cases) ||
        storage_open_slots(&layout, cases.slot) != MOTE_OTA_OK) {
        printf("FAIL: no cases or no flash for them\n");
        return 1;
    }
    int accepted = 0;
    for (int i = 0; i < cases.n; i++) {
        one(&cases.c[i]);
        accepted += cases.c[i].want == MOTE_OTA_OK;
    }
    printf("ota-cases: %d bundles (%d accepted, %d refused) on %s, %u-bit size_t: %s\n", cases.n,
           accepted, cases.n - accepted, mote_hal_board()->name, (unsigned)(8 * sizeof(size_t)),
           check_state.failed ? "FAILED" : "all as cases.txt says");
    return check_state.failed ? 1 : 0;
}
