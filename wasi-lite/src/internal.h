/*
 * internal.h -- what the parts of WASI-lite share: guest memory access,
 * the event queue, timers, waiting, and the host functions the import
 * catalog lists.  Every external name here starts with wl_, so that the
 * library's internals cannot clash with firmware symbols.
 */
#ifndef MOTE_WASI_INTERNAL_H
#define MOTE_WASI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mote/hal.h>
#include <mote/mote.h>
#include <mote/wasi.h>

#include "wasi_abi.h"

#define NO_DEADLINE UINT64_MAX

/* Event kinds, as in sdk/include/mote/device.h. */
#define MOTE_WASI_EVENT_GPIO 1
#define MOTE_WASI_EVENT_TIMER 2
#define MOTE_WASI_EVENT_UART 3
#define MOTE_WASI_EVENT_OVERFLOW 4
#define MOTE_WASI_EVENT_MESSAGE 5

/* ---- guest memory (guest.c) --------------------------------------------- */

/* All of [offset, offset+len) of the caller's memory, or NULL.  offset and
 * len come straight from the guest: the sum is formed in 64 bits, so it
 * cannot wrap. */
uint8_t *wl_guest_range(mote_instance *inst, uint64_t offset, uint64_t len);

uint16_t wl_load_u16(const uint8_t *p);
uint32_t wl_load_u32(const uint8_t *p);
uint64_t wl_load_u64(const uint8_t *p);
void wl_store_u16(uint8_t *p, uint16_t v);
void wl_store_u32(uint8_t *p, uint32_t v);
void wl_store_u64(uint8_t *p, uint64_t v);

/* Writes a u32 / u64 result at guest offset; false if it does not fit. */
bool wl_guest_put_u32(mote_instance *inst, uint32_t offset, uint32_t value);
bool wl_guest_put_u64(mote_instance *inst, uint32_t offset, uint64_t value);

/* Host-function results: WASI errno in io[0]. */
mote_status wl_wasi_return(mote_value *io, uint16_t err);
/* Device-API results: a value >= 0, or -errno. */
mote_status wl_device_return(mote_value *io, int32_t result);

/* ---- transfers (fd_io.c) -------------------------------------------------- */

/* Checks an iovec array (each buffer in memory, total under 2^31) and the
 * 4-byte result pointer; sets *total.  A WASI errno. */
uint16_t wl_check_transfer(mote_instance *inst, uint32_t iovs, uint32_t count, uint32_t result,
                           uint64_t *total);
/* iovec i's buffer (NULL when empty or out of memory), read afresh. */
uint8_t *wl_iovec_buf(mote_instance *inst, uint32_t iovs, uint32_t i, uint32_t *len);

/* ---- fds (fd_meta.c) ----------------------------------------------------- */

/* True if fd is a console fd (0, 1, 2) the app has not closed. */
bool wl_fd_is_open(const mote_wasi *ctx, uint32_t fd);

/* ---- files (files.c, path.c, file_calls.c, path_calls.c) ------------------ */

/* Rights a file and a directory can have. */
#define WL_FILE_RIGHTS                                                          \
    (WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_READ | WASI_RIGHT_FD_SEEK |         \
     WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_SYNC | WASI_RIGHT_FD_TELL | \
     WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ADVISE | WASI_RIGHT_FD_ALLOCATE |      \
     WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_FD_FILESTAT_SET_SIZE | WASI_RIGHT_POLL_FD_READWRITE)
#define WL_DIR_RIGHTS                                                                        \
    (WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_SYNC | WASI_RIGHT_FD_DATASYNC |          \
     WASI_RIGHT_PATH_CREATE_DIRECTORY | WASI_RIGHT_PATH_CREATE_FILE | WASI_RIGHT_PATH_OPEN | \
     WASI_RIGHT_FD_READDIR | WASI_RIGHT_PATH_RENAME_SOURCE | WASI_RIGHT_PATH_RENAME_TARGET | \
     WASI_RIGHT_PATH_FILESTAT_GET | WASI_RIGHT_PATH_FILESTAT_SET_SIZE |                      \
     WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_PATH_REMOVE_DIRECTORY | WASI_RIGHT_PATH_UNLINK_FILE)

/* Opens the preopens as fds 3, 4, ...; false if one cannot be. */
bool wl_files_init(mote_wasi *ctx);
/* Closes every open file and directory. */
void wl_files_close_all(mote_wasi *ctx);
/* The file or directory fd refers to, or NULL (closed, or a console fd).
 * A build without files (MOTE_WASI_FILES=0) never has one open: every
 * call then answers as a system with no file open, and the branches that
 * serve files fold away. */
