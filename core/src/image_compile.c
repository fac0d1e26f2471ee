/*
 * image_compile.c -- writing a precompiled image (the format: image.h):
 * the loader validates and compiles the module for the given handler
 * table, and the module block is copied out.  Used on the build machine
 * (tools/mote-image); kept apart from image.c so that a firmware that only
 * attaches images does not link the loader.
 */
#include <string.h>

#include "arena.h"
#include "error.h"
#include "image.h"
#include "module.h"
#include "ops.h"

#define MOTE_MSG_TAG "ic" /* this file's message codes (error.h) */

mote_status mote_image_compile(mote_arena *scratch, const uint8_t *wasm, size_t len,
                               const mote_load_config *cfg, const int32_t *handlers,
                               size_t nhandlers, uint8_t *out, size_t cap, size_t *written)
{
    if (nhandlers != OP_COUNT_)
        return error_set(
            &scratch->error, MOTE_ERR_ARGUMENT,
            "handler table has %z entries; this compiler needs %u (different mote versions)",
            nhandlers, (unsigned)OP_COUNT_);
    arena_mark mark = arena_get_mark(scratch);
    mote_module *m;
    mote_status st = decode_module(scratch, wasm, len, cfg, handlers, &m);
    if (st != MOTE_OK)
        return st;
    size_t total = sizeof(image_header) + m->bytes;
    *written = total;
    if (total > cap) {
        arena_rollback(scratch, mark);
        return error_setf(&scratch->error, MOTE_ERR_NO_MEMORY,
                          "the image needs %z bytes, the buffer has %z", total, cap);
    }
    image_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, IMAGE_MAGIC, 8);
    h.version = IMAGE_VERSION;
    h.block_len = m->bytes;
    h.wasm_len = (uint32_t)len;
    h.wasm_hash = image_hash(IMAGE_HASH_SEED, wasm, len);
    h.fingerprint = image_fingerprint(handlers, nhandlers);
    memcpy(out, &h, sizeof h);
    mote_module *copy = (mote_module *)(out + sizeof h);
    memcpy(copy, m, m->bytes);
    /* pointers mean nothing in another build: clear them */
    copy->wasm = NULL;
    copy->arena = NULL;
    copy->block = NULL;
    copy->foreign = 0;
    arena_rollback(scratch, mark);
    return MOTE_OK;
}
