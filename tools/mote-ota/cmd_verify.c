/* mote-ota verify: check a bundle as a device would. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "bundle.h"
#include "cli.h"
#include "commands.h"
#include "keyfile.h"

static const char USAGE[] =
    "usage: mote-ota verify [-k KEY] BUNDLE\n"
    "\n"
    "Checks a bundle's header, TLV area and SHA-256, and with a key also the\n"
    "key hash and the Ed25519 signature.  Prints what it found; exits 0 if\n"
    "the bundle is good, 1 if not.\n"
    "\n"
    "  -k, --key FILE   public or private key (PEM) to check the signature with\n"
    "  -h, --help       show this help\n";

static void report(const char *path, const bundle_report *r)
{
    char ver[32];
    printf("%s: version %s, header %u bytes, module %u bytes, bundle %u bytes",
           path, cli_version_str(&r->hdr.version, ver), r->hdr.hdr_size, r->hdr.img_size,
           r->total);
    if (r->hdr.load_addr)
        printf(", load address 0x%08x", (unsigned)r->hdr.load_addr);
    printf("\n  sha256 ");
    for (int i = 0; i < 32; i++)
        printf("%02x", r->digest[i]);
    if (r->has_keyhash) {
        printf("\n  key hash ");
        for (int i = 0; i < 32; i++)
            printf("%02x", r->keyhash[i]);
    }
    printf("\n  %s\n", r->signature_checked ? "signature OK" : "signature not checked (no --key)");
}

int cmd_verify(int argc, char **argv)
{
    static const struct option opts[] = {
        {"key", required_argument, 0, 'k'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *key = NULL;
    for (int c; (c = getopt_long(argc, argv, "k:h", opts, NULL)) != -1;) {
        switch (c) {
        case 'k': key = optarg; break;
        case 'h': fputs(USAGE, stdout); return 0;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        cli_error(optind == argc ? "missing BUNDLE (see --help)" : "unexpected argument '%s'",
                  argv[argc - 1]);
        return EXIT_USAGE;
    }
    keyfile k;
    uint8_t *b;
    size_t len;
    if ((key && !keyfile_read(key, &k)) || !cli_read_file(argv[optind], 64u << 20, &b, &len))
        return EXIT_USAGE;
    bundle_report r;
    const char *why;
    mote_ota_status s = bundle_check(b, len, key ? k.pk : NULL, &r, &why);
    free(b);
    if (s != MOTE_OTA_OK) {
        cli_error("%s: %s (%s)", argv[optind], mote_ota_status_str(s), why);
        return EXIT_FAIL;
    }
    report(argv[optind], &r);
    return 0;
}
