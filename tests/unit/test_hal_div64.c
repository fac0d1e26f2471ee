/*
 * test_hal_div64.c -- the HAL's 64-bit division (port/common/div64.c)
 * against C's.  The board test checks 400 pairs on each board; here the
 * same 32-bit path takes many more, on every host: CMakeLists.txt builds
 * div64.c with MOTE_HAL_DIV64_HALVES, so a 64-bit host runs it too
 * (where the firmware's own build would use the CPU's division).
 */
#include <stdlib.h>

#include "div64_check.h"
#include "mote_check.h"

MOTE_CHECK_DEFINE;

int main(int argc, char **argv)
{
    check_hal_div64(argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 1000000);
    return check_summary("hal_div64");
}
