/*
 * mote-app-memory -- the last step of the SDK's small-memory mode
 * (mote_add_wasm_app(... MEMORY_BYTES n [HEAP h])): gives a linked app a
 * memory of 1-byte pages (the custom-page-sizes proposal) sized to what it
 * really uses.  A build-machine program, run on every such app.
 *
 *   mote-app-memory --max N [--heap H] IN.wasm -o OUT.wasm
 *
 * wasm-ld can only declare whole 64 KiB pages.  The SDK links the app with
 * __heap_base exported (-Wl,--export=__heap_base); its value is where the
 * stack (first, --stack-first) and the static data end.  The memory is
 * rewritten to
 *
 *     initial = __heap_base + H     the stack, the data, a heap reserve
 *     maximum = N                   malloc grows the memory up to here
 *
 * and the __heap_base export is dropped again.  Prints the layout, one
 * line.  Exit status 1 with a message if the module is not such an app or
 * its stack and data do not fit in N.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *input = "";

static _Noreturn void die(const char *what)
{
    fprintf(stderr, "mote-app-memory: %s: %s\n", input, what);
    exit(1);
}

typedef struct {
    const uint8_t *p;
    size_t pos, end;
} reader;

static uint8_t byte(reader *r)
{
    if (r->pos >= r->end)
        die("truncated module");
    return r->p[r->pos++];
}

static uint64_t leb(reader *r)
{
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        uint8_t b = byte(r);
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            return v;
    }
    die("LEB128 too long");
}

/* A signed LEB128 of up to 32 bits (an i32.const operand). */
static int32_t sleb32(reader *r)
{
    uint32_t v = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
        if (shift >= 35)
            die("LEB128 too long");
        b = byte(r);
        v |= (uint32_t)(b & 0x7F) << shift;
        shift += 7;
    } while (b & 0x80);
    if (shift < 32 && (b & 0x40))
        v |= ~0u << shift;
    return (int32_t)v;
}

static void skip(reader *r, uint64_t n)
{
    if (n > r->end - r->pos)
        die("truncated module");
    r->pos += n;
}

/* An import or export name: returns whether it equals `want`. */
static int name_is(reader *r, const char *want)
{
    uint64_t len = leb(r);
    size_t at = r->pos;
    skip(r, len);
    return len == strlen(want) && memcmp(r->p + at, want, len) == 0;
}

static void skip_limits(reader *r)
{
    uint8_t flags = byte(r);
    leb(r);
    if (flags & 1)
        leb(r);
    if (flags & 8)
        leb(r);
}

/* An output buffer that cannot overflow: the result is at most the input
 * plus one memory section (the export section only shrinks). */
typedef struct {
    uint8_t *p;
    size_t len;
} writer;

static void put(writer *w, const void *data, size_t n)
{
    memcpy(w->p + w->len, data, n);
    w->len += n;
}

static void put_leb(writer *w, uint64_t v)
{
    do {
        uint8_t b = v & 0x7F;
        v >>= 7;
        w->p[w->len++] = b | (v ? 0x80 : 0);
    } while (v);
}

