/*
 * hostile.h -- the hostile-module suite: modules aimed at the size and
 * offset arithmetic of a 32-bit CPU (sizes near 2^32 and 2^31, 1-byte
 * pages, grows and segments whose sums wrap, WASI pointers that wrap).
 * Each case must be refused, or trap, or answer exactly as the spec says;
 * none may fault or touch a byte outside the sandbox.  The same firmware
 * runs on the host, host32 (i386 under qemu-i386) and the boards.
 *
 * The sandbox check: the arena is carved from the board's free RAM between
 * two guard zones, and the rest of the free RAM holds a pattern too; after
 * every case all of it must be intact (sandbox_intact()).
 */
#ifndef MOTE_TEST_HOSTILE_H
#define MOTE_TEST_HOSTILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mote/mote.h>

#include "feature_groups.h" /* the core's MOTE_WITH_* (mote_core_facts) */
#include "mote_check.h"
#include "wasm_builder.h"

/* Sets h's body: BODY(h, OP(local_get), 0, ...) (wasm_builder.h's names). */
#define BODY(h, ...)                            \
    ((h).code = (const uint8_t[]){__VA_ARGS__}, \
     (h).code_len = sizeof((const uint8_t[]){__VA_ARGS__}))

/* One module: an exported function "f" (i32 i32 i32) -> i32 with the given
 * body, and optionally memory 0 ("m"), table 0 ("t", funcref), an active
 * and a passive data segment, an active and a passive element segment. */
typedef struct hm {
    bool mem;
    uint64_t mem_min, mem_max;
    bool mem_has_max;
    uint32_t page_log2; /* 16, or 0 for 1-byte pages */
    bool mem64;         /* memory64: i64 addresses, u64 limits */
    bool table;
    uint64_t tab_min, tab_max;
    bool tab_has_max;
    bool tab64; /* table64: i64 indices, u64 limits */
    bool data;  /* active: data_len bytes 'x' at data_at */
    int32_t data_at;
    uint32_t data_len;
    bool passive_data; /* data segment 1 (0 without `data`): "wxyz" */
    bool elem;         /* active: elem_count refs to f at elem_at */
    int32_t elem_at;
    uint32_t elem_count;
    bool passive_elem;   /* elem segment 1 (0 without `elem`): 4 refs to f */
    const uint8_t *code; /* body: instructions and the final end */
    size_t code_len;
} hm;

/* Writes the module; returns its length (0 if cap was too small). */
size_t hm_build(const hm *h, uint8_t *buf, size_t cap);

/* The arena every case uses (reset before each). */
extern mote_arena *hostile_arena;

/* The case groups (cases_*.c). */
void cases_sizes(void);
void cases_grow(void);
void cases_access(void);
void cases_wasi(void);

/* Loads, must load; instantiates with cfg: must be refused with a status
 * in `allowed` (bit per mote_status) and leave the arena as it was. */
void expect_refused(const char *name, const hm *h, const mote_instance_config *cfg,
                    uint32_t allowed);
#define ST(s) (1u << (s))

/* A build without the group h needs (MOTE_WITH_<GROUP>=0): loading h must
 * be refused with MOTE_ERR_UNSUPPORTED naming `option`, leaving the arena
 * and the memory beyond it as they were. */
void expect_unbuilt(const char *name, const hm *h, const char *option);
/* A memory of 1-byte pages in a build without custom page sizes: checks
 * that the module is refused as expect_unbuilt does, and returns true (the
 * case's other checks are then moot).  hm_instance and expect_refused call
 * it first. */
bool expect_pages_unbuilt(const char *name, const hm *h);

/* Calls f(a, b, c) on a fresh instance: must trap with `trap`. */
void expect_trap(const char *name, const hm *h, uint32_t a, uint32_t b, uint32_t c, mote_trap trap);

/* Calls f(a, b, c) on a fresh instance: must return `want`. */
void expect_value(const char *name, const hm *h, uint32_t a, uint32_t b, uint32_t c, int32_t want);

/* Loads and instantiates h in the (reset) arena; NULL after a failed check. */
mote_instance *hm_instance(const char *name, const hm *h, const mote_instance_config *cfg);

/* Calls the export "f"; *st gets the status. */
int32_t call_f(mote_instance *inst, uint32_t a, uint32_t b, uint32_t c, mote_status *st);

/* The guard zones and the free RAM beyond the arena are untouched. */
bool sandbox_intact(void);

/* Is size_t 32 bits here? */
#define TARGET_32 (sizeof(size_t) == 4)

#endif
