/*
 * mote fs -- a flash image's file system from the PC: make one, list it,
 * read and write its files, so that a device can start with files put
 * there and what it logged can be read back (docs/cli.md, "mote fs").
 *
 * The image is read whole into memory, changed there with NOR rules
 * (erase to 0xFF, program clears bits) by the same file system code the
 * boards run, and written back through a temporary file and a rename, so
 * an interrupted mote fs leaves the old image.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <mote/fs.h>

#include "cli.h"
#include "commands.h"

static const char HELP[] =
    "usage: mote fs <action> [options] IMAGE [arguments]\n"
    "\n"
    "The flash file system in a flash image (a file holding a board's storage\n"
    "region, as mote run --flash and the boards use it).\n"
    "\n"
    "actions:\n"
    "  format IMAGE              make an empty file system (the file is made if\n"
    "                            missing, --size bytes of erased flash)\n"
    "  info IMAGE                geometry, space, files\n"
    "  ls IMAGE [PATH]           list a directory (-l: sizes; -R: all below)\n"
    "  cat IMAGE PATH            write a file to stdout\n"
    "  get IMAGE PATH HOSTFILE   copy a file out of the image\n"
    "  put IMAGE HOSTFILE PATH   copy a file (- : stdin) into the image,\n"
    "                            replacing PATH; parent directories are made\n"
    "  mkdir IMAGE PATH          make a directory (and its parents)\n"
    "  rm IMAGE PATH             remove a file or an empty directory (-r: a\n"
    "                            directory and all below)\n"
    "\n"
    "options:\n"
    "  --board NAME      the flash geometry of a board: host, mps2-an385,\n"
    "                    mps2-an386, mps2-an505 (4 KiB sectors, 4-byte program\n"
    "                    unit, 1 MiB), microbit (1 KiB, 4 bytes, 32 KiB),\n"
    "                    sifive-e (4 KiB, 1 byte, 4 MiB); default host\n"
    "  --sector SIZE     erase sector (overrides --board)\n"
    "  --write-size N    program unit (overrides --board)\n"
    "  --size SIZE       image size for format of a new file (default: the\n"
    "                    board's)\n"
    "  --block SIZE      file system block for format (default: the sector)\n"
    "\n"
    "exit status: 0 done, 1 the image has no usable file system or the\n"
    "operation failed (one line on stderr says why), 2 bad command line,\n"
    "125 the image or a host file cannot be read or written.\n";

typedef struct geometry {
    const char *board;
    uint32_t sector, write_size, size;
} geometry;

static const geometry boards[] = {
    {"host", 4096, 4, 1u << 20},       {"mps2-an385", 4096, 4, 1u << 20},
    {"mps2-an386", 4096, 4, 1u << 20}, {"mps2-an505", 4096, 4, 1u << 20},
    {"microbit", 1024, 4, 32u << 10},  {"sifive-e", 4096, 1, 4u << 20},
};

typedef struct image {
    const char *path;
    uint8_t *mem;
    uint32_t size;
    bool changed;
    mote_fs_flash flash;
    mote_fs fs;
    uint8_t *ram;
} image;

static int img_read(void *ctx, uint32_t off, void *buf, uint32_t len)
{
    image *im = ctx;
    memcpy(buf, im->mem + off, len);
    return 0;
}

static int img_erase(void *ctx, uint32_t off)
{
    image *im = ctx;
    memset(im->mem + off, 0xFF, im->flash.sector_size);
    im->changed = true;
    return 0;
}

static int img_program(void *ctx, uint32_t off, const void *buf, uint32_t len)
{
    image *im = ctx;
    const uint8_t *p = buf;
    for (uint32_t i = 0; i < len; i++)
        im->mem[off + i] &= p[i];
    im->changed = true;
    return 0;
}

/* ---- options ------------------------------------------------------------------------------ */

typedef struct options {
    geometry geo;
    uint64_t size, block;
    bool long_list, recursive;
    const char *args[4];
    int nargs;
} options;

