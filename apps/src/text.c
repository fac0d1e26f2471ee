/* text.c -- see text.h. */
#include "text.h"

at_text at_begin(char *buf, size_t cap)
{
    at_text t = {buf, cap, 0};
    if (cap > 0)
        buf[0] = 0;
    return t;
}

void at_mem(at_text *t, const void *s, size_t n)
{
    const char *p = s;
    for (size_t i = 0; i < n && t->len + 1 < t->cap; i++)
        t->buf[t->len++] = p[i];
    if (t->cap > 0)
        t->buf[t->len] = 0;
}

void at_str(at_text *t, const char *s)
{
    size_t n = 0;
    while (s[n] != 0)
        n++;
    at_mem(t, s, n);
}

void at_u64(at_text *t, uint64_t v)
{
    char digits[20];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    at_mem(t, digits + n, sizeof digits - n);
}

void at_ms(at_text *t, uint64_t us)
{
    at_u64(t, us / 1000);
    char frac[4] = {'.', (char)('0' + us / 100 % 10), (char)('0' + us / 10 % 10),
                    (char)('0' + us % 10)};
    at_mem(t, frac, sizeof frac);
    at_str(t, " ms");
}
