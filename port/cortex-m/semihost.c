/* Semihosting on Arm M-profile: BKPT 0xAB, operation in r0, argument in r1. */
#include "mote_port.h"

uintptr_t mote_port_semihost(uintptr_t op, uintptr_t arg)
{
    register uintptr_t r0 __asm__("r0") = op;
    register uintptr_t r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}
