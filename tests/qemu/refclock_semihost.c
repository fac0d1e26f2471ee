/* The reference clock through semihosting: QEMU answers with host time. */
#include "refclock.h"

#define SYS_ELAPSED 0x30u
#define SYS_TICKFREQ 0x31u

uintptr_t mote_port_semihost(uintptr_t op, uintptr_t arg); /* in the HAL */

bool refclock_ns(uint64_t *ns)
{
    /* SYS_ELAPSED fills one 64-bit count, as two words on 32-bit targets. */
    uintptr_t block[2] = {0, 0};
    if (mote_port_semihost(SYS_ELAPSED, (uintptr_t)block) != 0)
        return false;
    uint64_t ticks = block[0];
    if (sizeof(uintptr_t) == 4)
        ticks |= (uint64_t)block[1] << 32;
    uintptr_t hz = mote_port_semihost(SYS_TICKFREQ, 0);
    if (hz == 0 || hz == (uintptr_t)-1)
        return false;
    *ns = ticks / hz * 1000000000u + ticks % hz * 1000000000u / hz;
    return true;
}
