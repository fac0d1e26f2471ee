/*
 * Host console: stdout and stdin.  Reads never block: poll() says whether
 * input is waiting, and one byte of look-ahead makes "readable" exact even
 * at end of input (where poll() reports readable but read() returns 0).
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#include "mote_port.h"

static int lookahead = -1;      /* a byte taken by readable(), or -1 */

void mote_port_console_init(void)
{
    /* Keep printf() and mote_hal_console_write() output in order. */
    setvbuf(stdout, NULL, _IONBF, 0);
}

void mote_hal_console_write(const void *data, size_t len)
{
    const char *bytes = data;
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, bytes, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;             /* stdout closed: nobody to tell */
        bytes += n;
        len -= (size_t)n;
    }
}

/* Reads one byte if one is waiting right now; -1 otherwise. */
static int read_byte_now(void)
{
    struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
    if (poll(&in, 1, 0) <= 0 || !(in.revents & (POLLIN | POLLHUP)))
        return -1;
    unsigned char c;
    return read(STDIN_FILENO, &c, 1) == 1 ? c : -1;
}

bool mote_hal_console_readable(void)
{
    if (lookahead < 0)
        lookahead = read_byte_now();
    return lookahead >= 0;
}

size_t mote_hal_console_read(void *buf, size_t max)
{
    unsigned char *bytes = buf;
    size_t n = 0;
    while (n < max) {
        int c = lookahead >= 0 ? lookahead : read_byte_now();
        lookahead = -1;
        if (c < 0)
            break;
        bytes[n++] = (unsigned char)c;
    }
    return n;
}
