/*
 * files.c -- a wasi-libc program that uses files the ordinary way: stdio
 * (fopen, fprintf, fgets, fseek, ftell), stat, truncate, rename, unlink,
 * mkdir, rmdir, opendir/readdir, and a few paths that must fail, among
 * them attempts to leave the preopened directory.  Its output depends
 * only on what the calls did, so it is the same on every back end (a host
 * directory, the flash file system on the host, a board's flash).
 *
 *   files [dir]      works in dir (default "files-test"), made fresh
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *err_name(int e)
{
    switch (e) {
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    default: return "other";
    }
}

static char path_buf[4][96];

/* dir/name, in one of a few rotating buffers. */
static const char *at(const char *dir, const char *name)
{
    static int next;
    char *p = path_buf[next++ & 3];
    snprintf(p, sizeof path_buf[0], "%s/%s", dir, name);
    return p;
}

static void result(const char *what, int ok)
{
    if (ok)
        printf("%s: ok\n", what);
    else
        printf("%s: %s\n", what, err_name(errno));
}

static long size_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int compare(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void list(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        result("opendir", 0);
        return;
    }
    static char names[16][32];
    const char *sorted[16];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 16) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(names[n], sizeof names[n], "%s%s", e->d_name, e->d_type == DT_DIR ? "/" : "");
        sorted[n] = names[n];
        n++;
    }
    closedir(d);
    qsort(sorted, (size_t)n, sizeof sorted[0], compare);
    printf("%s holds %d:", dir, n);
    for (int i = 0; i < n; i++)
        printf(" %s", sorted[i]);
    printf("\n");
}

/* Removes what an earlier run may have left. */
static void clean(const char *dir)
{
    const char *leftovers[] = {"log.csv", "old.csv", "notes.txt", "big.bin", "sub/inner"};
    for (unsigned i = 0; i < sizeof leftovers / sizeof leftovers[0]; i++)
        unlink(at(dir, leftovers[i]));
    rmdir(at(dir, "sub"));
    rmdir(dir);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "files-test";
    clean(dir);
    result("mkdir", mkdir(dir, 0777) == 0);
    result("mkdir again", mkdir(dir, 0777) == 0);

    /* write, append, read back line by line */
    FILE *f = fopen(at(dir, "log.csv"), "w");
    result("fopen w", f != NULL);
    if (f == NULL)
        return 1;
    for (int i = 1; i <= 5; i++)
        fprintf(f, "%d,reading,%d.%d\n", i, 20 + i, i * 7 % 10);
    result("fclose", fclose(f) == 0);
    f = fopen(at(dir, "log.csv"), "a");
    fprintf(f, "6,appended,26.2\n7,appended,27.9\n");
    fclose(f);
    f = fopen(at(dir, "log.csv"), "r");
    char line[64];
    int n = 0;
    while (fgets(line, sizeof line, f) != NULL)
        printf("line %d: %s", ++n, line);
    fclose(f);
    printf("size %ld\n", size_of(at(dir, "log.csv")));

    /* overwrite in the middle, positions */
    f = fopen(at(dir, "log.csv"), "r+");
    fseek(f, 2, SEEK_SET);
    fputs("READING", f);
    printf("after overwrite at %ld\n", ftell(f));
    fseek(f, 0, SEEK_END);
    printf("end at %ld\n", ftell(f));
    rewind(f);
    if (fgets(line, sizeof line, f) != NULL)
        printf("first line now: %s", line);
    fclose(f);

    /* a larger file, several flash blocks, read back in pieces */
    f = fopen(at(dir, "big.bin"), "wb");
    unsigned sum = 0;
    for (int i = 0; i < 9000; i++) {
        unsigned char c = (unsigned char)(i * 31 + i / 256);
        fputc(c, f);
        sum = sum * 33 + c;
    }
    fclose(f);
    f = fopen(at(dir, "big.bin"), "rb");
    unsigned back = 0;
    int c, count = 0;
    while ((c = fgetc(f)) != EOF) {
        back = back * 33 + (unsigned)c;
        count++;
    }
    fclose(f);
    printf("big.bin: %d bytes, %s\n", count, back == sum ? "same bytes" : "DIFFERENT");

    /* rename, truncate, stat */
    result("rename", rename(at(dir, "log.csv"), at(dir, "old.csv")) == 0);
    printf("log.csv size %ld, old.csv size %ld\n", size_of(at(dir, "log.csv")),
           size_of(at(dir, "old.csv")));
    result("truncate", truncate(at(dir, "old.csv"), 20) == 0);
    printf("old.csv size %ld\n", size_of(at(dir, "old.csv")));
    f = fopen(at(dir, "notes.txt"), "w");
    fputs("replaced by a rename\n", f);
    fclose(f);
    f = fopen(at(dir, "old.csv"), "r");
    fgets(line, sizeof line, f);
    printf("old.csv starts: %s", line);
    fclose(f);
    result("rename over", rename(at(dir, "notes.txt"), at(dir, "old.csv")) == 0);
    f = fopen(at(dir, "old.csv"), "r");
    fgets(line, sizeof line, f);
    printf("old.csv now: %s", line);
    fclose(f);
    struct stat st;
    stat(dir, &st);
    printf("%s is a %s\n", dir, S_ISDIR(st.st_mode) ? "directory" : "file");

    /* directories */
    result("mkdir sub", mkdir(at(dir, "sub"), 0777) == 0);
    f = fopen(at(dir, "sub/inner"), "w");
    fclose(f);
    list(dir);
    result("rmdir non-empty", rmdir(at(dir, "sub")) == 0);
    result("unlink a directory", unlink(at(dir, "sub")) == 0);
    result("rmdir a file", rmdir(at(dir, "old.csv")) == 0);

    /* what must fail */
    errno = 0;
    result("open missing", fopen(at(dir, "missing"), "r") != NULL);
    result("open below a file", fopen(at(dir, "old.csv/x"), "r") != NULL);
    result("escape with ..", fopen("../outside.txt", "w") != NULL);
    result("escape deeper", fopen(at(dir, "../../outside.txt"), "w") != NULL);
    result("exclusive create", open(at(dir, "old.csv"), O_CREAT | O_EXCL | O_WRONLY, 0666) >= 0);

    /* cleaning up */
    result("unlink", unlink(at(dir, "sub/inner")) == 0);
    result("rmdir sub", rmdir(at(dir, "sub")) == 0);
    result("unlink old.csv", unlink(at(dir, "old.csv")) == 0);
    result("unlink big.bin", unlink(at(dir, "big.bin")) == 0);
    list(dir);
    result("rmdir", rmdir(dir) == 0);
    printf("done\n");
    return 0;
}
