/*
 * arenas.c -- where each module's arena comes from and how big it is.
 *
 * On the host: cfg->arena_bytes from malloc(), one freed buffer kept for
 * the next module.  On a board (fit_arena): what mote_measure() says the
 * module needs, plus room for its memory to grow, from the board's
 * allocator (cfg->arena_alloc), settling for less room when RAM is short.
 */
#include "script.h"
#include "peek.h"

#include <stdlib.h>

/* The smallest scratch arena arena_size() tries before giving up, and
   the smallest headroom spec_arena_for() settles for before giving none. */
#define SPEC_MIN_STEP_BYTES ((size_t)64 << 10)

void *spec_arena_alloc(const spec_script *s, size_t bytes)
{
    return s->cfg->arena_alloc ? s->cfg->arena_alloc(bytes) : malloc(bytes);
}

void spec_arena_free(const spec_script *s, void *buf)
{
    if (s->cfg->arena_free)
        s->cfg->arena_free(buf);
    else
        free(buf);
}

/*
 * Arena buffers: one freed buffer is kept for the next module of the same
 * size.  Most modules are short-lived, and allocating and freeing 64 MiB
 * hundreds of times per script is slow under AddressSanitizer.  With
 * fit_arena (boards) sizes differ from module to module and RAM is short,
 * so nothing is kept.
 */
static void *take_arena(spec_script *s, size_t size)
{
    if (s->spare_arena && s->spare_bytes == size) {
        void *buf = s->spare_arena;
        s->spare_arena = NULL;
        return buf;
    }
    return spec_arena_alloc(s, size);
}

void spec_arena_give(spec_script *s, void *buf, size_t size)
{
    if (buf == NULL)
        return;
    if (s->spare_arena == NULL && !s->cfg->fit_arena) {
        s->spare_arena = buf;
        s->spare_bytes = size;
    } else {
        spec_arena_free(s, buf);
    }
}

void spec_arena_drop_spare(spec_script *s)
{
    if (s->spare_arena)
        spec_arena_free(s, s->spare_arena);
    s->spare_arena = NULL;
}

/*
 * The arena size for a module: cfg->arena_bytes, or with fit_arena what
 * mote_measure() says it needs (*need) plus the headroom: as much as its
 * memory may grow (peek.h), at most fit_headroom (or fit_headroom_now()).
 * The measurement borrows a scratch arena for a moment: full size if the
 * heap has it, else the largest power-of-two fraction of it that it has (a
 * board's heap is small, and modules still kept may have cut it up).  If
 * the module does not fit the scratch, the full size is asked for (and a
 * board skips it); if it is malformed or invalid, the scratch's size will
 * do to say so.
 */
static size_t arena_size(spec_script *s, const spec_module *m, size_t *need)
{
    size_t full = s->cfg->arena_bytes;
    *need = full;
    if (!s->cfg->fit_arena)
        return full;
    /* Asked before the scratch takes what is free. */
    size_t most = s->cfg->fit_headroom_now ? s->cfg->fit_headroom_now() : s->cfg->fit_headroom;
    size_t scratch_bytes = full;
    void *scratch_buf = take_arena(s, scratch_bytes);
    while (scratch_buf == NULL && scratch_bytes >= 2 * SPEC_MIN_STEP_BYTES) {
        scratch_bytes /= 2;
        scratch_buf = spec_arena_alloc(s, scratch_bytes);
    }
    mote_arena *scratch = scratch_buf ? mote_arena_init(scratch_buf, scratch_bytes) : NULL;
    mote_load_config lc = spec_load_config(s);
    mote_instance_config ic = spec_instance_config(s);
    mote_needs needs;
    size_t size = full;
    mote_status st = scratch ? mote_measure(scratch, m->wasm, m->wasm_len, &lc, &ic, &needs)
                             : MOTE_ERR_NO_MEMORY;
    if (st == MOTE_OK && needs.total < full) {
        size_t headroom = spec_peek_memory_growth(m->wasm, m->wasm_len);
        if (headroom > most)
            headroom = most;
        *need = needs.total;
        if (full - needs.total > headroom)
            size = needs.total + headroom;
    } else if (st != MOTE_OK && st != MOTE_ERR_NO_MEMORY) {
        /* Malformed, invalid...: the scratch was room enough to find out,
           and the real load will find out the same. */
        *need = size = scratch_bytes;
    }
    spec_arena_give(s, scratch_buf, scratch_bytes);
    return size;
}

void *spec_arena_for(spec_script *s, const spec_module *m, size_t *size)
{
    size_t need;
    *size = arena_size(s, m, &need);
    /* If the heap lacks that much (fit_arena), the most it has down to
       `need`, halving the headroom each time. */
    void *buf = take_arena(s, *size);
    while (buf == NULL && s->cfg->fit_arena && *size > need) {
        size_t headroom = (*size - need) / 2;
        *size = need + (headroom < SPEC_MIN_STEP_BYTES ? 0 : headroom);
        buf = spec_arena_alloc(s, *size);
    }
    return buf;
}
