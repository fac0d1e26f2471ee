/*
 * mote_check.h -- the one check helper of mote's C tests.
 *
 *     MOTE_CHECK_DEFINE;                  // once per program: the counters
 *     CHECK(x == 3);                      // counts a pass, or prints FAIL file:line
 *     CHECKF(x == 3, "x=%d", x);          // the same, with a printf-style note; both
 *                                         // are expressions worth 1 (pass) or 0
 *     REQUIRE(p != NULL);                 // CHECK, and return from the function if false
 *     return check_summary("hostile");    // "hostile: N passed, N failed"; the failures
 *
 * A test may set check_context to a function that adds a line to every
 * failure (for example the arena's last error message).
 */
#ifndef MOTE_TEST_CHECK_H
#define MOTE_TEST_CHECK_H

#include <stdarg.h>
#include <stdio.h>

typedef struct check_counts {
    int passed, failed;
    const char *(*context)(void);   /* optional: more text for a failure */
} check_counts;

extern check_counts check_state;

#define MOTE_CHECK_DEFINE check_counts check_state

static inline int check_report(int ok, const char *file, int line, const char *what)
{
    if (ok) {
        check_state.passed++;
        return 1;
    }
    check_state.failed++;
    printf("FAIL %s:%d: %s\n", file, line, what);
    if (check_state.context)
        printf("  %s\n", check_state.context());
    return 0;
}

#define CHECK(cond) check_report(!!(cond), __FILE__, __LINE__, #cond)

/* A note for a failure; returns ok. */
static inline int check_note(int ok, const char *fmt, ...)
{
    if (!ok) {
        va_list ap;
        va_start(ap, fmt);
        printf("  ");
        vprintf(fmt, ap);
        printf("\n");
        va_end(ap);
    }
    return ok;
}

#define CHECKF(cond, ...) check_note(check_report(!!(cond), __FILE__, __LINE__, #cond), __VA_ARGS__)

#define REQUIRE(cond)                                                       \
    do {                                                                    \
        if (!CHECK(cond))                                                   \
            return;                                                         \
    } while (0)

static inline int check_summary(const char *suite)
{
    printf("%s: %d passed, %d failed\n", suite, check_state.passed, check_state.failed);
    return check_state.failed ? 1 : 0;
}

#endif
