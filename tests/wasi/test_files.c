/*
 * test_files.c -- WASI-lite's file calls, called the way a hostile or
 * buggy app would, on both back ends at once: preopen fd 3 is the flash
 * file system (on a NOR flash in RAM), fd 4 a real host directory.
 *
 * For each back end: pointers and lengths past the end of memory or
 * wrapping 32 bits (EFAULT, and nothing written anywhere: fx_intact),
 * paths that try to leave the preopen (absolute, "..", "a/../../x", long,
 * with a NUL), bad fds, missing rights, bad flags; then everything done
 * right: creating, writing, reading, seeking, sizing, stat, directories,
 * readdir with buffers too small, rename, unlink, renumber, close.  On the
 * host directory also symbolic links that point out (relative, absolute,
 * through "..", a loop, one swapped in for a directory), which must fail
 * with ENOTCAPABLE / ELOOP and leave the outside untouched, while links
 * that stay inside work.  Last the flash back end's quota.
 *
 * usage: test_files forward.wasm
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mote/wasi_hostdir.h>

#include "mote_check.h"
#include "fixture.h"
#include "wasi_abi.h"

MOTE_CHECK_DEFINE;

#define M 65536u
#define FLASH_FD 3u
#define HOST_FD 4u
#define RESULT 300u /* a result slot */
#define PATH 1000u  /* where paths are put */
#define DATA 2000u  /* data buffers */
#define IOV 200u    /* iovecs */

static fixture fx;

/* ---- a NOR flash in RAM for the flash back end -------------------------------------------- */

#define NOR_SIZE (64 * 1024)
static uint8_t nor[NOR_SIZE];

static int nor_read(void *ctx, uint32_t off, void *buf, uint32_t len)
{
    (void)ctx;
    memcpy(buf, nor + off, len);
    return 0;
}

static int nor_erase(void *ctx, uint32_t off)
{
    (void)ctx;
    memset(nor + off, 0xFF, 1024);
    return 0;
}

static int nor_program(void *ctx, uint32_t off, const void *buf, uint32_t len)
{
    (void)ctx;
    for (uint32_t i = 0; i < len; i++)
        nor[off + i] &= ((const uint8_t *)buf)[i];
    return 0;
}

static const mote_fs_flash flash = {.size = NOR_SIZE,
                                    .sector_size = 1024,
                                    .write_size = 4,
                                    .read = nor_read,
                                    .erase = nor_erase,
                                    .program = nor_program};
static mote_fs fs;
static uint8_t fs_ram[1024];
static mote_wasi_flash flash_be;
static mote_wasi_hostdir host_be;
static char host_dir[256], outside[256];
static mote_wasi_fd fds[10];

/* ---- helpers ----------------------------------------------------------------------------------
 */

