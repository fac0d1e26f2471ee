/*
 * exh.h -- shared by the resource-exhaustion tests: arenas and calls, and
 * mote_check.h's checks (a failure also prints exh_current's last error).
 * Each case builds its module with wbuf, drives mote to one of its limits
 * and checks for the documented outcome: a clear error or trap, never a
 * crash, never a hang (ctest's timeout catches a hang).
 */
#ifndef MOTE_EXH_H
#define MOTE_EXH_H

#include <mote/mote.h>

#include <stdio.h>

#include "mote_check.h"
#include "wbuf.h"

extern mote_arena *exh_current; /* its last error is printed on failure */

/* A heap arena of `size` bytes (freed at exit); becomes exh_current. */
mote_arena *exh_arena(size_t size);

/* The module in b, checked to be well-built. */
mote_status exh_load(mote_arena *a, const wbuf *b, mote_module **m);

/* Calls export `name` taking and returning at most one i32.  *result is
 * set when the call returns a value. */
mote_status exh_call(mote_instance *inst, const char *name, int nargs, int32_t arg,
                     int32_t *result);

/* True if the arena's last error message contains `text`. */
int exh_message_has(const mote_arena *a, const char *text);

/* True if the arena's last error is MOTE_ERR_UNSUPPORTED naming `option`
 * ("MOTE_WITH_TAIL_CALL"). */
int exh_unsupported(const mote_arena *a, const char *option);

/* True if the arena's last error is MOTE_ERR_UNSUPPORTED naming a feature
 * group this build of the core leaves out (MOTE_WITH_<GROUP>=OFF, as the
 * minimal configuration does): "not in this build".  Never in a build with
 * every group. */
int exh_not_built(const mote_arena *a);

/* The cases, one ctest each. */
int case_fail_every_alloc(int argc, char **argv);
int case_nested_blocks(int argc, char **argv);
int case_many_locals(int argc, char **argv);
int case_big_data(int argc, char **argv);
int case_many_functions(int argc, char **argv);
int case_huge_counts(int argc, char **argv);
int case_stack(int argc, char **argv);
int case_fuel(int argc, char **argv);
int case_memory_cap(int argc, char **argv);
int case_table_cap(int argc, char **argv);

#endif
