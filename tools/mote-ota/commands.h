/* The mote-ota subcommands; each takes its own argv (argv[0] = its name)
 * and returns the process exit code. */
#ifndef MOTE_OTA_COMMANDS_H
#define MOTE_OTA_COMMANDS_H

int cmd_keygen(int argc, char **argv);
int cmd_sign(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_send(int argc, char **argv);
int cmd_imgtool(int argc, char **argv);

#endif
