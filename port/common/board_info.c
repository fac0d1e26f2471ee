/*
 * mote_hal_board() for bare-metal boards.  The memory figures are the
 * linker's: the board's memory.ld sets __flash, __ram, ... and picolibc.ld
 * places the heap (unused RAM) between .bss and the stack.  Firmware gets
 * that as free RAM, less the top __malloc_size bytes kept for malloc()
 * (heap.c).
 */
#include "mote_port.h"

extern char __flash[], __flash_size[], __ram[], __ram_size[];
extern char __heap_start[], __heap_end[], __malloc_size[];

const mote_hal_board_info *mote_hal_board(void)
{
    static mote_hal_board_info info;
    if (info.name == NULL) {
        info.name = MOTE_BOARD_NAME;
        info.cpu = MOTE_BOARD_CPU;
        info.flash_base = (uintptr_t)__flash;
        info.flash_size = (size_t)(uintptr_t)__flash_size;
        info.ram_base = (uintptr_t)__ram;
        info.ram_size = (size_t)(uintptr_t)__ram_size;
        info.free_ram_base = (uintptr_t)__heap_start;
        info.free_ram_size = (size_t)(__heap_end - __heap_start) - (size_t)(uintptr_t)__malloc_size;
        info.gpio_count = mote_port_gpio_pins;
    }
    return &info;
}
