/*
 * msg.c -- messages between apps: bounded mailboxes, copies in and out of
 * each sandbox, no shared memory.
 *
 * A mailbox is `slots` fixed-size slots in a buffer the firmware owns
 * (outside every app's arena): a 20-byte header -- length, the sender's
 * name -- then up to msg_max bytes.  msg_send copies from the sender's
 * linear memory into the receiver's next free slot; msg_recv copies the
 * oldest message out into the receiver's memory.  Both copies happen with
 * interrupts masked (at most MOTE_WASI_MSG_MAX bytes), which makes the
 * mailbox safe between apps on different RTOS tasks, and keeps a receiver
 * that is stopped or restarted meanwhile from seeing half a message.
 *
 * Capabilities: an app may send only to the apps its cfg.send_to names;
 * only an app with a mailbox receives.  A sender may hold at most `share`
 * slots of one mailbox, so one app's flood leaves room for the others:
 * beyond it msg_send returns -EAGAIN and the mailbox counts a refusal.
 */
#include <string.h>

#include "internal.h"

#define HDR_LEN 0      /* u16 */
#define HDR_FROM_LEN 2 /* u8 */
#define HDR_FROM 4     /* MOTE_WASI_NAME_MAX + 1 bytes */
#define HDR_SIZE 20

_Static_assert(HDR_FROM + MOTE_WASI_NAME_MAX + 1 == HDR_SIZE, "message header layout");

mote_status mote_wasi_mailbox_init(mote_wasi_mailbox *mb, void *buf, size_t size, uint32_t slots,
                                   uint32_t msg_max, uint32_t share)
{
    if (mb == NULL || buf == NULL || slots == 0 || slots > UINT16_MAX || msg_max == 0 ||
        msg_max > MOTE_WASI_MSG_MAX || share > slots ||
        size < MOTE_WASI_MAILBOX_BYTES(slots, msg_max))
        return MOTE_ERR_ARGUMENT;
    memset(mb, 0, sizeof *mb);
    mb->buf = buf;
    mb->slots = (uint16_t)slots;
    mb->msg_max = (uint16_t)msg_max;
    mb->share = (uint16_t)(share == 0 ? slots : share);
    return MOTE_OK;
}

void mote_wasi_mailbox_set_share(mote_wasi_mailbox *mb, uint32_t share)
{
    mote_hal_irq_state s = mote_hal_irq_lock();
    mb->share = (uint16_t)(share == 0 || share > mb->slots ? mb->slots : share);
    mote_hal_irq_unlock(s);
}

static uint8_t *slot_at(const mote_wasi_mailbox *mb, uint32_t i)
{
    return mb->buf + (size_t)(i % mb->slots) * MOTE_WASI_MAILBOX_SLOT(mb->msg_max);
}

uint32_t wl_msg_pending(const mote_wasi *ctx)
{
    const mote_wasi_mailbox *mb = wl_mailbox(ctx);
    return mb != NULL ? mb->count : 0;
}

static size_t name_len(const mote_wasi *ctx)
{
    size_t n = ctx->cfg.name != NULL ? strlen(ctx->cfg.name) : 0;
    return n > MOTE_WASI_NAME_MAX ? MOTE_WASI_NAME_MAX : n;
}

/* Slots of mb that hold messages from the sender named name[0..len). */
static uint32_t held_by(const mote_wasi_mailbox *mb, const char *name, size_t len)
{
    uint32_t held = 0;
    for (uint32_t i = 0; i < mb->count; i++) {
        const uint8_t *h = slot_at(mb, (uint32_t)mb->head + i);
        if (h[HDR_FROM_LEN] == len && memcmp(h + HDR_FROM, name, len) == 0)
            held++;
    }
    return held;
}

/* Is `to` among the apps ctx may message?  Reports a refusal. */
static bool may_send(mote_wasi *ctx, const uint8_t *to, size_t len)
{
    for (uint32_t i = 0; i < wl_send_to_count(ctx); i++) {
        const char *n = ctx->cfg.send_to[i];
        if (strlen(n) == len && memcmp(n, to, len) == 0)
            return true;
    }
    char shown[MOTE_WASI_NAME_MAX + 8];
    size_t n = len < MOTE_WASI_NAME_MAX ? len : MOTE_WASI_NAME_MAX;
    shown[0] = '\'';
    for (size_t i = 0; i < n; i++)
        shown[1 + i] = to[i] >= 0x20 && to[i] < 0x7f ? (char)to[i] : '?';
    memcpy(shown + 1 + n, n < len ? "...'" : "'", n < len ? 5 : 2);
    wl_deny(ctx, "message to ", NO_NUMBER, shown);
    return false;
}