static int parse(options *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->geo = boards[0];
    uint64_t sector = 0, write_size = 0;
    for (int i = 2; i < argc; i++) {
        const char *v = NULL;
        bool bad = false;
        if (cli_option(argc, argv, &i, "--board", &v, &bad)) {
            size_t k = 0;
            while (k < sizeof boards / sizeof boards[0] && strcmp(boards[k].board, v) != 0)
                k++;
            if (k == sizeof boards / sizeof boards[0])
                return cli_fail(EXIT_USAGE,
                                "--board %s: unknown (host, mps2-an385, mps2-an386, "
                                "mps2-an505, microbit, sifive-e)",
                                v);
            o->geo = boards[k];
        } else if (cli_option(argc, argv, &i, "--sector", &v, &bad)) {
            if (!cli_parse_size(v, &sector) || sector == 0 || sector > (1u << 24))
                return cli_fail(EXIT_USAGE, "--sector %s: not a size", v);
        } else if (cli_option(argc, argv, &i, "--write-size", &v, &bad)) {
            if (!cli_parse_uint(v, MOTE_FS_MAX_WRITE_SIZE, &write_size) || write_size == 0)
                return cli_fail(EXIT_USAGE, "--write-size %s: 1 to %d", v, MOTE_FS_MAX_WRITE_SIZE);
        } else if (cli_option(argc, argv, &i, "--size", &v, &bad)) {
            if (!cli_parse_size(v, &o->size) || o->size == 0 || o->size > UINT32_MAX)
                return cli_fail(EXIT_USAGE, "--size %s: not a size up to 4 GiB", v);
        } else if (cli_option(argc, argv, &i, "--block", &v, &bad)) {
            if (!cli_parse_size(v, &o->block) || o->block > UINT32_MAX)
                return cli_fail(EXIT_USAGE, "--block %s: not a size", v);
        } else if (!strcmp(argv[i], "-l")) {
            o->long_list = true;
        } else if (!strcmp(argv[i], "-R") || !strcmp(argv[i], "-r")) {
            o->recursive = true;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_fail(EXIT_USAGE, "unknown option %s (see mote fs --help)", argv[i]);
        } else if (o->nargs == 4) {
            return cli_fail(EXIT_USAGE, "too many arguments (see mote fs --help)");
        } else {
            o->args[o->nargs++] = argv[i];
        }
        if (bad)
            return EXIT_USAGE;
    }
    if (sector)
        o->geo.sector = (uint32_t)sector;
    if (write_size)
        o->geo.write_size = (uint32_t)write_size;
    if (o->size == 0)
        o->size = o->geo.size;
    return -1;
}

/* ---- the image --------------------------------------------------------------------------- */

static int load(image *im, const char *path, const options *o, bool create)
{
    memset(im, 0, sizeof *im);
    im->path = path;
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (f == NULL && errno == ENOENT && create) {
        im->size = (uint32_t)o->size;
        im->mem = malloc(im->size);
        if (im->mem == NULL)
            return cli_fail(EXIT_SETUP, "%s: out of memory", path);
        memset(im->mem, 0xFF, im->size);
        im->changed = true;
    } else {
        if (f == NULL || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
            int e = errno;
            if (f != NULL)
                fclose(f);
            return cli_fail(EXIT_SETUP, "cannot open %s: %s", path,
                            f == NULL ? strerror(e) : "not a regular file");
        }
        if (st.st_size == 0 || (uint64_t)st.st_size > UINT32_MAX ||
            st.st_size % o->geo.sector != 0) {
            fclose(f);
            return cli_fail(EXIT_SETUP, "%s: %lld bytes is not a whole number of %u-byte sectors",
                            path, (long long)st.st_size, o->geo.sector);
        }
        im->size = (uint32_t)st.st_size;
        im->mem = malloc(im->size);
        if (im->mem == NULL || fread(im->mem, 1, im->size, f) != im->size) {
            fclose(f);
            return cli_fail(EXIT_SETUP, "cannot read %s", path);
        }
        fclose(f);
    }
    im->flash = (mote_fs_flash){.size = im->size,
                                .sector_size = o->geo.sector,
                                .write_size = o->geo.write_size,
                                .ctx = im,
                                .read = img_read,
                                .erase = img_erase,
                                .program = img_program};
    size_t ram = mote_fs_ram_needed(im->size / o->geo.sector, 1024);
    im->ram = malloc(ram);
    return im->ram != NULL ? -1 : cli_fail(EXIT_SETUP, "out of memory");
}