static void put32(uint32_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        fx.mem[at + i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(uint32_t at)
{
    return (uint32_t)fx.mem[at] | (uint32_t)fx.mem[at + 1] << 8 | (uint32_t)fx.mem[at + 2] << 16 |
           (uint32_t)fx.mem[at + 3] << 24;
}

static uint64_t get64(uint32_t at)
{
    return get32(at) | (uint64_t)get32(at + 4) << 32;
}

/* A string at PATH; its length. */
static uint32_t path(const char *s)
{
    size_t n = strlen(s);
    memcpy(fx.mem + PATH, s, n);
    return (uint32_t)n;
}

/* Calls an export with values (i32 or i64 as the import takes them). */
static int32_t callv(const char *name, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    fx_snapshot(&fx);
    int32_t r = fx_call_va(&fx, name, n, ap, NULL);
    va_end(ap);
    return r;
}
#define CALL(name, ...) callv(name, COUNT_ARGS(__VA_ARGS__), __VA_ARGS__)
#define COUNT_ARGS(...) COUNT_(__VA_ARGS__, 9, 8, 7, 6, 5, 4, 3, 2, 1)
#define COUNT_(a, b, c, d, e, f, g, h, i, n, ...) n
#define U(x) ((uint64_t)(x))

#define REJECTED(result, err)        \
    do {                             \
        CHECK_EQ((result), (err));   \
        CHECK(fx_intact(&fx, 0, 0)); \
    } while (0)

static const uint64_t FILE_RIGHTS_ALL =
    WASI_RIGHT_FD_READ | WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL |
    WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_FD_FILESTAT_SET_SIZE | WASI_RIGHT_FD_SYNC |
    WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_ADVISE |
    WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_READDIR;

/* path_open below dir (following a last link); the new fd in *fd. */
static int32_t open_at(uint32_t dir, const char *p, uint32_t oflags, uint64_t rights,
                       uint32_t fdflags, uint32_t *fd)
{
    uint32_t n = path(p);
    int32_t r = CALL("path_open", U(dir), U(1), U(PATH), U(n), U(oflags), rights, U(0), U(fdflags),
                     U(RESULT));
    *fd = r == 0 ? get32(RESULT) : 0;
    return r;
}

static int32_t stat_at(uint32_t dir, const char *p, uint32_t out)
{
    uint32_t n = path(p);
    return CALL("path_filestat_get", U(dir), U(0), U(PATH), U(n), U(out));
}

/* Writes bytes at DATA through fd; the count written. */
static uint32_t write_fd(uint32_t fd, const char *s)
{
    size_t n = strlen(s);
    memcpy(fx.mem + DATA, s, n);
    put32(IOV, DATA);
    put32(IOV + 4, (uint32_t)n);
    CHECK_EQ(CALL("fd_write", U(fd), U(IOV), U(1), U(RESULT)), 0);
    return get32(RESULT);
}

static uint32_t read_fd(uint32_t fd, uint32_t max)
{
    put32(IOV, DATA + 4000);
    put32(IOV + 4, max);
    CHECK_EQ(CALL("fd_read", U(fd), U(IOV), U(1), U(RESULT)), 0);
    return get32(RESULT);
}

/* ---- the battery, on one preopen ------------------------------------------------------------ */

static void test_prestat(uint32_t dir, const char *name)
{
    CHECK_EQ(CALL("fd_prestat_get", U(dir), U(RESULT)), 0);
    CHECK_EQ(fx.mem[RESULT], 0);
    CHECK_EQ(get32(RESULT + 4), strlen(name));
    CHECK_EQ(CALL("fd_prestat_dir_name", U(dir), U(DATA), U(strlen(name))), 0);
    CHECK(memcmp(fx.mem + DATA, name, strlen(name)) == 0);
    REJECTED(CALL("fd_prestat_dir_name", U(dir), U(DATA), U(1)), WASI_ENAMETOOLONG);
    REJECTED(CALL("fd_prestat_dir_name", U(dir), U(M - 2), U(100)), WASI_EFAULT);
    REJECTED(CALL("fd_prestat_get", U(dir), U(M - 7)), WASI_EFAULT);
    REJECTED(CALL("fd_prestat_get", U(1), U(RESULT)), WASI_EBADF);
    REJECTED(CALL("fd_prestat_get", U(31), U(RESULT)), WASI_EBADF);
}

static void test_hostile_paths(uint32_t dir)
{
    uint32_t fd;
    uint64_t r = FILE_RIGHTS_ALL;
    /* the path or the result outside memory, or wrapping */
    REJECTED(
        CALL("path_open", U(dir), U(0), U(M - 2), U(5), U(WASI_O_CREAT), r, U(0), U(0), U(RESULT)),
        WASI_EFAULT);
    REJECTED(CALL("path_open", U(dir), U(0), U(PATH), U(0xFFFFFFFF), U(WASI_O_CREAT), r, U(0), U(0),
                  U(RESULT)),
             WASI_EFAULT);
    uint32_t n = path("made");
    REJECTED(
        CALL("path_open", U(dir), U(0), U(PATH), U(n), U(WASI_O_CREAT), r, U(0), U(0), U(M - 3)),
        WASI_EFAULT);
    REJECTED(stat_at(dir, "made", DATA), WASI_ENOENT); /* nothing was made */
    /* paths that leave, or are not paths */
    static const char *const escapes[] = {"/etc/passwd", "..",           "../x", "a/../../x",
                                          "./../x",      "a/b/../../..", "/"};
    for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
        REJECTED(open_at(dir, escapes[i], WASI_O_CREAT, r, 0, &fd), WASI_ENOTCAPABLE);
        REJECTED(stat_at(dir, escapes[i], DATA), WASI_ENOTCAPABLE);
        n = path(escapes[i]);
        REJECTED(CALL("path_create_directory", U(dir), U(PATH), U(n)), WASI_ENOTCAPABLE);
        REJECTED(CALL("path_unlink_file", U(dir), U(PATH), U(n)), WASI_ENOTCAPABLE);
    }
    n = path("x");
    REJECTED(CALL("path_open", U(dir), U(0), U(PATH), U(0), U(0), r, U(0), U(0), U(RESULT)),
             WASI_ENOENT);
    memcpy(fx.mem + PATH, "ok\0no", 5);
    REJECTED(
        CALL("path_open", U(dir), U(0), U(PATH), U(5), U(WASI_O_CREAT), r, U(0), U(0), U(RESULT)),
        WASI_EINVAL);
    memset(fx.mem + PATH, 'x', 300);
    REJECTED(
        CALL("path_open", U(dir), U(0), U(PATH), U(300), U(WASI_O_CREAT), r, U(0), U(0), U(RESULT)),
        WASI_ENAMETOOLONG);
    /* bad fds, flags, rights */
    n = path("x");
    REJECTED(CALL("path_open", U(1), U(0), U(PATH), U(n), U(0), r, U(0), U(0), U(RESULT)),
             WASI_ENOTDIR);
    REJECTED(CALL("path_open", U(17), U(0), U(PATH), U(n), U(0), r, U(0), U(0), U(RESULT)),
             WASI_EBADF);
    REJECTED(CALL("path_open", U(dir), U(0), U(PATH), U(n), U(0x10), r, U(0), U(0), U(RESULT)),
             WASI_EINVAL);
    REJECTED(CALL("path_open", U(dir), U(0), U(PATH), U(n), U(0), r, U(0), U(0x40), U(RESULT)),
             WASI_EINVAL);
    REJECTED(CALL("path_open", U(dir), U(0), U(PATH), U(n), U(WASI_O_DIRECTORY | WASI_O_CREAT), r,
                  U(0), U(0), U(RESULT)),
             WASI_EINVAL);
    REJECTED(CALL("path_open", U(dir), U(0), U(PATH), U(n), U(WASI_O_CREAT), U(1ull << 30), U(0),
                  U(0), U(RESULT)),
             WASI_ENOTCAPABLE);
    REJECTED(CALL("path_create_directory", U(0), U(PATH), U(n)), WASI_ENOTDIR);
    REJECTED(CALL("fd_readdir", U(2), U(DATA), U(100), U(0), U(RESULT)), WASI_ENOTDIR);
}

static void test_file_io(uint32_t dir)
{
    uint32_t fd, rd;
    CHECK_EQ(open_at(dir, "f.txt", WASI_O_CREAT | WASI_O_TRUNC, FILE_RIGHTS_ALL, 0, &fd), 0);
    CHECK(fd > HOST_FD);
    CHECK_EQ(write_fd(fd, "hello, files"), 12);
    /* hostile iovecs: nothing written, nothing changed in the file */
    REJECTED(CALL("fd_write", U(fd), U(M - 4), U(1), U(RESULT)), WASI_EFAULT);
    put32(IOV, M - 2);
    put32(IOV + 4, 5);
    REJECTED(CALL("fd_write", U(fd), U(IOV), U(1), U(RESULT)), WASI_EFAULT);
    REJECTED(CALL("fd_pwrite", U(fd), U(IOV), U(1), U(0), U(RESULT)), WASI_EFAULT);
    REJECTED(CALL("fd_read", U(fd), U(IOV), U(1), U(RESULT)), WASI_EFAULT);
    put32(IOV, DATA);
    put32(IOV + 4, 3);
    REJECTED(CALL("fd_read", U(fd), U(IOV), U(1), U(M - 1)), WASI_EFAULT);
    REJECTED(CALL("fd_seek", U(fd), U(0), U(WASI_WHENCE_SET), U(M - 4)), WASI_EFAULT);
    REJECTED(CALL("fd_seek", U(fd), U(0), U(7), U(RESULT)), WASI_EINVAL);
    REJECTED(CALL("fd_filestat_get", U(fd), U(M - 63)), WASI_EFAULT);
    REJECTED(CALL("fd_fdstat_get", U(fd), U(M - 23)), WASI_EFAULT);
    /* positions */
    CHECK_EQ(CALL("fd_tell", U(fd), U(RESULT)), 0);
    CHECK_EQ(get64(RESULT), 12);
    CHECK_EQ(CALL("fd_seek", U(fd), (uint64_t)(int64_t)-5, U(WASI_WHENCE_END), U(RESULT)), 0);
    CHECK_EQ(get64(RESULT), 7);
    CHECK_EQ(read_fd(fd, 100), 5);
    CHECK(memcmp(fx.mem + DATA + 4000, "files", 5) == 0);
    CHECK_EQ(CALL("fd_seek", U(fd), (uint64_t)(int64_t)-100, U(WASI_WHENCE_CUR), U(RESULT)),
             WASI_EINVAL);
    /* positioned */
    memcpy(fx.mem + DATA, "HE", 2);
    put32(IOV, DATA);
    put32(IOV + 4, 2);
    CHECK_EQ(CALL("fd_pwrite", U(fd), U(IOV), U(1), U(0), U(RESULT)), 0);
    put32(IOV, DATA + 100);
    put32(IOV + 4, 4);
    CHECK_EQ(CALL("fd_pread", U(fd), U(IOV), U(1), U(0), U(RESULT)), 0);
    CHECK(get32(RESULT) == 4 && memcmp(fx.mem + DATA + 100, "HEll", 4) == 0);
    CHECK_EQ(CALL("fd_pread", U(fd), U(IOV), U(1), U(1ull << 40), U(RESULT)), 0);
    CHECK_EQ(get32(RESULT), 0);
    /* stat, size, allocate, sync */
    CHECK_EQ(CALL("fd_filestat_get", U(fd), U(DATA)), 0);
    CHECK(fx.mem[DATA + WASI_FILESTAT_FILETYPE] == WASI_FILETYPE_REGULAR_FILE &&
          get64(DATA + WASI_FILESTAT_FILESIZE) == 12);
    CHECK_EQ(CALL("fd_filestat_set_size", U(fd), U(5)), 0);
    CHECK_EQ(CALL("fd_allocate", U(fd), U(10), U(20)), 0);
    CHECK_EQ(CALL("fd_filestat_get", U(fd), U(DATA)), 0);
    CHECK_EQ(get64(DATA + WASI_FILESTAT_FILESIZE), 30);
    CHECK_EQ(CALL("fd_allocate", U(fd), U(~0ull), U(2)), WASI_EINVAL);
    CHECK_EQ(CALL("fd_sync", U(fd)), 0);
    CHECK_EQ(CALL("fd_datasync", U(fd)), 0);
    CHECK_EQ(CALL("fd_advise", U(fd), U(0), U(10), U(2)), 0);
    CHECK_EQ(CALL("fd_advise", U(fd), U(0), U(10), U(9)), WASI_EINVAL);
    /* append mode: every write at the end */
    CHECK_EQ(CALL("fd_fdstat_set_flags", U(fd), U(WASI_FDFLAG_APPEND)), 0);
    CHECK_EQ(CALL("fd_seek", U(fd), U(0), U(WASI_WHENCE_SET), U(RESULT)), 0);
    CHECK_EQ(write_fd(fd, "!"), 1);
    CHECK_EQ(CALL("fd_fdstat_get", U(fd), U(DATA)), 0);
    CHECK(fx.mem[DATA] == WASI_FILETYPE_REGULAR_FILE && fx.mem[DATA + 2] == WASI_FDFLAG_APPEND);
    CHECK_EQ(CALL("fd_fdstat_set_flags", U(fd), U(0x40)), WASI_EINVAL);
    CHECK_EQ(CALL("fd_filestat_get", U(fd), U(DATA)), 0);
    CHECK_EQ(get64(DATA + WASI_FILESTAT_FILESIZE), 31);
    /* a directory fd has no rights to file data */
    REJECTED(CALL("fd_write", U(dir), U(IOV), U(1), U(RESULT)), WASI_ENOTCAPABLE);
    REJECTED(CALL("fd_seek", U(dir), U(0), U(0), U(RESULT)), WASI_ENOTCAPABLE);
    /* rights: read-only, then dropping more */
    CHECK_EQ(open_at(dir, "f.txt", 0, WASI_RIGHT_FD_READ | WASI_RIGHT_FD_FILESTAT_GET, 0, &rd), 0);
    put32(IOV, DATA);
    put32(IOV + 4, 1);
    REJECTED(CALL("fd_write", U(rd), U(IOV), U(1), U(RESULT)), WASI_ENOTCAPABLE);
    REJECTED(CALL("fd_filestat_set_size", U(rd), U(0)), WASI_ENOTCAPABLE);
    REJECTED(CALL("fd_seek", U(rd), U(1), U(0), U(RESULT)), WASI_ENOTCAPABLE);
    CHECK_EQ(read_fd(rd, 2), 2);
    CHECK_EQ(CALL("fd_fdstat_set_rights", U(rd), U(WASI_RIGHT_FD_FILESTAT_GET), U(0)), 0);
    REJECTED(CALL("fd_read", U(rd), U(IOV), U(1), U(RESULT)), WASI_ENOTCAPABLE);
    REJECTED(CALL("fd_fdstat_set_rights", U(rd), U(WASI_RIGHT_FD_READ), U(0)), WASI_ENOTCAPABLE);
    /* renumber: onto a free number, onto an open one, out of range, consoles */
    CHECK_EQ(CALL("fd_renumber", U(rd), U(20)), 0);
    REJECTED(CALL("fd_read", U(rd), U(IOV), U(1), U(RESULT)), WASI_EBADF);
    CHECK_EQ(CALL("fd_filestat_get", U(20), U(DATA)), 0);
    CHECK_EQ(CALL("fd_renumber", U(20), U(fd)), 0); /* closes the writer */
    CHECK_EQ(CALL("fd_filestat_get", U(fd), U(DATA)), 0);
    REJECTED(CALL("fd_renumber", U(fd), U(200)), WASI_EBADF);
    REJECTED(CALL("fd_renumber", U(fd), U(1)), WASI_ENOTSUP);
    REJECTED(CALL("fd_renumber", U(1), U(fd)), WASI_ENOTSUP);
    CHECK_EQ(CALL("fd_close", U(fd)), 0);
    REJECTED(CALL("fd_close", U(fd)), WASI_EBADF);
    /* the contents survived all that */
    CHECK_EQ(open_at(dir, "f.txt", 0, WASI_RIGHT_FD_READ, 0, &fd), 0);
    CHECK_EQ(read_fd(fd, 100), 31);
    CHECK(memcmp(fx.mem + DATA + 4000, "HEllo", 5) == 0 && fx.mem[DATA + 4000 + 30] == '!');
    CHECK_EQ(CALL("fd_close", U(fd)), 0);
}

/* Reads a directory with a buffer of cap bytes, following cookies; the
 * names joined with ' ' (without . and ..), sorted as the entries came. */
static void names(uint32_t dirfd, uint32_t cap, char *out, size_t outcap)
{
    uint64_t cookie = 0;
    out[0] = '\0';
    for (int rounds = 0; rounds < 100; rounds++) {
        CHECK_EQ(CALL("fd_readdir", U(dirfd), U(DATA), U(cap), cookie, U(RESULT)), 0);
        uint32_t used = get32(RESULT), at = 0;
        bool progress = false;
        while (at + WASI_DIRENT_SIZE <= used) {
            uint32_t len = get32(DATA + at + WASI_DIRENT_NAMLEN);
            if (at + WASI_DIRENT_SIZE + len > used)
                break; /* cut short: read again from its cookie */
            char name[64] = "";
            memcpy(name, fx.mem + DATA + at + WASI_DIRENT_SIZE, len < 63 ? len : 63);
            if (strcmp(name, ".") && strcmp(name, "..")) {
                strcat(out, out[0] ? " " : "");
                strncat(out, name, outcap - strlen(out) - 1);
            }
            cookie = get64(DATA + at + WASI_DIRENT_NEXT);
            at += WASI_DIRENT_SIZE + len;
            progress = true;
        }
        if (used < cap || !progress)
            return;
    }
}

static void test_dirs(uint32_t dir)
{
    uint32_t n = path("d");
    CHECK_EQ(CALL("path_create_directory", U(dir), U(PATH), U(n)), 0);
    REJECTED(CALL("path_create_directory", U(dir), U(PATH), U(n)), WASI_EEXIST);
    uint32_t d, f;
    CHECK_EQ(open_at(dir, "d/one", WASI_O_CREAT, FILE_RIGHTS_ALL, 0, &f), 0);
    CHECK_EQ(CALL("fd_close", U(f)), 0);
    CHECK_EQ(open_at(dir, "d/./two", WASI_O_CREAT, FILE_RIGHTS_ALL, 0, &f), 0);
    CHECK_EQ(CALL("fd_close", U(f)), 0);
    CHECK_EQ(open_at(dir, "d/sub/../three", WASI_O_CREAT, FILE_RIGHTS_ALL, 0, &f),
             WASI_ENOENT); /* "sub" must exist for its ".." (POSIX), flash too */
    CHECK_EQ(open_at(dir, "d/../d/three", WASI_O_CREAT, FILE_RIGHTS_ALL, 0, &f), 0);
    CHECK_EQ(CALL("fd_close", U(f)), 0);
    CHECK_EQ(open_at(dir, "d", WASI_O_DIRECTORY,
                     WASI_RIGHT_FD_READDIR | WASI_RIGHT_PATH_OPEN | WASI_RIGHT_PATH_FILESTAT_GET, 0,
                     &d),
             0);
    /* names, with buffers from roomy to smaller than one entry */
    char all[200], small[200];
    names(d, 1000, all, sizeof all);
    size_t count = 0;
    for (char *p = all; *p; p++)
        count += *p == ' ';
    CHECK(count == 2 && strstr(all, "one") && strstr(all, "two") && strstr(all, "three"));
    names(d, 30, small, sizeof small);
    CHECK(strcmp(all, small) == 0);
    CHECK_EQ(CALL("fd_readdir", U(d), U(DATA), U(10), U(0), U(RESULT)), 0);
    CHECK_EQ(get32(RESULT), 10);
    REJECTED(CALL("fd_readdir", U(d), U(M - 10), U(100), U(0), U(RESULT)), WASI_EFAULT);
    REJECTED(CALL("fd_readdir", U(d), U(DATA), U(100), U(0), U(M - 2)), WASI_EFAULT);
    CHECK_EQ(CALL("fd_readdir", U(d), U(DATA), U(100), U(~0ull), U(RESULT)), 0);
    CHECK_EQ(get32(RESULT), 0);
    /* relative to the directory fd; it cannot climb out of itself */
    CHECK_EQ(stat_at(d, "one", DATA), 0);
    CHECK_EQ(fx.mem[DATA + WASI_FILESTAT_FILETYPE], WASI_FILETYPE_REGULAR_FILE);
    REJECTED(stat_at(d, "../f.txt", DATA), WASI_ENOTCAPABLE);
    REJECTED(open_at(d, "x", WASI_O_CREAT, WASI_RIGHT_FD_READ, 0, &f), WASI_ENOTCAPABLE);
    /* (d was opened without PATH_CREATE_FILE) */
    n = path("d/one");
    REJECTED(CALL("path_remove_directory", U(dir), U(PATH), U(n)), WASI_ENOTDIR);
    n = path("d");
    REJECTED(CALL("path_unlink_file", U(dir), U(PATH), U(n)), WASI_EISDIR);
    REJECTED(CALL("path_remove_directory", U(dir), U(PATH), U(n)), WASI_ENOTEMPTY);
    /* renames */
    uint32_t from = path("d/one");
    memcpy(fx.mem + PATH + 100, "moved", 5);
    CHECK_EQ(CALL("path_rename", U(dir), U(PATH), U(from), U(dir), U(PATH + 100), U(5)), 0);
    CHECK_EQ(stat_at(dir, "moved", DATA), 0);
    memcpy(fx.mem + PATH + 100, "../x", 4);
    from = path("moved");
    REJECTED(CALL("path_rename", U(dir), U(PATH), U(from), U(dir), U(PATH + 100), U(4)),
             WASI_ENOTCAPABLE);
    memcpy(fx.mem + PATH + 100, "d", 1);
    REJECTED(CALL("path_rename", U(dir), U(PATH), U(from), U(dir), U(PATH + 100), U(1)),
             WASI_EISDIR);
    REJECTED(CALL("path_rename", U(dir), U(PATH), U(from), U(dir), U(M - 1), U(4)), WASI_EFAULT);
    /* across back ends */
    uint32_t other = dir == FLASH_FD ? HOST_FD : FLASH_FD;
    memcpy(fx.mem + PATH + 100, "moved", 5);
    REJECTED(CALL("path_rename", U(dir), U(PATH), U(from), U(other), U(PATH + 100), U(5)),
             WASI_EXDEV);
    /* cleaning up */
    static const char *const gone[] = {"moved", "d/two", "d/three", "f.txt"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
        n = path(gone[i]);
        CHECK_EQ(CALL("path_unlink_file", U(dir), U(PATH), U(n)), 0);
    }
    CHECK_EQ(CALL("fd_close", U(d)), 0);
    n = path("d");
    CHECK_EQ(CALL("path_remove_directory", U(dir), U(PATH), U(n)), 0);
    REJECTED(stat_at(dir, "d", DATA), WASI_ENOENT);
    /* links and times: no back end makes or sets them */
    n = path("x");
    REJECTED(CALL("path_symlink", U(PATH), U(n), U(dir), U(PATH), U(n)), WASI_ENOTSUP);
    REJECTED(CALL("path_link", U(dir), U(0), U(PATH), U(n), U(dir), U(PATH), U(n)), WASI_ENOTSUP);
    REJECTED(CALL("path_symlink", U(PATH), U(n), U(1), U(PATH), U(n)), WASI_ENOTDIR);
}

/* ---- symbolic links in the host directory ------------------------------------------------ */

static void sh(const char *fmt, const char *a, const char *b)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    if (system(cmd) != 0) {
        fprintf(stderr, "test_files: %s failed\n", cmd);
        exit(2);
    }
}

