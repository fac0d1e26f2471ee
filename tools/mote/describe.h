/*
 * describe.h -- module items in words, for inspect and for messages:
 * function types, limits, import and export lines.
 */
#ifndef MOTE_CLI_DESCRIBE_H
#define MOTE_CLI_DESCRIBE_H

#include <stdio.h>

#include <mote/mote.h>

/* "(i32, i32) -> i32", "() -> ()"; buf of at least 256 bytes (longer
 * signatures end in "..."). */
const char *describe_func_type(const mote_valtype *params, uint32_t num_params,
                               const mote_valtype *results, uint32_t num_results, char *buf,
                               size_t size);

/* A memory's limits: "1 page of 64 KiB (64 KiB), max 2 pages (128 KiB)";
 * a table's: "4 elements, max 4". */
const char *describe_limits(const mote_extern_info *info, char *buf, size_t size);

/* "func", "table", "memory", "global". */
const char *describe_kind(mote_extern_kind kind);

/* One line for an import (with_module) or export: kind, name and type. */
void describe_extern(FILE *out, const mote_extern_info *info, bool with_module);

#endif /* MOTE_CLI_DESCRIBE_H */
