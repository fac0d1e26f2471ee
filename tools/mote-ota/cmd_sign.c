/* mote-ota sign: .wasm -> signed bundle; and mote-ota imgtool sign, the
 * same with imgtool's command line rules. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "cli.h"
#include "commands.h"
#include "keyfile.h"
#include "sign_opts.h"

static const char USAGE[] =
    "usage: mote-ota sign -k KEY.pem -v VERSION [options] APP.wasm (-o BUNDLE | BUNDLE)\n"
    "\n"
    "Wraps a WebAssembly module into a signed bundle: MCUboot's image header,\n"
    "the module as payload, and TLVs with its SHA-256, the key hash and an\n"
    "Ed25519 signature -- byte for byte what `imgtool sign --pad-header` makes\n"
    "with the same key and options.  The options are imgtool's:\n"
    "\n";

static const char IMGTOOL_USAGE[] =
    "usage: mote-ota imgtool sign [imgtool sign options] INFILE OUTFILE\n"
    "\n"
    "Runs an `imgtool sign` command line with imgtool's own rules (-v, -H and -S\n"
    "required; without --pad-header the input must start with --header-size\n"
    "zero bytes) and makes what imgtool would make -- for the options mote\n"
    "supports.  The others are refused, naming why.  Every imgtool sign option:\n"
    "\n";

#define MAX_PAYLOAD (16u * 1024 * 1024)

/* Without --pad-header imgtool writes the header over the input's first
 * header_size bytes, which must be zero; the rest is the payload. */
static bool zero_header_space(const uint8_t *in, size_t len, size_t header_size)
{
    if (len < header_size)
        return false;
    for (size_t i = 0; i < header_size; i++)
        if (in[i] != 0)
            return false;
    return true;
}

/* Checks the module and the options, builds, writes. */
static int sign_payload(const sign_args *a, const uint8_t *payload, size_t len,
                        const uint8_t seed[32], bool strict)
{
    uint8_t *bundle;
    size_t blen;
    char msg[160];
    if (!a->not_wasm && (len < 8 || memcmp(payload, "\0asm", 4) != 0)) {
        cli_error("%s is not a WebAssembly module (no \\0asm magic)%s", a->in,
                  strict ? "" : "; --not-wasm overrides");
        return EXIT_FAIL;
    }
    const char *err = bundle_fits(&a->p, len, msg, sizeof msg);
    if (err) {
        cli_error("%s", err);
        return EXIT_USAGE;
    }
    if (!bundle_build(payload, len, &a->p, seed, &bundle, &blen)) {
        cli_error("out of memory");
        return EXIT_FAIL;
    }
    bool ok = cli_write_file(a->out, bundle, blen, 0644);
    free(bundle);
    if (!ok)
        return EXIT_FAIL;
    char ver[32];
    printf("wrote %s: version %s, %zu-byte module, %zu-byte bundle", a->out,
           cli_version_str(&a->p.version, ver), len, blen);
    if (a->p.pad)
        printf(" (padded: %s)", a->p.confirm ? "confirmed" : "installed on trial");
    printf("\n");
    return 0;
}

static int sign_file(const sign_args *a, bool strict)
{
    keyfile k;
    uint8_t *input;
    size_t len, skip = 0;
    if (!keyfile_read(a->key, &k))
        return EXIT_USAGE;
    if (!k.has_private) {
        cli_error("%s is a public key; signing needs the private key", a->key);
        return EXIT_USAGE;
    }
    if (!cli_read_file(a->in, MAX_PAYLOAD, &input, &len))
        return EXIT_USAGE;
    int rc = 0;
    if (strict && !a->pad_header) {
        skip = a->p.header_size;
        if (!zero_header_space(input, len, skip)) {
            cli_error("Header padding was not requested and image does not start with zeros");
            rc = EXIT_USAGE;
        }
    }
    if (rc == 0)
        rc = sign_payload(a, input + skip, len - skip, k.seed, strict);
    sodium_memzero(&k, sizeof k);
    free(input);
    return rc;
}

static int run(int argc, char **argv, bool strict)
{
    sign_args a;
    int rc = sign_parse(argc, argv, strict, &a);
    if (rc < 0) {
        fputs(strict ? IMGTOOL_USAGE : USAGE, stdout);
        sign_print_options(stdout, strict);
        rc = 0;
    } else if (rc == 0) {
        rc = sign_file(&a, strict);
    }
    sign_args_free(&a);
    return rc;
}

int cmd_sign(int argc, char **argv)
{
    return run(argc, argv, false);
}

int cmd_imgtool(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "sign") != 0) {
        cli_error("only `imgtool sign` command lines are taken (see mote-ota imgtool sign --help)");
        return EXIT_USAGE;
    }
    cli_cmd = "imgtool sign";
    return run(argc - 1, argv + 1, true);
}
