/*
 * files_small.c -- files in a few KiB of RAM: plain open/read/write and
 * WASI's fd_readdir with a small buffer, no stdio FILE buffers.  Reads the
 * files a flash image was loaded with (mote fs put, on the PC): prints
 * them, their sizes, the directory.  With "write" it then tries to make a
 * file and says how that went (on a board whose flash is read-only:
 * EROFS).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

static void show(const char *path)
{
    struct stat st;
    int fd = open(path, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) != 0) {
        printf("%s: cannot open (%d)\n", path, errno);
        return;
    }
    printf("%s: %ld bytes\n", path, (long)st.st_size);
    char buf[48];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        fwrite(buf, 1, (size_t)n, stdout);
    close(fd);
}

/* The directory's names, in the order they come (one flash file system:
 * creation order). */
static void list(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0) {
        printf("%s: cannot open the directory (%d)\n", path, errno);
        return;
    }
    printf("%s:", path);
    __wasi_dircookie_t cookie = 0;
    uint8_t buf[96];
    for (;;) {
        __wasi_size_t used;
        if (__wasi_fd_readdir(fd, buf, sizeof buf, cookie, &used) != 0)
            break;
        size_t at = 0;
        bool progress = false;
        while (at + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t e;
            memcpy(&e, buf + at, sizeof e);
            if (at + sizeof e + e.d_namlen > used)
                break;
            const char *name = (const char *)buf + at + sizeof e;
            if (!(e.d_namlen == 1 && name[0] == '.') &&
                !(e.d_namlen == 2 && name[0] == '.' && name[1] == '.'))
                printf(" %.*s%s", (int)e.d_namlen, name,
                       e.d_type == __WASI_FILETYPE_DIRECTORY ? "/" : "");
            cookie = e.d_next;
            at += sizeof e + e.d_namlen;
            progress = true;
        }
        if (used < sizeof buf || !progress)
            break;
    }
    printf("\n");
    close(fd);
}

int main(int argc, char **argv)
{
    list(".");
    list("data");
    show("readme.txt");
    show("data/config.ini");
    show("missing.txt");
    if (argc > 1 && !strcmp(argv[1], "write")) {
        int fd = open("new.txt", O_WRONLY | O_CREAT, 0666);
        printf("create new.txt: %s\n", fd >= 0 ? "ok" : errno == EROFS ? "EROFS" : "failed");
        if (fd >= 0)
            close(fd);
    }
    return 0;
}
