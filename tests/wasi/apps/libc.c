/*
 * libc.c -- an ordinary C program, built with the SDK against wasi-libc and
 * run unmodified on WASI-lite: arguments, environment, stdio both ways,
 * clocks, sleeping, random bytes, poll() on stdin, exit status.  Its output
 * is the same on every HAL (times are only compared), so one expected file
 * serves the simulator, the host and the boards.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long ns_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1000000000LL + (t1.tv_nsec - t0->tv_nsec);
}

static void show_args(int argc, char **argv)
{
    printf("argc=%d", argc); /* argv[0] is the firmware's choice */
    for (int i = 1; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\n");
    const char *greeting = getenv("GREETING");
    printf("GREETING=%s MISSING=%s\n", greeting ? greeting : "(none)",
           getenv("MISSING") ? "set" : "(none)");
}

static void show_clocks(void)
{
    struct timespec t0, res, wall;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    printf("monotonic resolution %ld ns\n",
           clock_getres(CLOCK_MONOTONIC, &res) == 0 ? res.tv_nsec : -1L);
    errno = 0;
    int r = clock_gettime(CLOCK_REALTIME, &wall);
    printf("realtime: %d errno=%s\n", r, r == 0 ? "0" : errno == ENOTSUP ? "ENOTSUP" : "other");
    if (r == 0) /* the tests set the wall clock to 2025-01-01 or run on the PC's */
        printf("time(): %s\n", time(NULL) >= 1735689600 ? "2025 or later" : "before 2025");
    struct timespec nap = {.tv_sec = 0, .tv_nsec = 20 * 1000 * 1000};
    int slept = nanosleep(&nap, NULL);
    long long ns = ns_since(&t0);
    printf("nanosleep(20 ms)=%d, slept at least 20 ms: %s, less than 1 s: %s\n", slept,
           ns >= 20000000 ? "yes" : "no", ns < 1000000000 ? "yes" : "no");
    usleep(1000);
}

static void show_input(void)
{
    struct pollfd in = {.fd = 0, .events = POLLIN};
    int ready = poll(&in, 1, 5000);
    printf("poll(stdin)=%d revents=%s\n", ready, (in.revents & POLLIN) ? "POLLIN" : "-");
    char line[64];
    int lines = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        printf("line %d: \"%s\" (%zu bytes)\n", ++lines, line, strlen(line));
    }
    printf("end of input after %d lines, feof=%d\n", lines, feof(stdin) != 0);
}

int main(int argc, char **argv)
{
    printf("hello from libc, isatty(1)=%d\n", isatty(1));
    show_args(argc, argv);
    show_clocks();
    show_input();
    unsigned char bytes[16] = {0};
    int zeros = 0;
    printf("getentropy=%d", getentropy(bytes, sizeof bytes));
    for (size_t i = 0; i < sizeof bytes; i++)
        zeros += bytes[i] == 0;
    printf(", mostly non-zero: %s\n", zeros < 4 ? "yes" : "no");
    fprintf(stderr, "to stderr\n");
    printf("float %.3f, int %d, hex %x\n", 3.14159, -42, 0xbeef);
    return 3;
}
