/*
 * poll.c -- poll_oneoff: what wasi-libc's nanosleep, clock_nanosleep,
 * sleep, usleep and poll() come down to.
 *
 * Subscriptions:
 *   clock      relative (from the time the call came) or absolute, on the
 *              monotonic clock, or on the realtime clock when the board has
 *              one (relative realtime timeouts always work: a duration is
 *              the same on both clocks).  A clock WASI-lite cannot time
 *              gives its event an error (ENOTSUP or EINVAL).
 *   fd_read    on stdin: ready when console input is pending (nbytes 1)
 *              or at end of file (nbytes 0, hangup flag); an event with
 *              ENOTCAPABLE for an app not granted console input
 *   fd_write   on stdout/stderr: always ready
 *   fd_read, fd_write on an open file or directory: ready (never blocks)
 *   on any other fd: an event with EBADF.
 * The call sleeps the CPU in low power (wait.c) until at least one is
 * ready, then reports all that are.  No subscriptions: EINVAL.  A tag that
 * is none of these: EINVAL.
 */
#include <string.h>

#include "internal.h"

#define TAG_CLOCK 0
#define TAG_FD_READ 1
#define TAG_FD_WRITE 2

typedef struct poll_call {
    mote_wasi *ctx;
    const uint8_t *subs;
    uint8_t *events;
    uint32_t count;
    uint64_t start_us;
} poll_call;

static void put_event(uint8_t *ev, const uint8_t *sub, uint16_t err, uint8_t type, uint64_t nbytes,
                      uint16_t flags)
{
    memset(ev, 0, WASI_EVENT_SIZE);
    wl_store_u64(ev + WASI_EVENT_USERDATA, wl_load_u64(sub + WASI_SUB_USERDATA));
    wl_store_u16(ev + WASI_EVENT_ERROR, err);
    ev[WASI_EVENT_TYPE] = type;
    wl_store_u64(ev + WASI_EVENT_NBYTES, nbytes);
    wl_store_u16(ev + WASI_EVENT_FLAGS, flags);
}

/* A clock subscription: ready now?  Also lowers the wait's deadline. */
static bool clock_ready(poll_call *pc, const uint8_t *sub, uint16_t *err)
{
    uint32_t clock = wl_load_u32(sub + WASI_SUB_CLOCK_ID);
    uint64_t timeout = wl_load_u64(sub + WASI_SUB_CLOCK_TIMEOUT);
    uint64_t due;
    if (wl_load_u16(sub + WASI_SUB_CLOCK_FLAGS) & WASI_SUBCLOCK_ABSTIME) {
        if (!wl_clock_deadline_us(clock, timeout, &due, err))
            return true;
    } else {
        /* A duration is the same on the realtime and monotonic clocks,
         * so relative realtime waits work without a wall clock. */
        if (clock != WASI_CLOCK_MONOTONIC && clock != WASI_CLOCK_REALTIME) {
            *err = clock <= WASI_CLOCK_THREAD_CPUTIME ? WASI_ENOTSUP : WASI_EINVAL;
            return true;
        }
        due = wl_add_saturating(pc->start_us, wl_ns_to_us_up(timeout));
    }
    if (due < pc->ctx->wait.deadline_us)
        pc->ctx->wait.deadline_us = due;
    return mote_hal_time_us() >= due;
}

/* Looks at subscription i; writes its event and returns true if ready. */
static bool scan_one(poll_call *pc, uint32_t i, uint8_t *ev)
{
    const uint8_t *sub = pc->subs + (size_t)i * WASI_SUBSCRIPTION_SIZE;
    uint8_t tag = sub[WASI_SUB_TAG];
    uint16_t err = WASI_ESUCCESS;
    if (tag == TAG_CLOCK) {
        if (!clock_ready(pc, sub, &err))
            return false;
        put_event(ev, sub, err, WASI_EVENTTYPE_CLOCK, 0, 0);
        return true;
    }
    uint32_t fd = wl_load_u32(sub + WASI_SUB_FD);
    if (wl_file(pc->ctx, fd) != NULL) { /* files and directories never block */
        put_event(ev, sub, WASI_ESUCCESS, tag, 0, 0);
        return true;
    }
    bool readable = tag == TAG_FD_READ && fd == 0 && wl_fd_is_open(pc->ctx, 0);
    bool writable = tag == TAG_FD_WRITE && (fd == 1 || fd == 2) && wl_fd_is_open(pc->ctx, fd);
    if (!readable && !writable) {
        put_event(ev, sub, WASI_EBADF, tag, 0, 0);
        return true;
    }
    if (writable) {
        put_event(ev, sub, WASI_ESUCCESS, tag, 0, 0);
        return true;
    }
    if (!wl_cap_uart(pc->ctx, 0)) {
        put_event(ev, sub, WASI_ENOTCAPABLE, tag, 0, 0);
        return true;
    }
    pc->ctx->wait.console = true;
    if (pc->ctx->eof_pending) {
        put_event(ev, sub, WASI_ESUCCESS, tag, 0, WASI_EVENT_HANGUP);
        return true;
    }
    if (!mote_hal_console_readable())
        return false;
    put_event(ev, sub, WASI_ESUCCESS, tag, 1, 0);
    return true;
}

/* Writes the events of every ready subscription; returns how many. */
static uint32_t scan(poll_call *pc)
{
    pc->ctx->wait.deadline_us = NO_DEADLINE;
    pc->ctx->wait.console = false;
    uint32_t ready = 0;
    for (uint32_t i = 0; i < pc->count; i++)
        if (scan_one(pc, i, pc->events + (size_t)ready * WASI_EVENT_SIZE))
            ready++;
    return ready;
}

static bool tags_valid(const uint8_t *subs, uint32_t count)
{
    for (uint32_t i = 0; i < count; i++)
        if (subs[(size_t)i * WASI_SUBSCRIPTION_SIZE + WASI_SUB_TAG] > TAG_FD_WRITE)
            return false;
    return true;
}

/* poll_oneoff(in, out, nsubscriptions, nevents_ptr) -> errno */
mote_status wl_wasi_poll_oneoff(mote_instance *inst, mote_value *io, void *user)
{
    uint32_t in = io[0].u32, out = io[1].u32, count = io[2].u32, result = io[3].u32;
    if (count == 0)
        return wl_wasi_return(io, WASI_EINVAL);
    poll_call pc = {
        .ctx = user,
        .subs = wl_guest_range(inst, in, (uint64_t)count * WASI_SUBSCRIPTION_SIZE),
        .events = wl_guest_range(inst, out, (uint64_t)count * WASI_EVENT_SIZE),
        .count = count,
    };
    if (pc.subs == NULL || pc.events == NULL || wl_guest_range(inst, result, 4) == NULL)
        return wl_wasi_return(io, WASI_EFAULT);
    if (!tags_valid(pc.subs, count))
        return wl_wasi_return(io, WASI_EINVAL);
    pc.start_us = wl_wait_begin(pc.ctx);
    uint32_t ready;
    while ((ready = scan(&pc)) == 0) {
        mote_status st = wl_wait_block(pc.ctx);
        if (st != MOTE_OK)
            return st; /* paused: io untouched, called again */
    }
    wl_wait_end(pc.ctx);
    wl_guest_put_u32(inst, result, ready);
    return wl_wasi_return(io, WASI_ESUCCESS);
}
