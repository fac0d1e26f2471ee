/* mote-ota verify: check a bundle as a device would. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "bundle.h"
#include "cli.h"
#include "commands.h"
#include "keyfile.h"
#include "mote/manifest.h"

static const char USAGE[] =
    "usage: mote-ota verify [-k KEY] [-S SLOT_SIZE] BUNDLE\n"
    "\n"
    "Checks a bundle as a device would: header, flags, both TLV areas, the\n"
    "trailer of a padded bundle and the SHA-256, and with a key also the key\n"
    "hash and the Ed25519 signature.  Prints what it found; exits 0 if the\n"
    "bundle is good, 1 if not.\n"
    "\n"
    "  -k, --key FILE         public or private key (PEM) to check the signature with\n"
    "  -S, --slot-size N      the device's slot size: a padded bundle must fill it\n"
    "  -h, --help             show this help\n";

static void hex(const char *label, const uint8_t *b, size_t n)
{
    printf("\n  %s ", label);
    for (size_t i = 0; i < n; i++)
        printf("%02x", b[i]);
}

/* The manifest's grants on one line, or why a device refuses it. */
static void manifest(const uint8_t *bundle, const bundle_report *r)
{
    mote_manifest m;
    mote_manifest_error err;
    printf("\n  app manifest (TLV 0x00a0): %u bytes", r->manifest.len);
    if (!mote_manifest_parse(bundle + r->manifest.off, r->manifest.len, &m, &err)) {
        printf(", malformed: %s (a device running apps refuses it)", err.text);
        return;
    }
    printf(": app %s, ram %u", m.name, (unsigned)m.ram);
    for (unsigned pin = 0; pin < 64; pin++)
        if (m.pins >> pin & 1u)
            printf(", pin %u %s", pin, (m.pins_out >> pin & 1u) ? "out" : "in");
    for (unsigned u = 0; u < 32; u++)
        if (m.uarts >> u & 1u)
            printf(u ? ", uart %u" : ", uart console", u);
    if (m.timers)
        printf(", %u timers", (unsigned)m.timers);
    if (m.has_cpu)
        printf(", cpu %u%% priority %u watchdog %u ms", (unsigned)m.cpu_share, (unsigned)m.priority,
               (unsigned)m.watchdog_ms);
    if (m.has_files)
        printf(", files %s %u bytes %u files", m.files_dir, (unsigned)m.files_bytes,
               (unsigned)m.files_max);
    for (unsigned i = 0; i < m.send_count; i++)
        printf(", send %s", m.send[i]);
    if (m.mailbox_slots)
        printf(", mailbox %u x %u", (unsigned)m.mailbox_slots, (unsigned)m.mailbox_msg_max);
}

static void report(const char *path, const uint8_t *bundle, const bundle_report *r)
{
    char ver[32];
    printf("%s: version %s, header %u bytes, module %u bytes, bundle %u bytes", path,
           cli_version_str(&r->hdr.version, ver), r->hdr.hdr_size, r->hdr.img_size, r->total);
    if (r->hdr.load_addr)
        printf(", load address 0x%08x", (unsigned)r->hdr.load_addr);
    if (r->has_security_counter)
        printf("\n  security counter %u", (unsigned)r->security_counter);
    if (r->manifest.present)
        manifest(bundle, r);
    if (r->boot_record.present)
        printf("\n  boot record: %u bytes", r->boot_record.len);
    if (r->trailer != MOTE_OTA_TRAILER_NONE)
        printf("\n  padded to %zu bytes, trailer (max-align %u): %s", r->padded_size,
               (unsigned)r->trailer_align,
               r->trailer == MOTE_OTA_TRAILER_CONFIRMED ? "confirmed, installs without a trial"
                                                        : "installs on trial");
    hex("sha256", r->digest, 32);
    if (r->has_keyhash)
        hex("key hash", r->keyhash, 32);
    if (r->has_pubkey)
        printf("\n  public key in the bundle (PUBKEY TLV)");
    printf("\n  %s\n", r->signature_checked ? "signature OK" : "signature not checked (no --key)");
}

int cmd_verify(int argc, char **argv)
{
    static const struct option opts[] = {
        {"key", required_argument, 0, 'k'},
        {"slot-size", required_argument, 0, 'S'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *key = NULL;
    uint32_t slot_size = 0;
    for (int c; (c = getopt_long(argc, argv, "k:S:h", opts, NULL)) != -1;) {
        switch (c) {
        case 'k': key = optarg; break;
        case 'S':
            if (!cli_parse_u32(optarg, UINT32_MAX, &slot_size) || slot_size == 0) {
                cli_error("bad --slot-size '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
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
    char detail[64];
    if (s == MOTE_OTA_OK && slot_size && r.trailer != MOTE_OTA_TRAILER_NONE &&
        r.padded_size != slot_size) {
        /* the device's words (ota/src/receiver.c) */
        snprintf(detail, sizeof detail, "padded for a %zu-byte slot, not %u", r.padded_size,
                 (unsigned)slot_size);
        s = MOTE_OTA_ERR_FORMAT, why = detail;
    }
    if (s != MOTE_OTA_OK) {
        cli_error("%s: %s (%s)", argv[optind], mote_ota_status_str(s), why);
        free(b);
        return EXIT_FAIL;
    }
    report(argv[optind], b, &r); /* reads the manifest in b */
    free(b);
    return 0;
}
