/*
 * fsnor.h -- the OTA tests' NOR flash simulator (tests/ota/norsim.c: erase
 * to 0xFF, program clears bits, power cuts inside any operation, double
 * programs counted) behind the file system's mote_fs_flash ops, with an
 * erase counter per sector for wear measurements.
 */
#ifndef MOTE_FS_TEST_FSNOR_H
#define MOTE_FS_TEST_FSNOR_H

#include <stdint.h>

#include "mote/fs.h"
#include "norsim.h"

typedef struct fsnor {
    norsim nor;
    mote_fs_flash flash;
    uint32_t *wear; /* erases per sector */
    uint32_t sectors;
} fsnor;

void fsnor_init(fsnor *d, uint32_t size, uint32_t sector, uint32_t prog);
void fsnor_free(fsnor *d);

/* RAM for mounting: enough for any geometry the tests use. */
#define FSNOR_RAM 4096

#endif
