/* check.c -- counters and summary for check.h. */
#include "check.h"

int check_failures;
int check_count;

int check_done(const char *suite)
{
    printf("%s: %d checks, %d failed\n", suite, check_count, check_failures);
    return check_failures == 0 ? 0 : 1;
}
