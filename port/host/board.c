/*
 * Host board description and exit.  The "free RAM" an embedder may use as
 * its arena is a heap block, allocated on first request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "mote_port.h"

#define FREE_RAM_SIZE (64u * 1024u * 1024u)

const mote_hal_board_info *mote_hal_board(void)
{
    static mote_hal_board_info info;
    if (info.name == NULL) {
        void *ram = malloc(FREE_RAM_SIZE);
        info.name = "host";
        info.cpu = "posix";
        info.free_ram_base = (uintptr_t)ram;
        info.free_ram_size = ram != NULL ? FREE_RAM_SIZE : 0;
        info.ram_base = info.free_ram_base;
        info.ram_size = info.free_ram_size;
        info.gpio_count = mote_port_gpio_pins;
    }
    return &info;
}

_Noreturn void mote_hal_exit(int status)
{
    fflush(NULL);
    _exit(status);
}
