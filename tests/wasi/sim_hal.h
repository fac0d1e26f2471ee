/*
 * sim_hal.h -- a HAL (port/include/mote/hal.h) for WASI-lite's tests, with
 * virtual time: the clock stands still until the firmware sleeps or waits
 * for an interrupt, then jumps to the next scheduled thing (the alarm, a
 * scripted GPIO edge).  Runs are deterministic and take no real time.
 *
 * Interrupts are simulated: callbacks run from mote_hal_wait_for_interrupt()
 * and mote_hal_sleep_us() (and sim_advance()), as on the POSIX host port.
 * Console input is scripted with arrival times; like the real boards it
 * raises no interrupt, it only becomes readable.  Waiting for an interrupt
 * when nothing is scheduled is a deadlock: the simulator reports it and
 * exits with SIM_EXIT_DEADLOCK; so does passing the time limit, with
 * SIM_EXIT_TIME_LIMIT.
 *
 * Pins: 32.  Pin SIM_PIN_LED_ONLY can only be an output (like an LED),
 * SIM_PIN_BUSY belongs to the console (BUSY), SIM_PIN_NO_IRQ cannot
 * interrupt.  Flash: none.
 *
 * The driver (wasi_run.c) is also linked with the POSIX host HAL; there
 * sim_none.c provides these functions and they report "not simulated".
 */
#ifndef SIM_HAL_H
#define SIM_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SIM_PINS 32u
#define SIM_PIN_NO_IRQ 29u
#define SIM_PIN_LED_ONLY 30u
#define SIM_PIN_BUSY 31u
#define SIM_EXIT_DEADLOCK 97
#define SIM_EXIT_TIME_LIMIT 98

/* True in the simulator, false with the host HAL (sim_none.c). */
bool sim_available(void);

/* Back to time 0, all pins inputs, no alarm, no input, empty output. */
void sim_reset(void);

uint64_t sim_now(void);

/* Moves time forward by us, running due callbacks in time order -- unless
 * interrupts are locked: then they run, late, at the unlock. */
void sim_advance(uint64_t us);

/* Console input: bytes that become readable at time at_us. */
bool sim_console_input(uint64_t at_us, const void *data, size_t len);

/* Console output so far (also copied to `echo` if set, e.g. stdout). */
const char *sim_console_output(size_t *len);
void sim_console_clear(void);
void sim_console_echo(FILE *echo);

/* An external signal on an input pin: its level becomes `high` at at_us. */
bool sim_gpio_drive(uint32_t pin, bool high, uint64_t at_us);

/* Pin output changes, as "gpio <time_us> <pin> <level>" lines on `trace`. */
void sim_gpio_trace(FILE *trace);

/* Virtual time may not pass `us` (default 10 minutes): an app that waits
 * for ever on something that never comes (console input past its end)
 * makes the simulator report it and exit with SIM_EXIT_TIME_LIMIT. */
void sim_time_limit(uint64_t us);

/* Counters for tests. */
uint32_t sim_alarm_starts(void); /* mote_hal_alarm_start calls */
bool sim_irq_locked(void);

#endif /* SIM_HAL_H */
