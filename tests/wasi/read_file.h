/* read_file.h -- the whole of a file in a malloc'd buffer (host tests). */
#ifndef WASI_TEST_READ_FILE_H
#define WASI_TEST_READ_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Exits with status 2 and a message if the file cannot be read. */
uint8_t *read_file(const char *path, size_t *len);

#endif /* WASI_TEST_READ_FILE_H */
