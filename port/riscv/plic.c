/*
 * The platform-level interrupt controller (SiFive PLIC layout), hart 0's
 * machine-mode context: sources get priority 1 over a threshold of 0, and
 * the handler claims and completes until nothing is pending.
 */
#include <stddef.h>

#include "csr.h"
#include "mote_board.h"
#include "mote_port.h"

#define PLIC_REG(offset) MOTE_MMIO32(PLIC_BASE + (offset))
#define PLIC_PRIORITY(source) PLIC_REG(4u * (source))
#define PLIC_ENABLE(word) PLIC_REG(0x2000u + 4u * (word))
#define PLIC_THRESHOLD PLIC_REG(0x200000u)
#define PLIC_CLAIM PLIC_REG(0x200004u)

static mote_port_isr handlers[PLIC_SOURCE_COUNT];

void mote_port_irq_init(void)
{
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mie, 0);
    for (unsigned word = 0; word < (PLIC_SOURCE_COUNT + 31) / 32; word++)
        PLIC_ENABLE(word) = 0;
    PLIC_THRESHOLD = 0;
}

void mote_port_irq_attach(unsigned source, mote_port_isr isr)
{
    if (source == 0 || source >= PLIC_SOURCE_COUNT)
        return; /* source 0 means "none" */
    handlers[source] = isr;
    PLIC_PRIORITY(source) = 1;
    PLIC_ENABLE(source / 32) |= 1u << (source % 32);
    csr_set(mie, MIE_MEIE);
}

void mote_rv_plic_isr(void)
{
    uint32_t source;
    while ((source = PLIC_CLAIM) != 0) {
        if (source < PLIC_SOURCE_COUNT && handlers[source] != NULL) {
            handlers[source](source);
        } else {
            mote_port_fault_begin("interrupt with no handler");
            mote_port_print_hex("plic source", source);
            mote_port_fault_end();
        }
        PLIC_CLAIM = source; /* complete */
    }
}
