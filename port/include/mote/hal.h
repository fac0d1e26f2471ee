/*
 * hal.h -- the hardware abstraction layer: the one contract every board
 * implements.
 *
 * Everything above the HAL (WASI-lite, example firmware, the spec runner on
 * target) reaches the hardware only through the functions declared here.
 * Every board -- Cortex-M, RISC-V, the POSIX host -- implements all of them.
 * A board without some feature still links: the function reports
 * MOTE_HAL_ERR_UNSUPPORTED instead.
 *
 * Order of use: call mote_hal_init() once, first, from the main thread.
 * Then any function may be called from the main thread.  Only the functions
 * marked "interrupt-safe" may be called from a callback (alarm or GPIO
 * edge), because callbacks run in interrupt context.
 *
 * Time is in microseconds, as an unsigned 64-bit count since
 * mote_hal_init(): it cannot wrap in the life of a device (584 000 years).
 *
 * Boards that run under QEMU end the program through semihosting; on real
 * silicon mote_hal_exit() is where a board resets or parks the CPU.
 */
#ifndef MOTE_HAL_H
#define MOTE_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------ */

typedef enum mote_hal_status {
    MOTE_HAL_OK = 0,
    MOTE_HAL_ERR_UNSUPPORTED, /* the board has no such feature or pin mode */
    MOTE_HAL_ERR_ARGUMENT,    /* a pin, offset or length is out of range or
                                 misaligned */
    MOTE_HAL_ERR_BUSY,        /* the resource is taken (e.g. a GPIO pin that
                                 carries the console) */
    MOTE_HAL_ERR_IO           /* the device reported a failure (e.g. a flash
                                 erase or program did not complete) */
} mote_hal_status;

/* A short name for a status, e.g. "unsupported".  Interrupt-safe. */
const char *mote_hal_status_name(mote_hal_status status);

/* ------------------------------------------------------------------------
 * Start-up and board description
 * ------------------------------------------------------------------------ */

/*
 * Brings up the console, the time base and the interrupt controller, and
 * starts the clock at 0.  Call it once, before any other mote_hal_ function
 * (mote_hal_exit() excepted).  Interrupts are enabled when it returns.
 */
void mote_hal_init(void);

typedef struct mote_hal_board_info {
    const char *name;     /* board name, e.g. "mps2-an385" */
    const char *cpu;      /* CPU, e.g. "cortex-m3", "rv32imac" */
    uintptr_t flash_base; /* where the firmware image lives */
    size_t flash_size;
    uintptr_t ram_base; /* all RAM the firmware may use */
    size_t ram_size;
    uintptr_t free_ram_base; /* RAM that no variable or stack uses: the */
    size_t free_ram_size;    /* natural place for a core arena; 0 if none */
    uint32_t gpio_count;     /* pins are numbered 0 .. gpio_count-1 */
} mote_hal_board_info;

/* A description of the board.  The pointer stays valid forever. */
const mote_hal_board_info *mote_hal_board(void);

/*
 * Ends the program with `status` (0 = success).  Under QEMU the emulator
 * exits with that status (modulo 256).  Never returns.  May be called
 * before mote_hal_init() and from interrupt or fault context.
 */
_Noreturn void mote_hal_exit(int status);

/* The status mote_hal_exit() gets after a CPU fault was reported. */
#define MOTE_HAL_EXIT_FAULT 70

/*
 * Resets the board as its reset pin would: the CPU and peripherals start
 * over, RAM is lost, and the firmware boots again from the beginning.  The
 * flash storage region keeps its contents -- which is how a firmware hands
 * over to what it has just written there (an OTA update).  Under QEMU the
 * emulator keeps running and boots the image again.  Returns only on a
 * board that cannot reset itself: MOTE_HAL_ERR_UNSUPPORTED.  Main thread
 * only.
 */
mote_hal_status mote_hal_reset(void);

/* ------------------------------------------------------------------------
 * Console (the board's first UART, or stdin/stdout on the host)
 * ------------------------------------------------------------------------ */

