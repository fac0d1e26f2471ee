/*
 * constexpr.h -- constant expressions (global initialisers, segment
 * offsets, element items): validated at load, evaluated at instantiation,
 * both straight from the module bytes.
 */
#ifndef MOTE_CONSTEXPR_H
#define MOTE_CONSTEXPR_H

#include "reader.h"
#include "runtime.h"

/*
 * Validates the expression at r (up to and including its end opcode) and
 * checks that it yields one value of a subtype of `want`.  Globals below
 * `visible_globals` may be read if they are immutable and imported (Wasm
 * 2.0) or, with typed function references on (the Wasm 3.0 rule), defined
 * before.  ref.func marks its function as declared (declared[] = 1).  On
 * failure writes the message to err.
 */
mote_status const_validate(const mote_module *m, reader *r, vtype want, uint32_t visible_globals,
                           uint8_t *declared, mote_error *err);

/* Moves r past a validated expression (its end opcode included). */
void const_skip(reader *r, uint32_t features);

/* Evaluates a validated expression at wasm offset `at` for `inst`
 * (constexpr_eval.c, as the two below). */
mote_slot const_eval(mote_instance *inst, uint32_t at);

/* The same for the expression at *r, leaving r past its end opcode. */
mote_slot const_eval_read(mote_instance *inst, reader *r);

/* The same for an expression of type v128 (v128.const or global.get): its
 * bytes 0-7 to *lo, 8-15 to *hi. */
void const_eval_v128(mote_instance *inst, uint32_t at, mote_slot *lo, mote_slot *hi);

#endif
