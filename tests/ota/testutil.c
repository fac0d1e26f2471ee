#include "testutil.h"

#include <stdlib.h>
#include <string.h>

MOTE_CHECK_DEFINE;
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

uint32_t rng_below(uint32_t n)
{
    return (uint32_t)((rng_next() >> 32) % n);
}

void rng_bytes(void *buf, size_t n)
{
    uint8_t *p = buf;
    while (n--)
        *p++ = (uint8_t)(rng_next() >> 56);
}

void rng_seed_from_env(uint64_t fallback)
{
    const char *s = getenv("OTA_TEST_SEED");
    rng_state = s ? strtoull(s, NULL, 0) : fallback;
    if (!rng_state)
        rng_state = 1;
    printf("seed %llu (set OTA_TEST_SEED to repeat)\n", (unsigned long long)rng_state);
}

size_t hex_to_bytes(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    while (hex[0] && hex[1] && n < cap) {
        unsigned v;
        sscanf(hex, "%2x", &v);
        out[n++] = (uint8_t)v;
        hex += 2;
    }
    return n;
}

uint8_t *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(99);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(99);
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* (module (func (export "answer") (result i32) i32.const N)) followed by a
 * custom section "pad" filling the requested size. */
void make_wasm(uint8_t *out, size_t len, int answer)
{
    static const uint8_t head[] = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, /* magic, version */
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,       /* type: () -> i32 */
        0x03, 0x02, 0x01, 0x00,                         /* func 0: type 0 */
        0x07, 0x0a, 0x01, 0x06, 'a',  'n',  's',  'w',  'e',  'r',
        0x00, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x00, 0x0b, /* i32.const N */
    };
    memcpy(out, head, sizeof head);
    out[sizeof head - 2] = (uint8_t)(answer & 0x3f); /* 1-byte LEB, 0..63 */
    size_t rest = len - sizeof head;                 /* custom section */
    size_t body = rest - 1 - 3;                      /* id + 3-byte LEB size */
    uint8_t *p = out + sizeof head;
    *p++ = 0x00;
    *p++ = (uint8_t)(0x80 | (body & 0x7f));
    *p++ = (uint8_t)(0x80 | ((body >> 7) & 0x7f));
    *p++ = (uint8_t)((body >> 14) & 0x7f);
    *p++ = 3;
    memcpy(p, "pad", 3);
    p += 3;
    for (size_t i = 0; i < body - 4; i++)
        *p++ = (uint8_t)(i * 7 + (size_t)answer);
}