static mote_fs_config config(image *im)
{
    return (mote_fs_config){.flash = &im->flash,
                            .ram = im->ram,
                            .ram_size = mote_fs_ram_needed(im->size / im->flash.sector_size, 1024),
                            .cache_size = 1024};
}

static int mount(image *im)
{
    mote_fs_config cfg = config(im);
    mote_fs_status st = mote_fs_mount(&im->fs, &cfg);
    if (st == MOTE_FS_OK)
        return -1;
    return cli_fail(EXIT_INVALID, "%s: %s: %s%s", im->path, mote_fs_status_name(st),
                    mote_fs_detail(&im->fs),
                    st == MOTE_FS_ERR_NOT_FORMATTED ? " (mote fs format makes one)"
                    : st == MOTE_FS_ERR_GEOMETRY ? " (does --board or --sector/--write-size match?)"
                                                 : "");
}

/* Writes the image back (through a temporary file) if it changed. */
static int save(image *im)
{
    if (!im->changed)
        return 0;
    size_t n = strlen(im->path) + 16;
    char *tmp = malloc(n);
    snprintf(tmp, n, "%s.tmp", im->path);
    FILE *f = fopen(tmp, "wb");
    bool ok = f != NULL && fwrite(im->mem, 1, im->size, f) == im->size;
    ok = f != NULL && fclose(f) == 0 && ok;
    if (!ok || rename(tmp, im->path) != 0) {
        int e = errno;
        remove(tmp);
        free(tmp);
        return cli_fail(EXIT_SETUP, "cannot write %s: %s", im->path, strerror(e));
    }
    free(tmp);
    return 0;
}

static void unload(image *im)
{
    free(im->mem);
    free(im->ram);
}

static int fs_error(image *im, const char *what, const char *path, mote_fs_status st)
{
    const char *detail = mote_fs_detail(&im->fs);
    return cli_fail(EXIT_INVALID, "%s %s: %s%s%s", what, path, mote_fs_status_name(st),
                    *detail ? ": " : "", detail);
}

/* ---- actions ------------------------------------------------------------------------------- */

static int do_format(image *im, const options *o)
{
    mote_fs_config cfg = config(im);
    mote_fs_format_options opt = {.block_size = (uint32_t)o->block};
    mote_fs_status st = mote_fs_format(&im->fs, &cfg, &opt);
    if (st != MOTE_FS_OK)
        return fs_error(im, "format", im->path, st);
    int r = save(im);
    if (r == 0)
        printf("%s: formatted, %u blocks of %u bytes\n", im->path, im->fs.block_count,
               im->fs.block_size);
    return r;
}

static int do_info(image *im)
{
    mote_fs_info info;
    mote_fs_status st = mote_fs_info_get(&im->fs, &info);
    if (st != MOTE_FS_OK)
        return fs_error(im, "info", im->path, st);
    printf("%s: %u blocks of %u bytes (program unit %u), %u in use, %u free (%u bytes); "
           "catalog %u block%s, %u bytes; %u files and directories\n",
           im->path, info.block_count, info.block_size, info.write_size, info.blocks_used,
           info.blocks_free, info.blocks_free * info.block_size, info.catalog_blocks,
           info.catalog_blocks == 1 ? "" : "s", info.catalog_bytes, info.objects - 1);
    return 0;
}

