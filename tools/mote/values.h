/*
 * values.h -- WebAssembly values as text, for `mote run --invoke`:
 * arguments parsed by their parameter type, results printed.
 */
#ifndef MOTE_CLI_VALUES_H
#define MOTE_CLI_VALUES_H

#include <stdbool.h>

#include <mote/mote.h>

/*
 * Parses text as a value of `type`:
 *   i32, i64   decimal or 0x hex, with an optional '-'; unsigned values up
 *              to 2^32-1 (2^64-1) give the same bit pattern
 *   f32, f64   decimal or hex floats (1.5, -2e-3, 0x1.8p1), inf, -inf,
 *              nan, -nan, nan:0x<payload>
 *   funcref, externref   null
 * False if it is not one.
 */
bool value_parse(const char *text, mote_valtype type, mote_value *out);

/* What value_parse() accepts for a type, for error messages. */
const char *value_syntax(mote_valtype type);

/*
 * Formats a value: integers in signed decimal, floats in the shortest
 * form that reads back to the same bits (inf, -inf, nan, nan:0x... for
 * other payloads), references as null or a description.  buf holds 48.
 */
const char *value_format(mote_value v, mote_valtype type, char buf[48]);

#endif /* MOTE_CLI_VALUES_H */
