/* mote host driver: loads a kernel's .wasm into the core and times
 * bench_run(scale) in process, like drivers/host.c does for native code.
 * Every run's result is checked: a wrong answer or a trap fails the driver.
 *
 * usage: mote-bench [--fuel] [--once] [--loads N] [--budget-ms T] KERNEL.wasm SCALE [RUNS]
 *
 *   default   RUNS timed calls (default 5) after one load; prints the median,
 *             min and max wall time and the median CPU time
 *   --fuel    2 x RUNS calls, alternately unmetered (MOTE_FUEL_OFF) and
 *             metered (mote_set_fuel(huge) before the call), in the order
 *             off,on,on,off,... so that a drift in machine load hits both
 *             sides alike; adds the metered figures and fuel_pct, the median
 *             of the per-pair overheads (on/off - 1, in percent), and
 *             fuel_cpu_pct, the same from CPU times
 *   --once    whole-process mode: read, load, instantiate, one call, exit
 *             (the caller times the process); prints only the result
 *   --loads N load timing: best of N loads (default: as many as fit in
 *             ~50 ms, at least 20, at most 5000)
 *   --budget-ms T  stop early, after at least 3 runs (pairs with --fuel),
 *             once T ms have gone by: bounds the time of a slow kernel; the
 *             runs= printed is the number done
 *
 * The instance uses the core's default stack sizes (instance config NULL),
 * as the board firmware (bench/firmware/main.c) does, so arena figures agree.
 *
 * prints one line of key=value pairs:
 *   kernel scale runs median_ms min_ms max_ms cpu_ms
 *   [fuel_median_ms fuel_min_ms fuel_max_ms fuel_cpu_ms fuel_pct fuel_cpu_pct
 *    fuel_steps]
 *   load_us loads wasm_bytes wasm_code_bytes code_bytes module_bytes
 *   instance_bytes arena_peak result=0 */
#define _POSIX_C_SOURCE 199309L
#include <mote/mote.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Fuel that a benchmark cannot use up: metering is real, pausing never. */
#define HUGE_FUEL ((int64_t)1 << 62)

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}

