/*
 * Benchmark firmware: runs one kernel of bench/kernels under the mote core
 * on the board, counting guest instructions with bench/drivers/icount.h,
 * the way drivers/target.c counts the same kernel compiled natively.  Every
 * kernel is embedded in flash (CMakeLists.txt); the semihosting command
 * line picks one and its scale, as for the native ELFs:
 *
 *     bench/qemu.sh m3|rv32 mote-bench-fw.elf NAME SCALE
 *
 * Steps, each counted on its own (load and instantiate are outside the
 * bench_run window):
 *   load         mote_load: decode + validate + compile, wasm read in flash
 *   instantiate  mote_instantiate with the core's default stack sizes
 *   run          mote_call(bench_run, SCALE), fuel off (MOTE_FUEL_OFF)
 *   fuel run     the same call again with fuel set (metering on)
 *
 * The board's HAL is not started (no mote_hal_init): no interrupt can land
 * in a counted window, and TIMER0 on mps2 stays free for icount.h.  Output
 * goes through semihosting, like the native driver's:
 *   kernel=NAME scale=S instructions=N fuel_instructions=F
 *   load_instructions=L instantiate_instructions=I unit=U code_bytes=C
 *   module_bytes=M arena_peak=P result=R
 * Exit status 0 when every call returned 0 (the kernel verified itself).
 */
#include <inttypes.h>
#include <semihost.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/embed.h>
#include <mote/hal.h>
#include <mote/mote.h>

#include "icount.h"

#define KERNEL(name) MOTE_EMBEDDED_APP(bench_##name);
#include "kernels.inc"
#undef KERNEL

static const struct {
    const char *name;
    const uint8_t *wasm;
    const size_t *size;
} kernels[] = {
#define KERNEL(name) {#name, bench_##name, &bench_##name##_size},
#include "kernels.inc"
#undef KERNEL
};

#define HUGE_FUEL ((int64_t)1 << 62)

/* printf through semihosting (stdout is the board's UART, not started). */
__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{
    char line[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    sys_semihost_write0(line);
}

/* The instructions between the two reads around a step, less the cost of a
 * read itself (measured the same way as drivers/target.c does). */
static uint64_t read_cost;

static void calibrate(void)
{
    uint64_t c0 = icount_read();
    uint64_t c1 = icount_read();
    read_cost = c1 - c0;
}

static int fail(const char *name, const char *step, mote_arena *arena)
{
    say("kernel=%s %s FAILED: %s\n", name, step, arena ? mote_arena_error(arena)->message : "");
    return 1;
}

int main(void)
{
    /* Command line: NAME SCALE */
    char line[128];
    if (sys_semihost_get_cmdline(line, sizeof line) != 0) {
        say("mote-bench-fw: no semihosting command line (NAME SCALE)\n");
        return 2;
    }
    char *name = line, *p = line;
    while (*p && *p != ' ')
        p++;
    if (*p)
        *p++ = 0;
    while (*p == ' ')
        p++;
    uint32_t scale = *p ? (uint32_t)strtoul(p, NULL, 0) : 1;

    unsigned k = 0;
    while (k < sizeof kernels / sizeof kernels[0] && strcmp(kernels[k].name, name) != 0)
        k++;
    if (k == sizeof kernels / sizeof kernels[0]) {
        say("mote-bench-fw: no kernel '%s'; kernels:", name);
        for (k = 0; k < sizeof kernels / sizeof kernels[0]; k++)
            say(" %s", kernels[k].name);
        say("\n");
        return 2;
    }

    const mote_hal_board_info *board = mote_hal_board();
    mote_arena *arena = mote_arena_init((void *)board->free_ram_base, board->free_ram_size);
    if (arena == NULL)
        return fail(name, "arena", NULL);

    icount_start();
    calibrate();
    mote_module *module;
    mote_instance *inst;

    uint64_t t0 = icount_read();
    mote_status st = mote_load(arena, kernels[k].wasm, *kernels[k].size, NULL, &module);
    uint64_t t1 = icount_read();
    if (st != MOTE_OK)
        return fail(name, "load", arena);
    uint64_t load = t1 - t0 - read_cost;

    t0 = icount_read();
    st = mote_instantiate(arena, module, NULL, 0, NULL, &inst);
    t1 = icount_read();
    if (st != MOTE_OK)
        return fail(name, "instantiate", arena);
    uint64_t instantiate = t1 - t0 - read_cost;

    mote_func *run = mote_export_func(inst, "bench_run");
    if (run == NULL)
        return fail(name, "export bench_run", arena);

    uint64_t counts[2];
    uint32_t result = 0;
    for (int metered = 0; metered < 2; metered++) {
        mote_set_fuel(inst, metered ? HUGE_FUEL : MOTE_FUEL_OFF);
        mote_value arg = {.u32 = scale}, res = {.u32 = 0xdeadbeef};
        t0 = icount_read();
        st = mote_call(inst, run, &arg, 1, &res, 1);
        t1 = icount_read();
        if (st != MOTE_OK) {
            say("kernel=%s scale=%" PRIu32 " call %s: %s\n", name, scale, mote_status_name(st),
                mote_arena_error(arena)->message);
            return 1;
        }
        counts[metered] = t1 - t0 - read_cost;
        if (res.u32 != 0)
            result = res.u32;
    }

    say("kernel=%s scale=%" PRIu32 " instructions=%" PRIu64 " fuel_instructions=%" PRIu64
        " load_instructions=%" PRIu64 " instantiate_instructions=%" PRIu64 " unit=%u"
        " code_bytes=%lu module_bytes=%lu arena_peak=%lu result=%" PRIu32 "\n",
        name, scale, counts[0], counts[1], load, instantiate, (unsigned)ICOUNT_UNIT,
        (unsigned long)mote_module_code_bytes(module), (unsigned long)mote_module_bytes(module),
        (unsigned long)mote_arena_peak(arena), result);
    return result == 0 ? 0 : 1;
}
