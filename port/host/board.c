/*
 * Host board description, start-up of the simulation, and exit.  The
 * "free RAM" an embedder may use as its arena is a heap block, allocated
 * on first request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "host_sim.h"
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

static void finish_at_exit(void)
{
    mote_host_finish();
}

/*
 * The board's part of mote_hal_init(), before the timer starts: the
 * simulation's setup from the environment (unless the program set it up
 * itself), Ctrl-C handling, and the trace and flash file written however
 * the program ends.
 */
void host_board_start(void)
{
    static bool started;
    if (started)
        return;
    started = true;
    host_config_from_env();
    host_stop_catch_signals();
    atexit(finish_at_exit);
}

void mote_host_finish(void)
{
    static bool finished;
    if (finished)
        return;
    finished = true;
    host_trace_write();
    host_flash_sync();
    host_uart_close();
}

_Noreturn void mote_hal_exit(int status)
{
    mote_host_finish();
    fflush(NULL);
    _exit(status);
}
