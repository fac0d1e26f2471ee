/* mote host driver: loads a kernel's .wasm into the core and times
 * bench_run(scale) in process, like drivers/host.c does for native code.
 * Every run's result is checked.
 *
 * usage: mote_host KERNEL.wasm SCALE [RUNS]
 * prints: kernel=NAME scale=S runs=R median_ms=M min_ms=A max_ms=B load_us=L
 *         wasm_code_bytes=W code_bytes=C arena_bytes=P result=0 */
#define _POSIX_C_SOURCE 199309L
#include <mote/mote.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(*len);
    if (buf && fread(buf, 1, *len, f) != *len) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* Bytes of the code section's function bodies (the wasm code size). */
static size_t wasm_code_bytes(const mote_module *m)
{
    (void)m;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s KERNEL.wasm SCALE [RUNS]\n", argv[0]);
        return 2;
    }
    size_t len;
    uint8_t *wasm = read_file(argv[1], &len);
    if (!wasm) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    uint32_t scale = (uint32_t)strtoul(argv[2], NULL, 0);
    int runs = argc > 3 ? atoi(argv[3]) : 5;
    size_t arena_size = 8u << 20;
    uint8_t *buf = malloc(arena_size);
    mote_arena *arena = mote_arena_init(buf, arena_size);
    mote_module *mod;
    mote_instance *inst;
    mote_instance_config cfg = {.value_stack_bytes = 256 * 1024, .call_stack_bytes = 64 * 1024};

    /* load time: best of several loads (each into a fresh arena state) */
    double load_ms = 1e9;
    for (int i = 0; i < 20; i++) {
        mote_arena_reset(arena);
        double t0 = now_ms();
        mote_status st = mote_load(arena, wasm, len, NULL, &mod);
        double t = now_ms() - t0;
        if (st != MOTE_OK) {
            fprintf(stderr, "load: %s\n", mote_arena_error(arena)->message);
            return 1;
        }
        if (t < load_ms)
            load_ms = t;
    }
    if (mote_instantiate(arena, mod, NULL, 0, &cfg, &inst) != MOTE_OK) {
        fprintf(stderr, "instantiate: %s\n", mote_arena_error(arena)->message);
        return 1;
    }
    mote_func *run = mote_export_func(inst, "bench_run");
    if (!run) {
        fprintf(stderr, "no bench_run export\n");
        return 1;
    }
    double *ms = malloc(sizeof *ms * (size_t)runs);
    for (int i = 0; i < runs; i++) {
        mote_value arg = {.u32 = scale}, res;
        double t0 = now_ms();
        mote_status st = mote_call(inst, run, &arg, 1, &res, 1);
        ms[i] = now_ms() - t0;
        if (st != MOTE_OK || res.u32 != 0) {
            printf("kernel=%s scale=%u result=%u FAILED %s\n", argv[1], scale, res.u32,
                   st ? mote_arena_error(arena)->message : "");
            return 1;
        }
    }
    qsort(ms, (size_t)runs, sizeof *ms, by_value);
    double median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    printf("kernel=%s scale=%u runs=%d median_ms=%.3f min_ms=%.3f max_ms=%.3f load_us=%.1f "
           "wasm_bytes=%zu code_bytes=%zu module_bytes=%zu arena_peak=%zu result=0\n",
           argv[1], scale, runs, median, ms[0], ms[runs - 1], load_ms * 1000, len,
           mote_module_code_bytes(mod), mote_module_bytes(mod), mote_arena_peak(arena));
    (void)wasm_code_bytes;
    return 0;
}
