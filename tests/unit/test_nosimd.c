/*
 * test_nosimd.c -- the core built without the SIMD feature group
 * (MOTE_WITH_SIMD=0, so relaxed SIMD is out too): a module that needs SIMD
 * is refused with MOTE_ERR_UNSUPPORTED and a message naming the build
 * option, at the offset of what needs it, and the arena is left as it was;
 * a module without SIMD still runs.  Without SIMD, the decoder knows an
 * 0xFD instruction only by a stand-in (core/src/wasm_ops.h): checked here
 * are a constant expression, the scan of a later body, and an unknown one.
 * (tests/unit/CMakeLists.txt builds this program against its own copy of the core.)
 */
#include <mote/mote.h>

#include <stdio.h>
#include <string.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

#define HEADER 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00

/* type 0 = () -> v128: the value type at offset 14 */
static const uint8_t v128_type[] = {HEADER, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7B};

/* func () { v128.const 0; drop }: the 0xFD instruction at offset 23 */
static const uint8_t v128_const[] = {HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02,
                                     0x01,   0x00, 0x0A, 0x17, 0x01, 0x15, 0x00, 0xFD, 0x0C,
                                     0,      0,    0,    0,    0,    0,    0,    0,    0,
                                     0,      0,    0,    0,    0,    0,    0,    0x1A, 0x0B};

/* func () { i8x16.relaxed_swizzle } (0xFD 0x100) at offset 23 */
static const uint8_t relaxed[] = {HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01,
                                  0x00,   0x0A, 0x07, 0x01, 0x05, 0x00, 0xFD, 0x80, 0x02, 0x0B};

/* (memory 1) (data (offset v128.const ...) ""): v128.const in a constant
 * expression (0xFD at offset 23: refused there, as in a function body) */
static const uint8_t v128_offset[] = {HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x05, 0x03,
                                      0x01,   0x00, 0x01, 0x0B, 0x16, 0x01, 0x00, 0xFD, 0x0C,
                                      0,      0,    0,    0,    0,    0,    0,    0,    0,
                                      0,      0,    0,    0,    0,    0,    0,    0x0B, 0x00};

/*
 * func 0 is invalid (i32.add on an empty stack); func 1 holds 0xFD
 * instructions of every immediate shape, whose immediates are bytes that
 * would derail a scan that skipped them wrongly.  After the invalid body
 * the loader scans the later ones for a malformed one (decoding precedes
 * validation): without SIMD it must still skip each immediate, so the
 * module is invalid, not malformed.
 */
static const uint8_t invalid_then_simd[] = {
    HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03, 0x02,
    0x00,   0x00, 0x0A, 0x29, 0x02, 0x03, 0x00, 0x6A, 0x0B, /* func 0: i32.add */
    0x23,   0x00,                                           /* func 1 */
    0xFD,   0x0C, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF,   0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, /* v128.const */
    0xFD,   0x15, 0x0B,                               /* i8x16.extract_lane_s 11 */
    0xFD,   0x00, 0x04, 0x0B,                         /* v128.load align=16 offset=11 */
    0xFD,   0x54, 0x00, 0x0B, 0x0B,                   /* v128.load8_lane offset=11 lane 11 */
    0xFD,   0x80, 0x02,                               /* i8x16.relaxed_swizzle */
    0x0B};

/* func () { 0xFD 0x114 }: no such instruction, malformed as in any build */
static const uint8_t no_such[] = {HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01,
                                  0x00,   0x0A, 0x07, 0x01, 0x05, 0x00, 0xFD, 0x94, 0x02, 0x0B};

/* (func (export "f") (result i32) i32.const 42) */
static const uint8_t plain[] = {HEADER, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F, 0x03,
                                0x02,   0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 'f',  0x00,
                                0x00,   0x0A, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2A, 0x0B};

static uint8_t buf[256 * 1024];

static void refused(const uint8_t *wasm, size_t len, uint32_t offset, const char *what)
{
    mote_arena *a = mote_arena_init(buf, sizeof buf);
    size_t before = mote_arena_used(a);
    mote_module *m = NULL;
    mote_status st = mote_load(a, wasm, len, NULL, &m);
    const mote_error *e = mote_arena_error(a);
    CHECK(st == MOTE_ERR_UNSUPPORTED);
    CHECK(e->offset == offset);
    CHECK(strstr(e->message, what) != NULL);
    CHECK(mote_arena_used(a) == before);
    if (check_state.failed)
        fprintf(stderr, "  message: %s (offset %u)\n", e->message, (unsigned)e->offset);
}

/* Refused for another reason than the missing group. */
static void failed(const uint8_t *wasm, size_t len, mote_status want, const char *what)
{
    mote_arena *a = mote_arena_init(buf, sizeof buf);
    mote_module *m = NULL;
    mote_status st = mote_load(a, wasm, len, NULL, &m);
    const mote_error *e = mote_arena_error(a);
    CHECK(st == want);
    CHECK(strstr(e->message, what) != NULL);
    if (check_state.failed)
        fprintf(stderr, "  message: %s (status %d)\n", e->message, (int)st);
}

int main(void)
{
    const char *simd = "SIMD instructions are not enabled in this build (MOTE_WITH_SIMD)";
    refused(v128_type, sizeof v128_type, 14, simd);
    refused(v128_const, sizeof v128_const, 23, simd);
    refused(relaxed, sizeof relaxed, 23,
            "relaxed SIMD instructions are not enabled in this build (MOTE_WITH_RELAXED_SIMD)");

    refused(v128_offset, sizeof v128_offset, 23, simd);
    failed(invalid_then_simd, sizeof invalid_then_simd, MOTE_ERR_INVALID, "type mismatch");
    failed(no_such, sizeof no_such, MOTE_ERR_MALFORMED, "illegal opcode 0xfd 0x114");

    mote_arena *a = mote_arena_init(buf, sizeof buf);
    mote_module *m = NULL;
    mote_instance *inst = NULL;
    mote_value r[1];
    CHECK(mote_load(a, plain, sizeof plain, NULL, &m) == MOTE_OK);
    CHECK(m && mote_instantiate(a, m, NULL, 0, NULL, &inst) == MOTE_OK);
    mote_func *f = inst ? mote_export_func(inst, "f") : NULL;
    CHECK(f && mote_call(inst, f, NULL, 0, r, 1) == MOTE_OK && r[0].i32 == 42);
    if (check_state.failed)
        fprintf(stderr, "  last error: %s\n", mote_arena_error(a)->message);

    return check_summary("nosimd");
}