#ifndef MOTE_WASI_FILES
#define MOTE_WASI_FILES 1
#endif
#if MOTE_WASI_FILES
mote_wasi_fd *wl_file(mote_wasi *ctx, uint32_t fd);
#else
static inline mote_wasi_fd *wl_file(mote_wasi *ctx, uint32_t fd)
{
    (void)ctx;
    (void)fd;
    return NULL;
}
#endif
/* The back end of an open fd. */
const mote_wasi_preopen *wl_backend(const mote_wasi *ctx, const mote_wasi_fd *f);
/* A free fd table slot, numbered as the lowest free fd; NULL if none
 * (*fd gets the number). */
mote_wasi_fd *wl_file_new(mote_wasi *ctx, uint32_t *fd);
/* Releases fd's slot (the node must be closed already). */
void wl_file_free(mote_wasi *ctx, uint32_t fd);
/* ENOTCAPABLE unless f has every right in `need`; EBADF for no f.  (Inline,
 * so that a build without files sees that every call ends in EBADF.) */
static inline uint16_t wl_file_rights(const mote_wasi_fd *f, uint64_t need)
{
    if (f == NULL)
        return WASI_EBADF;
    return (f->rights & need) == need ? WASI_ESUCCESS : WASI_ENOTCAPABLE;
}
/* The WASI errno for a file system status. */
uint16_t wl_fs_errno(mote_fs_status st);
/* Writes a filestat record. */
void wl_put_filestat(uint8_t *out, const mote_wasi_stat *st);

/* Copies a path from guest memory into out (NUL-terminated): EFAULT out
 * of memory, ENAMETOOLONG over MOTE_WASI_PATH_MAX, EINVAL for an empty
 * path or a NUL inside, ENOTCAPABLE for an absolute one. */
uint16_t wl_path_copy(mote_instance *inst, uint32_t ptr, uint32_t len,
                      char out[MOTE_WASI_PATH_MAX + 1]);
/* Resolves "." and ".." in a relative path, in place: "a/./b/../c" ->
 * "a/c"; ENOTCAPABLE if it climbs above its start.  "" means the start. */
uint16_t wl_path_normalize(char *path);

/* ---- event queue (events.c): push from interrupt context ----------------- */

void wl_events_reset(mote_wasi *ctx);
/* Queues an event, or counts it as lost when the queue is full, and wakes
 * the app (cfg.on_wake).  Not with interrupts locked: see hub.c. */
void wl_events_push(mote_wasi *ctx, uint8_t kind, uint32_t source, uint32_t value);
/* The same without the wake-up, for callers that wake after unlocking. */
void wl_events_put(mote_wasi *ctx, uint8_t kind, uint32_t source, uint32_t value);
/* Takes the next event to deliver (queued, overflow report, UART
 * readiness) into *out; false if there is none.  Main thread. */
bool wl_events_take(mote_wasi *ctx, mote_wasi_queued *out);
/* True if wl_events_take() would find something.  Call with interrupts locked. */
bool wl_events_ready(mote_wasi *ctx);
/* Drops queued events of one kind and source (a stopped timer's). */
void wl_events_purge(mote_wasi *ctx, uint8_t kind, uint32_t source);
/* True if something could still produce an event: a running timer, a
 * watched pin, the UART watch. */
bool wl_events_have_source(const mote_wasi *ctx);

/* ---- timers (timers.c) --------------------------------------------------- */

void wl_timers_reset(mote_wasi *ctx);
void wl_timers_start(mote_wasi *ctx, uint32_t id, uint64_t delay_us, uint64_t period_us);
void wl_timers_stop(mote_wasi *ctx, uint32_t id);
bool wl_timers_any_active(const mote_wasi *ctx);
/* Re-arms the HAL alarm for the earliest timer or ctx->wake_us.  Call
 * with interrupts locked. */
void wl_timers_rearm(mote_wasi *ctx);
/* Queues the events of every timer due at now and serves wake_us if due;
 * true if anything happened the app should be woken for.  Locked. */
bool wl_timers_expire(mote_wasi *ctx, uint64_t now);
/* The earliest time ctx wants the alarm: timers and wake_us. */
uint64_t wl_timers_due(const mote_wasi *ctx);

/* ---- the hub and the alarm (hub.c) ---------------------------------------- */
/* Several apps on one board (MOTE_WASI_APPS): the hub, which shares the
 * alarm among contexts, and the messages between apps.  A build without
 * them refuses a configuration that names a hub, a mailbox or peers
 * (mote_wasi_init: MOTE_ERR_UNSUPPORTED), so these read as NULL and 0
 * there: msg_* answer as to an app granted no mailbox and no peers, and
 * the code that serves hubs and mailboxes folds away. */
