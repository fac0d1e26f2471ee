/*
 * xfail.h -- the expected-failures list (tests/spec/expected-failures.txt).
 *
 * One entry per line:   <wast-file-name>:<line> <reason>
 * e.g.                  i32.wast:123 i32.rem_s overflow not handled yet
 *                       proposals/tail-call/return_call.wast:40 needs tail calls
 * The file name is the runner's --name for the script, i.e. the path under
 * the test suite folder; <line> is the command's "line" in the JSON (the
 * line of the .wast); the reason must not be empty.  Blank lines and lines
 * starting with '#' are ignored.
 *
 * <line> may be '*': every command of the script not listed by its own
 * line (a whole script that cannot pass yet, e.g. a proposal mote does not
 * implement); it is stale once no command of the script fails.
 *
 * A failing command at a listed line counts as an expected failure, not a
 * failure.  A listed line whose commands all ran and passed, or where the
 * script has no command at all, is "stale": the runner reports it and
 * exits non-zero, so the list only shrinks.  A line whose commands were all
 * skipped is neither used nor stale.
 */
#ifndef MOTE_SPEC_XFAIL_H
#define MOTE_SPEC_XFAIL_H

#include <stdbool.h>
#include <stddef.h>

#define SPEC_XFAIL_ANY (~0ul) /* the line of a "<file>:*" entry */

typedef struct spec_xfail_entry {
    unsigned long line;
    char *reason;
    bool failed; /* some command at this line failed */
    bool passed; /* some command at this line passed */
    bool seen;   /* some command at this line was run or skipped */
} spec_xfail_entry;

typedef struct spec_xfail {
    spec_xfail_entry *entries; /* only those for the current script */
    size_t count;
} spec_xfail;

/*
 * Parses list text, keeping the entries whose file name equals `name`.
 * Every line is checked, whatever its file.  On a bad line returns false
 * and writes the reason to err[0..err_cap).
 */
bool spec_xfail_parse(spec_xfail *list, const char *text, size_t len, const char *name, char *err,
                      size_t err_cap);

/* Reads and parses the list file at path. */
bool spec_xfail_load(spec_xfail *list, const char *path, const char *name, char *err,
                     size_t err_cap);

/* The entry for a line of the current script, or NULL. */
spec_xfail_entry *spec_xfail_find(spec_xfail *list, unsigned long line);

void spec_xfail_free(spec_xfail *list);

#endif
