/* trap_text.c -- the trap text rule; see trap_text.h. */
#include "trap_text.h"

#include <string.h>

bool spec_trap_text_matches(const char *wording, const char *expected, size_t expected_len)
{
    if (wording == NULL || expected == NULL)
        return false;
    size_t w = strlen(wording);
    if (w == 0 || w > expected_len || memcmp(wording, expected, w) != 0)
        return false;
    return w == expected_len || expected[w] == ' ';
}
