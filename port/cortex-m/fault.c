/*
 * The Cortex-M fault reporter.  Every system exception but reset lands
 * here (the configurable faults are left disabled, so MemManage, BusFault
 * and UsageFault escalate to HardFault and CFSR says which it was; ARMv6-M
 * has only HardFault, and no CFSR).  It
 * prints the registers the CPU stacked, the callee-saved ones, and the
 * fault status registers, then ends the program with MOTE_HAL_EXIT_FAULT.
 */
#include <stdbool.h>
#include <stddef.h>

#include "cortex_m.h"
#include "mote_port.h"

extern char __ram[], __ram_size[];

/* Words of the frame the CPU pushes on exception entry. */
enum {
    FRAME_R0,
    FRAME_R1,
    FRAME_R2,
    FRAME_R3,
    FRAME_R12,
    FRAME_LR,
    FRAME_PC,
    FRAME_XPSR,
    FRAME_WORDS
};

_Noreturn void mote_cm_fault_report(const uint32_t *frame, uint32_t exc_return,
                                    const uint32_t *r4_to_r11);

/*
 * Entry: find the stack the CPU pushed the frame on (EXC_RETURN bit 2),
 * save r4-r11 next to it, and call the reporter with pointers to both.
 */
__attribute__((naked)) void mote_cm_fault_entry(void)
{
#if defined(__ARM_ARCH_6M__)
    /* ARMv6-M (Thumb-1): no IT blocks, no TST with an immediate, and PUSH
     * reaches only r0-r7: store r8-r11 through a low register.  BL, not B:
     * an unconditional B reaches only 2 KiB, and the reporter returns
     * never, so losing LR is harmless (r1 holds it). */
    __asm__ volatile("mov r1, lr\n\t"
                     "movs r0, #4\n\t"
                     "tst r0, r1\n\t"
                     "bne 1f\n\t"
                     "mrs r0, msp\n\t"
                     "b 2f\n"
                     "1:\n\t"
                     "mrs r0, psp\n"
                     "2:\n\t"
                     "sub sp, #32\n\t"
                     "str r4, [sp, #0]\n\t"
                     "str r5, [sp, #4]\n\t"
                     "str r6, [sp, #8]\n\t"
                     "str r7, [sp, #12]\n\t"
                     "mov r4, r8\n\t"
                     "str r4, [sp, #16]\n\t"
                     "mov r4, r9\n\t"
                     "str r4, [sp, #20]\n\t"
                     "mov r4, r10\n\t"
                     "str r4, [sp, #24]\n\t"
                     "mov r4, r11\n\t"
                     "str r4, [sp, #28]\n\t"
                     "mov r2, sp\n\t"
                     "bl mote_cm_fault_report\n\t");
#else
    __asm__ volatile(
#if defined(__ARM_ARCH_8M_MAIN__)
        /* The fault may be a stack overflow: lift the limit, or pushing
         * r4-r11 below would fault again and lock the CPU up. */
        "movs r0, #0\n\t"
        "msr msplim, r0\n\t"
#endif
        "tst lr, #4\n\t"
        "ite eq\n\t"
        "mrseq r0, msp\n\t"
        "mrsne r0, psp\n\t"
        "mov r1, lr\n\t"
        "push {r4-r11}\n\t"
        "mov r2, sp\n\t"
        "b mote_cm_fault_report\n\t");
#endif
}

/* SVCall, PendSV and SysTick are faults too, unless an RTOS port gives
 * handlers of these names (port/freertos); the aliases must sit with the
 * entry they name. */
void mote_cm_svcall(void) __attribute__((weak, alias("mote_cm_fault_entry")));
void mote_cm_pendsv(void) __attribute__((weak, alias("mote_cm_fault_entry")));
void mote_cm_systick(void) __attribute__((weak, alias("mote_cm_fault_entry")));

static const char *exception_name(uint32_t number)
{
    switch (number) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    case 7: return "SecureFault";
    case 11: return "SVCall";
    case 12: return "DebugMonitor";
    case 14: return "PendSV";
    case 15: return "SysTick";
    default: return "reserved exception";
    }
}

