/*
 * logger -- one of the three apps of the apps example: receives the other
 * apps' messages and logs them with their sender and the time, on the
 * console and in /log/log.txt, its directory of the device's file system
 * (its manifest grants it, with a quota).  Built in two versions
 * (APP_VERSION 1 and 2) for the update-while-running test; version 2
 * starts by counting what version 1 logged.
 *
 * Trace: "logger vN: [T ms] <sender>: <message>".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <mote/device.h>

#ifndef APP_VERSION
#define APP_VERSION 1
#endif

#define LOG_FILE "/log/log.txt"

/* Lines in the log so far; -1 without one. */
static int lines_logged(void)
{
    FILE *f = fopen(LOG_FILE, "r");
    if (f == NULL)
        return -1;
    int lines = 0, c;
    while ((c = fgetc(f)) != EOF)
        lines += c == '\n';
    fclose(f);
    return lines;
}

static void log_line(const char *from, const char *msg, uint64_t now)
{
    FILE *f = fopen(LOG_FILE, "a");
    if (f == NULL)
        return;
    fprintf(f, "%llu %s %s\n", (unsigned long long)(now / 1000), from, msg);
    fclose(f);
}

int main(void)
{
    int lines = lines_logged();
    if (lines < 0)
        printf("logger v%d: ready (no log yet)\n", APP_VERSION);
    else
        printf("logger v%d: ready (%s holds %d lines)\n", APP_VERSION, LOG_FILE, lines);
    for (;;) {
        char msg[65], from[16];
        int32_t n = mote_msg_recv(msg, sizeof msg - 1, from, sizeof from, -1);
        if (n < 0) {
            printf("logger v%d: receive failed: %s\n", APP_VERSION, strerror(-n));
            return 1;
        }
        msg[n] = 0;
        uint64_t now = mote_time_us();
        printf("logger v%d: [%llu.%03llu ms] %s: %s\n", APP_VERSION,
               (unsigned long long)(now / 1000), (unsigned long long)(now % 1000), from, msg);
        log_line(from, msg, now);
    }
}
