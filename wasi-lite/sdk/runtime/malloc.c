/*
 * malloc.c -- the allocator of the SDK's small-memory mode
 * (mote_add_wasm_app(... MEMORY_BYTES n)), linked into the app in place of
 * wasi-libc's dlmalloc.
 *
 * Why not dlmalloc: it asks sbrk() for memory, and wasi-libc's sbrk() grows
 * the memory in 64 KiB pages -- memory.grow(n) means n * 64 KiB to it -- and
 * dlmalloc itself takes 64 KiB segments.  A small-memory app's memory has
 * 1-byte pages (the custom-page-sizes proposal) and a maximum of a few
 * KiB, so here memory.grow(n) grows by n bytes, and only by what a block
 * needs.  When memory.grow returns -1 (the app's declared maximum, the
 * firmware's cap, or a full arena) malloc returns NULL with errno ENOMEM.
 *
 * The heap starts at __heap_base (after the stack and the static data) and
 * ends at `top`; memory beyond `top` that the memory already has (a HEAP
 * reserve in its initial size) is used before growing.  Blocks:
 *
 *     [size | USED] [payload ...]          size: whole block, a multiple of 16
 *      4 bytes       16-aligned
 *
 * so every block starts 4 bytes before a 16-byte boundary and payloads have
 * max_align_t alignment, as C requires of malloc.  Free blocks hold the next
 * free block's address after their header, in a list kept in address order
 * so that free() merges neighbours; a free block that reaches `top` goes
 * back to the top instead of the list, so the heap never fragments against
 * the memory's end.  First fit; everything is O(free blocks), which is a
 * handful in a few-KiB heap.  Single-threaded, like the apps.
 *
 * The SDK compiles this file with -fno-builtin: an optimiser that knows
 * malloc's meaning may turn the malloc + memset inside calloc into a call
 * to calloc (itself).  The __builtin_ memory functions stay single
 * bulk-memory instructions.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define ALIGN 16u
#define HEADER 4u
#define USED 1u
#define MIN_BLOCK ALIGN
/* The largest request: its block size must not overflow 32 bits. */
#define MAX_REQUEST (SIZE_MAX - 2 * ALIGN)

extern unsigned char __heap_base; /* set by wasm-ld: end of static data */

static uintptr_t top;       /* end of the last block; 0: not started */
static uintptr_t free_list; /* lowest free block; 0: none */

static size_t *header(uintptr_t block)
{
    return (size_t *)block;
}

static uintptr_t *next_free(uintptr_t block)
{
    return (uintptr_t *)(block + HEADER);
}

static size_t block_size(uintptr_t block)
{
    return *header(block) & ~(size_t)USED;
}

/* A block's address for a payload address, and the reverse. */
static uintptr_t block_of(void *payload)
{
    return (uintptr_t)payload - HEADER;
}

static void *payload_of(uintptr_t block)
{
    return (void *)(block + HEADER);
}

/* The app was linked without MEMORY_BYTES (64 KiB pages, where
 * memory.grow(n) adds n * 64 KiB): this allocator would misread every
 * size.  A trap here names the problem in the backtrace. */
__attribute__((noinline, noreturn)) static void mote_malloc_needs_byte_pages(void)
{
    __builtin_trap();
}

/* free() of a pointer that is not an allocated block (double free). */
__attribute__((noinline, noreturn)) static void mote_free_of_a_free_block(void)
{
    __builtin_trap();
}

static void start(void)
{
    /* With 1-byte pages the memory holds the static data: memory.size is at
     * least __heap_base.  With 64 KiB pages it counts pages, a few. */
    if (__builtin_wasm_memory_size(0) < (uintptr_t)&__heap_base)
        mote_malloc_needs_byte_pages();
    top = (((uintptr_t)&__heap_base + HEADER + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1)) - HEADER;
}

/* Makes the memory reach at least `end`, growing it by the bytes missing. */
static int reach(uintptr_t end)
{
    size_t have = __builtin_wasm_memory_size(0);
    if (end <= have)
        return 1;
    return __builtin_wasm_memory_grow(0, end - have) != SIZE_MAX;
}

