/*
 * mote_host.h -- the host board's simulation controls.
 *
 * The host board runs firmware (and the `mote` CLI) as a POSIX process.
 * Its peripherals are simulated, and this header sets them up.  Every
 * setter must be called before mote_hal_init(); firmware that calls none
 * of them gets its setup from MOTE_HOST_* environment variables instead
 * (see docs/cli.md, "The host board"):
 *
 *   time     real (CLOCK_MONOTONIC) or virtual: the clock stands still
 *            while code runs and jumps to the next alarm or scripted input
 *            when the firmware sleeps or waits, so runs are deterministic
 *            and take no wall-clock time
 *   UART     stdin/stdout, a pseudo-terminal, a unix socket or a TCP port
 *   GPIO     32 pins; input edges can be scripted with times; every level
 *            change can be written to a VCD file (GTKWave)
 *   flash    a storage region with NOR semantics, in RAM or in a file
 *
 * A run ends when the firmware exits, or when the board stops it: the
 * time limit passed, a wait that nothing can ever end (deadlock), or
 * SIGINT/SIGTERM.  Either way the board then writes its trace and syncs
 * its flash file.
 */
#ifndef MOTE_HOST_H
#define MOTE_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_HOST_GPIO_PINS 32u
#define MOTE_HOST_NEVER UINT64_MAX

/* Exit statuses of a run the board stops (documented in docs/cli.md). */
#define MOTE_HOST_EXIT_DEADLOCK 123 /* waits for an interrupt nothing can raise */
#define MOTE_HOST_EXIT_LIMIT 124    /* the time limit was reached */
#define MOTE_HOST_EXIT_SETUP 125    /* a MOTE_HOST_* variable could not be applied */

/* ---- time ------------------------------------------------------------- */

void mote_host_set_virtual_time(bool on);
bool mote_host_virtual_time(void);

/* Stops the run when the clock (real or virtual) reaches us; 0: no limit. */
void mote_host_set_time_limit(uint64_t us);

/*
 * Simulated CPU work: in virtual time the clock stands still while code
 * runs, so a program that wants its computing to take time (a scheduler
 * charging each app's slice, apps/) says how much here.  The clock moves
 * forward by us, and what falls due on the way -- alarms, scripted edges,
 * the time limit -- runs as interrupts at its own time (or at the unlock,
 * if interrupts are locked).  In real time it does nothing: time passes
 * by itself.
 */
void mote_host_spend_us(uint64_t us);

/*
 * Parses a duration: a number with an optional unit, us (the default),
 * ms, s, m or h ("250ms", "1.5s", "10m").  False if the text is not one.
 */
bool mote_host_parse_duration(const char *text, uint64_t *us);

/* ---- the wall clock (mote_hal_rtc_get) -------------------------------- */

/* Where the wall clock starts in virtual time: 2025-01-01 00:00:00 UTC. */
#define MOTE_HOST_VIRTUAL_EPOCH_US 1735689600000000ull

/*
 * Starts the wall clock at unix_us (microseconds since 1970, UTC) when the
 * run starts, in real or virtual time.  Without it the wall clock is the
 * PC's in real time, MOTE_HOST_VIRTUAL_EPOCH_US in virtual time.
 */
void mote_host_set_epoch(uint64_t unix_us);

/*
 * Parses a point in time: seconds since 1970 ("1735689600", decimals
 * allowed), or a UTC date "2025-01-01", "2025-01-01T12:30:00Z" (the 'T'
 * may be a space, the 'Z' left out).  False if the text is not one.
 */
bool mote_host_parse_epoch(const char *text, uint64_t *unix_us);

/* ---- UART (the console) ----------------------------------------------- */

/*
 * Where the console goes: "stdio" (the default), "pty" (a new
 * pseudo-terminal; its name is printed on stderr), "socket:PATH" (a unix
 * socket, created and listened on) or "tcp:PORT" / "tcp:HOST:PORT"
 * (default host 127.0.0.1; port 0 picks a free one, printed on stderr).
 * For the sockets the call waits until a client connects.  On failure
 * writes a one-line reason to err and returns false.
 */
