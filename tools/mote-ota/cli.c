/* Helpers shared by the subcommands; see cli.h. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cli_cmd = "";

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "mote-ota%s%s: ", *cli_cmd ? " " : "", cli_cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

bool cli_read_file(const char *path, size_t max, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_error("cannot open %s: %s", path, strerror(errno));
        return false;
    }
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    bool ok = true;
    while (ok) {
        if (n == cap) { /* grow, allowing one byte past max to detect it */
            size_t ncap = cap ? cap * 2 : 4096;
            if (ncap > max + 1)
                ncap = max + 1;
            uint8_t *nb = realloc(buf, ncap);
            if (!nb) {
                cli_error("out of memory reading %s", path);
                ok = false;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > max) {
            cli_error("%s is larger than %zu bytes", path, max);
            ok = false;
        } else if (got == 0) {
            break;
        }
    }
    if (ok && ferror(f)) {
        cli_error("cannot read %s: %s", path, strerror(errno));
        ok = false;
    }
    fclose(f);
    if (!ok) {
        free(buf);
        return false;
    }
    *data = buf;
    *len = n;
    return true;
}

bool cli_write_file(const char *path, const void *data, size_t len, unsigned mode)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return false;
    snprintf(tmp, plen + 16, "%s.tmp%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, (mode_t)mode);
    bool ok = fd >= 0;
    const uint8_t *p = data;
    while (ok && len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        if (ok)
            p += w, len -= (size_t)w;
    }
    if (fd >= 0 && close(fd) != 0)
        ok = false;
    if (ok && rename(tmp, path) != 0)
        ok = false;
    if (!ok) {
        cli_error("cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return ok;
}

bool cli_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

bool cli_parse_u32(const char *s, uint32_t max, uint32_t *out)
{
    char *end;
    if (!s || !*s || *s == '-')
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end || v > max)
        return false;
    *out = (uint32_t)v;
    return true;
}

/* One dot- or plus-separated field of a version string. */
static bool field(const char **s, uint32_t max, uint32_t *out)
{
    char *end;
    if (**s < '0' || **s > '9')
        return false;
    errno = 0;
    unsigned long v = strtoul(*s, &end, 10);
    if (errno || v > max)
        return false;
    *out = (uint32_t)v;
    *s = end;
    return true;
}

bool cli_parse_version(const char *s, mote_ota_version *v)
{
    uint32_t part[4] = {0, 0, 0, 0};
    static const uint32_t max[4] = {255, 255, 65535, UINT32_MAX};
    int i = 0;
    if (!field(&s, max[0], &part[0]))
        return false;
    while (*s == '.' && i < 2) {
        s++;
        i++;
        if (!field(&s, max[i], &part[i]))
            return false;
    }
    if (*s == '+') {
        s++;
        if (!field(&s, max[3], &part[3]))
            return false;
    }
    if (*s)
        return false;
    v->major = (uint8_t)part[0];
    v->minor = (uint8_t)part[1];
    v->revision = (uint16_t)part[2];
    v->build = part[3];
    return true;
}

const char *cli_version_str(const mote_ota_version *v, char *buf)
{
    snprintf(buf, 32, "%u.%u.%u+%" PRIu32, v->major, v->minor, v->revision, v->build);
    return buf;
}
