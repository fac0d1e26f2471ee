/*
 * Host time and "interrupts", real or virtual (mote_host_set_virtual_time).
 *
 * The interrupt sources are the deadline timer (port/common/alarm.c builds
 * the HAL alarm and sleep on it), the scripted input edges
 * (boards/host/stimuli.c) and the time limit.  The timer hardware is armed
 * for the earliest of the three.
 *
 * Real time: the clock is CLOCK_MONOTONIC and the timer a one-shot
 * ITIMER_REAL whose SIGALRM plays the interrupt.  Locking interrupts blocks
 * SIGALRM, and waiting for one is ppoll(), which unblocks and sleeps in one
 * atomic step, so a lock / check / wait sequence has the same
 * no-lost-wake-up guarantee as WFI.  ppoll() also watches the console while
 * the firmware waits for input: the host UART's receive interrupt.
 *
 * Virtual time: the clock stands still while code runs.  A wait jumps it
 * to the earliest due source and runs that source's callbacks right there
 * (the HAL allows callbacks to have run when the wait returns); unlocking
 * runs callbacks that fell due meanwhile.  Nothing depends on the wall
 * clock, so a run is the same every time and a ten-minute schedule takes
 * milliseconds.  Two escapes from the rule:
 *   - code that spins on the clock (a busy-wait) would spin for ever, so
 *     after SPIN_READS reads at one instant each further read moves the
 *     clock 1 us (still deterministic);
 *   - while the firmware waits for console input that can still come from
 *     outside (a terminal, a pipe, a socket), real time passes: the wait
 *     lasts as long, in wall-clock time, as the virtual jump it makes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/time.h>
#include <time.h>

#include "host_sim.h"
#include "mote_port.h"

#define NEVER MOTE_PORT_NO_DEADLINE
#define SPIN_READS 10000u
#define MAX_REAL_WAIT_US (86400u * 1000000ull)

static bool virtual_mode;
static uint64_t limit_us = NEVER;      /* the time limit, until it is reached */
static uint64_t timer_due = NEVER;     /* what alarm.c asked for */
static volatile sig_atomic_t handling; /* inside a simulated interrupt */

static struct timespec epoch; /* real time 0 */
static uint64_t virtual_now;
static uint32_t reads_at_now; /* clock reads since virtual time last moved */
static bool virtual_locked;   /* the virtual interrupt mask */

void mote_host_set_virtual_time(bool on)
{
    host_config_touched();
    virtual_mode = on;
}

bool mote_host_virtual_time(void)
{
    return virtual_mode;
}

void mote_host_set_time_limit(uint64_t us)
{
    host_config_touched();
    limit_us = us != 0 ? us : NEVER;
}

bool host_in_interrupt(void)
{
    return handling != 0 && !virtual_mode;
}

static uint64_t min3(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t m = a < b ? a : b;
    return m < c ? m : c;
}

static uint64_t real_now(void)
{
    if (epoch.tv_sec == 0 && epoch.tv_nsec == 0)
        return 0; /* before mote_hal_init() */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t ns = (int64_t)(now.tv_sec - epoch.tv_sec) * 1000000000 + (now.tv_nsec - epoch.tv_nsec);
    return (uint64_t)ns / 1000u;
}

uint64_t mote_hal_time_us(void)
{
    if (!virtual_mode)
        return real_now();
    if (++reads_at_now > SPIN_READS) {
        virtual_now++;
        if (virtual_now >= limit_us) {
            limit_us = NEVER;
            host_stop_request(MOTE_HOST_STOP_TIME_LIMIT);
        }
    }
    return virtual_now;
}

/* ---- the interrupt sources ------------------------------------------------- */

/*
 * Runs what is due at `now` as an interrupt would: scripted edges first,
 * then the timer.  Returns true if anything ran.
 */
static bool run_due(uint64_t now)
{
    bool ran = false;
    handling = 1;
    if (host_stimuli_next() <= now) {
        host_stimuli_fire(now);
        ran = true;
    }
    if (now >= limit_us) {
        limit_us = NEVER; /* once: the stop takes it from here */
        host_stop_request(MOTE_HOST_STOP_TIME_LIMIT);
        ran = true;
    }
    if (timer_due <= now) {
        timer_due = NEVER; /* alarm.c re-arms through set_deadline */
        mote_port_timer_expired();
        ran = true;
    }
    handling = 0;
    return ran;
}

static uint64_t next_due(void)
{
    return min3(timer_due, host_stimuli_next(), limit_us);
}

/* Real time: arms ITIMER_REAL for the earliest source. */
static void arm_real_timer(void)
{
    uint64_t due = next_due();
    struct itimerval timer = {0}; /* all zero disarms */
    if (due != NEVER) {
        uint64_t now = real_now();
        uint64_t wait = due > now ? due - now : 1; /* 0 would disarm */
        /* A day at most, which fits a 32-bit time_t: a longer wait wakes
         * early, finds nothing due, and the handler arms the rest. */
        if (wait > MAX_REAL_WAIT_US)
            wait = MAX_REAL_WAIT_US;
        timer.it_value.tv_sec = (time_t)(wait / 1000000u);
        timer.it_value.tv_usec = (suseconds_t)(wait % 1000000u);
    }
    setitimer(ITIMER_REAL, &timer, NULL);
}

