/* mote-ota: keys, signed bundles and over-the-air transfer for mote.
 * See docs/ota.md. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char USAGE[] =
    "usage: mote-ota <command> [options]\n"
    "\n"
    "Signed OTA bundles of WebAssembly modules for mote devices, in MCUboot's\n"
    "image format (Ed25519).\n"
    "\n"
    "commands:\n"
    "  keygen   make a signing key, its public key and a C header for firmware\n"
    "  sign     wrap a .wasm into a signed bundle\n"
    "  verify   check a bundle's structure, hash and signature\n"
    "  send     stream a bundle to a device over serial, TCP or a unix socket\n"
    "  imgtool  run an `imgtool sign` command line (imgtool's rules, mote's signer)\n"
    "\n"
    "`mote-ota <command> --help` describes each command.\n";

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {
        {"keygen", cmd_keygen}, {"sign", cmd_sign},       {"verify", cmd_verify},
        {"send", cmd_send},     {"imgtool", cmd_imgtool},
    };
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(USAGE, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (sodium_init() < 0) {
        cli_error("libsodium failed to initialise");
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            cli_cmd = commands[i].name;
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    cli_error("unknown command '%s' (try mote-ota --help)", argv[1]);
    return EXIT_USAGE;
}