#ifndef MOTE_WASI_APPS
#define MOTE_WASI_APPS 1
#endif
static inline mote_wasi_hub *wl_hub(const mote_wasi *ctx)
{
    return MOTE_WASI_APPS ? ctx->cfg.hub : NULL;
}
static inline mote_wasi_mailbox *wl_mailbox(const mote_wasi *ctx)
{
    return MOTE_WASI_APPS ? ctx->cfg.mailbox : NULL;
}
static inline uint32_t wl_send_to_count(const mote_wasi *ctx)
{
    return MOTE_WASI_APPS ? ctx->cfg.send_to_count : 0;
}

void wl_hub_join(mote_wasi *ctx);
/* Takes ctx off the hub's list if it is on it (only reads ctx then). */
void wl_hub_forget(mote_wasi_hub *hub, mote_wasi *ctx);
void wl_hub_leave(mote_wasi *ctx);
/* The member whose app is named name[0..len), or NULL.  Locked. */
mote_wasi *wl_hub_find(mote_wasi_hub *hub, const uint8_t *name, size_t len);
/* Arms the HAL alarm for ctx (alone, or through its hub).  Locked. */
void wl_alarm_rearm(mote_wasi *ctx);
void wl_alarm_rearm_hub(mote_wasi_hub *hub);
/* Calls cfg.on_wake, if set. */
void wl_wake(mote_wasi *ctx);

/* ---- capabilities (caps.c) ----------------------------------------------- */

/* May the app use pin (drive: as an output)? */
bool wl_cap_pin(const mote_wasi *ctx, uint32_t pin, bool drive);
/* May the app use UART n (0: console input)? */
bool wl_cap_uart(const mote_wasi *ctx, uint32_t uart);
/* Counts and reports a refused call: what, then number unless NO_NUMBER,
 * then detail unless NULL ("gpio pin " 3 " (not granted)"). */
#define NO_NUMBER (-1)
void wl_deny(mote_wasi *ctx, const char *what, int64_t number, const char *detail);
/* A HAL status as a device-API result: 0 or -errno. */
int32_t wl_hal_errno(mote_hal_status st);

/* ---- messages (msg.c) ---------------------------------------------------- */

/* Messages waiting in ctx's mailbox (0 without one). */
uint32_t wl_msg_pending(const mote_wasi *ctx);

/* ---- waiting (wait.c) ---------------------------------------------------- */

/*
 * Starts a wait, or finds the one already in progress when a cooperative
 * call is resumed: ctx->wait keeps the time the call first came, so that
 * relative timeouts do not restart.  Returns the wait's start time.
 */
uint64_t wl_wait_begin(mote_wasi *ctx);

/* Ends the wait in progress. */
void wl_wait_end(mote_wasi *ctx);

/*
 * Blocks until ctx->wait's condition holds or its deadline passes
 * (sleeping the CPU), or in cooperative mode returns MOTE_PAUSED at once
 * when the condition does not hold yet.  Returns MOTE_OK when the caller
 * should look again.
 */
mote_status wl_wait_block(mote_wasi *ctx);

/* One look-then-sleep step that always sleeps, cooperative or not (for
 * the firmware-side loops); true if the wait's condition held. */
bool wl_wait_sleep(mote_wasi *ctx);

/* True when the current wait's condition holds.  Interrupts locked. */
bool wl_wait_ready(mote_wasi *ctx);

/* ---- console input (console.c) ------------------------------------------ */

/* True if a read of stdin would not block: input pending or EOF. */
bool wl_console_input_ready(mote_wasi *ctx);

/* Reads up to max bytes without waiting; *eof set when an EOF byte ended
 * the input.  Applies eof_byte and input_cr_to_nl. */
size_t wl_console_read(mote_wasi *ctx, uint8_t *buf, size_t max, bool *eof);

/* ---- clocks (clock.c) ---------------------------------------------------- */

/* Monotonic µs for a WASI clock's absolute timestamp in ns; false (with
 * *err set) for a clock WASI-lite cannot time (realtime: while the board
 * does not know the time). */
bool wl_clock_deadline_us(uint32_t clock, uint64_t timestamp_ns, uint64_t *deadline_us,
                          uint16_t *err);

/* µs rounded up from ns, saturating. */
uint64_t wl_ns_to_us_up(uint64_t ns);
uint64_t wl_add_saturating(uint64_t a, uint64_t b);

/* ---- random (random.c) --------------------------------------------------- */

void wl_random_seed(mote_wasi *ctx);

/* ---- host functions ------------------------------------------------------ */

#define HOST_FN(name) mote_status name(mote_instance *inst, mote_value *io, void *user)

