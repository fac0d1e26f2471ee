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
#define WASI_EACCES 2
#define WASI_EAGAIN 6
#define WASI_EBADF 8
#define WASI_EBUSY 10
#define WASI_EDEADLK 16
#define WASI_EDQUOT 19
#define WASI_EEXIST 20
#define WASI_EFAULT 21
#define WASI_EFBIG 22
#define WASI_EILSEQ 25
#define WASI_EINVAL 28
#define WASI_EIO 29
#define WASI_EISDIR 31
#define WASI_ELOOP 32
#define WASI_EMFILE 33
#define WASI_EMSGSIZE 35
#define WASI_ENAMETOOLONG 37
#define WASI_ENOENT 44
#define WASI_ENOMEM 48
#define WASI_ENOSPC 51
#define WASI_ENOSYS 52
#define WASI_ENOTDIR 54
#define WASI_ENOTEMPTY 55
#define WASI_ENOTSOCK 57
#define WASI_ENOTSUP 58
#define WASI_EOVERFLOW 61
#define WASI_EPERM 63
#define WASI_EROFS 69
#define WASI_ESPIPE 70
#define WASI_ETIMEDOUT 73
#define WASI_EXDEV 75
#define WASI_ENOTCAPABLE 76

/* clocks */
#define WASI_CLOCK_REALTIME 0
#define WASI_CLOCK_MONOTONIC 1
#define WASI_CLOCK_PROCESS_CPUTIME 2
#define WASI_CLOCK_THREAD_CPUTIME 3

/* file types, fd flags, rights */
#define WASI_FILETYPE_UNKNOWN 0
#define WASI_FILETYPE_CHARACTER_DEVICE 2
#define WASI_FILETYPE_DIRECTORY 3
#define WASI_FILETYPE_REGULAR_FILE 4
#define WASI_FILETYPE_SYMBOLIC_LINK 7
#define WASI_FDFLAG_APPEND 0x1
#define WASI_FDFLAG_DSYNC 0x2
#define WASI_FDFLAG_NONBLOCK 0x4
#define WASI_FDFLAG_RSYNC 0x8
#define WASI_FDFLAG_SYNC 0x10
#define WASI_RIGHT_FD_DATASYNC (1ull << 0)
#define WASI_RIGHT_FD_READ (1ull << 1)
#define WASI_RIGHT_FD_SEEK (1ull << 2)
#define WASI_RIGHT_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define WASI_RIGHT_FD_SYNC (1ull << 4)
#define WASI_RIGHT_FD_TELL (1ull << 5)
#define WASI_RIGHT_FD_WRITE (1ull << 6)
#define WASI_RIGHT_FD_ADVISE (1ull << 7)
#define WASI_RIGHT_FD_ALLOCATE (1ull << 8)
#define WASI_RIGHT_PATH_CREATE_DIRECTORY (1ull << 9)
#define WASI_RIGHT_PATH_CREATE_FILE (1ull << 10)
#define WASI_RIGHT_PATH_OPEN (1ull << 13)
#define WASI_RIGHT_FD_READDIR (1ull << 14)
#define WASI_RIGHT_PATH_RENAME_SOURCE (1ull << 16)
#define WASI_RIGHT_PATH_RENAME_TARGET (1ull << 17)
#define WASI_RIGHT_PATH_FILESTAT_GET (1ull << 18)
#define WASI_RIGHT_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define WASI_RIGHT_FD_FILESTAT_GET (1ull << 21)
#define WASI_RIGHT_FD_FILESTAT_SET_SIZE (1ull << 22)
#define WASI_RIGHT_PATH_REMOVE_DIRECTORY (1ull << 25)
#define WASI_RIGHT_PATH_UNLINK_FILE (1ull << 26)
#define WASI_RIGHT_POLL_FD_READWRITE (1ull << 27)

/* oflags, lookupflags */
#define WASI_O_CREAT 0x1
#define WASI_O_DIRECTORY 0x2
#define WASI_O_EXCL 0x4
#define WASI_O_TRUNC 0x8
#define WASI_LOOKUP_SYMLINK_FOLLOW 0x1

/* prestat (8 bytes): u8 tag @0 (0: a directory), u32 name length @4 */
#define WASI_PRESTAT_SIZE 8
#define WASI_PRESTAT_NAME_LEN 4
#define WASI_PREOPENTYPE_DIR 0

/* dirent (24 bytes, then the name): u64 d_next @0, u64 d_ino @8,
 * u32 d_namlen @16, u8 d_type @20 */
#define WASI_DIRENT_SIZE 24
#define WASI_DIRENT_NEXT 0
#define WASI_DIRENT_INO 8
#define WASI_DIRENT_NAMLEN 16
#define WASI_DIRENT_TYPE 20

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
#define WASI_FILESTAT_DEV 0
#define WASI_FILESTAT_INO 8
#define WASI_FILESTAT_FILETYPE 16
#define WASI_FILESTAT_NLINK 24
#define WASI_FILESTAT_FILESIZE 32
#define WASI_FILESTAT_ATIM 40
#define WASI_FILESTAT_MTIM 48
#define WASI_FILESTAT_CTIM 56

/* whence */
#define WASI_WHENCE_SET 0
#define WASI_WHENCE_CUR 1
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
