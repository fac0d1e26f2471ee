#include "fsnor.h"

#include <stdlib.h>
#include <string.h>

static int nor_read(void *ctx, uint32_t off, void *buf, uint32_t len)
{
    fsnor *d = ctx;
    return d->nor.flash.read(d->nor.flash.ctx, d->nor.flash.base + off, buf, len);
}

static int nor_erase(void *ctx, uint32_t off)
{
    fsnor *d = ctx;
    int r = d->nor.flash.erase(d->nor.flash.ctx, d->nor.flash.base + off);
    if (r == 0)
        d->wear[off / d->flash.sector_size]++;
    return r;
}

static int nor_program(void *ctx, uint32_t off, const void *buf, uint32_t len)
{
    fsnor *d = ctx;
    return d->nor.flash.program(d->nor.flash.ctx, d->nor.flash.base + off, buf, len);
}

void fsnor_init(fsnor *d, uint32_t size, uint32_t sector, uint32_t prog)
{
    memset(d, 0, sizeof *d);
    norsim_init(&d->nor, 0x10000000u, size, sector, prog);
    d->sectors = size / sector;
    d->wear = calloc(d->sectors, sizeof *d->wear);
    d->flash = (mote_fs_flash){.size = size,
                               .sector_size = sector,
                               .write_size = prog,
                               .ctx = d,
                               .read = nor_read,
                               .erase = nor_erase,
                               .program = nor_program};
}

void fsnor_free(fsnor *d)
{
    norsim_free(&d->nor);
    free(d->wear);
}
