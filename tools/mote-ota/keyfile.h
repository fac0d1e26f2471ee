/*
 * keyfile.h -- Ed25519 key files in the PEM forms imgtool and OpenSSL use:
 * private keys as unencrypted PKCS#8 ("BEGIN PRIVATE KEY"), public keys as
 * SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"), both per RFC 8410.  Keys made
 * by `imgtool keygen -t ed25519` work here and the other way round.
 */
#ifndef MOTE_OTA_KEYFILE_H
#define MOTE_OTA_KEYFILE_H

#include <stdbool.h>
#include <stdint.h>

/* A key read from a file: the 32-byte seed (if private) and public key. */
typedef struct keyfile {
    bool has_private;
    uint8_t seed[32];
    uint8_t pk[32];
} keyfile;

/* Reads a private or public PEM key file; prints a one-line error and
 * returns false on failure. */
bool keyfile_read(const char *path, keyfile *k);
/* Writes the private key (mode 0600) or the public key as PEM. */
bool keyfile_write_private(const char *path, const uint8_t seed[32]);
bool keyfile_write_public(const char *path, const uint8_t pk[32]);
/* Writes a C header with the public key for firmware. */
bool keyfile_write_header(const char *path, const uint8_t pk[32]);

#endif
