/*
 * demangle_itanium.c -- C++ names (the Itanium C++ ABI's mangling, which
 * clang uses for wasm32) made readable for backtraces:
 *
 *     _ZN3app3BoxIiE5crashEi   ->   app::Box<int>::crash(int)
 *
 * Covered: nested, local and template names, constructors and
 * destructors, operators, std:: abbreviations, substitutions (S_, S0_) and
 * template parameters (T_), builtin, qualified, pointer, reference and
 * function types, integer and bool literals, ABI tags, vtables, typeinfo,
 * thunks and guard variables.  A function's return type is left out, as
 * backtraces do.  Anything else (expressions, arrays, pointers to
 * members, decltype) makes the whole call fail, and the caller prints the
 * name as it is: never a wrong name.
 *
 * How: one left-to-right pass that writes straight into the output.  A
 * substitution or template parameter names something printed earlier, so
 * each candidate is kept as a span of the output and copied when it is
 * referenced.  The one kind of candidate whose text never appears on its
 * own -- a function type seen through a pointer -- is kept as a poisoned
 * span that fails when used.
 */
#include <string.h>

#include "demangle.h"

#define MAX_SUBS 64
#define MAX_TARGS 24
#define MAX_DEPTH 32
#define MAX_CUTS 4
#define POISON 0xFFFFu

typedef struct span {
    uint16_t start, end;
    uint8_t ref; /* the type it holds is a reference: 1 &, 2 && */
} span;

/* A template argument; a pack's elements are elems[first .. first+count). */
typedef struct targ {
    span text;
    bool pack;
    uint8_t first, count;
} targ;

typedef struct itanium {
    const char *p, *end; /* the input still to read */
    char *out;
    size_t cap, len;
    bool fail;
    unsigned depth;
    span subs[MAX_SUBS]; /* substitution candidates, in order */
    unsigned nsubs;
    targ targs[MAX_TARGS]; /* the name's template arguments, for T_ */
    unsigned ntargs;
    span elems[MAX_TARGS]; /* their packs' elements */
    bool record_targs;     /* template args now parsed are the name's */
    int pack_index;        /* in a pack expansion (Dp): the element; else -1 */
    int pack_size;         /* the size of the last pack a T_ expanded */
    bool no_subs;          /* repeating an expansion: candidates known */
    uint8_t last_ref;      /* the type just printed is a reference (span.ref) */
    span last_name;        /* the last unqualified name: a ctor's class */
    span cuts[MAX_CUTS];   /* return types, removed at the end */
    unsigned ncuts;
} itanium;

/* Name properties an encoding needs to know. */
typedef struct name_info {
    bool templated;      /* ends in template arguments */
    bool no_return_type; /* a constructor, destructor or conversion */
    const char *cv;      /* a member function's qualifiers: " const"... */
    const char *ref;     /* and its ref-qualifier: " &", " &&" or "" */
} name_info;

static bool type(itanium *d);
static bool array_type(itanium *d, const char *through);
static bool name(itanium *d, name_info *info);
static bool encoding(itanium *d);

static bool failed(itanium *d)
{
    d->fail = true;
    return false;
}

static bool peek(const itanium *d, char c)
{
    return d->p < d->end && *d->p == c;
}

static bool eat(itanium *d, char c)
{
    if (!peek(d, c))
        return false;
    d->p++;
    return true;
}

static bool put(itanium *d, const char *s, size_t n)
{
    if (d->fail || n > d->cap - d->len)
        return failed(d);
    memcpy(d->out + d->len, s, n);
    d->len += n;
    return true;
}

static bool puts_(itanium *d, const char *s)
{
    return put(d, s, strlen(s));
}

static bool put_span(itanium *d, span s)
{
    if (s.start == POISON || s.end > d->len || s.start > s.end)
        return failed(d);
    size_t n = (size_t)s.end - s.start;
    if (n > d->cap - d->len)
        return failed(d);
    /* The span lies wholly before the end: the copy never overlaps it. */
    memcpy(d->out + d->len, d->out + s.start, n);
    d->len += n;
    d->last_ref = s.ref;
    return true;
}

