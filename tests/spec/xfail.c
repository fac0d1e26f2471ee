/* xfail.c -- the expected-failures list; see xfail.h. */
#include "xfail.h"
#include "file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static bool add_entry(spec_xfail *list, unsigned long line, const char *reason, size_t reason_len)
{
    spec_xfail_entry *grown = realloc(list->entries, (list->count + 1) * sizeof *grown);
    if (grown == NULL)
        return false;
    list->entries = grown;
    char *copy = malloc(reason_len + 1);
    if (copy == NULL)
        return false;
    memcpy(copy, reason, reason_len);
    copy[reason_len] = '\0';
    spec_xfail_entry *e = &list->entries[list->count++];
    memset(e, 0, sizeof *e);
    e->line = line;
    e->reason = copy;
    return true;
}

/* Splits "<file>:<line> <reason>" (already trimmed, not a comment). */
static const char *parse_line(spec_xfail *list, const char *s, size_t len, const char *name)
{
    size_t key_len = 0;
    while (key_len < len && !is_space(s[key_len]))
        key_len++;
    size_t colon = key_len;
    while (colon > 0 && s[colon - 1] != ':')
        colon--;
    if (colon < 2 || colon == key_len)
        return "expected <wast-file-name>:<line> <reason>";
    unsigned long line = 0;
    if (key_len - colon == 1 && s[colon] == '*') {
        line = SPEC_XFAIL_ANY; /* the whole script */
    } else {
        for (size_t i = colon; i < key_len; i++) {
            unsigned d = (unsigned)(s[i] - '0');
            if (d > 9 || line > (~0ul - 1 - d) / 10)
                return "the line number is neither a decimal number nor *";
            line = line * 10 + d;
        }
    }
    size_t r = key_len;
    while (r < len && is_space(s[r]))
        r++;
    if (r == len)
        return "the reason is missing";
    size_t file_len = colon - 1;
    if (strlen(name) != file_len || memcmp(s, name, file_len) != 0)
        return NULL; /* another script's entry */
    spec_xfail_entry *same = spec_xfail_find(list, line);
    if (same && same->line == line)
        return "duplicate entry";
    return add_entry(list, line, s + r, len - r) ? NULL : "out of memory";
}

bool spec_xfail_parse(spec_xfail *list, const char *text, size_t len, const char *name, char *err,
                      size_t err_cap)
{
    memset(list, 0, sizeof *list);
    size_t pos = 0;
    unsigned long lineno = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        lineno++;
        size_t a = pos, b = end;
        pos = end + 1;
        while (a < b && is_space(text[a]))
            a++;
        while (b > a && is_space(text[b - 1]))
            b--;
        if (a == b || text[a] == '#')
            continue;
        const char *why = parse_line(list, text + a, b - a, name);
        if (why) {
            snprintf(err, err_cap, "expected-failures line %lu: %s", lineno, why);
            spec_xfail_free(list);
            return false;
        }
    }
    return true;
}

bool spec_xfail_load(spec_xfail *list, const char *path, const char *name, char *err,
                     size_t err_cap)
{
    unsigned char *text;
    size_t len;
    memset(list, 0, sizeof *list);
    if (spec_read_file(path, &text, &len) != SPEC_READ_OK) {
        snprintf(err, err_cap, "cannot read expected-failures file %s", path);
        return false;
    }
    bool ok = spec_xfail_parse(list, (const char *)text, len, name, err, err_cap);
    free(text);
    return ok;
}

spec_xfail_entry *spec_xfail_find(spec_xfail *list, unsigned long line)
{
    spec_xfail_entry *any = NULL;
    for (size_t i = 0; i < list->count; i++) {
        if (list->entries[i].line == line)
            return &list->entries[i];
        if (list->entries[i].line == SPEC_XFAIL_ANY)
            any = &list->entries[i];
    }
    return any;
}

void spec_xfail_free(spec_xfail *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->entries[i].reason);
    free(list->entries);
    memset(list, 0, sizeof *list);
}
