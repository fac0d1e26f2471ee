/* Building refusal messages without stdio; see ota_rules.h. */
#include "mote/ota_rules.h"

static size_t length(const mote_ota_why *w)
{
    size_t n = 0;
    while (n < MOTE_OTA_WHY_MAX && w->text[n])
        n++;
    return n;
}

void mote_ota_why_add(mote_ota_why *w, const char *s)
{
    size_t n = length(w);
    while (*s && n < MOTE_OTA_WHY_MAX)
        w->text[n++] = *s++;
    w->text[n] = 0;
}

void mote_ota_why_set(mote_ota_why *w, const char *s)
{
    w->text[0] = 0;
    mote_ota_why_add(w, s);
}

void mote_ota_why_dec(mote_ota_why *w, uint32_t v)
{
    char tmp[11];
    int n = 10;
    tmp[n] = 0;
    do {
        tmp[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    mote_ota_why_add(w, tmp + n);
}

void mote_ota_why_hex(mote_ota_why *w, uint32_t v, int digits)
{
    char tmp[11] = "0x";
    if (digits < 1 || digits > 8)
        digits = 8;
    for (int i = 0; i < digits; i++)
        tmp[2 + i] = "0123456789abcdef"[(v >> (4 * (digits - 1 - i))) & 15];
    tmp[2 + digits] = 0;
    mote_ota_why_add(w, tmp);
}