static span span_from(const itanium *d, size_t start)
{
    return (span){(uint16_t)start, (uint16_t)d->len, d->last_ref};
}

static void add_sub(itanium *d, span s)
{
    if (d->no_subs)
        return;
    if (d->nsubs < MAX_SUBS)
        d->subs[d->nsubs++] = s;
    else
        d->fail = true;
}

/* A decimal number; false if there is none. */
static bool number(itanium *d, size_t *n)
{
    if (d->p >= d->end || *d->p < '0' || *d->p > '9')
        return failed(d);
    size_t v = 0;
    while (d->p < d->end && *d->p >= '0' && *d->p <= '9') {
        if (v > 10000)
            return failed(d);
        v = v * 10 + (size_t)(*d->p++ - '0');
    }
    *n = v;
    return true;
}

/* <seq-id> '_': base 36 with digits and upper-case letters, plus one. */
static bool seq_id(itanium *d, unsigned *index)
{
    unsigned v = 0;
    if (eat(d, '_')) {
        *index = 0;
        return true;
    }
    while (d->p < d->end && *d->p != '_') {
        char c = *d->p++;
        unsigned digit = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                         : c >= 'A' && c <= 'Z' ? (unsigned)(c - 'A' + 10)
                                                : 99;
        if (digit == 99 || v > 1000)
            return failed(d);
        v = v * 36 + digit;
    }
    if (!eat(d, '_'))
        return failed(d);
    *index = v + 1;
    return true;
}

/* <source-name> ::= <length> <identifier> */
static bool source_name(itanium *d)
{
    size_t n;
    if (!number(d, &n) || n == 0 || n > (size_t)(d->end - d->p))
        return failed(d);
    size_t start = d->len;
    if (n >= 10 && memcmp(d->p, "_GLOBAL__N", 10) == 0) {
        if (!puts_(d, "(anonymous namespace)"))
            return false;
    } else if (!put(d, d->p, n)) {
        return false;
    }
    d->p += n;
    d->last_name = span_from(d, start);
    return true;
}

/* Operator names, the two-letter codes of the ABI. */
static const char *const OPERATORS[][2] = {
    {"nw", "new"}, {"na", "new[]"}, {"dl", "delete"}, {"da", "delete[]"}, {"ps", "+"},
    {"ng", "-"},   {"ad", "&"},     {"de", "*"},      {"co", "~"},        {"pl", "+"},
    {"mi", "-"},   {"ml", "*"},     {"dv", "/"},      {"rm", "%"},        {"an", "&"},
    {"or", "|"},   {"eo", "^"},     {"aS", "="},      {"pL", "+="},       {"mI", "-="},
    {"mL", "*="},  {"dV", "/="},    {"rM", "%="},     {"aN", "&="},       {"oR", "|="},
    {"eO", "^="},  {"ls", "<<"},    {"rs", ">>"},     {"lS", "<<="},      {"rS", ">>="},
    {"eq", "=="},  {"ne", "!="},    {"lt", "<"},      {"gt", ">"},        {"le", "<="},
    {"ge", ">="},  {"ss", "<=>"},   {"nt", "!"},      {"aa", "&&"},       {"oo", "||"},
    {"pp", "++"},  {"mm", "--"},    {"cm", ","},      {"pm", "->*"},      {"pt", "->"},
    {"cl", "()"},  {"ix", "[]"},    {"qu", "?"},
};

static bool operator_name(itanium *d, name_info *info)
{
    if (d->end - d->p < 2)
        return failed(d);
    char a = d->p[0], b = d->p[1];
    d->p += 2;
    if (a == 'c' && b == 'v') { /* conversion: operator int */
        info->no_return_type = true;
        return puts_(d, "operator ") && type(d);
    }
    if (a == 'l' && b == 'i') /* literal: operator"" _km */
        return puts_(d, "operator\"\" ") && source_name(d);
    for (size_t i = 0; i < sizeof OPERATORS / sizeof OPERATORS[0]; i++) {
        if (OPERATORS[i][0][0] == a && OPERATORS[i][0][1] == b) {
            const char *op = OPERATORS[i][1];
            return puts_(d, "operator") && (op[0] >= 'a' && op[0] <= 'z' ? puts_(d, " ") : true) &&
                   puts_(d, op);
        }
    }
    return failed(d);
}

