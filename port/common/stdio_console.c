/*
 * picolibc's stdin, stdout and stderr on the HAL console, so that printf()
 * goes to the board's UART.  Defining the three streams here keeps
 * picolibc's semihosting versions out of the link (file I/O through
 * semihosting, fopen() and friends, still works).
 */
#include <stdio.h>

#include <mote/hal.h>

static int console_put(char c, FILE *stream)
{
    (void)stream;
    mote_hal_console_write(&c, 1);
    return (unsigned char)c;
}

/* stdin blocks, as a C program expects; mote_hal_console_read() does not. */
static int console_get(FILE *stream)
{
    (void)stream;
    unsigned char c;
    while (mote_hal_console_read(&c, 1) == 0) {
    }
    return c;
}

static FILE console = FDEV_SETUP_STREAM(console_put, console_get, NULL, _FDEV_SETUP_RW);

FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;
