/*
 * logger -- one of the three apps of the apps example: receives the other
 * apps' messages and logs them with their sender and the time.  Built in
 * two versions (APP_VERSION 1 and 2) for the update-while-running test.
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

int main(void)
{
    printf("logger v%d: ready\n", APP_VERSION);
    for (unsigned long count = 1;; count++) {
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
    }
}
