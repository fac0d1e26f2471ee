/*
 * Console input test: echoes each input line back in capitals until
 * "quit".  The runner feeds the input and checks the echoes, so this
 * proves the UART's receive side: readable() and the non-blocking read.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include <mote/hal.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

#define INPUT_TIMEOUT_US 10000000u

/* Reads one line (without the newline); false if none came in time. */
static bool read_line(char *line, size_t size)
{
    size_t len = 0;
    uint64_t give_up = mote_hal_time_us() + INPUT_TIMEOUT_US;
    while (mote_hal_time_us() < give_up) {
        if (!mote_hal_console_readable()) {
            mote_hal_sleep_us(1000);
            continue;
        }
        char c;
        CHECK(mote_hal_console_read(&c, 1) == 1);
        if (c == '\n') {
            line[len] = '\0';
            return true;
        }
        if (len + 1 < size)
            line[len++] = c;
    }
    return false;
}

int main(void)
{
    mote_hal_init();
    char c;
    CHECK(mote_hal_console_read(&c, 0) == 0);
    printf("console: ready\n");
    char line[64];
    unsigned lines = 0;
    for (;;) {
        if (!read_line(line, sizeof line)) {
            printf("console: no input\n");
            CHECK(false);
            break;
        }
        if (strcmp(line, "quit") == 0)
            break;
        for (char *p = line; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        printf("echo: %s\n", line);
        lines++;
    }
    CHECK(lines > 0);
    return check_summary("console");
}
