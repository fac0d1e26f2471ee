/*
 * file.h -- the runner's file access, through standard C stdio only.
 *
 * On boards the same calls go through semihosting (picolibc's
 * --oslib=semihost), so nothing here may assume POSIX.
 */
#ifndef MOTE_SPEC_FILE_H
#define MOTE_SPEC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum spec_read {
    SPEC_READ_OK,
    SPEC_READ_IO,       /* cannot be opened or read */
    SPEC_READ_NO_MEMORY /* does not fit in the heap (a small board) */
} spec_read;

/*
 * Reads a whole file into a malloc'd buffer (free() it).  Reads in chunks
 * instead of asking for the size, which semihosted streams may not know.
 */
spec_read spec_read_file(const char *path, unsigned char **data, size_t *len);

/* A json_fill_fn over a FILE *. */
size_t spec_stdio_fill(void *file, char *buf, size_t cap);

/*
 * "dir/of/script.json" + "x.0.wasm" -> "dir/of/x.0.wasm", malloc'd;
 * NULL when out of memory.  Both '/' and '\\' separate directories.
 */
char *spec_sibling_path(const char *script_path, const char *name, size_t name_len);

/* The last path component of path (a pointer into it). */
const char *spec_basename(const char *path);

#endif
