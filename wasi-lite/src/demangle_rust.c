/*
 * demangle_rust.c -- Rust names made readable for backtraces, in both of
 * rustc's manglings:
 *
 *   legacy (the default)  _ZN5fd_rs13Deep$LT$T$GT$4dive17h4121452ee825221aE
 *                         -> fd_rs::Deep<T>::dive
 *   v0 (-C symbol-mangling-version=v0)
 *                         _RNvMCslkgq5TcXodA_5fd_rsINtB2_4DeephE4diveB2_
 *                         -> <fd_rs::Deep<u8>>::dive
 *
 * Legacy names are Itanium-shaped paths whose last element is a hash; the
 * hash is dropped and the $..$ escapes decoded.  A name a linker already
 * half-demangled ("core::fmt::write::h0123456789abcdef") gets the same.
 * v0 names are read by recursive descent with the crate disambiguators
 * hidden, as rustc-demangle prints them by default; back-references may
 * only point backwards, and depth is bounded, so a hostile name cannot
 * loop.  Punycode identifiers are printed as they are encoded.
 */
#include <string.h>

#include "demangle.h"

#define MAX_DEPTH 48

typedef struct out {
    char *buf;
    size_t cap, len;
    bool fail;
} out;

static bool put(out *o, const char *s, size_t n)
{
    if (o->fail || n > o->cap - o->len) {
        o->fail = true;
        return false;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    return true;
}

static bool puts_(out *o, const char *s)
{
    return put(o, s, strlen(s));
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* The length of a trailing ".llvm.<digits>" or similar vendor suffix
 * (a lone '.': ".." is a legacy path separator). */
static size_t vendor_suffix(const char *name, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (name[i] != '.')
            continue;
        if (i + 1 < len && name[i + 1] == '.') {
            i++;
            continue;
        }
        return len - i;
    }
    return 0;
}

/* ---- legacy ------------------------------------------------------------- */

/* The legacy escapes, $LT$ and friends (and $u7b$-style code points). */
static const char *const ESCAPES[][2] = {
    {"SP", "@"}, {"BP", "*"}, {"RF", "&"}, {"LT", "<"},
    {"GT", ">"}, {"LP", "("}, {"RP", ")"}, {"C", ","},
};

static int hex_value(char c)
{
    return c <= '9' ? c - '0' : c - 'a' + 10;
}

/* One path element, unescaped; ".." is "::". */
static bool legacy_element(out *o, const char *s, size_t n)
{
    if (n >= 2 && s[0] == '_' && s[1] == '$')
        s++, n--; /* an element that starts with $ gets a _ */
    for (size_t i = 0; i < n;) {
        if (s[i] == '.' && i + 1 < n && s[i + 1] == '.') {
            if (!puts_(o, "::"))
                return false;
            i += 2;
            continue;
        }
        if (s[i] != '$') {
            if (!put(o, s + i, 1))
                return false;
            i++;
            continue;
        }
        const char *end = memchr(s + i + 1, '$', n - i - 1);
        if (end == NULL)
            return false;
        size_t k = (size_t)(end - (s + i + 1));
        const char *code = s + i + 1;
        bool known = false;
        for (size_t e = 0; e < sizeof ESCAPES / sizeof ESCAPES[0] && !known; e++) {
            if (strlen(ESCAPES[e][0]) == k && memcmp(code, ESCAPES[e][0], k) == 0) {
                known = puts_(o, ESCAPES[e][1]);
                if (!known)
                    return false;
            }
        }
        if (!known) {
            if (k != 3 || code[0] != 'u' || !is_hex(code[1]) || !is_hex(code[2]))
                return false;
            char c = (char)(hex_value(code[1]) * 16 + hex_value(code[2]));
            if (c < 0x20 || c > 0x7e || !put(o, &c, 1))
                return false;
        }
        i += k + 2;
    }
    return true;
}

/* "h" and 16 hex digits: the hash that ends a legacy path. */
static bool is_hash(const char *s, size_t n)
{
    if (n != 17 || s[0] != 'h')
        return false;
    for (size_t i = 1; i < n; i++)
        if (!is_hex(s[i]))
            return false;
    return true;
}

/* _ZN <len><element>... E [.<suffix>]: only when the last element is a
 * hash, which tells it from a C++ name.  (Elements may hold '.': their
 * lengths say where they end.) */
static size_t legacy(const char *name, size_t len, out *o)
{
    if (len < 4 || memcmp(name, "_ZN", 3) != 0)
        return 0;
    const char *p = name + 3, *end = name + len;
    const char *elements[64];
    size_t sizes[64], n = 0;
    while (p < end && *p != 'E') {
        size_t k = 0;
        if (*p < '0' || *p > '9')
            return 0;
        while (p < end && *p >= '0' && *p <= '9' && k < 100000)
            k = k * 10 + (size_t)(*p++ - '0');
        if (k == 0 || k > (size_t)(end - p) || n == 64)
            return 0;
        elements[n] = p;
        sizes[n++] = k;
        p += k;
    }
    if (p == end || (p + 1 < end && p[1] != '.'))
        return 0; /* no E, or more than a vendor suffix after it */
    if (n < 2 || !is_hash(elements[n - 1], sizes[n - 1]))
        return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if ((i > 0 && !puts_(o, "::")) || !legacy_element(o, elements[i], sizes[i]))
            return 0;
    }
    return o->len;
}

