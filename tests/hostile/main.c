/*
 * main.c -- the hostile-module suite's firmware (see hostile.h): the
 * sandbox around the arena, the module builder and the expectations.
 * Prints a line per failed check and "hostile: N passed, N failed".
 */
#include <stdio.h>
#include <string.h>

#include <mote/hal.h>

#include "hostile.h"

MOTE_CHECK_DEFINE;

mote_arena *hostile_arena;

/* ---- the sandbox: guards around the arena, a pattern in the rest of RAM ---- */

#define GUARD_BYTES 256u
#define ARENA_MAX (256u * 1024u)
#define CANARY_MAX (64u * 1024u)

static uint8_t *guard_lo, *guard_hi, *canary;
static size_t canary_len;

static uint8_t pattern(size_t i)
{
    return (uint8_t)(0xA5 ^ (i * 31));
}

static void fill(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = pattern(i);
}

static bool intact(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != pattern(i))
            return false;
    return true;
}

bool sandbox_intact(void)
{
    return intact(guard_lo, GUARD_BYTES) && intact(guard_hi, GUARD_BYTES) &&
           intact(canary, canary_len);
}

static bool setup_sandbox(void)
{
    const mote_hal_board_info *board = mote_hal_board();
    uint8_t *ram = (uint8_t *)board->free_ram_base;
    size_t free_ram = board->free_ram_size;
    if (free_ram < 3 * GUARD_BYTES + 64 * 1024)
        return false;
    size_t arena_bytes = free_ram - 2 * GUARD_BYTES;
    if (arena_bytes > ARENA_MAX)
        arena_bytes = ARENA_MAX;
    guard_lo = ram;
    guard_hi = ram + GUARD_BYTES + arena_bytes;
    canary = guard_hi + GUARD_BYTES;
    canary_len = free_ram - (size_t)(canary - ram);
    if (canary_len > CANARY_MAX)
        canary_len = CANARY_MAX;
    fill(guard_lo, GUARD_BYTES);
    fill(guard_hi, GUARD_BYTES);
    fill(canary, canary_len);
    hostile_arena = mote_arena_init(ram + GUARD_BYTES, arena_bytes);
    return hostile_arena != NULL;
}

static const char *last_error(void)
{
    return mote_arena_error(hostile_arena)->message;
}

/* ---- the module builder ------------------------------------------------------ */

static void limits(wb *b, uint64_t min, bool has_max, uint64_t max, uint32_t log2, bool custom,
                   bool is64)
{
    wb_byte(b, (uint8_t)((has_max ? 1 : 0) | (is64 ? 4 : 0) | (custom ? 8 : 0)));
    wb_u32(b, min);
    if (has_max)
        wb_u32(b, max);
    if (custom)
        wb_u32(b, log2);
}

static void section_types(wb *b)
{
    wb_section_begin(b, 1);
    wb_u32(b, 1);
    wb_bytes(b, "\x60\x03\x7f\x7f\x7f\x01\x7f", 7); /* (i32 i32 i32) -> i32 */
    wb_section_end(b);
}

static void section_exports(wb *b, const hm *h)
{
    wb_section_begin(b, 7);
    wb_u32(b, 1 + h->mem + h->table);
    wb_name(b, "f");
    wb_byte(b, 0);
    wb_u32(b, 0);
    if (h->table) {
        wb_name(b, "t");
        wb_byte(b, 1);
        wb_u32(b, 0);
    }
    if (h->mem) {
        wb_name(b, "m");
        wb_byte(b, 2);
        wb_u32(b, 0);
    }
    wb_section_end(b);
}

