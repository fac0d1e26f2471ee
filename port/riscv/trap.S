/*
 * Trap entry: save every integer register in a frame on the current stack
 * (the fault report prints them all), call mote_rv_trap(frame), restore,
 * and return with mret.  Frame slot n holds register xn; slot 0 holds the
 * stack pointer as it was before the trap.
 */
#if __riscv_xlen == 64
#define STORE sd
#define LOAD ld
#define WORD 8
#else
#define STORE sw
#define LOAD lw
#define WORD 4
#endif
#define FRAME_SIZE (32 * WORD)

    .section .text.mote_rv_trap_entry, "ax"
    .balign 4
    .global mote_rv_trap_entry
    .type mote_rv_trap_entry, @function
mote_rv_trap_entry:
    addi sp, sp, -FRAME_SIZE
    STORE x1, 1*WORD(sp)
    STORE x3, 3*WORD(sp)
    STORE x4, 4*WORD(sp)
    STORE x5, 5*WORD(sp)
    STORE x6, 6*WORD(sp)
    STORE x7, 7*WORD(sp)
    STORE x8, 8*WORD(sp)
    STORE x9, 9*WORD(sp)
    STORE x10, 10*WORD(sp)
    STORE x11, 11*WORD(sp)
    STORE x12, 12*WORD(sp)
    STORE x13, 13*WORD(sp)
    STORE x14, 14*WORD(sp)
    STORE x15, 15*WORD(sp)
    STORE x16, 16*WORD(sp)
    STORE x17, 17*WORD(sp)
    STORE x18, 18*WORD(sp)
    STORE x19, 19*WORD(sp)
    STORE x20, 20*WORD(sp)
    STORE x21, 21*WORD(sp)
    STORE x22, 22*WORD(sp)
    STORE x23, 23*WORD(sp)
    STORE x24, 24*WORD(sp)
    STORE x25, 25*WORD(sp)
    STORE x26, 26*WORD(sp)
    STORE x27, 27*WORD(sp)
    STORE x28, 28*WORD(sp)
    STORE x29, 29*WORD(sp)
    STORE x30, 30*WORD(sp)
    STORE x31, 31*WORD(sp)
    addi t0, sp, FRAME_SIZE
    STORE t0, 2*WORD(sp)            /* sp before the trap */
    mv a0, sp
    call mote_rv_trap
    LOAD x1, 1*WORD(sp)
    LOAD x3, 3*WORD(sp)
    LOAD x4, 4*WORD(sp)
    LOAD x5, 5*WORD(sp)
    LOAD x6, 6*WORD(sp)
    LOAD x7, 7*WORD(sp)
    LOAD x8, 8*WORD(sp)
    LOAD x9, 9*WORD(sp)
    LOAD x10, 10*WORD(sp)
    LOAD x11, 11*WORD(sp)
    LOAD x12, 12*WORD(sp)
    LOAD x13, 13*WORD(sp)
    LOAD x14, 14*WORD(sp)
    LOAD x15, 15*WORD(sp)
    LOAD x16, 16*WORD(sp)
    LOAD x17, 17*WORD(sp)
    LOAD x18, 18*WORD(sp)
    LOAD x19, 19*WORD(sp)
    LOAD x20, 20*WORD(sp)
    LOAD x21, 21*WORD(sp)
    LOAD x22, 22*WORD(sp)
    LOAD x23, 23*WORD(sp)
    LOAD x24, 24*WORD(sp)
    LOAD x25, 25*WORD(sp)
    LOAD x26, 26*WORD(sp)
    LOAD x27, 27*WORD(sp)
    LOAD x28, 28*WORD(sp)
    LOAD x29, 29*WORD(sp)
    LOAD x30, 30*WORD(sp)
    LOAD x31, 31*WORD(sp)
    addi sp, sp, FRAME_SIZE
    mret
    .size mote_rv_trap_entry, . - mote_rv_trap_entry
