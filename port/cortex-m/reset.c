/*
 * Reset: the CPU has loaded the stack pointer from the vector table and
 * runs this with interrupts enabled but none configured.  Make the FPU
 * usable before any compiled code may touch it, point VTOR at our table,
 * guard the stack where the core can, then hand over to the C start-up.
 */
#include "cortex_m.h"

extern const void *const mote_cm_vectors[];
extern char __heap_end[]; /* picolibc.ld: the stack's lower end */
_Noreturn void mote_crt_start(void);

void mote_cm_reset(void)
{
    __asm__ volatile("cpsid i" ::: "memory"); /* mote_hal_init() unmasks */
#if defined(__ARM_FP)
    /* Hard-float code may use FP registers in any function: grant CP10/CP11. */
    CM_CPACR |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
#if !defined(__ARM_ARCH_6M__)
    CM_VTOR = (uint32_t)(uintptr_t)mote_cm_vectors;
#else
    /* ARMv6-M: the Cortex-M0 has no VTOR and fetches vectors from address
     * 0, which is __flash on these boards (memory.ld). */
    (void)mote_cm_vectors;
#endif
#if defined(__ARM_ARCH_8M_MAIN__)
    /* ARMv8-M checks the stack limit in hardware: an overflow becomes a
     * UsageFault (STKOF) instead of silently overwriting the heap. */
    __asm__ volatile("msr msplim, %0" : : "r"(__heap_end));
#endif
    mote_crt_start();
}

/* The ELF entry point picolibc.ld names: debuggers start here too. */
void _start(void) __attribute__((alias("mote_cm_reset")));
