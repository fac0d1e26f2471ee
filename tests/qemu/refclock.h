/*
 * refclock.h -- a clock independent of the board's timers, to check their
 * rate: on QEMU boards the host's monotonic clock read through semihosting
 * (SYS_ELAPSED / SYS_TICKFREQ); on the host, CLOCK_MONOTONIC.
 */
#ifndef MOTE_TEST_REFCLOCK_H
#define MOTE_TEST_REFCLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* Nanoseconds since some fixed point; false if no reference is available. */
bool refclock_ns(uint64_t *ns);

#endif /* MOTE_TEST_REFCLOCK_H */
