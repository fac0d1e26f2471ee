/*
 * fe25519.h -- arithmetic in GF(2^255 - 19), internal to the OTA library.
 *
 * An element is eight 32-bit limbs, little-endian, holding any value below
 * 2^256 that is congruent to the element; only fe_freeze() makes it the
 * canonical representative.  32-bit limbs suit the Cortex-M3's 32x32->64
 * multiply (UMULL/UMLAL) and keep the code short: products are formed with
 * plain loops and folded with 2^256 = 38 (mod p).
 */
#ifndef MOTE_OTA_FE25519_H
#define MOTE_OTA_FE25519_H

#include <stdbool.h>
#include <stdint.h>

typedef struct fe {
    uint32_t v[8];
} fe;

void mote_ota_fe_add(fe *r, const fe *a, const fe *b);
void mote_ota_fe_sub(fe *r, const fe *a, const fe *b);
void mote_ota_fe_mul(fe *r, const fe *a, const fe *b);
void mote_ota_fe_sq(fe *r, const fe *a);
void mote_ota_fe_neg(fe *r, const fe *a);
/* r = a^(p-2) = 1/a (0 for a = 0). */
void mote_ota_fe_invert(fe *r, const fe *a);
/* r = a^((p-5)/8), the core of the square root in point decompression. */
void mote_ota_fe_pow22523(fe *r, const fe *a);
/* Reduces to the canonical value in [0, p). */
void mote_ota_fe_freeze(fe *a);
bool mote_ota_fe_is_zero(const fe *a);
bool mote_ota_fe_eq(const fe *a, const fe *b);
/* Low bit of the canonical value: the "sign" of RFC 8032's encoding. */
int mote_ota_fe_is_odd(const fe *a);
/* 32 little-endian bytes, top bit ignored (the caller reads it as a sign). */
void mote_ota_fe_from_bytes(fe *r, const uint8_t s[32]);
void mote_ota_fe_to_bytes(uint8_t s[32], const fe *a);
/* true if the 255-bit value in s (top bit ignored) is below p. */
bool mote_ota_fe_bytes_canonical(const uint8_t s[32]);

#endif