/* A name already demangled by a linker, still with its hash and escapes:
 * "std::rt::lang_start::{{closure}}::h0123456789abcdef". */
static size_t legacy_readable(const char *name, size_t len, out *o)
{
    if (len < 20 || memcmp(name + len - 19, "::", 2) != 0 || !is_hash(name + len - 17, 17))
        return 0;
    return legacy_element(o, name, len - 19) ? o->len : 0;
}

/* ---- v0 ----------------------------------------------------------------- */

typedef struct v0 {
    const char *start; /* just after "_R": back-references count from here */
    const char *p, *end;
    out *o;
    unsigned depth;
    bool fail;
} v0;

static bool v0_path(v0 *d, bool value);
static bool v0_type(v0 *d);

static bool v0_failed(v0 *d)
{
    d->fail = true;
    return false;
}

static bool v0_eat(v0 *d, char c)
{
    if (d->p < d->end && *d->p == c) {
        d->p++;
        return true;
    }
    return false;
}

/* <base-62-number>: "_" is 0, else digits 0-9a-zA-Z then "_", plus one. */
static bool base62(v0 *d, uint64_t *value)
{
    uint64_t v = 0;
    if (v0_eat(d, '_')) {
        *value = 0;
        return true;
    }
    while (d->p < d->end && *d->p != '_') {
        char c = *d->p++;
        unsigned digit = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                         : c >= 'a' && c <= 'z' ? (unsigned)(c - 'a' + 10)
                         : c >= 'A' && c <= 'Z' ? (unsigned)(c - 'A' + 36)
                                                : 99;
        if (digit == 99 || v > UINT64_MAX / 62 - 1)
            return v0_failed(d);
        v = v * 62 + digit;
    }
    if (!v0_eat(d, '_'))
        return v0_failed(d);
    *value = v + 1;
    return true;
}

/* [s <base-62-number>]: a disambiguator, not shown. */
static bool disambiguator(v0 *d, uint64_t *value)
{
    *value = 0;
    return !v0_eat(d, 's') || base62(d, value);
}

