/*
 * scratch.h -- loading a module into an arena that is surely big enough,
 * for the subcommands that only look at it (validate, inspect).
 */
#ifndef MOTE_CLI_SCRATCH_H
#define MOTE_CLI_SCRATCH_H

#include <mote/mote.h>

typedef struct scratch {
    void *buf;
    mote_arena *arena;
} scratch;

/*
 * Loads wasm into a fresh arena, growing it while the load reports
 * MOTE_ERR_NO_MEMORY.  On failure the arena's error record says why (or,
 * if no arena could be had, the status is MOTE_ERR_NO_MEMORY and
 * s->arena is NULL).  scratch_free() releases it either way.
 */
mote_status scratch_load(scratch *s, const uint8_t *wasm, size_t len, mote_module **out);
void scratch_free(scratch *s);

#endif /* MOTE_CLI_SCRATCH_H */