/*
 * Writes len bytes, waiting while the transmitter is full.  Bytes go out
 * as they are: no "\n" to "\r\n" translation.  Interrupt-safe (the output
 * of a callback may interleave with the main thread's at byte granularity).
 */
void mote_hal_console_write(const void *data, size_t len);

/*
 * Copies up to max received bytes into buf without waiting and returns how
 * many were copied: 0 when no input is pending.
 */
size_t mote_hal_console_read(void *buf, size_t max);

/* True when mote_hal_console_read() would return at least one byte. */
bool mote_hal_console_readable(void);

/* ------------------------------------------------------------------------
 * Auxiliary UARTs: byte streams besides the console (an update link, a
 * modem, a sensor), numbered from 1 -- UART 0 is the console above.
 *
 * 8 data bits, no parity, one stop bit.  Polled: there is no receive
 * interrupt, and a UART may buffer as little as one byte (CMSDK), so a
 * firmware on a fast line must read often or use a protocol that waits for
 * answers (as the OTA chunk protocol does).  Boards without UART n report
 * MOTE_HAL_ERR_UNSUPPORTED.  Main thread only.
 * ------------------------------------------------------------------------ */

/* Enables UART n at baud bits per second, receiver and transmitter;
 * MOTE_HAL_ERR_ARGUMENT for a rate the UART's clock cannot make.  A byte
 * left in its receive buffer from before is discarded. */
mote_hal_status mote_hal_uart_open(uint32_t uart, uint32_t baud);

/* Writes len bytes, waiting while the transmitter is full.  This and
 * mote_hal_uart_read() report MOTE_HAL_ERR_ARGUMENT before the UART was
 * opened. */
mote_hal_status mote_hal_uart_write(uint32_t uart, const void *data, size_t len);

/* Copies up to max received bytes into buf without waiting; *got is how
 * many (0 when nothing is pending). */
mote_hal_status mote_hal_uart_read(uint32_t uart, void *buf, size_t max, size_t *got);

/* ------------------------------------------------------------------------
 * Time, alarm and sleep
 * ------------------------------------------------------------------------ */

/* Microseconds since mote_hal_init(); never decreases.  Interrupt-safe. */
uint64_t mote_hal_time_us(void);

/*
 * The alarm: one timer that calls a function in interrupt context.
 *
 * mote_hal_alarm_start() schedules fn(user) for delay_us from now.  When
 * period_us is not 0 the alarm then repeats every period_us, on a fixed
 * schedule (start + delay + k * period, so lateness does not accumulate);
 * if the CPU was so busy that whole periods passed, the missed calls are
 * dropped rather than made back to back.  Starting the alarm replaces any
 * alarm already scheduled.  The call comes at or after its due time, never
 * before.  fn may start or stop the alarm itself.
 *
 * There is one alarm per board: layers above multiplex it (WASI-lite keeps
 * its own timer list).  Interrupt-safe.
 */
typedef void (*mote_hal_alarm_fn)(void *user);

mote_hal_status mote_hal_alarm_start(uint64_t delay_us, uint64_t period_us, mote_hal_alarm_fn fn,
                                     void *user);

/* Cancels the alarm; once this returns, fn is not called again.
 * Interrupt-safe. */
void mote_hal_alarm_stop(void);

/*
 * Waits at least us microseconds, sleeping the CPU between interrupts.
 * Alarm and GPIO callbacks keep running meanwhile.  Main thread only.
 */
void mote_hal_sleep_us(uint64_t us);

/*
 * Sleeps the CPU until an interrupt is pending, then returns.
 *
 * Call it with interrupts locked, which closes the race between checking
 * for work and sleeping; the pending interrupt's callback runs when the
 * lock is released (on some boards, such as the host, it may already have
 * run when this returns):
 *
 *     for (;;) {
 *         mote_hal_irq_state s = mote_hal_irq_lock();
 *         bool ready = work_ready;             // set by a callback
 *         if (!ready)
 *             mote_hal_wait_for_interrupt();   // wakes although locked
 *         mote_hal_irq_unlock(s);              // the callback runs here
 *         if (ready)
 *             break;
 *     }
 *
 * Main thread only.
 */
