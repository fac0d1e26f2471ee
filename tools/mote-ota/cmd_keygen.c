/* mote-ota keygen: a new Ed25519 signing key. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "keyfile.h"

static const char USAGE[] =
    "usage: mote-ota keygen -k KEY.pem [--pub PUB.pem] [--header KEY.h] [--force]\n"
    "\n"
    "Makes a new Ed25519 key pair.  Writes the private key as PKCS#8 PEM (mode\n"
    "0600; the same format imgtool uses, so either tool can sign with it), the\n"
    "public key as PEM, and a C header declaring mote_ota_public_key[32] for\n"
    "the firmware.  Keep KEY.pem secret.\n"
    "\n"
    "  -k, --key FILE     private key to write (required)\n"
    "      --pub FILE     public key to write (default: KEY with .pub.pem)\n"
    "      --header FILE  C header to write (default: KEY with .h)\n"
    "  -f, --force        overwrite existing files\n"
    "  -h, --help         show this help\n";

/* path with its ".pem" suffix (if any) replaced by suffix; malloc'd. */
static char *derive(const char *path, const char *suffix)
{
    size_t n = strlen(path);
    if (n > 4 && !strcmp(path + n - 4, ".pem"))
        n -= 4;
    char *out = malloc(n + strlen(suffix) + 1);
    if (out) {
        memcpy(out, path, n);
        strcpy(out + n, suffix);
    }
    return out;
}

int cmd_keygen(int argc, char **argv)
{
    static const struct option opts[] = {
        {"key", required_argument, 0, 'k'},    {"pub", required_argument, 0, 'p'},
        {"header", required_argument, 0, 'H'}, {"force", no_argument, 0, 'f'},
        {"help", no_argument, 0, 'h'},         {0, 0, 0, 0},
    };
    const char *key = NULL, *pub = NULL, *hdr = NULL;
    bool force = false;
    for (int c; (c = getopt_long(argc, argv, "k:fh", opts, NULL)) != -1;) {
        switch (c) {
        case 'k': key = optarg; break;
        case 'p': pub = optarg; break;
        case 'H': hdr = optarg; break;
        case 'f': force = true; break;
        case 'h': fputs(USAGE, stdout); return 0;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    if (!key || optind != argc) {
        cli_error(key ? "unexpected argument '%s'" : "missing --key FILE (see --help)",
                  key ? argv[optind] : "");
        return EXIT_USAGE;
    }
    char *pub_path = pub ? NULL : derive(key, ".pub.pem");
    char *hdr_path = hdr ? NULL : derive(key, ".h");
    const char *paths[3] = {key, pub ? pub : pub_path, hdr ? hdr : hdr_path};
    int rc = 0;
    for (int i = 0; i < 3 && !rc; i++) {
        if (!force && cli_exists(paths[i])) {
            cli_error("%s exists; use --force to overwrite it", paths[i]);
            rc = EXIT_USAGE;
        }
    }
    if (!rc) {
        uint8_t seed[32], pk[32], sk[64];
        randombytes_buf(seed, sizeof seed);
        crypto_sign_seed_keypair(pk, sk, seed);
        bool ok = keyfile_write_private(paths[0], seed) && keyfile_write_public(paths[1], pk) &&
                  keyfile_write_header(paths[2], pk);
        sodium_memzero(seed, sizeof seed);
        sodium_memzero(sk, sizeof sk);
        if (ok)
            printf("wrote %s (private), %s (public), %s (C header)\n", paths[0], paths[1],
                   paths[2]);
        rc = ok ? 0 : EXIT_USAGE;
    }
    free(pub_path);
    free(hdr_path);
    return rc;
}
