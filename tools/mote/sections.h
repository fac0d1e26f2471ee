/*
 * sections.h -- what the CLI reads from a module's binary itself: the
 * limits of the memories and tables it defines (the core's API describes
 * imports and exports only), its custom sections (DWARF) and where its
 * code starts.  Use it only on a module the core has loaded: it checks
 * bounds but not validity.
 */
#ifndef MOTE_CLI_SECTIONS_H
#define MOTE_CLI_SECTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mote/mote.h>

typedef struct defined_item {
    mote_extern_kind kind;  /* MOTE_EXTERN_MEMORY or MOTE_EXTERN_TABLE */
    mote_valtype elem_type; /* tables */
    mote_limits limits;
} defined_item;

/* Fills items[0..max) with the module's own tables, then memories, in
 * index order (after imported ones); returns how many there are. */
size_t defined_tables_memories(const uint8_t *wasm, size_t len, defined_item *items, size_t max);

/* The payload of the custom section called `name` (e.g. ".debug_line"),
 * or NULL; *size is its length.  The first such section counts. */
const uint8_t *custom_section(const uint8_t *wasm, size_t len, const char *name, size_t *size);

/* The file offset where the code section's payload starts (what DWARF
 * addresses in a Wasm module count from), or 0 when there is none. */
size_t code_section_start(const uint8_t *wasm, size_t len);

#endif /* MOTE_CLI_SECTIONS_H */
