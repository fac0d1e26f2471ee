/*
 * The wall clock for boards without a real-time clock: the time the
 * firmware last set, counted on with the time base (mote_hal_time_us).
 * Unknown after a reset until set again.
 */
#include "mote_port.h"

static uint64_t offset_us; /* wall clock - time base */
static bool known;

void mote_port_rtc_init(void)
{
    known = false;
}

mote_hal_status mote_hal_rtc_get(uint64_t *unix_us)
{
    /* Locked: on a 32-bit CPU a set between the halves would tear the offset. */
    mote_hal_irq_state s = mote_hal_irq_lock();
    bool ok = known;
    uint64_t now = offset_us + mote_hal_time_us();
    mote_hal_irq_unlock(s);
    if (!ok)
        return MOTE_HAL_ERR_UNSUPPORTED;
    *unix_us = now;
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_rtc_set(uint64_t unix_us)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    offset_us = unix_us - mote_hal_time_us(); /* modular: get adds it back */
    known = true;
    mote_hal_irq_unlock(s);
    return MOTE_HAL_OK;
}
