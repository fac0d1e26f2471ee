/*
 * run_files.h -- `mote run`'s files: --dir (host directories) and --flash
 * (the flash file system on the host board's flash file).
 */
#ifndef MOTE_CLI_RUN_FILES_H
#define MOTE_CLI_RUN_FILES_H

#include <mote/wasi.h>

#include "run_options.h"

/* Before mote_hal_init(): the flash file.  -1 to go on, else a status. */
int run_files_board(const run_options *o);

/* After mote_hal_init(): opens the directories, mounts (or formats a
 * blank) flash, and points cfg's preopens and fds at them.  -1 to go on,
 * else a status (after a message). */
int run_files_setup(const run_options *o, mote_wasi_config *cfg);

#endif /* MOTE_CLI_RUN_FILES_H */
