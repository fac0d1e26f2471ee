/*
 * syntax.h -- the binary grammar of instructions, without their meaning.
 *
 * The compiler validates and decodes in one pass, so the first error it
 * meets may be a validation error even when the module is also malformed
 * further on.  The specification decodes the whole module first, so a
 * malformed module must be reported as malformed: after a validation error
 * the loader re-reads the remaining bodies with this scanner.
 */
#ifndef MOTE_SYNTAX_H
#define MOTE_SYNTAX_H

#include "reader.h"

/* True for every single-byte opcode of the instruction set (0xFC included). */
bool opcode_exists(uint8_t op);

/* Reads a function body (locals, then instructions to the final end) from r,
 * which must end exactly where the body does.  On a malformation returns
 * false with r->err set. */
bool syntax_check_body(reader *r);

#endif