/* Puts one message into peer's mailbox; -errno or 0.  Interrupts locked. */
static int32_t deliver(mote_wasi *ctx, mote_wasi *peer, const uint8_t *data, uint32_t len)
{
    mote_wasi_mailbox *mb = wl_mailbox(peer);
    if (len > mb->msg_max)
        return -WASI_EMSGSIZE;
    size_t from = name_len(ctx);
    const char *name = ctx->cfg.name != NULL ? ctx->cfg.name : "";
    if (mb->count == mb->slots || held_by(mb, name, from) >= mb->share) {
        mb->refused++;
        return -WASI_EAGAIN;
    }
    uint8_t *h = slot_at(mb, (uint32_t)mb->head + mb->count);
    memset(h, 0, HDR_SIZE);
    wl_store_u16(h + HDR_LEN, (uint16_t)len);
    h[HDR_FROM_LEN] = (uint8_t)from;
    memcpy(h + HDR_FROM, name, from);
    memcpy(h + HDR_SIZE, data, len);
    mb->count++;
    mb->received++;
    return 0;
}

/* msg_send(to_ptr, to_len, data_ptr, data_len) -> 0 | -errno */
mote_status wl_dev_msg_send(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = user;
    uint32_t to_len = io[1].u32, len = io[3].u32;
    const uint8_t *to = wl_guest_range(inst, io[0].u32, to_len);
    const uint8_t *data = wl_guest_range(inst, io[2].u32, len);
    if (to == NULL || data == NULL)
        return wl_device_return(io, -WASI_EFAULT);
    if (!may_send(ctx, to, to_len))
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    if (len > MOTE_WASI_MSG_MAX)
        return wl_device_return(io, -WASI_EMSGSIZE);
    mote_wasi *peer = NULL;
    int32_t r = -WASI_ENOENT;
    mote_hal_irq_state s = mote_hal_irq_lock();
    if (wl_hub(ctx) != NULL)
        peer = wl_hub_find(wl_hub(ctx), to, to_len);
    if (peer != NULL && wl_mailbox(peer) != NULL)
        r = deliver(ctx, peer, data, len);
    mote_hal_irq_unlock(s);
    if (r == 0)
        wl_wake(peer);
    return wl_device_return(io, r);
}

/* Takes the oldest message into guest memory; its length, or -EMSGSIZE
 * (the message stays) when it does not fit.  Interrupts locked. */
static int32_t take(mote_wasi_mailbox *mb, uint8_t *data, uint32_t cap, uint8_t *from,
                    uint32_t from_cap)
{
    const uint8_t *h = slot_at(mb, mb->head);
    uint32_t len = wl_load_u16(h + HDR_LEN);
    if (len > cap)
        return -WASI_EMSGSIZE;
    memcpy(data, h + HDR_SIZE, len);
    if (from_cap > 0) {
        uint32_t n = h[HDR_FROM_LEN] < from_cap - 1 ? h[HDR_FROM_LEN] : from_cap - 1;
        memcpy(from, h + HDR_FROM, n);
        from[n] = 0;
    }
    mb->head = (uint16_t)((mb->head + 1u) % mb->slots);
    mb->count--;
    return (int32_t)len;
}

/* msg_recv(data_ptr, data_cap, from_ptr, from_cap, timeout_us) -> length | -errno */
mote_status wl_dev_msg_recv(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = user;
    uint32_t cap = io[1].u32, from_cap = io[3].u32;
    int64_t timeout = io[4].i64;
    uint8_t *data = wl_guest_range(inst, io[0].u32, cap);
    uint8_t *from = wl_guest_range(inst, io[2].u32, from_cap);
    if (data == NULL || from == NULL)
        return wl_device_return(io, -WASI_EFAULT);
    mote_wasi_mailbox *mb = wl_mailbox(ctx);
    if (mb == NULL) {
        wl_deny(ctx, "messages", NO_NUMBER, " (no mailbox granted)");
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    }
    uint64_t start = wl_wait_begin(ctx);
    ctx->wait.messages = true;
    if (timeout >= 0)
        ctx->wait.deadline_us = wl_add_saturating(start, (uint64_t)timeout);
    for (;;) {
        int32_t r = -WASI_EAGAIN;
        mote_hal_irq_state s = mote_hal_irq_lock();
        if (mb->count > 0)
            r = take(mb, data, cap, from, from_cap);
        mote_hal_irq_unlock(s);
        if (r != -WASI_EAGAIN) {
            wl_wait_end(ctx);
            return wl_device_return(io, r);
        }
        if (mote_hal_time_us() >= ctx->wait.deadline_us) {
            wl_wait_end(ctx);
            return wl_device_return(io, timeout == 0 ? -WASI_EAGAIN : -WASI_ETIMEDOUT);
        }
        mote_status st = wl_wait_block(ctx);
        if (st != MOTE_OK)
            return st; /* paused: io untouched, called again */
    }
}

/* msg_watch(enable) -> 0 | -errno: MESSAGE events while messages wait. */
mote_status wl_dev_msg_watch(mote_instance *inst, mote_value *io, void *user)
{
    (void)inst;
    mote_wasi *ctx = user;
    if (io[0].u32 != 0 && wl_mailbox(ctx) == NULL) {
        wl_deny(ctx, "messages", NO_NUMBER, " (no mailbox granted)");
        return wl_device_return(io, -WASI_ENOTCAPABLE);
    }
    ctx->msg_watch = io[0].u32 != 0;
    return wl_device_return(io, 0);
}
