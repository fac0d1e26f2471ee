/* file.c -- stdio file access for the runner; see file.h. */
#include "file.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK 4096

spec_read spec_read_file(const char *path, unsigned char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return SPEC_READ_IO;
    unsigned char *buf = NULL;
    size_t used = 0, cap = 0;
    spec_read result = SPEC_READ_OK;
    for (;;) {
        if (cap - used < CHUNK) {
            size_t grown = cap ? cap * 2 : CHUNK;
            unsigned char *p = realloc(buf, grown);
            if (p == NULL) {
                result = SPEC_READ_NO_MEMORY;
                break;
            }
            buf = p;
            cap = grown;
        }
        size_t n = fread(buf + used, 1, cap - used, f);
        used += n;
        if (n == 0)
            break;
    }
    if (result == SPEC_READ_OK && ferror(f))
        result = SPEC_READ_IO;
    fclose(f);
    if (result != SPEC_READ_OK) {
        free(buf);
        return result;
    }
    /* Give back the slack: modules stay loaded for a whole script. */
    unsigned char *fit = realloc(buf, used ? used : 1);
    *data = fit ? fit : buf;
    *len = used;
    return SPEC_READ_OK;
}

size_t spec_stdio_fill(void *file, char *buf, size_t cap)
{
    return fread(buf, 1, cap, (FILE *)file);
}

const char *spec_basename(const char *path)
{
    const char *base = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    return base;
}

char *spec_sibling_path(const char *script_path, const char *name, size_t name_len)
{
    size_t dir_len = (size_t)(spec_basename(script_path) - script_path);
    char *path = malloc(dir_len + name_len + 1);
    if (path == NULL)
        return NULL;
    memcpy(path, script_path, dir_len);
    memcpy(path + dir_len, name, name_len);
    path[dir_len + name_len] = '\0';
    return path;
}