static bool bare_function_type(itanium *d, bool has_return);

/* [<number>] _ closing an unnamed type or a lambda: "#1}" for none, then
 * "#2}" for 0, and so on. */
static bool discriminator_suffix(itanium *d)
{
    size_t n = 0;
    if (!peek(d, '_')) {
        if (!number(d, &n))
            return false;
        n++;
    }
    if (!eat(d, '_'))
        return failed(d);
    char digits[20];
    size_t count = wl_decimal((uint64_t)n + 1, digits);
    return puts_(d, "#") && put(d, digits, count) && puts_(d, "}");
}

/* <unqualified-name>, with ABI tags; ctor/dtor names repeat the class's. */
static bool unqualified_name(itanium *d, name_info *info)
{
    if (d->p >= d->end)
        return failed(d);
    char c = *d->p;
    if (c == 'L') { /* internal linkage: nothing to show */
        d->p++;
        c = d->p < d->end ? *d->p : 0;
    }
    bool ok;
    if (c >= '0' && c <= '9') {
        ok = source_name(d);
    } else if (c == 'C' || c == 'D') {
        d->p++;
        info->no_return_type = true;
        if (d->p >= d->end)
            return failed(d);
        char kind = *d->p++;
        if (c == 'C' && kind == 'I') { /* inheriting constructor: CI1 <type> */
            if (d->p >= d->end)
                return failed(d);
            d->p++;
            span class_name = d->last_name;
            size_t mark = d->len;
            if (!type(d))
                return false;
            d->len = mark; /* the base's type is not shown */
            d->last_name = class_name;
            ok = put_span(d, class_name);
        } else if ((c == 'C' && kind >= '1' && kind <= '5') ||
                   (c == 'D' && kind >= '0' && kind <= '5')) {
            span class_name = d->last_name;
            ok = (c == 'D' ? puts_(d, "~") : true) && put_span(d, class_name);
        } else {
            return failed(d);
        }
    } else if (c == 'U' && d->end - d->p >= 2 && d->p[1] == 't') { /* Ut [n] _ */
        d->p += 2;
        ok = puts_(d, "{unnamed type") && discriminator_suffix(d);
    } else if (c == 'U' && d->end - d->p >= 2 && d->p[1] == 'l') { /* Ul <types> E [n] _ */
        d->p += 2;
        ok = puts_(d, "{lambda") && bare_function_type(d, false) && (eat(d, 'E') || failed(d)) &&
             discriminator_suffix(d);
    } else if (c >= 'a' && c <= 'z') {
        ok = operator_name(d, info);
    } else {
        return failed(d);
    }
    while (ok && peek(d, 'B')) { /* ABI tag: [abi:cxx11] */
        d->p++;
        span keep = d->last_name;
        ok = puts_(d, "[abi:") && source_name(d) && puts_(d, "]");
        d->last_name = keep;
    }
    return ok && !d->fail;
}

/* <substitution> ::= S_ | S <seq-id> _ | Sa | Sb | Ss | Si | So | Sd
 * (St, "std::", is read by the callers). */
static bool substitution(itanium *d)
{
    static const char *const ABBREVIATIONS[][2] = {
        {"a", "std::allocator"}, {"b", "std::basic_string"}, {"s", "std::string"},
        {"i", "std::istream"},   {"o", "std::ostream"},      {"d", "std::iostream"},
    };
    if (!eat(d, 'S'))
        return failed(d);
    if (d->p < d->end && *d->p >= 'a' && *d->p <= 'z') {
        for (size_t i = 0; i < sizeof ABBREVIATIONS / sizeof ABBREVIATIONS[0]; i++) {
            if (*d->p == ABBREVIATIONS[i][0][0]) {
                d->p++;
                size_t start = d->len;
                if (!puts_(d, ABBREVIATIONS[i][1]))
                    return false;
                /* the class's name, for its constructors */
                d->last_name = (span){(uint16_t)(start + 5), (uint16_t)d->len, 0};
                return true;
            }
        }
        return failed(d);
    }
    unsigned index;
    if (!seq_id(d, &index) || index >= d->nsubs)
        return failed(d);
    return put_span(d, d->subs[index]);
}

