/* Ed25519 signature verification (RFC 8032 section 5.1.7), with the extra
 * rejections libsodium applies so that both sides agree on every input:
 * S must be below L, the public key must be canonical and not of small
 * order, and R must not be of small order. */
#include <string.h>

#include "ge25519.h"
#include "hash_dispatch.h"
#include "sc25519.h"
#include "mote/ota_crypto.h"

/* h = SHA-512(R || A || M) mod L */
static void challenge(uint8_t h[32], const uint8_t r[32], const uint8_t pk[32], const uint8_t *msg,
                      size_t len, const mote_ota_crypto *crypto)
{
    uint8_t digest[64];
    mote_ota_hash512 s;
    mote_ota_hash512_begin(&s, crypto);
    mote_ota_hash512_update(&s, r, 32);
    mote_ota_hash512_update(&s, pk, 32);
    mote_ota_hash512_update(&s, msg, len);
    mote_ota_hash512_end(&s, digest);
    mote_ota_sc_reduce64(h, digest);
}

bool mote_ota_ed25519_verify(const uint8_t sig[64], const uint8_t *msg, size_t len,
                             const uint8_t pk[32], const mote_ota_crypto *crypto)
{
    ge a, check;
    uint8_t h[32], rcheck[32];
    if (!mote_ota_sc_canonical(sig + 32))
        return false;
    if (!mote_ota_ge_decode(&a, pk) || mote_ota_ge_small_order(&a))
        return false;
    challenge(h, sig, pk, msg, len, crypto);
    /* [S]B = R + [h]A  <=>  R = [S]B + [h](-A) */
    mote_ota_ge_neg(&a, &a);
    mote_ota_ge_double_scalarmult(&check, sig + 32, &a, h);
    mote_ota_ge_encode(rcheck, &check);
    if (memcmp(rcheck, sig, 32) != 0)
        return false;
    /* R matched, so it is a valid encoding of `check`; refuse torsion R. */
    return !mote_ota_ge_small_order(&check);
}

bool mote_ota_signature_ok(const mote_ota_crypto *crypto, const uint8_t sig[64], const uint8_t *msg,
                           size_t len, const uint8_t pk[32])
{
    if (crypto && crypto->ed25519_verify)
        return crypto->ed25519_verify(crypto->user, sig, msg, len, pk);
    return mote_ota_ed25519_verify(sig, msg, len, pk, crypto);
}
