/* error.c -- messages for status codes and traps, and a small formatter. */
#include "error.h"
#include "numeric.h"

#include <string.h>

const char *mote_trap_message(mote_trap trap)
{
    switch (trap) {
    case MOTE_TRAP_NONE: return "no trap";
    case MOTE_TRAP_UNREACHABLE: return "unreachable";
    case MOTE_TRAP_MEMORY_OUT_OF_BOUNDS: return "out of bounds memory access";
    case MOTE_TRAP_TABLE_OUT_OF_BOUNDS: return "out of bounds table access";
    case MOTE_TRAP_UNDEFINED_ELEMENT: return "undefined element";
    case MOTE_TRAP_UNINITIALIZED_ELEMENT: return "uninitialized element";
    case MOTE_TRAP_INDIRECT_CALL_TYPE: return "indirect call type mismatch";
    case MOTE_TRAP_DIVIDE_BY_ZERO: return "integer divide by zero";
    case MOTE_TRAP_INTEGER_OVERFLOW: return "integer overflow";
    case MOTE_TRAP_INVALID_CONVERSION: return "invalid conversion to integer";
    case MOTE_TRAP_STACK_EXHAUSTED: return "call stack exhausted";
    case MOTE_TRAP_HOST: return "host trap";
    case MOTE_TRAP_NULL_REFERENCE: return "null reference";
    case MOTE_TRAP_NULL_FUNCTION: return "null function reference";
    case MOTE_TRAP_NULL_EXCEPTION: return "null exception reference";
    }
    return "unknown trap";
}

const char *mote_status_name(mote_status status)
{
    switch (status) {
    case MOTE_OK: return "ok";
    case MOTE_ERR_MALFORMED: return "malformed";
    case MOTE_ERR_INVALID: return "invalid";
    case MOTE_ERR_LIMIT: return "limit exceeded";
    case MOTE_ERR_NO_MEMORY: return "arena too small";
    case MOTE_ERR_UNLINKABLE: return "unlinkable";
    case MOTE_ERR_NOT_FOUND: return "not found";
    case MOTE_ERR_ARGUMENT: return "bad argument";
    case MOTE_ERR_STATE: return "bad state";
    case MOTE_TRAP: return "trap";
    case MOTE_PAUSED: return "paused";
    case MOTE_EXIT: return "exit";
    case MOTE_ERR_UNSUPPORTED: return "not in this build";
    case MOTE_EXCEPTION: return "uncaught exception";
    }
    return "unknown status";
}

const char *mote_valtype_name(mote_valtype t)
{
    switch (t) {
    case MOTE_I32: return "i32";
    case MOTE_I64: return "i64";
    case MOTE_F32: return "f32";
    case MOTE_F64: return "f64";
    case MOTE_V128: return "v128";
    case MOTE_FUNCREF: return "funcref";
    case MOTE_EXTERNREF: return "externref";
    case MOTE_EXNREF: return "exnref";
    case MOTE_ANYREF: return "anyref";
    }
    return "?";
}

/* An output cursor that drops what does not fit. */
typedef struct out {
    char *buf;
    size_t size, len;
} out;

static void put_char(out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_bytes(out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_char(o, s[i]);
}

static void put_unsigned(out *o, uint64_t v, unsigned base)
{
    char digits[24];
    int n = 0;
    do {
        uint64_t d;
        v = divmod_u64(v, base, &d);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    } while (v);
    while (n)
        put_char(o, digits[--n]);
}

static void put_signed(out *o, int64_t v)
{
    if (v < 0) {
        put_char(o, '-');
        put_unsigned(o, (uint64_t)0 - (uint64_t)v, 10);
    } else {
        put_unsigned(o, (uint64_t)v, 10);
    }
}

/* A message (error.h): its text, or its code's "@" tag line. */
#if MOTE_WITH_MESSAGES
static void put_msg(out *o, msg_t m)
{
    put_bytes(o, m ? m : "(null)", m ? strlen(m) : 6);
}
#else
static void put_msg(out *o, unsigned m)
{
    static const char kept[][16] = {"", MOTE_MSG_KEPT_1_, MOTE_MSG_KEPT_2_};
    /* a tag is one or two letters: two bytes, no terminator needed */
    static const char tags[16][2] = {
#define F(i, t) [i] = t,
        MOTE_MSG_FILES(F)
#undef F
            [15] = "?"};
    if (m >> 12 == 0) {
        const char *s = m < sizeof kept / sizeof kept[0] ? kept[m] : "?";
        put_bytes(o, s, strlen(s));
        return;
    }
    const char *tag = tags[m >> 12];
    put_char(o, '@');
    put_bytes(o, tag, tag[1] ? 2 : 1);
    put_unsigned(o, m & 0xFFFu, 10);
}
#endif

size_t error_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    out o = {buf, size, 0};
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            put_char(&o, *p);
            continue;
        }
        p++;
        switch (*p) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            put_bytes(&o, s ? s : "(null)", s ? strlen(s) : 6);
            break;
        }
        case '.': /* "%.*s" */
            if (p[1] == '*' && p[2] == 's') {
                int n = va_arg(ap, int);
                const char *s = va_arg(ap, const char *);
                put_bytes(&o, s, n > 0 ? (size_t)n : 0);
                p += 2;
            }
            break;
#if MOTE_WITH_MESSAGES
        case 'm': put_msg(&o, va_arg(ap, msg_t)); break;
#else
        case 'm': put_msg(&o, va_arg(ap, unsigned)); break; /* promoted from msg_t */
#endif
        case 'd': put_signed(&o, va_arg(ap, int)); break;
        case 'u': put_unsigned(&o, va_arg(ap, unsigned), 10); break;
        case 'x': put_unsigned(&o, va_arg(ap, unsigned), 16); break;
        case 'z': put_unsigned(&o, va_arg(ap, size_t), 10); break;
        case 'l':
            p++;
            if (*p == 'x')
                put_unsigned(&o, va_arg(ap, uint64_t), 16);
            else if (*p == 'd')
                put_signed(&o, va_arg(ap, int64_t));
            else
                put_unsigned(&o, va_arg(ap, uint64_t), 10);
            break;
        case '%': put_char(&o, '%'); break;
        case '\0': p--; break;
        default:
            put_char(&o, '%');
            put_char(&o, *p);
            break;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len;
}

size_t error_format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = error_vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

mote_status error_setf(mote_error *e, mote_status status, const char *fmt, ...)
{
    e->status = status;
    e->trap = MOTE_TRAP_NONE;
    e->func = MOTE_NO_FUNC;
    e->offset = 0;
    va_list ap;
    va_start(ap, fmt);
    error_vformat(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return status;
}

#if !MOTE_WITH_MESSAGES
mote_status error_msg(mote_error *e, mote_status status, msg_t msg)
{
    return error_setf(e, status, "%m", msg);
}
#endif
