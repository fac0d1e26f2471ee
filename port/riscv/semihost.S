/*
 * Semihosting on RISC-V: the debugger recognises EBREAK between two
 * specific no-op shifts.  The three must be uncompressed and on one page,
 * hence norvc and the alignment.  a0 = operation, a1 = argument; the
 * result comes back in a0.
 */
    .section .text.mote_port_semihost, "ax"
    .option push
    .option norvc
    .balign 16
    .global mote_port_semihost
    .type mote_port_semihost, @function
mote_port_semihost:
    slli x0, x0, 0x1f
    ebreak
    srai x0, x0, 7
    ret
    .size mote_port_semihost, . - mote_port_semihost
    .option pop
