/*
 * fixture.h -- one app instance under test: a module loaded from a file,
 * instantiated with WASI-lite on the simulated HAL, its memory in reach,
 * and guard bytes around everything the host functions must not touch.
 *
 * Layout of the fixture's static buffer:
 *   [guard 4 KiB][arena ... linear memory ... free space][guard 4 KiB]
 * fx_open() fills both guards and the free space after the linear memory
 * (to the arena's end) with a pattern; fx_intact() checks them, and
 * compares the linear memory with the last fx_snapshot() outside the one
 * range a call was allowed to write.
 */
#ifndef WASI_TEST_FIXTURE_H
#define WASI_TEST_FIXTURE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mote/mote.h>
#include <mote/wasi.h>

typedef struct fixture {
    mote_arena *arena;
    mote_module *module;
    mote_instance *inst;
    mote_wasi ctx;
    uint8_t *mem;
    size_t mem_size;
} fixture;

/* Loads and instantiates the module at path; exits the test on failure. */
void fx_open(fixture *fx, const char *path, const mote_wasi_config *cfg);
void fx_close(fixture *fx);

/* Calls export `name` with args; returns its i32 result (0 if none) and
 * the status in *st (may be NULL: then anything but MOTE_OK fails). */
int32_t fx_call(fixture *fx, const char *name, const mote_value *args, size_t nargs,
                mote_status *st);

/* Shorthand for exports taking up to six i32 arguments. */
int32_t fx_call_i(fixture *fx, const char *name, int n, ...);

/* fx_call with n (up to nine) arguments from ap, each a uint64_t (the
 * import takes i32 or i64 as its type says). */
int32_t fx_call_va(fixture *fx, const char *name, int n, va_list ap, mote_status *st);

void fx_snapshot(fixture *fx);

/* True if the guards and the free space are intact and the memory equals
 * the snapshot except in [offset, offset+len). */
bool fx_intact(const fixture *fx, uint32_t offset, uint32_t len);
/* The same with two ranges the call may write. */
bool fx_intact2(const fixture *fx, uint32_t off1, uint32_t len1, uint32_t off2, uint32_t len2);

#endif /* WASI_TEST_FIXTURE_H */
