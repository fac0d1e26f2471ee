/*
 * The CLINT machine timer as the time base and the deadline timer: mtime
 * counts up at CLINT_MTIME_HZ from reset, and the timer interrupt is
 * pending while mtime >= mtimecmp (hart 0's comparator).
 *
 * An RTOS tick may share the one comparator (port/freertos/riscv.c): it
 * sets mote_rv_tick_due, and the comparator is always armed for the
 * earlier of the tick and the HAL's deadline.
 */
#include "csr.h"
#include "mote_board.h"
#include "mote_port.h"

#define MTIMECMP_LO MOTE_MMIO32(CLINT_BASE + 0x4000u)
#define MTIMECMP_HI MOTE_MMIO32(CLINT_BASE + 0x4004u)
#define MTIME_LO MOTE_MMIO32(CLINT_BASE + 0xBFF8u)
#define MTIME_HI MOTE_MMIO32(CLINT_BASE + 0xBFFCu)

static uint64_t epoch_ticks;                 /* mtime when mote_hal_init() ran */
static uint64_t deadline_ticks = UINT64_MAX; /* the HAL's, in mtime ticks */
uint64_t mote_rv_tick_due = UINT64_MAX;      /* an RTOS tick's, in mtime ticks */

uint64_t mote_rv_mtime(void)
{
    /* Re-read when the high half moved while the low half was read. */
    uint32_t hi, lo;
    do {
        hi = MTIME_HI;
        lo = MTIME_LO;
    } while (hi != MTIME_HI);
    return (uint64_t)hi << 32 | lo;
}

static void write_mtimecmp(uint64_t ticks)
{
    /* Raise the high half first so that no intermediate value lies in the
     * past and fires a spurious interrupt. */
    MTIMECMP_HI = 0xFFFFFFFFu;
    MTIMECMP_LO = (uint32_t)ticks;
    MTIMECMP_HI = (uint32_t)(ticks >> 32);
}

uint64_t mote_hal_time_us(void)
{
    return mote_port_ticks_to_us(mote_rv_mtime() - epoch_ticks, CLINT_MTIME_HZ);
}

void mote_port_timer_init(void)
{
    write_mtimecmp(UINT64_MAX);
    epoch_ticks = mote_rv_mtime();
}

void mote_rv_clint_program(void)
{
    uint64_t due = deadline_ticks < mote_rv_tick_due ? deadline_ticks : mote_rv_tick_due;
    if (due == UINT64_MAX) {
        csr_clear(mie, MIE_MTIE);
        write_mtimecmp(UINT64_MAX);
        return;
    }
    write_mtimecmp(due);
    csr_set(mie, MIE_MTIE);
}

void mote_port_timer_set_deadline(uint64_t due_us)
{
    uint64_t ticks = mote_port_us_to_ticks(due_us, CLINT_MTIME_HZ);
    /* A deadline past mtime's range is never: epoch + ticks would wrap to
     * a time just behind us and fire at once, for ever. */
    bool never = due_us == MOTE_PORT_NO_DEADLINE || ticks > UINT64_MAX - epoch_ticks;
    deadline_ticks = never ? UINT64_MAX : epoch_ticks + ticks;
    mote_rv_clint_program();
}

void mote_rv_clint_isr(void)
{
    /* The interrupt is level: silence it, then let the alarm re-arm (it
     * checks the time itself: this may be the tick's interrupt). */
    csr_clear(mie, MIE_MTIE);
    if (mote_rv_mtime() >= deadline_ticks)
        mote_port_timer_expired();
    mote_rv_clint_program();
}
