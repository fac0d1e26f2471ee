/* Target driver for Cortex-M3 (mps2-an385) and rv32imac (riscv virt) under
 * QEMU with -icount: counts the instructions bench_run(scale) retires and
 * prints them through semihosting, then exits with 0 if the kernel verified
 * its result, 1 if not.
 *
 * The scale comes from the semihosting command line:
 *   -semihosting-config enable=on,target=native,arg=NAME,arg=SCALE
 * (BENCH_SCALE is used when no SCALE argument is given).
 * prints: kernel=NAME scale=S instructions=N unit=U result=R */
#include <inttypes.h>
#include <semihost.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "icount.h"

#ifndef BENCH_NAME
#define BENCH_NAME "kernel"
#endif
#ifndef BENCH_SCALE
#define BENCH_SCALE 1
#endif

uint32_t bench_run(uint32_t scale);

static uint32_t scale_from_cmdline(void)
{
    char line[128];
    if (sys_semihost_get_cmdline(line, sizeof line) != 0)
        return BENCH_SCALE;
    /* The second word, if any, is the scale. */
    char *p = line;
    while (*p && *p != ' ')
        p++;
    while (*p == ' ')
        p++;
    return *p ? (uint32_t)strtoul(p, NULL, 0) : BENCH_SCALE;
}

int main(void)
{
    uint32_t scale = scale_from_cmdline();
    icount_start();
    /* Cost of the two reads themselves, subtracted below. */
    uint64_t c0 = icount_read();
    uint64_t c1 = icount_read();
    uint32_t r = bench_run(scale);
    uint64_t c2 = icount_read();
    uint64_t n = (c2 - c1) - (c1 - c0);
    printf("kernel=%s scale=%" PRIu32 " instructions=%" PRIu64 " unit=%u result=%" PRIu32 "\n",
           BENCH_NAME, scale, n, (unsigned)ICOUNT_UNIT, r);
    return r == 0 ? 0 : 1;
}
