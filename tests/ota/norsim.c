#include "norsim.h"

#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static norsim *self(void *ctx)
{
    return ctx;
}

static int sim_read(void *ctx, uint32_t addr, void *buf, uint32_t len)
{
    norsim *n = self(ctx);
    if (n->dead)
        return -1;
    memcpy(buf, n->mem + (addr - n->flash.base), len);
    return 0;
}

/* True when this operation is the one the power dies in. */
static bool cut_now(norsim *n, char kind, uint32_t len)
{
    if ((long)n->ops != n->cut_op)
        return false;
    n->last_op = kind;
    n->last_len = len;
    n->dead = true;
    return true;
}

static int sim_erase(void *ctx, uint32_t addr)
{
    norsim *n = self(ctx);
    uint32_t off = addr - n->flash.base, sec = n->flash.sector_size;
    if (n->dead)
        return -1;
    if (off % sec)
        n->violations++;
    if (cut_now(n, 'E', sec)) {
        /* Partly erased: a prefix, or scattered bytes, went to 0xFF. */
        uint32_t upto = n->cut_clean ? 0 : rng_below(sec + 1);
        for (uint32_t i = 0; i < sec; i++)
            if (n->cut_scatter && !n->cut_clean ? rng_below(2) : i < upto)
                n->mem[off + i] = 0xff;
        return -1;
    }
    memset(n->mem + off, 0xff, sec);
    memset(n->written + off, 0, sec);
    n->ops++;
    if (n->after_op)
        n->after_op(n->after_ctx, 'E', off, sec);
    return 0;
}

static int sim_program(void *ctx, uint32_t addr, const void *buf, uint32_t len)
{
    norsim *n = self(ctx);
    uint32_t off = addr - n->flash.base;
    const uint8_t *p = buf;
    if (n->dead)
        return -1;
    if (off % n->flash.prog_size || len % n->flash.prog_size)
        n->violations++;
    for (uint32_t i = 0; i < len; i++)
        if (n->written[off + i] && p[i] != 0xff)
            n->violations++;
    uint32_t full = len;
    bool cut = cut_now(n, 'P', len);
    if (cut)
        full = n->cut_byte < len ? n->cut_byte : len;
    for (uint32_t i = 0; i < full; i++) {
        n->mem[off + i] &= p[i];
        n->written[off + i] = true;
    }
    if (cut) {
        if (full < len && !n->cut_clean) /* the byte in flight: some zero bits landed */
            n->mem[off + full] &= (uint8_t)(p[full] | (uint8_t)rng_next());
        return -1;
    }
    n->ops++;
    if (n->after_op)
        n->after_op(n->after_ctx, 'P', off, len);
    return 0;
}

void norsim_init(norsim *n, uint32_t base, uint32_t size, uint32_t sector, uint32_t prog)
{
    memset(n, 0, sizeof *n);
    n->mem = malloc(size);
    n->written = calloc(size, 1);
    memset(n->mem, 0xff, size);
    n->cut_op = -1;
    n->flash = (mote_ota_flash){
        .base = base,
        .size = size,
        .sector_size = sector,
        .prog_size = prog,
        .mapped = n->mem,
        .ctx = n,
        .read = sim_read,
        .erase = sim_erase,
        .program = sim_program,
    };
}

void norsim_free(norsim *n)
{
    free(n->mem);
    free(n->written);
}

void norsim_copy(norsim *dst, const norsim *src)
{
    memcpy(dst->mem, src->mem, src->flash.size);
    memcpy(dst->written, src->written, src->flash.size);
}

void norsim_arm(norsim *n, long op, uint32_t cut_byte, bool scatter, bool clean)
{
    n->cut_op = op;
    n->cut_byte = cut_byte;
    n->cut_scatter = scatter;
    n->cut_clean = clean;
}

void norsim_power_on(norsim *n)
{
    n->dead = false;
    n->cut_op = -1;
}

void norsim_factory(norsim *n, uint32_t off, const uint8_t *data, uint32_t len)
{
    uint32_t sec = n->flash.sector_size;
    for (uint32_t s = off - off % sec; s < off + len; s += sec) {
        memset(n->mem + s, 0xff, sec);
        memset(n->written + s, 0, sec);
    }
    for (uint32_t i = 0; i < len; i++) {
        n->mem[off + i] = data[i];
        n->written[off + i] = true;
    }
}