static void put_section(writer *w, uint8_t id, const uint8_t *body, size_t n)
{
    w->p[w->len++] = id;
    put_leb(w, n);
    put(w, body, n);
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        die("cannot open");
    if (fseek(f, 0, SEEK_END) != 0)
        die("cannot read");
    long n = ftell(f);
    if (n < 0 || fseek(f, 0, SEEK_SET) != 0)
        die("cannot read");
    uint8_t *buf = malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
        die("cannot read");
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* What the tool learns about the app. */
typedef struct {
    uint64_t imported_globals;
    uint64_t heap_base_global; /* UINT64_MAX: no __heap_base export */
    int64_t heap_base;         /* -1: not found yet */
    int64_t stack_top;         /* the first mutable i32 global's value: the stack pointer */
    int memories;
} app_info;

static void scan_imports(reader *r, app_info *app)
{
    for (uint64_t n = leb(r); n > 0; n--) {
        name_is(r, "");
        name_is(r, "");
        uint8_t kind = byte(r);
        switch (kind) {
        case 0: leb(r); break; /* function: type */
        case 1:
            byte(r);
            skip_limits(r);
            break; /* table */
        case 2: die("the memory is imported: nothing to size");
        case 3:
            byte(r);
            byte(r);
            app->imported_globals++;
            break;
        case 4:
            byte(r);
            leb(r);
            break; /* tag */
        default: die("unknown import kind");
        }
    }
}

static void scan_exports(reader *r, app_info *app)
{
    for (uint64_t n = leb(r); n > 0; n--) {
        int is_base = name_is(r, "__heap_base");
        uint8_t kind = byte(r);
        uint64_t index = leb(r);
        if (is_base && kind == 3)
            app->heap_base_global = index;
    }
}

/* A constant expression, up to its `end`: returns its value if it is
 * exactly `i32.const v`, else -1. */
static int64_t const_expr(reader *r)
{
    int64_t value = -1;
    int ops = 0;
    for (uint8_t op = byte(r); op != 0x0B; op = byte(r), ops++) {
        value = -1;
        switch (op) {
        case 0x41: value = (uint32_t)sleb32(r); break; /* i32.const */
        case 0x42:
            while (byte(r) & 0x80) {
            }
            break;                    /* i64.const */
        case 0x43: skip(r, 4); break; /* f32.const */
        case 0x44: skip(r, 8); break; /* f64.const */
        case 0x23:
        case 0xD2: leb(r); break;  /* global.get, ref.func */
        case 0xD0: byte(r); break; /* ref.null */
        case 0x6A:
        case 0x6B:
        case 0x6C: /* extended constants */
        case 0x7C:
        case 0x7D:
        case 0x7E: break;
        default: die("unknown instruction in a global's initialiser");
        }
    }
    return ops == 1 ? value : -1;
}

/* Defined globals: remembers each one's i32.const value by index, for
 * __heap_base (the export section comes later), and the stack pointer's. */
static void scan_globals(reader *r, app_info *app, int64_t **values, uint64_t *count)
{
    *count = leb(r);
    if (*count > r->end - r->pos)
        die("bad global count");
    *values = calloc(*count + 1, sizeof **values);
    if (*values == NULL)
        die("out of memory");
    for (uint64_t i = 0; i < *count; i++) {
        uint8_t type = byte(r), mutable_ = byte(r);
        int64_t value = const_expr(r);
        (*values)[i] = value;
        if (type == 0x7F && mutable_ && app->stack_top < 0)
            app->stack_top = value;
    }
}

/* Writes the export section's body without the __heap_base export. */
static void exports_without_base(const uint8_t *body, size_t len, writer *w)
{
    uint64_t kept = 0;
    for (int pass = 0; pass < 2; pass++) {
        reader r = {body, 0, len};
        uint64_t n = leb(&r);
        if (pass == 1)
            put_leb(w, kept);
        for (uint64_t i = 0; i < n; i++) {
            size_t at = r.pos;
            int is_base = name_is(&r, "__heap_base");
            byte(&r);
            leb(&r);
            if (is_base)
                continue;
            if (pass == 0)
                kept++;
            else
                put(w, body + at, r.pos - at);
        }
    }
}

int main(int argc, char **argv)
{
    const char *out_path = NULL;
    uint64_t max = 0, heap = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out_path = argv[++i];
        else if (!strcmp(argv[i], "--max") && i + 1 < argc)
            max = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--heap") && i + 1 < argc)
            heap = strtoull(argv[++i], NULL, 0);
        else if (argv[i][0] != '-' && !*input)
            input = argv[i];
        else {
            fprintf(stderr, "usage: mote-app-memory --max N [--heap H] IN.wasm -o OUT.wasm\n");
            return 1;
        }
    }
    if (!*input || out_path == NULL || max == 0 || max > UINT32_MAX) {
        fprintf(stderr, "usage: mote-app-memory --max N [--heap H] IN.wasm -o OUT.wasm "
                        "(0 < N < 4 GiB)\n");
        return 1;
    }
    size_t len;
    uint8_t *wasm = read_file(input, &len);
    if (len < 8 || memcmp(wasm, "\0asm\1\0\0\0", 8) != 0)
        die("not a WebAssembly module");

    /* First pass: find the memory, __heap_base and the stack pointer. */
    app_info app = {0, UINT64_MAX, -1, -1, 0};
    int64_t *globals = NULL;
    uint64_t global_count = 0;
    reader r = {wasm, 8, len};
    while (r.pos < r.end) {
        uint8_t id = byte(&r);
        uint64_t size = leb(&r);
        reader body = {wasm, r.pos, r.pos};
        skip(&r, size);
        body.end = r.pos;
        if (id == 2)
            scan_imports(&body, &app);
        else if (id == 5)
            app.memories += (int)leb(&body);
        else if (id == 6)
            scan_globals(&body, &app, &globals, &global_count);
        else if (id == 7)
            scan_exports(&body, &app);
    }
    if (app.memories != 1)
        die("the app must define exactly one memory");
    if (app.heap_base_global == UINT64_MAX)
        die("no __heap_base export (link with -Wl,--export=__heap_base)");
    uint64_t g = app.heap_base_global - app.imported_globals;
    if (app.heap_base_global < app.imported_globals || g >= global_count || globals[g] < 0)
        die("__heap_base is not a constant i32 global");
    uint64_t base = (uint64_t)globals[g];
    uint64_t initial = base + heap;
    if (initial > max) {
        fprintf(stderr, "mote-app-memory: %s: the stack and static data take %llu bytes", input,
                (unsigned long long)base);
        if (heap != 0)
            fprintf(stderr, " and HEAP adds %llu", (unsigned long long)heap);
        fprintf(stderr, ": more than MEMORY_BYTES %llu\n", (unsigned long long)max);
        return 1;
    }

    /* Second pass: copy, with the memory and export sections replaced. */
    writer w = {malloc(len + 32), 0};
    uint8_t *scratch = malloc(len + 32);
    if (w.p == NULL || scratch == NULL)
        die("out of memory");
    put(&w, wasm, 8);
    r.pos = 8;
    while (r.pos < r.end) {
        size_t start = r.pos;
        uint8_t id = byte(&r);
        uint64_t size = leb(&r);
        size_t body = r.pos;
        skip(&r, size);
        if (id == 5) {
            writer m = {scratch, 0};
            put_leb(&m, 1);
            uint8_t flags = 0x09; /* has a maximum; page size follows */
            put(&m, &flags, 1);
            put_leb(&m, initial);
            put_leb(&m, max);
            put_leb(&m, 0); /* page size 2^0 = 1 byte */
            put_section(&w, 5, scratch, m.len);
        } else if (id == 7) {
            writer e = {scratch, 0};
            exports_without_base(wasm + body, size, &e);
            put_section(&w, 7, scratch, e.len);
        } else {
            put(&w, wasm + start, r.pos - start);
        }
    }

    FILE *f = fopen(out_path, "wb");
    if (f == NULL || fwrite(w.p, 1, w.len, f) != w.len || fclose(f) != 0)
        die("cannot write the output");
    const char *name = strrchr(out_path, '/');
    name = name ? name + 1 : out_path;
    if (app.stack_top >= 0 && (uint64_t)app.stack_top <= base)
        printf("%s: memory of 1-byte pages: %llu initial (stack %lld, data %lld, heap %llu), "
               "%llu maximum\n",
               name, (unsigned long long)initial, (long long)app.stack_top,
               (long long)(base - (uint64_t)app.stack_top), (unsigned long long)heap,
               (unsigned long long)max);
    else
        printf("%s: memory of 1-byte pages: %llu initial (stack and data %llu, heap %llu), "
               "%llu maximum\n",
               name, (unsigned long long)initial, (unsigned long long)base,
               (unsigned long long)heap, (unsigned long long)max);
    free(scratch);
    free(w.p);
    free(globals);
    free(wasm);
    return 0;
}
