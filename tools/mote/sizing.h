/*
 * sizing.h -- the arena a module needs: mote_measure()'s figures, plus the
 * room its memory can grow into.  Shared by inspect (the table of boards)
 * and run (the size to suggest when --arena is too small).
 */
#ifndef MOTE_CLI_SIZING_H
#define MOTE_CLI_SIZING_H

#include <stdbool.h>
#include <stddef.h>

#include <mote/mote.h>

/* The limits of the memory the instance itself holds -- memory 0 when the
 * module defines it rather than imports it; page_size 0 when there is none. */
mote_limits sizing_own_memory(const mote_module *module, const uint8_t *wasm, size_t len);

/* Bytes memory.grow can add to that memory in place, up to its declared
 * maximum or the cap (0: none); 0 without a maximum. */
size_t sizing_growth(const mote_limits *memory, uint64_t cap);

/* An arena with the memory grown: as mote_needs.total, the larger of the
 * load's peak and what stays, plus the arena's own bookkeeping. */
size_t sizing_grown_total(const mote_needs *needs, size_t growth);

/* All of it for one instance configuration; false if the module cannot
 * be loaded at all. */
bool sizing_arena_for(const uint8_t *wasm, size_t len, const mote_instance_config *cfg,
                      size_t *total);

#endif /* MOTE_CLI_SIZING_H */
