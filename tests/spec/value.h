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
 *   v128              {"type": "v128", "lane_type": L, "value": [lanes]}: L is
 *                     i8 i16 i32 i64 f32 or f64, each lane an unsigned
 *                     decimal bit pattern, or for float lanes of results a
 *                     NaN class as above (spec_value_parse_v128).  A v128
 *                     argument or result takes two mote_values (mote.h).
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
    SPEC_VALUE_BITS, /* an exact bit pattern */
    SPEC_VALUE_NAN_CANONICAL,
    SPEC_VALUE_NAN_ARITHMETIC,
    SPEC_VALUE_REF_NULL,
    SPEC_VALUE_REF_EXTERN, /* host reference `bits` */
    SPEC_VALUE_REF_FUNC,   /* any non-null funcref */
    SPEC_VALUE_TYPE_ONLY   /* no value given */
} spec_value_kind;

typedef struct spec_value {
    mote_valtype type;
    spec_value_kind kind;
    uint64_t bits; /* a v128: bytes 0-7 */
    /* v128 only: bytes 8-15, the lane shape, and each float lane's kind
     * (SPEC_VALUE_BITS or a NaN class; lanes of 32 or 64 bits) */
    uint64_t hi;
    uint8_t lane_bits; /* 8, 16, 32 or 64 */
    bool float_lanes;
    uint8_t lane_kind[4];
} spec_value;

typedef enum spec_parse {
    SPEC_PARSE_OK,
    SPEC_PARSE_UNSUPPORTED, /* a type the runner cannot run (v128 given as a
                               single value) */
    SPEC_PARSE_BAD          /* not a value wast2json writes */
} spec_parse;

/*
 * Parses a value from its type name and value text (value NULL when the
 * JSON has no "value").  Lengths are explicit; nothing needs NUL.
 */
spec_parse spec_value_parse(const char *type, size_t type_len, const char *value, size_t value_len,
                            spec_value *out);

/* A v128 from its lane type ("i8", ... "f64") and lane texts lanes[0..n)
 * of lens[0..n) bytes; n must be 128 / lane bits. */
spec_parse spec_value_parse_v128(const char *lane_type, size_t lane_type_len,
                                 const char *const *lanes, const size_t *lens, size_t n,
                                 spec_value *out);

/* Unsigned decimal text to a number; false on anything else or overflow. */
bool spec_parse_u64(const char *text, size_t len, uint64_t *out);

/* The host pointer standing for host reference n; NULL if n cannot be one. */
void *spec_extern_ref(uint64_t n);

/*
 * The value as a call argument: out[0], and out[1] too for a v128.  False
 * for patterns (NaN classes, any funcref, type only), which are not
 * arguments.
 */
bool spec_value_to_arg(const spec_value *v, mote_value *out);

/* The mote_values a value of this type takes: 2 for v128, else 1. */
size_t spec_type_slots(mote_valtype type);

/* Whether a result of type got_type and value got matches the expectation;
 * the _at form reads a v128 from got[0..1]. */
bool spec_value_matches(const spec_value *expected, mote_valtype got_type, mote_value got);
bool spec_value_matches_at(const spec_value *expected, mote_valtype got_type,
                           const mote_value *got);

/* "i32", "f64", "externref", ...; "type 0xNN" for others. */
const char *spec_type_name(mote_valtype type, char scratch[16]);

/*
 * Human-readable forms for failure messages, written to buf[0..cap) and
 * always NUL-terminated: "i32:4294967295 (-1)", "f32:0x7fc00000 (nan)",
 * "f64:nan:canonical", "externref:7", "funcref:null".
 */
void spec_value_format(char *buf, size_t cap, const spec_value *v);
void spec_result_format(char *buf, size_t cap, mote_valtype type, mote_value v);
/* The same for a result at v[0] (v[0..1] for a v128: "v128:i32x4 1 2 3 4"). */
void spec_result_format_at(char *buf, size_t cap, mote_valtype type, const mote_value *v);

#endif
