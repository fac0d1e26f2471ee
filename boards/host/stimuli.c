/*
 * Scripted input: external signals on GPIO pins at given times, kept in
 * time order and applied by the time driver (port/host/time.c) as they
 * fall due -- in virtual time when a wait jumps the clock to them, in real
 * time from the timer signal.  Each one can raise the pin's edge interrupt.
 */
#include <stdlib.h>

#include "host_sim.h"

typedef struct stimulus {
    uint64_t at_us;
    uint32_t pin;
    bool high;
} stimulus;

static stimulus *list;
static size_t count, capacity, next;

bool mote_host_gpio_drive_at(uint64_t at_us, uint32_t pin, bool high)
{
    host_config_touched();
    if (pin >= MOTE_HOST_GPIO_PINS || (count > 0 && at_us < list[count - 1].at_us))
        return false;
    if (count == capacity) {
        size_t grown = capacity != 0 ? 2 * capacity : 64;
        stimulus *bigger = realloc(list, grown * sizeof *bigger);
        if (bigger == NULL)
            return false;
        list = bigger;
        capacity = grown;
    }
    list[count++] = (stimulus){at_us, pin, high};
    return true;
}

uint64_t host_stimuli_next(void)
{
    return next < count ? list[next].at_us : MOTE_HOST_NEVER;
}

void host_stimuli_fire(uint64_t now)
{
    while (next < count && list[next].at_us <= now) {
        const stimulus *s = &list[next++];
        host_gpio_external(s->pin, s->high);
    }
}
