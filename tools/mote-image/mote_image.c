/*
 * mote-image -- prepares a Wasm app for a device, at build time.
 *
 *   mote-image [--memory-bytes N] [--handlers TABLE] [--image OUT.mimg] IN.wasm -o OUT.wasm
 *
 * - validates the module with the core (a broken app fails the build, with
 *   the core's message naming the place);
 * - --memory-bytes N: rewrites the module's memory to exactly N bytes in
 *   1-byte pages (the custom-page-sizes proposal): compilers emit only
 *   64 KiB pages, more than a small board has;
 * - --handlers TABLE --image OUT.mimg: compiles the (rewritten) module for
 *   the firmware whose interpreter handler table TABLE holds (read from its
 *   interp.c object: section .rodata.mote_handlers) and writes a
 *   precompiled image the firmware attaches in place (mote_image_attach).
 *
 * Exit status 0 on success, 1 with a one-line message otherwise.
 */
#include <mote/mote.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "mote-image: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    exit(1);
}

static uint8_t *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open %s%s", path, "");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc((size_t)n + 16);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        die("cannot read %s%s", path, "");
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void write_all(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
        die("cannot write %s%s", path, "");
}

static size_t read_leb(const uint8_t *p, size_t end, size_t *pos)
{
    size_t v = 0;
    unsigned shift = 0;
    while (*pos < end) {
        uint8_t b = p[(*pos)++];
        v |= (size_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            return v;
        shift += 7;
    }
    die("truncated LEB128 in the module%s%s", "", "");
    return 0;
}

static size_t put_leb(uint8_t *out, uint64_t v)
{
    size_t n = 0;
    do {
        uint8_t b = v & 0x7F;
        v >>= 7;
        out[n++] = b | (v ? 0x80 : 0);
    } while (v);
    return n;
}

/* Copies the module with its memory section replaced by one memory of
 * `bytes` 1-byte pages (flags 0x09: has maximum, page size given). */
static uint8_t *rewrite_memory(const uint8_t *in, size_t len, uint64_t bytes, size_t *out_len)
{
    uint8_t *out = malloc(len + 32);
    size_t pos = 8, o = 8;
    int found = 0;
    memcpy(out, in, 8);
    while (pos < len) {
        size_t start = pos;
        uint8_t id = in[pos++];
        size_t size = read_leb(in, len, &pos);
        size_t next = pos + size;
        if (next > len)
            die("section runs past the end of the module%s%s", "", "");
        if (id == 5) {
            uint8_t body[32];
            size_t b = 0;
            body[b++] = 1; /* one memory */
            body[b++] = 0x09;
            b += put_leb(body + b, bytes);
            b += put_leb(body + b, bytes);
            body[b++] = 0; /* page size 2^0 */
            out[o++] = 5;
            o += put_leb(out + o, b);
            memcpy(out + o, body, b);
            o += b;
            found = 1;
        } else {
            memcpy(out + o, in + start, next - start);
            o += next - start;
        }
        pos = next;
    }
    if (!found)
        die("--memory-bytes: the module defines no memory%s%s", "", "");
    *out_len = o;
    return out;
}

int main(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *handlers = NULL, *image = NULL;
    uint64_t memory_bytes = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--handlers") && i + 1 < argc)
            handlers = argv[++i];
        else if (!strcmp(argv[i], "--image") && i + 1 < argc)
            image = argv[++i];
        else if (!strcmp(argv[i], "--memory-bytes") && i + 1 < argc)
            memory_bytes = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--help")) {
            printf("usage: mote-image [--memory-bytes N] [--handlers TABLE --image OUT.mimg] "
                   "IN.wasm -o OUT.wasm\n");
            return 0;
        } else if (argv[i][0] != '-' && !in)
            in = argv[i];
        else
            die("unknown argument %s (see --help)%s", argv[i], "");
    }
    if (!in || !out)
        die("need IN.wasm and -o OUT.wasm (see --help)%s%s", "", "");
    if (!handlers != !image)
        die("--handlers and --image go together%s%s", "", "");
    size_t len;
    uint8_t *wasm = read_all(in, &len);
    if (memory_bytes) {
        size_t n;
        uint8_t *w = rewrite_memory(wasm, len, memory_bytes, &n);
        free(wasm);
        wasm = w;
        len = n;
    }
    size_t arena_size = 64u << 20;
    uint8_t *buf = malloc(arena_size);
    mote_arena *arena = mote_arena_init(buf, arena_size);
    mote_module *m;
    if (mote_load(arena, wasm, len, NULL, &m) != MOTE_OK)
        die("%s: %s", in, mote_arena_error(arena)->message);
    mote_unload(m);
    write_all(out, wasm, len);
    if (image) {
        size_t tlen;
        uint8_t *table = read_all(handlers, &tlen);
        size_t cap = 64u << 20, written;
        uint8_t *img = malloc(cap);
        if (mote_image_compile(arena, wasm, len, NULL, (const int32_t *)table, tlen / 4, img, cap,
                               &written) != MOTE_OK)
            die("%s: %s", in, mote_arena_error(arena)->message);
        write_all(image, img, written);
        free(img);
        free(table);
    }
    free(buf);
    free(wasm);
    return 0;
}
