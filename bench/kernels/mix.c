/* mix: a CoreMark-like blend of what MCU control code does, in three parts
 * of similar weight per iteration:
 *   - linked list: build, search, reverse, merge sort and filter a list of
 *     128 nodes (pointer chasing, unpredictable branches);
 *   - state machine: classify the tokens of a 2 KiB text as integers,
 *     decimals, scientific numbers, hex numbers or invalid (nested
 *     switches on state and character class);
 *   - matrix: 16x16 int16 product into int32, scaled add and bit-field
 *     extraction (small integer multiply-accumulate).
 *
 * scale = iterations; each draws fresh list keys and matrices.
 * Check: each part is checked against something it did not compute: list
 * contents against the node array, token classes against what the text
 * generator wrote, the product by Freivalds' test. */
#include "bench.h"

/* ---- linked list ------------------------------------------------------ */

#define NODES 128

struct node {
    struct node *next;
    uint32_t key; /* 0..1023: duplicates are common */
    uint32_t id;  /* index in pool[] */
};

static struct node pool[NODES];

static struct node *merge(struct node *a, struct node *b)
{
    struct node head, *t = &head;
    while (a && b) {
        if (b->key < a->key) { /* stable: ties keep a first */
            t->next = b;
            b = b->next;
        } else {
            t->next = a;
            a = a->next;
        }
        t = t->next;
    }
    t->next = a ? a : b;
    return head.next;
}

static struct node *sort_list(struct node *l, uint32_t n)
{
    if (n < 2)
        return l;
    struct node *mid = l;
    for (uint32_t i = 1; i < n / 2; i++)
        mid = mid->next;
    struct node *right = mid->next;
    mid->next = 0;
    return merge(sort_list(l, n / 2), sort_list(right, n - n / 2));
}

static uint32_t list_part(uint32_t *rng)
{
    /* Build the list in pool order with random keys. */
    for (uint32_t i = 0; i < NODES; i++) {
        pool[i].key = bench_below(rng, 1024);
        pool[i].id = i;
        pool[i].next = i + 1 < NODES ? &pool[i + 1] : 0;
    }
    struct node *l = &pool[0];

    /* Search: count nodes matching each of 16 probe keys; compare with a
     * scan of the array. */
    for (int p = 0; p < 16; p++) {
        uint32_t key = (p & 1) ? pool[bench_below(rng, NODES)].key : bench_below(rng, 1024);
        uint32_t by_list = 0, by_array = 0;
        for (struct node *n = l; n; n = n->next)
            by_list += n->key == key;
        for (uint32_t i = 0; i < NODES; i++)
            by_array += pool[i].key == key;
        if (by_list != by_array)
            return 1;
    }

    /* Reverse in place: ids must then come out NODES-1 .. 0. */
    struct node *rev = 0;
    while (l) {
        struct node *next = l->next;
        l->next = rev;
        rev = l;
        l = next;
    }
    uint32_t expect = NODES;
    for (struct node *n = rev; n; n = n->next)
        if (n->id != --expect)
            return 2;
    if (expect != 0)
        return 2;

    /* Sort by key: the list must come out ordered and hold every node
     * exactly once. */
    l = sort_list(rev, NODES);
    uint32_t seen[NODES / 32] = {0}, count = 0, prev = 0;
    for (struct node *n = l; n; n = n->next, count++) {
        if (n->key < prev || n->id >= NODES || (seen[n->id / 32] >> (n->id % 32)) & 1u)
            return 3;
        seen[n->id / 32] |= 1u << (n->id % 32);
        prev = n->key;
    }
    if (count != NODES)
        return 3;

    /* Filter: unlink odd keys; the survivors must number the even keys. */
    struct node **pp = &l;
    while (*pp) {
        if ((*pp)->key & 1u)
            *pp = (*pp)->next;
        else
            pp = &(*pp)->next;
    }
    uint32_t kept = 0, even = 0;
    for (struct node *n = l; n; n = n->next)
        kept++;
    for (uint32_t i = 0; i < NODES; i++)
        even += !(pool[i].key & 1u);
    return kept == even ? 0 : 4;
}

/* ---- state machine ---------------------------------------------------- */

enum { T_INT, T_DEC, T_SCI, T_HEX, T_BAD, T_KINDS };

#define TEXT_MAX 2048
static char text[TEXT_MAX];
static uint32_t text_len;
static uint32_t want_kinds[T_KINDS];