static void test_host_links(void)
{
    uint32_t fd;
    char p[600];
    sh("mkdir -p %s/sub && echo inside > %s/sub/inner", host_dir, host_dir);
    sh("mkdir -p %s && echo secret > %s/secret", outside, outside);
    snprintf(p, sizeof p, "%s/out", host_dir);
    sh("ln -s ../%s %s", strrchr(outside, '/') + 1, p);
    sh("cd %s && ln -s /etc abs && ln -s loop loop && ln -s .. up && ln -s sub sub-link && "
       "ln -s sub/inner file-link && ln -s sub/../../%s sneaky",
       host_dir, strrchr(outside, '/') + 1);
    uint64_t r = FILE_RIGHTS_ALL;
    static const char *const escapes[] = {"out/secret", "abs/passwd", "up/x", "sneaky/secret",
                                          "sub-link/../../x"};
    for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
        REJECTED(open_at(HOST_FD, escapes[i], 0, r, 0, &fd), WASI_ENOTCAPABLE);
        REJECTED(open_at(HOST_FD, escapes[i], WASI_O_CREAT, r, 0, &fd), WASI_ENOTCAPABLE);
        REJECTED(stat_at(HOST_FD, escapes[i], DATA), WASI_ENOTCAPABLE);
        uint32_t n = path(escapes[i]);
        REJECTED(CALL("path_unlink_file", U(HOST_FD), U(PATH), U(n)), WASI_ENOTCAPABLE);
        REJECTED(CALL("path_create_directory", U(HOST_FD), U(PATH), U(n)), WASI_ENOTCAPABLE);
    }
    /* the link itself, as the last component, without following: fine to stat */
    CHECK_EQ(stat_at(HOST_FD, "out", DATA), 0);
    CHECK_EQ(fx.mem[DATA + WASI_FILESTAT_FILETYPE], WASI_FILETYPE_SYMBOLIC_LINK);
    /* followed (lookupflags 1) it leaves: refused */
    uint32_t n = path("out");
    REJECTED(CALL("path_filestat_get", U(HOST_FD), U(1), U(PATH), U(n), U(DATA)), WASI_ENOTCAPABLE);
    REJECTED(open_at(HOST_FD, "loop", 0, r, 0, &fd), WASI_ELOOP);
    /* links that stay inside work */
    CHECK_EQ(open_at(HOST_FD, "sub-link/inner", 0, WASI_RIGHT_FD_READ, 0, &fd), 0);
    CHECK_EQ(read_fd(fd, 100), 7);
    CHECK_EQ(CALL("fd_close", U(fd)), 0);
    CHECK_EQ(open_at(HOST_FD, "file-link", 0, WASI_RIGHT_FD_READ, 0, &fd), 0);
    CHECK_EQ(CALL("fd_close", U(fd)), 0);
    /* renaming a file out through a link */
    uint32_t from = path("sub/inner");
    memcpy(fx.mem + PATH + 100, "out/stolen", 10);
    REJECTED(CALL("path_rename", U(HOST_FD), U(PATH), U(from), U(HOST_FD), U(PATH + 100), U(10)),
             WASI_ENOTCAPABLE);
    /* a directory swapped for a link between calls: an fd on it stays on
     * the real directory; a path through the new link is refused */
    uint32_t d;
    sh("mkdir -p %s/swap && echo x > %s/swap/file", host_dir, host_dir);
    CHECK_EQ(open_at(HOST_FD, "swap", WASI_O_DIRECTORY,
                     WASI_RIGHT_PATH_OPEN | WASI_RIGHT_FD_READ | WASI_RIGHT_PATH_FILESTAT_GET, 0,
                     &d),
             0);
    sh("cd %s && mv swap swapped && ln -s ../%s swap", host_dir, strrchr(outside, '/') + 1);
    CHECK_EQ(stat_at(d, "file", DATA), 0);
    REJECTED(stat_at(d, "secret", DATA), WASI_ENOENT);
    REJECTED(stat_at(HOST_FD, "swap/secret", DATA), WASI_ENOTCAPABLE);
    CHECK_EQ(CALL("fd_close", U(d)), 0);
    /* the outside is as it was */
    char secret[64] = "";
    snprintf(p, sizeof p, "%s/secret", outside);
    FILE *f = fopen(p, "r");
    CHECK(f != NULL && fgets(secret, sizeof secret, f) != NULL && !strcmp(secret, "secret\n"));
    if (f)
        fclose(f);
    snprintf(p, sizeof p, "%s/stolen", outside);
    CHECK(access(p, F_OK) != 0);
}

