/*
 * ram_floor.c -- the RAM floor of `make size`: for each module given, what
 * an instance needs beyond its linear memory, its stacks and its compiled
 * code, and the smallest stacks that run it.
 *
 * usage: mote-ram-floor SCALE MODULE.wasm...
 *
 * Each module exports bench_run(scale) -> 0 on success (the bench kernels
 * do).  Per module, one line of name=value pairs:
 *
 *   module_state   arena bytes of the loaded module beyond its compiled code
 *                  (types, functions, exports, segments' descriptions)
 *   code           compiled code bytes (in the arena, or in flash with an image)
 *   instance_state arena bytes of the instance beyond its linear memory and
 *                  its two stacks: the VM state per instance
 *   memory         linear memory at instantiation
 *   value_stack, call_stack   the smallest stacks (bytes) with which
 *                  bench_run(SCALE) still returns 0: found by bisection, each
 *                  with the other stack large; a smaller one traps with
 *                  "call stack exhausted"
 *   frames         call_stack in frame records
 *
 * The core's arena layouts use fixed-width fields only, so these figures
 * are the boards' too (mote_measure()).
 */
#include <mote/mote.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIG_STACK (1u << 20)
#define ARENA_BYTES (64u << 20)
#define FRAME_BYTES 24u /* a call frame record: three 64-bit fields */

static uint8_t *arena_buf;

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = size > 0 ? malloc((size_t)size) : NULL;
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf ? (size_t)size : 0;
    return buf;
}

/* Runs bench_run(scale) with these stacks: 1 if it returns 0, 0 if it
 * fails (a trap: stack exhausted), -1 if the module cannot even load. */
static int runs_with(const uint8_t *wasm, size_t len, uint32_t scale, uint32_t vs, uint32_t cs)
{
    mote_arena *arena = mote_arena_init(arena_buf, ARENA_BYTES);
    mote_module *module;
    mote_instance *inst;
    mote_instance_config cfg = {.value_stack_bytes = vs, .call_stack_bytes = cs};
    if (!arena || mote_load(arena, wasm, len, NULL, &module) != MOTE_OK ||
        mote_instantiate(arena, module, NULL, 0, &cfg, &inst) != MOTE_OK) {
        fprintf(stderr, "ram-floor: %s\n", arena ? mote_arena_error(arena)->message : "arena");
        return -1;
    }
    mote_func *run = mote_export_func(inst, "bench_run");
    mote_value arg = {.u32 = scale}, res = {.u32 = 1};
    if (!run)
        return -1;
    return mote_call(inst, run, &arg, 1, &res, 1) == MOTE_OK && res.u32 == 0;
}

/* The smallest multiple of `step` in [step, BIG_STACK] for which ok(n) holds,
 * ok being monotone; 0 if none. */
static uint32_t smallest(const uint8_t *wasm, size_t len, uint32_t scale, int value, uint32_t step)
{
    uint32_t lo = 0, hi = BIG_STACK / step; /* ok(lo * step) false, ok(hi * step) true */
    if (runs_with(wasm, len, scale, value ? BIG_STACK : BIG_STACK, BIG_STACK) != 1)
        return 0;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t n = mid * step;
        int ok = value ? runs_with(wasm, len, scale, n, BIG_STACK)
                       : runs_with(wasm, len, scale, BIG_STACK, n);
        if (ok == 1)
            hi = mid;
        else
            lo = mid;
    }
    return hi * step;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s SCALE MODULE.wasm...\n", argv[0]);
        return 2;
    }
    uint32_t scale = (uint32_t)strtoul(argv[1], NULL, 0);
    arena_buf = malloc(ARENA_BYTES);
    int failed = 0;
    for (int i = 2; i < argc; i++) {
        size_t len;
        uint8_t *wasm = read_file(argv[i], &len);
        if (!wasm) {
            fprintf(stderr, "ram-floor: cannot read %s\n", argv[i]);
            failed = 1;
            continue;
        }
        /* the state figures, with small stacks so that they stand out */
        mote_arena *arena = mote_arena_init(arena_buf, ARENA_BYTES);
        mote_instance_config cfg = {.value_stack_bytes = 1024,
                                    .call_stack_bytes = 48 * FRAME_BYTES};
        mote_needs needs;
        mote_module *module;
        mote_instance *inst;
        if (mote_measure(arena, wasm, len, NULL, &cfg, &needs) != MOTE_OK ||
            mote_load(arena, wasm, len, NULL, &module) != MOTE_OK ||
            mote_instantiate(arena, module, NULL, 0, &cfg, &inst) != MOTE_OK) {
            fprintf(stderr, "ram-floor: %s: %s\n", argv[i], mote_arena_error(arena)->message);
            failed = 1;
            free(wasm);
            continue;
        }
        size_t code = mote_module_code_bytes(module);
        mote_memory *mem = mote_instance_memory(inst);
        uint64_t memory = mem ? mote_memory_size(mem) : 0;
        size_t state =
            needs.instance_bytes - cfg.value_stack_bytes - cfg.call_stack_bytes - (size_t)memory;
        uint32_t vs = smallest(wasm, len, scale, 1, 8);
        uint32_t cs = smallest(wasm, len, scale, 0, FRAME_BYTES);
        printf("module=%s wasm=%zu module_state=%zu code=%zu instance_state=%zu memory=%llu "
               "value_stack=%u call_stack=%u frames=%u\n",
               base_name(argv[i]), len, needs.module_bytes - code, code, state,
               (unsigned long long)memory, vs, cs, cs / FRAME_BYTES);
        if (!vs || !cs)
            failed = 1;
        free(wasm);
    }
    free(arena_buf);
    return failed;
}