static uint32_t put_digits(uint32_t at, uint32_t *rng, uint32_t min, uint32_t max)
{
    uint32_t n = min + bench_below(rng, max - min + 1);
    while (n--)
        text[at++] = (char)('0' + bench_below(rng, 10));
    return at;
}

/* Writes tokens separated by ',' or ' ' and records what kind each is. The
 * grammar: int = -?D+, dec = -?D+.D+, sci = -?D+(.D+)?[eE][+-]?D+,
 * hex = 0xH+ (no sign); anything else is invalid. */
static void make_text(uint32_t *rng)
{
    static const char hexd[] = "0123456789abcdefABCDEF";
    uint32_t at = 0;
    for (int k = 0; k < T_KINDS; k++)
        want_kinds[k] = 0;
    while (at < TEXT_MAX - 32) {
        uint32_t kind = bench_below(rng, T_KINDS), form = bench_below(rng, 6);
        if (kind != T_HEX && kind != T_BAD && (form & 1))
            text[at++] = '-';
        switch (kind) {
        case T_INT: at = put_digits(at, rng, 1, 6); break;
        case T_DEC:
            at = put_digits(at, rng, 1, 4);
            text[at++] = '.';
            at = put_digits(at, rng, 1, 4);
            break;
        case T_SCI:
            at = put_digits(at, rng, 1, 3);
            if (form & 2) {
                text[at++] = '.';
                at = put_digits(at, rng, 1, 3);
            }
            text[at++] = (form & 4) ? 'E' : 'e';
            if (form >= 3)
                text[at++] = (form & 1) ? '+' : '-';
            at = put_digits(at, rng, 1, 2);
            break;
        case T_HEX: {
            text[at++] = '0';
            text[at++] = 'x';
            uint32_t n = 1 + bench_below(rng, 4);
            while (n--)
                text[at++] = hexd[bench_below(rng, sizeof hexd - 1)];
            break;
        }
        default: /* six kinds of malformed token */
            switch (form) {
            case 0: /* two decimal points */
                at = put_digits(at, rng, 1, 2);
                text[at++] = '.';
                at = put_digits(at, rng, 1, 2);
                text[at++] = '.';
                at = put_digits(at, rng, 1, 2);
                break;
            case 1: /* exponent without digits */
                at = put_digits(at, rng, 1, 3);
                text[at++] = 'e';
                break;
            case 2: /* double sign */
                text[at++] = '-';
                text[at++] = '-';
                at = put_digits(at, rng, 1, 3);
                break;
            case 3: /* trailing point */
                at = put_digits(at, rng, 1, 3);
                text[at++] = '.';
                break;
            case 4: /* hex prefix without digits */
                text[at++] = '0';
                text[at++] = 'x';
                break;
            default: /* a letter after digits */
                at = put_digits(at, rng, 1, 3);
                text[at++] = 'z';
                break;
            }
            break;
        }
        want_kinds[kind]++;
        text[at++] = bench_below(rng, 2) ? ',' : ' ';
    }
    text_len = at;
}

enum { C_DIGIT, C_SIGN, C_PLUS, C_DOT, C_E, C_X, C_HEXLETTER, C_SEP, C_OTHER };
enum {
    S_START,
    S_SIGN,
    S_ZERO,
    S_INT,
    S_DOT,
    S_FRAC,
    S_EXP,
    S_EXPSIGN,
    S_EXPD,
    S_HEXX,
    S_HEXD,
    S_BAD
};

static uint32_t char_class(char c)
{
    if (c >= '0' && c <= '9')
        return C_DIGIT;
    switch (c) {
    case '-': return C_SIGN;
    case '+': return C_PLUS;
    case '.': return C_DOT;
    case 'e':
    case 'E': return C_E;
    case 'x': return C_X;
    case 'a':
    case 'b':
    case 'c':
    case 'd':
    case 'f':
    case 'A':
    case 'B':
    case 'C':
    case 'D':
    case 'F': return C_HEXLETTER;
    case ',':
    case ' ': return C_SEP;
    default: return C_OTHER;
    }
}

static uint32_t accept_kind(uint32_t s)
{
    switch (s) {
    case S_ZERO:
    case S_INT: return T_INT;
    case S_FRAC: return T_DEC;
    case S_EXPD: return T_SCI;
    case S_HEXD: return T_HEX;
    default: return T_BAD;
    }
}