/* <template-param> ::= T_ | T <number> _ */
static bool template_param(itanium *d)
{
    if (!eat(d, 'T'))
        return failed(d);
    size_t n = 0;
    if (!eat(d, '_')) {
        if (!number(d, &n) || !eat(d, '_'))
            return failed(d);
        n++;
    }
    if (n >= d->ntargs)
        return failed(d);
    const targ *t = &d->targs[n];
    if (!t->pack || d->pack_index < 0)
        return put_span(d, t->text);
    /* Inside a pack expansion: this pass's element. */
    d->pack_size = t->count;
    return d->pack_index >= t->count || put_span(d, d->elems[t->first + d->pack_index]);
}

/* L <type> <value> E, for the types whose values read naturally. */
static bool literal(itanium *d)
{
    static const char *const SUFFIXES[][2] = {
        {"i", ""}, {"j", "u"}, {"l", "l"}, {"m", "ul"}, {"x", "ll"}, {"y", "ull"},
        {"s", ""}, {"t", ""},  {"a", ""},  {"h", ""},   {"c", ""},
    };
    if (!eat(d, 'L'))
        return failed(d);
    if (peek(d, '_')) { /* L_Z <encoding> E: a function or object */
        d->p++;
        if (!eat(d, 'Z'))
            return failed(d);
        return puts_(d, "&") && encoding(d) && (eat(d, 'E') || failed(d));
    }
    if (d->p >= d->end)
        return failed(d);
    char t = *d->p++;
    if (t == 'b') {
        bool ok = eat(d, '1') ? puts_(d, "true") : eat(d, '0') ? puts_(d, "false") : failed(d);
        return ok && (eat(d, 'E') || failed(d));
    }
    if (t == 'D' && eat(d, 'n'))
        return puts_(d, "nullptr") && (eat(d, 'E') || failed(d));
    if (t == 'N' || (t >= '0' && t <= '9') || t == 'S') { /* an enum: (type)value */
        d->p--;
        if (!puts_(d, "(") || !type(d) || !puts_(d, ")"))
            return false;
        if (eat(d, 'n') && !puts_(d, "-"))
            return false;
        const char *digits = d->p;
        while (d->p < d->end && *d->p >= '0' && *d->p <= '9')
            d->p++;
        return d->p > digits && put(d, digits, (size_t)(d->p - digits)) &&
               (eat(d, 'E') || failed(d));
    }
    for (size_t i = 0; i < sizeof SUFFIXES / sizeof SUFFIXES[0]; i++) {
        if (t != SUFFIXES[i][0][0])
            continue;
        if (eat(d, 'n') && !puts_(d, "-"))
            return false;
        const char *digits = d->p;
        while (d->p < d->end && *d->p >= '0' && *d->p <= '9')
            d->p++;
        if (d->p == digits)
            return failed(d);
        return put(d, digits, (size_t)(d->p - digits)) && puts_(d, SUFFIXES[i][1]) &&
               (eat(d, 'E') || failed(d));
    }
    return failed(d);
}

