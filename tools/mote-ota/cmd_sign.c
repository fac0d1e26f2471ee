/* mote-ota sign: .wasm -> signed bundle. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "cli.h"
#include "commands.h"
#include "keyfile.h"

static const char USAGE[] =
    "usage: mote-ota sign -k KEY.pem -v VERSION [options] APP.wasm -o BUNDLE\n"
    "\n"
    "Wraps a WebAssembly module into a signed bundle: MCUboot's image header,\n"
    "the module as payload, and TLVs with its SHA-256, the key hash and an\n"
    "Ed25519 signature -- byte for byte what `imgtool sign --pad-header` makes\n"
    "with the same key and options.\n"
    "\n"
    "  -k, --key FILE          private key (PKCS#8 PEM, from keygen or imgtool)\n"
    "  -v, --version VERSION   major.minor.revision+build, e.g. 1.2.0 or 1.2.0+7\n"
    "  -o, --output FILE       bundle to write\n"
    "  -H, --header-size N     header area size, >= 32 (default 32)\n"
    "  -L, --load-addr ADDR    load address (sets the RAM_LOAD flag, as imgtool)\n"
    "      --not-wasm          accept a payload that is not a .wasm module\n"
    "  -h, --help              show this help\n";

#define MAX_PAYLOAD (16u * 1024 * 1024)

typedef struct sign_args {
    const char *key, *out, *in;
    bundle_params p;
    bool have_version, not_wasm;
} sign_args;

static int parse(int argc, char **argv, sign_args *a)
{
    static const struct option opts[] = {
        {"key", required_argument, 0, 'k'}, {"version", required_argument, 0, 'v'},
        {"output", required_argument, 0, 'o'}, {"header-size", required_argument, 0, 'H'},
        {"load-addr", required_argument, 0, 'L'}, {"not-wasm", no_argument, 0, 'W'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    uint32_t v;
    for (int c; (c = getopt_long(argc, argv, "k:v:o:H:L:h", opts, NULL)) != -1;) {
        switch (c) {
        case 'k': a->key = optarg; break;
        case 'o': a->out = optarg; break;
        case 'W': a->not_wasm = true; break;
        case 'v':
            if (!cli_parse_version(optarg, &a->p.version)) {
                cli_error("bad version '%s' (want major.minor.revision+build)", optarg);
                return EXIT_USAGE;
            }
            a->have_version = true;
            break;
        case 'H':
            if (!cli_parse_u32(optarg, 65535, &v) || v < 32) {
                cli_error("bad --header-size '%s' (32..65535)", optarg);
                return EXIT_USAGE;
            }
            a->p.header_size = (uint16_t)v;
            break;
        case 'L':
            if (!cli_parse_u32(optarg, UINT32_MAX, &a->p.load_addr)) {
                cli_error("bad --load-addr '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': fputs(USAGE, stdout); return -1;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    a->in = optind < argc ? argv[optind] : NULL;
    const char *missing = !a->key ? "--key" : !a->have_version ? "--version"
                        : !a->out ? "--output" : !a->in ? "the input .wasm" : NULL;
    if (missing || optind + 1 < argc) {
        if (missing)
            cli_error("missing %s (see --help)", missing);
        else
            cli_error("unexpected argument '%s'", argv[optind + 1]);
        return EXIT_USAGE;
    }
    return 0;
}

int cmd_sign(int argc, char **argv)
{
    sign_args a = {.p = {.header_size = 32}};
    int rc = parse(argc, argv, &a);
    if (rc)
        return rc < 0 ? 0 : rc;
    keyfile k;
    uint8_t *payload, *bundle;
    size_t len, blen;
    if (!keyfile_read(a.key, &k))
        return EXIT_USAGE;
    if (!k.has_private) {
        cli_error("%s is a public key; signing needs the private key", a.key);
        return EXIT_USAGE;
    }
    if (!cli_read_file(a.in, MAX_PAYLOAD, &payload, &len))
        return EXIT_USAGE;
    if (!a.not_wasm && (len < 8 || memcmp(payload, "\0asm", 4) != 0)) {
        cli_error("%s is not a WebAssembly module (no \\0asm magic); --not-wasm overrides",
                  a.in);
        free(payload);
        return EXIT_FAIL;
    }
    bool ok = bundle_build(payload, len, &a.p, k.seed, &bundle, &blen);
    sodium_memzero(&k, sizeof k);
    free(payload);
    if (!ok) {
        cli_error("out of memory");
        return EXIT_FAIL;
    }
    ok = cli_write_file(a.out, bundle, blen, 0644);
    free(bundle);
    if (!ok)
        return EXIT_FAIL;
    char ver[32];
    printf("wrote %s: version %s, %zu-byte module, %zu-byte bundle\n", a.out,
           cli_version_str(&a.p.version, ver), len, blen);
    return 0;
}