void mote_hal_wait_for_interrupt(void);

/*
 * The wall clock: microseconds since 1970-01-01 00:00:00 UTC (Unix time,
 * leap seconds not counted), for time stamps and calendars.  Unlike
 * mote_hal_time_us() it may jump (when it is set) and is unknown until
 * something tells it.
 *
 * A board with a real-time clock (riscv-virt: QEMU's Goldfish RTC) reads
 * it; the host board reads the PC's clock (or, in virtual time, a fixed
 * epoch plus the virtual time: see docs/cli.md).  A board without one keeps
 * the time the firmware last gave mote_hal_rtc_set() -- from a network, a
 * GNSS receiver, an update link -- and counts on from there with
 * mote_hal_time_us(); it does not survive a reset.
 *
 * mote_hal_rtc_get() returns MOTE_HAL_ERR_UNSUPPORTED while the time is
 * unknown (no RTC and not set since mote_hal_init()).  Interrupt-safe.
 */
mote_hal_status mote_hal_rtc_get(uint64_t *unix_us);

/*
 * Sets the wall clock to unix_us (and the RTC, on a board that has one);
 * mote_hal_rtc_get() then reads unix_us plus the time since this call.
 * MOTE_HAL_ERR_IO when the RTC did not take the time.  Main thread only.
 */
mote_hal_status mote_hal_rtc_set(uint64_t unix_us);

/*
 * n / d, and n % d in *rem, for time arithmetic in microseconds.  A
 * 32-bit CPU has no 64-bit divide instruction, and the compiler's
 * routines for it are large (0.9 KB on Cortex-M3, 1.9 KB on RV32); this
 * one is 220 bytes (330 on RV32), and nearly as quick for the divisors
 * time divides by (below 2^32: a clock rate, a million, a thousand; a
 * mote_hal_time_us() on Cortex-M3 takes 16 instructions more than with
 * the compiler's routine), slower for larger ones.  The HAL and
 * WASI-lite divide 64-bit numbers with it only, so a firmware that does
 * not divide them itself links no such routine.  d == 0 returns
 * UINT64_MAX with *rem = n.  Interrupt-safe.
 */
uint64_t mote_hal_div64(uint64_t n, uint64_t d, uint64_t *rem);

/* ------------------------------------------------------------------------
 * Interrupt lock
 * ------------------------------------------------------------------------ */

/* The interrupt state before a lock: pass it back to mote_hal_irq_unlock(). */
typedef uintptr_t mote_hal_irq_state;

/*
 * Masks the interrupts that run HAL callbacks and returns the previous
 * state.  Locks nest: each lock is paired with an unlock of the state it
 * returned, innermost first.  Interrupt-safe.
 */
mote_hal_irq_state mote_hal_irq_lock(void);

/* Restores the state returned by the matching mote_hal_irq_lock().
 * Interrupt-safe. */
void mote_hal_irq_unlock(mote_hal_irq_state previous);

/* ------------------------------------------------------------------------
 * GPIO
 * ------------------------------------------------------------------------ */

typedef enum mote_hal_gpio_mode {
    MOTE_HAL_GPIO_INPUT = 0,    /* floating input */
    MOTE_HAL_GPIO_INPUT_PULLUP, /* input with the internal pull-up */
    MOTE_HAL_GPIO_OUTPUT        /* push-pull output; reads return the
                                   level on the pin */
} mote_hal_gpio_mode;

typedef enum mote_hal_gpio_edge {
    MOTE_HAL_GPIO_EDGE_NONE = 0, /* no interrupt */
    MOTE_HAL_GPIO_EDGE_RISING = 1,
    MOTE_HAL_GPIO_EDGE_FALLING = 2,
    MOTE_HAL_GPIO_EDGE_BOTH = 3
} mote_hal_gpio_edge;