/* <template-args> ::= I <template-arg>+ E, printed "<a, b>". */
static bool template_args(itanium *d)
{
    targ args[MAX_TARGS];
    span elems[MAX_TARGS];
    unsigned n = 0, nelems = 0;
    span class_name = d->last_name; /* names inside are not the class's */
    bool record = d->record_targs;
    d->record_targs = false; /* arguments of arguments are not the name's */
    if (!eat(d, 'I') || !puts_(d, "<"))
        return failed(d);
    while (!eat(d, 'E')) {
        if (d->p >= d->end || d->fail || n == MAX_TARGS)
            return failed(d);
        if (n > 0 && !puts_(d, ", "))
            return false;
        size_t start = d->len;
        bool ok;
        targ *a = &args[n];
        a->pack = false;
        if (peek(d, 'L')) {
            ok = literal(d);
        } else if (peek(d, 'J')) { /* a pack: its elements, comma-separated */
            d->p++;
            ok = true;
            a->pack = true;
            a->first = (uint8_t)nelems;
            for (bool first = true; ok && !eat(d, 'E'); first = false) {
                size_t at = (ok = first || puts_(d, ", ")) ? d->len : 0;
                ok = ok && type(d) && nelems < MAX_TARGS;
                if (ok)
                    elems[nelems++] = span_from(d, at);
            }
            a->count = (uint8_t)(nelems - a->first);
            if (ok && a->count == 0 && n > 0)
                d->len -= 2; /* an empty pack: no ", " before it */
        } else if (peek(d, 'X')) {
            ok = failed(d); /* expressions: not shown */
        } else {
            ok = type(d);
        }
        if (!ok)
            return false;
        a->text = span_from(d, start);
        n++;
    }
    if (d->len > 0 && d->out[d->len - 1] == '>' && !puts_(d, " "))
        return false;
    if (!puts_(d, ">"))
        return false;
    if (record) {
        memcpy(d->targs, args, n * sizeof args[0]);
        memcpy(d->elems, elems, nelems * sizeof elems[0]);
        d->ntargs = n;
    }
    d->record_targs = record;
    d->last_name = class_name;
    return true;
}

/* Builtin types by their one letter; NULL if c is not one. */
static const char *builtin(char c)
{
    static const char *const NAMES[26] = {
        "signed char",
        "bool",
        "char",
        "double",
        "long double",
        "float",
        "__float128",
        "unsigned char",
        "int",
        "unsigned int",
        NULL,
        "long",
        "unsigned long",
        "__int128",
        "unsigned __int128",
        NULL,
        NULL,
        NULL,
        "short",
        "unsigned short",
        NULL,
        "void",
        "wchar_t",
        "long long",
        "unsigned long long",
        "...",
    };
    return c >= 'a' && c <= 'z' ? NAMES[c - 'a'] : NULL;
}

/* D-prefixed builtins: Dn, Di, Ds, Du, Da, Dc, Df, Dd, De, Dh. */
static const char *builtin_d(char c)
{
    switch (c) {
    case 'n': return "decltype(nullptr)";
    case 'i': return "char32_t";
    case 's': return "char16_t";
    case 'u': return "char8_t";
    case 'a': return "auto";
    case 'c': return "decltype(auto)";
    case 'f': return "decimal32";
    case 'd': return "decimal64";
    case 'e': return "decimal128";
    case 'h': return "half";
    default: return NULL;
    }
}

/* F [Y] <return type> <parameter types> [<ref-qualifier>] E, printed
 * "ret (params)" -- or, through a pointer, "ret (*)(params)". */
static bool function_type(itanium *d, const char *through)
{
    if (!eat(d, 'F'))
        return failed(d);
    eat(d, 'Y');
    if (!type(d) || !puts_(d, " "))
        return false;
    if (through != NULL && !(puts_(d, "(") && puts_(d, through) && puts_(d, ")")))
        return false;
    if (!bare_function_type(d, false))
        return false;
    const char *ref = eat(d, 'R') ? " &" : eat(d, 'O') ? " &&" : "";
    return puts_(d, ref) && (eat(d, 'E') || failed(d));
}

/* A <number> _ <element type>, printed "char const [9]" -- or, through a
 * pointer or reference, "char const (&) [9]". */
static bool array_type(itanium *d, const char *through)
{
    if (!eat(d, 'A'))
        return failed(d);
    const char *digits = d->p;
    size_t n;
    if (!number(d, &n) || !eat(d, '_'))
        return failed(d);
    size_t count = (size_t)(d->p - 1 - digits);
    if (!type(d) || !puts_(d, " "))
        return false;
    if (through != NULL && !(puts_(d, "(") && puts_(d, through) && puts_(d, ") ")))
        return false;
    return puts_(d, "[") && put(d, digits, count) && puts_(d, "]");
}

/* Dp <pattern>: the pattern once per element of the pack a T_ in it
 * names, "T&&" over <int, char> being "int&&, char&&".  The first pass
 * finds the pack's size and registers the candidates; the others repeat
 * the same input with the next element. */
