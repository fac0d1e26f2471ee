/*
 * malloc_test -- the small-memory mode's allocator (runtime/malloc.c), run
 * as an app on every board: alignment, reuse, merging, realloc, calloc,
 * aligned allocations, the heap reserve and the cap.  Built with
 * MEMORY_BYTES MAX_MEMORY HEAP HEAP_RESERVE.
 * Prints "malloc: N passed, 0 failed" and exits 0, or names the line of
 * each failed check and exits 1 (mote_check.h, built with
 * MOTE_CHECK_LINES_ONLY: condition texts would be static data, and this
 * app must fit a 16 KiB board).
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

/* Each test its own frame, not one big frame in main() below printf's. */
#define TEST __attribute__((noinline)) static void

static size_t memory_bytes(void)
{
    return __builtin_wasm_memory_size(0); /* 1-byte pages: bytes */
}

extern unsigned char __heap_base; /* wasm-ld's: the end of static data */

static int aligned_to(const void *p, size_t alignment)
{
    return ((uintptr_t)p & (alignment - 1)) == 0;
}

/* Fills p[0..n) with a pattern derived from seed, or checks it. */
static void fill(void *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        ((unsigned char *)p)[i] = (unsigned char)(seed * 31 + i);
}

static int intact(const void *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (((const unsigned char *)p)[i] != (unsigned char)(seed * 31 + i))
            return 0;
    return 1;
}

TEST test_blocks(void)
{
    enum { COUNT = 24 };
    void *p[COUNT];
    size_t size[COUNT];
    for (unsigned i = 0; i < COUNT; i++) {
        size[i] = (i * 37) % 97; /* 0 .. 96 bytes, 0 included */
        p[i] = malloc(size[i]);
        CHECK(p[i] != NULL);
        CHECK(aligned_to(p[i], 16));
        CHECK(malloc_usable_size(p[i]) >= size[i]);
        fill(p[i], size[i], i);
    }
    for (unsigned i = 0; i < COUNT; i += 2)
        free(p[i]);
    for (unsigned i = 0; i < COUNT; i += 2) { /* the holes are reused */
        p[i] = malloc(size[i]);
        CHECK(p[i] != NULL);
        fill(p[i], size[i], i + 100);
    }
    for (unsigned i = 0; i < COUNT; i++)
        CHECK(intact(p[i], size[i], i % 2 ? i : i + 100));
    for (unsigned i = 0; i < COUNT; i++)
        free(p[COUNT - 1 - i]);
}

/* Freed neighbours merge and go back to the top: no growth to reuse them. */
TEST test_merge(void)
{
    void *a = malloc(200), *b = malloc(200), *c = malloc(200);
    CHECK(a && b && c);
    size_t before = memory_bytes();
    free(b);
    free(a);
    free(c);
    void *big = malloc(600);
    CHECK(big == a);
    CHECK(memory_bytes() == before);
    free(big);
}

TEST test_realloc(void)
{
    char *p = realloc(NULL, 40);
    CHECK(p != NULL);
    fill(p, 40, 7);
    char *q = realloc(p, 400); /* the last block: grows in place */
    CHECK(q == p);
    CHECK(intact(q, 40, 7));
    char *blocker = malloc(16);
    char *r = realloc(q, 20); /* shrinks in place */
    CHECK(r == q && intact(r, 20, 7));
    char *s = realloc(r, 1000); /* must move */
    CHECK(s != NULL && s != r && intact(s, 20, 7));
    CHECK(realloc(s, 0) == NULL); /* frees, as dlmalloc does */
    free(blocker);
}

TEST test_calloc(void)
{
    unsigned char *p = malloc(64);
    CHECK(p != NULL);
    memset(p, 0xFF, 64);
    free(p);
    unsigned char *z = calloc(16, 4);
    CHECK(z != NULL);
    int zero = 1;
    for (int i = 0; i < 64; i++)
        zero &= z[i] == 0;
    CHECK(zero);
    free(z);
    errno = 0;
    CHECK(calloc(SIZE_MAX / 2, 3) == NULL && errno == ENOMEM);
}

TEST test_aligned(void)
{
    void *a = aligned_alloc(64, 100), *b = aligned_alloc(256, 10), *c = NULL;
    CHECK(a != NULL && aligned_to(a, 64));
    CHECK(b != NULL && aligned_to(b, 256));
    CHECK(posix_memalign(&c, 128, 50) == 0 && c != NULL && aligned_to(c, 128));
    fill(a, 100, 1);
    fill(b, 10, 2);
    fill(c, 50, 3);
    CHECK(intact(a, 100, 1) && intact(b, 10, 2) && intact(c, 50, 3));
    void *bad = NULL;
    volatile size_t odd = 24; /* hidden from clang's own check */
    CHECK(posix_memalign(&bad, 3, 8) == EINVAL && bad == NULL);
    errno = 0;
    CHECK(aligned_alloc(odd, 8) == NULL && errno == EINVAL);
    free(b);
    free(a);
    free(c);
}

/* Allocates until malloc says no: never past the declared maximum (or the
 * firmware's arena, whichever is less), and all of it comes back. */
TEST test_cap(void)
{
    enum { BLOCK = 256, MOST = 64 };
    void *p[MOST];
    int n = 0;
    errno = 0;
    while (n < MOST && (p[n] = malloc(BLOCK)) != NULL)
        n++;
    CHECK(n > 0 && n < MOST);
    CHECK(errno == ENOMEM);
    CHECK(memory_bytes() <= MAX_MEMORY);
    size_t full = memory_bytes();
    while (n > 0)
        free(p[--n]);
    for (n = 0; n < MOST && (p[n] = malloc(BLOCK)) != NULL; n++) {
    }
    CHECK(memory_bytes() == full); /* all reused, nothing grown */
    while (n > 0)
        free(p[--n]);
    errno = 0;
    CHECK(malloc(SIZE_MAX) == NULL && errno == ENOMEM);
}

/* Runs first: the memory starts with the reserve after the data, and
 * malloc uses it before growing. */
TEST test_reserve(void)
{
    size_t start = memory_bytes();
    CHECK(start == (uintptr_t)&__heap_base + HEAP_RESERVE);
    void *p = malloc(HEAP_RESERVE - 64);
    CHECK(p != NULL);
    CHECK(memory_bytes() == start);
    free(p);
}

static void at_exit(void)
{
}

int main(void)
{
    test_reserve();
    CHECK(memory_bytes() <= MAX_MEMORY);
    char *copy = strdup("wasi-libc allocates too");
    CHECK(copy != NULL && strcmp(copy, "wasi-libc allocates too") == 0);
    free(copy);
    CHECK(atexit(at_exit) == 0);
    void *zero = malloc(0);
    CHECK(zero != NULL);
    free(zero);
    test_blocks();
    test_merge();
    test_realloc();
    test_calloc();
    test_aligned();
    test_cap();
    return check_summary("malloc");
}
