/*
 * image.h -- the precompiled image format, shared by image.c (attaching,
 * on the device) and image_compile.c (writing one, on the build machine).
 *
 * An image is a 32-byte header followed by a module block exactly as the
 * loader builds it in an arena: everything in the block is an offset or a
 * fixed-width value, and the compiled code is position independent, so the
 * block can sit anywhere.  The header ties it to the wasm it came from
 * (length and checksum) and to the build whose handler words it contains.
 */
#ifndef MOTE_IMAGE_H
#define MOTE_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define IMAGE_MAGIC "moteimg1"
#define IMAGE_VERSION 1u
#define IMAGE_HASH_SEED 2166136261u /* FNV-1a's offset basis */

typedef struct image_header {
    char magic[8];
    uint32_t version;
    uint32_t block_len;
    uint32_t wasm_len;
    uint32_t wasm_hash;
    uint32_t fingerprint; /* of the handler table compiled for */
    uint32_t reserved;
} image_header;

/* FNV-1a over data[0..len), continuing from h (IMAGE_HASH_SEED to start). */
uint32_t image_hash(uint32_t h, const void *data, size_t len);

/* The fingerprint of a handler table of n entries. */
uint32_t image_fingerprint(const int32_t *handlers, size_t n);

#endif
