/* Helpers shared by the subcommands; see cli.h. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_MODULE_BYTES 0x7FFFFFFFu /* the core's limit */

const char *cli_command = "";

int cli_fail(int status, const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "mote%s%s: ", *cli_command ? " " : "", cli_command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return status;
}

uint8_t *cli_read_module(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (f == NULL || fstat(fileno(f), &st) != 0) {
        cli_fail(EXIT_SETUP, "cannot open %s: %s", path, strerror(errno));
        if (f != NULL)
            fclose(f);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > MAX_MODULE_BYTES) {
        cli_fail(EXIT_SETUP, "%s: %s", path,
                 S_ISDIR(st.st_mode)    ? "is a directory, not a .wasm file"
                 : !S_ISREG(st.st_mode) ? "not a regular file"
                                        : "larger than 2 GiB, the most a module may be");
        fclose(f);
        return NULL;
    }
    size_t n = (size_t)st.st_size;
    uint8_t *data = NULL;
    if (posix_memalign((void **)&data, 8, n != 0 ? n : 1) != 0) {
        cli_fail(EXIT_SETUP, "%s: out of memory", path);
        fclose(f);
        return NULL;
    }
    if (fread(data, 1, n, f) != n) {
        cli_fail(EXIT_SETUP, "cannot read %s: %s", path, strerror(errno));
        free(data);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = n;
    return data;
}

bool cli_parse_uint(const char *text, uint64_t max, uint64_t *out)
{
    if (text == NULL || !isdigit((unsigned char)text[0]))
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 0);
    if (errno != 0 || *end != '\0' || v > max)
        return false;
    *out = v;
    return true;
}

bool cli_parse_size(const char *text, uint64_t *out)
{
    static const struct {
        const char *suffix;
        unsigned shift;
    } units[] = {
        {"", 0},    {"b", 0},    {"k", 10}, {"kb", 10}, {"kib", 10}, {"m", 20},
        {"mb", 20}, {"mib", 20}, {"g", 30}, {"gb", 30}, {"gib", 30},
    };
    if (text == NULL || !isdigit((unsigned char)text[0]))
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 0);
    if (errno != 0)
        return false;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcasecmp(end, units[i].suffix) == 0) {
            if (v > (UINT64_MAX >> units[i].shift))
                return false;
            *out = (uint64_t)v << units[i].shift;
            return true;
        }
    }
    return false;
}

const char *cli_bytes(uint64_t n, char buf[32])
{
    static const char *const units[] = {"KiB", "MiB", "GiB"};
    if (n < 1024) {
        snprintf(buf, 32, "%llu B", (unsigned long long)n);
        return buf;
    }
    double v = (double)n;
    int u = -1;
    while (v >= 1024 && u < 2) {
        v /= 1024;
        u++;
    }
    if (v == (double)(uint64_t)v)
        snprintf(buf, 32, "%llu %s", (unsigned long long)v, units[u]);
    else
        snprintf(buf, 32, "%.1f %s", v, units[u]);
    return buf;
}

bool cli_option(int argc, char **argv, int *i, const char *name, const char **value, bool *bad)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0 || (arg[n] != '\0' && arg[n] != '='))
        return false;
    if (value == NULL) {
        if (arg[n] == '=') {
            cli_fail(EXIT_USAGE, "%s takes no value", name);
            *bad = true;
        }
        return true;
    }
    if (arg[n] == '=') {
        *value = arg + n + 1;
    } else if (*i + 1 < argc) {
        *value = argv[++*i];
    } else {
        cli_fail(EXIT_USAGE, "%s needs a value (see mote %s --help)", name, cli_command);
        *bad = true;
    }
    return true;
}
