/*
 * The HAL alarm and sleep, built on the one-deadline timer every timer
 * driver provides (mote_port_timer_set_deadline).
 *
 * Two things may want the timer at once: the alarm and a sleeping main
 * thread.  The hardware is always armed for the earlier of the two; when it
 * fires, each checks the clock for itself, so a driver that fires early
 * (its counter is too short for the wait) costs a spurious wake-up, never a
 * missed or early call.
 */
#include <stdbool.h>
#include <stddef.h>

#include "mote_port.h"

static struct {
    bool active;
    uint64_t due_us;
    uint64_t period_us; /* 0 for a one-shot alarm */
    mote_hal_alarm_fn fn;
    void *user;
} alarm;

/* When the main thread sleeps: the time it wants to be woken at. */
static uint64_t sleep_due_us = MOTE_PORT_NO_DEADLINE;

static uint64_t saturating_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX - 1 : a + b;
}

/* Arms the hardware for the earliest wish.  Interrupts are locked. */
static void rearm(void)
{
    uint64_t due = sleep_due_us;
    if (alarm.active && alarm.due_us < due)
        due = alarm.due_us;
    mote_port_timer_set_deadline(due);
}

mote_hal_status mote_hal_alarm_start(uint64_t delay_us, uint64_t period_us, mote_hal_alarm_fn fn,
                                     void *user)
{
    if (fn == NULL)
        return MOTE_HAL_ERR_ARGUMENT;
    mote_hal_irq_state s = mote_hal_irq_lock();
    alarm.active = true;
    alarm.due_us = saturating_add(mote_hal_time_us(), delay_us);
    alarm.period_us = period_us;
    alarm.fn = fn;
    alarm.user = user;
    rearm();
    mote_hal_irq_unlock(s);
    return MOTE_HAL_OK;
}

void mote_hal_alarm_stop(void)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    alarm.active = false;
    rearm();
    mote_hal_irq_unlock(s);
}

/* Moves a periodic alarm to its first slot after `now` on its schedule. */
static void schedule_next_period(uint64_t now)
{
    uint64_t late;
    (void)mote_hal_div64(now - alarm.due_us, alarm.period_us, &late);
    /* due + (periods passed + 1) * period is now - late + period: no
     * product to wrap when the period is near 2^64 */
    alarm.due_us = saturating_add(now - late, alarm.period_us);
}

void mote_port_timer_expired(void)
{
    uint64_t now = mote_hal_time_us();
    if (alarm.active && now >= alarm.due_us) {
        /* Take the call before making it: fn may restart or stop the alarm. */
        mote_hal_alarm_fn fn = alarm.fn;
        void *user = alarm.user;
        if (alarm.period_us != 0)
            schedule_next_period(now);
        else
            alarm.active = false;
        fn(user);
    }
    rearm();
}

void mote_hal_sleep_us(uint64_t us)
{
    uint64_t wake_us = saturating_add(mote_hal_time_us(), us);
    for (;;) {
        mote_hal_irq_state s = mote_hal_irq_lock();
        bool done = mote_hal_time_us() >= wake_us;
        if (!done) {
            sleep_due_us = wake_us;
            rearm();
            mote_hal_wait_for_interrupt();
            sleep_due_us = MOTE_PORT_NO_DEADLINE;
            rearm();
        }
        mote_hal_irq_unlock(s);
        if (done)
            return;
    }
}
