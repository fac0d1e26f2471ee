/* value.c -- spec script values; see value.h. */
#include "value.h"
#include "nan.h"

#include <stdio.h>
#include <string.h>

static bool text_is(const char *text, size_t len, const char *s)
{
    return text && strlen(s) == len && memcmp(text, s, len) == 0;
}

bool spec_parse_u64(const char *text, size_t len, uint64_t *out)
{
    if (text == NULL || len == 0)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned d = (unsigned)(text[i] - '0');
        if (d > 9 || v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

void *spec_extern_ref(uint64_t n)
{
    if (n >= (uint64_t)UINTPTR_MAX)
        return NULL;
    return (void *)(uintptr_t)(n + 1);
}

static bool type_from_name(const char *type, size_t len, mote_valtype *out)
{
    static const struct {
        const char *name;
        mote_valtype type;
    } types[] = {
        {"i32", MOTE_I32},
        {"i64", MOTE_I64},
        {"f32", MOTE_F32},
        {"f64", MOTE_F64},
        {"v128", MOTE_V128},
        {"funcref", MOTE_FUNCREF},
        {"externref", MOTE_EXTERNREF},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (text_is(type, len, types[i].name)) {
            *out = types[i].type;
            return true;
        }
    return false;
}

static spec_parse parse_number(const char *value, size_t len, spec_value *out)
{
    bool is_float = out->type == MOTE_F32 || out->type == MOTE_F64;
    if (is_float && text_is(value, len, "nan:canonical")) {
        out->kind = SPEC_VALUE_NAN_CANONICAL;
        return SPEC_PARSE_OK;
    }
    if (is_float && text_is(value, len, "nan:arithmetic")) {
        out->kind = SPEC_VALUE_NAN_ARITHMETIC;
        return SPEC_PARSE_OK;
    }
    uint64_t bits;
    if (!spec_parse_u64(value, len, &bits))
        return SPEC_PARSE_BAD;
    bool is32 = out->type == MOTE_I32 || out->type == MOTE_F32;
    if (is32 && bits > UINT32_MAX)
        return SPEC_PARSE_BAD;
    out->kind = SPEC_VALUE_BITS;
    out->bits = bits;
    return SPEC_PARSE_OK;
}

static spec_parse parse_ref(const char *value, size_t len, spec_value *out)
{
    if (text_is(value, len, "null")) {
        out->kind = SPEC_VALUE_REF_NULL;
        return SPEC_PARSE_OK;
    }
    uint64_t n;
    if (!spec_parse_u64(value, len, &n))
        return SPEC_PARSE_BAD;
    if (out->type == MOTE_FUNCREF) {
        out->kind = SPEC_VALUE_REF_FUNC; /* (ref.func): any non-null */
        return SPEC_PARSE_OK;
    }
    if (spec_extern_ref(n) == NULL)
        return SPEC_PARSE_BAD;
    out->kind = SPEC_VALUE_REF_EXTERN;
    out->bits = n;
    return SPEC_PARSE_OK;
}

spec_parse spec_value_parse_v128(const char *lane_type, size_t lane_type_len,
                                 const char *const *lanes, const size_t *lens, size_t n,
                                 spec_value *out)
{
    static const struct {
        const char *name;
        uint8_t bits;
        bool is_float;
    } shapes[] = {
        {"i8", 8, false},   {"i16", 16, false}, {"i32", 32, false},
        {"i64", 64, false}, {"f32", 32, true},  {"f64", 64, true},
    };
    memset(out, 0, sizeof *out);
    out->type = MOTE_V128;
    out->kind = SPEC_VALUE_BITS;
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        if (text_is(lane_type, lane_type_len, shapes[i].name)) {
            out->lane_bits = shapes[i].bits;
            out->float_lanes = shapes[i].is_float;
        }
    if (out->lane_bits == 0 || n != 128u / out->lane_bits)
        return SPEC_PARSE_BAD;
    uint8_t bytes[16] = {0};
    size_t width = out->lane_bits / 8;
    for (size_t i = 0; i < n; i++) {
        uint64_t v;
        if (out->float_lanes && text_is(lanes[i], lens[i], "nan:canonical")) {
            out->lane_kind[i] = SPEC_VALUE_NAN_CANONICAL;
            continue;
        }
        if (out->float_lanes && text_is(lanes[i], lens[i], "nan:arithmetic")) {
            out->lane_kind[i] = SPEC_VALUE_NAN_ARITHMETIC;
            continue;
        }
        if (!spec_parse_u64(lanes[i], lens[i], &v) || (width < 8 && v >> (8 * width) != 0))
            return SPEC_PARSE_BAD;
        for (size_t b = 0; b < width; b++) /* lane 0 is the lowest-addressed */
            bytes[i * width + b] = (uint8_t)(v >> (8 * b));
    }
    for (size_t b = 0; b < 8; b++) {
        out->bits |= (uint64_t)bytes[b] << (8 * b);
        out->hi |= (uint64_t)bytes[8 + b] << (8 * b);
    }
    return SPEC_PARSE_OK;
}

spec_parse spec_value_parse(const char *type, size_t type_len, const char *value, size_t value_len,
                            spec_value *out)
{
    memset(out, 0, sizeof *out);
    if (!type_from_name(type, type_len, &out->type))
        return SPEC_PARSE_BAD;
    if (out->type == MOTE_V128)
        return SPEC_PARSE_UNSUPPORTED;
    if (value == NULL) {
        out->kind = SPEC_VALUE_TYPE_ONLY;
        return SPEC_PARSE_OK;
    }
    if (out->type == MOTE_FUNCREF || out->type == MOTE_EXTERNREF)
        return parse_ref(value, value_len, out);
    return parse_number(value, value_len, out);
}

size_t spec_type_slots(mote_valtype type)
{
    return type == MOTE_V128 ? 2 : 1;
}

/* Whether a v128 expectation is a pattern (has a NaN-class lane). */
static bool has_nan_lanes(const spec_value *v)
{
    for (size_t i = 0; i < 4; i++)
        if (v->lane_kind[i] != SPEC_VALUE_BITS)
            return true;
    return false;
}

bool spec_value_to_arg(const spec_value *v, mote_value *out)
{
    memset(out, 0, sizeof *out);
    switch (v->kind) {
    case SPEC_VALUE_BITS:
        if (v->type == MOTE_V128) {
            if (has_nan_lanes(v))
                return false;
            out[0].u64 = v->bits;
            memset(&out[1], 0, sizeof out[1]);
            out[1].u64 = v->hi;
        } else if (v->type == MOTE_I32 || v->type == MOTE_F32)
            out->u32 = (uint32_t)v->bits; /* f32 aliases these bits */
        else
            out->u64 = v->bits;
        return true;
    case SPEC_VALUE_REF_NULL: out->ref = NULL; return true;
    case SPEC_VALUE_REF_EXTERN: out->ref = spec_extern_ref(v->bits); return true;
    default: return false;
    }
}

static bool match_bits(const spec_value *e, mote_value got)
{
    bool is32 = e->type == MOTE_I32 || e->type == MOTE_F32;
    uint64_t bits = is32 ? got.u32 : got.u64;
    switch (e->kind) {
    case SPEC_VALUE_BITS: return bits == e->bits; /* floats too: -0 != +0, NaN payloads exact */
    case SPEC_VALUE_NAN_CANONICAL:
        return e->type == MOTE_F32 ? spec_f32_is_canonical_nan(got.u32)
                                   : spec_f64_is_canonical_nan(got.u64);
    case SPEC_VALUE_NAN_ARITHMETIC:
        return e->type == MOTE_F32 ? spec_f32_is_arithmetic_nan(got.u32)
                                   : spec_f64_is_arithmetic_nan(got.u64);
    default: return false;
    }
}

/* Lane by lane: bit patterns, or a NaN class for a float lane. */
static bool match_v128(const spec_value *e, const mote_value *got)
{
    size_t width = e->lane_bits / 8, n = 16 / width;
    for (size_t i = 0; i < n; i++) {
        size_t at = i * width; /* the lane's first byte */
        uint64_t want = (at < 8 ? e->bits >> (8 * at) : e->hi >> (8 * (at - 8)));
        uint64_t have = (at < 8 ? got[0].u64 >> (8 * at) : got[1].u64 >> (8 * (at - 8)));
        if (width < 8) {
            want &= (1ull << (8 * width)) - 1;
            have &= (1ull << (8 * width)) - 1;
        }
        bool ok;
        switch (e->float_lanes ? e->lane_kind[i] : SPEC_VALUE_BITS) {
        case SPEC_VALUE_NAN_CANONICAL:
            ok = width == 4 ? spec_f32_is_canonical_nan((uint32_t)have)
                            : spec_f64_is_canonical_nan(have);
            break;
        case SPEC_VALUE_NAN_ARITHMETIC:
            ok = width == 4 ? spec_f32_is_arithmetic_nan((uint32_t)have)
                            : spec_f64_is_arithmetic_nan(have);
            break;
        default: ok = have == want; break;
        }
        if (!ok)
            return false;
    }
    return true;
}

bool spec_value_matches_at(const spec_value *expected, mote_valtype got_type, const mote_value *got)
{
    if (expected->type == MOTE_V128 && got_type == MOTE_V128)
        return expected->kind == SPEC_VALUE_TYPE_ONLY || match_v128(expected, got);
    return spec_value_matches(expected, got_type, got[0]);
}

bool spec_value_matches(const spec_value *expected, mote_valtype got_type, mote_value got)
{
    if (expected->type != got_type || got_type == MOTE_V128)
        return false;
    switch (expected->kind) {
    case SPEC_VALUE_TYPE_ONLY: return true;
    case SPEC_VALUE_REF_NULL: return got.ref == NULL;
    case SPEC_VALUE_REF_FUNC: return got.ref != NULL;
    case SPEC_VALUE_REF_EXTERN: return got.ref == spec_extern_ref(expected->bits);
    default: return match_bits(expected, got);
    }
}

const char *spec_type_name(mote_valtype type, char scratch[16])
{
    switch (type) {
    case MOTE_I32: return "i32";
    case MOTE_I64: return "i64";
    case MOTE_F32: return "f32";
    case MOTE_F64: return "f64";
    case MOTE_V128: return "v128";
    case MOTE_FUNCREF: return "funcref";
    case MOTE_EXTERNREF: return "externref";
    default: snprintf(scratch, 16, "type 0x%02x", (unsigned)type); return scratch;
    }
}

/* ---- printing ------------------------------------------------------------ */

/* Decimal without %llu: newlib-nano's printf lacks long long. */
static void u64_dec(char out[21], uint64_t v)
{
    char tmp[21];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

static void u64_hex(char out[17], uint64_t v, int digits)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < digits; i++)
        out[i] = hex[(v >> (4 * (digits - 1 - i))) & 15];
    out[digits] = '\0';
}

static void float_note(char *buf, size_t cap, mote_valtype type, uint64_t bits)
{
    if (type == MOTE_F32 ? spec_f32_is_nan((uint32_t)bits) : spec_f64_is_nan(bits)) {
        bool canonical = type == MOTE_F32 ? spec_f32_is_canonical_nan((uint32_t)bits)
                                          : spec_f64_is_canonical_nan(bits);
        snprintf(buf, cap, canonical ? "canonical nan" : "nan");
    } else if (type == MOTE_F32) {
        float f;
        uint32_t b = (uint32_t)bits;
        memcpy(&f, &b, sizeof f);
        snprintf(buf, cap, "%.9g", (double)f);
    } else {
        double d;
        memcpy(&d, &bits, sizeof d);
        snprintf(buf, cap, "%.17g", d);
    }
}

static void format_bits(char *buf, size_t cap, mote_valtype type, uint64_t bits)
{
    char num[21], note[40], scratch[16];
    const char *name = spec_type_name(type, scratch);
    if (type == MOTE_I32 || type == MOTE_I64) {
        u64_dec(num, bits);
        bool negative = type == MOTE_I32 ? (bits >> 31) != 0 : (bits >> 63) != 0;
        uint64_t mag = type == MOTE_I32 ? (uint64_t)(~(uint32_t)bits) + 1 : ~bits + 1;
        u64_dec(note, mag);
        if (negative)
            snprintf(buf, cap, "%s:%s (-%s)", name, num, note);
        else
            snprintf(buf, cap, "%s:%s", name, num);
        return;
    }
    u64_hex(num, bits, type == MOTE_F32 ? 8 : 16);
    float_note(note, sizeof note, type, bits);
    snprintf(buf, cap, "%s:0x%s (%s)", name, num, note);
}

/* "i32x4:00000001 00000002 ..." (hex lanes; a NaN class by name). */
static void format_v128(char *buf, size_t cap, const spec_value *v, uint64_t lo, uint64_t hi)
{
    size_t width = v->lane_bits / 8, n = 16 / width, len;
    char lane[20];
    snprintf(buf, cap, "%s%ux%u:", v->float_lanes ? "f" : "i", (unsigned)v->lane_bits, (unsigned)n);
    for (size_t i = 0; i < n; i++) {
        size_t at = i * width;
        uint64_t bits = at < 8 ? lo >> (8 * at) : hi >> (8 * (at - 8));
        uint8_t kind = v->float_lanes ? v->lane_kind[i] : SPEC_VALUE_BITS;
        if (kind == SPEC_VALUE_NAN_CANONICAL)
            snprintf(lane, sizeof lane, "nan:canonical");
        else if (kind == SPEC_VALUE_NAN_ARITHMETIC)
            snprintf(lane, sizeof lane, "nan:arithmetic");
        else
            u64_hex(lane, bits, (int)(2 * width));
        len = strlen(buf);
        snprintf(buf + len, len < cap ? cap - len : 0, "%s%s", i ? " " : "", lane);
    }
}

void spec_value_format(char *buf, size_t cap, const spec_value *v)
{
    char scratch[16], num[21];
    const char *name = spec_type_name(v->type, scratch);
    if (v->type == MOTE_V128 && v->kind == SPEC_VALUE_BITS) {
        format_v128(buf, cap, v, v->bits, v->hi);
        return;
    }
    switch (v->kind) {
    case SPEC_VALUE_BITS: format_bits(buf, cap, v->type, v->bits); return;
    case SPEC_VALUE_NAN_CANONICAL: snprintf(buf, cap, "%s:nan:canonical", name); return;
    case SPEC_VALUE_NAN_ARITHMETIC: snprintf(buf, cap, "%s:nan:arithmetic", name); return;
    case SPEC_VALUE_REF_NULL: snprintf(buf, cap, "%s:null", name); return;
    case SPEC_VALUE_REF_FUNC: snprintf(buf, cap, "funcref:non-null"); return;
    case SPEC_VALUE_TYPE_ONLY: snprintf(buf, cap, "%s:any", name); return;
    case SPEC_VALUE_REF_EXTERN:
        u64_dec(num, v->bits);
        snprintf(buf, cap, "externref:%s", num);
        return;
    }
    snprintf(buf, cap, "?");
}

void spec_result_format(char *buf, size_t cap, mote_valtype type, mote_value v)
{
    char scratch[16], num[21];
    const char *name = spec_type_name(type, scratch);
    switch (type) {
    case MOTE_I32:
    case MOTE_F32: format_bits(buf, cap, type, v.u32); return;
    case MOTE_I64:
    case MOTE_F64: format_bits(buf, cap, type, v.u64); return;
    case MOTE_EXTERNREF:
        if (v.ref == NULL) {
            snprintf(buf, cap, "%s:null", name);
        } else {
            u64_dec(num, (uint64_t)((uintptr_t)v.ref - 1)); /* inverse of spec_extern_ref */
            snprintf(buf, cap, "%s:%s", name, num);
        }
        return;
    case MOTE_FUNCREF: snprintf(buf, cap, v.ref ? "%s:non-null" : "%s:null", name); return;
    default: snprintf(buf, cap, "%s", name); return;
    }
}

void spec_result_format_at(char *buf, size_t cap, mote_valtype type, const mote_value *v)
{
    if (type != MOTE_V128) {
        spec_result_format(buf, cap, type, v[0]);
        return;
    }
    spec_value shape;
    memset(&shape, 0, sizeof shape);
    shape.lane_bits = 32;
    format_v128(buf, cap, &shape, v[0].u64, v[1].u64);
}