static void section_elems(wb *b, const hm *h)
{
    wb_section_begin(b, 9);
    wb_u32(b, h->elem + h->passive_elem);
    if (h->elem) {
        wb_byte(b, 0); /* active, table 0 */
        wb_byte(b, h->tab64 ? OP(i64_const) : OP(i32_const));
        wb_s32(b, h->elem_at);
        wb_byte(b, OP(end));
        wb_u32(b, h->elem_count);
        for (uint32_t i = 0; i < h->elem_count; i++)
            wb_u32(b, 0);
    }
    if (h->passive_elem) {
        wb_byte(b, 1); /* passive, funcref indices */
        wb_byte(b, 0);
        wb_u32(b, 4);
        for (int i = 0; i < 4; i++)
            wb_u32(b, 0);
    }
    wb_section_end(b);
}

static void section_datas(wb *b, const hm *h)
{
    wb_section_begin(b, 11);
    wb_u32(b, h->data + h->passive_data);
    if (h->data) {
        wb_byte(b, 0);
        wb_byte(b, h->mem64 ? OP(i64_const) : OP(i32_const));
        wb_s32(b, h->data_at);
        wb_byte(b, OP(end));
        wb_u32(b, h->data_len);
        for (uint32_t i = 0; i < h->data_len; i++)
            wb_byte(b, 'x');
    }
    if (h->passive_data) {
        wb_byte(b, 1);
        wb_name(b, "wxyz");
    }
    wb_section_end(b);
}

size_t hm_build(const hm *h, uint8_t *buf, size_t cap)
{
    wb b;
    wb_init(&b, buf, cap);
    section_types(&b);
    wb_section_begin(&b, 3);
    wb_bytes(&b, "\x01\x00", 2);
    wb_section_end(&b);
    if (h->table) {
        wb_section_begin(&b, 4);
        wb_u32(&b, 1);
        wb_byte(&b, 0x70);
        limits(&b, h->tab_min, h->tab_has_max, h->tab_max, 0, false, h->tab64);
        wb_section_end(&b);
    }
    if (h->mem) {
        wb_section_begin(&b, 5);
        wb_u32(&b, 1);
        limits(&b, h->mem_min, h->mem_has_max, h->mem_max, h->page_log2, h->page_log2 != 16,
               h->mem64);
        wb_section_end(&b);
    }
    section_exports(&b, h);
    if (h->elem || h->passive_elem)
        section_elems(&b, h);
    if (h->data || h->passive_data) {
        wb_section_begin(&b, 12); /* data count: memory.init needs it */
        wb_u32(&b, h->data + h->passive_data);
        wb_section_end(&b);
    }
    wb_section_begin(&b, 10);
    wb_u32(&b, 1);
    wb_begin(&b);
    wb_u32(&b, 0);
    wb_bytes(&b, h->code, h->code_len);
    wb_end(&b);
    wb_section_end(&b);
    if (h->data || h->passive_data)
        section_datas(&b, h);
    return b.overflow ? 0 : b.len;
}

/* ---- expectations -------------------------------------------------------------- */

static uint8_t module_buf[4096];

mote_instance *hm_instance(const char *name, const hm *h, const mote_instance_config *cfg)
{
    if (expect_pages_unbuilt(name, h))
        return NULL;
    mote_arena_reset(hostile_arena);
    size_t len = hm_build(h, module_buf, sizeof module_buf);
    mote_module *m;
    mote_instance *inst;
    if (!CHECK(len > 0) || !CHECKF(mote_load(hostile_arena, module_buf, len, NULL, &m) == MOTE_OK,
                                   "%s: %s", name, last_error()))
        return NULL;
    mote_status st = mote_instantiate(hostile_arena, m, NULL, 0, cfg, &inst);
    CHECKF(st == MOTE_OK, "%s: %s", name, last_error());
    return st == MOTE_OK ? inst : NULL;
}

int32_t call_f(mote_instance *inst, uint32_t a, uint32_t b, uint32_t c, mote_status *st)
{
    mote_value args[3] = {{.u32 = a}, {.u32 = b}, {.u32 = c}}, res = {.u64 = 0};
    *st = mote_call(inst, mote_export_func(inst, "f"), args, 3, &res, 1);
    return res.i32;
}

