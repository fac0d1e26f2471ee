/*
 * The host board's wall clock (mote_hal_rtc_*).
 *
 * Real time: the PC's clock, CLOCK_REALTIME.  Virtual time: an epoch --
 * MOTE_HOST_VIRTUAL_EPOCH_US unless mote_host_set_epoch() gave another --
 * plus the virtual time, so that a run prints the same dates every time.
 * An epoch given in real time starts the clock there, as a board whose RTC
 * was set to it at start-up.  mote_hal_rtc_set() moves the clock as on any
 * board.
 */
#define _POSIX_C_SOURCE 200809L
#include <time.h>

#include "host_sim.h"
#include "mote_port.h"

static bool epoch_given;
static uint64_t epoch_us;
static bool set_by_firmware;
static uint64_t offset_us; /* wall clock - time base, once set */

void mote_port_rtc_init(void)
{
    set_by_firmware = false;
}

void mote_host_set_epoch(uint64_t unix_us)
{
    host_config_touched();
    epoch_given = true;
    epoch_us = unix_us;
}

mote_hal_status mote_hal_rtc_get(uint64_t *unix_us)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool set = set_by_firmware;
    uint64_t offset = offset_us;
    mote_hal_irq_unlock(s);
    if (set) {
        *unix_us = offset + mote_hal_time_us();
    } else if (epoch_given || mote_host_virtual_time()) {
        *unix_us = (epoch_given ? epoch_us : MOTE_HOST_VIRTUAL_EPOCH_US) + mote_hal_time_us();
    } else {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        *unix_us = (uint64_t)now.tv_sec * 1000000u + (uint64_t)now.tv_nsec / 1000u;
    }
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_rtc_set(uint64_t unix_us)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    offset_us = unix_us - mote_hal_time_us(); /* modular: get adds it back */
    set_by_firmware = true;
    mote_hal_irq_unlock(s);
    return MOTE_HAL_OK;
}
