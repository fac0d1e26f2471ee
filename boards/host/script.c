/*
 * The text formats of the host board's setup: durations ("250ms", "1.5s")
 * and GPIO input scripts.  A script is lines of
 *
 *     <time> <pin>=<level> [<pin>=<level> ...]     # comment
 *
 * where <time> is a duration from the start ("50ms") or, with a leading
 * '+', from the previous line ("+20ms"); <level> is 0, 1, low or high;
 * ';' also ends a line, so a short script fits on a command line:
 * "50ms 1=0; +20ms 1=1".  Lines must come in time order.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "host_sim.h"

#define US_PER_S 1000000u

static const struct {
    const char *name;
    uint64_t us;
} units[] = {
    {"us", 1}, {"ms", 1000}, {"s", US_PER_S}, {"m", 60 * US_PER_S}, {"h", 3600 * US_PER_S},
};

bool mote_host_parse_duration(const char *text, uint64_t *us)
{
    const char *p = text;
    uint64_t whole = 0, frac = 0, frac_scale = 1;
    if (!isdigit((unsigned char)*p))
        return false;
    for (; isdigit((unsigned char)*p); p++) {
        if (whole > (UINT64_MAX - 9) / 10)
            return false;
        whole = whole * 10 + (uint64_t)(*p - '0');
    }
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        for (; isdigit((unsigned char)*p); p++) {
            if (frac_scale < US_PER_S) { /* finer than 1 us is dropped below */
                frac = frac * 10 + (uint64_t)(*p - '0');
                frac_scale *= 10;
            }
        }
    }
    uint64_t unit = 0;
    if (*p == '\0')
        unit = 1;
    for (size_t i = 0; i < sizeof units / sizeof units[0] && unit == 0; i++)
        if (strcmp(p, units[i].name) == 0)
            unit = units[i].us;
    if (unit == 0 || whole > UINT64_MAX / unit)
        return false;
    *us = whole * unit + frac * unit / frac_scale;
    return true;
}

typedef struct parser {
    char *err;
    size_t err_len;
    unsigned line;
    uint64_t last_us;
    bool apply; /* false: only check (a script applies whole or not at all) */
} parser;

static bool complain(parser *ps, const char *what, const char *word)
{
    snprintf(ps->err, ps->err_len, "line %u: '%s': %s", ps->line, word, what);
    return false;
}

/* "<pin>=<level>" */
static bool assignment(parser *ps, const char *word)
{
    unsigned pin;
    int used = 0;
    if (sscanf(word, "%u=%n", &pin, &used) != 1 || used == 0 || !isdigit((unsigned char)word[0]))
        return complain(ps, "expected PIN=LEVEL, e.g. 1=0", word);
    const char *level = word + used;
    bool high;
    if (!strcmp(level, "1") || !strcmp(level, "high"))
        high = true;
    else if (!strcmp(level, "0") || !strcmp(level, "low"))
        high = false;
    else
        return complain(ps, "the level must be 0, 1, low or high", word);
    if (pin >= MOTE_HOST_GPIO_PINS)
        return complain(ps, "the host board has pins 0 to 31", word);
    if (ps->apply && !mote_host_gpio_drive_at(ps->last_us, pin, high))
        return complain(ps, "out of memory, or before the previous script's end", word);
    return true;
}

static bool time_word(parser *ps, const char *word)
{
    bool relative = word[0] == '+';
    uint64_t us;
    if (!mote_host_parse_duration(word + relative, &us))
        return complain(ps, "expected a time, e.g. 50ms, +20ms or 1.5s", word);
    if (relative)
        us = us > UINT64_MAX - ps->last_us ? UINT64_MAX : ps->last_us + us;
    if (us < ps->last_us)
        return complain(ps, "lines must be in time order", word);
    ps->last_us = us;
    return true;
}

/* One line, without its end; comments already cut off. */
static bool script_line(parser *ps, char *text)
{
    int words = 0;
    char *rest;
    for (char *word = strtok_r(text, " \t\r", &rest); word != NULL;
         word = strtok_r(NULL, " \t\r", &rest)) {
        if (!(words++ == 0 ? time_word(ps, word) : assignment(ps, word)))
            return false;
    }
    if (words == 1) {
        snprintf(ps->err, ps->err_len, "line %u: a time needs at least one PIN=LEVEL after it",
                 ps->line);
        return false;
    }
    return true;
}

static bool run_script(const char *text, char *err, size_t err_len, bool apply)
{
    parser ps = {.err = err, .err_len = err_len, .line = 1, .apply = apply};
    char line[512];
    size_t len = 0;
    bool comment = false;
    for (const char *p = text;; p++) {
        bool end = *p == '\0' || *p == '\n' || (*p == ';' && !comment);
        if (end) {
            line[len] = '\0';
            if (!script_line(&ps, line))
                return false;
            if (*p == '\0')
                return true;
            ps.line++;
            len = 0;
            comment = false;
        } else if (*p == '#') {
            comment = true;
        } else if (!comment) {
            if (len + 1 >= sizeof line) {
                snprintf(err, err_len, "line %u: longer than %zu characters", ps.line,
                         sizeof line - 1);
                return false;
            }
            line[len++] = *p;
        }
    }
}

bool mote_host_gpio_script(const char *text, char *err, size_t err_len)
{
    host_config_touched();
    return run_script(text, err, err_len, false) && run_script(text, err, err_len, true);
}

bool mote_host_gpio_input(const char *file_or_script, char *err, size_t err_len)
{
    FILE *f = fopen(file_or_script, "r");
    if (f == NULL) {
        if (strchr(file_or_script, '=') != NULL)
            return mote_host_gpio_script(file_or_script, err, err_len);
        snprintf(err, err_len, "%s: no such file (nor a script such as \"50ms 1=0\")",
                 file_or_script);
        return false;
    }
    static char text[1 << 20];
    size_t len = fread(text, 1, sizeof text - 1, f);
    bool too_long = !feof(f);
    fclose(f);
    if (too_long) {
        snprintf(err, err_len, "%s: larger than 1 MiB", file_or_script);
        return false;
    }
    text[len] = '\0';
    char inner[200];
    if (mote_host_gpio_script(text, inner, sizeof inner))
        return true;
    snprintf(err, err_len, "%s: %s", file_or_script, inner);
    return false;
}