void expect_refused(const char *name, const hm *h, const mote_instance_config *cfg,
                    uint32_t allowed)
{
    if (expect_pages_unbuilt(name, h))
        return;
    mote_arena_reset(hostile_arena);
    size_t len = hm_build(h, module_buf, sizeof module_buf);
    mote_module *m;
    mote_instance *inst = NULL;
    if (!CHECKF(mote_load(hostile_arena, module_buf, len, NULL, &m) == MOTE_OK, "%s: %s", name,
                last_error()))
        return;
    size_t used = mote_arena_used(hostile_arena);
    mote_status st = mote_instantiate(hostile_arena, m, NULL, 0, cfg, &inst);
    CHECKF(st != MOTE_OK && (allowed & ST(st)) && inst == NULL, "%s: status %s: %s", name,
           mote_status_name(st), last_error());
    CHECKF(mote_arena_used(hostile_arena) == used, "%s: the arena changed", name);
    CHECKF(sandbox_intact(), "%s: memory outside the arena changed", name);
    printf("hostile: %s: refused: %s\n", name, last_error());
}

void expect_unbuilt(const char *name, const hm *h, const char *option)
{
    mote_arena_reset(hostile_arena);
    size_t len = hm_build(h, module_buf, sizeof module_buf);
    size_t used = mote_arena_used(hostile_arena);
    mote_module *m = NULL;
    mote_status st = mote_load(hostile_arena, module_buf, len, NULL, &m);
    CHECKF(st == MOTE_ERR_UNSUPPORTED && m == NULL && strstr(last_error(), option),
           "%s: status %s: %s", name, mote_status_name(st), last_error());
    CHECKF(mote_arena_used(hostile_arena) == used, "%s: the arena changed", name);
    CHECKF(sandbox_intact(), "%s: memory outside the arena changed", name);
    printf("hostile: %s: refused: %s\n", name, last_error());
}

bool expect_pages_unbuilt(const char *name, const hm *h)
{
    if (MOTE_WITH_CUSTOM_PAGE_SIZES || !h->mem || h->page_log2 != 0)
        return false;
    expect_unbuilt(name, h, "MOTE_WITH_CUSTOM_PAGE_SIZES");
    return true;
}

void expect_trap(const char *name, const hm *h, uint32_t a, uint32_t b, uint32_t c, mote_trap trap)
{
    mote_instance *inst = hm_instance(name, h, NULL);
    if (!inst)
        return;
    mote_status st;
    int32_t v = call_f(inst, a, b, c, &st);
    const mote_error *e = mote_arena_error(hostile_arena);
    CHECKF(st == MOTE_TRAP && e->trap == trap, "%s: status %s, value %d: %s", name,
           mote_status_name(st), (int)v, e->message);
    CHECKF(sandbox_intact(), "%s: memory outside the arena changed", name);
}

void expect_value(const char *name, const hm *h, uint32_t a, uint32_t b, uint32_t c, int32_t want)
{
    mote_instance *inst = hm_instance(name, h, NULL);
    if (!inst)
        return;
    mote_status st;
    int32_t v = call_f(inst, a, b, c, &st);
    CHECKF(st == MOTE_OK && v == want, "%s: status %s, value %d, want %d: %s", name,
           mote_status_name(st), (int)v, (int)want, last_error());
    CHECKF(sandbox_intact(), "%s: memory outside the arena changed", name);
}

int main(void)
{
    mote_hal_init();
    check_state.context = NULL;
    if (!setup_sandbox()) {
        printf("hostile: not enough free RAM for the arena and its guards\n");
        return 1;
    }
    check_state.context = last_error;
    printf("hostile: %u-bit size_t, arena of %u bytes\n", (unsigned)(sizeof(size_t) * 8),
           (unsigned)mote_arena_size(hostile_arena));
    cases_sizes();
    cases_grow();
    cases_access();
    cases_wasi();
    CHECK(sandbox_intact());
    return check_summary("hostile");
}