static uint32_t scan_part(void)
{
    uint32_t kinds[T_KINDS] = {0}, s = S_START;
    for (uint32_t i = 0; i < text_len; i++) {
        uint32_t c = char_class(text[i]);
        if (c == C_SEP) {
            kinds[accept_kind(s)]++;
            s = S_START;
            continue;
        }
        int digit = c == C_DIGIT;
        int hex = digit || c == C_HEXLETTER || c == C_E;
        switch (s) {
        case S_START:
            s = c == C_SIGN ? S_SIGN : digit ? (text[i] == '0' ? S_ZERO : S_INT) : S_BAD;
            break;
        case S_SIGN: s = digit ? S_INT : S_BAD; break;
        case S_ZERO:
            s = digit ? S_INT : c == C_DOT ? S_DOT : c == C_E ? S_EXP : c == C_X ? S_HEXX : S_BAD;
            break;
        case S_INT: s = digit ? S_INT : c == C_DOT ? S_DOT : c == C_E ? S_EXP : S_BAD; break;
        case S_DOT: s = digit ? S_FRAC : S_BAD; break;
        case S_FRAC: s = digit ? S_FRAC : c == C_E ? S_EXP : S_BAD; break;
        case S_EXP: s = digit ? S_EXPD : (c == C_SIGN || c == C_PLUS) ? S_EXPSIGN : S_BAD; break;
        case S_EXPSIGN: s = digit ? S_EXPD : S_BAD; break;
        case S_EXPD: s = digit ? S_EXPD : S_BAD; break;
        case S_HEXX: s = hex ? S_HEXD : S_BAD; break;
        case S_HEXD: s = hex ? S_HEXD : S_BAD; break;
        default: break; /* S_BAD absorbs until the separator */
        }
    }
    for (int k = 0; k < T_KINDS; k++)
        if (kinds[k] != want_kinds[k])
            return 5;
    return 0;
}

/* ---- matrix ------------------------------------------------------------ */

#define M 16

static int16_t ma[M][M], mb[M][M];
static int32_t mc[M][M];

static uint32_t matrix_part(uint32_t *rng)
{
    /* |entries| < 2^11 keeps every sum of 16 products inside int32. */
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            ma[i][j] = (int16_t)((int32_t)bench_below(rng, 4096) - 2048);
            mb[i][j] = (int16_t)((int32_t)bench_below(rng, 4096) - 2048);
        }
    int16_t add = (int16_t)bench_below(rng, 64);
    for (int i = 0; i < M; i++) /* B += c, then halve: scaled add */
        for (int j = 0; j < M; j++)
            mb[i][j] = (int16_t)((mb[i][j] + add) >> 1);
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            int32_t s = 0;
            for (int k = 0; k < M; k++)
                s += (int32_t)ma[i][k] * mb[k][j];
            mc[i][j] = s;
        }
    /* Bit-field extraction, CoreMark style: fold a field of every entry. */
    uint32_t fold = 0;
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++)
            fold += ((uint32_t)mc[i][j] >> 4) & 0xffu;

    /* Freivalds: (A B) x == A (B x), all in int64, plus the fold again
     * from a column-major walk. */
    int64_t x[M], bx[M];
    for (int j = 0; j < M; j++)
        x[j] = (int64_t)bench_below(rng, 201) - 100;
    for (int k = 0; k < M; k++) {
        bx[k] = 0;
        for (int j = 0; j < M; j++)
            bx[k] += (int64_t)mb[k][j] * x[j];
    }
    for (int i = 0; i < M; i++) {
        int64_t lhs = 0, rhs = 0;
        for (int j = 0; j < M; j++)
            lhs += (int64_t)mc[i][j] * x[j];
        for (int k = 0; k < M; k++)
            rhs += (int64_t)ma[i][k] * bx[k];
        if (lhs != rhs)
            return 6;
    }
    uint32_t fold2 = 0;
    for (int j = 0; j < M; j++)
        for (int i = 0; i < M; i++)
            fold2 += ((uint32_t)mc[i][j] / 16u) % 256u;
    return fold == fold2 ? 0 : 7;
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    uint32_t rng = 0x600dcafeu, rc;
    make_text(&rng);
    for (uint32_t i = 0; i < scale; i++) {
        if ((rc = list_part(&rng)) != 0 || (rc = scan_part()) != 0 || (rc = matrix_part(&rng)) != 0)
            return rc;
        BENCH_CLOBBER();
    }
    return 0;
}
