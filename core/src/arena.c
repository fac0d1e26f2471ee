/* arena.c -- see arena.h. */
#include "arena.h"

#include <string.h>

#include "error.h"

static void note_peak(mote_arena *a)
{
    size_t used = a->header + a->bottom + (a->size - a->top);
    if (used > a->peak)
        a->peak = used;
}

mote_arena *mote_arena_init(void *buf, size_t size)
{
    uintptr_t start = (uintptr_t)buf;
    uintptr_t aligned = (start + (MOTE_ALIGN - 1)) & ~(uintptr_t)(MOTE_ALIGN - 1);
    size_t pad = (size_t)(aligned - start);
    size_t header = pad + MOTE_ARENA_HEADER;
    if (buf == NULL || size < header + MOTE_ALIGN)
        return NULL;
    mote_arena *a = (mote_arena *)aligned;
    memset(a, 0, sizeof *a);
    a->header = header;
    a->base = (uint8_t *)buf + header;
    a->size = (size - header) & ~(size_t)(MOTE_ALIGN - 1);
    a->top = a->size;
    a->bottom = 0;
    note_peak(a);
    return a;
}

size_t mote_arena_used(const mote_arena *a)
{
    return a->header + a->bottom + (a->size - a->top);
}

size_t mote_arena_size(const mote_arena *a)
{
    return a->header + a->size;
}

size_t mote_arena_peak(const mote_arena *a)
{
    return a->peak;
}

void mote_arena_reset(mote_arena *a)
{
    a->bottom = 0;
    a->top = a->size;
}

const mote_error *mote_arena_error(const mote_arena *a)
{
    return &a->error;
}

uint32_t mote_arena_grow_refusals(const mote_arena *a)
{
    return a->grow_refusals;
}

void mote_arena_fail_at(mote_arena *a, uint32_t k)
{
    a->alloc_count = 0;
    a->fail_at = k;
}

static bool injected_failure(mote_arena *a)
{
    if (a->fail_at == 0)
        return false;
    return ++a->alloc_count == a->fail_at;
}

size_t arena_free(const mote_arena *a)
{
    return a->top - a->bottom;
}

/* Rounds a request that fits the free space: free space is a multiple of
 * MOTE_ALIGN, so the rounded size still fits and nothing can wrap. */
static bool take_room(mote_arena *a, uint64_t n, size_t *rounded)
{
    if (n > arena_free(a) || injected_failure(a))
        return false;
    *rounded = MOTE_ALIGN_UP((size_t)n);
    return true;
}

void *arena_alloc(mote_arena *a, uint64_t n)
{
    size_t size;
    if (!take_room(a, n, &size))
        return NULL;
    void *p = a->base + a->bottom;
    a->bottom += size;
    note_peak(a);
    return p;
}

void *arena_zalloc(mote_arena *a, uint64_t n)
{
    void *p = arena_alloc(a, n);
    if (p)
        memset(p, 0, (size_t)n);
    return p;
}

void *arena_scratch(mote_arena *a, uint64_t n)
{
    size_t size;
    if (!take_room(a, n, &size))
        return NULL;
    a->top -= size;
    note_peak(a);
    return a->base + a->top;
}

mote_status arena_no_room(mote_arena *a, const char *what, uint64_t need)
{
    if (need > (uint64_t)SIZE_MAX - a->header)
        return error_setf(&a->error, MOTE_ERR_LIMIT,
                          "%s %lu bytes, more than this %u-bit CPU can address "
                          "(at most %lu bytes)",
                          what, need, (unsigned)(sizeof(size_t) * 8), (uint64_t)SIZE_MAX);
    return error_setf(&a->error, MOTE_ERR_NO_MEMORY,
                      "arena too small: %s %lu bytes, the arena has %z free", what, need,
                      arena_free(a));
}

void arena_release_scratch(mote_arena *a, void *p)
{
    size_t at = (size_t)((uint8_t *)p - a->base);
    if (at >= a->top && at <= a->size)
        a->top = at;
}

arena_mark arena_get_mark(const mote_arena *a)
{
    arena_mark m = {a->bottom, a->top};
    return m;
}

void arena_rollback(mote_arena *a, arena_mark m)
{
    a->bottom = m.bottom;
    a->top = m.top;
}

bool arena_grow_last(mote_arena *a, void *block, uint64_t old_size, uint64_t new_size)
{
    size_t start = (size_t)((uint8_t *)block - a->base);
    if (start > a->bottom || old_size > a->bottom - start ||
        MOTE_ALIGN_UP(start + (size_t)old_size) != a->bottom)
        return false;              /* something was allocated after it */
    if (new_size > a->top - start) /* a->top is aligned: so is the rounded end */
        return false;
    a->bottom = MOTE_ALIGN_UP(start + (size_t)new_size);
    note_peak(a);
    return true;
}
