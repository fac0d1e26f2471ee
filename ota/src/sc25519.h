/*
 * sc25519.h -- scalars modulo the group order
 * L = 2^252 + 27742317777372353535851937790883648493.  Internal.
 */
#ifndef MOTE_OTA_SC25519_H
#define MOTE_OTA_SC25519_H

#include <stdbool.h>
#include <stdint.h>

/* out = in mod L, for a 64-byte little-endian number (a SHA-512 output). */
void mote_ota_sc_reduce64(uint8_t out[32], const uint8_t in[64]);
/* true if the 32-byte little-endian number s is below L. */
bool mote_ota_sc_canonical(const uint8_t s[32]);

#endif
