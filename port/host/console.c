/*
 * Host console: a pair of file descriptors, stdin/stdout unless the board
 * attached a pseudo-terminal or a socket (boards/host/uart.c).
 *
 * Reads never block: poll() says whether input is waiting, and one byte of
 * look-ahead makes "readable" exact even at end of input (where poll()
 * reports readable but read() returns 0).  At end of input the console can
 * read an end-of-file byte for ever, as a terminal's Ctrl-D
 * (mote_host_set_uart_eof_byte): that lets a WASI app's fgets() loop end
 * when a file piped to it ends.
 *
 * When a read finds nothing and more may still come, the console is
 * "starved": the next wait for an interrupt also wakes on its input
 * (port/host/time.c), the way a UART receive interrupt would.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "host_sim.h"
#include "mote_port.h"

/* How long a stream console waits for a stalled reader before it drops
 * output: a UART's bytes go out whether anyone listens or not. */
#define STALL_MS 1000

static int in_fd = STDIN_FILENO, out_fd = STDOUT_FILENO;
static bool stream;        /* a socket or pseudo-terminal */
static bool socket_out;    /* out_fd is a socket: send() without SIGPIPE */
static int lookahead = -1; /* a byte taken by readable(), or -1 */
static bool at_end;        /* the input has ended */
static int eof_byte = -1;
static bool starved; /* the last look found no input */

void mote_port_console_init(void)
{
    /* Keep printf() and mote_hal_console_write() output in order. */
    setvbuf(stdout, NULL, _IONBF, 0);
}

void host_console_attach(int in, int out, bool is_stream)
{
    in_fd = in;
    out_fd = out;
    stream = is_stream;
    socket_out = is_stream; /* until send() says otherwise */
    lookahead = -1;
    at_end = false;
}

void mote_host_set_uart_eof_byte(int byte)
{
    host_config_touched();
    eof_byte = byte >= 0 && byte <= 255 ? byte : -1;
}

int host_console_waiting_fd(void)
{
    return starved && !at_end ? in_fd : -1;
}

/* Waits up to STALL_MS for room in a stream's output buffer. */
static bool writable(void)
{
    struct pollfd out = {.fd = out_fd, .events = POLLOUT};
    return poll(&out, 1, STALL_MS) > 0 && !(out.revents & (POLLERR | POLLHUP));
}

void mote_hal_console_write(const void *data, size_t len)
{
    const char *bytes = data;
    while (len > 0) {
        if (stream && !writable())
            return; /* nobody reads: the bytes are lost, as on a wire */
        ssize_t n = socket_out ? send(out_fd, bytes, len, MSG_NOSIGNAL) : -1;
        if (socket_out && n < 0 && errno == ENOTSOCK)
            socket_out = false; /* a pseudo-terminal */
        if (!socket_out)
            n = write(out_fd, bytes, len);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return; /* closed: nobody to tell */
        bytes += n;
        len -= (size_t)n;
    }
}

/* Reads one byte if one is waiting right now; -1 otherwise. */
static int read_byte_now(void)
{
    if (!at_end) {
        struct pollfd in = {.fd = in_fd, .events = POLLIN};
        if (poll(&in, 1, 0) > 0 && (in.revents & (POLLIN | POLLHUP | POLLERR))) {
            unsigned char c;
            ssize_t n = read(in_fd, &c, 1);
            if (n == 1)
                return c;
            /* 0 is end of file; a pseudo-terminal whose other side closed
             * reports EIO.  Either way no more input comes. */
            if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
                at_end = true;
        }
    }
    return at_end ? eof_byte : -1;
}

bool mote_hal_console_readable(void)
{
    if (lookahead < 0)
        lookahead = read_byte_now();
    starved = lookahead < 0;
    return !starved;
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
        if (at_end)
            break; /* one end-of-file byte per read, like a key press */
    }
    starved = n < max && !at_end;
    return n;
}
