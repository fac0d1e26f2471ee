/* commands.h -- the `mote` subcommands; each gets its own argv (argv[0] is
 * the command's name) and returns the exit status. */
#ifndef MOTE_CLI_COMMANDS_H
#define MOTE_CLI_COMMANDS_H

int cmd_run(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_fs(int argc, char **argv);

#endif /* MOTE_CLI_COMMANDS_H */
