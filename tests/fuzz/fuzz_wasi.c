/*
 * fuzz_wasi.c -- hostile argument values to every WASI-lite host function.
 *
 * The module is tests/wasi/forward.wat (embedded at build time): one
 * export per WASI-lite import, arguments passed straight through, one
 * 64 KiB page of memory.  The input is a configuration byte, then a
 * program of up to MAX_OPS operations, each chosen by one byte (below
 * SPECIAL_OP: call export byte % count; from SPECIAL_OP up: the others):
 *   - call export k with arguments that are edge values (0, -1, the memory
 *     size and its neighbours, values that wrap 32 bits when added...) or
 *     raw input bytes;
 *   - write input bytes into linear memory (to build iovecs, subscriptions
 *     and strings the host will parse);
 *   - let virtual time pass (timers fire), queue console input, drive a pin.
 * The app has files: preopen fd 3 is "/" on a flash file system in RAM
 * (fs/, put back to the same few files before each input), so path_open,
 * fd_readdir, path_rename & co. get hostile paths and pointers too.
 * (Unless WASI-lite is built without files, MOTE_WASI_FILES=OFF as in
 * minimal, which refuses preopens: then FUZZ_WASI_FILES is 0, and the same
 * calls get the same arguments with no directory given.)
 * The HAL is tests/wasi/sim_hal.c (virtual time, scripted pins and input),
 * in cooperative mode, so a wait pauses the call instead of sleeping; the
 * harness abandons a paused call.
 *
 * Checked after every call, beyond ASan and UBSan:
 *   - no host function traps (WASI calls return an errno, device calls a
 *     value or -errno: wasi-lite/README and device.h promise it);
 *   - a WASI call's errno lies in 0..76;
 *   - nothing outside the linear memory changed: guard bytes around the
 *     arena and the arena's free space keep their pattern (checked at the
 *     end of each input).
 */
#include <stdlib.h>
#include <string.h>

#include <mote/hal.h>
#include <mote/wasi.h>

#include "fuzz_common.h"
#include "sim_hal.h"

extern const unsigned char fuzz_wasi_module[];
extern const size_t fuzz_wasi_module_len;

#define GUARD 4096
#define ARENA (160u * 1024u)
#define PATTERN 0xA5
#define MAX_OPS 64
#define MAX_EXPORTS 96
#define WASI_ERRNO_MAX 76
#define SPECIAL_OP 0xE0
#ifndef FUZZ_WASI_FILES
#define FUZZ_WASI_FILES 1 /* tests/fuzz/CMakeLists.txt: 0 if WASI-lite has no files */
#endif

static struct {
    uint8_t lo[GUARD];
    uint8_t arena[ARENA];
    uint8_t hi[GUARD];
} space;

/* Exports of the module: names, and whether a call is a WASI one (errno). */
static struct {
    const char *name;
    size_t len;
    bool wasi;
} exports[MAX_EXPORTS];
static size_t nexports;

/* forward.wat names the device API's exports "mote.<name>". */
static bool is_device_call(const char *name, size_t len)
{
    return len > 5 && memcmp(name, "mote.", 5) == 0;
}

/* The module is loaded once, into an arena of its own; each input gets a
 * fresh instance in `space` (the core allows the two arenas to differ). */
static uint8_t module_buf[256u * 1024u];
static mote_module *module;

static void load_module(void)
{
    mote_arena *a = mote_arena_init(module_buf, sizeof module_buf);
    FUZZ_CHECK(mote_load(a, fuzz_wasi_module, fuzz_wasi_module_len, NULL, &module) == MOTE_OK);
    uint32_t n = mote_module_num_exports(module);
    for (uint32_t i = 0; i < n && nexports < MAX_EXPORTS; i++) {
        mote_extern_info info;
        FUZZ_CHECK(mote_module_export(module, i, &info) == MOTE_OK);
        if (info.kind != MOTE_EXTERN_FUNC)
            continue;
        /* names point into the embedded module, which never goes away */
        exports[nexports].name = info.name;
        exports[nexports].len = info.name_len;
        exports[nexports].wasi = !is_device_call(info.name, info.name_len);
        nexports++;
    }
    FUZZ_CHECK(nexports > 0);
}

