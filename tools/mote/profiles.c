/*
 * The board profiles (see docs/cli.md, "Board profiles").
 *
 * Stacks: what the boards' WASI firmware gives an instance --
 * mote_add_wasi_firmware()'s defaults, 8 KiB of values and 2 KiB of call
 * frames; sifive-e and microbit, with 16 KiB of RAM in all, run apps with
 * 1792 and 480 bytes (their fw-hello and fw-blinky, docs/ram-map.md).  The host row is
 * `mote run` without --stack/--call-stack: the core's defaults.
 *
 * Free RAM: what the WASI firmware fw-hello gives its arena -- the board's
 * RAM (boards/<board>/memory.ld: __ram_size) less the main stack
 * (__stack_size), the malloc() reserve (__malloc_size; none on the 16 KiB
 * boards, whose memory.ld reserves it only when malloc is linked, and
 * fw-hello does not link it) and the firmware's own variables, measured
 * from each build's map (__heap_start): 1048 bytes on mps2-an385 (taken
 * for the other MPS2 boards too: the same firmware and peripherals), 1168
 * on microbit, 1528 on sifive-e (docs/ram-map.md), 1320 on riscv-virt
 * rv32 (2 KiB assumed for rv64, whose pointers are twice as wide).  A
 * firmware of your own has its own variables.  The host row is the host
 * board's free RAM, mote run's default arena.
 *
 * Arena sizes themselves need no per-board figures: the core's arena
 * layouts use fixed-width fields only, so mote_measure() on the PC gives
 * the same number as on each board.
 */
#include "profiles.h"

#define KIB 1024u
#define FREE(ram, stack, malloc_reserve, statics) ((ram) - (stack) - (malloc_reserve) - (statics))
#define MPS2_FREE FREE(4096 * KIB, 64 * KIB, 64 * KIB, 1048)
#define VIRT_RAM (126976 * KIB)

const board_profile board_profiles[] = {
    {"host", "posix (mote run)", HOST_VALUE_STACK, HOST_CALL_STACK, 64u * KIB *KIB},
    {"mps2-an385", "cortex-m3", 8 * KIB, 2 * KIB, MPS2_FREE},
    {"mps2-an386", "cortex-m4f", 8 * KIB, 2 * KIB, MPS2_FREE},
    {"mps2-an505", "cortex-m33", 8 * KIB, 2 * KIB, MPS2_FREE},
    {"microbit", "cortex-m0", 1792, 480, FREE(16 * KIB, 3 * KIB, 0, 1168)},
    {"sifive-e", "rv32imac", 1792, 480, FREE(16 * KIB, 3 * KIB, 0, 1528)},
    {"riscv-virt-rv32", "rv32imac", 8 * KIB, 2 * KIB, FREE(VIRT_RAM, 64 * KIB, 64 * KIB, 1320)},
    {"riscv-virt-rv64", "rv64imac", 8 * KIB, 2 * KIB, FREE(VIRT_RAM, 64 * KIB, 64 * KIB, 2 * KIB)},
};

const size_t board_profile_count = sizeof board_profiles / sizeof board_profiles[0];
