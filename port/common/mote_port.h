/*
 * mote_port.h -- the seams inside the HAL: between the shared code in
 * port/common, the CPU ports (port/cortex-m, port/riscv, port/host) and
 * the peripheral drivers (port/drivers) a board picks.
 *
 * Firmware never includes this; it uses <mote/hal.h>.  Who implements what:
 *
 *   console driver   mote_port_console_init, mote_hal_console_*, and
 *                    mote_hal_uart_* when the board has more UARTs of the
 *                    same kind (else the uart_aux_none driver)
 *   timer driver     mote_port_timer_init, mote_port_timer_set_deadline,
 *                    mote_hal_time_us; its interrupt calls
 *                    mote_port_timer_expired()
 *   GPIO driver      mote_port_gpio_init, mote_port_gpio_pins, mote_hal_gpio_*
 *   flash driver     mote_port_flash_init, mote_port_flash_geometry and
 *                    the two hardware operations (erase a sector, program);
 *                    port/common/flash.c is mote_hal_flash_* and its checks
 *   RTC driver       mote_port_rtc_init, mote_hal_rtc_*
 *   CPU port         mote_port_irq_*, mote_hal_irq_*, wait_for_interrupt,
 *                    mote_port_semihost, the fault report, mote_hal_reset
 *   port/common      mote_hal_init, the alarm and sleep, board info, exit,
 *                    the flash calls' range and alignment checks
 */
#ifndef MOTE_PORT_H
#define MOTE_PORT_H

#include <stdbool.h>
#include <stdint.h>

#include <mote/hal.h>

/* A device register at a fixed address (through uintptr_t, so that 32-bit
 * addresses from mote_board.h also work on 64-bit CPUs). */
#define MOTE_MMIO32(address) (*(volatile uint32_t *)(uintptr_t)(address))
#define MOTE_MMIO8(address) (*(volatile uint8_t *)(uintptr_t)(address))

/* ---- console driver ---- */

/* Makes the console usable.  Idempotent: the fault handler calls it too,
 * since a fault can come before mote_hal_init(). */
void mote_port_console_init(void);

/* ---- timer driver ---- */

#define MOTE_PORT_NO_DEADLINE UINT64_MAX

/* Starts the time base so that mote_hal_time_us() counts from 0. */
void mote_port_timer_init(void);

/*
 * Asks for one call of mote_port_timer_expired() once mote_hal_time_us()
 * reaches due_us; MOTE_PORT_NO_DEADLINE cancels.  A driver whose counter
 * cannot reach that far may call early: the caller checks the time and
 * asks again.  A due_us whose count in ticks overflows the counter is
 * "never", not a wrapped time in the past.  Called with interrupts locked.
 */
void mote_port_timer_set_deadline(uint64_t due_us);

/* Called by the timer driver's interrupt handler (port/common/alarm.c). */
void mote_port_timer_expired(void);

/* Tick <-> microsecond conversions for a counter running at hz. */
uint64_t mote_port_ticks_to_us(uint64_t ticks, uint32_t hz); /* rounds down */
uint64_t mote_port_us_to_ticks(uint64_t us, uint32_t hz);    /* rounds up */

/* ---- GPIO driver ---- */

void mote_port_gpio_init(void);
extern const uint32_t mote_port_gpio_pins; /* pins the driver handles */

/* ---- flash driver (behind port/common/flash.c, which checks first) ---- */

void mote_port_flash_init(void);

/* Fills *info with the storage region's geometry; false when the board has
 * none.  base must be the region's memory-mapped address: reads are a
 * memcpy from there. */
bool mote_port_flash_geometry(mote_hal_flash_info *info);

/* Erases the sector at offset: a multiple of sector_size inside the
 * region.  Called only on a writable region. */
mote_hal_status mote_port_flash_erase_sector(uint32_t offset);

/* Programs len bytes from data (which may be unaligned, in RAM or flash) at
 * offset: both multiples of write_size, len > 0, the range inside the
 * region.  Each byte becomes old & new.  Called only on a writable region. */
mote_hal_status mote_port_flash_program(uint32_t offset, const uint8_t *data, uint32_t len);

/* ---- RTC driver (rtc_soft, or a board's real-time clock) ---- */

/* Readies the wall clock (mote_hal_rtc_*).  A board without an RTC starts
 * with the time unknown. */
void mote_port_rtc_init(void);

/* ---- CPU port: interrupts ---- */

/* Leaves every interrupt source disabled and the CPU's interrupts masked. */
void mote_port_irq_init(void);

/* Unmasks the CPU's interrupts (the last step of mote_hal_init). */
void mote_port_irq_enable_all(void);

/* An interrupt handler; it gets the number it was attached under. */
typedef void (*mote_port_isr)(unsigned irq);

/* Routes interrupt `irq` (NVIC IRQ number, or PLIC source) to isr and
 * enables it at the controller. */
void mote_port_irq_attach(unsigned irq, mote_port_isr isr);

/* ---- CPU port: semihosting (bare-metal boards) ---- */

/* Performs semihosting operation `op` with parameter `arg`. */
uintptr_t mote_port_semihost(uintptr_t op, uintptr_t arg);

/* ---- fault reports (port/common/report.c) ---- */

/* Console output that works in any context, before init included. */
void mote_port_print(const char *text);
/* Prints " label=0x" and value in hex, all digits of a uintptr_t. */
void mote_port_print_hex(const char *label, uintptr_t value);
/* Opens a fault report: "\n*** FAULT: <what>". */
void mote_port_fault_begin(const char *what);
/* Closes a fault report and exits with MOTE_HAL_EXIT_FAULT. */
_Noreturn void mote_port_fault_end(void);

#endif /* MOTE_PORT_H */