static double cpu_ms(void)
{
    return clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v[0..n) and returns its median. */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

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

static int leb_u32(const uint8_t *p, size_t len, size_t *pos, uint32_t *out)
{
    uint32_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (*pos >= len)
            return -1;
        uint8_t b = p[(*pos)++];
        v |= (uint32_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

/* Size of the code section's payload (what wasm-objdump -h reports as the
 * Code section's size), or 0 if there is none.  The module was validated
 * by mote_load() before this is called. */
static size_t wasm_code_bytes(const uint8_t *wasm, size_t len)
{
    size_t pos = 8;
    while (pos < len) {
        uint8_t id = wasm[pos++];
        uint32_t size;
        if (leb_u32(wasm, len, &pos, &size) != 0 || size > len - pos)
            return 0;
        if (id == 10)
            return size;
        pos += size;
    }
    return 0;
}

static const char *base_name(const char *path)
{
    static char name[128];
    const char *slash = strrchr(path, '/');
    snprintf(name, sizeof name, "%s", slash ? slash + 1 : path);
    char *dot = strrchr(name, '.');
    if (dot && strcmp(dot, ".wasm") == 0)
        *dot = 0;
    return name;
}

static void usage(const char *argv0)
{
    fprintf(stderr, "usage: %s [--fuel] [--once] [--loads N] KERNEL.wasm SCALE [RUNS]\n", argv0);
    exit(2);
}

int main(int argc, char **argv)
{
    int fuel = 0, once = 0, loads = 0;
    double budget_ms = 0;
    int argi = 1;
    for (; argi < argc && strncmp(argv[argi], "--", 2) == 0; argi++) {
        if (strcmp(argv[argi], "--fuel") == 0)
            fuel = 1;
        else if (strcmp(argv[argi], "--once") == 0)
            once = 1;
        else if (strcmp(argv[argi], "--loads") == 0 && argi + 1 < argc)
            loads = atoi(argv[++argi]);
        else if (strcmp(argv[argi], "--budget-ms") == 0 && argi + 1 < argc)
            budget_ms = atof(argv[++argi]);
        else
            usage(argv[0]);
    }
    if (argc - argi < 2 || argc - argi > 3)
        usage(argv[0]);
    const char *path = argv[argi];
    const char *name = base_name(path);
    uint32_t scale = (uint32_t)strtoul(argv[argi + 1], NULL, 0);
    int runs = argc - argi > 2 ? atoi(argv[argi + 2]) : 5;
    if (runs < 1 || runs > 1000) {
        fprintf(stderr, "RUNS must be 1..1000\n");
        return 2;
    }

    size_t len;
    uint8_t *wasm = read_file(path, &len);
    if (!wasm) {
        fprintf(stderr, "cannot read %s\n", path);
        return 2;
    }
    size_t arena_size = 8u << 20;
    uint8_t *buf = malloc(arena_size);
    mote_arena *arena = buf ? mote_arena_init(buf, arena_size) : NULL;
    if (!arena) {
        fprintf(stderr, "no arena\n");
        return 2;
    }
    mote_module *mod;
    mote_instance *inst;

    /* Load time (decode + validate + compile): the best of several loads,
     * each into the same fresh arena. */
    double load_ms = 1e9;
    int nloads = 0;
    double t_start = now_ms();
    for (;;) {
        mote_arena_reset(arena);
        double t0 = now_ms();
        mote_status st = mote_load(arena, wasm, len, NULL, &mod);
        double t = now_ms() - t0;
        if (st != MOTE_OK) {
            printf("kernel=%s load FAILED: %s\n", name, mote_arena_error(arena)->message);
            return 1;
        }
        if (t < load_ms)
            load_ms = t;
        nloads++;
        if (once)
            break;
        if (loads > 0 ? nloads >= loads
                      : nloads >= 5000 || (nloads >= 20 && now_ms() - t_start > 50))
            break;
    }
    size_t used_before = mote_arena_used(arena);
    if (mote_instantiate(arena, mod, NULL, 0, NULL, &inst) != MOTE_OK) {
        printf("kernel=%s instantiate FAILED: %s\n", name, mote_arena_error(arena)->message);
        return 1;
    }
    size_t instance_bytes = mote_arena_used(arena) - used_before;
    mote_func *run = mote_export_func(inst, "bench_run");
    if (!run) {
        printf("kernel=%s FAILED: no bench_run export\n", name);
        return 1;
    }

    int calls = fuel ? 2 * runs : runs;
    if (once)
        calls = 1;
    double *ms = malloc(sizeof *ms * (size_t)calls * 4);
    double *cpu = ms + calls;
    double *pair = cpu + calls, *cpu_pair = pair + runs;
    double off_ms[1000], on_ms[1000], off_cpu[1000], on_cpu[1000];
    int n_off = 0, n_on = 0;
    int64_t fuel_steps = 0;
    double runs_start = now_ms();
    for (int i = 0; i < calls; i++) {
        int done = fuel ? i / 2 : i; /* complete runs (pairs) so far */
        if (budget_ms > 0 && (!fuel || i % 2 == 0) && done >= 3 &&
            now_ms() - runs_start > budget_ms) {
            runs = done;
            break;
        }
        /* off,on, on,off, off,on, ...: pair i/2 has one call of each */
        int metered = fuel && ((i & 1) ^ ((i >> 1) & 1));
        mote_set_fuel(inst, metered ? HUGE_FUEL : MOTE_FUEL_OFF);
        mote_value arg = {.u32 = scale}, res = {.u32 = 0xdeadbeef};
        double c0 = cpu_ms();
        double t0 = now_ms();
        mote_status st = mote_call(inst, run, &arg, 1, &res, 1);
        ms[i] = now_ms() - t0;
        cpu[i] = cpu_ms() - c0;
        if (st != MOTE_OK || res.u32 != 0) {
            printf("kernel=%s scale=%u result=%u FAILED (%s) %s\n", name, scale, res.u32,
                   mote_status_name(st), st != MOTE_OK ? mote_arena_error(arena)->message : "");
            return 1;
        }
        if (metered) {
            fuel_steps = HUGE_FUEL - mote_get_fuel(inst);
            on_ms[n_on] = ms[i];
            on_cpu[n_on++] = cpu[i];
        } else {
            off_ms[n_off] = ms[i];
            off_cpu[n_off++] = cpu[i];
        }
    }
    if (once) {
        printf("kernel=%s scale=%u result=0\n", name, scale);
        return 0;
    }
    for (int p = 0; fuel && p < runs; p++) {
        pair[p] = 100.0 * (on_ms[p] / off_ms[p] - 1.0);
        cpu_pair[p] = 100.0 * (on_cpu[p] / off_cpu[p] - 1.0);
    }

    printf("kernel=%s scale=%u runs=%d", name, scale, runs);
    printf(" median_ms=%.3f", median(off_ms, n_off));
    printf(" min_ms=%.3f max_ms=%.3f", off_ms[0], off_ms[n_off - 1]);
    printf(" cpu_ms=%.3f", median(off_cpu, n_off));
    if (fuel) {
        printf(" fuel_median_ms=%.3f", median(on_ms, n_on));
        printf(" fuel_min_ms=%.3f fuel_max_ms=%.3f", on_ms[0], on_ms[n_on - 1]);
        printf(" fuel_cpu_ms=%.3f", median(on_cpu, n_on));
        printf(" fuel_pct=%.2f fuel_cpu_pct=%.2f fuel_steps=%lld", median(pair, runs),
               median(cpu_pair, runs), (long long)fuel_steps);
    }
    printf(" load_us=%.2f loads=%d wasm_bytes=%zu wasm_code_bytes=%zu code_bytes=%zu"
           " module_bytes=%zu instance_bytes=%zu arena_peak=%zu result=0\n",
           load_ms * 1000, nloads, len, wasm_code_bytes(wasm, len), mote_module_code_bytes(mod),
           mote_module_bytes(mod), instance_bytes, mote_arena_peak(arena));
    free(ms);
    free(wasm);
    free(buf);
    return 0;
}