/* ---- guards ------------------------------------------------------------------ */

static uint8_t *free_start; /* first byte after the linear memory */

static void fill_guards(void)
{
    memset(space.lo, PATTERN, sizeof space.lo);
    memset(space.hi, PATTERN, sizeof space.hi);
}

static void fill_free_space(void)
{
    memset(free_start, PATTERN, (size_t)(space.arena + ARENA - free_start));
}

static bool all_pattern(const uint8_t *p, size_t n)
{
    static uint8_t pattern[ARENA];
    if (pattern[0] != PATTERN)
        memset(pattern, PATTERN, sizeof pattern);
    return n <= sizeof pattern && memcmp(p, pattern, n) == 0;
}

/* ---- arguments --------------------------------------------------------------- */

/* Edge values for pointers and lengths against a 64 KiB memory: its ends,
 * just past them, values whose sum with a pointer wraps 32 bits. */
static const uint32_t edge32[] = {
    0,
    1,
    2,
    3,
    4,
    8,
    16,
    64,
    1024,
    65532,
    65535,
    65536,
    65537,
    0x7FFFFFFFu,
    0x80000000u,
    0xFFFFFFF0u,
    0xFFFFFFFCu,
    0xFFFFFFFFu,
    0x10000u - 8,
    0x0000FFF8u,
};
static const uint64_t edge64[] = {
    0,
    1,
    1000,
    1000000,
    0xFFFFFFFFull,
    0x100000000ull,
    0x7FFFFFFFFFFFFFFFull,
    0x8000000000000000ull,
    ~0ull,
    60000000000ull,
};

static mote_value argument(fuzz_bytes *in, mote_valtype t)
{
    mote_value v;
    memset(&v, 0, sizeof v);
    uint8_t sel = fuzz_u8(in);
    if (t == MOTE_I64)
        v.u64 = (sel & 0x80) ? fuzz_u64(in) : edge64[sel % (sizeof edge64 / sizeof edge64[0])];
    else
        v.u32 = (sel & 0x80) ? fuzz_u32(in) : edge32[sel % (sizeof edge32 / sizeof edge32[0])];
    return v;
}

/* ---- operations ---------------------------------------------------------------- */

static void call_export(mote_wasi *ctx, mote_instance *inst, fuzz_bytes *in, size_t k)
{
    mote_extern ext;
    FUZZ_CHECK(mote_find_export(inst, exports[k].name, exports[k].len, &ext) == MOTE_OK);
    const mote_valtype *params, *results;
    uint32_t np, nr;
    mote_func_type(ext.u.func, &params, &np, &results, &nr);
    FUZZ_CHECK(np <= 16 && nr <= 1);
    mote_value args[16], res[1] = {{0}};
    for (uint32_t i = 0; i < np; i++)
        args[i] = argument(in, params[i]);
    mote_status st = mote_call(inst, ext.u.func, args, np, res, nr);
    if (st == MOTE_PAUSED) {
        /* a wait in cooperative mode: give it up, as a firmware may */
        mote_abandon(inst);
        mote_wasi_forget_wait(ctx);
        return;
    }
    if (st == MOTE_TRAP && fuzz_verbose())
        fprintf(stderr, "%.*s trapped: %s\n", (int)exports[k].len, exports[k].name,
                mote_arena_error(mote_instance_arena(inst))->message);
    FUZZ_CHECK(st == MOTE_OK || st == MOTE_EXIT);
    if (st == MOTE_OK && nr == 1 && results[0] == MOTE_I32) {
        if (exports[k].wasi)
            FUZZ_CHECK(res[0].u32 <= WASI_ERRNO_MAX);
        else
            FUZZ_CHECK(res[0].i32 >= -WASI_ERRNO_MAX);
    }
}

