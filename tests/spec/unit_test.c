/*
 * unit_test.c -- tests of the runner's own parts that need no core: the JSON
 * reader, spec values and NaN classes, the trap text rule, the
 * expected-failures list, message escaping, reading facts from module
 * binaries (peek.h) and the boards' arena allocator (region_heap.h).
 *
 *   mote-spec-unit                 runs the tests
 *   mote-spec-unit --parse F...    also streams each wast2json file F
 *                                  through a tiny window and checks that
 *                                  every command has a type and a line
 * Exit status 0 when every check passed.
 */
#include "json.h"
#include "msg.h"
#include "nan.h"
#include "peek.h"
#include "region_heap.h"
#include "trap_text.h"
#include "value.h"
#include "xfail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

/* ---- JSON ---------------------------------------------------------------- */

static unsigned char pool_buf[8192];

static json_node *parse_text(const char *text, json_pool *pool, json_reader *r)
{
    json_node *root = NULL;
    json_pool_init(pool, pool_buf, sizeof pool_buf);
    json_reader_init_text(r, text, strlen(text));
    if (!json_parse(r, pool, &root))
        return NULL;
    return root;
}

static bool parses(const char *text)
{
    json_pool pool;
    json_reader r;
    return parse_text(text, &pool, &r) != NULL;
}

static void test_json_values(void)
{
    json_pool pool;
    json_reader r;
    json_node *n =
        parse_text(" {\"a\": [1, -2.5e+3, true, false, null], \"b\": \"x\"} ", &pool, &r);
    CHECK(n && n->type == JSON_OBJECT);
    const json_node *a = json_get(n, "a");
    CHECK(a && a->type == JSON_ARRAY && json_count(a) == 5);
    CHECK(a && a->child->type == JSON_NUMBER && a->child->len == 1 && a->child->str[0] == '1');
    CHECK(a && strcmp(a->child->next->str, "-2.5e+3") == 0);
    CHECK(a && a->child->next->next->type == JSON_TRUE);
    CHECK(a && a->child->next->next->next->type == JSON_FALSE);
    CHECK(a && a->child->next->next->next->next->type == JSON_NULL);
    CHECK(json_is(json_get(n, "b"), "x"));
    CHECK(!json_is(json_get(n, "b"), "xy"));
    CHECK(json_get(n, "c") == NULL);
    CHECK(json_count(json_get(n, "b")) == 0);
    n = parse_text("{}", &pool, &r);
    CHECK(n && n->type == JSON_OBJECT && n->child == NULL);
    n = parse_text("[]", &pool, &r);
    CHECK(n && n->type == JSON_ARRAY && json_count(n) == 0);
}

static void test_json_strings(void)
{
    json_pool pool;
    json_reader r;
    json_node *n = parse_text("\"a\\u0000b\\\"\\\\\\/\\b\\f\\n\\r\\t\"", &pool, &r);
    CHECK(n && n->len == 11 && memcmp(n->str, "a\0b\"\\/\b\f\n\r\t", 11) == 0);
    n = parse_text("\"\\u00e9\\u20ac\\ud83d\\ude00\"", &pool, &r); /* é € U+1F600 */
    CHECK(n && n->len == 9 && memcmp(n->str, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 9) == 0);
    n = parse_text("\"\\uD800x\"", &pool, &r); /* a lone surrogate is kept */
    CHECK(n && n->len == 4 && memcmp(n->str, "\xED\xA0\x80x", 4) == 0);
    n = parse_text("\"\\uD800\\n\"", &pool, &r); /* then another escape */
    CHECK(n && n->len == 4 && memcmp(n->str, "\xED\xA0\x80\n", 4) == 0);
    n = parse_text("\"\xF0\x9D\xAA\x8B\"", &pool, &r); /* raw UTF-8 passes through */
    CHECK(n && n->len == 4 && memcmp(n->str, "\xF0\x9D\xAA\x8B", 4) == 0);
    n = parse_text("{\"\\u0000k\": 1}", &pool, &r); /* keys keep NUL too */
    CHECK(n && n->child && n->child->key_len == 2 && n->child->key[0] == '\0');
}

