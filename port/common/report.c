/*
 * Output helpers for fault reports.  A report is written while the system
 * may be broken, so these use no stdio, no heap and only a few bytes of
 * stack, and they (re)initialise the console first.
 */
#include <string.h>

#include "mote_port.h"

void mote_port_print(const char *text)
{
    mote_hal_console_write(text, strlen(text));
}

void mote_port_print_hex(const char *label, uintptr_t value)
{
    static const char digits[] = "0123456789abcdef";
    char hex[2 * sizeof value];
    for (size_t i = 0; i < sizeof hex; i++)
        hex[i] = digits[(value >> (4 * (sizeof hex - 1 - i))) & 0xF];
    mote_port_print(" ");
    mote_port_print(label);
    mote_port_print("=0x");
    mote_hal_console_write(hex, sizeof hex);
}

void mote_port_fault_begin(const char *what)
{
    mote_port_console_init();
    mote_port_print("\n*** FAULT: ");
    mote_port_print(what);
}

_Noreturn void mote_port_fault_end(void)
{
    mote_port_print("\n*** stopping with exit status 70\n");
    mote_hal_exit(MOTE_HAL_EXIT_FAULT);
}
