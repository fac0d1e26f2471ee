/*
 * trap.c -- an app that traps two calls deep, for the failure report:
 * the firmware must print the trap and a backtrace with function names
 * (from the name section the SDK keeps).
 */
#include <stdio.h>

__attribute__((noinline)) static void crash_here(volatile int *where)
{
    printf("about to trap\n");
    if (where == 0)
        __builtin_trap();
}

__attribute__((noinline)) static void caller_of_crash(void)
{
    crash_here(0);
}

int main(void)
{
    caller_of_crash();
    return 0;
}
