/*
 * Reset entry for RISC-V boards.  picolibc.ld puts .text.init.enter first
 * in flash, where sifive_e's boot ROM jumps (0x20400000) and where the virt
 * machine starts with -bios none (0x80000000).
 *
 * The trap vector goes in before anything else, so that even a fault in
 * the C start-up is reported instead of looping on an empty mtvec.
 */
    .section .text.init.enter, "ax"
    .global _start
    .type _start, @function
_start:
    .option push
    .option norelax
    la gp, __global_pointer$        /* must not be relaxed against itself */
    .option pop
    la sp, __stack
    la t0, mote_rv_trap_entry
    .option push
    .option arch, +zicsr
    csrw mtvec, t0                  /* direct mode: the address is 4-aligned */
    csrw mie, zero
    .option pop
    call mote_crt_start
1:  j 1b
    .size _start, . - _start
