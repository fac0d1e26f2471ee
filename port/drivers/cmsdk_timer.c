/*
 * Time base and deadline timer from two Arm CMSDK APB timers (MPS2
 * boards).  Both count down at CMSDK_APB_CLOCK_HZ.
 *
 * The time base free-runs from 0xFFFFFFFF and interrupts at each wrap
 * (every 171 s at 25 MHz), which extends it to 64 bits.  The deadline
 * timer is loaded with the ticks until the deadline and interrupts at zero;
 * a deadline beyond 32 bits of ticks fires early and is re-armed.
 *
 * Board macros: CMSDK_APB_CLOCK_HZ, CMSDK_TIMEBASE_BASE, CMSDK_TIMEBASE_IRQ,
 * CMSDK_DEADLINE_BASE, CMSDK_DEADLINE_IRQ.
 */
#include "mote_board.h"
#include "mote_port.h"

#define TIMER_REG(base, offset) MOTE_MMIO32((base) + (offset))
#define CTRL(base) TIMER_REG(base, 0x00)
#define VALUE(base) TIMER_REG(base, 0x04)
#define RELOAD(base) TIMER_REG(base, 0x08)
#define INTSTATUS(base) TIMER_REG(base, 0x0C) /* write 1 to clear */

#define CTRL_ENABLE (1u << 0)
#define CTRL_IRQ_ENABLE (1u << 3)

static volatile uint32_t wraps; /* time base wraps counted so far */

static void timebase_isr(unsigned irq)
{
    (void)irq;
    INTSTATUS(CMSDK_TIMEBASE_BASE) = 1;
    wraps++;
}

static void deadline_isr(unsigned irq)
{
    (void)irq;
    CTRL(CMSDK_DEADLINE_BASE) = 0;
    INTSTATUS(CMSDK_DEADLINE_BASE) = 1;
    mote_port_timer_expired();
}

static uint64_t elapsed_ticks(void)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    uint32_t high = wraps;
    uint32_t value = VALUE(CMSDK_TIMEBASE_BASE);
    if (INTSTATUS(CMSDK_TIMEBASE_BASE) & 1) {
        /* Wrapped, and the interrupt has not counted it yet (it is masked,
         * or this is another handler): count it here, on a fresh value. */
        value = VALUE(CMSDK_TIMEBASE_BASE);
        high++;
    }
    mote_hal_irq_unlock(s);
    return (uint64_t)high << 32 | (0xFFFFFFFFu - value);
}

uint64_t mote_hal_time_us(void)
{
    return mote_port_ticks_to_us(elapsed_ticks(), CMSDK_APB_CLOCK_HZ);
}

void mote_port_timer_init(void)
{
    CTRL(CMSDK_DEADLINE_BASE) = 0;
    INTSTATUS(CMSDK_DEADLINE_BASE) = 1;
    mote_port_irq_attach(CMSDK_DEADLINE_IRQ, deadline_isr);

    CTRL(CMSDK_TIMEBASE_BASE) = 0;
    INTSTATUS(CMSDK_TIMEBASE_BASE) = 1;
    wraps = 0;
    RELOAD(CMSDK_TIMEBASE_BASE) = 0xFFFFFFFFu;
    VALUE(CMSDK_TIMEBASE_BASE) = 0xFFFFFFFFu;
    mote_port_irq_attach(CMSDK_TIMEBASE_IRQ, timebase_isr);
    CTRL(CMSDK_TIMEBASE_BASE) = CTRL_ENABLE | CTRL_IRQ_ENABLE;
}

void mote_port_timer_set_deadline(uint64_t due_us)
{
    CTRL(CMSDK_DEADLINE_BASE) = 0;
    INTSTATUS(CMSDK_DEADLINE_BASE) = 1;
    if (due_us == MOTE_PORT_NO_DEADLINE)
        return;
    /* Count from a time read before loading, so the wait only lengthens. */
    uint64_t now = mote_hal_time_us();
    uint64_t ticks = due_us > now ? mote_port_us_to_ticks(due_us - now, CMSDK_APB_CLOCK_HZ) : 1;
    if (ticks > 0xFFFFFFFFu)
        ticks = 0xFFFFFFFFu;
    RELOAD(CMSDK_DEADLINE_BASE) = (uint32_t)ticks;
    VALUE(CMSDK_DEADLINE_BASE) = (uint32_t)ticks;
    CTRL(CMSDK_DEADLINE_BASE) = CTRL_ENABLE | CTRL_IRQ_ENABLE;
}