static int list(image *im, const options *o, const char *path, const char *prefix)
{
    mote_fs_dir d;
    mote_fs_status st = mote_fs_dir_open(&im->fs, &d, MOTE_FS_ROOT, path);
    if (st != MOTE_FS_OK)
        return fs_error(im, "ls", path, st);
    for (;;) {
        mote_fs_dirent e;
        char name[MOTE_FS_NAME_MAX + 1];
        bool found;
        if ((st = mote_fs_dir_read(&d, &e, name, sizeof name - 1, &found)) != MOTE_FS_OK)
            return fs_error(im, "ls", path, st);
        if (!found)
            return 0;
        name[e.name_len] = '\0';
        bool dir = e.st.type == MOTE_FS_TYPE_DIR;
        if (o->long_list)
            printf("%10u  %s%s%s\n", e.st.size, prefix, name, dir ? "/" : "");
        else
            printf("%s%s%s\n", prefix, name, dir ? "/" : "");
        if (dir && o->recursive) {
            char sub[1024], pre[1024];
            snprintf(sub, sizeof sub, "%s/%s", path, name);
            snprintf(pre, sizeof pre, "%s%s/", prefix, name);
            int r = list(im, o, sub, pre);
            if (r != 0)
                return r;
        }
    }
}

static int copy_out(image *im, const char *path, FILE *out)
{
    mote_fs_file f;
    mote_fs_status st = mote_fs_open(&im->fs, &f, MOTE_FS_ROOT, path, MOTE_FS_O_READ);
    if (st != MOTE_FS_OK)
        return fs_error(im, "read", path, st);
    uint8_t buf[4096];
    size_t got;
    while ((st = mote_fs_read(&f, buf, sizeof buf, &got)) == MOTE_FS_OK && got > 0)
        if (fwrite(buf, 1, got, out) != got) {
            mote_fs_close(&f);
            return cli_fail(EXIT_SETUP, "write error: %s", strerror(errno));
        }
    mote_fs_close(&f);
    return st == MOTE_FS_OK ? 0 : fs_error(im, "read", path, st);
}

static int do_get(image *im, const char *path, const char *host)
{
    FILE *out = fopen(host, "wb");
    if (out == NULL)
        return cli_fail(EXIT_SETUP, "cannot create %s: %s", host, strerror(errno));
    int r = copy_out(im, path, out);
    if (fclose(out) != 0 && r == 0)
        r = cli_fail(EXIT_SETUP, "cannot write %s: %s", host, strerror(errno));
    return r;
}

/* Makes the directories of path (all of it when whole, else its parent). */
static mote_fs_status make_dirs(mote_fs *fs, const char *path, bool whole)
{
    char part[1024];
    size_t len = strlen(path);
    if (len >= sizeof part)
        return MOTE_FS_ERR_NAME_TOO_LONG;
    for (size_t i = 1; i <= len; i++) {
        if (i < len && path[i] != '/')
            continue;
        if (i == len && !whole)
            break;
        memcpy(part, path, i);
        part[i] = '\0';
        mote_fs_status st = mote_fs_mkdir(fs, MOTE_FS_ROOT, part);
        if (st != MOTE_FS_OK && st != MOTE_FS_ERR_EXISTS)
            return st;
    }
    return MOTE_FS_OK;
}

static int do_put(image *im, const char *host, const char *path)
{
    FILE *in = strcmp(host, "-") == 0 ? stdin : fopen(host, "rb");
    if (in == NULL)
        return cli_fail(EXIT_SETUP, "cannot open %s: %s", host, strerror(errno));
    mote_fs_status st = make_dirs(&im->fs, path, false);
    mote_fs_file f;
    if (st == MOTE_FS_OK)
        st = mote_fs_open(&im->fs, &f, MOTE_FS_ROOT, path,
                          MOTE_FS_O_WRITE | MOTE_FS_O_CREATE | MOTE_FS_O_TRUNC);
    uint8_t buf[4096];
    size_t n;
    while (st == MOTE_FS_OK && (n = fread(buf, 1, sizeof buf, in)) > 0)
        st = mote_fs_write(&f, buf, n, NULL);
    bool read_error = ferror(in) != 0;
    if (in != stdin)
        fclose(in);
    if (st == MOTE_FS_OK || st == MOTE_FS_ERR_NO_SPACE) {
        mote_fs_status cl = mote_fs_close(&f);
        st = st == MOTE_FS_OK ? cl : st;
    }
    if (st != MOTE_FS_OK)
        return fs_error(im, "put", path, st);
    if (read_error)
        return cli_fail(EXIT_SETUP, "cannot read %s", host);
    return save(im);
}

