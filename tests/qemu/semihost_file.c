/*
 * Host file test: the firmware reads a file of the machine running it
 * with plain fopen() -- through semihosting on QEMU boards (picolibc's
 * --oslib=semihost), natively on the host -- as the spec runner on target
 * reads its .json and .wasm files.  The console stays on the UART.
 */
#include <stdio.h>
#include <string.h>

#include <mote/hal.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

int main(void)
{
    mote_hal_init();
    FILE *file = fopen(MOTE_TEST_FILE, "rb");
    CHECK(file != NULL);
    if (file != NULL) {
        char line[64] = "";
        CHECK(fgets(line, sizeof line, file) != NULL);
        line[strcspn(line, "\n")] = '\0';
        printf("file: first line \"%s\"\n", line);
        CHECK(fclose(file) == 0);
    }
    CHECK(fopen(MOTE_TEST_FILE ".does-not-exist", "rb") == NULL);
    return check_summary("host-file");
}
