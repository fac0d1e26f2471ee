/*
 * fuzz_common.h -- what the fuzz harnesses share: arenas sized per input,
 * dummy imports built from a module's own import list, argument values
 * drawn from fuzzer bytes, and an abort that libFuzzer reports as a crash
 * when one of mote's promises is broken (not only when memory is).
 */
#ifndef MOTE_FUZZ_COMMON_H
#define MOTE_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mote/mote.h>

/* A promise of the API was broken: stop so the fuzzer keeps the input. */
#define FUZZ_CHECK(cond)                          \
    do {                                          \
        if (!(cond))                              \
            fuzz_fail(__FILE__, __LINE__, #cond); \
    } while (0)
void fuzz_fail(const char *file, int line, const char *what);

/* True when MOTE_FUZZ_VERBOSE is set: harnesses then say what happened
 * (for reading a reproducer, not while fuzzing). */
bool fuzz_verbose(void);

/* An arena of `size` bytes at the end of buf[0..cap) (a static array), so
 * that AddressSanitizer's redzone after the array catches any access past
 * the arena's end; static buffers spare the fuzzers a large malloc per
 * input.  NULL if size > cap or too small for an arena. */
mote_arena *fuzz_arena_in(uint8_t *buf, size_t cap, size_t size);

/* A byte source over the fuzzer's input; reads past the end give zeros. */
typedef struct fuzz_bytes {
    const uint8_t *p;
    size_t n;
} fuzz_bytes;
uint8_t fuzz_u8(fuzz_bytes *b);
uint32_t fuzz_u32(fuzz_bytes *b);
uint64_t fuzz_u64(fuzz_bytes *b);

/* An argument of type t: often an edge value (0, -1, INT_MIN, NaN, inf...),
 * otherwise raw bits.  funcref arguments are NULL or `some_func`. */
mote_value fuzz_value(fuzz_bytes *b, mote_valtype t, mote_func *some_func);

/* How dummy host functions behave. */
typedef enum fuzz_host_mode {
    FUZZ_HOST_ZEROS,      /* return zero results */
    FUZZ_HOST_TRAP,       /* trap */
    FUZZ_HOST_PAUSE_ONCE, /* pause the first time, then return zeros */
    FUZZ_HOST_EXIT        /* end the program with an exit code */
} fuzz_host_mode;

#define FUZZ_MAX_IMPORTS 256

/* Everything a module's imports need, made in `objects` (tables, memories
 * and globals) and described in `imports`; host functions get signatures
 * spelled from the import's type (heap strings: fuzz_imports_free()).
 * Returns the number of imports prepared, or -1 when the module has more
 * than FUZZ_MAX_IMPORTS or an object could not be made (not a bug: an
 * import may ask for a 4 GiB memory). */
typedef struct fuzz_imports {
    mote_import imports[FUZZ_MAX_IMPORTS];
    struct fuzz_host {
        uint32_t num_params, num_results;
        fuzz_host_mode mode;
        uint32_t calls;
    } hosts[FUZZ_MAX_IMPORTS];
    char *sigs[FUZZ_MAX_IMPORTS];
    uint32_t count;
} fuzz_imports;

int fuzz_make_imports(fuzz_imports *fi, const mote_module *m, mote_arena *objects,
                      fuzz_host_mode mode);
void fuzz_imports_free(fuzz_imports *fi);

/* Fuel for a start function (mote_instance_config.start_fuel), so one
 * that loops fails instantiation instead of hanging the fuzzer. */
#define FUZZ_START_FUEL 100000

/* The arena's bytes in use must be back to `used` after a failed operation. */
void fuzz_check_restored(const mote_arena *a, size_t used);

#endif