#if !defined(__ARM_ARCH_6M__)
/* CFSR bits, in register order: MemManage, BusFault, then UsageFault. */
static const struct {
    uint8_t bit;
    const char *name;
} cfsr_bits[] = {
    {0, "IACCVIOL"},  {1, "DACCVIOL"}, {3, "MUNSTKERR"},  {4, "MSTKERR"},      {5, "MLSPERR"},
    {7, "MMARVALID"}, {8, "IBUSERR"},  {9, "PRECISERR"},  {10, "IMPRECISERR"}, {11, "UNSTKERR"},
    {12, "STKERR"},   {13, "LSPERR"},  {15, "BFARVALID"}, {16, "UNDEFINSTR"},  {17, "INVSTATE"},
    {18, "INVPC"},    {19, "NOCP"},    {20, "STKOF"},     {24, "UNALIGNED"},   {25, "DIVBYZERO"},
};

static void print_cfsr_causes(uint32_t cfsr)
{
    mote_port_print("\n  cause:");
    for (size_t i = 0; i < sizeof cfsr_bits / sizeof cfsr_bits[0]; i++) {
        if (cfsr & (1u << cfsr_bits[i].bit)) {
            mote_port_print(" ");
            mote_port_print(cfsr_bits[i].name);
        }
    }
    uint32_t hfsr = CM_HFSR;
    if (hfsr & (1u << 1))
        mote_port_print(" VECTTBL");
    if (hfsr & (1u << 30))
        mote_port_print(" FORCED");
}
#endif

/* Reading a frame through a wild stack pointer would fault inside the
 * fault handler and lock the CPU up: check it lies in RAM first. */
static bool frame_in_ram(const uint32_t *frame)
{
    uintptr_t lo = (uintptr_t)__ram, hi = lo + (uintptr_t)__ram_size;
    uintptr_t at = (uintptr_t)frame;
    return at >= lo && at <= hi - FRAME_WORDS * sizeof(uint32_t) && at % 4 == 0;
}

static void print_stacked_registers(const uint32_t *frame)
{
    static const char *const names[FRAME_WORDS] = {"r0",  "r1", "r2", "r3",
                                                   "r12", "lr", "pc", "xpsr"};
    mote_port_print("\n ");
    for (int i = 0; i < FRAME_WORDS; i++) {
        if (i == FRAME_R12)
            mote_port_print("\n ");
        mote_port_print_hex(names[i], frame[i]);
    }
    uint32_t interrupted = frame[FRAME_XPSR] & 0x1FFu;
    if (interrupted != 0) {
        mote_port_print("\n ");
        mote_port_print_hex("in_exception", interrupted); /* 16 + IRQ number */
    }
}

static void print_callee_saved(const uint32_t *r4_to_r11)
{
    static const char *const names[8] = {"r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11"};
    mote_port_print("\n ");
    for (int i = 0; i < 8; i++) {
        if (i == 4)
            mote_port_print("\n ");
        mote_port_print_hex(names[i], r4_to_r11[i]);
    }
}

/* The stack pointer before the exception: the frame is 8 words, plus 18
 * for FP state (EXC_RETURN bit 4 clear), plus a padding word when the CPU
 * aligned the stack (xPSR bit 9). */
static uintptr_t stack_pointer_before(const uint32_t *frame, uint32_t exc_return)
{
    uintptr_t sp = (uintptr_t)frame + FRAME_WORDS * sizeof(uint32_t);
    if ((exc_return & (1u << 4)) == 0)
        sp += 18 * sizeof(uint32_t);
    if (frame_in_ram(frame) && (frame[FRAME_XPSR] & (1u << 9)))
        sp += sizeof(uint32_t);
    return sp;
}

_Noreturn void mote_cm_fault_report(const uint32_t *frame, uint32_t exc_return,
                                    const uint32_t *r4_to_r11)
{
    mote_port_fault_begin(exception_name(cm_active_exception()));
    if (frame_in_ram(frame))
        print_stacked_registers(frame);
    else
        mote_port_print("\n  (stack pointer outside RAM: stacked registers not read)");
    print_callee_saved(r4_to_r11);
    mote_port_print("\n ");
    mote_port_print_hex("sp", stack_pointer_before(frame, exc_return));
    mote_port_print_hex("exc_return", exc_return);
#if !defined(__ARM_ARCH_6M__)
    /* (ARMv6-M has no fault status or address registers: all it knows is
     * that this was a HardFault.) */
    mote_port_print("\n ");
    uint32_t cfsr = CM_CFSR;
    mote_port_print_hex("cfsr", cfsr);
    mote_port_print_hex("hfsr", CM_HFSR);
    mote_port_print_hex("mmfar", CM_MMFAR);
    mote_port_print_hex("bfar", CM_BFAR);
    print_cfsr_causes(cfsr);
#endif
    mote_port_fault_end();
}
