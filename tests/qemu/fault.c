/*
 * Fault test: provokes one CPU fault, chosen at build time, and relies on
 * the port to report it and stop the board with MOTE_HAL_EXIT_FAULT.
 * Before faulting it prints the address of the faulting instruction (and
 * of the bad access), which the runner compares with the register dump:
 *
 *   FAULT_LOAD    a load from an address nothing answers (bus error)
 *   FAULT_UNDEF   an undefined instruction
 *   FAULT_IN_IRQ  the bad load, from inside an alarm callback
 *   FAULT_STACK   unbounded recursion (ARMv8-M: the stack limit catches it)
 *   FAULT_IN_CORE the core writing to an arena where nothing answers
 *   FAULT_UNALIGNED a word load from an odd address (ARMv6-M: always a
 *                 HardFault, which shows QEMU checks alignment, so the
 *                 core's clean runs on that board mean something)
 */
#include <stdint.h>
#include <stdio.h>

#include <mote/hal.h>
#include <mote_board.h>
#if FAULT_IN_CORE
#include <mote/mote.h>
#endif

#define HEX_DIGITS (int)(2 * sizeof(uintptr_t))

/* Labels inside the asm mark the exact faulting instructions. */
extern const char fault_load_insn[], fault_undef_insn[];

__attribute__((noinline, noclone, unused)) static uintptr_t load_from(uintptr_t address)
{
    uintptr_t value;
#if defined(__arm__)
    __asm__ volatile(".global fault_load_insn\nfault_load_insn:\n\tldr %0, [%1]"
                     : "=r"(value)
                     : "r"(address)
                     : "memory");
#elif defined(__riscv)
    __asm__ volatile(".global fault_load_insn\nfault_load_insn:\n\tlw %0, 0(%1)"
                     : "=r"(value)
                     : "r"(address)
                     : "memory");
#endif
    return value;
}

__attribute__((noinline, noclone, unused)) static void undefined_instruction(void)
{
#if defined(__arm__)
    __asm__ volatile(".global fault_undef_insn\nfault_undef_insn:\n\tudf #0" ::: "memory");
#elif defined(__riscv)
    __asm__ volatile(".global fault_undef_insn\nfault_undef_insn:\n\tunimp" ::: "memory");
#endif
}

/* Thumb code addresses carry bit 0 in C; the CPU reports the real one. */
static uintptr_t code_address(const char *label)
{
    return (uintptr_t)label & ~(uintptr_t)1;
}

__attribute__((unused)) static void announce_load(void)
{
    printf("fault: faulting instruction at 0x%0*lx\n", HEX_DIGITS,
           (unsigned long)code_address(fault_load_insn));
    printf("fault: bad address 0x%0*lx\n", HEX_DIGITS, (unsigned long)MOTE_BOARD_UNMAPPED_ADDRESS);
}

__attribute__((unused)) static void fault_in_callback(void *user)
{
    (void)user;
    load_from(MOTE_BOARD_UNMAPPED_ADDRESS);
}

__attribute__((noinline, unused)) static unsigned recurse(unsigned depth)
{
    volatile uint8_t frame[256];
    frame[0] = (uint8_t)depth;
    if (depth == UINT32_MAX) /* never: keeps the recursion formally finite */
        return 0;
    return recurse(depth + 1) + frame[0];
}

int main(void)
{
    mote_hal_init();
#if FAULT_LOAD
    announce_load();
    load_from(MOTE_BOARD_UNMAPPED_ADDRESS);
#elif FAULT_UNDEF
    printf("fault: faulting instruction at 0x%0*lx\n", HEX_DIGITS,
           (unsigned long)code_address(fault_undef_insn));
    undefined_instruction();
#elif FAULT_IN_IRQ
    announce_load();
    mote_hal_alarm_start(1000, 0, fault_in_callback, NULL);
    mote_hal_sleep_us(1000000);
#elif FAULT_STACK
    printf("fault: recursing until the stack runs out\n");
    printf("%u\n", recurse(0));
#elif FAULT_UNALIGNED
    static volatile uint32_t words[2];
    printf("fault: faulting instruction at 0x%0*lx\n", HEX_DIGITS,
           (unsigned long)code_address(fault_load_insn));
    load_from((uintptr_t)words + 1);
#elif FAULT_IN_CORE
    printf("fault: giving the core an arena at 0x%lx\n",
           (unsigned long)MOTE_BOARD_UNMAPPED_ADDRESS);
    mote_arena_init((void *)(uintptr_t)MOTE_BOARD_UNMAPPED_ADDRESS, 65536);
#endif
    printf("fault: still running: the fault was not caught\n");
    return 0;
}