static void special(fuzz_bytes *in, uint8_t *mem, size_t mem_size, unsigned kind)
{
    switch (kind % 4) {
    case 0: { /* bytes into linear memory */
        uint32_t at = (fuzz_u8(in) | (uint32_t)fuzz_u8(in) << 8) % mem_size;
        uint32_t len = fuzz_u8(in);
        for (uint32_t i = 0; i < len && at + i < mem_size; i++)
            mem[at + i] = fuzz_u8(in);
        break;
    }
    case 1: /* time passes: up to 2 s; timers and scripted edges fire */
        sim_advance(fuzz_u32(in) % 2000000u);
        break;
    case 2: { /* console input arrives */
        uint8_t data[32];
        size_t len = fuzz_u8(in) % sizeof data;
        for (size_t i = 0; i < len; i++)
            data[i] = fuzz_u8(in);
        sim_console_input(sim_now(), data, len);
        break;
    }
    default: { /* an external signal on a pin */
        uint8_t pin = fuzz_u8(in);
        uint16_t after = (uint16_t)(fuzz_u8(in) | fuzz_u8(in) << 8);
        sim_gpio_drive(pin % SIM_PINS, pin & 0x80, sim_now() + after);
        break;
    }
    }
}

/*
 * A fresh instance for each input.  Instantiating binds some ninety imports
 * by name, which under the fuzzer's comparison tracing took most of each
 * run; so the arena is instantiated once, its bytes (instance, memory, and
 * the pattern in its free space) are kept, and every later input starts
 * from a copy of them at the same address.  The instance depends on the
 * wasi-lite context only through its address (the host functions' user
 * pointer), and the context is re-initialised per input with its own
 * configuration; only the instance link is put back.
 */
static uint8_t arena_snapshot[ARENA];
static mote_instance *snapshot_inst;

static mote_instance *fresh_instance(mote_wasi *ctx)
{
    if (snapshot_inst == NULL) {
        mote_arena *a = mote_arena_init(space.arena, sizeof space.arena);
        /* small stacks: the calls are one level deep */
        mote_instance_config icfg = {.value_stack_bytes = 4096, .call_stack_bytes = 512};
        FUZZ_CHECK(mote_wasi_instantiate(ctx, a, module, &icfg, &snapshot_inst) == MOTE_OK);
        mote_memory *memory = mote_instance_memory(snapshot_inst);
        free_start = mote_memory_data(memory) + mote_memory_size(memory);
        fill_free_space();
        memcpy(arena_snapshot, space.arena, sizeof arena_snapshot);
    } else {
        memcpy(space.arena, arena_snapshot, sizeof space.arena);
        ctx->inst = snapshot_inst;
    }
    return snapshot_inst;
}

/* ---- files: a flash file system in RAM, the same at the start of every input */

#define NOR_SIZE (32u * 1024u)
#define NOR_SECTOR 1024u
static uint8_t nor[NOR_SIZE], nor_start[NOR_SIZE];

static int nor_read(void *c, uint32_t off, void *buf, uint32_t len)
{
    (void)c;
    memcpy(buf, nor + off, len);
    return 0;
}

static int nor_erase(void *c, uint32_t off)
{
    (void)c;
    memset(nor + off, 0xFF, NOR_SECTOR);
    return 0;
}

static int nor_program(void *c, uint32_t off, const void *buf, uint32_t len)
{
    (void)c;
    for (uint32_t i = 0; i < len; i++)
        nor[off + i] &= ((const uint8_t *)buf)[i];
    return 0;
}

static const mote_fs_flash nor_flash = {.size = NOR_SIZE,
                                        .sector_size = NOR_SECTOR,
                                        .write_size = 4,
                                        .read = nor_read,
                                        .erase = nor_erase,
                                        .program = nor_program};
static mote_fs fs;
static uint8_t fs_ram[512];
static mote_wasi_flash files;
static mote_fs_quota quota;
static mote_wasi_fd fds[6];
static const mote_wasi_preopen preopen = {
    .guest_path = "/", .ops = &mote_wasi_flash_ops, .backend = &files};

