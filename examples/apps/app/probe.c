/*
 * probe -- measures timer wake-up latency as an app sees it: a periodic
 * timer every period_us; at each event, how long after the timer's due
 * time the app runs.  After `samples` events it prints min, mean, max and
 * the jitter (max - min) in microseconds, and exits.
 *
 *   probe [period_us [samples]]    defaults: 10000 us, 200
 */
#include <stdio.h>
#include <stdlib.h>

#include <mote/device.h>

int main(int argc, char **argv)
{
    uint64_t period = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000;
    long samples = argc > 2 ? strtol(argv[2], NULL, 10) : 200;
    uint64_t due = mote_time_us() + period;
    mote_timer_start(0, period, period);
    uint64_t min = UINT64_MAX, max = 0, sum = 0, missed = 0;
    for (long n = 0; n < samples;) {
        mote_event ev;
        if (mote_event_wait(&ev, -1) != 1 || ev.kind != MOTE_EVENT_TIMER)
            continue;
        uint64_t late = mote_time_us() - due;
        due += period * ev.value;
        missed += ev.value - 1;
        if (late < min)
            min = late;
        if (late > max)
            max = late;
        sum += late;
        n++;
    }
    printf("probe: %ld wake-ups every %llu us: latency min %llu mean %llu max %llu us, "
           "jitter %llu us, %llu periods missed\n",
           samples, (unsigned long long)period, (unsigned long long)min,
           (unsigned long long)(sum / (uint64_t)samples), (unsigned long long)max,
           (unsigned long long)(max - min), (unsigned long long)missed);
    return 0;
}
