/* Native host driver: times bench_run(scale) over several runs with
 * CLOCK_MONOTONIC and prints the median. Every run's result is checked;
 * a kernel that fails its own verification fails the driver.
 *
 * usage: <kernel> SCALE [RUNS]
 * prints: kernel=NAME scale=S runs=R median_ms=M min_ms=A max_ms=B cpu_ms=C
 *         result=0
 * (median, min and max wall time; cpu_ms is the median process CPU time) */
#define _POSIX_C_SOURCE 199309L
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifndef BENCH_NAME
#define BENCH_NAME "kernel"
#endif

uint32_t bench_run(uint32_t scale);

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

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s SCALE [RUNS]\n", argv[0]);
        return 2;
    }
    uint32_t scale = (uint32_t)strtoul(argv[1], NULL, 0);
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 1000) {
        fprintf(stderr, "RUNS must be 1..1000\n");
        return 2;
    }
    double *ms = malloc(sizeof *ms * (size_t)runs * 2);
    if (!ms)
        return 2;
    double *cpu = ms + runs;
    for (int i = 0; i < runs; i++) {
        double c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
        double t0 = now_ms();
        uint32_t r = bench_run(scale);
        ms[i] = now_ms() - t0;
        cpu[i] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
        if (r != 0) {
            printf("kernel=%s scale=%" PRIu32 " result=%" PRIu32 " FAILED\n", BENCH_NAME, scale, r);
            return 1;
        }
    }
    qsort(ms, (size_t)runs, sizeof *ms, by_value);
    /* Median: middle value, or the mean of the middle two. */
    double median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    qsort(cpu, (size_t)runs, sizeof *cpu, by_value);
    double cpu_median = runs % 2 ? cpu[runs / 2] : (cpu[runs / 2 - 1] + cpu[runs / 2]) / 2;
    printf("kernel=%s scale=%" PRIu32 " runs=%d median_ms=%.3f min_ms=%.3f "
           "max_ms=%.3f cpu_ms=%.3f result=0\n",
           BENCH_NAME, scale, runs, median, ms[0], ms[runs - 1], cpu_median);
    free(ms);
    return 0;
}