/*
 * Sets a pin's direction and pull.  MOTE_HAL_ERR_ARGUMENT for a pin past
 * gpio_count, MOTE_HAL_ERR_UNSUPPORTED for a mode the pin cannot take (an
 * LED cannot be an input), MOTE_HAL_ERR_BUSY for a pin the board uses
 * itself (console pins).
 */
mote_hal_status mote_hal_gpio_configure(uint32_t pin, mote_hal_gpio_mode mode);

/* Drives an output pin high (true) or low.  Interrupt-safe. */
mote_hal_status mote_hal_gpio_write(uint32_t pin, bool high);

/* Inverts an output pin.  Interrupt-safe. */
mote_hal_status mote_hal_gpio_toggle(uint32_t pin);

/* Reads the level on a pin into *high.  Interrupt-safe. */
mote_hal_status mote_hal_gpio_read(uint32_t pin, bool *high);

/*
 * Calls fn(pin, level, user) in interrupt context when the pin sees the
 * given edge(s); level is the pin's level just after the edge.  Passing
 * MOTE_HAL_GPIO_EDGE_NONE (fn may then be NULL) disables it.  Boards whose
 * GPIO cannot interrupt return MOTE_HAL_ERR_UNSUPPORTED.
 */
typedef void (*mote_hal_gpio_fn)(uint32_t pin, bool high, void *user);

mote_hal_status mote_hal_gpio_set_interrupt(uint32_t pin, mote_hal_gpio_edge edge,
                                            mote_hal_gpio_fn fn, void *user);

/* ------------------------------------------------------------------------
 * Flash (the storage region set aside for data and OTA images)
 *
 * The region has NOR semantics: erasing sets every byte of a sector to
 * 0xFF; programming can only clear bits, so after a program each byte is
 * (old & new).  Offsets are relative to the start of the region.  It never
 * overlaps the running firmware.
 * ------------------------------------------------------------------------ */

typedef struct mote_hal_flash_info {
    uintptr_t base;       /* address where the region can be read in place
                             (execute-in-place of an app stored there), or
                             0 when it is not memory-mapped */
    uint32_t size;        /* bytes in the region, a multiple of sector_size */
    uint32_t sector_size; /* erase unit in bytes, a power of two */
    uint32_t write_size;  /* program unit: offsets and lengths passed to
                             mote_hal_flash_program() are multiples of it */
    bool writable;        /* false when the board cannot erase or program
                             (reads still work) */
} mote_hal_flash_info;

/*
 * The calls below answer the same way on every board (the checks are
 * port/common/flash.c's, in front of each board's driver):
 *   MOTE_HAL_ERR_UNSUPPORTED  the board has no storage region, or, for
 *                             erase and program, the region is read-only
 *                             (whatever the arguments);
 *   MOTE_HAL_ERR_ARGUMENT     [offset, offset+len) leaves the region (or
 *                             wraps around), or offset or len is not a
 *                             multiple of the call's unit; nothing changed;
 *   MOTE_HAL_ERR_IO           the device failed part way (erase, program);
 *   MOTE_HAL_OK               done (len 0 is a successful no-op).
 */

/* Fills *info, or returns MOTE_HAL_ERR_UNSUPPORTED when the board has no
 * storage region. */
mote_hal_status mote_hal_flash_info_get(mote_hal_flash_info *info);

/* Copies len bytes at offset into buf.  Any offset and length inside the
 * region (unit 1). */
mote_hal_status mote_hal_flash_read(uint32_t offset, void *buf, size_t len);

/* Erases the sectors covering [offset, offset+len); both are multiples of
 * sector_size. */
mote_hal_status mote_hal_flash_erase(uint32_t offset, uint32_t len);

/* Programs len bytes at offset (both multiples of write_size) from data,
 * which may be anywhere in RAM or flash. */
mote_hal_status mote_hal_flash_program(uint32_t offset, const void *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_HAL_H */
