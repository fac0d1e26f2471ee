/*
 * profiles.h -- the boards mote runs on, as `mote inspect` sizes a module
 * for them: how big the instance stacks are in each board's firmware, and
 * how much RAM is left for the arena.
 */
#ifndef MOTE_CLI_PROFILES_H
#define MOTE_CLI_PROFILES_H

#include <stddef.h>
#include <stdint.h>

typedef struct board_profile {
    const char *name;
    const char *cpu;
    uint32_t value_stack; /* instance value stack, bytes */
    uint32_t call_stack;  /* instance call stack, bytes */
    uint64_t free_ram;    /* bytes a firmware can give its arena */
} board_profile;

/* The host (mote run's defaults) first, then the boards. */
extern const board_profile board_profiles[];
extern const size_t board_profile_count;

/* `mote run`'s defaults: the core's default stack sizes. */
#define HOST_VALUE_STACK (64u * 1024u)
#define HOST_CALL_STACK (8u * 1024u)

#endif /* MOTE_CLI_PROFILES_H */
