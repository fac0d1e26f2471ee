/*
 * wasi_abi.h -- the numbers and record layouts of wasi_snapshot_preview1
 * that WASI-lite uses: errno values, rights, file types, flags, and byte
 * offsets of the records it reads or writes in guest memory.  Guest
 * records are little-endian and read and written byte by byte (guest.c),
 * so neither the host's byte order nor the guest pointer's alignment
 * matters.  tests/wasi/abi_check.c compares these with wasi-libc's
 * <wasi/api.h>.
 */
#ifndef MOTE_WASI_ABI_H
#define MOTE_WASI_ABI_H

/* errno */
#define WASI_ESUCCESS 0
#define WASI_EAGAIN 6
#define WASI_EBADF 8
#define WASI_EBUSY 10
#define WASI_EDEADLK 16
#define WASI_EFAULT 21
#define WASI_EINVAL 28
#define WASI_EIO 29
#define WASI_EMSGSIZE 35
#define WASI_ENOENT 44
#define WASI_ENOSYS 52
#define WASI_ENOTDIR 54
#define WASI_ENOTSOCK 57
#define WASI_ENOTSUP 58
#define WASI_EOVERFLOW 61
#define WASI_ESPIPE 70
#define WASI_ETIMEDOUT 73
#define WASI_ENOTCAPABLE 76

/* clocks */
#define WASI_CLOCK_REALTIME 0
#define WASI_CLOCK_MONOTONIC 1
#define WASI_CLOCK_PROCESS_CPUTIME 2
#define WASI_CLOCK_THREAD_CPUTIME 3

/* file types, fd flags, rights */
#define WASI_FILETYPE_CHARACTER_DEVICE 2
#define WASI_FDFLAG_APPEND 0x1
#define WASI_FDFLAG_NONBLOCK 0x4
#define WASI_RIGHT_FD_READ (1ull << 1)
#define WASI_RIGHT_FD_WRITE (1ull << 6)
#define WASI_RIGHT_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define WASI_RIGHT_FD_FILESTAT_GET (1ull << 21)
#define WASI_RIGHT_POLL_FD_READWRITE (1ull << 27)

/* iovec / ciovec: { u32 buf; u32 buf_len } */
#define WASI_IOVEC_SIZE 8

/* fdstat: u8 filetype @0, u16 flags @2, u64 rights_base @8, u64 inheriting @16 */
#define WASI_FDSTAT_SIZE 24
#define WASI_FDSTAT_FILETYPE 0
#define WASI_FDSTAT_FLAGS 2
#define WASI_FDSTAT_RIGHTS_BASE 8
#define WASI_FDSTAT_RIGHTS_INHERITING 16

/* filestat: dev, ino (u64), filetype u8 @16, nlink, size, atim, mtim, ctim (u64) */
#define WASI_FILESTAT_SIZE 64
#define WASI_FILESTAT_FILETYPE 16

/* whence */
#define WASI_WHENCE_END 2

/* poll_oneoff subscription (48 bytes): u64 userdata @0, u8 tag @8, then
 * clock { u32 id @16, u64 timeout @24, u64 precision @32, u16 flags @40 }
 * or fd_readwrite { u32 fd @16 } */
#define WASI_SUBSCRIPTION_SIZE 48
#define WASI_SUB_USERDATA 0
#define WASI_SUB_TAG 8
#define WASI_SUB_CLOCK_ID 16
#define WASI_SUB_CLOCK_TIMEOUT 24
#define WASI_SUB_CLOCK_FLAGS 40
#define WASI_SUB_FD 16
#define WASI_SUBCLOCK_ABSTIME 0x1

/* event (32 bytes): u64 userdata @0, u16 error @8, u8 type @10,
 * fd_readwrite { u64 nbytes @16, u16 flags @24 } */
#define WASI_EVENT_SIZE 32
#define WASI_EVENT_USERDATA 0
#define WASI_EVENT_ERROR 8
#define WASI_EVENT_TYPE 10
#define WASI_EVENT_NBYTES 16
#define WASI_EVENT_FLAGS 24
#define WASI_EVENTTYPE_CLOCK 0
#define WASI_EVENTTYPE_FD_READ 1
#define WASI_EVENTTYPE_FD_WRITE 2
#define WASI_EVENT_HANGUP 0x1

/* The mote device API's event record (sdk/include/mote/device.h):
 * u32 kind @0, u32 source @4, u32 value @8, u32 reserved @12, u64 time_us @16 */
#define MOTE_EVENT_RECORD_SIZE 24

#endif /* MOTE_WASI_ABI_H */
