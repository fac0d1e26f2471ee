/*
 * norsim.h -- a NOR flash simulator for the OTA tests, behind the library's
 * mote_ota_flash ops.  Erase sets a sector to 0xFF; program can only clear
 * bits (new = old AND data).  It counts erase and program operations and
 * can cut the power at operation k: an erase is left partly done, a
 * program is left after byte b with byte b half-programmed.  After a cut
 * every operation fails until norsim_power_on().
 *
 * It also catches library bugs a real chip would punish: programming a byte
 * that was already programmed since its last erase (forbidden on ECC
 * flash, and a sign of a broken "never write twice" design), and
 * unaligned operations.
 */
#ifndef MOTE_OTA_NORSIM_H
#define MOTE_OTA_NORSIM_H

#include <stdbool.h>
#include <stdint.h>

#include "mote/ota_flash.h"

typedef struct norsim {
    uint8_t *mem;
    bool *written; /* programmed since the last erase */
    mote_ota_flash flash;
    uint32_t ops;        /* erase + program operations so far */
    long cut_op;         /* cut the power at this operation, -1 never */
    uint32_t cut_byte;   /* program cuts: bytes fully written first */
    bool cut_scatter;    /* erase cuts: scattered instead of a prefix */
    bool cut_clean;      /* the cut leaves no half-programmed byte */
    bool dead;           /* power is off */
    uint32_t violations; /* double programs, misalignment */
    char last_op;        /* 'E' or 'P': kind of operation cut_op hit */
    uint32_t last_len;   /* its length */
    /* Called after every completed erase or program (tests take snapshots). */
    void (*after_op)(void *ctx, char kind, uint32_t off, uint32_t len);
    void *after_ctx;
} norsim;

void norsim_init(norsim *n, uint32_t base, uint32_t size, uint32_t sector, uint32_t prog);
void norsim_free(norsim *n);
/* Copies the contents (not the counters) of src into dst. */
void norsim_copy(norsim *dst, const norsim *src);
/* Arms a cut at operation number op (of the ops counter).  A program is
 * cut after cut_byte bytes, then (unless clean) one more byte gets a random
 * part of its bits; an erase is left partly done (a prefix, or scattered
 * bytes if scatter; nothing at all if clean). */
void norsim_arm(norsim *n, long op, uint32_t cut_byte, bool scatter, bool clean);
/* Power comes back: operations work again, no cut armed. */
void norsim_power_on(norsim *n);
/* Writes bytes as a factory programmer would (erase + program, no counting). */
void norsim_factory(norsim *n, uint32_t off, const uint8_t *data, uint32_t len);

#endif
