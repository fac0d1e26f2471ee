/*
 * ota_crypto.h -- the hashes and the signature check the OTA library needs:
 * SHA-256 (image digest, key hash), SHA-512 (inside Ed25519) and Ed25519
 * signature verification (RFC 8032, with libsodium's strictness rules).
 *
 * All three are small portable C.  A board with a crypto engine replaces any
 * of them by filling in a mote_ota_crypto and handing it to the slot manager;
 * a NULL member (or a NULL struct) means "use the built-in code".
 */
#ifndef MOTE_OTA_CRYPTO_H
#define MOTE_OTA_CRYPTO_H

#include "mote/ota_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- SHA-256 (FIPS 180-4) ---- */

typedef struct mote_ota_sha256_ctx {
    uint32_t h[8];
    uint64_t total; /* bytes hashed so far */
    uint8_t block[64];
    uint32_t fill; /* bytes waiting in block */
} mote_ota_sha256_ctx;

void mote_ota_sha256_init(mote_ota_sha256_ctx *c);
void mote_ota_sha256_update(mote_ota_sha256_ctx *c, const void *data, size_t len);
void mote_ota_sha256_final(mote_ota_sha256_ctx *c, uint8_t out[32]);
/* One call: out = SHA-256(data). */
void mote_ota_sha256(const void *data, size_t len, uint8_t out[32]);

/* ---- SHA-512 (FIPS 180-4) ---- */

typedef struct mote_ota_sha512_ctx {
    uint64_t h[8];
    uint64_t total; /* bytes hashed so far (2^64 is plenty here) */
    uint8_t block[128];
    uint32_t fill;
} mote_ota_sha512_ctx;

void mote_ota_sha512_init(mote_ota_sha512_ctx *c);
void mote_ota_sha512_update(mote_ota_sha512_ctx *c, const void *data, size_t len);
void mote_ota_sha512_final(mote_ota_sha512_ctx *c, uint8_t out[64]);
void mote_ota_sha512(const void *data, size_t len, uint8_t out[64]);

/* ---- Hardware hooks ---- */

/* Replacement implementations.  Each group is used only if all of its
 * members are set.  The hooks keep their own state (a crypto engine has one
 * context anyway); the library never runs two hashes of one kind at once.
 * `user` is passed back unchanged. */
typedef struct mote_ota_crypto {
    void *user;
    void (*sha256_begin)(void *user);
    void (*sha256_update)(void *user, const uint8_t *data, size_t len);
    void (*sha256_end)(void *user, uint8_t out[32]);
    void (*sha512_begin)(void *user);
    void (*sha512_update)(void *user, const uint8_t *data, size_t len);
    void (*sha512_end)(void *user, uint8_t out[64]);
    /* true if sig is a valid Ed25519 signature of msg under pk. */
    bool (*ed25519_verify)(void *user, const uint8_t sig[64], const uint8_t *msg, size_t len,
                           const uint8_t pk[32]);
} mote_ota_crypto;

/* A SHA-256 computation that goes to the hooks when present. */
typedef struct mote_ota_hash {
    const mote_ota_crypto *hw; /* NULL or without sha256 hooks: software */
    mote_ota_sha256_ctx sw;
} mote_ota_hash;

void mote_ota_hash_begin(mote_ota_hash *h, const mote_ota_crypto *crypto);
void mote_ota_hash_update(mote_ota_hash *h, const void *data, size_t len);
void mote_ota_hash_end(mote_ota_hash *h, uint8_t out[32]);

/* ---- Ed25519 ---- */

/* Verifies an Ed25519 signature (sig = R || S) of msg under public key pk
 * with the built-in code, using crypto's SHA-512 hooks if it has them.
 * Rejects, as libsodium does: S >= L, a non-canonical pk, a pk or R of small
 * order.  Not constant time: everything it handles is public.  Needs about
 * 1.2 KiB of stack on a Cortex-M3. */
bool mote_ota_ed25519_verify(const uint8_t sig[64], const uint8_t *msg, size_t len,
                             const uint8_t pk[32], const mote_ota_crypto *crypto);

/* Verifies with crypto->ed25519_verify if set, else the built-in code. */
bool mote_ota_signature_ok(const mote_ota_crypto *crypto, const uint8_t sig[64], const uint8_t *msg,
                           size_t len, const uint8_t pk[32]);

#ifdef __cplusplus
}
#endif
#endif
