/*
 * clock.c -- what an app sees of the board's wall clock, its environment
 * and its output streams, for the CLI's tests:
 *
 *   clock                 the date (time(), gmtime) and the environment
 *   clock sleep SECONDS   the date, a sleep, the date again
 *   clock streams         a line to stdout and one to stderr
 *   clock spin            computes for ever (a --time-limit must stop it)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void show_date(void)
{
    time_t now = time(NULL);
    struct timespec ts;
    if (now == (time_t)-1 || clock_gettime(CLOCK_REALTIME, &ts) != 0) {
        puts("no wall clock");
        return;
    }
    struct tm *t = gmtime(&now);
    /* time() and CLOCK_REALTIME are one clock: a second apart at most. */
    printf("time: %lld (%04d-%02d-%02d %02d:%02d:%02d UTC), realtime agrees: %s\n", (long long)now,
           t->tm_year + 1900, t->tm_mon + 1, t->tm_mday, t->tm_hour, t->tm_min, t->tm_sec,
           ts.tv_sec - now <= 1 && ts.tv_sec >= now ? "yes" : "no");
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "date";
    if (!strcmp(what, "streams")) {
        puts("to stdout");
        fflush(stdout);
        fputs("to stderr\n", stderr);
        return 0;
    }
    if (!strcmp(what, "spin")) {
        for (volatile unsigned long n = 0;; n++) {
        }
    }
    show_date();
    if (!strcmp(what, "sleep")) {
        sleep((unsigned)(argc > 2 ? atoi(argv[2]) : 1));
        show_date();
        return 0;
    }
    int count = 0;
    for (char **e = environ; *e != NULL; e++)
        printf("env: %s\n", *e), count++;
    printf("%d environment variables\n", count);
    return 0;
}
