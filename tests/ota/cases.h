/*
 * cases.h -- data/cases.txt, the reference bundles and the verdict a device
 * gives each (made by data/make_reference.py).  Plain C with stdio: the
 * host tests and the board test (examples/ota, under QEMU) both read it.
 */
#ifndef MOTE_OTA_TEST_CASES_H
#define MOTE_OTA_TEST_CASES_H

#include <stdbool.h>
#include <stdint.h>

#include "mote/ota_base.h"

#define OTA_CASES_MAX 64

typedef struct ota_case {
    char file[48];
    mote_ota_status want;
    char why[64]; /* a part of the device's message; empty for "ok" */
} ota_case;

typedef struct ota_cases {
    uint8_t pk[32]; /* the public half of data/ref-key.pem */
    uint32_t slot;  /* the slot size the padded bundles are made for */
    int n;
    ota_case c[OTA_CASES_MAX];
} ota_cases;

/* Reads DIR/cases.txt; false (after a message) if it cannot. */
bool ota_cases_read(const char *dir, ota_cases *out);

/* "ok", "format", ... as in cases.txt; NULL for a status it does not use. */
const char *ota_case_token(mote_ota_status s);

#endif
