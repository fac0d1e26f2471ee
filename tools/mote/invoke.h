/*
 * invoke.h -- `mote run --invoke NAME`: one exported function called with
 * arguments parsed from the command line, its results printed one per line.
 */
#ifndef MOTE_CLI_INVOKE_H
#define MOTE_CLI_INVOKE_H

#include <mote/mote.h>

/* Called when a call pauses (fuel, an interrupt); returns true to resume,
 * false if the budget is spent. */
typedef bool (*invoke_pause_fn)(mote_instance *inst, void *user);

/*
 * Looks up `name`, parses args[0..num_args) by its parameter types, runs
 * the module's _initialize first if it exports one (a reactor), calls the
 * function and prints the results.  Returns the exit status: 0, the code
 * of proc_exit, EXIT_USAGE for bad values, EXIT_NO_ENTRY for a missing
 * export, or the status of a failed call: *st is then that call's status
 * (MOTE_TRAP, MOTE_PAUSED when the budget ran out) for the caller to report.
 */
int invoke_export(mote_instance *inst, const char *name, char **args, int num_args,
                  invoke_pause_fn on_pause, void *user, mote_status *st);

#endif /* MOTE_CLI_INVOKE_H */