static bool pack_expansion(itanium *d)
{
    const char *pattern = d->p;
    int outer_index = d->pack_index, outer_size = d->pack_size;
    bool outer_no_subs = d->no_subs;
    size_t start = d->len;
    d->pack_index = 0;
    d->pack_size = -1;
    bool ok = type(d);
    int size = d->pack_size;
    if (ok && size == 0)
        d->len = start; /* an empty pack: nothing */
    d->no_subs = true;
    for (int i = 1; ok && i < size; i++) {
        d->p = pattern;
        d->pack_index = i;
        ok = puts_(d, ", ") && type(d);
    }
    d->no_subs = outer_no_subs;
    d->pack_index = outer_index;
    d->pack_size = outer_size;
    return ok && (size != -1 || failed(d)); /* no pack in the pattern */
}

static bool type(itanium *d)
{
    if (d->p >= d->end || ++d->depth > MAX_DEPTH)
        return failed(d);
    size_t start = d->len;
    char c = *d->p;
    const char *text;
    bool ok = true, candidate = true;
    uint8_t ref = 0; /* a reference: 1 &, 2 && */
    if ((text = builtin(c)) != NULL) {
        d->p++;
        ok = puts_(d, text);
        candidate = false;
    } else if (c == 'u') { /* vendor type */
        d->p++;
        ok = source_name(d);
    } else if (c == 'D' && d->end - d->p >= 2 && (text = builtin_d(d->p[1])) != NULL) {
        d->p += 2;
        ok = puts_(d, text);
        candidate = false;
    } else if (c == 'D' && d->end - d->p >= 2 && d->p[1] == 'p') { /* pack expansion */
        d->p += 2;
        ok = pack_expansion(d);
        ref = d->last_ref;
    } else if (c == 'r' || c == 'V' || c == 'K') {
        const char *quals[3];
        unsigned n = 0;
        while (n < 3 && (peek(d, 'r') || peek(d, 'V') || peek(d, 'K'))) {
            char q = *d->p++;
            quals[n++] = q == 'r' ? " restrict" : q == 'V' ? " volatile" : " const";
        }
        ok = type(d);
        while (ok && n > 0)
            ok = puts_(d, quals[--n]);
    } else if (c == 'P' || c == 'R' || c == 'O') {
        const char *sigil = c == 'P' ? "*" : c == 'R' ? "&" : "&&";
        d->p++;
        if (peek(d, 'F') || peek(d, 'A')) {
            /* The function or array type itself is a candidate (after
             * those inside it), with a text that never appears alone:
             * poisoned. */
            ok = peek(d, 'F') ? function_type(d, sigil) : array_type(d, sigil);
            add_sub(d, (span){POISON, POISON, 0});
            ref = c == 'R' ? 1 : c == 'O' ? 2 : 0;
        } else if ((ok = type(d)) && c != 'P' && d->last_ref != 0) {
            /* A reference to a reference collapses: & wins. */
            if (c == 'R' && d->last_ref == 2 && d->out[d->len - 1] == '&')
                d->len--;
            ref = c == 'R' ? 1 : d->last_ref;
        } else {
            ok = ok && puts_(d, sigil);
            ref = c == 'R' ? 1 : c == 'O' ? 2 : 0;
        }
    } else if (c == 'F') {
        ok = function_type(d, NULL);
    } else if (c == 'A') {
        ok = array_type(d, NULL);
    } else if (c == 'T') {
        ok = template_param(d);
        ref = d->last_ref;
        if (ok && peek(d, 'I')) { /* a template template parameter */
            add_sub(d, span_from(d, start));
            ok = template_args(d);
        }
    } else if (c == 'S' && d->end - d->p >= 2 && d->p[1] != 't') {
        ok = substitution(d);
        ref = d->last_ref;
        candidate = false; /* already one */
        if (ok && peek(d, 'I')) {
            ok = template_args(d);
            candidate = true;
        }
    } else if (c == 'N' || c == 'Z' || c == 'S' || (c >= '0' && c <= '9')) {
        bool record = d->record_targs;
        d->record_targs = false;
        name_info info = {0};
        ok = name(d, &info);
        d->record_targs = record;
    } else {
        ok = failed(d); /* arrays, pointers to members, decltype, ... */
    }
    d->depth--;
    d->last_ref = ref;
    if (ok && candidate)
        add_sub(d, span_from(d, start));
    return ok && !d->fail;
}

