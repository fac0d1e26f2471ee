/*
 * image.c -- attaching a precompiled image (the format: image.h).
 *
 * Apart from image_compile.c, which runs the loader: a firmware that only
 * attaches images links neither the decoder nor the compiler.
 */
#include <string.h>

#include "arena.h"
#include "error.h"
#include "image.h"
#include "module.h"
#include "ops.h"

#define MOTE_MSG_TAG "im" /* this file's message codes (error.h) */

uint32_t image_hash(uint32_t h, const void *data, size_t len)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

uint32_t image_fingerprint(const int32_t *handlers, size_t n)
{
    uint32_t count = (uint32_t)n;
    return image_hash(image_hash(IMAGE_HASH_SEED, &count, sizeof count), handlers,
                      n * sizeof *handlers);
}

size_t mote_handler_table(const int32_t **table)
{
    *table = interp_handler_words();
    return OP_COUNT_;
}

/* Every array and the code must lie inside the block. */
static bool block_consistent(const mote_module *m, uint32_t block_len)
{
    struct {
        uint32_t off;
        uint64_t bytes;
    } parts[] = {
        {m->types, (uint64_t)m->ntypes * sizeof(mod_type)},
        {m->imports, (uint64_t)m->nimports * sizeof(mod_import)},
        {m->funcs, (uint64_t)m->nfuncs * sizeof(mod_func)},
        {m->tables, (uint64_t)m->ntables * sizeof(mod_table)},
        {m->mems, (uint64_t)m->nmems * sizeof(mod_memory)},
        {m->globals, (uint64_t)m->nglobals * sizeof(mod_global)},
        {m->exports, (uint64_t)m->nexports * sizeof(mod_export)},
        {m->elems, (uint64_t)m->nelems * sizeof(mod_elem)},
        {m->datas, (uint64_t)m->ndatas * sizeof(mod_data)},
        {m->code, (uint64_t)m->code_words * 4},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if ((parts[i].off & 3) || parts[i].off + parts[i].bytes > block_len)
            return false;
    return m->bytes == block_len && m->nfunc_imports <= m->nfuncs;
}

mote_status mote_image_attach(mote_arena *a, const uint8_t *image, size_t image_len,
                              const uint8_t *wasm, size_t len, mote_module **out)
{
    mote_error *err = &a->error;
    *out = NULL;
    image_header h;
    if (!image || image_len < sizeof h + sizeof(mote_module) || ((uintptr_t)image & 7))
        return error_set(err, MOTE_ERR_ARGUMENT, "not an image (too short or not 8-byte aligned)");
    memcpy(&h, image, sizeof h);
    if (memcmp(h.magic, IMAGE_MAGIC, 8) || h.version != IMAGE_VERSION)
        return error_set(err, MOTE_ERR_MALFORMED, "not a mote image, or one of another version");
    if (h.block_len > image_len - sizeof h)
        return error_set(err, MOTE_ERR_MALFORMED, "image truncated: %z of %u bytes",
                         image_len - sizeof h, h.block_len);
    if (h.wasm_len != len || h.wasm_hash != image_hash(IMAGE_HASH_SEED, wasm, len))
        return error_set(err, MOTE_ERR_ARGUMENT, "the image was compiled from another module");
    const int32_t *table;
    size_t n = mote_handler_table(&table);
    if (h.fingerprint != image_fingerprint(table, n))
        return error_set(err, MOTE_ERR_STATE,
                         "the image was compiled for another firmware build: compile it again");
    const uint8_t *block = image + sizeof h;
    mote_module *m = arena_alloc(a, sizeof *m);
    if (!m)
        return arena_no_room(a, "attaching needs", MOTE_ALIGN_UP(sizeof *m));
    memcpy(m, block, sizeof *m);
    if (!block_consistent(m, h.block_len)) {
        a->bottom -= MOTE_ALIGN_UP(sizeof *m);
        return error_set(err, MOTE_ERR_MALFORMED, "image corrupt: tables outside the block");
    }
    m->wasm = wasm;
    m->wasm_len = (uint32_t)len;
    m->arena = a;
    m->block = block;
    m->mark_bottom = a->bottom - MOTE_ALIGN_UP(sizeof *m);
    m->mark_top = a->top;
    m->bytes = (uint32_t)MOTE_ALIGN_UP(sizeof *m);
    *out = m;
    return MOTE_OK;
}
