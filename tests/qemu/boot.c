/*
 * Boot test: the image starts, C start-up ran (initialised data, zeroed
 * bss, constructors, the FPU where the ABI uses it, a heap for malloc()
 * apart from the free RAM), the console prints, and the exit status
 * reaches whoever started the board.
 */
#include <stdio.h>
#include <stdlib.h>

#include <mote/hal.h>

static int initialised = 42;
static volatile float factor = 1.5f; /* volatile: computed at run time */
static int zeroed;
static int constructed;

__attribute__((constructor)) static void construct(void)
{
    constructed = 1;
}

int main(void)
{
    mote_hal_init();
    const mote_hal_board_info *board = mote_hal_board();
    printf("boot: board=%s cpu=%s\n", board->name, board->cpu);
    printf("boot: flash=0x%lx+0x%lx ram=0x%lx+0x%lx free=0x%lx+0x%lx gpio=%lu\n",
           (unsigned long)board->flash_base, (unsigned long)board->flash_size,
           (unsigned long)board->ram_base, (unsigned long)board->ram_size,
           (unsigned long)board->free_ram_base, (unsigned long)board->free_ram_size,
           (unsigned long)board->gpio_count);
    if (initialised != 42 || zeroed != 0 || constructed != 1) {
        printf("boot: start-up broken: data=%d bss=%d ctor=%d\n", initialised, zeroed, constructed);
        return 1;
    }
    /* On hard-float boards this runs FPU instructions: the start-up code
     * must have enabled the FPU, or it faults. */
    float product = factor * 3.0f;
    if (product != 4.5f) {
        printf("boot: float arithmetic broken\n");
        return 1;
    }
    /* malloc() (fopen uses it) must not take RAM offered as free RAM. */
    void *block = malloc(64);
    uintptr_t at = (uintptr_t)block;
    if (block == NULL ||
        (at >= board->free_ram_base && at < board->free_ram_base + board->free_ram_size)) {
        printf("boot: malloc broken: %p\n", block);
        return 1;
    }
    free(block);
    static const char raw[] = "boot: console write ok\n";
    mote_hal_console_write(raw, sizeof raw - 1);
    printf("boot: exiting with 3\n");
    return 3; /* not 0: proves the status travels, not just "no error" */
}
