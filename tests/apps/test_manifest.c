/*
 * test_manifest.c -- manifests (mote/manifest.h) in both forms: a full one
 * round-trips text -> struct -> binary -> struct; every rule refuses with
 * its message and place; the binary form's bounds (every tag's lengths
 * from the table, entries cut off, repeats, unknown tags, sizes whose sums
 * pass 2^32); and random mutations of a good binary, which must parse or
 * be refused, never crash, and re-encode to themselves when they parse.
 * Runs on the host and the 32-bit host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/manifest.h>

static int failures, checks;

#define CHECK(cond, ...)                                          \
    do {                                                          \
        checks++;                                                 \
        if (!(cond)) {                                            \
            failures++;                                           \
            fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                         \
            fputc('\n', stderr);                                  \
        }                                                         \
    } while (0)

static const char FULL[] = "# a logger\n"
                           "name     logger\n"
                           "ram      24K          # arena and mailbox\n"
                           "memory   8K\n"
                           "stack    4K 1K\n"
                           "pin      0 out\n"
                           "pin      2 in\n"
                           "pin      63 in\n"
                           "uart     console\n"
                           "uart     3\n"
                           "timers   2\n"
                           "cpu      25% priority 2 watchdog 500ms\n"
                           "files    /log 16K 8\n"
                           "send     blinky\n"
                           "send     button\n"
                           "mailbox  8 64\n";

static void full_round_trip(void)
{
    mote_manifest m, again;
    mote_manifest_error err;
    CHECK(mote_manifest_parse_text(FULL, strlen(FULL), &m, &err), "full: %s", err.text);
    CHECK(!strcmp(m.name, "logger") && m.ram == 24576 && m.memory_cap == 8192, "full: sizes");
    CHECK(m.value_stack == 4096 && m.call_stack == 1024, "full: stacks");
    CHECK(m.pins == (1ull | 4ull | 1ull << 63) && m.pins_out == 1ull, "full: pins");
    CHECK(m.uarts == (1u | 8u) && m.timers == 2, "full: uarts, timers");
    CHECK(m.has_cpu && m.cpu_share == 25 && m.priority == 2 && m.watchdog_ms == 500, "full: cpu");
    CHECK(m.has_files && !strcmp(m.files_dir, "/log") && m.files_bytes == 16384 && m.files_max == 8,
          "full: files");
    CHECK(m.send_count == 2 && !strcmp(m.send[0], "blinky") && !strcmp(m.send[1], "button"),
          "full: send");
    CHECK(m.mailbox_slots == 8 && m.mailbox_msg_max == 64, "full: mailbox");
    uint8_t bin[MOTE_MANIFEST_MAX_SIZE];
    size_t n = mote_manifest_encode(&m, bin, sizeof bin);
    CHECK(n > 4 && !memcmp(bin, "mf\1\0", 4), "encoded: %zu bytes", n);
    CHECK(mote_manifest_parse(bin, n, &again, &err), "binary: %s", err.text);
    CHECK(!memcmp(&m, &again, sizeof m), "binary round trip differs");
    CHECK(mote_manifest_encode(&m, bin, n - 1) == 0, "a short buffer: 0");
    /* the smallest manifest, and the defaults it gets */
    const char *min = "name a\nram 1\n";
    CHECK(mote_manifest_parse_text(min, strlen(min), &m, &err), "minimal: %s", err.text);
    CHECK(m.cpu_share == 100 && !m.has_cpu && m.pins == 0 && m.uarts == 0, "minimal defaults");
    n = mote_manifest_encode(&m, bin, sizeof bin);
    CHECK(n == 4 + 3 + 6, "minimal encodes to %zu bytes", n);
}