static void test_json_errors(void)
{
    CHECK(!parses(""));
    CHECK(!parses("[1,]"));
    CHECK(!parses("{\"a\":1,}"));
    CHECK(!parses("[1 2]"));
    CHECK(!parses("{\"a\" 1}"));
    CHECK(!parses("{1: 2}"));
    CHECK(!parses("\"abc"));
    CHECK(!parses("\"a\nb\"")); /* raw control characters */
    CHECK(!parses("\"a\x1f b\""));
    CHECK(!parses("\"\\x\""));
    CHECK(!parses("\"\\u12G4\""));
    CHECK(!parses("01"));
    CHECK(!parses("1."));
    CHECK(!parses("1e"));
    CHECK(!parses("-"));
    CHECK(!parses("tru"));
    CHECK(!parses("nul"));
    CHECK(!parses(
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"));
    CHECK(parses("[[[[[[[[[[1]]]]]]]]]]"));
    CHECK(parses("0"));
    CHECK(parses("-0.5E-7"));

    json_pool pool;
    json_reader r;
    CHECK(parse_text("[1, x]", &pool, &r) == NULL && strstr(r.error, "line 1") != NULL);
    CHECK(parse_text("[1,\n\n x]", &pool, &r) == NULL && strstr(r.error, "line 3") != NULL);
}

static void test_json_pool(void)
{
    unsigned char small[64];
    json_pool pool;
    json_reader r;
    json_node *n;
    json_pool_init(&pool, small, sizeof small);
    const char *text = "[\"a long string that does not fit in the pool at all, really\"]";
    json_reader_init_text(&r, text, strlen(text));
    CHECK(!json_parse(&r, &pool, &n) && strstr(r.error, "pool") != NULL);
    /* unaligned buffers still give aligned nodes */
    json_pool_init(&pool, pool_buf + 1, sizeof pool_buf - 1);
    json_reader_init_text(&r, "[1,2]", 5);
    CHECK(json_parse(&r, &pool, &n) && ((size_t)n % sizeof(void *)) == 0);
    CHECK(json_pool_alloc(&pool, sizeof pool_buf) == NULL);
}

static void test_json_uint(void)
{
    json_pool pool;
    json_reader r;
    unsigned long v = 0;
    CHECK(json_uint(parse_text("1234", &pool, &r), &v) && v == 1234);
    CHECK(!json_uint(parse_text("-1", &pool, &r), &v));
    CHECK(!json_uint(parse_text("1.5", &pool, &r), &v));
    CHECK(!json_uint(parse_text("99999999999999999999999", &pool, &r), &v));
    CHECK(!json_uint(parse_text("\"12\"", &pool, &r), &v));
    CHECK(!json_uint(NULL, &v));
}

/* A source that hands out its text `step` bytes at a time. */
typedef struct trickle {
    const char *text;
    size_t len, pos, step;
} trickle;

static size_t trickle_fill(void *ctx, char *buf, size_t cap)
{
    trickle *t = ctx;
    size_t n = t->len - t->pos;
    if (n > t->step)
        n = t->step;
    if (n > cap)
        n = cap;
    memcpy(buf, t->text + t->pos, n);
    t->pos += n;
    return n;
}

static void test_json_streaming(void)
{
    static const char text[] =
        "{\"source_filename\": \"x\\u0041.wast\", \"extra\": {\"k\": [1, {\"z\": null}]},\n"
        " \"commands\": [\n"
        "  {\"type\": \"module\", \"line\": 3, \"filename\": \"x.0.wasm\"},\n"
        "  {\"type\": \"register\", \"line\": 4, \"as\": \"a\\u0000b\"}\n"
        " ]}\n";
    for (size_t step = 1; step <= 7; step++) {
        trickle t = {text, strlen(text), 0, step};
        char window[3];
        json_reader r;
        json_pool pool;
        json_pool_init(&pool, pool_buf, sizeof pool_buf);
        json_reader_init(&r, trickle_fill, &t, window, sizeof window);
        bool first = true, ok = json_open(&r, '{');
        int more, commands = 0;
        unsigned long line_sum = 0;
        while (ok && (more = json_more(&r, '}', &first)) == 1) {
            const char *key;
            size_t len;
            ok = json_key(&r, &pool, &key, &len);
            if (!ok || strcmp(key, "commands") != 0) {
                ok = ok && json_skip(&r);
                continue;
            }
            bool first_cmd = true;
            ok = json_open(&r, '[');
            while (ok && json_more(&r, ']', &first_cmd) == 1) {
                json_node *cmd;
                json_pool_reset(&pool);
                unsigned long line = 0;
                ok = json_parse(&r, &pool, &cmd) && json_uint(json_get(cmd, "line"), &line);
                line_sum += line;
                commands++;
                if (ok && commands == 2) {
                    const json_node *as = json_get(cmd, "as");
                    ok = as && as->len == 3 && memcmp(as->str, "a\0b", 3) == 0;
                }
            }
        }
        CHECK(ok && !r.failed && commands == 2 && line_sum == 7 && json_at_end(&r));
    }
}

/* ---- values and NaNs ----------------------------------------------------- */

static spec_parse parse_value(const char *type, const char *value, spec_value *out)
{
    return spec_value_parse(type, strlen(type), value, value ? strlen(value) : 0, out);
}

static void test_value_parse(void)
{
    spec_value v;
    CHECK(parse_value("i32", "4294967295", &v) == SPEC_PARSE_OK && v.type == MOTE_I32 &&
          v.kind == SPEC_VALUE_BITS && v.bits == 0xFFFFFFFFu);
    CHECK(parse_value("i32", "4294967296", &v) == SPEC_PARSE_BAD);
    CHECK(parse_value("f32", "4294967296", &v) == SPEC_PARSE_BAD);
    CHECK(parse_value("i64", "18446744073709551615", &v) == SPEC_PARSE_OK && v.bits == UINT64_MAX);
    CHECK(parse_value("i64", "18446744073709551616", &v) == SPEC_PARSE_BAD);
    CHECK(parse_value("i32", "-1", &v) == SPEC_PARSE_BAD);
    CHECK(parse_value("i32", "", &v) == SPEC_PARSE_BAD);
    CHECK(parse_value("i32", "12a", &v) == SPEC_PARSE_BAD);
    CHECK(parse_value("i32", "nan:canonical", &v) == SPEC_PARSE_BAD);
    CHECK(parse_value("f32", "nan:canonical", &v) == SPEC_PARSE_OK &&
          v.kind == SPEC_VALUE_NAN_CANONICAL);
    CHECK(parse_value("f64", "nan:arithmetic", &v) == SPEC_PARSE_OK &&
          v.kind == SPEC_VALUE_NAN_ARITHMETIC);
    CHECK(parse_value("f64", "9221120237041090560", &v) == SPEC_PARSE_OK &&
          v.bits == 0x7FF8000000000000u);
    CHECK(parse_value("v128", "0", &v) == SPEC_PARSE_UNSUPPORTED); /* lanes needed */
    CHECK(parse_value("i16", "0", &v) == SPEC_PARSE_BAD);
    CHECK(parse_value("funcref", "null", &v) == SPEC_PARSE_OK && v.kind == SPEC_VALUE_REF_NULL);
    CHECK(parse_value("funcref", "0", &v) == SPEC_PARSE_OK && v.kind == SPEC_VALUE_REF_FUNC);
    CHECK(parse_value("externref", "null", &v) == SPEC_PARSE_OK && v.kind == SPEC_VALUE_REF_NULL);
    CHECK(parse_value("externref", "0", &v) == SPEC_PARSE_OK && v.kind == SPEC_VALUE_REF_EXTERN &&
          v.bits == 0);
    CHECK(parse_value("externref", "nul", &v) == SPEC_PARSE_BAD);
    CHECK(parse_value("i32", NULL, &v) == SPEC_PARSE_OK && v.kind == SPEC_VALUE_TYPE_ONLY);
    uint64_t u;
    CHECK(spec_parse_u64("0", 1, &u) && u == 0);
    CHECK(!spec_parse_u64(NULL, 0, &u));
}

static void test_value_args(void)
{
    spec_value v;
    mote_value a;
    CHECK(parse_value("f32", "2143289344", &v) == SPEC_PARSE_OK && spec_value_to_arg(&v, &a) &&
          a.u32 == 0x7FC00000u);
    CHECK(parse_value("i64", "1", &v) == SPEC_PARSE_OK && spec_value_to_arg(&v, &a) && a.u64 == 1);
    CHECK(parse_value("externref", "0", &v) == SPEC_PARSE_OK && spec_value_to_arg(&v, &a) &&
          a.ref != NULL && a.ref == spec_extern_ref(0));
    CHECK(spec_extern_ref(0) != spec_extern_ref(1));
    CHECK(parse_value("externref", "null", &v) == SPEC_PARSE_OK && spec_value_to_arg(&v, &a) &&
          a.ref == NULL);
    CHECK(parse_value("f32", "nan:canonical", &v) == SPEC_PARSE_OK && !spec_value_to_arg(&v, &a));
    CHECK(parse_value("funcref", "0", &v) == SPEC_PARSE_OK && !spec_value_to_arg(&v, &a));
    CHECK(parse_value("i32", NULL, &v) == SPEC_PARSE_OK && !spec_value_to_arg(&v, &a));
}

static bool matches(const char *type, const char *value, mote_valtype got_type, uint64_t bits)
{
    spec_value v;
    mote_value got;
    memset(&got, 0, sizeof got);
    if (got_type == MOTE_I32 || got_type == MOTE_F32)
        got.u32 = (uint32_t)bits;
    else
        got.u64 = bits;
    return parse_value(type, value, &v) == SPEC_PARSE_OK && spec_value_matches(&v, got_type, got);
}

static bool matches_ref(const char *type, const char *value, mote_valtype got_type, void *ref)
{
    spec_value v;
    mote_value got;
    memset(&got, 0, sizeof got);
    got.ref = ref;
    return parse_value(type, value, &v) == SPEC_PARSE_OK && spec_value_matches(&v, got_type, got);
}

static void test_value_match(void)
{
    CHECK(matches("i32", "7", MOTE_I32, 7));
    CHECK(!matches("i32", "7", MOTE_I32, 8));
    CHECK(!matches("i32", "7", MOTE_I64, 7)); /* type matters */
    CHECK(matches("f32", "0", MOTE_F32, 0));
    CHECK(!matches("f32", "0", MOTE_F32, 0x80000000u));         /* -0 is not +0 */
    CHECK(matches("f32", "2143289345", MOTE_F32, 0x7FC00001u)); /* exact NaN payload */
    CHECK(!matches("f32", "2143289345", MOTE_F32, 0x7FC00000u));
    CHECK(matches("f32", "nan:canonical", MOTE_F32, 0x7FC00000u));
    CHECK(matches("f32", "nan:canonical", MOTE_F32, 0xFFC00000u));
    CHECK(!matches("f32", "nan:canonical", MOTE_F32, 0x7FC00001u));
    CHECK(!matches("f32", "nan:canonical", MOTE_F32, 0x7FA00000u));
    CHECK(matches("f32", "nan:arithmetic", MOTE_F32, 0x7FC00001u));
    CHECK(matches("f32", "nan:arithmetic", MOTE_F32, 0xFFFFFFFFu));
    CHECK(!matches("f32", "nan:arithmetic", MOTE_F32, 0x7FA00000u)); /* signalling */
    CHECK(!matches("f32", "nan:arithmetic", MOTE_F32, 0x7F800000u)); /* infinity */
    CHECK(!matches("f32", "nan:arithmetic", MOTE_F32, 0x3F800000u));
    CHECK(matches("f64", "nan:canonical", MOTE_F64, 0xFFF8000000000000u));
    CHECK(!matches("f64", "nan:canonical", MOTE_F64, 0x7FF8000000000001u));
    CHECK(matches("f64", "nan:arithmetic", MOTE_F64, 0x7FF8000000000001u));
    CHECK(!matches("f64", "nan:arithmetic", MOTE_F64, 0x7FF4000000000000u));
    CHECK(!matches("f64", "nan:canonical", MOTE_F32, 0x7FC00000u));
    CHECK(matches("i64", "18446744073709551615", MOTE_I64, UINT64_MAX));
    CHECK(matches("i32", NULL, MOTE_I32, 12345)); /* type only */
    int obj;
    CHECK(matches_ref("externref", "null", MOTE_EXTERNREF, NULL));
    CHECK(!matches_ref("externref", "null", MOTE_EXTERNREF, &obj));
    CHECK(matches_ref("externref", "3", MOTE_EXTERNREF, spec_extern_ref(3)));
    CHECK(!matches_ref("externref", "3", MOTE_EXTERNREF, spec_extern_ref(4)));
    CHECK(!matches_ref("externref", "0", MOTE_EXTERNREF, NULL));
    CHECK(matches_ref("funcref", "0", MOTE_FUNCREF, &obj));
    CHECK(!matches_ref("funcref", "0", MOTE_FUNCREF, NULL));
    CHECK(matches_ref("funcref", "null", MOTE_FUNCREF, NULL));
    CHECK(!matches_ref("funcref", "null", MOTE_EXTERNREF, NULL));
}

static void test_nan_classes(void)
{
    CHECK(spec_f32_is_nan(0x7F800001u) && !spec_f32_is_nan(0x7F800000u) && !spec_f32_is_nan(0));
    CHECK(spec_f32_is_canonical_nan(0x7FC00000u) && spec_f32_is_arithmetic_nan(0x7FC00000u));
    CHECK(!spec_f32_is_canonical_nan(0x7FC00000u ^ 1) && spec_f32_is_arithmetic_nan(0x7FC00001u));
    CHECK(!spec_f32_is_canonical_nan(0x7F800000u) && !spec_f32_is_arithmetic_nan(0x7F800000u));
    CHECK(spec_f64_is_nan(0x7FF0000000000001u) && !spec_f64_is_nan(0xFFF0000000000000u));
    CHECK(spec_f64_is_canonical_nan(0x7FF8000000000000u));
    CHECK(!spec_f64_is_canonical_nan(0x7FFC000000000000u));
    CHECK(spec_f64_is_arithmetic_nan(0x7FFC000000000000u));
    CHECK(!spec_f64_is_arithmetic_nan(0x7FF7FFFFFFFFFFFFu));
}

static void test_value_format(void)
{
    char buf[96];
    spec_value v;
    mote_value got;
    memset(&got, 0, sizeof got);
    parse_value("i32", "4294967295", &v);
    spec_value_format(buf, sizeof buf, &v);
    CHECK(strcmp(buf, "i32:4294967295 (-1)") == 0);
    parse_value("i64", "9223372036854775808", &v);
    spec_value_format(buf, sizeof buf, &v);
    CHECK(strcmp(buf, "i64:9223372036854775808 (-9223372036854775808)") == 0);
    parse_value("f32", "1065353216", &v);
    spec_value_format(buf, sizeof buf, &v);
    CHECK(strcmp(buf, "f32:0x3f800000 (1)") == 0);
    parse_value("f64", "nan:arithmetic", &v);
    spec_value_format(buf, sizeof buf, &v);
    CHECK(strcmp(buf, "f64:nan:arithmetic") == 0);
    got.u32 = 0x7FC00000u;
    spec_result_format(buf, sizeof buf, MOTE_F32, got);
    CHECK(strcmp(buf, "f32:0x7fc00000 (canonical nan)") == 0);
    got.ref = spec_extern_ref(41);
    spec_result_format(buf, sizeof buf, MOTE_EXTERNREF, got);
    CHECK(strcmp(buf, "externref:41") == 0);
    spec_result_format(buf, 8, MOTE_EXTERNREF, got); /* truncated, terminated */
    CHECK(strlen(buf) == 7);
}

/* ---- trap text, expected failures, messages ------------------------------ */

static bool trap_matches(const char *wording, const char *expected)
{
    return spec_trap_text_matches(wording, expected, strlen(expected));
}

static void test_trap_text(void)
{
    CHECK(trap_matches("integer divide by zero", "integer divide by zero"));
    CHECK(trap_matches("uninitialized element", "uninitialized element 2"));
    CHECK(!trap_matches("uninitialized element", "uninitialized elements"));
    CHECK(!trap_matches("uninitialized element", "uninitialized"));
    CHECK(!trap_matches("undefined element", "uninitialized element"));
    CHECK(!trap_matches("out of bounds table access", "out of bounds memory access"));
    CHECK(!trap_matches("", "unreachable"));
    CHECK(!spec_trap_text_matches(NULL, "x", 1));
}

static void test_xfail(void)
{
    static const char text[] = "# comment\n"
                               "\n"
                               "i32.wast:12 not yet\r\n"
                               "  i64.wast:7   reason with  spaces  \n"
                               "proposals/tail-call/return_call.wast:40 needs tail calls\n"
                               "i32.wast:99 another\n";
    spec_xfail list;
    char err[128];
    CHECK(spec_xfail_parse(&list, text, strlen(text), "i32.wast", err, sizeof err));
    CHECK(list.count == 2);
    CHECK(spec_xfail_find(&list, 12) && strcmp(spec_xfail_find(&list, 12)->reason, "not yet") == 0);
    CHECK(spec_xfail_find(&list, 99) != NULL && spec_xfail_find(&list, 7) == NULL);
    spec_xfail_free(&list);
    CHECK(spec_xfail_parse(&list, text, strlen(text), "proposals/tail-call/return_call.wast", err,
                           sizeof err) &&
          list.count == 1 && list.entries[0].line == 40);
    spec_xfail_free(&list);
    CHECK(spec_xfail_parse(&list, text, strlen(text), "i64.wast", err, sizeof err) &&
          list.count == 1 && strcmp(list.entries[0].reason, "reason with  spaces") == 0);
    spec_xfail_free(&list);
    CHECK(spec_xfail_parse(&list, "", 0, "i32.wast", err, sizeof err) && list.count == 0);
    /* "<file>:*": the whole script, after the lines listed on their own */
    static const char any[] = "gc/array.wast:* GC is not implemented\ngc/array.wast:5 a line\n";
    CHECK(spec_xfail_parse(&list, any, strlen(any), "gc/array.wast", err, sizeof err) &&
          list.count == 2);
    CHECK(spec_xfail_find(&list, 5) && spec_xfail_find(&list, 5)->line == 5);
    CHECK(spec_xfail_find(&list, 77) && spec_xfail_find(&list, 77)->line == SPEC_XFAIL_ANY);
    spec_xfail_free(&list);
    static const char *const bad[] = {
        "i32.wast:12\n",
        "i32.wast 12 reason\n",
        "i32.wast:1x2 reason\n",
        ":12 reason\n",
        "i32.wast: reason\n",
        "a.wast:1 ok\nb.wast:x no\n",
        "i32.wast:3 a\ni32.wast:3 b\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        CHECK(!spec_xfail_parse(&list, bad[i], strlen(bad[i]), "i32.wast", err, sizeof err) &&
              strstr(err, "expected-failures line") != NULL);
    }
    CHECK(!spec_xfail_parse(&list, bad[5], strlen(bad[5]), "i32.wast", err, sizeof err) &&
          strstr(err, "line 2") != NULL);
}

static void test_msg(void)
{
    spec_msg m;
    msg_clear(&m);
    msg_name(&m, "a\0\"\\\n\xC3\xA9", 7);
    CHECK(strcmp(m.text, "\"a\\x00\\\"\\\\\\x0a\xC3\xA9\"") == 0);
    msg_clear(&m);
    for (int i = 0; i < 1000; i++)
        msg_add(&m, "0123456789");
    CHECK(m.len == SPEC_MSG_MAX - 1 && strlen(m.text) == SPEC_MSG_MAX - 1 &&
          strcmp(m.text + m.len - 3, "...") == 0);
    msg_add(&m, "more");
    CHECK(m.len == SPEC_MSG_MAX - 1);
}

/* ---- real wast2json output ----------------------------------------------- */

static size_t file_fill(void *ctx, char *buf, size_t cap)
{
    return fread(buf, 1, cap, ctx);
}

/* Streams one script; every command must have a string type and a line. */
static void parse_script(const char *path)
{
    static unsigned char pool_mem[16384];
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    char window[61]; /* odd and small: tokens straddle refills */
    json_reader r;
    json_pool pool;
    json_reader_init(&r, file_fill, f, window, sizeof window);
    json_pool_init(&pool, pool_mem, sizeof pool_mem);
    bool first = true, ok = json_open(&r, '{'), saw_commands = false;
    unsigned long commands = 0, good = 0;
    while (ok && json_more(&r, '}', &first) == 1) {
        const char *key;
        size_t len;
        json_pool_reset(&pool);
        ok = json_key(&r, &pool, &key, &len);
        if (ok && strcmp(key, "commands") == 0) {
            bool first_cmd = true;
            saw_commands = true;
            ok = json_open(&r, '[');
            while (ok && json_more(&r, ']', &first_cmd) == 1) {
                json_node *cmd;
                unsigned long line;
                json_pool_reset(&pool);
                ok = json_parse(&r, &pool, &cmd);
                commands++;
                const json_node *type = json_get(cmd, "type");
                good += ok && type && type->type == JSON_STRING && type->len > 0 &&
                        json_uint(json_get(cmd, "line"), &line) && line > 0;
            }
        } else if (ok) {
            ok = json_skip(&r);
        }
    }
    ok = ok && !r.failed && saw_commands && json_at_end(&r) && commands > 0 && good == commands;
    if (!ok)
        printf("%s: %s (%lu commands, %lu good)\n", path, r.failed ? r.error : "bad script",
               commands, good);
    CHECK(ok);
    fclose(f);
}

/* ---- peek ---------------------------------------------------------------- */

#define WASM_HEADER 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00

static void count_import(void *ctx, const char *name, size_t len)
{
    char *seen = ctx;
    strncat(seen, name, len);
    strcat(seen, ";");
}

static void test_peek(void)
{
    static const uint8_t none[] = {WASM_HEADER};
    static const uint8_t bounded[] = {WASM_HEADER, 5, 4, 1, 0x01, 1, 5};    /* (memory 1 5) */
    static const uint8_t fixed[] = {WASM_HEADER, 5, 4, 1, 0x01, 2, 2};      /* (memory 2 2) */
    static const uint8_t open[] = {WASM_HEADER, 5, 3, 1, 0x00, 1};          /* (memory 1) */
    static const uint8_t bytes[] = {WASM_HEADER, 5, 5, 1, 0x09, 0, 100, 0}; /* 0..100 x 1 B */
    static const uint8_t cut[] = {WASM_HEADER, 5, 9, 1};
    CHECK(spec_peek_memory_growth(none, sizeof none) == 0);
    CHECK(spec_peek_memory_growth(bounded, sizeof bounded) == (size_t)4 << 16);
    CHECK(spec_peek_memory_growth(fixed, sizeof fixed) == 0);
    CHECK(spec_peek_memory_growth(open, sizeof open) == SIZE_MAX);
    CHECK(spec_peek_memory_growth(bytes, sizeof bytes) == 100);
    CHECK(spec_peek_memory_growth(cut, sizeof cut) == SIZE_MAX);

    /* (import "a" "f" (func)) (import "bb" "m" (memory 1)) (elem ...) */
    static const uint8_t imports[] = {WASM_HEADER, 2,   15, 2,   1,    'a',  1, 'f', 0x00, 0, 2,
                                      'b',         'b', 1,  'm', 0x02, 0x00, 1, 9,   1,    0};
    char seen[32] = "";
    CHECK(spec_peek_import_modules(imports, sizeof imports, count_import, seen));
    CHECK(strcmp(seen, "a;bb;") == 0);
    CHECK(spec_peek_makes_func_refs(imports, sizeof imports));
    CHECK(!spec_peek_makes_func_refs(bounded, sizeof bounded));
    CHECK(spec_peek_makes_func_refs(cut, sizeof cut)); /* unreadable: assume so */
    seen[0] = '\0';
    CHECK(spec_peek_import_modules(none, sizeof none, count_import, seen) && seen[0] == '\0');
}

/* ---- region heap ---------------------------------------------------------- */

static void test_region_heap(void)
{
    static unsigned char region[4096 + 8];
    region_heap_init(region + 3, 4096); /* unaligned on purpose */
    size_t all = region_heap_free_bytes();
    CHECK(all > 4000 && all < 4096);
    unsigned char *a = region_heap_alloc(1000), *b = region_heap_alloc(1000);
    unsigned char *c = region_heap_alloc(1000);
    CHECK(a && b && c && region_heap_alloc(2000) == NULL);
    CHECK(((uintptr_t)a | (uintptr_t)b | (uintptr_t)c) % 16 == 0);
    memset(a, 1, 1000);
    memset(b, 2, 1000);
    memset(c, 3, 1000);
    CHECK(a[999] == 1 && b[0] == 2 && c[500] == 3);
    /* Freeing in any order merges everything back into one block. */
    region_heap_free(b);
    CHECK(region_heap_alloc(2000) == NULL);
    region_heap_free(a);
    unsigned char *d = region_heap_alloc(2000);
    CHECK(d != NULL);
    region_heap_free(c);
    region_heap_free(d);
    region_heap_free(NULL);
    CHECK(region_heap_free_bytes() == all);
    CHECK(region_heap_alloc(all) != NULL && region_heap_free_bytes() == 0);
    CHECK(region_heap_alloc(1) == NULL);
    CHECK(region_heap_alloc(SIZE_MAX) == NULL);
}

int main(int argc, char **argv)
{
    test_json_values();
    test_json_strings();
    test_json_errors();
    test_json_pool();
    test_json_uint();
    test_json_streaming();
    test_value_parse();
    test_value_args();
    test_value_match();
    test_nan_classes();
    test_value_format();
    test_trap_text();
    test_xfail();
    test_msg();
    test_peek();
    test_region_heap();
    int files = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--parse") == 0)
            continue;
        parse_script(argv[i]);
        files++;
    }
    printf("mote-spec-unit: %d scripts parsed\n", files);
    return check_summary("mote-spec-unit");
}