/* <undisambiguated-identifier> ::= ["u"] <decimal> ["_"] <bytes> */
static bool identifier(v0 *d, const char **text, size_t *len)
{
    v0_eat(d, 'u'); /* punycode: shown as encoded */
    size_t n = 0;
    if (d->p >= d->end || *d->p < '0' || *d->p > '9')
        return v0_failed(d);
    if (*d->p == '0') {
        d->p++;
    } else {
        while (d->p < d->end && *d->p >= '0' && *d->p <= '9') {
            if (n > 10000)
                return v0_failed(d);
            n = n * 10 + (size_t)(*d->p++ - '0');
        }
    }
    v0_eat(d, '_');
    if (n > (size_t)(d->end - d->p))
        return v0_failed(d);
    *text = d->p;
    *len = n;
    d->p += n;
    return true;
}

/* Runs fn at a back-reference's target, then comes back. */
static bool backref(v0 *d, bool (*fn)(v0 *, bool), bool flag)
{
    const char *here = d->p - 1; /* the 'B' */
    uint64_t at;
    if (!base62(d, &at) || at >= (uint64_t)(here - d->start))
        return v0_failed(d); /* only backwards */
    const char *resume = d->p;
    d->p = d->start + at;
    bool ok = fn(d, flag);
    d->p = resume;
    return ok;
}

static bool v0_type_fn(v0 *d, bool unused)
{
    (void)unused;
    return v0_type(d);
}

static bool v0_const_fn(v0 *d, bool unused);

/* <const> ::= <type> ["n"] <hex digits> "_" | "p" | <backref>, shown as
 * the number (or true/false, or _ for a placeholder). */
static bool v0_const(v0 *d)
{
    if (v0_eat(d, 'p'))
        return puts_(d->o, "_") || v0_failed(d);
    if (v0_eat(d, 'B'))
        return backref(d, v0_const_fn, false);
    if (d->p >= d->end)
        return v0_failed(d);
    char t = *d->p++;
    bool negative = v0_eat(d, 'n');
    uint64_t v = 0;
    while (d->p < d->end && is_hex(*d->p)) {
        if (v > UINT64_MAX / 16)
            return v0_failed(d);
        v = v * 16 + (uint64_t)hex_value(*d->p++);
    }
    if (!v0_eat(d, '_'))
        return v0_failed(d);
    if (t == 'b')
        return puts_(d->o, v ? "true" : "false") || v0_failed(d);
    char digits[20];
    size_t n = wl_decimal(v, digits);
    if ((negative && !puts_(d->o, "-")) || !put(d->o, digits, n))
        return v0_failed(d);
    return true;
}

static bool v0_const_fn(v0 *d, bool unused)
{
    (void)unused;
    return v0_const(d);
}

/* I <path> {<generic-arg>} E's arguments: lifetimes are not shown. */
static bool generic_args(v0 *d)
{
    bool first = true;
    while (!v0_eat(d, 'E')) {
        if (d->p >= d->end || d->fail)
            return v0_failed(d);
        if (v0_eat(d, 'L')) { /* lifetime */
            uint64_t skip;
            if (!base62(d, &skip))
                return false;
            continue;
        }
        if (!first && !puts_(d->o, ", "))
            return v0_failed(d);
        first = false;
        if (v0_eat(d, 'K')) { /* const generic */
            if (!v0_const(d))
                return false;
            continue;
        }
        if (!v0_type(d))
            return false;
    }
    return true;
}

static bool v0_path_at(v0 *d, bool value)
{
    return v0_path(d, value);
}

/* An impl's path -- [<disambiguator>] <path> -- read but not shown. */
static bool impl_path(v0 *d)
{
    uint64_t dis;
    size_t mark = d->o->len;
    bool ok = disambiguator(d, &dis) && v0_path(d, false);
    d->o->len = mark;
    return ok;
}

/* A special namespace's element: {closure#N}, {shim:vtable#N}. */
static bool special_namespace(v0 *d, char ns, const char *text, size_t len, uint64_t dis)
{
    char number[20];
    size_t n = wl_decimal(dis, number);
    return puts_(d->o, "{") &&
           puts_(d->o, ns == 'C'   ? "closure"
                       : ns == 'S' ? "shim"
                                   : "?") &&
           (len == 0 || (puts_(d->o, ":") && put(d->o, text, len))) && puts_(d->o, "#") &&
           put(d->o, number, n) && puts_(d->o, "}");
}

