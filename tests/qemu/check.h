/*
 * check.h -- tiny assertion helpers for the bring-up tests.  A failed check
 * prints "FAIL" with the condition and goes on, so one run shows every
 * problem; check_done() turns the count into the exit status.
 */
#ifndef MOTE_TEST_CHECK_H
#define MOTE_TEST_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
            check_failures++;                                               \
        }                                                                   \
    } while (0)

/* Prints the verdict line the test runner looks for; returns the status. */
static inline int check_done(const char *test)
{
    if (check_failures == 0)
        printf("%s: all checks passed\n", test);
    else
        printf("%s: %d check(s) failed\n", test, check_failures);
    return check_failures == 0 ? 0 : 1;
}

#endif /* MOTE_TEST_CHECK_H */
