/*
 * value.h -- the values of spec scripts: parsing, matching, printing.
 *
 * wast2json writes each value as {"type": T, "value": V}:
 *   i32 i64 f32 f64   V is the unsigned decimal bit pattern ("4294967295",
 *                     "2143289344"); for f32/f64 results V may instead be
 *                     "nan:canonical" or "nan:arithmetic" (see nan.h).
 *   funcref           V is "null", or a number for the spec's (ref.func)
 *                     result pattern, which means "any non-null funcref"
 *                     (wast2json 1.0.32 writes a number there; no funcref
 *                     argument is ever non-null).
 *   externref         V is "null" or "N", the host reference N.  The runner
 *                     passes host reference N as the pointer value N + 1
 *                     (spec_extern_ref), so ref.extern 0 is not NULL, and
 *                     every N maps to a distinct pointer.
 *   v128              not supported yet: parsing reports it so the command
 *                     is skipped and counted, never passed.
 * A value without "value" (assert_trap's "expected" lists) is a type only.
 *
 * Only mote.h's types are used here, not the core's functions, so the unit
 * tests can build this without the core.
 */
#ifndef MOTE_SPEC_VALUE_H
#define MOTE_SPEC_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mote/mote.h>

typedef enum spec_value_kind {
    SPEC_VALUE_BITS,            /* an exact bit pattern */
    SPEC_VALUE_NAN_CANONICAL,
    SPEC_VALUE_NAN_ARITHMETIC,
    SPEC_VALUE_REF_NULL,
    SPEC_VALUE_REF_EXTERN,      /* host reference `bits` */
    SPEC_VALUE_REF_FUNC,        /* any non-null funcref */
    SPEC_VALUE_TYPE_ONLY        /* no value given */
} spec_value_kind;

typedef struct spec_value {
    mote_valtype type;
    spec_value_kind kind;
    uint64_t bits;
} spec_value;

typedef enum spec_parse {
    SPEC_PARSE_OK,
    SPEC_PARSE_UNSUPPORTED,     /* a type the runner cannot run yet (v128) */
    SPEC_PARSE_BAD              /* not a value wast2json writes */
} spec_parse;

/*
 * Parses a value from its type name and value text (value NULL when the
 * JSON has no "value").  Lengths are explicit; nothing needs NUL.
 */
spec_parse spec_value_parse(const char *type, size_t type_len,
                            const char *value, size_t value_len, spec_value *out);

/* Unsigned decimal text to a number; false on anything else or overflow. */
bool spec_parse_u64(const char *text, size_t len, uint64_t *out);

/* The host pointer standing for host reference n; NULL if n cannot be one. */
void *spec_extern_ref(uint64_t n);

/*
 * The value as a call argument.  False for patterns (NaN classes, any
 * funcref, type only), which are not arguments.
 */
bool spec_value_to_arg(const spec_value *v, mote_value *out);

/* Whether a result of type got_type and value got matches the expectation. */
bool spec_value_matches(const spec_value *expected, mote_valtype got_type, mote_value got);

/* "i32", "f64", "externref", ...; "type 0xNN" for others. */
const char *spec_type_name(mote_valtype type, char scratch[16]);

/*
 * Human-readable forms for failure messages, written to buf[0..cap) and
 * always NUL-terminated: "i32:4294967295 (-1)", "f32:0x7fc00000 (nan)",
 * "f64:nan:canonical", "externref:7", "funcref:null".
 */
void spec_value_format(char *buf, size_t cap, const spec_value *v);
void spec_result_format(char *buf, size_t cap, mote_valtype type, mote_value v);

#endif