/* wasi_snapshot_preview1 */
HOST_FN(wl_wasi_args_get);
HOST_FN(wl_wasi_args_sizes_get);
HOST_FN(wl_wasi_environ_get);
HOST_FN(wl_wasi_environ_sizes_get);
HOST_FN(wl_wasi_clock_res_get);
HOST_FN(wl_wasi_clock_time_get);
HOST_FN(wl_wasi_fd_close);
HOST_FN(wl_wasi_fd_fdstat_get);
HOST_FN(wl_wasi_fd_fdstat_set_flags);
HOST_FN(wl_wasi_fd_filestat_get);
HOST_FN(wl_wasi_fd_prestat_get);
HOST_FN(wl_wasi_fd_prestat_dir_name);
HOST_FN(wl_wasi_fd_read);
HOST_FN(wl_wasi_fd_seek);
HOST_FN(wl_wasi_fd_sync);
HOST_FN(wl_wasi_fd_tell);
HOST_FN(wl_wasi_fd_write);
HOST_FN(wl_wasi_poll_oneoff);
HOST_FN(wl_wasi_proc_exit);
HOST_FN(wl_wasi_sched_yield);
HOST_FN(wl_wasi_random_get);
/* files (file_calls.c, path_calls.c) */
HOST_FN(wl_wasi_fd_pread);
HOST_FN(wl_wasi_fd_pwrite);
HOST_FN(wl_wasi_fd_readdir);
HOST_FN(wl_wasi_fd_renumber);
HOST_FN(wl_wasi_fd_filestat_set_size);
HOST_FN(wl_wasi_fd_allocate);
HOST_FN(wl_wasi_fd_advise);
HOST_FN(wl_wasi_fd_fdstat_set_rights);
HOST_FN(wl_wasi_fd_filestat_set_times);
HOST_FN(wl_wasi_path_open);
HOST_FN(wl_wasi_path_create_directory);
HOST_FN(wl_wasi_path_remove_directory);
HOST_FN(wl_wasi_path_unlink_file);
HOST_FN(wl_wasi_path_rename);
HOST_FN(wl_wasi_path_filestat_get);
HOST_FN(wl_wasi_path_filestat_set_times);
HOST_FN(wl_wasi_path_link);
HOST_FN(wl_wasi_path_readlink);
/* the file side of the console calls (file_calls.c): fd >= 3 */
mote_status wl_file_write(mote_wasi *ctx, mote_instance *inst, mote_value *io);
mote_status wl_file_read(mote_wasi *ctx, mote_instance *inst, mote_value *io);
uint16_t wl_file_close(mote_wasi *ctx, uint32_t fd);
uint16_t wl_file_fdstat(mote_wasi *ctx, mote_instance *inst, uint32_t fd, uint32_t out);
uint16_t wl_file_set_flags(mote_wasi *ctx, uint32_t fd, uint32_t flags);
uint16_t wl_file_filestat(mote_wasi *ctx, mote_instance *inst, uint32_t fd, uint32_t out);
uint16_t wl_file_seek(mote_wasi *ctx, mote_instance *inst, uint32_t fd, int64_t offset,
                      uint32_t whence, uint32_t out);
uint16_t wl_file_sync(mote_wasi *ctx, uint32_t fd, bool data_only);
uint16_t wl_file_prestat(mote_wasi *ctx, mote_instance *inst, uint32_t fd, uint32_t out);
uint16_t wl_file_prestat_name(mote_wasi *ctx, mote_instance *inst, uint32_t fd, uint32_t out,
                              uint32_t len);
HOST_FN(wl_wasi_fd_datasync);
/* unsupported.c: sockets, symlinks, signals */
HOST_FN(wl_wasi_deny_enotsock);
HOST_FN(wl_wasi_path_symlink);
HOST_FN(wl_wasi_enosys);

/* mote (device API) */
HOST_FN(wl_dev_gpio_configure);
HOST_FN(wl_dev_gpio_write);
HOST_FN(wl_dev_gpio_toggle);
HOST_FN(wl_dev_gpio_read);
HOST_FN(wl_dev_gpio_watch);
HOST_FN(wl_dev_timer_start);
HOST_FN(wl_dev_timer_stop);
HOST_FN(wl_dev_event_wait);
HOST_FN(wl_dev_uart_watch);
HOST_FN(wl_dev_time_us);
HOST_FN(wl_dev_msg_send);
HOST_FN(wl_dev_msg_recv);
HOST_FN(wl_dev_msg_watch);
HOST_FN(wl_dev_uart_open);
HOST_FN(wl_dev_uart_write);
HOST_FN(wl_dev_uart_read);

#endif /* MOTE_WASI_INTERNAL_H */