/* ---- the flash back end's quota ----------------------------------------------------------- */

static void test_quota(void)
{
    uint32_t fd;
    uint64_t r = FILE_RIGHTS_ALL;
    mote_fs_quota *q = flash_be.quota;
    CHECK_EQ(open_at(FLASH_FD, "q1", WASI_O_CREAT, r, 0, &fd), 0);
    static char big[3000];
    memset(big, 'q', sizeof big - 1);
    memcpy(fx.mem + DATA, big, 2500);
    put32(IOV, DATA);
    put32(IOV + 4, 2500);
    CHECK_EQ(CALL("fd_write", U(fd), U(IOV), U(1), U(RESULT)), 0); /* 3 blocks of 1 KiB */
    CHECK_EQ(q->used_blocks, 3);
    CHECK_EQ(CALL("fd_write", U(fd), U(IOV), U(1), U(RESULT)), WASI_EDQUOT);
    CHECK_EQ(CALL("fd_close", U(fd)), 0);
    uint32_t n = path("qd");
    CHECK_EQ(CALL("path_create_directory", U(FLASH_FD), U(PATH), U(n)), 0);
    CHECK_EQ(open_at(FLASH_FD, "q2", WASI_O_CREAT, r, 0, &fd), WASI_EDQUOT); /* 2 objects max */
    n = path("q1");
    CHECK_EQ(CALL("path_unlink_file", U(FLASH_FD), U(PATH), U(n)), 0);
    CHECK(q->used_blocks == 0 && q->used_objects == 1);
    CHECK_EQ(open_at(FLASH_FD, "q2", WASI_O_CREAT, r, 0, &fd), 0);
    CHECK_EQ(CALL("fd_close", U(fd)), 0);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_files forward.wasm\n");
        return 2;
    }
    memset(nor, 0xFF, sizeof nor);
    mote_fs_config fcfg = {
        .flash = &flash, .ram = fs_ram, .ram_size = sizeof fs_ram, .cache_size = 64};
    if (mote_fs_format(&fs, &fcfg, NULL) != MOTE_FS_OK || mote_fs_mount(&fs, &fcfg) != MOTE_FS_OK) {
        fprintf(stderr, "test_files: no flash file system\n");
        return 2;
    }
    static mote_fs_quota quota = {.max_blocks = 4, .max_objects = 2};
    CHECK_EQ(mote_wasi_flash_init(&flash_be, &fs, "apps/test", &quota), MOTE_FS_OK);
    snprintf(host_dir, sizeof host_dir, "%s/test_files.%d", P_tmpdir, (int)getpid());
    snprintf(outside, sizeof outside, "%s/test_files_outside.%d", P_tmpdir, (int)getpid());
    sh("rm -rf %s %s", host_dir, outside);
    sh("mkdir -p %s%s", host_dir, "");
    CHECK_EQ(mote_wasi_hostdir_open(&host_be, host_dir), 0);
    mote_wasi_preopen pre[2] = {
        {.guest_path = "/flash", .ops = &mote_wasi_flash_ops, .backend = &flash_be},
        {.guest_path = "/host", .ops = &mote_wasi_hostdir_ops, .backend = &host_be},
    };
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.preopens = pre;
    cfg.npreopens = 2;
    cfg.fds = fds;
    cfg.max_fds = (uint8_t)(sizeof fds / sizeof fds[0]);
    fx_open(&fx, argv[1], &cfg);
    /* the quota is for test_quota: lift it for the battery */
    quota.max_blocks = quota.max_objects = 1000;
    static const uint32_t dirs[] = {FLASH_FD, HOST_FD};
    static const char *const names_[] = {"/flash", "/host"};
    for (int i = 0; i < 2; i++) {
        test_prestat(dirs[i], names_[i]);
        test_hostile_paths(dirs[i]);
        test_file_io(dirs[i]);
        test_dirs(dirs[i]);
    }
    test_host_links();
    quota.max_blocks = 4;
    quota.max_objects = 2;
    test_quota();
    /* closing a preopen: its fd is gone */
    CHECK_EQ(CALL("fd_close", U(HOST_FD)), 0);
    REJECTED(stat_at(HOST_FD, "sub", DATA), WASI_EBADF);
    fx_close(&fx);
    mote_wasi_hostdir_close(&host_be);
    sh("rm -rf %s %s", host_dir, outside);
    return check_summary("test_files");
}
