/*
 * test_rows.c -- the compiler's row table (core/src/compile_rows.c) against
 * the instruction list (core/src/wasm_ops.h), in the build it is linked
 * with: every instruction of a group the build has has a row whose compile
 * function is linked, no instruction of a group it leaves out has one, and
 * the build's instructions are numbered first, so that the table stops
 * after them.  A row put in the #if block of the wrong group fails here.
 *
 * The same program is linked with the preset's core and with a copy built
 * as minimal without floats (tests/unit/CMakeLists.txt), which also loads
 * and runs an integer module, and refuses a float one naming the option.
 */
#include <mote/mote.h>

#include <stdio.h>
#include <string.h>

#include "compile.h"
#include "mote_check.h"

MOTE_CHECK_DEFINE;

#define HEADER 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00

/* (func (export "f") (param i32) (result i32) local.get 0 i32.const 3 i32.mul) */
static const uint8_t times3[] = {HEADER, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F, 0x03, 0x02,
                                 0x01,   0x00, 0x07, 0x05, 0x01, 0x01, 'f',  0x00, 0x00, 0x0A, 0x09,
                                 0x01,   0x07, 0x00, 0x20, 0x00, 0x41, 0x03, 0x6C, 0x0B};

/* (func (result f32) f32.const 0 f32.neg): f32.neg (0x8C) at offset 29 */
static const uint8_t fneg[] = {HEADER, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7D,
                               0x03,   0x02, 0x01, 0x00, 0x0A, 0x0A, 0x01, 0x08,
                               0x00,   0x43, 0x00, 0x00, 0x00, 0x00, 0x8C, 0x0B};

static uint8_t buf[256 * 1024];

static void check_rows(void)
{
    uint32_t built = 0;
    for (uint32_t i = 0; i < WASM_FD_FIRST_ || (MOTE_WITH_SIMD && i < WASM_COUNT_); i++) {
        wasm_op op = (wasm_op)i;
        bool in = feature_built(wasm_op_group(op));
        const crow *row = i < COMPILE_ROW_COUNT ? &compile_rows[i] : NULL;
        bool has_row = row && row->fn != CF_NONE_;
        CHECKF(in == has_row, "%s: group %s, row %s", wasm_op_name(op), in ? "built" : "left out",
               has_row ? "present" : "absent");
        if (has_row)
            CHECKF(row->fn < CF_COUNT_ && compile_fns[row->fn] != NULL,
                   "%s: its compile function is not linked", wasm_op_name(op));
        if (i < WASM_FD_FIRST_) {
            CHECKF(in == (i < WASM_ROWS_), "%s: numbered %u, the build's end at %u",
                   wasm_op_name(op), (unsigned)i, (unsigned)WASM_ROWS_);
            built += in;
        }
    }
    CHECK_EQ(built, (uint32_t)WASM_ROWS_);
    /* the function table holds the build's functions and nothing else */
    CHECK(compile_fns[CF_NONE_] == NULL);
    for (uint32_t i = CF_NONE_ + 1; i < CF_COUNT_; i++)
        CHECKF(compile_fns[i] != NULL, "compile function %u of %u is NULL", (unsigned)i,
               (unsigned)CF_COUNT_);
    printf("rows: %u of %u one-byte and 0xFC instructions in this build, table of %u rows, "
           "%u compile functions\n",
           (unsigned)built, (unsigned)WASM_FD_FIRST_, (unsigned)COMPILE_ROW_COUNT,
           (unsigned)CF_COUNT_ - 1);
}

static void check_run(void)
{
    mote_arena *a = mote_arena_init(buf, sizeof buf);
    mote_module *m = NULL;
    mote_instance *inst = NULL;
    mote_value arg = {.i32 = 14}, r[1];
    CHECK(mote_load(a, times3, sizeof times3, NULL, &m) == MOTE_OK);
    CHECK(m && mote_instantiate(a, m, NULL, 0, NULL, &inst) == MOTE_OK);
    mote_func *f = inst ? mote_export_func(inst, "f") : NULL;
    CHECK(f && mote_call(inst, f, &arg, 1, r, 1) == MOTE_OK && r[0].i32 == 42);
    if (check_state.failed)
        fprintf(stderr, "  error: %s\n", mote_arena_error(a)->message);

    a = mote_arena_init(buf, sizeof buf);
    mote_status st = mote_load(a, fneg, sizeof fneg, NULL, &m);
    const mote_error *e = mote_arena_error(a);
    if (MOTE_WITH_FLOAT) {
        CHECK(st == MOTE_OK);
    } else {
        CHECK(st == MOTE_ERR_UNSUPPORTED);
        CHECK(e->offset == 29);
        CHECK(strstr(e->message, "MOTE_WITH_FLOAT") != NULL);
    }
    if (check_state.failed)
        fprintf(stderr, "  last error: %s\n", mote_arena_error(a)->message);
}

int main(void)
{
    check_rows();
    check_run();
    return check_summary("rows");
}
