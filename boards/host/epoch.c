/*
 * Reading a point in time for the wall clock's start (--epoch,
 * MOTE_HOST_EPOCH): Unix seconds or a UTC calendar date and time.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "host_sim.h"

#define US_PER_S 1000000ull

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (counting whole 400-year eras from 0000-03-01, so leap days fall last). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned year_of_era = (unsigned)(y - era * 400);
    unsigned day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + (int64_t)day_of_era - 719468;
}

static bool leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool parse_date(const char *text, uint64_t *unix_us)
{
    static const unsigned month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    long y;
    unsigned mo, d, h = 0, mi = 0, s = 0;
    int used = 0;
    if (sscanf(text, "%4ld-%2u-%2u%n", &y, &mo, &d, &used) != 3 || used != 10)
        return false;
    const char *p = text + used;
    if (*p == 'T' || *p == ' ') {
        int more = 0;
        if (sscanf(p + 1, "%2u:%2u:%2u%n", &h, &mi, &s, &more) != 3 || more != 8)
            return false;
        p += 1 + more;
    }
    if (*p == 'Z')
        p++;
    if (*p != '\0' || y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59)
        return false;
    if (d > month_days[mo - 1] + (mo == 2 && leap(y)))
        return false;
    int64_t days = days_from_civil(y, mo, d);
    *unix_us = ((uint64_t)days * 86400u + h * 3600u + mi * 60u + s) * US_PER_S;
    return true;
}

/* Seconds since 1970, with up to six decimals. */
static bool parse_seconds(const char *text, uint64_t *unix_us)
{
    uint64_t whole = 0, fraction = 0, scale = US_PER_S;
    const char *p = text;
    if (!isdigit((unsigned char)*p))
        return false;
    for (; isdigit((unsigned char)*p); p++) {
        if (whole > (UINT64_MAX / US_PER_S - 9) / 10)
            return false;
        whole = whole * 10 + (uint64_t)(*p - '0');
    }
    if (*p == '.') {
        for (p++; isdigit((unsigned char)*p); p++) {
            if (scale > 1) {
                scale /= 10;
                fraction += (uint64_t)(*p - '0') * scale;
            }
        }
    }
    if (*p != '\0')
        return false;
    *unix_us = whole * US_PER_S + fraction;
    return true;
}

bool mote_host_parse_epoch(const char *text, uint64_t *unix_us)
{
    if (strlen(text) >= 10 && text[4] == '-')
        return parse_date(text, unix_us);
    return parse_seconds(text, unix_us);
}
