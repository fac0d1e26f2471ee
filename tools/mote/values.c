/* WebAssembly values as text; see values.h. */
#include "values.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define F32_SIGN 0x80000000u
#define F32_EXP 0x7F800000u
#define F32_QUIET 0x00400000u
#define F64_SIGN 0x8000000000000000ull
#define F64_EXP 0x7FF0000000000000ull
#define F64_QUIET 0x0008000000000000ull

/* An integer of `bits` bits: signed or unsigned range, decimal or 0x hex. */
static bool parse_int(const char *text, unsigned bits, uint64_t *out)
{
    bool negative = text[0] == '-';
    const char *digits = text + (negative || text[0] == '+');
    if (!isdigit((unsigned char)digits[0]))
        return false;
    char *end;
    errno = 0;
    unsigned long long magnitude = strtoull(digits, &end, 0);
    if (errno != 0 || *end != '\0')
        return false;
    uint64_t mask = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
    if (negative) {
        uint64_t most = 1ull << (bits - 1); /* -2^(bits-1) is the floor */
        if (magnitude > most)
            return false;
        *out = (0 - (uint64_t)magnitude) & mask;
    } else {
        if (magnitude > mask)
            return false;
        *out = magnitude;
    }
    return true;
}

/* "nan", "-nan", "+nan", "nan:0x..." as raw bits; false if not a NaN. */
static bool parse_nan(const char *text, bool f64, uint64_t *bits)
{
    bool negative = text[0] == '-';
    const char *p = text + (negative || text[0] == '+');
    if (strncmp(p, "nan", 3) != 0)
        return false;
    uint64_t exp = f64 ? F64_EXP : F32_EXP;
    uint64_t payload = f64 ? F64_QUIET : F32_QUIET; /* canonical */
    if (p[3] == ':') {
        uint64_t max = f64 ? 0x000FFFFFFFFFFFFFull : 0x007FFFFFu;
        if (strncmp(p + 4, "0x", 2) != 0 || !parse_int(p + 4, 64, &payload) || payload == 0 ||
            payload > max)
            return false;
    } else if (p[3] != '\0') {
        return false;
    }
    *bits = (negative ? (f64 ? F64_SIGN : F32_SIGN) : 0) | exp | payload;
    return true;
}

static bool parse_float(const char *text, bool f64, mote_value *out)
{
    uint64_t bits;
    if (parse_nan(text, f64, &bits)) {
        if (f64)
            out->u64 = bits;
        else
            out->u32 = (uint32_t)bits;
        return true;
    }
    if (text[0] == '\0' || isspace((unsigned char)text[0]))
        return false;
    char *end;
    errno = 0;
    if (f64)
        out->f64 = strtod(text, &end);
    else
        out->f32 = strtof(text, &end);
    /* ERANGE with a tiny result is fine (a denormal or 0); overflow is not. */
    bool overflow = errno == ERANGE && (f64 ? isinf(out->f64) : isinf(out->f32));
    return *end == '\0' && !overflow && strncmp(text, "nan", 3) != 0;
}

bool value_parse(const char *text, mote_valtype type, mote_value *out)
{
    memset(out, 0, sizeof *out);
    uint64_t n;
    switch (type) {
    case MOTE_I32:
        if (!parse_int(text, 32, &n))
            return false;
        out->u32 = (uint32_t)n;
        return true;
    case MOTE_I64:
        if (!parse_int(text, 64, &n))
            return false;
        out->u64 = n;
        return true;
    case MOTE_F32: return parse_float(text, false, out);
    case MOTE_F64: return parse_float(text, true, out);
    case MOTE_FUNCREF:
    case MOTE_EXTERNREF: out->ref = NULL; return strcmp(text, "null") == 0;
    default: return false;
    }
}

const char *value_syntax(mote_valtype type)
{
    switch (type) {
    case MOTE_I32:
    case MOTE_I64: return "a decimal or 0x hex integer, e.g. 42, -7, 0xff";
    case MOTE_F32:
    case MOTE_F64: return "a number, e.g. 1.5, -2e-3, 0x1.8p1, inf, nan, nan:0x1";
    case MOTE_FUNCREF:
    case MOTE_EXTERNREF: return "null";
    default: return "nothing: mote cannot pass this type";
    }
}

/* Shortest %g form that reads back as the same float. */
static void format_float(double v, bool f64, char buf[48])
{
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(buf, 48, "%.*g", precision, v);
        if (f64 ? strtod(buf, NULL) == v : strtof(buf, NULL) == (float)v)
            return;
    }
}

static const char *format_nan(uint64_t bits, bool f64, char buf[48])
{
    bool negative = bits & (f64 ? F64_SIGN : F32_SIGN);
    uint64_t payload = bits & (f64 ? 0x000FFFFFFFFFFFFFull : 0x007FFFFFu);
    if (payload == (f64 ? F64_QUIET : F32_QUIET))
        snprintf(buf, 48, "%snan", negative ? "-" : "");
    else
        snprintf(buf, 48, "%snan:0x%llx", negative ? "-" : "", (unsigned long long)payload);
    return buf;
}

const char *value_format(mote_value v, mote_valtype type, char buf[48])
{
    switch (type) {
    case MOTE_I32: snprintf(buf, 48, "%d", (int)v.i32); break;
    case MOTE_I64: snprintf(buf, 48, "%lld", (long long)v.i64); break;
    case MOTE_F32:
        if (isnan(v.f32))
            return format_nan(v.u32, false, buf);
        format_float(v.f32, false, buf);
        break;
    case MOTE_F64:
        if (isnan(v.f64))
            return format_nan(v.u64, true, buf);
        format_float(v.f64, true, buf);
        break;
    case MOTE_FUNCREF: snprintf(buf, 48, "%s", v.ref == NULL ? "null" : "funcref"); break;
    case MOTE_EXTERNREF:
        if (v.ref == NULL)
            snprintf(buf, 48, "null");
        else
            snprintf(buf, 48, "externref:%p", v.ref);
        break;
    default: snprintf(buf, 48, "?");
    }
    return buf;
}
