/*
 * testutil.h -- a seeded PRNG and hex helpers for the OTA and fs tests, and
 * their checks: mote_check.h's (CHECKF prints where and why and counts;
 * main() fails when check_state.failed is not 0, so ctest sees any
 * failure).  testutil.c holds the counters.
 */
#ifndef MOTE_OTA_TESTUTIL_H
#define MOTE_OTA_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mote_check.h"

/* xorshift64*: deterministic across runs; seed from OTA_TEST_SEED if set. */
uint64_t rng_next(void);
uint32_t rng_below(uint32_t n); /* uniform in [0, n) for n > 0 */
void rng_bytes(void *buf, size_t n);
void rng_seed_from_env(uint64_t fallback);

/* Parses hex into out; returns the byte count. */
size_t hex_to_bytes(const char *hex, uint8_t *out, size_t cap);

/* Reads a whole file (malloc'd); aborts the test on failure. */
uint8_t *read_whole(const char *path, size_t *len);

/* Builds a small valid .wasm of exactly `len` bytes (>= 48): a module
 * exporting "answer" returning `answer`, padded with a custom section. */
void make_wasm(uint8_t *out, size_t len, int answer);

#endif
