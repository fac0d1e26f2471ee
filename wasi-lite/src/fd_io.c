/*
 * fd_io.c -- fd_write and fd_read: stdout and stderr go to the HAL
 * console (or the firmware's write hook), stdin comes from it.
 *
 * Both check everything before doing anything: the iovec array, every
 * iovec's buffer and the result pointer must lie inside the app's memory
 * (EFAULT otherwise) and the total length must fit an ssize_t (EINVAL), so
 * a bad call has no effect at all.  Zero-length iovecs are skipped without
 * looking at their pointer, as POSIX readv/writev do.
 */
#include "internal.h"

#define MAX_TRANSFER 0x7FFFFFFFu /* the largest total a 32-bit ssize_t holds */

/* Checks an iovec array and the 4-byte result pointer; sets *total.
 * Returns a WASI errno.  (Files use it too: file_calls.c.) */
uint16_t wl_check_transfer(mote_instance *inst, uint32_t iovs, uint32_t count, uint32_t result,
                           uint64_t *total)
{
    const uint8_t *vec = wl_guest_range(inst, iovs, (uint64_t)count * WASI_IOVEC_SIZE);
    if (vec == NULL)
        return WASI_EFAULT;
    uint64_t sum = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t buf = wl_load_u32(vec + i * WASI_IOVEC_SIZE);
        uint32_t len = wl_load_u32(vec + i * WASI_IOVEC_SIZE + 4);
        if (len > 0 && wl_guest_range(inst, buf, len) == NULL)
            return WASI_EFAULT;
        sum += len;
        if (sum > MAX_TRANSFER)
            return WASI_EINVAL;
    }
    if (wl_guest_range(inst, result, 4) == NULL)
        return WASI_EFAULT;
    *total = sum;
    return WASI_ESUCCESS;
}

/* The buffer of iovec i, or NULL when it has none or lies outside the
 * memory.  Read again at each use: bytes that fd_read stored through an
 * earlier iovec may have rewritten this one after wl_check_transfer() saw it. */
uint8_t *wl_iovec_buf(mote_instance *inst, uint32_t iovs, uint32_t i, uint32_t *len)
{
    const uint8_t *vec =
        wl_guest_range(inst, iovs + (uint64_t)i * WASI_IOVEC_SIZE, WASI_IOVEC_SIZE);
    *len = wl_load_u32(vec + 4);
    return *len > 0 ? wl_guest_range(inst, wl_load_u32(vec), *len) : NULL;
}

/* fd_write(fd, iovs, iovs_len, nwritten_ptr) -> errno */
mote_status wl_wasi_fd_write(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = user;
    uint32_t fd = io[0].u32, iovs = io[1].u32, count = io[2].u32, result = io[3].u32;
    if (fd >= 3)
        return wl_file_write(ctx, inst, io);
    if (fd == 0 || !wl_fd_is_open(ctx, fd))
        return wl_wasi_return(io, WASI_EBADF);
    uint64_t total;
    uint16_t err = wl_check_transfer(inst, iovs, count, result, &total);
    if (err != WASI_ESUCCESS)
        return wl_wasi_return(io, err);
    for (uint32_t i = 0; i < count; i++) {
        uint32_t len;
        const uint8_t *buf = wl_iovec_buf(inst, iovs, i, &len);
        if (buf == NULL)
            continue;
        if (ctx->cfg.write != NULL)
            ctx->cfg.write(fd, buf, len, ctx->cfg.write_user);
        else
            mote_hal_console_write(buf, len);
    }
    wl_guest_put_u32(inst, result, (uint32_t)total);
    return wl_wasi_return(io, WASI_ESUCCESS);
}

/* Fills the iovecs from console input available now; *eof on end of file. */
static uint32_t read_now(mote_wasi *ctx, mote_instance *inst, uint32_t iovs, uint32_t count,
                         bool *eof)
{
    uint32_t got = 0;
    *eof = false;
    for (uint32_t i = 0; i < count && !*eof; i++) {
        uint32_t len;
        uint8_t *buf = wl_iovec_buf(inst, iovs, i, &len);
        if (len == 0)
            continue;
        if (buf == NULL || len > MAX_TRANSFER - got)
            break; /* rewritten by the bytes just read: stop here */
        size_t n = wl_console_read(ctx, buf, len, eof);
        got += (uint32_t)n;
        if (n < len)
            break;
    }
    return got;
}

/* fd_read(fd, iovs, iovs_len, nread_ptr) -> errno.  Blocks until at least
 * one byte (or end of file) is there, unless stdin is non-blocking. */
mote_status wl_wasi_fd_read(mote_instance *inst, mote_value *io, void *user)
{
    mote_wasi *ctx = user;
    uint32_t fd = io[0].u32, iovs = io[1].u32, count = io[2].u32, result = io[3].u32;
    if (fd >= 3)
        return wl_file_read(ctx, inst, io);
    if (fd != 0 || !wl_fd_is_open(ctx, fd))
        return wl_wasi_return(io, WASI_EBADF);
    uint64_t total;
    uint16_t err = wl_check_transfer(inst, iovs, count, result, &total);
    if (err != WASI_ESUCCESS)
        return wl_wasi_return(io, err);
    if (!wl_cap_uart(ctx, 0)) {
        wl_deny(ctx, "console input", NO_NUMBER, " (uart 0 not granted)");
        return wl_wasi_return(io, WASI_ENOTCAPABLE);
    }
    uint32_t got = 0;
    if (total > 0) {
        wl_wait_begin(ctx);
        ctx->wait.console = true;
        for (;;) {
            bool eof;
            got = read_now(ctx, inst, iovs, count, &eof);
            if (got > 0 || eof)
                break;
            if (ctx->fd_flags[0] & WASI_FDFLAG_NONBLOCK) {
                wl_wait_end(ctx);
                return wl_wasi_return(io, WASI_EAGAIN);
            }
            mote_status st = wl_wait_block(ctx);
            if (st != MOTE_OK)
                return st; /* paused: io untouched, called again */
        }
        wl_wait_end(ctx);
    }
    wl_guest_put_u32(inst, result, got);
    return wl_wasi_return(io, WASI_ESUCCESS);
}
