/*
 * trap_text.h -- when a trap matches the text a script expects.
 *
 * The scripts' expected texts (assert_trap, assert_exhaustion,
 * assert_uninstantiable) are the spec's trap wordings, such as "integer
 * divide by zero" or "out of bounds memory access"; the reference
 * interpreter may add detail after the wording ("uninitialized element 2").
 * mote reports a trap kind whose wording mote_trap_message() gives, while
 * its full message also names the place ("func 3 +0x1c: ...").
 *
 * The rule: a trap matches expected text T when the wording W of the trap's
 * kind is T itself, or T starts with W followed by a space.  So
 * "uninitialized element" matches "uninitialized element 2", but not
 * "uninitialized"; and nothing matches across kinds.  A trap raised by a
 * host function (no spec kind) is judged by its message the same way.
 */
#ifndef MOTE_SPEC_TRAP_TEXT_H
#define MOTE_SPEC_TRAP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

bool spec_trap_text_matches(const char *wording, const char *expected, size_t expected_len);

#endif
