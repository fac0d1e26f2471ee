/*
 * sections.h -- the limits of the memories and tables a module defines
 * itself.  The core's API describes imports and exports only, so a memory
 * that is not exported is read here, from the binary.  Use it only on a
 * module the core has loaded: it checks bounds but not validity.
 */
#ifndef MOTE_CLI_SECTIONS_H
#define MOTE_CLI_SECTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mote/mote.h>

typedef struct defined_item {
    mote_extern_kind kind;      /* MOTE_EXTERN_MEMORY or MOTE_EXTERN_TABLE */
    mote_valtype elem_type;     /* tables */
    mote_limits limits;
} defined_item;

/* Fills items[0..max) with the module's own tables, then memories, in
 * index order (after imported ones); returns how many there are. */
size_t defined_tables_memories(const uint8_t *wasm, size_t len, defined_item *items, size_t max);

#endif /* MOTE_CLI_SECTIONS_H */