/* The text form: each line refused with its message. */
static void text_errors(void)
{
    static const struct {
        const char *text, *error;
    } cases[] = {
        {"ram 1\n", "manifest: no name"},
        {"name a\n", "manifest: no ram: say how many bytes the app may have"},
        {"name Logger\nram 1\n",
         "manifest line 1: 'Logger': an app name is 1..15 of a-z 0-9 _ -, starting with a letter"},
        {"name abcdefghijklmnop\nram 1\n", "manifest line 1: 'abcdefghijklmnop': an app name is"},
        {"name a\nname b\nram 1\n", "manifest line 2: name given twice"},
        {"name a\nram 1\npin 64 out\n", "manifest line 3: pin 64: pins are 0..63"},
        {"name a\nram 1\npin 1 sideways\n",
         "manifest line 3: 'sideways': the direction is in or out"},
        {"name a\nram 1\npin 1 in\npin 1 out\n", "manifest line 4: pin 1 granted twice"},
        {"name a\nram 1\npin x in\n", "manifest line 3: 'x': a pin number"},
        {"name a\nram 1\npin 1\n", "manifest line 3: usage: pin N in|out"},
        {"name a\nram 1\nuart 32\n", "manifest line 3: uart 32: UARTs are 0 (console) .. 31"},
        {"name a\nram 1\nuart console\nuart 0\n", "manifest line 4: uart 0 granted twice"},
        {"name a\nram 1\ntimers 9\n", "manifest line 3: timers 9: at most 8"},
        {"name a\nram 0\n", "manifest line 2: ram 0: give a size in bytes"},
        {"name a\nram 4G\n", "manifest line 2: '4G': a size in bytes"},
        {"name a\nram 4096M\n", "manifest line 2: '4096M': a size in bytes"},
        {"name a\nram 4294967296\n", "manifest line 2: '4294967296': a size in bytes"},
        {"name a\nram 99999999999999999999\n", "manifest line 2: '99999999999999999999'"},
        {"name a\nram 1\ncpu 0%\n", "manifest line 3: cpu share 0%: 1..100%"},
        {"name a\nram 1\ncpu 101%\n", "manifest line 3: cpu share 101%: 1..100%"},
        {"name a\nram 1\ncpu 50\n", "manifest line 3: '50': a share such as 25%"},
        {"name a\nram 1\ncpu 50% priority 8\n", "manifest line 3: priority 8: 0..7"},
        {"name a\nram 1\ncpu 50% watchdog 5\n",
         "manifest line 3: '5': a time such as 500ms or 2s, or off"},
        {"name a\nram 1\ncpu 50% speed 5\n", "manifest line 3: 'speed': priority or watchdog"},
        {"name a\nram 1\ncpu 50% priority\n", "manifest line 3: usage: cpu SHARE%"},
        {"name a\nram 1\nfiles log 1K 2\n", "manifest line 3: files 'log': an absolute directory"},
        {"name a\nram 1\nfiles /a/../b 1K 2\n", "manifest line 3: files '/a/../b'"},
        {"name a\nram 1\nfiles /a//b 1K 2\n", "manifest line 3: files '/a//b'"},
        {"name a\nram 1\nfiles /a/ 1K 2\n", "manifest line 3: files '/a/'"},
        {"name a\nram 1\nfiles /log 1K 70000\n", "manifest line 3: files: at most 65535 files"},
        {"name a\nram 1\nsend a\nsend a\n", "manifest line 4: send a given twice"},
        {"name a\nram 1\nsend a1\nsend a2\nsend a3\nsend a4\nsend a5\nsend a6\nsend a7\nsend "
         "a8\nsend a9\n",
         "manifest line 11: send: at most 8 apps"},
        {"name a\nram 1\nmailbox 0 64\n",
         "manifest line 3: mailbox 0 64: 1..255 messages of 1..256 bytes"},
        {"name a\nram 1\nmailbox 8 257\n", "manifest line 3: mailbox 8 257: 1..255 messages"},
        {"name a\nram 512\nmailbox 8 64\n",
         "manifest: ram 512 is less than its mailbox, stacks and memory cap (672 bytes)"},
        {"name a\nram 4K\nstack 4K 1K\n",
         "manifest: ram 4096 is less than its mailbox, stacks and memory cap (5120 bytes)"},
        {"name a\nram 1\nfrob 1\n", "manifest line 3: 'frob': unknown"},
        {"name a\nram 1\npin 1 in 2 3 4 5 6 7\n", "manifest line 3: too many words"},
        {"name a\nram\x00 1\n", "manifest line 2: a NUL byte"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mote_manifest m;
        mote_manifest_error err = {""};
        size_t len = strlen(cases[i].text);
        if (strstr(cases[i].error, "NUL"))
            len = 13;
        bool ok = mote_manifest_parse_text(cases[i].text, len, &m, &err);
        CHECK(!ok && !strncmp(err.text, cases[i].error, strlen(cases[i].error)),
              "case %zu: got '%s', want '%s'", i, ok ? "(accepted)" : err.text, cases[i].error);
    }
    /* comments, blank lines, tabs, CR, no final newline */
    const char *fancy = "\n  # hi\r\nname\tb # x\r\n\n ram 2K";
    mote_manifest m;
    mote_manifest_error err;
    CHECK(mote_manifest_parse_text(fancy, strlen(fancy), &m, &err) && m.ram == 2048,
          "fancy layout: %s", err.text);
}

/* ---- the binary form ---------------------------------------------------- */

static size_t header(uint8_t *b)
{
    memcpy(b, "mf\1\0", 4);
    return 4;
}

static size_t entry(uint8_t *b, size_t at, uint8_t tag, const void *v, uint8_t n)
{
    b[at] = tag;
    b[at + 1] = n;
    memcpy(b + at + 2, v, n);
    return at + 2 + n;
}

/* name "a" and ram `ram`, then the rest of the test's bytes. */
static size_t base(uint8_t *b, uint32_t ram)
{
    size_t at = header(b);
    at = entry(b, at, 1, "a", 1);
    uint8_t r[4] = {(uint8_t)ram, (uint8_t)(ram >> 8), (uint8_t)(ram >> 16), (uint8_t)(ram >> 24)};
    return entry(b, at, 5, r, 4);
}

static void expect_binary(const uint8_t *b, size_t n, const char *error, const char *what)
{
    mote_manifest m;
    mote_manifest_error err = {""};
    bool ok = mote_manifest_parse(b, n, &m, &err);
    CHECK(!ok && !strncmp(err.text, error, strlen(error)), "%s: got '%s', want '%s'", what,
          ok ? "(accepted)" : err.text, error);
}

static void binary_errors(void)
{
    uint8_t b[2048];
    size_t n = base(b, 100);
    mote_manifest m;
    mote_manifest_error err;
    CHECK(mote_manifest_parse(b, n, &m, &err), "base: %s", err.text);
    expect_binary(b, 3, "manifest byte 0: not a manifest", "3 bytes");
    memcpy(b, "MF", 2);
    expect_binary(b, n, "manifest byte 0: not a manifest", "magic");
    header(b);
    b[2] = 2;
    expect_binary(b, n, "manifest byte 2: version not 1.0", "version 2");
    b[2] = 1;
    b[3] = 1;
    expect_binary(b, n, "manifest byte 2: version not 1.0", "reserved byte");
    b[3] = 0;
    /* entries cut off */
    expect_binary(b, n - 1, "manifest byte 7: entry runs past the end", "value cut");
    b[n] = 4;
    expect_binary(b, n + 1, "manifest byte 13: entry header cut off by the end", "header cut");
    b[n + 1] = 200;
    expect_binary(b, n + 2, "manifest byte 13: entry runs past the end", "long length");
    /* unknown tags, every length of every known tag outside its bounds */
    n = base(b, 100);
    size_t at = entry(b, n, 0, "", 0);
    expect_binary(b, at, "manifest byte 13: unknown tag 0", "tag 0");
    at = entry(b, n, 12, "", 0);
    expect_binary(b, at, "manifest byte 13: unknown tag 12", "tag 12");
    at = entry(b, n, 255, "", 0);
    expect_binary(b, at, "manifest byte 13: unknown tag 255", "tag 255");
    static const struct {
        uint8_t tag, min, max;
        const char *name;
    } tags[] = {
#define ROW(tag, name, min, max, repeat) {tag, min, max, #name},
        MOTE_MANIFEST_TAGS(ROW)
#undef ROW
    };
    uint8_t zeros[256] = {0};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        char want[80];
        if (tags[i].min > 0) {
            n = header(b);
            at = entry(b, n, tags[i].tag, zeros, (uint8_t)(tags[i].min - 1));
            snprintf(want, sizeof want, "manifest byte 4: tag %u (%s): %u bytes, expected %u",
                     tags[i].tag, tags[i].name, tags[i].min - 1, tags[i].min);
            expect_binary(b, at, want, "below min");
        }
        n = header(b);
        at = entry(b, n, tags[i].tag, zeros, (uint8_t)(tags[i].max + 1));
        snprintf(want, sizeof want, "manifest byte 4: tag %u (%s): %u bytes, expected %u",
                 tags[i].tag, tags[i].name, tags[i].max + 1, tags[i].min);
        expect_binary(b, at, want, "above max");
    }
    /* repeats: allowed for pin, uart and send only */
    n = base(b, 100);
    at = entry(b, n, 1, "b", 1);
    expect_binary(b, at, "manifest byte 13: tag 1 (name): given twice", "two names");
    at = entry(b, n, 3, "\1", 1);
    at = entry(b, at, 3, "\2", 1);
    CHECK(mote_manifest_parse(b, at, &m, &err) && m.uarts == 6, "two uarts: %s", err.text);
    at = entry(b, at, 3, "\2", 1);
    expect_binary(b, at, "manifest byte 19: uart 2 granted twice", "uart twice");
    /* values the rules refuse */
    at = entry(b, n, 2, "\100\2", 2);
    expect_binary(b, at, "manifest byte 13: pin 64: pins are 0..63", "pin 64");
    at = entry(b, n, 2, "\1\3", 2);
    expect_binary(b, at, "manifest byte 13: pin 1: direction 3 (1 in, 2 out)", "direction 3");
    at = entry(b, n, 1, "a\0", 2);
    expect_binary(b, at, "manifest byte 13: tag 1 (name): given twice", "name with NUL");
    n = header(b);
    at = entry(b, n, 1, "a\0", 2);
    expect_binary(b, at, "manifest byte 4: 'a", "name with a NUL byte");
    n = base(b, 100);
    at = entry(b, n, 9, "\1\0\0\0\1\0/lo\0g", 10);
    expect_binary(b, at, "manifest byte 13: files '/lo", "directory with a NUL");
    /* sizes whose sum passes 2^32: ram 0xffffffff, stacks 0xffffffff each */
    n = base(b, 0xffffffffu);
    at = entry(b, n, 7, "\377\377\377\377\377\377\377\377", 8);
    expect_binary(b, at,
                  "manifest: ram 4294967295 is less than its mailbox, stacks and memory "
                  "cap (8589934590 bytes)",
                  "stacks beyond 2^32");
    at = entry(b, n, 6, "\377\377\377\377", 4);
    at = entry(b, at, 11, "\377\0\0\1", 4);
    at = entry(b, at, 7, "\377\377\377\177\377\377\377\177", 8);
    expect_binary(b, at, "manifest: ram 4294967295 is less than", "all four beyond 2^32");
    /* too long */
    n = base(b, 100);
    while (n < MOTE_MANIFEST_MAX_SIZE + 8)
        n = entry(b, n, 2, "\0\1", 2);
    expect_binary(b, n, "manifest byte 1024: longer than 1024 bytes", "1032 bytes");
}

