/*
 * abi_check.c -- compiled (never run) for wasm32-wasi: the numbers and
 * record offsets WASI-lite hard-codes (wasi-lite/src/wasi_abi.h) must be
 * wasi-libc's, and the device API's guest header must agree with the
 * library's event kinds and record layout.  A mismatch fails the build of
 * this file, i.e. the test.
 */
#include <stddef.h>
#include <wasi/api.h>

#include <mote/device.h>

#include "internal.h"

#define SAME(a, b) _Static_assert((a) == (b), #a " != " #b)

SAME(WASI_EAGAIN, __WASI_ERRNO_AGAIN);
SAME(WASI_EBADF, __WASI_ERRNO_BADF);
SAME(WASI_EBUSY, __WASI_ERRNO_BUSY);
SAME(WASI_EDEADLK, __WASI_ERRNO_DEADLK);
SAME(WASI_EFAULT, __WASI_ERRNO_FAULT);
SAME(WASI_EINVAL, __WASI_ERRNO_INVAL);
SAME(WASI_EIO, __WASI_ERRNO_IO);
SAME(WASI_ENOSYS, __WASI_ERRNO_NOSYS);
SAME(WASI_ENOTDIR, __WASI_ERRNO_NOTDIR);
SAME(WASI_ENOTSOCK, __WASI_ERRNO_NOTSOCK);
SAME(WASI_ENOTSUP, __WASI_ERRNO_NOTSUP);
SAME(WASI_EOVERFLOW, __WASI_ERRNO_OVERFLOW);
SAME(WASI_ESPIPE, __WASI_ERRNO_SPIPE);
SAME(WASI_ENOTCAPABLE, __WASI_ERRNO_NOTCAPABLE);

SAME(WASI_CLOCK_REALTIME, __WASI_CLOCKID_REALTIME);
SAME(WASI_CLOCK_MONOTONIC, __WASI_CLOCKID_MONOTONIC);
SAME(WASI_CLOCK_PROCESS_CPUTIME, __WASI_CLOCKID_PROCESS_CPUTIME_ID);
SAME(WASI_CLOCK_THREAD_CPUTIME, __WASI_CLOCKID_THREAD_CPUTIME_ID);

SAME(WASI_FILETYPE_CHARACTER_DEVICE, __WASI_FILETYPE_CHARACTER_DEVICE);
SAME(WASI_FDFLAG_APPEND, __WASI_FDFLAGS_APPEND);
SAME(WASI_FDFLAG_NONBLOCK, __WASI_FDFLAGS_NONBLOCK);
SAME(WASI_RIGHT_FD_READ, __WASI_RIGHTS_FD_READ);
SAME(WASI_RIGHT_FD_WRITE, __WASI_RIGHTS_FD_WRITE);
SAME(WASI_RIGHT_FD_FDSTAT_SET_FLAGS, __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS);
SAME(WASI_RIGHT_FD_FILESTAT_GET, __WASI_RIGHTS_FD_FILESTAT_GET);
SAME(WASI_RIGHT_POLL_FD_READWRITE, __WASI_RIGHTS_POLL_FD_READWRITE);
SAME(WASI_WHENCE_END, __WASI_WHENCE_END);

SAME(WASI_IOVEC_SIZE, sizeof(__wasi_ciovec_t));
SAME(WASI_FDSTAT_SIZE, sizeof(__wasi_fdstat_t));
SAME(WASI_FDSTAT_FILETYPE, offsetof(__wasi_fdstat_t, fs_filetype));
SAME(WASI_FDSTAT_FLAGS, offsetof(__wasi_fdstat_t, fs_flags));
SAME(WASI_FDSTAT_RIGHTS_BASE, offsetof(__wasi_fdstat_t, fs_rights_base));
SAME(WASI_FDSTAT_RIGHTS_INHERITING, offsetof(__wasi_fdstat_t, fs_rights_inheriting));
SAME(WASI_FILESTAT_SIZE, sizeof(__wasi_filestat_t));
SAME(WASI_FILESTAT_FILETYPE, offsetof(__wasi_filestat_t, filetype));

SAME(WASI_SUBSCRIPTION_SIZE, sizeof(__wasi_subscription_t));
SAME(WASI_SUB_USERDATA, offsetof(__wasi_subscription_t, userdata));
SAME(WASI_SUB_TAG, offsetof(__wasi_subscription_t, u.tag));
SAME(WASI_SUB_CLOCK_ID, offsetof(__wasi_subscription_t, u.u.clock.id));
SAME(WASI_SUB_CLOCK_TIMEOUT, offsetof(__wasi_subscription_t, u.u.clock.timeout));
SAME(WASI_SUB_CLOCK_FLAGS, offsetof(__wasi_subscription_t, u.u.clock.flags));
SAME(WASI_SUB_FD, offsetof(__wasi_subscription_t, u.u.fd_read.file_descriptor));
SAME(WASI_SUBCLOCK_ABSTIME, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
SAME(WASI_EVENT_SIZE, sizeof(__wasi_event_t));
SAME(WASI_EVENT_USERDATA, offsetof(__wasi_event_t, userdata));
SAME(WASI_EVENT_ERROR, offsetof(__wasi_event_t, error));
SAME(WASI_EVENT_TYPE, offsetof(__wasi_event_t, type));
SAME(WASI_EVENT_NBYTES, offsetof(__wasi_event_t, fd_readwrite.nbytes));
SAME(WASI_EVENT_FLAGS, offsetof(__wasi_event_t, fd_readwrite.flags));
SAME(WASI_EVENTTYPE_CLOCK, __WASI_EVENTTYPE_CLOCK);
SAME(WASI_EVENTTYPE_FD_READ, __WASI_EVENTTYPE_FD_READ);
SAME(WASI_EVENTTYPE_FD_WRITE, __WASI_EVENTTYPE_FD_WRITE);
SAME(WASI_EVENT_HANGUP, __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP);

/* the device API: guest header vs library */
SAME(MOTE_EVENT_RECORD_SIZE, sizeof(mote_event));
SAME(offsetof(mote_event, kind), 0);
SAME(offsetof(mote_event, source), 4);
SAME(offsetof(mote_event, value), 8);
SAME(offsetof(mote_event, time_us), 16);
SAME(MOTE_EVENT_GPIO, MOTE_WASI_EVENT_GPIO);
SAME(MOTE_EVENT_TIMER, MOTE_WASI_EVENT_TIMER);
SAME(MOTE_EVENT_UART, MOTE_WASI_EVENT_UART);
SAME(MOTE_EVENT_OVERFLOW, MOTE_WASI_EVENT_OVERFLOW);
SAME(MOTE_GPIO_INPUT, MOTE_HAL_GPIO_INPUT);
SAME(MOTE_GPIO_INPUT_PULLUP, MOTE_HAL_GPIO_INPUT_PULLUP);
SAME(MOTE_GPIO_OUTPUT, MOTE_HAL_GPIO_OUTPUT);
SAME(MOTE_EDGE_RISING, MOTE_HAL_GPIO_EDGE_RISING);
SAME(MOTE_EDGE_FALLING, MOTE_HAL_GPIO_EDGE_FALLING);
SAME(MOTE_EDGE_BOTH, MOTE_HAL_GPIO_EDGE_BOTH);
