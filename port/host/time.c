/*
 * Host time and "interrupts".  The clock is CLOCK_MONOTONIC; the deadline
 * timer is a one-shot ITIMER_REAL whose SIGALRM plays the timer interrupt.
 * Locking interrupts blocks SIGALRM, and waiting for an interrupt is
 * sigsuspend(), which unblocks and sleeps in one atomic step, so a lock /
 * check / wait sequence has the same no-lost-wake-up guarantee as WFI.
 */
#include <signal.h>
#include <sys/time.h>
#include <time.h>

#include "mote_port.h"

static struct timespec epoch;

uint64_t mote_hal_time_us(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t ns = (int64_t)(now.tv_sec - epoch.tv_sec) * 1000000000 + (now.tv_nsec - epoch.tv_nsec);
    return (uint64_t)ns / 1000u;
}

static void on_sigalrm(int signal)
{
    (void)signal;
    mote_port_timer_expired();
}

void mote_port_timer_init(void)
{
    clock_gettime(CLOCK_MONOTONIC, &epoch);
    struct sigaction action = {.sa_handler = on_sigalrm};
    sigemptyset(&action.sa_mask);       /* SIGALRM itself stays blocked while handled */
    action.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &action, NULL);
}

void mote_port_timer_set_deadline(uint64_t due_us)
{
    struct itimerval timer = {0};       /* all zero disarms */
    if (due_us != MOTE_PORT_NO_DEADLINE) {
        uint64_t now = mote_hal_time_us();
        uint64_t wait = due_us > now ? due_us - now : 1;   /* 0 would disarm */
        timer.it_value.tv_sec = (time_t)(wait / 1000000u);
        timer.it_value.tv_usec = (suseconds_t)(wait % 1000000u);
    }
    setitimer(ITIMER_REAL, &timer, NULL);
}

static sigset_t timer_signal(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    return set;
}

mote_hal_irq_state mote_hal_irq_lock(void)
{
    sigset_t block = timer_signal(), old;
    sigprocmask(SIG_BLOCK, &block, &old);
    return sigismember(&old, SIGALRM) ? 0 : 1;     /* 1: was unlocked */
}

void mote_hal_irq_unlock(mote_hal_irq_state previous)
{
    if (previous) {
        sigset_t unblock = timer_signal();
        sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    }
}

void mote_hal_wait_for_interrupt(void)
{
    sigset_t during;
    sigprocmask(SIG_SETMASK, NULL, &during);
    sigdelset(&during, SIGALRM);
    sigsuspend(&during);
}

void mote_port_irq_init(void)
{
    (void)mote_hal_irq_lock();
}

void mote_port_irq_enable_all(void)
{
    mote_hal_irq_unlock(1);
}
