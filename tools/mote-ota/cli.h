/*
 * cli.h -- small helpers shared by the mote-ota subcommands: one-line
 * errors, whole-file I/O, version strings.
 */
#ifndef MOTE_OTA_CLI_H
#define MOTE_OTA_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mote/ota_base.h"

/* Exit codes: 0 success, 1 the operation failed (bad bundle, device said
 * no, link gave up), 2 usage or environment error. */
enum { EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* The running subcommand, for messages ("mote-ota sign: ..."). */
extern const char *cli_cmd;

/* Prints "mote-ota <cmd>: <message>\n" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads a whole file (at most max bytes) into a malloc'd buffer. */
bool cli_read_file(const char *path, size_t max, uint8_t **data, size_t *len);
/* Writes a file atomically (temp file + rename), with the given mode. */
bool cli_write_file(const char *path, const void *data, size_t len, unsigned mode);
bool cli_exists(const char *path);

/* Parses "major.minor.revision+build" (missing parts are 0). */
bool cli_parse_version(const char *s, mote_ota_version *v);
/* Formats a version as above into buf (at least 32 bytes). */
const char *cli_version_str(const mote_ota_version *v, char *buf);
/* Parses an unsigned number (decimal or 0x hex) no larger than max. */
bool cli_parse_u32(const char *s, uint32_t max, uint32_t *out);

#endif
