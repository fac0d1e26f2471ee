/*
 * C start-up for bare-metal boards, after the CPU port's reset code has set
 * the stack pointer and installed the fault handlers: lay out RAM as
 * picolibc.ld describes it, run constructors, then main().
 *
 * picolibc's own crt0 does the same work, but it cannot go after our reset
 * code: it needs the first bytes of flash on RISC-V, and we want the trap
 * vector in place before the first instruction that could fault.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote_port.h"

extern char __data_start[], __data_source[], __data_size[];
extern char __bss_start[], __bss_size[];
extern char __tls_base[];

void _set_tls(void *tls);     /* picolibc: the thread pointer */
void __libc_init_array(void); /* picolibc: constructors */
int main(void);
_Noreturn void mote_crt_start(void);

_Noreturn void mote_crt_start(void)
{
    memcpy(__data_start, __data_source, (size_t)(uintptr_t)__data_size);
    memset(__bss_start, 0, (size_t)(uintptr_t)__bss_size);
    /* picolibc keeps errno in thread-local storage: point at its block. */
    _set_tls(__tls_base);
    __libc_init_array();
    exit(main());
}

/* picolibc's exit() ends here, after running atexit handlers. */
_Noreturn void _exit(int status)
{
    mote_hal_exit(status);
}
