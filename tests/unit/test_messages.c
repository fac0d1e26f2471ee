/*
 * test_messages.c -- the core's messages with and without their text.
 *
 * tests/unit/CMakeLists.txt builds this program twice: against the core
 * (test_messages_text) and against a copy built with MOTE_WITH_MESSAGES=0
 * and without SIMD (test_messages_codes); each reads which it is from the
 * definitions of the core it links (feature_groups.h, mote_core_facts).
 * Both run the same failures, one per kind of message site (the loader's
 * fail helpers, the LEB reader, the compiler, constant expressions, the
 * linker, the API, an arena too small), check what their build must say,
 * and print "case<TAB>status<TAB>message" for each.  check_messages.py
 * then expands the codes of the second with tools/mote-msg and matches
 * them against the first: a code that names the wrong line fails there.
 */
#include <mote/mote.h>

#include <stdio.h>
#include <string.h>

#include "feature_groups.h" /* the linked core's MOTE_WITH_* (mote_core_facts) */
#include "mote_check.h"

MOTE_CHECK_DEFINE;

#define HEADER 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00

static const uint8_t bad_magic[] = {0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00};
static const uint8_t bad_version[] = {0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00};

/* a type section whose count is a six-byte LEB */
static const uint8_t long_leb[] = {HEADER, 0x01, 0x06, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};

/* func () { 0xFF }: no such opcode */
static const uint8_t bad_opcode[] = {HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02,
                                     0x01,   0x00, 0x0A, 0x05, 0x01, 0x03, 0x00, 0xFF, 0x0B};

/* a type section that ends inside its one type: a text every build keeps */
static const uint8_t cut_type[] = {HEADER, 0x01, 0x02, 0x01, 0x60};

/* func () -> i32 { i64.const 0 } */
static const uint8_t mismatch[] = {HEADER, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F, 0x03, 0x02,
                                   0x01,   0x00, 0x0A, 0x06, 0x01, 0x04, 0x00, 0x42, 0x00, 0x0B};

/* func () { br 1 }: a label that is not there (a message from a file with
 * a two-letter tag, compile_control.c's "cc") */
static const uint8_t bad_label[] = {HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01,
                                    0x00,   0x0A, 0x06, 0x01, 0x04, 0x00, 0x0C, 0x01, 0x0B};

/* (global i32 (i32.div_s (i32.const 1) (i32.const 2))): not constant */
static const uint8_t not_const[] = {HEADER, 0x06, 0x09, 0x01, 0x7F, 0x00,
                                    0x41,   0x01, 0x41, 0x02, 0x6D, 0x0B};

/* (import "m" "f" (func)): nothing provides it */
static const uint8_t needs_import[] = {HEADER, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x02,
                                       0x07,   0x01, 0x01, 'm',  0x01, 'f',  0x00, 0x00};

/* (func (export "f") (result i32) i32.const 42) */
static const uint8_t plain[] = {HEADER, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F, 0x03,
                                0x02,   0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 'f',  0x00,
                                0x00,   0x0A, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2A, 0x0B};

/* func () -> v128 { v128.const 0 }: the SIMD group */
static const uint8_t simd[] = {HEADER, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7B, 0x03,
                               0x02,   0x01, 0x00, 0x0A, 0x16, 0x01, 0x14, 0x00, 0xFD,
                               0x0C,   0,    0,    0,    0,    0,    0,    0,    0,
                               0,      0,    0,    0,    0,    0,    0,    0,    0x0B};

static uint8_t buf[256 * 1024];

#define CODES (!MOTE_WITH_MESSAGES)

/* Prints the case and checks the message: in the build without text a code
 * (and no text), else `text`. */
static void report(const char *name, mote_status st, mote_status want, const mote_error *e,
                   const char *text)
{
    printf("%s\t%s\t%s\n", name, mote_status_name(st), e->message);
    CHECK(st == want);
    if (CODES)
        CHECK(strchr(e->message, '@') != NULL && strstr(e->message, text) == NULL);
    else
        CHECK(strstr(e->message, text) != NULL && strchr(e->message, '@') == NULL);
    if (check_state.failed)
        fprintf(stderr, "  %s: %s\n", name, e->message);
}

/* Loads a module that must fail, and checks that the arena is left as it
 * was; returns the arena's error. */
static const mote_error *load_failing(const uint8_t *wasm, size_t len, mote_status *st)
{
    mote_arena *a = mote_arena_init(buf, sizeof buf);
    size_t before = mote_arena_used(a);
    mote_module *m = NULL;
    *st = mote_load(a, wasm, len, NULL, &m);
    CHECK(mote_arena_used(a) == before);
    return mote_arena_error(a);
}

