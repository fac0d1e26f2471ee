/*
 * div64_check.h -- mote_hal_div64() against C's division: one check for
 * the board test (tests/qemu/timer.c) and the host one
 * (tests/unit/test_hal_div64.c), which runs the 32-bit path on every host.
 */
#ifndef MOTE_TEST_DIV64_CHECK_H
#define MOTE_TEST_DIV64_CHECK_H

/* Edge values against each other, `random_pairs` pseudo-random pairs of
 * mixed widths, and a divisor of 0: each through CHECK (mote_check.h, so
 * the program defines MOTE_CHECK_DEFINE), each disagreement printed. */
void check_hal_div64(unsigned random_pairs);

#endif
