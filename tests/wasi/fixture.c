/* fixture.c -- see fixture.h. */
#include "fixture.h"
#include "read_file.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GUARD 4096
#define ARENA (1024 * 1024)
#define PATTERN 0xA5
#define MAX_MEMORY 65536

static struct {
    uint8_t lo[GUARD];
    uint8_t arena[ARENA];
    uint8_t hi[GUARD];
} space;

static uint8_t snapshot[MAX_MEMORY];
static uint8_t *wasm_bytes;

static void fail(fixture *fx, const char *what)
{
    fprintf(stderr, "fixture: %s failed: %s\n", what, mote_arena_error(fx->arena)->message);
    exit(2);
}

/* The free space after the linear memory, to the arena buffer's end. */
static uint8_t *free_start(const fixture *fx)
{
    return fx->mem + fx->mem_size;
}

void fx_open(fixture *fx, const char *path, const mote_wasi_config *cfg)
{
    size_t len;
    free(wasm_bytes);
    wasm_bytes = read_file(path, &len);
    memset(&space, PATTERN, sizeof space);
    fx->arena = mote_arena_init(space.arena, sizeof space.arena);
    if (mote_wasi_init(&fx->ctx, cfg) != MOTE_OK) {
        fprintf(stderr, "fixture: bad config\n");
        exit(2);
    }
    if (mote_load(fx->arena, wasm_bytes, len, NULL, &fx->module) != MOTE_OK)
        fail(fx, "load");
    if (mote_wasi_instantiate(&fx->ctx, fx->arena, fx->module, NULL, &fx->inst) != MOTE_OK)
        fail(fx, "instantiate");
    mote_memory *mem = mote_instance_memory(fx->inst);
    fx->mem = mote_memory_data(mem);
    fx->mem_size = (size_t)mote_memory_size(mem);
    if (fx->mem_size > MAX_MEMORY) {
        fprintf(stderr, "fixture: memory larger than %d bytes\n", MAX_MEMORY);
        exit(2);
    }
    memset(free_start(fx), PATTERN, (size_t)(space.arena + ARENA - free_start(fx)));
    fx_snapshot(fx);
}

void fx_close(fixture *fx)
{
    mote_wasi_stop(&fx->ctx);
    mote_arena_reset(fx->arena);
}

int32_t fx_call(fixture *fx, const char *name, const mote_value *args, size_t nargs,
                mote_status *st)
{
    mote_func *f = mote_export_func(fx->inst, name);
    if (f == NULL) {
        fprintf(stderr, "fixture: no export %s\n", name);
        exit(2);
    }
    const mote_valtype *params, *results;
    uint32_t np, nr;
    mote_func_type(f, &params, &np, &results, &nr);
    mote_value result = {.u64 = 0};
    mote_status s = mote_call(fx->inst, f, args, nargs, &result, nr);
    if (st != NULL)
        *st = s;
    else if (s != MOTE_OK)
        fprintf(stderr, "fixture: %s: %s: %s\n", name, mote_status_name(s),
                mote_arena_error(fx->arena)->message);
    return result.i32;
}

int32_t fx_call_i(fixture *fx, const char *name, int n, ...)
{
    mote_value args[6] = {{.u64 = 0}};
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < 6; i++)
        args[i].u32 = va_arg(ap, uint32_t);
    va_end(ap);
    return fx_call(fx, name, args, (size_t)n, NULL);
}

int32_t fx_call_va(fixture *fx, const char *name, int n, va_list ap, mote_status *st)
{
    mote_value args[9] = {{.u64 = 0}};
    for (int i = 0; i < n && i < 9; i++)
        args[i].u64 = va_arg(ap, uint64_t);
    return fx_call(fx, name, args, (size_t)(n < 9 ? n : 9), st);
}

void fx_snapshot(fixture *fx)
{
    memcpy(snapshot, fx->mem, fx->mem_size);
}

static bool all(const uint8_t *p, size_t n, uint8_t value)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != value)
            return false;
    return true;
}

static bool inside(size_t i, uint32_t offset, uint32_t len)
{
    return i >= offset && i - offset < len;
}

bool fx_intact2(const fixture *fx, uint32_t off1, uint32_t len1, uint32_t off2, uint32_t len2)
{
    if (!all(space.lo, GUARD, PATTERN) || !all(space.hi, GUARD, PATTERN) ||
        !all(free_start(fx), (size_t)(space.arena + ARENA - free_start(fx)), PATTERN)) {
        fprintf(stderr, "fixture: bytes outside the linear memory changed\n");
        return false;
    }
    for (size_t i = 0; i < fx->mem_size; i++) {
        if (!inside(i, off1, len1) && !inside(i, off2, len2) && fx->mem[i] != snapshot[i]) {
            fprintf(stderr, "fixture: memory byte %zu changed outside the result\n", i);
            return false;
        }
    }
    return true;
}

bool fx_intact(const fixture *fx, uint32_t offset, uint32_t len)
{
    return fx_intact2(fx, offset, len, 0, 0);
}
