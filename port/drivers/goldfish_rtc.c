/*
 * The Goldfish real-time clock (QEMU's virt machines): a 64-bit count of
 * nanoseconds since the Unix epoch, started from the host's clock.
 *
 * Board macros (mote_board.h):
 *   GOLDFISH_RTC_BASE   the device's registers
 *
 * Reading TIME_LOW latches TIME_HIGH, so the low half is read first; a
 * write of the halves moves the clock (QEMU keeps it as an offset from the
 * host's), high half first so the low write lands on the new high half.
 */
#include "mote_board.h"
#include "mote_port.h"

#define TIME_LOW (GOLDFISH_RTC_BASE + 0x00u)
#define TIME_HIGH (GOLDFISH_RTC_BASE + 0x04u)
#define NS_PER_US 1000u

void mote_port_rtc_init(void)
{
    /* QEMU starts the clock from the host's: nothing to do. */
}

mote_hal_status mote_hal_rtc_get(uint64_t *unix_us)
{
    mote_hal_irq_state s = mote_hal_irq_lock(); /* one latch at a time */
    uint32_t low = MOTE_MMIO32(TIME_LOW);
    uint32_t high = MOTE_MMIO32(TIME_HIGH);
    mote_hal_irq_unlock(s);
    uint64_t ns_part;
    *unix_us = mote_hal_div64(((uint64_t)high << 32) | low, NS_PER_US, &ns_part);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_rtc_set(uint64_t unix_us)
{
    uint64_t ns = unix_us * NS_PER_US;
    mote_hal_irq_state s = mote_hal_irq_lock();
    MOTE_MMIO32(TIME_HIGH) = (uint32_t)(ns >> 32);
    MOTE_MMIO32(TIME_LOW) = (uint32_t)ns;
    mote_hal_irq_unlock(s);
    uint64_t now;
    mote_hal_rtc_get(&now);
    /* The clock moves on while we look: a second of slack. */
    return now >= unix_us && now - unix_us < 1000000u ? MOTE_HAL_OK : MOTE_HAL_ERR_IO;
}
