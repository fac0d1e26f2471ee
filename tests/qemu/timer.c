/*
 * Timer test: the time base runs at the right rate (against an independent
 * reference clock), sleep is never short, and the alarm calls back on time,
 * once or periodically, can be stopped, restarts itself, and is held off
 * by the interrupt lock (a periodic one then keeps to its schedule, however
 * many periods it missed), and a period near 2^64 does not wrap.  Also
 * mote_hal_div64(), the HAL's own division for time arithmetic, against
 * C's (the compiler's routine).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include <mote/hal.h>

#include "div64_check.h"
#include "mote_check.h"

MOTE_CHECK_DEFINE;
#include "refclock.h"

#define MS 1000u

static volatile unsigned calls;
static volatile uint64_t call_times[8];

static void record_call(void *user)
{
    (void)user;
    if (calls < 8)
        call_times[calls] = mote_hal_time_us();
    calls++;
}

static unsigned stop_at_call;

static void stop_at(void *user)
{
    record_call(user);
    if (calls == stop_at_call)
        mote_hal_alarm_stop();
}

static void restart_three_times(void *user)
{
    record_call(user);
    if (calls < 3)
        mote_hal_alarm_start(5 * MS, 0, restart_three_times, user);
}

/* Sleeps until `calls` reaches n, with the lock/check/wait idiom hal.h
 * documents.  A broken alarm never wakes it: the runner's timeout turns
 * that into a failure. */
static void wait_for_calls(unsigned n)
{
    for (;;) {
        mote_hal_irq_state s = mote_hal_irq_lock();
        bool ready = calls >= n;
        if (!ready)
            mote_hal_wait_for_interrupt();
        mote_hal_irq_unlock(s);
        if (ready)
            return;
    }
}

static void reset_calls(void)
{
    mote_hal_alarm_stop();
    calls = 0;
}

static void busy_wait_us(uint64_t us)
{
    uint64_t end = mote_hal_time_us() + us;
    while (mote_hal_time_us() < end) {
    }
}

static void test_time_advances(void)
{
    uint64_t t0 = mote_hal_time_us(), t = t0, previous = t0;
    bool monotonic = true;
    for (uint32_t spins = 0; t < t0 + 10 * MS && spins < 100000000u; spins++) {
        t = mote_hal_time_us();
        monotonic = monotonic && t >= previous;
        previous = t;
    }
    CHECK(t >= t0 + 10 * MS);
    CHECK(monotonic);
}

/* Reads the board clock between two reference readings (microseconds),
 * so that a pause of QEMU between the reads cannot pass for a rate error. */
static bool read_bracketed(uint64_t *before_us, uint64_t *board_us, uint64_t *after_us)
{
    uint64_t before_ns, after_ns;
    bool ok = refclock_ns(&before_ns);
    *board_us = mote_hal_time_us();
    ok = ok && refclock_ns(&after_ns);
    *before_us = before_ns / 1000u;
    *after_us = after_ns / 1000u;
    return ok;
}

static void test_rate_against_reference(void)
{
    uint64_t ref0_lo, t0, ref0_hi, ref1_lo, t1, ref1_hi;
    if (!read_bracketed(&ref0_lo, &t0, &ref0_hi)) {
        printf("timer: no reference clock\n");
        CHECK(false);
        return;
    }
    mote_hal_sleep_us(300 * MS);
    CHECK(read_bracketed(&ref1_lo, &t1, &ref1_hi));
    uint64_t board = t1 - t0, shortest = ref1_lo - ref0_hi, longest = ref1_hi - ref0_lo;
    printf("timer: slept 300 ms: board clock %" PRIu64 " us, reference %" PRIu64 "..%" PRIu64
           " us\n",
           board, shortest, longest);
    CHECK(board >= 300 * MS);
    /* The same rate within 2 %: a wrong clock constant is off by far more. */
    CHECK(board >= shortest - shortest / 50 && board <= longest + longest / 50);
}

static void test_one_shot(void)
{
    reset_calls();
    uint64_t start = mote_hal_time_us();
    CHECK(mote_hal_alarm_start(50 * MS, 0, record_call, NULL) == MOTE_HAL_OK);
    wait_for_calls(1);
    CHECK(call_times[0] >= start + 50 * MS);
    mote_hal_sleep_us(100 * MS);
    CHECK(calls == 1);
    printf("timer: one-shot 50 ms fired after %" PRIu64 " us\n", call_times[0] - start);
}