/* The parameter types, "(int, char const*)"; a lone v is "()".  With
 * has_return the first type is the return type: read, and cut at the end. */
static bool bare_function_type(itanium *d, bool has_return)
{
    if (has_return) {
        size_t start = d->len;
        if (!type(d))
            return false;
        if (d->ncuts == MAX_CUTS)
            return failed(d);
        d->cuts[d->ncuts++] = span_from(d, start);
    }
    if (!puts_(d, "("))
        return false;
    if (d->end - d->p >= 1 && *d->p == 'v' &&
        (d->end - d->p == 1 || d->p[1] == 'E' || d->p[1] == '.')) {
        d->p++; /* (void) */
        return puts_(d, ")");
    }
    for (unsigned n = 0; d->p < d->end && *d->p != 'E' && *d->p != '.'; n++) {
        size_t before = d->len;
        if ((n > 0 && !puts_(d, ", ")) || !type(d))
            return false;
        if (d->len == before + 2 && n > 0)
            d->len = before; /* an empty pack expansion */
        else if (d->len == before)
            n--; /* the same, first */
    }
    return puts_(d, ")");
}

/* N [CV] [ref] <prefix components> E */
static bool nested_name(itanium *d, name_info *info)
{
    if (!eat(d, 'N'))
        return failed(d);
    static const char *const QUALS[] = {"", " const", " volatile", " const volatile"};
    unsigned cv = 0;
    while (peek(d, 'r') || peek(d, 'V') || peek(d, 'K')) {
        char q = *d->p++;
        cv |= q == 'K' ? 1u : q == 'V' ? 2u : 0u;
    }
    info->cv = QUALS[cv];
    info->ref = eat(d, 'R') ? " &" : eat(d, 'O') ? " &&" : "";
    size_t start = d->len;
    bool first = true;
    while (!eat(d, 'E')) {
        if (d->p >= d->end || d->fail)
            return failed(d);
        info->templated = false;
        bool candidate = true;
        if (peek(d, 'I')) {
            if (first || !template_args(d))
                return failed(d);
            info->templated = true;
        } else {
            if (!first && !puts_(d, "::"))
                return false;
            if (peek(d, 'S') && d->end - d->p >= 2 && d->p[1] == 't') {
                d->p += 2;
                if (!puts_(d, "std"))
                    return false;
                candidate = false;
            } else if (peek(d, 'S')) {
                if (!substitution(d))
                    return false;
                candidate = false;
            } else if (peek(d, 'T')) {
                if (!template_param(d))
                    return false;
            } else if (!unqualified_name(d, info)) {
                return false;
            }
        }
        first = false;
        if (candidate && !peek(d, 'E'))
            add_sub(d, span_from(d, start));
    }
    if (first)
        return failed(d);
    return true;
}

/* Z <encoding> E <entity name> [<discriminator>] | Z <encoding> E s [...] */
static bool local_name(itanium *d, name_info *info)
{
    if (!eat(d, 'Z'))
        return failed(d);
    bool record = d->record_targs;
    d->record_targs = false;
    if (!encoding(d) || !eat(d, 'E'))
        return failed(d);
    d->record_targs = record;
    if (!puts_(d, "::"))
        return false;
    if (eat(d, 's')) {
        if (!puts_(d, "string literal"))
            return false;
    } else if (!name(d, info)) {
        return false;
    }
    if (eat(d, '_')) { /* discriminator: _ <digit> | __ <number> _ */
        size_t n;
        if (eat(d, '_')) {
            if (!number(d, &n) || !eat(d, '_'))
                return failed(d);
        } else if (!number(d, &n)) {
            return false;
        }
    }
    return true;
}

