/*
 * path.c -- paths from the app.  A path is copied out of guest memory
 * once (so the app cannot change it under a check, from another thread
 * or by an earlier write of the same call), and checked: in memory, not
 * too long, no NUL inside, not empty, not absolute (wasi-libc strips the
 * preopen's name; an absolute path reaching a path call is an attempt to
 * leave it), and not climbing above its start by its own ".." components
 * ("a/../../x"), whether a exists or not.  Back ends without links resolve
 * "." and ".." lexically with wl_path_normalize(); the host back end
 * resolves links too, and checks again as it goes.
 */
#include <string.h>

#include "internal.h"

/* True if the path's ".." components take it above where it starts. */
static bool climbs_out(const char *p)
{
    uint32_t depth = 0;
    while (*p != '\0') {
        while (*p == '/')
            p++;
        const char *end = p;
        while (*end != '\0' && *end != '/')
            end++;
        size_t len = (size_t)(end - p);
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (depth == 0)
                return true;
            depth--;
        } else if (len > 0 && !(len == 1 && p[0] == '.')) {
            depth++;
        }
        p = end;
    }
    return false;
}

uint16_t wl_path_copy(mote_instance *inst, uint32_t ptr, uint32_t len,
                      char out[MOTE_WASI_PATH_MAX + 1])
{
    const uint8_t *p = wl_guest_range(inst, ptr, len);
    if (p == NULL)
        return WASI_EFAULT;
    if (len > MOTE_WASI_PATH_MAX)
        return WASI_ENAMETOOLONG;
    if (len == 0)
        return WASI_ENOENT;
    if (memchr(p, 0, len) != NULL)
        return WASI_EINVAL;
    if (p[0] == '/')
        return WASI_ENOTCAPABLE;
    memcpy(out, p, len);
    out[len] = '\0';
    return climbs_out(out) ? WASI_ENOTCAPABLE : WASI_ESUCCESS;
}

uint16_t wl_path_normalize(char *path)
{
    char *out = path; /* the result is never longer: built in place */
    const char *p = path;
    while (*p != '\0') {
        while (*p == '/')
            p++;
        const char *end = p;
        while (*end != '\0' && *end != '/')
            end++;
        size_t len = (size_t)(end - p);
        if (len == 0 || (len == 1 && p[0] == '.')) {
            /* nothing */
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (out == path)
                return WASI_ENOTCAPABLE;
            while (out > path && out[-1] != '/')
                out--;
            if (out > path)
                out--; /* the '/' before it */
        } else {
            if (out != path)
                *out++ = '/';
            memmove(out, p, len);
            out += len;
        }
        p = end;
    }
    *out = '\0';
    return WASI_ESUCCESS;
}
