/* Serial, TCP and unix-socket links; see link.h. */
#define _DEFAULT_SOURCE
#include "link.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static speed_t baud_constant(unsigned baud)
{
    static const struct {
        unsigned baud;
        speed_t c;
    } table[] = {
        {9600, B9600},     {19200, B19200},   {38400, B38400},   {57600, B57600},
        {115200, B115200}, {230400, B230400}, {460800, B460800}, {921600, B921600},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].baud == baud)
            return table[i].c;
    return 0;
}

static bool open_serial(ota_link *l)
{
    speed_t speed = baud_constant(l->baud);
    if (!speed) {
        cli_error("unsupported baud rate %u", l->baud);
        return false;
    }
    l->fd = open(l->target, O_RDWR | O_NOCTTY);
    struct termios t;
    if (l->fd < 0 || tcgetattr(l->fd, &t) != 0) {
        cli_error("cannot open serial port %s: %s", l->target, strerror(errno));
        return false;
    }
    cfmakeraw(&t); /* 8 data bits, no parity, no echo, no line editing */
    t.c_cflag |= CLOCAL | CREAD;
    t.c_cflag &= ~(tcflag_t)(CSTOPB | CRTSCTS);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    cfsetispeed(&t, speed);
    cfsetospeed(&t, speed);
    if (tcsetattr(l->fd, TCSANOW, &t) != 0) {
        cli_error("cannot configure %s: %s", l->target, strerror(errno));
        return false;
    }
    tcflush(l->fd, TCIOFLUSH);
    return true;
}

static bool try_tcp(ota_link *l, bool report)
{
    char host[256];
    const char *colon = strrchr(l->target, ':');
    if (!colon || colon == l->target || (size_t)(colon - l->target) >= sizeof host) {
        cli_error("--tcp wants HOST:PORT, got '%s'", l->target);
        errno = EINVAL;
        return false;
    }
    memcpy(host, l->target, (size_t)(colon - l->target));
    host[colon - l->target] = 0;
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res, *ai;
    int err = getaddrinfo(host, colon + 1, &hints, &res);
    if (err) {
        cli_error("cannot resolve %s: %s", l->target, gai_strerror(err));
        errno = EINVAL; /* not worth retrying */
        return false;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        l->fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (l->fd >= 0 && connect(l->fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        if (l->fd >= 0)
            close(l->fd);
        l->fd = -1;
    }
    freeaddrinfo(res);
    if (l->fd < 0) {
        if (report)
            cli_error("cannot connect to %s: %s", l->target, strerror(errno));
        return false;
    }
    int one = 1;
    setsockopt(l->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return true;
}

static bool try_unix(ota_link *l, bool report)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(l->target) >= sizeof a.sun_path) {
        cli_error("socket path too long: %s", l->target);
        errno = EINVAL;
        return false;
    }
    strcpy(a.sun_path, l->target);
    l->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (l->fd < 0 || connect(l->fd, (struct sockaddr *)&a, sizeof a) != 0) {
        if (report)
            cli_error("cannot connect to %s: %s", l->target, strerror(errno));
        return false;
    }
    return true;
}

/* A socket server (QEMU, a test device) may not be listening yet: retry
 * a refused or missing socket for connect_ms, quietly until the last try. */
static bool open_socket(ota_link *l)
{
    struct timespec pause = {0, 100 * 1000 * 1000};
    for (int waited = 0;; waited += 100) {
        bool last = waited >= l->connect_ms;
        bool ok = l->kind == LINK_TCP ? try_tcp(l, last) : try_unix(l, last);
        if (ok || last || (errno != ECONNREFUSED && errno != ENOENT))
            return ok;
        link_close(l);
        nanosleep(&pause, NULL);
    }
}

bool link_open(ota_link *l)
{
    l->fd = -1;
    bool ok = l->kind == LINK_SERIAL ? open_serial(l) : open_socket(l);
    if (!ok)
        link_close(l);
    return ok;
}

void link_close(ota_link *l)
{
    if (l->fd >= 0)
        close(l->fd);
    l->fd = -1;
}

bool link_write(ota_link *l, const uint8_t *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(l->fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            struct pollfd p = {.fd = l->fd, .events = POLLOUT};
            poll(&p, 1, 100);
            continue;
        }
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

int link_read(ota_link *l, uint8_t *buf, size_t cap, int timeout_ms)
{
    struct pollfd p = {.fd = l->fd, .events = POLLIN};
    int r = poll(&p, 1, timeout_ms);
    if (r < 0)
        return errno == EINTR ? 0 : -1;
    if (r == 0)
        return 0;
    ssize_t n = read(l->fd, buf, cap);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : -1;
    return n == 0 ? -1 : (int)n; /* end of stream: the peer hung up */
}
