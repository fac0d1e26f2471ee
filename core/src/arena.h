/*
 * arena.h -- the bump allocator every core object comes from.
 *
 * An arena is one buffer with two ends.  Persistent objects (modules,
 * instances, linear memory) are carved from the bottom and live until the
 * arena is reset or rolled back to a mark.  Scratch space for the loader
 * (control stacks, operand stacks) is carved from the top and released when
 * the load ends.  Nothing is ever freed individually, so there is no
 * fragmentation and no leak across reloads.
 */
#ifndef MOTE_ARENA_H
#define MOTE_ARENA_H

#include "mote/mote.h"

#define MOTE_ALIGN 8u
#define MOTE_ALIGN_UP(n) (((n) + (MOTE_ALIGN - 1)) & ~(size_t)(MOTE_ALIGN - 1))

struct mote_arena {
    uint8_t *base;          /* first usable byte, 8-aligned */
    size_t size;            /* usable bytes from base */
    size_t bottom;          /* persistent bytes in use: [0, bottom) */
    size_t top;             /* scratch region: [top, size) */
    size_t header;          /* bytes taken before base (this struct, alignment) */
    size_t peak;            /* high-water mark of mote_arena_used() */
    uint32_t alloc_count;   /* allocations so far (for fault injection) */
    uint32_t fail_at;       /* if non-zero, the fail_at-th allocation fails */
    uint32_t grow_refusals; /* memory/table growth refused for lack of room */
    mote_error error;
};

/* The bookkeeping at the start of every arena buffer takes this many bytes
 * on every target (the struct is smaller, and differs between 32- and
 * 64-bit CPUs), so arena figures measured on the PC hold on a board. */
#define MOTE_ARENA_HEADER 320u
_Static_assert(sizeof(struct mote_arena) <= MOTE_ARENA_HEADER, "arena header grew");

/*
 * Sizes a module or a guest declares (pages, elements, segment lengths)
 * reach 2^32 and more once multiplied by a page or element size, which a
 * 32-bit size_t cannot hold.  So the allocator takes byte counts as
 * uint64_t: a count is compared with the free bytes (which fit size_t)
 * before anything narrows it, and the callers compute their counts in 64
 * bits (see docs/security.md for every such computation).
 */

/* Persistent allocation from the bottom, 8-aligned, not zeroed.  NULL if
 * the n bytes (any value) do not fit. */
void *arena_alloc(mote_arena *a, uint64_t n);

/* Same, zero-filled. */
void *arena_zalloc(mote_arena *a, uint64_t n);

/* Scratch allocation from the top, 8-aligned.  NULL if full. */
void *arena_scratch(mote_arena *a, uint64_t n);

/* n rounded up to MOTE_ALIGN, for any n below 2^63 (64-bit layouts). */
static inline uint64_t align_up64(uint64_t n)
{
    return (n + (MOTE_ALIGN - 1)) & ~(uint64_t)(MOTE_ALIGN - 1);
}

/* True if n bytes can be a size_t on this CPU. */
static inline bool size_fits(uint64_t n)
{
    return (uint64_t)(size_t)n == n;
}

/* Sets the arena's error for an allocation of `need` bytes (64-bit, as
 * computed) that did not fit: "arena too small" with both figures, or,
 * when no arena on this CPU could hold it, that the target cannot address
 * it.  `what` names the object and says what it needs ("the instance
 * needs", "loading this module needs at least"), the figure follows.  Returns
 * MOTE_ERR_NO_MEMORY or MOTE_ERR_LIMIT. */
mote_status arena_no_room(mote_arena *a, const char *what, uint64_t need);

/* Gives back the most recent scratch allocation p and everything after it. */
void arena_release_scratch(mote_arena *a, void *p);

/* Bytes still free between the two ends. */
size_t arena_free(const mote_arena *a);

/* Marks and roll-backs.  A mark records both ends. */
typedef struct arena_mark {
    size_t bottom, top;
} arena_mark;

arena_mark arena_get_mark(const mote_arena *a);
void arena_rollback(mote_arena *a, arena_mark m);

/* Tries to extend the persistent block that ends at the bottom mark and
 * starts at `block` from `old_size` to `new_size` bytes in place (any
 * new_size: what does not fit is refused). */
bool arena_grow_last(mote_arena *a, void *block, uint64_t old_size, uint64_t new_size);

/* Test hook: make the k-th allocation from now fail (0 disables). */
void mote_arena_fail_at(mote_arena *a, uint32_t k);

#endif