/* <path>; value: a value's path, whose generic arguments take "::<". */
static bool v0_path(v0 *d, bool value)
{
    if (d->p >= d->end || ++d->depth > MAX_DEPTH)
        return v0_failed(d);
    char c = *d->p++;
    bool ok;
    uint64_t dis;
    const char *text;
    size_t len;
    switch (c) {
    case 'C': /* crate root (its disambiguator hidden) */
        ok = disambiguator(d, &dis) && identifier(d, &text, &len) && put(d->o, text, len);
        break;
    case 'N': { /* <namespace> <path> <identifier> */
        char ns = d->p < d->end ? *d->p++ : 0;
        ok = v0_path(d, value) && disambiguator(d, &dis) && identifier(d, &text, &len) &&
             puts_(d->o, "::");
        if (ok && ns >= 'A' && ns <= 'Z')
            ok = special_namespace(d, ns, text, len, dis);
        else if (ok)
            ok = ns >= 'a' && ns <= 'z' && put(d->o, text, len);
        break;
    }
    case 'M': /* inherent impl: <Type> */
        ok = impl_path(d) && puts_(d->o, "<") && v0_type(d) && puts_(d->o, ">");
        break;
    case 'X': /* trait impl: <Type as Trait> */
        ok = impl_path(d) && puts_(d->o, "<") && v0_type(d) && puts_(d->o, " as ") &&
             v0_path(d, false) && puts_(d->o, ">");
        break;
    case 'Y': /* trait definition: <Type as Trait> */
        ok = puts_(d->o, "<") && v0_type(d) && puts_(d->o, " as ") && v0_path(d, false) &&
             puts_(d->o, ">");
        break;
    case 'I': /* generic arguments */
        ok = v0_path(d, value) && puts_(d->o, value ? "::<" : "<") && generic_args(d) &&
             puts_(d->o, ">");
        break;
    case 'B': ok = backref(d, v0_path_at, value); break;
    default: ok = false;
    }
    d->depth--;
    return ok && !d->fail && !d->o->fail ? true : v0_failed(d);
}

/* The one-letter basic types. */
static const char *basic_type(char c)
{
    switch (c) {
    case 'a': return "i8";
    case 'b': return "bool";
    case 'c': return "char";
    case 'd': return "f64";
    case 'e': return "str";
    case 'f': return "f32";
    case 'h': return "u8";
    case 'i': return "isize";
    case 'j': return "usize";
    case 'l': return "i32";
    case 'm': return "u32";
    case 'n': return "i128";
    case 'o': return "u128";
    case 's': return "i16";
    case 't': return "u16";
    case 'u': return "()";
    case 'v': return "...";
    case 'x': return "i64";
    case 'y': return "u64";
    case 'z': return "!";
    case 'p': return "_";
    default: return NULL;
    }
}

