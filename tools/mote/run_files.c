/* `mote run --dir` and `--flash`; see run_files.h and docs/cli.md. */
#define _POSIX_C_SOURCE 200809L
#include "run_files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/fs_hal.h>
#include <mote/hal.h>
#include <mote/wasi_hostdir.h>
#include <mote_host.h>

#include "cli.h"

#define FS_CACHE 256

static struct {
    mote_wasi_preopen preopens[RUN_MAX_DIRS + 1];
    mote_wasi_fd fds[MOTE_WASI_MAX_FDS];
    mote_wasi_hostdir dirs[RUN_MAX_DIRS];
    char names[RUN_MAX_DIRS + 1][2][4096]; /* host and guest of each */
    mote_fs_flash flash;
    mote_fs fs;
    mote_wasi_flash flash_dir;
    uint8_t *ram;
} F;

/* Splits "A::B" into A and B (B = A without "::"); false if too long. */
static bool split(const char *spec, char host[4096], char guest[4096], const char *fallback)
{
    const char *sep = strstr(spec, "::");
    size_t hlen = sep ? (size_t)(sep - spec) : strlen(spec);
    const char *g = sep ? sep + 2 : fallback ? fallback : spec;
    if (hlen >= 4096 || strlen(g) >= 4096 || *g == '\0')
        return false;
    memcpy(host, spec, hlen);
    host[hlen] = '\0';
    strcpy(guest, g);
    return true;
}

int run_files_board(const run_options *o)
{
    if (o->flash == NULL)
        return -1;
    char err[256];
    if (!split(o->flash, F.names[RUN_MAX_DIRS][0], F.names[RUN_MAX_DIRS][1], "/"))
        return cli_fail(EXIT_USAGE, "--flash %s: expected FILE or FILE::GUEST", o->flash);
    if (!mote_host_set_flash_file(F.names[RUN_MAX_DIRS][0], 0, 0, err, sizeof err))
        return cli_fail(EXIT_SETUP, "--flash: %s", err);
    return -1;
}

/* True if the whole region reads as erased. */
static bool blank(const mote_fs_flash *fl)
{
    uint8_t buf[4096];
    for (uint32_t at = 0; at < fl->size; at += sizeof buf) {
        uint32_t n = fl->size - at < sizeof buf ? fl->size - at : (uint32_t)sizeof buf;
        if (fl->read(fl->ctx, at, buf, n) != 0)
            return false;
        for (uint32_t i = 0; i < n; i++)
            if (buf[i] != 0xFF)
                return false;
    }
    return true;
}

static int mount_flash(const run_options *o, uint32_t index)
{
    const char *file = F.names[RUN_MAX_DIRS][0];
    if (mote_fs_flash_hal(&F.flash, 0, 0) != MOTE_FS_OK)
        return cli_fail(EXIT_SETUP, "--flash %s: the host board has no flash region", file);
    size_t ram = mote_fs_ram_needed(F.flash.size / F.flash.sector_size, FS_CACHE);
    F.ram = malloc(ram);
    mote_fs_config cfg = {.flash = &F.flash, .ram = F.ram, .ram_size = ram, .cache_size = FS_CACHE};
    mote_fs_status st = mote_fs_mount(&F.fs, &cfg);
    if (st == MOTE_FS_ERR_NOT_FORMATTED && blank(&F.flash)) {
        st = mote_fs_format(&F.fs, &cfg, NULL);
        if (st == MOTE_FS_OK)
            st = mote_fs_mount(&F.fs, &cfg);
    }
    if (st != MOTE_FS_OK)
        return cli_fail(EXIT_SETUP, "--flash %s: %s (%s)%s", file, mote_fs_status_name(st),
                        mote_fs_detail(&F.fs),
                        st == MOTE_FS_ERR_NOT_FORMATTED ? "; mote fs format makes one" : "");
    if ((st = mote_wasi_flash_init(&F.flash_dir, &F.fs, "", NULL)) != MOTE_FS_OK)
        return cli_fail(EXIT_SETUP, "--flash %s: %s", file, mote_fs_status_name(st));
    F.preopens[index] = (mote_wasi_preopen){.guest_path = F.names[RUN_MAX_DIRS][1],
                                            .ops = &mote_wasi_flash_ops,
                                            .backend = &F.flash_dir};
    (void)o;
    return -1;
}

int run_files_setup(const run_options *o, mote_wasi_config *cfg)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < o->ndirs; i++, n++) {
        if (!split(o->dirs[i], F.names[i][0], F.names[i][1], NULL))
            return cli_fail(EXIT_USAGE, "--dir %s: expected HOST or HOST::GUEST", o->dirs[i]);
        int e = mote_wasi_hostdir_open(&F.dirs[i], F.names[i][0]);
        if (e != 0)
            return cli_fail(EXIT_SETUP, "--dir %s: %s", F.names[i][0], strerror(e));
        F.preopens[n] = (mote_wasi_preopen){
            .guest_path = F.names[i][1], .ops = &mote_wasi_hostdir_ops, .backend = &F.dirs[i]};
    }
    if (o->flash != NULL) {
        int st = mount_flash(o, n);
        if (st >= 0)
            return st;
        n++;
    }
    if (n == 0)
        return -1;
    cfg->preopens = F.preopens;
    cfg->npreopens = (uint8_t)n;
    cfg->fds = F.fds;
    cfg->max_fds = MOTE_WASI_MAX_FDS;
    return -1;
}