static bool name(itanium *d, name_info *info)
{
    if (d->p >= d->end || ++d->depth > MAX_DEPTH)
        return failed(d);
    bool ok;
    size_t start = d->len;
    if (peek(d, 'N')) {
        ok = nested_name(d, info);
    } else if (peek(d, 'Z')) {
        ok = local_name(d, info);
    } else {
        if (peek(d, 'S') && d->end - d->p >= 2 && d->p[1] == 't') {
            d->p += 2;
            ok = puts_(d, "std::") && unqualified_name(d, info);
        } else if (peek(d, 'S')) {
            ok = substitution(d);
            if (ok && !peek(d, 'I'))
                ok = failed(d); /* only a template name may be one */
            start = SIZE_MAX;   /* not a new candidate */
        } else {
            ok = unqualified_name(d, info);
        }
        if (ok && peek(d, 'I')) { /* an unscoped template name, then its args */
            if (start != SIZE_MAX)
                add_sub(d, span_from(d, start));
            ok = template_args(d);
            info->templated = true;
        }
    }
    d->depth--;
    return ok && !d->fail;
}

/* T/G special names: vtables, typeinfo, thunks, guard variables. */
static bool special_name(itanium *d)
{
    char a = d->p[0], b = d->end - d->p >= 2 ? d->p[1] : 0;
    d->p += 2;
    if (a == 'T' && (b == 'V' || b == 'T' || b == 'I' || b == 'S')) {
        const char *what = b == 'V'   ? "vtable for "
                           : b == 'T' ? "VTT for "
                           : b == 'I' ? "typeinfo for "
                                      : "typeinfo name for ";
        return puts_(d, what) && type(d);
    }
    if (a == 'T' && (b == 'h' || b == 'v')) { /* Th <offset> _ / Tv <o> _ <o> _ */
        for (int parts = b == 'h' ? 1 : 2; parts > 0; parts--) {
            size_t n;
            eat(d, 'n');
            if (!number(d, &n) || !eat(d, '_'))
                return failed(d);
        }
        return puts_(d, b == 'h' ? "non-virtual thunk to " : "virtual thunk to ") && encoding(d);
    }
    if (a == 'G' && b == 'V') {
        name_info info = {0};
        return puts_(d, "guard variable for ") && name(d, &info);
    }
    return failed(d);
}

static bool encoding(itanium *d)
{
    if (d->p >= d->end || ++d->depth > MAX_DEPTH)
        return failed(d);
    bool ok;
    if ((peek(d, 'T') || (peek(d, 'G') && d->end - d->p >= 2 && d->p[1] == 'V')) &&
        d->end - d->p >= 2) {
        ok = special_name(d);
    } else {
        name_info info = {0};
        d->record_targs = true;
        ok = name(d, &info);
        d->record_targs = false;
        /* Parameters follow unless the name stands alone (a variable), the
         * enclosing local name ends, or a vendor suffix starts. */
        if (ok && d->p < d->end && *d->p != 'E' && *d->p != '.') {
            ok = bare_function_type(d, info.templated && !info.no_return_type) &&
                 puts_(d, info.cv ? info.cv : "") && puts_(d, info.ref ? info.ref : "");
        }
    }
    d->depth--;
    return ok && !d->fail;
}

size_t wl_demangle_itanium(const char *name, size_t len, char *out, size_t cap)
{
    itanium d;
    memset(&d, 0, sizeof d);
    if (len < 3 || name[0] != '_' || name[1] != 'Z' || cap < 2)
        return 0;
    d.p = name + 2;
    d.end = name + len;
    d.pack_index = -1;
    d.out = out;
    d.cap = cap - 1; /* room for the NUL */
    if (d.cap > POISON - 1)
        d.cap = POISON - 1;
    if (!encoding(&d) || d.fail)
        return 0;
    /* Anything left must be a vendor suffix (".llvm.123", ".cold"): dropped. */
    if (d.p < d.end && *d.p != '.')
        return 0;
    /* Return types were printed only to keep the spans right: cut them. */
    while (d.ncuts > 0) {
        span c = d.cuts[--d.ncuts];
        memmove(out + c.start, out + c.end, d.len - c.end);
        d.len -= c.end - c.start;
    }
    out[d.len] = '\0';
    return d.len;
}