static void test_periodic(void)
{
    reset_calls();
    uint64_t start = mote_hal_time_us();
    stop_at_call = 5;
    CHECK(mote_hal_alarm_start(20 * MS, 20 * MS, stop_at, NULL) == MOTE_HAL_OK);
    wait_for_calls(5);
    mote_hal_sleep_us(100 * MS);
    CHECK(calls == 5);
    for (unsigned k = 0; k < 5 && k < calls; k++)
        CHECK(call_times[k] >= start + (k + 1) * 20 * MS);
    printf("timer: periodic 20 ms x5 done after %" PRIu64 " us\n", call_times[4] - start);
}

/* A periodic alarm held off for more than one period: one late call when
 * the lock ends, then the next slot on its schedule.  Not a burst for the
 * missed slots (which puts the second call before 300 ms), nor a period
 * counted from the late call (which puts it after 350 ms). */
static void test_late_periodic(void)
{
    reset_calls();
    stop_at_call = 2;
    mote_hal_irq_state s = mote_hal_irq_lock();
    uint64_t start = mote_hal_time_us();
    CHECK(mote_hal_alarm_start(100 * MS, 100 * MS, stop_at, NULL) == MOTE_HAL_OK);
    busy_wait_us(250 * MS); /* the slots at 100 and 200 ms pass */
    CHECK(calls == 0);
    mote_hal_irq_unlock(s);
    wait_for_calls(2);
    mote_hal_sleep_us(150 * MS);
    CHECK(calls == 2);
    CHECK(call_times[0] >= start + 250 * MS);
    CHECK(call_times[1] >= start + 300 * MS && call_times[1] < start + 350 * MS);
    printf("timer: periodic 100 ms held off 250 ms: calls at %" PRIu64 " and %" PRIu64 " us\n",
           call_times[0] - start, call_times[1] - start);
}

/* A period near 2^64: the next slot is past the end of time, so one call
 * and no more.  A slot computed as due + period wraps to just before the
 * first one, and the alarm fires again at once (it is stopped at 3). */
static void test_huge_period(void)
{
    reset_calls();
    stop_at_call = 3;
    CHECK(mote_hal_alarm_start(10 * MS, UINT64_MAX - 5, stop_at, NULL) == MOTE_HAL_OK);
    wait_for_calls(1);
    mote_hal_sleep_us(50 * MS);
    CHECK(calls == 1);
}

static void test_stop(void)
{
    reset_calls();
    CHECK(mote_hal_alarm_start(30 * MS, 0, record_call, NULL) == MOTE_HAL_OK);
    mote_hal_alarm_stop();
    mote_hal_sleep_us(80 * MS);
    CHECK(calls == 0);
    CHECK(mote_hal_alarm_start(1, 0, NULL, NULL) == MOTE_HAL_ERR_ARGUMENT);
}

static void test_restart_from_callback(void)
{
    reset_calls();
    CHECK(mote_hal_alarm_start(5 * MS, 0, restart_three_times, NULL) == MOTE_HAL_OK);
    wait_for_calls(3);
    mote_hal_sleep_us(50 * MS);
    CHECK(calls == 3);
}

static void test_lock_defers_callbacks(void)
{
    reset_calls();
    mote_hal_irq_state outer = mote_hal_irq_lock();
    mote_hal_irq_state inner = mote_hal_irq_lock();
    CHECK(mote_hal_alarm_start(1 * MS, 0, record_call, NULL) == MOTE_HAL_OK);
    busy_wait_us(20 * MS);
    CHECK(calls == 0);
    mote_hal_irq_unlock(inner); /* still inside the outer lock */
    busy_wait_us(5 * MS);
    CHECK(calls == 0);
    mote_hal_irq_unlock(outer);
    wait_for_calls(1);
}

int main(void)
{
    mote_hal_init();
    check_hal_div64(400);
    test_time_advances();
    test_rate_against_reference();
    test_one_shot();
    test_periodic();
    test_late_periodic();
    test_huge_period();
    test_stop();
    test_restart_from_callback();
    test_lock_defers_callbacks();
    return check_summary("timer");
}
