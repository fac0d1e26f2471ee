/*
 * manifest_rules.h -- the grants of a manifest, each set through one
 * function that checks it, so that the binary and the text parser apply
 * the same rules (manifest.c, manifest_text.c).  Each returns false after
 * writing the reason, without a place (the parser prefixes "manifest byte
 * N: " or "manifest line N: "), to *why.
 */
#ifndef MOTE_APPS_MANIFEST_RULES_H
#define MOTE_APPS_MANIFEST_RULES_H

#include <mote/manifest.h>

#include "text.h"

/* The longest message an app may send (MOTE_WASI_MSG_MAX in wasi.h). */
#define MF_MSG_MAX 256
/* The mailbox's per-message overhead: MOTE_WASI_MAILBOX_SLOT in wasi.h. */
#define MF_SLOT_BYTES(msg_max) (((uint64_t)(msg_max) + 20u + 3u) & ~(uint64_t)3u)
#define MF_MAX_SLOTS 255
#define MF_MAX_TIMERS 8         /* MOTE_WASI_MAX_TIMERS */
#define MF_MAX_UART 31

void mf_init(mote_manifest *m);
bool mf_name(mote_manifest *m, const char *s, size_t len, at_text *why);
bool mf_pin(mote_manifest *m, uint32_t pin, uint32_t dir, at_text *why);
bool mf_uart(mote_manifest *m, uint32_t uart, at_text *why);
bool mf_timers(mote_manifest *m, uint32_t n, at_text *why);
bool mf_ram(mote_manifest *m, uint32_t bytes, at_text *why);
bool mf_memory(mote_manifest *m, uint32_t bytes, at_text *why);
bool mf_stack(mote_manifest *m, uint32_t value, uint32_t call, at_text *why);
bool mf_cpu(mote_manifest *m, uint32_t share, uint32_t priority, uint32_t watchdog_ms,
            at_text *why);
bool mf_files(mote_manifest *m, uint32_t bytes, uint32_t files, const char *dir, size_t len,
              at_text *why);
bool mf_send(mote_manifest *m, const char *s, size_t len, at_text *why);
bool mf_mailbox(mote_manifest *m, uint32_t slots, uint32_t msg_max, at_text *why);

/* Writes "manifest <place> <n>: <what>" to err (if not NULL), the one
 * form of a parser's refusal ("manifest byte 13: ...", "manifest line 3:
 * ..."); returns false. */
bool mf_fail(mote_manifest_error *err, const char *place, uint64_t n, const char *what);

/* The rules between fields, once all are in: a name and RAM are given,
 * the stacks, memory cap and mailbox fit in the RAM. */
bool mf_complete(const mote_manifest *m, at_text *why);

/* mf_complete for a parser's end: false with "manifest: <why>" in err. */
bool mf_finish(const mote_manifest *m, mote_manifest_error *err);

#endif
