/*
 * compile_eh.h -- the exception handler table of a function, as the
 * compiler writes it after the function's code (compile_eh.c) and the
 * unwinder reads it (exn.c).  mod_func.handlers is the word offset of the
 * table in the module's code, NO_INDEX for a function without one.
 *
 *   [n]                         the number of try ranges
 *   n x [start][end][next][first][count]
 *                               a try range: the code words [start, end)
 *                               (module code offsets) of a try_table's or
 *                               a try's body, in start order, so that the
 *                               innermost range holding a pc is the last
 *                               one; `next` is the range to try when no
 *                               clause matches (the enclosing try, or a
 *                               delegate's target; NO_INDEX: the caller);
 *                               its clauses are first .. first+count-1
 *   m x [tag][dest | exn << 16][target]
 *                               a catch clause: the tag index it catches
 *                               (EH_CATCH_ALL: any); the payload goes to
 *                               the frame slots at byte offset dest, the
 *                               exception's reference to slot `exn`
 *                               (EH_NO_SLOT: nowhere); then execution goes
 *                               on at code word `target`.
 */
#ifndef MOTE_COMPILE_EH_H
#define MOTE_COMPILE_EH_H

#include "module.h"

#define EH_RANGE_WORDS 5u
#define EH_CLAUSE_WORDS 3u
#define EH_CATCH_ALL NO_INDEX
#define EH_NO_SLOT 0xFFFFu

#endif
