/* The reference clock on the host: CLOCK_MONOTONIC (the HAL uses it too). */
#include <time.h>

#include "refclock.h"

bool refclock_ns(uint64_t *ns)
{
    struct timespec now;
    if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
        return false;
    *ns = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
    return true;
}
