/*
 * cli.h -- what the `mote` subcommands share: exit statuses, one-line
 * errors, reading the module file, and parsing option values.
 */
#ifndef MOTE_CLI_H
#define MOTE_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mote/mote.h>

/*
 * Exit statuses (docs/cli.md).  `mote run` otherwise exits with the app's
 * own status; the statuses from 123 up are the ones a shell or a CI script
 * can tell apart from an app's usual 0..122.
 */
enum {
    EXIT_INVALID = 1,    /* validate: the module is not valid; inspect: cannot load it */
    EXIT_USAGE = 2,      /* a bad command line: unknown option, bad value */
    EXIT_DEADLOCK = 123, /* virtual or real: a wait that nothing can end */
    EXIT_LIMIT = 124,    /* --fuel or --time-limit reached */
    EXIT_SETUP = 125,    /* the module file, the UART or the trace could not be opened */
    EXIT_NOT_RUN = 126,  /* the module could not be loaded, linked or instantiated */
    EXIT_NO_ENTRY = 127, /* nothing to run: no _start, no such export */
    EXIT_TRAP = 128      /* + the trap kind (mote_trap): the app trapped */
};

/* The subcommand, for messages: "run", "inspect", ... */
extern const char *cli_command;

/* Prints "mote <command>: <message>\n" on stderr.  Returns `status`. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads a whole module file into malloc'd memory (8-byte aligned, which
 * precompiled images need); on failure prints why and returns NULL. */
uint8_t *cli_read_module(const char *path, size_t *len);

/* "65536", "0x10000", "64K", "64KiB", "1M", "1MB", "2G" (units of 1024). */
bool cli_parse_size(const char *text, uint64_t *out);

/* A decimal or 0x hex unsigned number up to max. */
bool cli_parse_uint(const char *text, uint64_t max, uint64_t *out);

/* Formats a byte count for people: "512 B", "64 KiB", "3.9 MiB". */
const char *cli_bytes(uint64_t n, char buf[32]);

/*
 * Option scanning for "--name VALUE" and "--name=VALUE".  cli_option()
 * says whether argv[*i] is the option `name`; if it takes a value, *value
 * is set (a missing value is reported, *i advanced past it, and *bad set).
 */
bool cli_option(int argc, char **argv, int *i, const char *name, const char **value, bool *bad);

#endif /* MOTE_CLI_H */
