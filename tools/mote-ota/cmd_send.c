/* mote-ota send: stream a bundle to a device. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "cli.h"
#include "commands.h"
#include "sender.h"
#include "mote/manifest.h"

static const char USAGE[] =
    "usage: mote-ota send (--serial DEV | --tcp HOST:PORT | --unix PATH) [options] BUNDLE\n"
    "       mote-ota send --frames-out FILE [--app NAME] [--chunk N] BUNDLE\n"
    "\n"
    "Streams a signed bundle to a device running the mote OTA receiver, in\n"
    "CRC-checked chunks that the device acknowledges.  Lost or damaged chunks\n"
    "are resent; if the link stalls it reconnects and resumes where the\n"
    "device left off.  The device verifies the bundle and prints its verdict.\n"
    "\n"
    "  -s, --serial DEV       serial port (raw 8N1)\n"
    "  -b, --baud N           serial speed (default 115200)\n"
    "  -t, --tcp HOST:PORT    TCP socket (e.g. QEMU -serial tcp::PORT,server)\n"
    "  -u, --unix PATH        unix socket (e.g. QEMU -serial unix:PATH,server)\n"
    "  -a, --app NAME         the app the bundle is for, on a device that runs\n"
    "                         several (each has its own slots)\n"
    "  -c, --chunk N          largest chunk in bytes (default 1024; the device\n"
    "                         may ask for less; with --frames-out 256)\n"
    "  -f, --frames-out FILE  write the frames of a transfer to FILE instead,\n"
    "                         for a device that reads them from storage\n"
    "  -T, --timeout MS       wait per reply before resending (default 2000)\n"
    "  -r, --retries N        resends per frame before reconnecting (default 8)\n"
    "  -R, --reconnects N     reconnect-and-resume rounds (default 3)\n"
    "  -w, --wait MS          keep retrying a socket that refuses connections\n"
    "                         for this long (default 5000)\n"
    "  -q, --quiet            no progress line\n"
    "      --no-check         send even if the host-side check of the bundle\n"
    "                         fails (to exercise the device's own checks)\n"
    "  -h, --help             show this help\n";

static bool number(const char *opt, const char *s, uint32_t min, uint32_t max, uint32_t *v)
{
    if (cli_parse_u32(s, max, v) && *v >= min)
        return true;
    cli_error("bad %s '%s' (%u..%u)", opt, s, (unsigned)min, (unsigned)max);
    return false;
}

static int parse(int argc, char **argv, ota_link *l, send_opts *o, bool *no_check,
                 const char **frames)
{
    static const struct option opts[] = {
        {"serial", required_argument, 0, 's'},
        {"baud", required_argument, 0, 'b'},
        {"tcp", required_argument, 0, 't'},
        {"unix", required_argument, 0, 'u'},
        {"chunk", required_argument, 0, 'c'},
        {"timeout", required_argument, 0, 'T'},
        {"retries", required_argument, 0, 'r'},
        {"reconnects", required_argument, 0, 'R'},
        {"wait", required_argument, 0, 'w'},
        {"app", required_argument, 0, 'a'},
        {"frames-out", required_argument, 0, 'f'},
        {"quiet", no_argument, 0, 'q'},
        {"no-check", no_argument, 0, 'N'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    uint32_t v;
    int targets = 0;
    for (int c; (c = getopt_long(argc, argv, "s:b:t:u:c:T:r:R:w:a:f:qh", opts, NULL)) != -1;) {
        switch (c) {
        case 's': l->kind = LINK_SERIAL, l->target = optarg, targets++; break;
        case 't': l->kind = LINK_TCP, l->target = optarg, targets++; break;
        case 'u': l->kind = LINK_UNIX, l->target = optarg, targets++; break;
        case 'b':
            if (!number("--baud", optarg, 1, 4000000, &l->baud))
                return EXIT_USAGE;
            break;
        case 'c':
            if (!number("--chunk", optarg, 1, 65519, &o->chunk))
                return EXIT_USAGE;
            break;
        case 'T':
            if (!number("--timeout", optarg, 10, 600000, &v))
                return EXIT_USAGE;
            o->timeout_ms = (int)v;
            break;
        case 'r':
            if (!number("--retries", optarg, 1, 1000, &v))
                return EXIT_USAGE;
            o->retries = (int)v;
            break;
        case 'R':
            if (!number("--reconnects", optarg, 0, 1000, &v))
                return EXIT_USAGE;
            o->reconnects = (int)v;
            break;
        case 'w':
            if (!number("--wait", optarg, 0, 600000, &v))
                return EXIT_USAGE;
            l->connect_ms = (int)v;
            break;
        case 'a':
            if (!mote_manifest_name_valid(optarg, strlen(optarg))) {
                cli_error("bad --app '%s' (1..15 of a-z 0-9 _ -, a letter first)", optarg);
                return EXIT_USAGE;
            }
            o->app = optarg;
            break;
        case 'f': *frames = optarg, targets++; break;
        case 'q': o->quiet = true; break;
        case 'N': *no_check = true; break;
        case 'h': fputs(USAGE, stdout); return -1;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    if (targets != 1) {
        cli_error(targets ? "give only one of --serial, --tcp, --unix, --frames-out"
                          : "missing --serial, --tcp, --unix or --frames-out (see --help)");
        return EXIT_USAGE;
    }
    if (optind + 1 != argc) {
        cli_error(optind == argc ? "missing BUNDLE (see --help)" : "unexpected argument '%s'",
                  argv[argc - 1]);
        return EXIT_USAGE;
    }
    return 0;
}

int cmd_send(int argc, char **argv)
{
    ota_link l = {.kind = LINK_SERIAL, .baud = 115200, .connect_ms = 5000, .fd = -1};
    send_opts o = {
        .chunk = 1024, .timeout_ms = 2000, .end_timeout_ms = 60000, .retries = 8, .reconnects = 3};
    bool no_check = false;
    const char *frames = NULL;
    bool chunk_given = false;
    for (int i = 1; i < argc; i++)
        chunk_given |= !strcmp(argv[i], "-c") || !strncmp(argv[i], "--chunk", 7);
    int rc = parse(argc, argv, &l, &o, &no_check, &frames);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (frames != NULL && !chunk_given)
        o.chunk = 256;
    uint8_t *b;
    size_t len;
    if (!cli_read_file(argv[optind], 64u << 20, &b, &len))
        return EXIT_USAGE;
    /* Catch the obvious before bothering the device; it checks everything
     * again, signature included. */
    bundle_report r;
    const char *why;
    mote_ota_status s = bundle_check(b, len, NULL, &r, &why);
    if (s != MOTE_OTA_OK && !no_check) {
        cli_error("%s: %s (%s); --no-check sends it anyway", argv[optind], mote_ota_status_str(s),
                  why);
        free(b);
        return EXIT_FAIL;
    }
    if (frames != NULL) {
        FILE *out = fopen(frames, "wb");
        rc = out == NULL || write_frames(out, b, len, &o) != 0;
        if (out == NULL || fclose(out) != 0)
            rc = 1;
        if (rc)
            cli_error("cannot write %s", frames);
    } else {
        rc = send_bundle(&l, b, len, &o);
    }
    free(b);
    return rc;
}
