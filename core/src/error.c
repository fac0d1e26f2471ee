/* error.c -- messages for status codes and traps, and a small formatter. */
#include "error.h"
#include "numeric.h"

#include <string.h>

const char *error_nth_string(const char *list, unsigned n)
{
    for (const char *next; n && *(next = list + strlen(list) + 1); n--)
        list = next;
    return list;
}

/* The two lists below are in the enums' order (mote.h), which no switch
 * checks now: a value added or moved needs its name there (unit/names
 * checks each by value). */
_Static_assert(MOTE_TRAP_NULL_EXCEPTION == 14, "mote_trap_message(): a trap without its name");
_Static_assert(MOTE_EXCEPTION == 13, "mote_status_name(): a status without its name");

const char *mote_trap_message(mote_trap trap)
{
    return error_nth_string("no trap\0"
                            "unreachable\0"
                            "out of bounds memory access\0"
                            "out of bounds table access\0"
                            "undefined element\0"
                            "uninitialized element\0"
                            "indirect call type mismatch\0"
                            "integer divide by zero\0"
                            "integer overflow\0"
                            "invalid conversion to integer\0"
                            "call stack exhausted\0"
                            "host trap\0"
                            "null reference\0"
                            "null function reference\0"
                            "null exception reference\0"
                            "unknown trap\0",
                            (unsigned)trap);
}

const char *mote_status_name(mote_status status)
{
    return error_nth_string("ok\0"
                            "malformed\0"
                            "invalid\0"
                            "limit exceeded\0"
                            "arena too small\0"
                            "unlinkable\0"
                            "not found\0"
                            "bad argument\0"
                            "bad state\0"
                            "trap\0"
                            "paused\0"
                            "exit\0"
                            "not in this build\0"
                            "uncaught exception\0"
                            "unknown status\0",
                            (unsigned)status);
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
    /* The kept texts by number, walked (error_nth_string): "?" past them. */
    static const char kept[] = "\0" MOTE_MSG_KEPT_1_ "\0" MOTE_MSG_KEPT_2_ "\0?\0";
    /* a tag is one or two letters: two bytes, no terminator needed */
    static const char tags[16][2] = {
#define F(i, t) [i] = t,
        MOTE_MSG_FILES(F)
#undef F
            [15] = "?"};
    if (m >> 12 == 0) {
        const char *s = error_nth_string(kept, m);
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