static void on_sigalrm(int signal)
{
    (void)signal;
    int saved = errno;
    run_due(real_now());
    arm_real_timer();
    errno = saved;
}

void mote_port_timer_init(void)
{
    clock_gettime(CLOCK_MONOTONIC, &epoch);
    virtual_now = 0;
    if (virtual_mode)
        return;
    struct sigaction action = {.sa_handler = on_sigalrm};
    sigemptyset(&action.sa_mask); /* SIGALRM itself stays blocked while handled */
    action.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &action, NULL);
    arm_real_timer(); /* scripted edges and the limit count from now */
}

void mote_port_timer_set_deadline(uint64_t due_us)
{
    timer_due = due_us;
    if (!virtual_mode)
        arm_real_timer();
}

void mote_host_spend_us(uint64_t us)
{
    if (!virtual_mode || us == 0)
        return;
    uint64_t target = virtual_now > NEVER - 1 - us ? NEVER - 1 : virtual_now + us;
    /* Interrupts that fall due on the way run at their own time; locked,
     * they wait for the unlock as on a real CPU. */
    while (!virtual_locked && !handling) {
        uint64_t due = next_due();
        if (due > target)
            break;
        if (due > virtual_now)
            virtual_now = due;
        reads_at_now = 0;
        if (!run_due(virtual_now))
            break;
    }
    virtual_now = target;
    reads_at_now = 0;
    if (!virtual_locked && !handling)
        run_due(virtual_now);
}

/* ---- the interrupt lock ----------------------------------------------------- */

static sigset_t timer_signal(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    return set;
}

mote_hal_irq_state mote_hal_irq_lock(void)
{
    if (virtual_mode) {
        bool was = virtual_locked;
        virtual_locked = true;
        return was ? 0 : 1; /* 1: was unlocked */
    }
    sigset_t block = timer_signal(), old;
    sigprocmask(SIG_BLOCK, &block, &old);
    return sigismember(&old, SIGALRM) ? 0 : 1;
}

void mote_hal_irq_unlock(mote_hal_irq_state previous)
{
    if (!previous)
        return;
    if (virtual_mode) {
        /* What fell due while locked runs now, with the lock held as an
         * interrupt handler has it. */
        while (!handling && run_due(virtual_now)) {
        }
        virtual_locked = false;
        return;
    }
    sigset_t unblock = timer_signal();
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
}

/* mote_hal_init()'s first step after the console: the board starts the
 * simulation here, since its setup (virtual time or not) decides how the
 * timer starts next. */
void mote_port_irq_init(void)
{
    host_board_start();
    virtual_locked = false;
    (void)mote_hal_irq_lock();
}

void mote_port_irq_enable_all(void)
{
    mote_hal_irq_unlock(1);
}

/* ---- waiting ------------------------------------------------------------------ */

/* Sleeps in ppoll() with SIGALRM unblocked, also waking on console input
 * (fd >= 0).  timeout NULL: until a signal or input.  True on input. */
static bool sleep_until(int fd, const struct timespec *timeout)
{
    sigset_t during;
    sigprocmask(SIG_SETMASK, NULL, &during);
    sigdelset(&during, SIGALRM);
    struct pollfd console = {.fd = fd, .events = POLLIN};
    int n = ppoll(fd >= 0 ? &console : NULL, fd >= 0 ? 1 : 0, timeout, &during);
    return n > 0;
}

/* Nothing can ever end this wait: no timer, no script, no limit, no input. */
static bool hopeless(int console_fd)
{
    return next_due() == NEVER && console_fd < 0;
}

static void wait_real(void)
{
    int fd = host_console_waiting_fd();
    if (hopeless(fd))
        host_stop_request(MOTE_HOST_STOP_DEADLOCK);
    else
        sleep_until(fd, NULL);
}

static void wait_virtual(void)
{
    if (run_due(virtual_now))
        return; /* something was pending already */
    uint64_t due = next_due();
    int fd = host_console_waiting_fd();
    if (hopeless(fd)) {
        host_stop_request(MOTE_HOST_STOP_DEADLOCK);
        return;
    }
    if (fd >= 0) {
        /* Input may come from outside: let the jump take real time. */
        struct timespec span, *timeout = NULL;
        if (due != NEVER) {
            uint64_t us = due - virtual_now;
            span.tv_sec = (time_t)(us / 1000000u);
            span.tv_nsec = (long)(us % 1000000u) * 1000;
            timeout = &span;
        }
        bool input = sleep_until(fd, timeout);
        if (input || due == NEVER)
            return; /* the console "interrupt": time stays */
    }
    virtual_now = due;
    reads_at_now = 0;
    run_due(virtual_now);
}

void mote_hal_wait_for_interrupt(void)
{
    host_trace_refill();
    if (virtual_mode)
        wait_virtual();
    else
        wait_real();
    mote_host_check_stop();
}
