/*
 * uart_client -- the other end of the host board's UART, for tests:
 *
 *   uart_client INPUT -- mote run --uart socket:PATH|tcp:0|pty ... app.wasm
 *
 * Starts the command, reads its stderr until the board says where the
 * UART is ("mote: UART on ..."), connects there (or opens the pty), sends
 * INPUT, and copies everything the app writes to stdout until the command
 * ends.  Sockets are half-closed after the input, which the board reads as
 * end of input.  Exits with the command's status; the command's stderr is
 * passed on.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static _Noreturn void die(const char *what)
{
    fprintf(stderr, "uart_client: %s: %s\n", what, strerror(errno));
    exit(99);
}

/* Reads the child's stderr line by line until the UART line; returns it. */
static char *uart_line(FILE *err)
{
    static char line[512];
    while (fgets(line, sizeof line, err) != NULL) {
        fputs(line, stderr);
        if (strncmp(line, "mote: UART on ", 14) == 0)
            return line + 14;
    }
    return NULL;
}

static int connect_to(const char *where)
{
    int fd;
    if (strncmp(where, "unix socket ", 12) == 0) {
        struct sockaddr_un a = {.sun_family = AF_UNIX};
        sscanf(where + 12, "%107[^:]", a.sun_path);
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
            die("connect (unix)");
    } else if (strncmp(where, "tcp ", 4) == 0) {
        char host[64];
        unsigned port;
        if (sscanf(where + 4, "%63[^:]:%u", host, &port) != 2)
            die("parse tcp address");
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
        inet_pton(AF_INET, host, &a.sin_addr);
        fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0)
            die("connect (tcp)");
    } else {
        char path[256];
        sscanf(where, "%255s", path);
        fd = open(path, O_RDWR | O_NOCTTY);
        if (fd < 0)
            die("open pty");
        struct termios raw;
        if (tcgetattr(fd, &raw) == 0) {
            cfmakeraw(&raw);
            tcsetattr(fd, TCSANOW, &raw);
        }
    }
    return fd;
}

static void send_all(int fd, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        die(path);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (write(fd, buf, n) != (ssize_t)n)
            die("write");
    fclose(in);
}

/* Copies what the app writes to stdout until its end closes: end of
 * file on a socket, EIO on a pty whose other side the command had open. */
static void receive(int fd)
{
    char buf[4096];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        fwrite(buf, 1, (size_t)n, stdout);
    }
}

int main(int argc, char **argv)
{
    if (argc < 4 || strcmp(argv[2], "--") != 0) {
        fprintf(stderr, "usage: uart_client INPUT -- command...\n");
        return 99;
    }
    int errpipe[2];
    if (pipe(errpipe) != 0)
        die("pipe");
    pid_t child = fork();
    if (child < 0)
        die("fork");
    if (child == 0) {
        dup2(errpipe[1], STDERR_FILENO);
        close(errpipe[0]);
        close(errpipe[1]);
        execvp(argv[3], argv + 3);
        die(argv[3]);
    }
    close(errpipe[1]);
    FILE *err = fdopen(errpipe[0], "r");
    char *where = uart_line(err);
    int status = 0;
    if (where == NULL) {
        waitpid(child, &status, 0);
    } else {
        int fd = connect_to(where);
        send_all(fd, argv[1]);
        shutdown(fd, SHUT_WR); /* sockets: end of input; a pty ignores it */
        receive(fd);
        close(fd);
        waitpid(child, &status, 0);
    }
    char line[512];
    while (fgets(line, sizeof line, err) != NULL)
        fputs(line, stderr);
    fflush(stdout);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
