/*
 * run_options.h -- `mote run`'s command line.
 */
#ifndef MOTE_CLI_RUN_OPTIONS_H
#define MOTE_CLI_RUN_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#define RUN_MAX_ENV 64
#define RUN_MAX_DIRS 8

typedef struct run_options {
    const char *module; /* the .wasm path */
    char **args;        /* what follows it: the app's args or --invoke values */
    int num_args;
    const char *invoke; /* --invoke NAME, or NULL to run the app */
    uint64_t arena;     /* 0: the host board's free RAM */
    uint64_t mem_cap;   /* 0: none */
    uint32_t value_stack, call_stack;
    int64_t fuel; /* 0: unlimited */
    const char *env[RUN_MAX_ENV];
    uint32_t envc;
    const char *dirs[RUN_MAX_DIRS]; /* --dir HOST[::GUEST] */
    uint32_t ndirs;
    const char *flash; /* --flash FILE[::GUEST] */
    uint64_t pins;     /* capabilities */
    uint32_t timers;
    bool virtual_time;
    uint64_t time_limit; /* us; 0: none */
    bool epoch_given;    /* --epoch: where the wall clock starts */
    uint64_t epoch;      /* us since 1970 */
    const char *gpio_in;
    const char *gpio_trace;
    const char *uart;
    bool stats;
} run_options;

/*
 * Parses argv (argv[0] is "run").  Returns -1 when the run should go ahead,
 * else the exit status (0 after --help, EXIT_USAGE after a message).
 */
int run_options_parse(run_options *o, int argc, char **argv);

#endif /* MOTE_CLI_RUN_OPTIONS_H */
