/*
 * check.h -- the few assertions WASI-lite's C tests use.  A failed check
 * prints where and what, and the test keeps going; check_done() gives the
 * exit status.
 */
#ifndef WASI_TEST_CHECK_H
#define WASI_TEST_CHECK_H

#include <inttypes.h>
#include <stdio.h>

extern int check_failures;
extern int check_count;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        check_count++;                                                               \
        if (!(cond)) {                                                               \
            check_failures++;                                                        \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond);         \
        }                                                                            \
    } while (0)

#define CHECK_EQ(actual, expected)                                                   \
    do {                                                                             \
        long long a_ = (long long)(actual), e_ = (long long)(expected);              \
        check_count++;                                                               \
        if (a_ != e_) {                                                              \
            check_failures++;                                                        \
            fprintf(stderr, "%s:%d: FAIL: %s is %lld, expected %lld\n", __FILE__,    \
                    __LINE__, #actual, a_, e_);                                      \
        }                                                                            \
    } while (0)

/* Prints a summary; returns the process exit status. */
int check_done(const char *suite);

#endif /* WASI_TEST_CHECK_H */
