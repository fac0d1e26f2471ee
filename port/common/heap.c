/*
 * The C library's heap.  picolibc's own sbrk() would hand malloc() all the
 * free RAM between .bss and the stack -- the same RAM mote_hal_board()
 * offers firmware for its arenas.  This one confines malloc() (which
 * fopen() and friends use) to the top __malloc_size bytes of that RAM,
 * a size each board's memory.ld sets (a firmware may set its own with
 * --defsym); the rest stays the arena's.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

extern char __heap_end[], __malloc_size[];

void *sbrk(ptrdiff_t increment);

void *sbrk(ptrdiff_t increment)
{
    static char *top;
    char *start = __heap_end - (uintptr_t)__malloc_size;
    if (top == NULL)
        top = start;
    ptrdiff_t room = increment < 0 ? start - top : __heap_end - top;
    if (increment < 0 ? increment < room : increment > room) {
        errno = ENOMEM;
        return (void *)-1;
    }
    char *previous = top;
    top += increment;
    return previous;
}
