/* Deterministic instruction counting under QEMU (DESIGN.md, verified facts:
 * "Counting instructions deterministically"). Header-only so that mote's
 * own board firmware can measure the same way as the native drivers.
 *
 *   icount_start();            once, before the first read
 *   uint64_t a = icount_read();
 *   ...work...
 *   uint64_t n = icount_read() - a;   instructions retired in between
 *
 * rv32 (qemu-system-riscv32 -icount shift=0): the minstret CSR is the exact
 * retired-instruction count.
 * Cortex-M3 on mps2-an385 (qemu-system-arm -icount shift=3): each guest
 * instruction advances virtual time by 2^3 ns, CMSDK TIMER0 runs at 25 MHz
 * (40 ns), so it ticks once per 5 instructions; counts are exact multiples
 * of 5. DWT CYCCNT reads 0 in QEMU, hence the timer. A 32-bit down counter
 * at 25 MHz wraps after 2^32 ticks = 21.4e9 instructions; a measurement
 * must stay below that. */
#ifndef MOTE_BENCH_ICOUNT_H
#define MOTE_BENCH_ICOUNT_H

#include <stdint.h>

#if defined(__riscv)

static inline void icount_start(void)
{
}

static inline uint64_t icount_read(void)
{
    uint32_t hi, lo, hi2;
    do { /* re-read if the low word carried between the two reads */
        __asm__ volatile(".option push\n\t.option arch, +zicsr\n\t"
                         "csrr %0, minstreth\n\tcsrr %1, minstret\n\t"
                         "csrr %2, minstreth\n\t.option pop"
                         : "=r"(hi), "=r"(lo), "=r"(hi2)::"memory");
    } while (hi != hi2);
    return (uint64_t)hi << 32 | lo;
}

#define ICOUNT_UNIT 1u

#elif defined(__arm__)

#define ICOUNT_TIMER0 ((volatile uint32_t *)0x40000000u)
enum { ICOUNT_CTRL, ICOUNT_VALUE, ICOUNT_RELOAD }; /* word offsets */

static inline void icount_start(void)
{
    ICOUNT_TIMER0[ICOUNT_CTRL] = 0;
    ICOUNT_TIMER0[ICOUNT_RELOAD] = 0xffffffffu;
    ICOUNT_TIMER0[ICOUNT_VALUE] = 0xffffffffu;
    ICOUNT_TIMER0[ICOUNT_CTRL] = 1; /* enable, no interrupt */
}

static inline uint64_t icount_read(void)
{
    __asm__ volatile("" ::: "memory");
    uint32_t ticks = 0xffffffffu - ICOUNT_TIMER0[ICOUNT_VALUE];
    return (uint64_t)ticks * 5u;
}

#define ICOUNT_UNIT 5u

#else
#error "icount.h: no instruction counter for this target"
#endif

#endif
