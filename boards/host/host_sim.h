/*
 * host_sim.h -- the seams inside the host board, between the HAL drivers
 * in port/host (time, console, GPIO, flash, board) and the simulation
 * parts in boards/host (scripted input, trace, UART back-ends, stopping,
 * configuration).  Firmware uses <mote/hal.h> and mote_host.h, not this.
 */
#ifndef MOTE_HOST_SIM_H
#define MOTE_HOST_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include <mote/hal.h>

#include "mote_host.h"

/* A pin's level as a logic analyser shows it: floating inputs are Z. */
enum { HOST_LOW = 0, HOST_HIGH = 1, HOST_FLOATING = 2 };

/* ---- configuration (config.c) ---- */

/* A mote_host_set_* call was made: the environment is not read. */
void host_config_touched(void);
/* Applies MOTE_HOST_* variables unless a setter was called (mote_hal_init). */
void host_config_from_env(void);

/* ---- start-up (port/host/board.c) ---- */

/* The board's part of mote_hal_init(): configuration, signals, exit hooks. */
void host_board_start(void);

/* ---- time and interrupts (port/host/time.c) ---- */

/* True inside the real-time timer's signal handler, where malloc and
 * stdio are off limits.  (Virtual-time interrupts run on the main thread.) */
bool host_in_interrupt(void);

/* ---- scripted input (stimuli.c) ---- */

/* Time of the next scripted event, or MOTE_HOST_NEVER. */
uint64_t host_stimuli_next(void);
/* Applies every scripted event due by `now`, in interrupt context. */
void host_stimuli_fire(uint64_t now);

/* ---- GPIO (port/host/gpio.c) ---- */

/* An external signal drives `pin` (a scripted edge), in interrupt context. */
void host_gpio_external(uint32_t pin, bool high);

/* ---- trace (vcd.c) ---- */

/* The pin was configured or changed level; level is HOST_LOW/HIGH/FLOATING. */
void host_trace_pin(uint32_t pin, int level, uint64_t time_us);
/* Main thread: makes room so that recording from an interrupt needs no malloc. */
void host_trace_refill(void);
/* Writes the VCD file (once). */
void host_trace_write(void);

/* ---- console (port/host/console.c) ---- */

/* Reads from in_fd and writes to out_fd; `stream` marks sockets and
 * pseudo-terminals (writes never raise SIGPIPE and give up on a stalled
 * reader rather than block the firmware for ever). */
void host_console_attach(int in_fd, int out_fd, bool stream);
/* The fd to watch while the firmware waits: the console's input when the
 * firmware last found it empty and more may still come; else -1. */
int host_console_waiting_fd(void);

/* ---- flash (port/host/flash.c) ---- */

/* Writes a file-backed region back to its file. */
void host_flash_sync(void);

/* ---- ending a run (stop.c) ---- */

/* Asks for the run to stop; async-signal-safe. */
void host_stop_request(mote_host_stop_reason reason);
/* Catches SIGINT and SIGTERM (mote_hal_init). */
void host_stop_catch_signals(void);
/* Closes the UART back-end: removes a unix socket's file (uart.c). */
void host_uart_close(void);

#endif /* MOTE_HOST_SIM_H */
