/*
 * hello -- the smallest mote app: ordinary C with printf, built against
 * wasi-libc.  Its exit status travels back to the firmware (and, under
 * QEMU, to the shell) through proc_exit.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    const char *board = getenv("MOTE_BOARD");
    printf("Hello, world! A WebAssembly app on mote, board %s.\n", board ? board : "unknown");
    for (int i = 1; i < argc; i++)
        printf("argument %d: %s\n", i, argv[i]);
    int status = 7;
    printf("exiting with status %d\n", status);
    return status;
}