static void load_fails(const char *name, const uint8_t *wasm, size_t len, mote_status want,
                       const char *text)
{
    mote_status st;
    const mote_error *e = load_failing(wasm, len, &st);
    report(name, st, want, e, text);
}

/* A malformed module whose message is one of the texts every build keeps
 * (error.h MSG_KEPT): the same words with or without message text. */
static void load_keeps(const char *name, const uint8_t *wasm, size_t len, const char *text)
{
    mote_status st;
    const mote_error *e = load_failing(wasm, len, &st);
    printf("%s\t%s\t%s\n", name, mote_status_name(st), e->message);
    CHECK(st == MOTE_ERR_MALFORMED);
    CHECK(strstr(e->message, text) != NULL && strchr(e->message, '@') == NULL);
}

int main(void)
{
    load_fails("magic", bad_magic, sizeof bad_magic, MOTE_ERR_MALFORMED,
               "magic header not detected");
    load_fails("version", bad_version, sizeof bad_version, MOTE_ERR_MALFORMED,
               "unknown binary version");
    load_fails("leb", long_leb, sizeof long_leb, MOTE_ERR_MALFORMED,
               "integer representation too long");
    load_fails("opcode", bad_opcode, sizeof bad_opcode, MOTE_ERR_MALFORMED, "illegal opcode 0xff");
    load_keeps("kept", cut_type, sizeof cut_type, "unexpected end");
    load_fails("mismatch", mismatch, sizeof mismatch, MOTE_ERR_INVALID,
               "type mismatch: expected i32, got i64");
    load_fails("label", bad_label, sizeof bad_label, MOTE_ERR_INVALID, "unknown label 1");
    load_fails("constexpr", not_const, sizeof not_const, MOTE_ERR_INVALID,
               "constant expression required");

    mote_arena *a = mote_arena_init(buf, sizeof buf);
    mote_module *m = NULL;
    mote_instance *inst = NULL;
    CHECK(mote_load(a, needs_import, sizeof needs_import, NULL, &m) == MOTE_OK);
    mote_status st = m ? mote_instantiate(a, m, NULL, 0, NULL, &inst) : MOTE_ERR_STATE;
    report("import", st, MOTE_ERR_UNLINKABLE, mote_arena_error(a), "unknown import");
    CHECK(strstr(mote_arena_error(a)->message, "\"m\" \"f\"") != NULL); /* framing kept */

    a = mote_arena_init(buf, sizeof buf);
    m = NULL;
    inst = NULL;
    CHECK(mote_load(a, plain, sizeof plain, NULL, &m) == MOTE_OK);
    CHECK(m && mote_instantiate(a, m, NULL, 0, NULL, &inst) == MOTE_OK);
    mote_value r[1];
    st = inst ? mote_call(inst, NULL, NULL, 0, r, 1) : MOTE_ERR_STATE;
    report("call", st, MOTE_ERR_ARGUMENT, mote_arena_error(a), "mote_call: no function");

    /* Kept in every build: how many bytes the load needs. */
    static uint8_t small[512];
    a = mote_arena_init(small, sizeof small);
    CHECK(a != NULL);
    if (a) {
        st = mote_load(a, plain, sizeof plain, NULL, &m);
        const mote_error *e = mote_arena_error(a);
        printf("arena\t%s\t%s\n", mote_status_name(st), e->message);
        CHECK(st == MOTE_ERR_NO_MEMORY);
        CHECK(strstr(e->message, "arena too small: loading this module needs") != NULL);
    }

    /* Kept in every build: the option that would build a left-out group. */
    a = mote_arena_init(buf, sizeof buf);
    st = mote_load(a, simd, sizeof simd, NULL, &m);
    if (!MOTE_WITH_SIMD) {
        const mote_error *e = mote_arena_error(a);
        CHECK(st == MOTE_ERR_UNSUPPORTED);
        CHECK(strstr(e->message, CODES ? "not in this build (MOTE_WITH_SIMD)"
                                       : "SIMD instructions are not enabled in this build "
                                         "(MOTE_WITH_SIMD)") != NULL);
        if (check_state.failed)
            fprintf(stderr, "  simd: %s\n", e->message);
    } else {
        CHECK(st == MOTE_OK);
    }
    return check_summary(CODES ? "messages (codes)" : "messages (text)");
}