/* Mounts the file system as it was first made: a directory and two files. */
static void fresh_files(void)
{
    static bool made;
    mote_fs_config c = {
        .flash = &nor_flash, .ram = fs_ram, .ram_size = sizeof fs_ram, .cache_size = 64};
    if (!made) {
        memset(nor, 0xFF, sizeof nor);
        FUZZ_CHECK(mote_fs_format(&fs, &c, NULL) == MOTE_FS_OK);
        FUZZ_CHECK(mote_fs_mount(&fs, &c) == MOTE_FS_OK);
        mote_fs_mkdir(&fs, MOTE_FS_ROOT, "d");
        mote_fs_file f;
        static const char *const names[] = {"a", "d/b"};
        for (int i = 0; i < 2; i++)
            if (mote_fs_open(&fs, &f, MOTE_FS_ROOT, names[i], MOTE_FS_O_WRITE | MOTE_FS_O_CREATE) ==
                MOTE_FS_OK) {
                mote_fs_write(&f, "0123456789abcdef", 16, NULL);
                mote_fs_close(&f);
            }
        mote_fs_unmount(&fs);
        memcpy(nor_start, nor, sizeof nor);
        made = true;
    }
    memcpy(nor, nor_start, sizeof nor);
    FUZZ_CHECK(mote_fs_mount(&fs, &c) == MOTE_FS_OK);
    quota = (mote_fs_quota){.max_blocks = 8, .max_objects = 8};
    FUZZ_CHECK(mote_wasi_flash_init(&files, &fs, "", &quota) == MOTE_FS_OK);
}

static const char *const argv_[] = {"app", "--flag", "", "a somewhat longer argument"};
static const char *const envp_[] = {"LED=30", "BUTTON=1", "EMPTY="};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (module == NULL)
        load_module();
    if (size < 1)
        return 0;
    fuzz_bytes in = {data, size};
    uint8_t config = fuzz_u8(&in);

    sim_reset();
    fill_guards();
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    static const uint64_t pin_sets[4] = {0, ~0ull, 0x5555555555555555ull,
                                         1ull << SIM_PIN_LED_ONLY | 3};
    cfg.pins = pin_sets[config & 3];
    cfg.max_timers = (config >> 2) & 7;
    cfg.input_cr_to_nl = config & 0x40;
    cfg.eof_byte = (config & 0x80) ? 0x04 : 0;
    cfg.argv = argv_;
    cfg.argc = 4;
    cfg.envp = envp_;
    cfg.envc = 3;
    cfg.cooperative = true;
    if (FUZZ_WASI_FILES) {
        fresh_files();
        cfg.preopens = &preopen;
        cfg.npreopens = 1;
    }
    cfg.fds = fds;
    cfg.max_fds = (uint8_t)(sizeof fds / sizeof fds[0]);

    if (config & 0x20)
        mote_hal_rtc_set(1700000000000000ull); /* a wall clock (sim_reset forgets it) */
    static mote_wasi ctx;
    FUZZ_CHECK(mote_wasi_init(&ctx, &cfg) == MOTE_OK);
    mote_instance *inst = fresh_instance(&ctx);
    mote_memory *memory = mote_instance_memory(inst);
    uint8_t *mem = mote_memory_data(memory);
    size_t mem_size = (size_t)mote_memory_size(memory);

    for (int op = 0; op < MAX_OPS && in.n > 0; op++) {
        uint8_t k = fuzz_u8(&in);
        if (k >= SPECIAL_OP)
            special(&in, mem, mem_size, k - SPECIAL_OP);
        else
            call_export(&ctx, inst, &in, k % nexports);
    }
    mote_wasi_stop(&ctx);
    /* Checked once per input, not per call: comparing the free space after
     * each of 64 calls made the fuzzer twenty times slower, and the input
     * that broke it is kept either way. */
    FUZZ_CHECK(all_pattern(free_start, (size_t)(space.arena + ARENA - free_start)));
    FUZZ_CHECK(all_pattern(space.lo, sizeof space.lo) && all_pattern(space.hi, sizeof space.hi));
    return 0;
}
