/*
 * fs_main.c -- `mote fs` alone, as mote-fs: board builds, which do not
 * build the mote CLI, build this for the machine running the build to
 * make flash images for their tests (tests/files).
 */
#include "cli.h"
#include "commands.h"

int main(int argc, char **argv)
{
    cli_command = "fs";
    return cmd_fs(argc, argv);
}