/* Random mutations of a full manifest's binary form. */
static void mutations(void)
{
    mote_manifest m;
    mote_manifest_error err;
    CHECK(mote_manifest_parse_text(FULL, strlen(FULL), &m, &err), "full");
    uint8_t good[MOTE_MANIFEST_MAX_SIZE], b[MOTE_MANIFEST_MAX_SIZE], again[MOTE_MANIFEST_MAX_SIZE];
    size_t n = mote_manifest_encode(&m, good, sizeof good);
    unsigned seed = 12345, accepted = 0;
    for (int i = 0; i < 200000; i++) {
        memcpy(b, good, n);
        size_t len = n;
        int edits = 1 + (int)(seed % 3);
        for (int k = 0; k < edits; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t pos = (seed >> 8) % len;
            b[pos] = (uint8_t)(seed >> 20);
        }
        seed = seed * 1103515245u + 12345u;
        if (seed % 7 == 0)
            len = (seed >> 8) % (n + 1);
        if (!mote_manifest_parse(b, len, &m, &err))
            continue;
        accepted++;
        /* what parses re-encodes (in canonical order) and parses the same */
        mote_manifest m2;
        size_t n2 = mote_manifest_encode(&m, again, sizeof again);
        CHECK(n2 > 0 && mote_manifest_parse(again, n2, &m2, &err) && !memcmp(&m, &m2, sizeof m),
              "mutation %d: re-encoding differs", i);
    }
    printf("manifest: 200000 mutations, %u accepted and re-encoded\n", accepted);
}

int main(void)
{
    full_round_trip();
    text_errors();
    binary_errors();
    mutations();
    printf("test_manifest: %d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
