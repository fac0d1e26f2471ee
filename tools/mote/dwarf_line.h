/*
 * dwarf_line.h -- source places for backtraces: the DWARF line table
 * (.debug_line, versions 2 to 5) of a module built with debug information
 * (clang -g, the SDK's DEBUG option).  In a Wasm module DWARF addresses are
 * offsets into the code section's payload; mote's frames carry file
 * offsets, and this converts.  Bounds are checked on every read: a damaged
 * table gives no place, never a wrong read.
 */
#ifndef MOTE_CLI_DWARF_LINE_H
#define MOTE_CLI_DWARF_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dwarf_lines {
    const uint8_t *line, *line_str, *str; /* the sections, or NULL */
    size_t line_size, line_str_size, str_size;
    size_t code_start; /* file offset of address 0 */
} dwarf_lines;

/* Finds the module's line table; false when it has none. */
bool dwarf_lines_open(dwarf_lines *d, const uint8_t *wasm, size_t len);

/* Writes "file.c:12" for the instruction at file offset `offset` into
 * out[0..cap); returns the length, or 0 when the table does not say. */
size_t dwarf_lines_lookup(const dwarf_lines *d, uint32_t offset, char *out, size_t cap);

#endif /* MOTE_CLI_DWARF_LINE_H */
