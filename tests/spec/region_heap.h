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
 * not thread-safe.
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

#endif
