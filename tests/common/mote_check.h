/*
 * mote_check.h -- the one check helper of mote's C tests: host programs,
 * board firmware and Wasm apps alike (it needs only <stdio.h>).
 *
 *     MOTE_CHECK_DEFINE;                  // once per program: the counters
 *     CHECK(x == 3);                      // counts a pass, or prints FAIL file:line
 *     CHECKF(x == 3, "x=%d", x);          // the same, with a printf-style note
 *     CHECK_EQ(f(), 3);                   // integers: prints both values on failure;
 *                                         // each argument is evaluated once
 *     REQUIRE(p != NULL);                 // CHECK, and return from the function if false
 *     return check_summary("hostile");    // "hostile: N passed, N failed"; the status
 *
 * CHECK, CHECKF and CHECK_EQ are expressions worth 1 (pass) or 0.  A failure
 * prints "FAIL <file>:<line>: <condition>" on stdout (the board tests reject
 * any line with FAIL), then the note; after CHECK_PRINT_LIMIT failures the
 * rest are only counted.  A test may set check_state.context to a function
 * that adds a line to every failure (for example the arena's last error).
 * A test that prints its own verdict reads check_state.failed.
 *
 * A program with little room for static data (a Wasm app that must fit a
 * 16 KiB board) defines MOTE_CHECK_LINES_ONLY before including this: a
 * failure then says "FAIL line <n>", and no condition text is stored.
 */
#ifndef MOTE_TEST_CHECK_H
#define MOTE_TEST_CHECK_H

#include <stdarg.h>
#include <stdio.h>

#define CHECK_PRINT_LIMIT 50

typedef struct check_counts {
    int passed, failed;
    const char *(*context)(void); /* optional: more text for a failure */
} check_counts;

extern check_counts check_state;

#define MOTE_CHECK_DEFINE check_counts check_state

/* Whether this failure is one to print (the first CHECK_PRINT_LIMIT). */
static inline int check_printing(void)
{
    return check_state.failed <= CHECK_PRINT_LIMIT;
}

static inline int check_report(int ok, const char *file, int line, const char *what)
{
    if (ok) {
        check_state.passed++;
        return 1;
    }
    check_state.failed++;
    if (check_printing()) {
        if (*what == '\0')
            printf("FAIL line %d\n", line);
        else
            printf("FAIL %s:%d: %s\n", file, line, what);
        if (check_state.context)
            printf("  %s\n", check_state.context());
    } else if (check_state.failed == CHECK_PRINT_LIMIT + 1) {
        printf("(further failures are counted, not shown)\n");
    }
    return 0;
}

#ifdef MOTE_CHECK_LINES_ONLY
#define CHECK_TEXT(text) ""
#else
#define CHECK_TEXT(text) text
#endif

#define CHECK(cond) check_report(!!(cond), CHECK_TEXT(__FILE__), __LINE__, CHECK_TEXT(#cond))

/* A note for a failure; returns ok. */
static inline int check_note(int ok, const char *fmt, ...)
{
    if (!ok && check_printing()) {
        va_list ap;
        va_start(ap, fmt);
        printf("  ");
        vprintf(fmt, ap);
        printf("\n");
        va_end(ap);
    }
    return ok;
}

#define CHECKF(cond, ...)                                                                 \
    check_note(check_report(!!(cond), CHECK_TEXT(__FILE__), __LINE__, CHECK_TEXT(#cond)), \
               __VA_ARGS__)

static inline int check_eq(long long actual, long long expected, const char *file, int line,
                           const char *what)
{
    return check_note(check_report(actual == expected, file, line, what), "got %lld, expected %lld",
                      actual, expected);
}

#define CHECK_EQ(actual, expected)                                                       \
    check_eq((long long)(actual), (long long)(expected), CHECK_TEXT(__FILE__), __LINE__, \
             CHECK_TEXT(#actual " == " #expected))

#define REQUIRE(cond)     \
    do {                  \
        if (!CHECK(cond)) \
            return;       \
    } while (0)

static inline int check_summary(const char *suite)
{
    printf("%s: %d passed, %d failed\n", suite, check_state.passed, check_state.failed);
    return check_state.failed ? 1 : 0;
}

#endif
