/*
 * region_heap.h -- a first-fit allocator over one region of RAM, for the
 * module arenas on a board (spec_config.arena_alloc).
 *
 * Why not malloc(): picolibc's malloc() clears every block it returns,
 * which costs time in proportion to the block -- and an arena is the
 * biggest block there is, allocated once per module (hundreds per script).
 * An arena needs no clearing: the core clears what it uses.  It also keeps
 * the arenas in the board's free RAM (mote_hal_board()), apart from the
 * small malloc() heap the runner's bookkeeping and stdio use.
 *
 * Blocks are kept in address order; freeing merges neighbours.  One heap,
 * not thread-safe.  Under AddressSanitizer only the bytes handed out are
 * addressable, so an arena overrun is still caught.
 */
#ifndef MOTE_SPEC_REGION_HEAP_H
#define MOTE_SPEC_REGION_HEAP_H

#include <stddef.h>

/* Makes base[0..size) the heap (dropping whatever it held). */
void region_heap_init(void *base, size_t size);

/* A block of at least `bytes`, aligned for any type; NULL if none is free. */
void *region_heap_alloc(size_t bytes);

/* Gives back a block from region_heap_alloc() (NULL is ignored). */
void region_heap_free(void *block);

/* Bytes in free blocks, for sizing decisions. */
size_t region_heap_free_bytes(void);

/*
 * The most room the next module's arena gets for its memory to grow in
 * (spec_config.fit_headroom_now; only as much as the memory's maximum
 * allows, less if that much is not free).  The suite grows memories
 * without a maximum by up to 50 MiB (memory_grow.wast; 19 MiB in
 * call.wast): with plenty of RAM, half of what is free.  With little, 1
 * MiB, enough for all the other scripts, but at most a third of what is
 * free: a script may keep such modules alive to its end, and the rest must
 * still fit.
 */
size_t region_heap_headroom(void);

#endif
