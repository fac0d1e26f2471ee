/*
 * syntax.h -- the binary grammar of instructions, without their meaning.
 *
 * The compiler validates and decodes in one pass, so the first error it
 * meets may be a validation error even when the module is also malformed
 * further on.  The specification decodes the whole module first, so a
 * malformed module must be reported as malformed: after a validation error
 * the loader re-reads the remaining bodies with this scanner.  Both read
 * opcodes with syntax_read_op(), so the two cannot disagree on what exists.
 */
#ifndef MOTE_SYNTAX_H
#define MOTE_SYNTAX_H

#include "reader.h"
#include "wasm_ops.h"

/* r->err of an encoding that names no instruction: the same text in every
 * build (without messages, the kept text MSG_ILLEGAL_OPCODE), so that the
 * compiler can tell it (by address, or number) from other reader failures
 * and name the opcode. */
#if MOTE_WITH_MESSAGES
extern const char syntax_illegal_opcode[];
#else
#define syntax_illegal_opcode MSG_ILLEGAL_OPCODE
#endif

/* Reads one opcode (with its prefix and sub-opcode): *op is the instruction
 * (wasm_ops.h), *prefix 0 or the prefix byte, *code the opcode byte or
 * sub-opcode.  An encoding that names no instruction, or one whose feature
 * is not among `features`, fails with r->err syntax_illegal_opcode (*prefix
 * and *code still say what was read). */
bool syntax_read_op(reader *r, uint32_t features, wasm_op *op, uint32_t *prefix, uint32_t *code);

/* Skips the immediates of an instruction whose immediates have this shape
 * (some shapes depend on the load's features: multiple memories, memory64). */
bool syntax_skip_immediates(reader *r, wasm_imm shape, uint32_t features);

/* Reads a function body (locals, then instructions to the final end) from r,
 * which must end exactly where the body does.  On a malformation returns
 * false with r->err set. */
bool syntax_check_body(reader *r, uint32_t features);

#endif
