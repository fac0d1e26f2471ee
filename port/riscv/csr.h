/*
 * csr.h -- machine-mode CSR access.  The multilibs are built for plain
 * rv32imac/rv64imac, whose ISA string no longer implies Zicsr, so each
 * access enables the extension for its own instruction only.
 */
#ifndef MOTE_RISCV_CSR_H
#define MOTE_RISCV_CSR_H

#include <stdint.h>

#define CSR_ASM(insn) ".option push\n\t.option arch, +zicsr\n\t" insn "\n\t.option pop"

#define csr_read(csr)                                               \
    __extension__({                                                 \
        uintptr_t value_;                                           \
        __asm__ volatile(CSR_ASM("csrr %0, " #csr) : "=r"(value_)); \
        value_;                                                     \
    })

#define csr_write(csr, value) \
    __asm__ volatile(CSR_ASM("csrw " #csr ", %0") : : "r"((uintptr_t)(value)) : "memory")

#define csr_set(csr, bits) \
    __asm__ volatile(CSR_ASM("csrs " #csr ", %0") : : "r"((uintptr_t)(bits)) : "memory")

#define csr_clear(csr, bits) \
    __asm__ volatile(CSR_ASM("csrc " #csr ", %0") : : "r"((uintptr_t)(bits)) : "memory")

/* Clears bits and returns the CSR's previous value, atomically. */
#define csr_read_clear(csr, bits)                          \
    __extension__({                                        \
        uintptr_t old_;                                    \
        __asm__ volatile(CSR_ASM("csrrc %0, " #csr ", %1") \
                         : "=r"(old_)                      \
                         : "r"((uintptr_t)(bits))          \
                         : "memory");                      \
        old_;                                              \
    })

#define MSTATUS_MIE (1u << 3)
#define MIE_MTIE (1u << 7)
#define MIE_MEIE (1u << 11)

#define MCAUSE_INTERRUPT ((uintptr_t)1 << (__riscv_xlen - 1))
#define IRQ_M_TIMER 7u
#define IRQ_M_EXTERNAL 11u

/* Called from the trap dispatcher (trap.c) for the two interrupts we use. */
void mote_rv_clint_isr(void);
void mote_rv_plic_isr(void);

/* The CLINT's mtime, and the comparator shared with an RTOS tick
 * (clint.c): set mote_rv_tick_due, then mote_rv_clint_program(). */
uint64_t mote_rv_mtime(void);
extern uint64_t mote_rv_tick_due;
void mote_rv_clint_program(void);

#endif /* MOTE_RISCV_CSR_H */