bool mote_host_set_uart(const char *spec, char *err, size_t err_len);

/* Checks a spec's form (the kind, the port's range, the host's form)
 * without opening anything: the mistakes mote_host_set_uart() would report
 * that no retry can cure.  On a mistake writes why to err; false. */
bool mote_host_check_uart(const char *spec, char *err, size_t err_len);

/*
 * When the input ends (end of file, the client hung up), the console reads
 * `byte` from then on, for ever, as a terminal sends Ctrl-D; -1 (the
 * default) reads nothing.  WASI-lite's end-of-file byte is 0x04.
 */
void mote_host_set_uart_eof_byte(int byte);

/* ---- GPIO ------------------------------------------------------------- */

/*
 * An external signal: from at_us on, `pin` is driven to `high` (an input
 * pin then reads that level and raises its edge interrupt).  Calls must
 * come in time order.  False for a bad pin or an earlier time.
 */
bool mote_host_gpio_drive_at(uint64_t at_us, uint32_t pin, bool high);

/*
 * Schedules a GPIO input script (docs/cli.md, "GPIO input scripts"): lines
 * of "<time> <pin>=<level> ...", '#' comments, ';' also ends a line.  On a
 * mistake writes "line N: what" to err and returns false.
 */
bool mote_host_gpio_script(const char *text, char *err, size_t err_len);

/* The same for a file's contents; or, when no such file exists and the
 * text contains '=', for the text itself ("50ms 1=0; +20ms 1=1"). */
bool mote_host_gpio_input(const char *file_or_script, char *err, size_t err_len);

/*
 * Records every pin level change and writes them as a VCD file (one wire
 * per pin the firmware configured or the script drove, times in us) when
 * the run ends.  The file is created now, so a bad path fails here.
 */
bool mote_host_gpio_trace(const char *vcd_path, char *err, size_t err_len);

/* ---- flash ------------------------------------------------------------ */

/*
 * Backs the storage region with a file, mapped into memory (so the region
 * can be read in place).  A new or empty file is created with `size`
 * bytes of 0xFF; an existing one keeps its contents and its size, which
 * must be a multiple of sector_size.  size 0 and sector_size 0 take the
 * defaults (1 MiB, 4 KiB sectors); the program unit is 4 bytes.
 */
bool mote_host_set_flash_file(const char *path, uint32_t size, uint32_t sector_size, char *err,
                              size_t err_len);

/* ---- ending a run ----------------------------------------------------- */

typedef enum mote_host_stop_reason {
    MOTE_HOST_STOP_TIME_LIMIT, /* the clock reached the time limit */
    MOTE_HOST_STOP_DEADLOCK,   /* a wait for an interrupt that cannot come */
    MOTE_HOST_STOP_SIGNAL      /* SIGINT or SIGTERM */
} mote_host_stop_reason;

/*
 * How the program wants to hear of a stop.  notify(user) is called at once
 * when a stop is requested, possibly from a signal handler, so it may only
 * do async-signal-safe things (mote_interrupt() is one).  stop(reason,
 * user) is called later on the main thread, from a HAL wait or from
 * mote_host_check_stop(), and should end the program; if it returns, or
 * none is set, the board prints why, finishes and exits with
 * MOTE_HOST_EXIT_LIMIT / _DEADLOCK, or dies of the signal.
 */
typedef void (*mote_host_notify_fn)(void *user);
typedef void (*mote_host_stop_fn)(mote_host_stop_reason reason, void *user);
void mote_host_on_stop(mote_host_notify_fn notify, mote_host_stop_fn stop, void *user);

/* Runs the stop handling now if a stop was requested; returns otherwise. */
void mote_host_check_stop(void);

/* The signal that caused a MOTE_HOST_STOP_SIGNAL stop. */
int mote_host_stop_signal(void);

/* A one-line description of a stop, e.g. "time limit of 600000000 us reached". */
const char *mote_host_stop_message(mote_host_stop_reason reason);

/*
 * Writes the GPIO trace and syncs the flash file.  Idempotent; also done
 * by mote_hal_exit() and at exit().
 */
void mote_host_finish(void);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_HOST_H */
