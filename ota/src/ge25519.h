/*
 * ge25519.h -- points of the Ed25519 curve (-x^2 + y^2 = 1 + d x^2 y^2) in
 * extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z.  Internal to
 * the OTA library; only what signature verification needs.
 */
#ifndef MOTE_OTA_GE25519_H
#define MOTE_OTA_GE25519_H

#include "fe25519.h"

typedef struct ge {
    fe X, Y, Z, T;
} ge;

/* Decodes a 32-byte point encoding (RFC 8032 5.1.3).  false if y >= p or
 * no x exists. */
bool mote_ota_ge_decode(ge *r, const uint8_t s[32]);
void mote_ota_ge_encode(uint8_t s[32], const ge *p);
void mote_ota_ge_neg(ge *r, const ge *p);
/* true if 8P is the neutral element: P is one of the 8 torsion points. */
bool mote_ota_ge_small_order(const ge *p);
/* r = [a]B + [b]P for the base point B; a and b are 32-byte little-endian
 * scalars. */
void mote_ota_ge_double_scalarmult(ge *r, const uint8_t a[32], const ge *p, const uint8_t b[32]);

#endif