/* The block size that holds n payload bytes; 0 if none can. */
static size_t size_for(size_t n)
{
    if (n > MAX_REQUEST)
        return 0;
    return (n + HEADER + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

/* Gives [block, block + size) back: merged with free neighbours into the
 * list, or into the top when it reaches it. */
static void release(uintptr_t block, size_t size)
{
    uintptr_t *link = &free_list, *prev_link = NULL;
    uintptr_t prev = 0;
    while (*link != 0 && *link < block) {
        prev_link = link;
        prev = *link;
        link = next_free(prev);
    }
    uintptr_t next = *link;
    if (next != 0 && block + size == next) {
        size += block_size(next);
        next = *next_free(next);
    }
    if (prev != 0 && prev + block_size(prev) == block) {
        size += block_size(prev);
        block = prev;
        link = prev_link;
    }
    if (block + size == top) {
        top = block;
        *link = next;
        return;
    }
    *header(block) = size;
    *next_free(block) = next;
    *link = block;
}

/* Cuts a used block down to `size` bytes, giving back the rest if it can
 * be a block of its own. */
static void trim(uintptr_t block, size_t size)
{
    size_t have = block_size(block);
    if (have - size < MIN_BLOCK)
        return;
    *header(block) = size | USED;
    release(block + size, have - size);
}

void *malloc(size_t n)
{
    size_t size = size_for(n);
    if (size == 0) {
        errno = ENOMEM;
        return NULL;
    }
    if (top == 0)
        start();
    for (uintptr_t *link = &free_list; *link != 0; link = next_free(*link)) {
        uintptr_t block = *link;
        size_t have = block_size(block);
        if (have < size)
            continue;
        if (have - size >= MIN_BLOCK) {
            /* The rest stays free, in this block's place in the list. */
            uintptr_t rest = block + size;
            *header(rest) = have - size;
            *next_free(rest) = *next_free(block);
            *link = rest;
        } else {
            *link = *next_free(block);
            size = have;
        }
        *header(block) = size | USED;
        return payload_of(block);
    }
    uintptr_t block = top;
    if (size > UINTPTR_MAX - block || !reach(block + size)) {
        errno = ENOMEM;
        return NULL;
    }
    top = block + size;
    *header(block) = size | USED;
    return payload_of(block);
}

void free(void *p)
{
    if (p == NULL)
        return;
    uintptr_t block = block_of(p);
    if (!(*header(block) & USED))
        mote_free_of_a_free_block();
    release(block, block_size(block));
}

void *calloc(size_t count, size_t n)
{
    size_t bytes;
    if (__builtin_mul_overflow(count, n, &bytes)) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = malloc(bytes);
    if (p != NULL)
        __builtin_memset(p, 0, bytes);
    return p;
}

void *realloc(void *p, size_t n)
{
    if (p == NULL)
        return malloc(n);
    if (n == 0) { /* as wasi-libc's dlmalloc: free, NULL */
        free(p);
        return NULL;
    }
    size_t size = size_for(n);
    if (size == 0) {
        errno = ENOMEM;
        return NULL;
    }
    uintptr_t block = block_of(p);
    size_t have = block_size(block);
    if (size <= have) {
        trim(block, size);
        return p;
    }
    /* The last block grows in place. */
    if (block + have == top && size <= UINTPTR_MAX - block && reach(block + size)) {
        top = block + size;
        *header(block) = size | USED;
        return p;
    }
    void *q = malloc(n);
    if (q != NULL) {
        __builtin_memcpy(q, p, have - HEADER);
        free(p);
    }
    return q;
}

/* malloc with an alignment above 16 (a power of two): a block with room
 * to slide to an aligned payload, the skipped front given back.  Payloads
 * are 16-aligned, so that front is 0 or a multiple of 16: a block. */
static void *aligned(size_t alignment, size_t n)
{
    if (alignment <= ALIGN)
        return malloc(n);
    if (n > MAX_REQUEST - alignment) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = malloc(n + alignment - ALIGN);
    if (p == NULL)
        return NULL;
    uintptr_t at = ((uintptr_t)p + alignment - 1) & ~(uintptr_t)(alignment - 1);
    uintptr_t block = block_of(p);
    size_t have = block_size(block);
    if (at != (uintptr_t)p) {
        size_t front = at - (uintptr_t)p;
        release(block, front);
        block += front;
        have -= front;
        *header(block) = have | USED;
    }
    trim(block, size_for(n));
    return payload_of(block);
}

void *aligned_alloc(size_t alignment, size_t n)
{
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
        errno = EINVAL;
        return NULL;
    }
    return aligned(alignment, n);
}

int posix_memalign(void **out, size_t alignment, size_t n)
{
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    void *p = aligned(alignment, n);
    if (p == NULL)
        return ENOMEM;
    *out = p;
    return 0;
}

size_t malloc_usable_size(void *p); /* <malloc.h>'s */

size_t malloc_usable_size(void *p)
{
    return p == NULL ? 0 : block_size(block_of(p)) - HEADER;
}

/* wasi-libc's own entry points (atexit, locales): defined here too, or the
 * linker would pull dlmalloc in for them and meet two malloc()s. */
void *__libc_malloc(size_t n);
void __libc_free(void *p);
void *__libc_calloc(size_t count, size_t n);

void *__libc_malloc(size_t n)
{
    return malloc(n);
}

void __libc_free(void *p)
{
    free(p);
}

void *__libc_calloc(size_t count, size_t n)
{
    return calloc(count, n);
}
