/*
 * manifest.h -- an app's manifest: the capabilities and limits it is
 * granted on a device running several apps.
 *
 * It travels inside the app's signed OTA bundle as protected TLV 0xa0
 * (docs/ota.md), so it cannot change without the signing key, and the
 * firmware enforces it: WASI-lite refuses every call outside it, the
 * scheduler (mote/apps.h) holds the app to its RAM and CPU share.  What is
 * not granted is refused: an empty manifest (a name and RAM) gives an app
 * that computes and prints, nothing more.
 *
 * Two forms:
 *
 *   text     what people write, one grant per line ('#' comments):
 *
 *              name     logger          # required: 1..15 of a-z 0-9 _ -
 *              ram      24K             # required: arena + mailbox bytes
 *              memory   8K              # cap on linear memory
 *              stack    4K 1K           # value and call stacks
 *              pin      0 out           # a pin and its direction (in|out)
 *              uart     console         # console input; or a number >= 1
 *              timers   2               # timer ids 0..1
 *              cpu      25% priority 2 watchdog 500ms
 *              files    /log 16K 8      # directory, byte quota, files
 *              send     blinky          # may message app "blinky"
 *              mailbox  8 64            # receives: 8 messages of <= 64 bytes
 *
 *   binary   what the bundle carries (`mote-ota sign --manifest FILE`
 *            compiles the text): "mf", version 1, 0, then entries of
 *            tag u8, length u8, value -- all integers little-endian.
 *            docs/apps.md has the table.
 *
 * Parsing either form checks every field and every size with 32-bit
 * arithmetic, and a failure names the place: "manifest line 3: pin 70:
 * pins are 0..63", "manifest byte 9: tag 2 (pin): 3 bytes, expected 2".
 * No allocation, no stdio.
 */
#ifndef MOTE_MANIFEST_H
#define MOTE_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_MANIFEST_NAME_MAX 15       /* = MOTE_WASI_NAME_MAX */
#define MOTE_MANIFEST_DIR_MAX 63
#define MOTE_MANIFEST_MAX_SEND 8        /* apps one app may message */
#define MOTE_MANIFEST_MAX_SIZE 1024     /* bytes of the binary form, at most */
#define MOTE_MANIFEST_MAX_PRIORITY 7
#define MOTE_MANIFEST_VERSION 1

/*
 * The binary entries, one row each: tag, name, value length (min, max),
 * how many times it may appear.  The single list the parser, the encoder
 * and the documentation follow.
 */
#define MOTE_MANIFEST_TAGS(X)                                            \
    /* tag  name      min max  repeat */                                  \
    X(1,  name,     1,  15,  false) /* the app's name */                  \
    X(2,  pin,      2,  2,   true)  /* u8 pin, u8 direction: 1 in, 2 out */ \
    X(3,  uart,     1,  1,   true)  /* u8 UART; 0: console input */       \
    X(4,  timers,   1,  1,   false) /* u8 count, at most 8 */             \
    X(5,  ram,      4,  4,   false) /* u32 bytes: arena + mailbox */      \
    X(6,  memory,   4,  4,   false) /* u32 cap on linear memory, bytes */ \
    X(7,  stack,    8,  8,   false) /* u32 value stack, u32 call stack */ \
    X(8,  cpu,      6,  6,   false) /* u8 share %, u8 priority, u32 watchdog ms */ \
    X(9,  files,    7,  70,  false) /* u32 bytes, u16 files, directory */ \
    X(10, send,     1,  15,  true)  /* a name this app may message */     \
    X(11, mailbox,  4,  4,   false) /* u16 slots, u16 message bytes */

typedef enum mote_manifest_tag {
#define MOTE_MANIFEST_ENUM(tag, name, min, max, repeat) MOTE_MANIFEST_TAG_##name = tag,
    MOTE_MANIFEST_TAGS(MOTE_MANIFEST_ENUM)
#undef MOTE_MANIFEST_ENUM
} mote_manifest_tag;

#define MOTE_MANIFEST_PIN_IN 1
#define MOTE_MANIFEST_PIN_OUT 2

/* A parsed manifest.  Fields not granted are 0 / false. */
typedef struct mote_manifest {
    char name[MOTE_MANIFEST_NAME_MAX + 1];
    uint64_t pins;              /* bit n: pin n is granted */
    uint64_t pins_out;          /* of those, the ones it may drive */
    uint32_t uarts;             /* bit 0: console input; bit n: UART n */
    uint32_t timers;
    uint32_t ram;               /* bytes: its arena and its mailbox */
    uint32_t memory_cap;        /* 0: no cap beyond the arena */
    uint32_t value_stack, call_stack;   /* 0: the firmware's defaults */
    uint32_t cpu_share;         /* percent, 1..100; 100 when not given */
    uint32_t priority;          /* 0 (lowest) .. MOTE_MANIFEST_MAX_PRIORITY */
    uint32_t watchdog_ms;       /* 0: none; see mote/apps.h */
    bool has_cpu;               /* a cpu line was given */
    bool has_files;
    uint32_t files_bytes;       /* quota */
    uint32_t files_max;         /* files and directories */
    char files_dir[MOTE_MANIFEST_DIR_MAX + 1];
    uint32_t send_count;
    char send[MOTE_MANIFEST_MAX_SEND][MOTE_MANIFEST_NAME_MAX + 1];
    uint32_t mailbox_slots, mailbox_msg_max;   /* 0 slots: no mailbox */
} mote_manifest;

/* What went wrong, and where. */
typedef struct mote_manifest_error {
    char text[128];
} mote_manifest_error;

/* Parses the binary form.  false (and *err) if it is malformed or breaks a
 * rule; err may be NULL. */
bool mote_manifest_parse(const uint8_t *bytes, size_t len, mote_manifest *out,
                         mote_manifest_error *err);

/* Parses the text form. */
bool mote_manifest_parse_text(const char *text, size_t len, mote_manifest *out,
                              mote_manifest_error *err);

/* Writes the binary form of m to out[0..cap); returns its length, or 0 if
 * cap is too small (MOTE_MANIFEST_MAX_SIZE always suffices). */
size_t mote_manifest_encode(const mote_manifest *m, uint8_t *out, size_t cap);

/* True if name is a valid app name (1..15 of a-z 0-9 _ -, a letter first). */
bool mote_manifest_name_valid(const char *name, size_t len);

#ifdef __cplusplus
}
#endif
#endif