static int remove_tree(image *im, const char *path)
{
    mote_fs_stat s;
    mote_fs_status st = mote_fs_stat_path(&im->fs, MOTE_FS_ROOT, path, &s);
    if (st == MOTE_FS_OK && s.type == MOTE_FS_TYPE_DIR) {
        mote_fs_dir d;
        st = mote_fs_dir_open(&im->fs, &d, MOTE_FS_ROOT, path);
        for (bool found = true; st == MOTE_FS_OK && found;) {
            mote_fs_dirent e;
            char name[MOTE_FS_NAME_MAX + 1], sub[1024];
            st = mote_fs_dir_read(&d, &e, name, sizeof name - 1, &found);
            if (st != MOTE_FS_OK || !found)
                break;
            name[e.name_len] = '\0';
            snprintf(sub, sizeof sub, "%s/%s", path, name);
            int r = remove_tree(im, sub);
            if (r != 0)
                return r;
        }
    }
    if (st == MOTE_FS_OK)
        st = mote_fs_remove(&im->fs, MOTE_FS_ROOT, path);
    return st == MOTE_FS_OK ? 0 : fs_error(im, "rm", path, st);
}

int cmd_fs(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(HELP, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    static const struct {
        const char *name;
        int args;
    } actions[] = {{"format", 1}, {"info", 1}, {"ls", -1},   {"cat", 2},
                   {"get", 3},    {"put", 3},  {"mkdir", 2}, {"rm", 2}};
    const char *action = argv[1];
    int want = 0;
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        if (!strcmp(action, actions[i].name))
            want = actions[i].args;
    if (want == 0)
        return cli_fail(EXIT_USAGE,
                        "unknown action '%s' (format, info, ls, cat, get, put, mkdir, "
                        "rm; see mote fs --help)",
                        action);
    options o;
    int r = parse(&o, argc, argv);
    if (r >= 0)
        return r;
    if ((want > 0 && o.nargs != want) || (want < 0 && (o.nargs < 1 || o.nargs > 2)))
        return cli_fail(EXIT_USAGE, "mote fs %s: wrong arguments (see mote fs --help)", action);
    image im;
    bool format = !strcmp(action, "format");
    if ((r = load(&im, o.args[0], &o, format)) >= 0 || (!format && (r = mount(&im)) >= 0)) {
        unload(&im);
        return r;
    }
    const char *path = o.nargs > 1 ? o.args[1] : "";
    mote_fs_status st = MOTE_FS_OK;
    if (format) {
        r = do_format(&im, &o);
    } else if (!strcmp(action, "info")) {
        r = do_info(&im);
    } else if (!strcmp(action, "ls")) {
        r = list(&im, &o, path, "");
    } else if (!strcmp(action, "cat")) {
        r = copy_out(&im, path, stdout);
    } else if (!strcmp(action, "get")) {
        r = do_get(&im, path, o.args[2]);
    } else if (!strcmp(action, "put")) {
        r = do_put(&im, o.args[1], o.args[2]);
    } else if (!strcmp(action, "mkdir")) {
        st = make_dirs(&im.fs, path, true);
        r = st == MOTE_FS_OK ? save(&im) : fs_error(&im, "mkdir", path, st);
    } else {
        r = o.recursive ? remove_tree(&im, path) : 0;
        if (!o.recursive && (st = mote_fs_remove(&im.fs, MOTE_FS_ROOT, path)) != MOTE_FS_OK)
            r = fs_error(&im, "rm", path, st);
        if (r == 0)
            r = save(&im);
    }
    unload(&im);
    return r;
}
