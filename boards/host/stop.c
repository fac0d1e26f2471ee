/*
 * Ending a run that the board stops: the time limit, a deadlock (a wait
 * for an interrupt that nothing can raise: in real hardware the CPU would
 * sleep for ever), or SIGINT/SIGTERM.
 *
 * A request can come from a signal handler, so it only sets a flag and
 * calls the program's notify function (e.g. mote_interrupt(), which makes
 * running Wasm code pause).  The stop itself -- the program's stop
 * function, or the board's message, trace and exit -- runs on the main
 * thread: from the HAL's wait, or from mote_host_check_stop(), which the
 * program calls where a paused app gives it control.
 *
 * A second SIGINT/SIGTERM while one is pending kills at once, so that
 * firmware that never waits can still be stopped.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "host_sim.h"

static volatile sig_atomic_t pending; /* 1 + the reason, or 0 */
static volatile sig_atomic_t signal_number;
static mote_host_notify_fn notify;
static mote_host_stop_fn stop;
static void *stop_user;

void mote_host_on_stop(mote_host_notify_fn notify_fn, mote_host_stop_fn stop_fn, void *user)
{
    notify = notify_fn;
    stop = stop_fn;
    stop_user = user;
}

void host_stop_request(mote_host_stop_reason reason)
{
    if (pending)
        return;
    pending = 1 + (sig_atomic_t)reason;
    if (notify != NULL)
        notify(stop_user);
}

static void on_signal(int sig)
{
    if (pending) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    signal_number = sig;
    host_stop_request(MOTE_HOST_STOP_SIGNAL);
}

void host_stop_catch_signals(void)
{
    struct sigaction action = {.sa_handler = on_signal};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

int mote_host_stop_signal(void)
{
    return signal_number;
}

const char *mote_host_stop_message(mote_host_stop_reason reason)
{
    switch (reason) {
    case MOTE_HOST_STOP_TIME_LIMIT: return "stopped at the time limit";
    case MOTE_HOST_STOP_DEADLOCK:
        return "deadlock: waiting for an interrupt, but no timer is running, no scripted "
               "input is left and no console input can come";
    case MOTE_HOST_STOP_SIGNAL: return "interrupted";
    }
    return "stopped";
}

void mote_host_check_stop(void)
{
    if (!pending)
        return;
    mote_host_stop_reason reason = (mote_host_stop_reason)(pending - 1);
    if (stop != NULL)
        stop(reason, stop_user);
    fprintf(stderr, "mote: %s at %llu us\n", mote_host_stop_message(reason),
            (unsigned long long)mote_hal_time_us());
    mote_host_finish();
    fflush(NULL);
    if (reason == MOTE_HOST_STOP_SIGNAL) {
        signal(signal_number, SIG_DFL);
        raise(signal_number);
    }
    _exit(reason == MOTE_HOST_STOP_DEADLOCK ? MOTE_HOST_EXIT_DEADLOCK : MOTE_HOST_EXIT_LIMIT);
}
