/*
 * The host UART's back-ends: where the console's bytes go.  stdio is the
 * default (port/host/console.c starts on stdin/stdout); a pseudo-terminal
 * lets a terminal program (screen, minicom, picocom) talk to the firmware
 * as to a board on a serial port; a unix or TCP socket lets a test or a
 * tool (mote-ota send) connect.  Sockets accept one client, and the run
 * starts when it has connected, as a board starts when the cable is in.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "host_sim.h"

static char socket_path[sizeof((struct sockaddr_un *)0)->sun_path];
static int pty_terminal = -1; /* our own handle on the terminal side */

static bool fail(char *err, size_t err_len, const char *spec, const char *what)
{
    snprintf(err, err_len, "UART %s: %s", spec, what);
    return false;
}

static bool open_pty(char *err, size_t err_len)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        return fail(err, err_len, "pty", strerror(errno));
    const char *name = ptsname(master);
    /* Holding the terminal side open keeps the pty alive before a terminal
     * program opens it and after it closes; raw mode passes bytes as they
     * are, as a UART does. */
    int slave = name != NULL ? open(name, O_RDWR | O_NOCTTY) : -1;
    if (slave < 0)
        return fail(err, err_len, "pty", strerror(errno));
    struct termios raw;
    if (tcgetattr(slave, &raw) == 0) {
        cfmakeraw(&raw);
        tcsetattr(slave, TCSANOW, &raw);
    }
    fprintf(stderr, "mote: UART on %s\n", name);
    pty_terminal = slave;
    host_console_attach(master, master, true);
    return true;
}

/* Waits for the one client of a listening socket. */
static bool accept_client(int listener, const char *spec, char *err, size_t err_len)
{
    int client;
    do {
        client = accept(listener, NULL, NULL);
    } while (client < 0 && errno == EINTR);
    int saved = errno;
    close(listener);
    if (client < 0)
        return fail(err, err_len, spec, strerror(saved));
    host_console_attach(client, client, true);
    return true;
}

static bool open_unix(const char *spec, const char *path, char *err, size_t err_len)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (*path == '\0' || strlen(path) >= sizeof address.sun_path)
        return fail(err, err_len, spec, "the socket path is empty or too long");
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISSOCK(st.st_mode))
        return fail(err, err_len, spec, "the path exists and is not a socket");
    unlink(path); /* a socket left by an earlier run */
    strcpy(address.sun_path, path);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0 ||
        listen(listener, 1) != 0) {
        int saved = errno;
        if (listener >= 0)
            close(listener);
        return fail(err, err_len, spec, strerror(saved));
    }
    strcpy(socket_path, path);
    fprintf(stderr, "mote: UART on unix socket %s: waiting for a connection\n", path);
    return accept_client(listener, spec, err, err_len);
}

/* "PORT" or "HOST:PORT" (an IPv4 address; default 127.0.0.1) into an
 * address; host (64 bytes) gets the host's text. */
static bool parse_tcp(const char *spec, const char *where, struct sockaddr_in *address,
                      char host[64], char *err, size_t err_len)
{
    strcpy(host, "127.0.0.1");
    const char *port_text = where, *colon = strrchr(where, ':');
    if (colon != NULL) {
        size_t n = (size_t)(colon - where);
        if (n == 0 || n >= 64)
            return fail(err, err_len, spec, "expected tcp:PORT or tcp:HOST:PORT");
        memcpy(host, where, n);
        host[n] = '\0';
        port_text = colon + 1;
    }
    char *end;
    long port = strtol(port_text, &end, 10);
    if (*port_text == '\0' || *end != '\0' || port < 0 || port > 65535)
        return fail(err, err_len, spec, "the port must be a number from 0 to 65535");
    *address = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &address->sin_addr) != 1)
        return fail(err, err_len, spec, "the host must be an IPv4 address such as 127.0.0.1");
    return true;
}

static bool open_tcp(const char *spec, const char *where, char *err, size_t err_len)
{
    char host[64];
    struct sockaddr_in address;
    if (!parse_tcp(spec, where, &address, host, err, err_len))
        return false;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    if (listener >= 0)
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    socklen_t len = sizeof address;
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) != 0 ||
        listen(listener, 1) != 0 || getsockname(listener, (struct sockaddr *)&address, &len) != 0) {
        int saved = errno;
        if (listener >= 0)
            close(listener);
        return fail(err, err_len, spec, strerror(saved));
    }
    fprintf(stderr, "mote: UART on tcp %s:%u: waiting for a connection\n", host,
            ntohs(address.sin_port));
    return accept_client(listener, spec, err, err_len);
}

bool mote_host_check_uart(const char *spec, char *err, size_t err_len)
{
    struct sockaddr_in address;
    char host[64];
    if (strcmp(spec, "stdio") == 0 || strcmp(spec, "pty") == 0)
        return true;
    if (strncmp(spec, "socket:", 7) == 0) {
        if (spec[7] == '\0' || strlen(spec + 7) >= sizeof socket_path)
            return fail(err, err_len, spec, "the socket path is empty or too long");
        return true;
    }
    if (strncmp(spec, "tcp:", 4) == 0)
        return parse_tcp(spec, spec + 4, &address, host, err, err_len);
    return fail(err, err_len, spec, "expected stdio, pty, socket:PATH or tcp:PORT");
}

bool mote_host_set_uart(const char *spec, char *err, size_t err_len)
{
    host_config_touched();
    if (strcmp(spec, "stdio") == 0) {
        host_console_attach(STDIN_FILENO, STDOUT_FILENO, false);
        return true;
    }
    if (strcmp(spec, "pty") == 0)
        return open_pty(err, err_len);
    if (strncmp(spec, "socket:", 7) == 0)
        return open_unix(spec, spec + 7, err, err_len);
    if (strncmp(spec, "tcp:", 4) == 0)
        return open_tcp(spec, spec + 4, err, err_len);
    return fail(err, err_len, spec, "expected stdio, pty, socket:PATH or tcp:PORT");
}

/*
 * Closing a pty throws away what its terminal side has not read yet, so
 * the last output waits for the terminal program while it keeps reading:
 * a UART's transmitter empties before the board resets.  The queue must
 * stay empty for a while, since bytes reach it a little after the write.
 */
static void drain_pty(void)
{
    int before = -1, quiet_ms = 0;
    for (int idle_ms = 0; idle_ms < 200 && quiet_ms < 50; idle_ms += 10) {
        int pending = 0;
        if (ioctl(pty_terminal, TIOCINQ, &pending) != 0)
            return;
        if (pending != before)
            idle_ms = 0; /* someone is reading: keep waiting */
        quiet_ms = pending == 0 ? quiet_ms + 10 : 0;
        before = pending;
        struct timespec tick = {0, 10 * 1000 * 1000};
        nanosleep(&tick, NULL);
    }
}

void host_uart_close(void)
{
    if (socket_path[0] != '\0')
        unlink(socket_path);
    socket_path[0] = '\0';
    if (pty_terminal >= 0)
        drain_pty();
}
