/*
 * Time base and deadline timer from one Nordic nRF51 TIMER (nRF51822;
 * QEMU's microbit machine), run as a 32-bit timer at 1 MHz (16 MHz HFCLK
 * divided by 2^4), so a tick is a microsecond.
 *
 *   CC[0]  the deadline: COMPARE[0] interrupts when the counter reaches it
 *   CC[1]  0: COMPARE[1] interrupts at each wrap (every 71.6 minutes),
 *          which extends the count to 64 bits
 *   CC[2]  where TASKS_CAPTURE[2] leaves the counter for reading
 *
 * The counter cannot be read directly: a read captures it first.  A
 * deadline more than 2^32 us away fires early and is re-armed; one that
 * may already have passed while CC[0] was written is made pending by hand.
 *
 * Board macros: NRF51_TIMER_BASE, NRF51_TIMER_IRQ.
 */
#include <stdbool.h>

#include "mote_board.h"
#include "mote_port.h"

#define TIMER_REG(offset) MOTE_MMIO32(NRF51_TIMER_BASE + (offset))
#define TASKS_START TIMER_REG(0x000)
#define TASKS_STOP TIMER_REG(0x004)
#define TASKS_CLEAR TIMER_REG(0x00C)
#define TASKS_CAPTURE(n) TIMER_REG(0x040 + 4u * (n))
#define EVENTS_COMPARE(n) TIMER_REG(0x140 + 4u * (n))
#define SHORTS TIMER_REG(0x200)
#define INTENSET TIMER_REG(0x304)
#define INTENCLR TIMER_REG(0x308)
#define MODE TIMER_REG(0x504)
#define BITMODE TIMER_REG(0x508)
#define PRESCALER TIMER_REG(0x510)
#define CC(n) TIMER_REG(0x540 + 4u * (n))

#define INTEN_COMPARE(n) (1u << (16 + (n)))
#define MODE_TIMER 0u
#define BITMODE_32 3u
#define PRESCALER_1MHZ 4u /* 16 MHz / 2^4 */
#define TICK_HZ 1000000u

#define CC_DEADLINE 0
#define CC_WRAP 1
#define CC_READ 2

/* NVIC set-pending (the Cortex-M0's; the driver is for nRF51 only). */
#define NVIC_ISPR0 MOTE_MMIO32(0xE000E200u)

static volatile uint32_t wraps;    /* counter wraps counted so far */
static volatile bool deadline_now; /* set_deadline pended the IRQ */

static uint32_t capture(void)
{
    TASKS_CAPTURE(CC_READ) = 1;
    return CC(CC_READ);
}

static void timer_isr(unsigned irq)
{
    (void)irq;
    if (EVENTS_COMPARE(CC_WRAP)) {
        EVENTS_COMPARE(CC_WRAP) = 0;
        wraps++;
    }
    if (EVENTS_COMPARE(CC_DEADLINE) || deadline_now) {
        EVENTS_COMPARE(CC_DEADLINE) = 0;
        INTENCLR = INTEN_COMPARE(CC_DEADLINE);
        deadline_now = false;
        mote_port_timer_expired();
    }
}

static uint64_t elapsed_ticks(void)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    uint32_t high = wraps;
    uint32_t value = capture();
    if (EVENTS_COMPARE(CC_WRAP)) {
        /* Wrapped, and the interrupt has not counted it yet (it is masked,
         * or this is another handler): count it here, on a fresh value. */
        value = capture();
        high++;
    }
    mote_hal_irq_unlock(s);
    return (uint64_t)high << 32 | value;
}

uint64_t mote_hal_time_us(void)
{
    return elapsed_ticks(); /* TICK_HZ is 1 MHz */
}

void mote_port_timer_init(void)
{
    TASKS_STOP = 1;
    INTENCLR = 0xFFFFFFFFu;
    SHORTS = 0;
    MODE = MODE_TIMER;
    BITMODE = BITMODE_32;
    PRESCALER = PRESCALER_1MHZ;
    TASKS_CLEAR = 1;
    for (unsigned n = 0; n < 4; n++)
        EVENTS_COMPARE(n) = 0;
    wraps = 0;
    deadline_now = false;
    CC(CC_WRAP) = 0;
    CC(CC_DEADLINE) = 0;
    INTENSET = INTEN_COMPARE(CC_WRAP);
    mote_port_irq_attach(NRF51_TIMER_IRQ, timer_isr);
    TASKS_START = 1;
}

void mote_port_timer_set_deadline(uint64_t due_us)
{
    INTENCLR = INTEN_COMPARE(CC_DEADLINE);
    EVENTS_COMPARE(CC_DEADLINE) = 0;
    deadline_now = false;
    if (due_us == MOTE_PORT_NO_DEADLINE)
        return;
    uint64_t now = mote_hal_time_us();
    uint64_t due = due_us;
    if (due > now + 0xFFFF0000u)
        due = now + 0xFFFF0000u; /* out of reach: fire early */
    CC(CC_DEADLINE) = (uint32_t)due;
    INTENSET = INTEN_COMPARE(CC_DEADLINE);
    /* The counter may have reached CC[0] before the write took: the
     * compare would then wait a whole wrap.  Fire by hand instead (a few
     * microseconds early at most, which the caller allows). */
    if (mote_hal_time_us() + 2u >= due) {
        deadline_now = true;
        NVIC_ISPR0 = 1u << NRF51_TIMER_IRQ;
    }
}