static bool v0_type(v0 *d)
{
    if (d->p >= d->end || ++d->depth > MAX_DEPTH)
        return v0_failed(d);
    char c = *d->p;
    const char *basic = basic_type(c);
    bool ok;
    uint64_t skip;
    if (basic != NULL) {
        d->p++;
        ok = puts_(d->o, basic);
    } else if (c == 'R' || c == 'Q') { /* &T, &mut T */
        d->p++;
        if (v0_eat(d, 'L') && !base62(d, &skip))
            return false;
        ok = puts_(d->o, c == 'R' ? "&" : "&mut ") && v0_type(d);
    } else if (c == 'P' || c == 'O') { /* raw pointers */
        d->p++;
        ok = puts_(d->o, c == 'P' ? "*const " : "*mut ") && v0_type(d);
    } else if (c == 'S') { /* [T] */
        d->p++;
        ok = puts_(d->o, "[") && v0_type(d) && puts_(d->o, "]");
    } else if (c == 'A') { /* [T; N] */
        d->p++;
        ok = puts_(d->o, "[") && v0_type(d) && puts_(d->o, "; ") && v0_const(d) && puts_(d->o, "]");
    } else if (c == 'T') { /* tuple */
        d->p++;
        ok = puts_(d->o, "(");
        unsigned n = 0;
        while (ok && !v0_eat(d, 'E')) {
            ok = (n == 0 || puts_(d->o, ", ")) && v0_type(d);
            n++;
        }
        ok = ok && (n != 1 || puts_(d->o, ",")) && puts_(d->o, ")");
    } else if (c == 'F') { /* fn(...) -> T */
        d->p++;
        if (v0_eat(d, 'G') && !base62(d, &skip))
            return false;
        bool is_unsafe = v0_eat(d, 'U');
        if (v0_eat(d, 'K')) { /* extern "ABI" */
            const char *text;
            size_t len;
            if (!v0_eat(d, 'C') && !identifier(d, &text, &len))
                return false;
        }
        ok = puts_(d->o, is_unsafe ? "unsafe fn(" : "fn(");
        unsigned n = 0;
        while (ok && !v0_eat(d, 'E')) {
            ok = (n++ == 0 || puts_(d->o, ", ")) && v0_type(d);
        }
        ok = ok && puts_(d->o, ")");
        if (ok && d->p < d->end && *d->p == 'u')
            d->p++; /* returns () */
        else if (ok)
            ok = puts_(d->o, " -> ") && v0_type(d);
    } else if (c == 'D') { /* dyn Trait + ... */
        d->p++;
        if (v0_eat(d, 'G') && !base62(d, &skip))
            return false;
        ok = puts_(d->o, "dyn ");
        unsigned n = 0;
        while (ok && !v0_eat(d, 'E')) {
            ok = (n++ == 0 || puts_(d->o, " + ")) && v0_path(d, false);
            while (ok && v0_eat(d, 'p')) { /* associated type bindings */
                const char *text;
                size_t len;
                ok = identifier(d, &text, &len) && puts_(d->o, "<") && put(d->o, text, len) &&
                     puts_(d->o, " = ") && v0_type(d) && puts_(d->o, ">");
            }
        }
        ok = ok && v0_eat(d, 'L') && base62(d, &skip); /* the object lifetime */
    } else if (c == 'B') {
        d->p++;
        ok = backref(d, v0_type_fn, false);
    } else {
        ok = v0_path(d, false);
    }
    d->depth--;
    return ok && !d->fail && !d->o->fail ? true : v0_failed(d);
}

/* _R [<decimal version>] <path> [<instantiating crate>] [.<vendor suffix>] */
static size_t v0_symbol(const char *name, size_t len, out *o)
{
    if (len < 3 || name[0] != '_' || name[1] != 'R')
        return 0;
    len -= vendor_suffix(name, len);
    v0 d = {.start = name + 2, .p = name + 2, .end = name + len, .o = o};
    if (d.p < d.end && *d.p >= '0' && *d.p <= '9')
        return 0; /* a later version: not understood */
    if (!v0_path(&d, true))
        return 0;
    /* The instantiating crate may follow: not shown. */
    size_t mark = o->len;
    if (d.p < d.end && !v0_path(&d, false))
        return 0;
    o->len = mark;
    return d.p == d.end ? o->len : 0;
}

size_t wl_demangle_rust(const char *name, size_t len, char *buf, size_t cap)
{
    if (cap < 2)
        return 0;
    out o = {buf, cap - 1, 0, false};
    size_t n = v0_symbol(name, len, &o);
    if (n == 0 && !o.fail) {
        o.len = 0;
        n = legacy(name, len, &o);
    }
    if (n == 0 && !o.fail) {
        o.len = 0;
        n = legacy_readable(name, len - vendor_suffix(name, len), &o);
    }
    if (n == 0 || o.fail)
        return 0;
    buf[n] = '\0';
    return n;
}
