/* region_heap.c -- see region_heap.h. */
#include "region_heap.h"

#include <stdint.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* Every block starts with this header; a free block's also links it. */
typedef struct chunk {
    size_t size;        /* of the whole block, header included */
    struct chunk *next; /* free blocks only, in address order */
} chunk;

#define ALIGN ((size_t)16) /* enough for any type on our boards */
#define HEADER ((sizeof(chunk) + ALIGN - 1) & ~(ALIGN - 1))
#define MIN_SPLIT (HEADER + ALIGN)

static chunk *free_list;

void region_heap_init(void *base, size_t size)
{
    uintptr_t start = ((uintptr_t)base + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);
    size_t pad = (size_t)(start - (uintptr_t)base);
    free_list = NULL;
    if (size < pad + MIN_SPLIT)
        return;
    free_list = (chunk *)start;
    free_list->size = (size - pad) & ~(ALIGN - 1);
    free_list->next = NULL;
    POISON((uint8_t *)start + HEADER, free_list->size - HEADER);
}

void *region_heap_alloc(size_t bytes)
{
    if (bytes > SIZE_MAX - HEADER - ALIGN)
        return NULL;
    size_t need = (bytes + HEADER + ALIGN - 1) & ~(ALIGN - 1);
    for (chunk **link = &free_list; *link; link = &(*link)->next) {
        chunk *c = *link;
        if (c->size < need)
            continue;
        if (c->size - need >= MIN_SPLIT) {
            /* Keep the front free (its link stays put), hand out the end. */
            c->size -= need;
            c = (chunk *)((uint8_t *)c + c->size);
            UNPOISON(c, HEADER); /* was inside a free payload */
            c->size = need;
        } else {
            *link = c->next;
        }
        UNPOISON((uint8_t *)c + HEADER, bytes);
        return (uint8_t *)c + HEADER;
    }
    return NULL;
}

void region_heap_free(void *block)
{
    if (block == NULL)
        return;
    chunk *c = (chunk *)((uint8_t *)block - HEADER);
    POISON(block, c->size - HEADER);
    chunk *prev = NULL, *next = free_list;
    while (next && next < c) {
        prev = next;
        next = next->next;
    }
    c->next = next;
    if (next && (uint8_t *)c + c->size == (uint8_t *)next) {
        c->size += next->size;
        c->next = next->next;
    }
    if (prev && (uint8_t *)prev + prev->size == (uint8_t *)c) {
        prev->size += c->size;
        prev->next = c->next;
    } else if (prev) {
        prev->next = c;
    } else {
        free_list = c;
    }
}

size_t region_heap_free_bytes(void)
{
    size_t total = 0;
    for (chunk *c = free_list; c; c = c->next)
        total += c->size - HEADER;
    return total;
}

size_t region_heap_headroom(void)
{
    size_t room = region_heap_free_bytes();
    if (room > ((size_t)16 << 20))
        return room / 2;
    return room / 3 < ((size_t)1 << 20) ? room / 3 : (size_t)1 << 20;
}
