/*
 * ops.h -- mote's internal instruction set: the documented list.
 *
 * Functions are compiled into a stream of 32-bit words.  Each instruction
 * starts with a handler word (the offset of its handler from a base label in
 * the threaded interpreter, or its number in the switch interpreter), then
 * its operand words.  Operands naming values are 16-bit byte offsets from
 * the frame pointer (slot index * 8), packed two to a word, the first in
 * the low half: [d|a] is one word with d in bits 0-15 and a in bits 16-31.
 * Immediates (imm, k, offset, indices) take a word each; branch offsets
 * (off) are relative to the word that holds them, so the code is position
 * independent, and a branch's offset is always its instruction's last word.
 *
 * The list below is the single source of truth: one row per op with its
 * length in words (0: variable), then its words and what it does.  The
 * compiler emits by these names, the interpreter has a handler label L_<name>
 * for each, and OPLEN_<name> (below) is each length, which the handlers
 * step by.  Every name is spelled out, so grep finds each op in all three.
 *
 * The ops come in lists, one per feature group that can be left out of a
 * build (MOTE_OPS_FLOAT, MOTE_OPS_FUSED_BRANCHES, MOTE_OPS_SIMD, ...) and
 * a few that every build has.  MOTE_OPS (below) is the lists of this build:
 * a build without a group has neither its ops' handlers nor their entries
 * in the handler table, which is what makes a small build's table small.
 */
#ifndef MOTE_OPS_H
#define MOTE_OPS_H

#include <stdint.h>

#include "feature_groups.h"

/* clang-format off */
/* i32 and i64 comparisons, in the order the compiler indexes them (a
 * comparison's number, 0-9, picks its fused forms). */
#define MOTE_INT_COMPARES(X) \
    X(eq) X(ne) X(lt_s) X(lt_u) X(gt_s) X(gt_u) X(le_s) X(le_u) X(ge_s) X(ge_u)

/* Calls and branches: every build */
#define MOTE_OPS_CONTROL(X) \
    X(exit, 1) /* [op] the call is done: leave the interpreter with its results */ \
    X(enter, 1) /* [op] start the call ex->callee (the first word of every call stub) */ \
    X(kload, 3) /* [op][kbase|n][off] copy n constant slots from pc+2+off to the frame at kbase */ \
    X(unreachable, 1) /* [op] trap: unreachable */ \
    X(nop, 1) /* [op] nothing */ \
    X(br, 2) /* [op][off] jump forward */ \
    X(br_back, 2) /* [op][off] jump back (a loop: one unit of fuel) */ \
    X(br_if, 3) /* [op][a][off] jump forward if a (i32) != 0 */ \
    X(br_ifz, 3) /* [op][a][off] jump forward if a == 0 */ \
    X(br_if_back, 3) /* [op][a][off] jump back if a != 0 */ \
    X(br_ifz_back, 3) /* [op][a][off] jump back if a == 0 */ \
    X(br_table, 0) /* [op][i][n][off]*n[off] jump through entry min(i, n); each offset is from its own word */ \
    X(ret, 1) /* [op] return to the caller (results already in place at fp) */ \
    X(ret1, 2) /* [op][a] return with one result: fp[0] = a */ \
    X(call, 3) /* [op][off][args] call the defined function at pc+1+off; its frame starts at slot args */ \
    X(call_import, 3) /* [op][import][args] call imported function `import` (host or another instance) */ \
    X(call_indirect, 4) /* [op][type][table][i|args<<16] call table[i] after checking it has type `type` */

/* Tail calls (MOTE_WITH_TAIL_CALL) */
#define MOTE_OPS_TAIL_CALL(X) \
    X(return_call, 3) /* [op][off][args] tail call: the callee reuses this frame (arguments moved down) */ \
    X(return_call_import, 3) /* [op][import][args] tail call of an import */ \
    X(return_call_indirect, 4) /* [op][type][table][i|args<<16] tail call through a table */

/* Typed function references (MOTE_WITH_TYPED_REFS) */
#define MOTE_OPS_TYPED_REFS(X) \
    X(call_ref, 2) /* [op][f|args] call the function reference f (traps if null) */ \
    X(return_call_ref, 2) /* [op][f|args] tail call of the function reference f */ \
    X(br_on_null, 3) /* [op][a][off] jump forward if the reference a is null */ \
    X(br_on_non_null, 3) /* [op][a][off] jump forward if the reference a is not null */ \
    X(ref_as_non_null, 2) /* [op][a] trap if the reference a is null */

/* Exceptions, thrown and caught (MOTE_WITH_EXCEPTIONS; compile_eh.c, exn.c) */
#define MOTE_OPS_EXCEPTIONS(X) \
    X(throw, 3) /* [op][tag][args] throw an exception of tag `tag` with the payload at args */ \
    X(throw_ref, 2) /* [op][a] throw the exception a again (traps if null) */ \
    X(exn_pin, 2) /* [op][a] the exception a (if any) is being stored outside the stack: keep it */

/* Superinstructions: compares and loop tails fused with their branch (MOTE_WITH_FUSED) */
#define MOTE_OPS_FUSED_BRANCHES(X) \
    /* fused compare-and-branch (i32): br_C [op][a|b][off], br_C_i [op][a][imm][off]; _back forms jump back (fuel) */ \
    X(br_eq, 3) /* [op][a|b][off] jump forward if a == b (i32) */ \
    X(br_eq_i, 4) /* [op][a][imm][off] jump forward if a == imm */ \
    X(br_eq_back, 3) /* [op][a|b][off] jump back if a == b */ \
    X(br_eq_i_back, 4) /* [op][a][imm][off] jump back if a == imm */ \
    X(br_ne, 3) /* [op][a|b][off] jump forward if a != b (i32) */ \
    X(br_ne_i, 4) /* [op][a][imm][off] jump forward if a != imm */ \
    X(br_ne_back, 3) /* [op][a|b][off] jump back if a != b */ \
    X(br_ne_i_back, 4) /* [op][a][imm][off] jump back if a != imm */ \
    X(br_lt_s, 3) /* [op][a|b][off] jump forward if a <s b (i32) */ \
    X(br_lt_s_i, 4) /* [op][a][imm][off] jump forward if a <s imm */ \
    X(br_lt_s_back, 3) /* [op][a|b][off] jump back if a <s b */ \
    X(br_lt_s_i_back, 4) /* [op][a][imm][off] jump back if a <s imm */ \
    X(br_lt_u, 3) /* [op][a|b][off] jump forward if a <u b (i32) */ \
    X(br_lt_u_i, 4) /* [op][a][imm][off] jump forward if a <u imm */ \
    X(br_lt_u_back, 3) /* [op][a|b][off] jump back if a <u b */ \
    X(br_lt_u_i_back, 4) /* [op][a][imm][off] jump back if a <u imm */ \
    X(br_gt_s, 3) /* [op][a|b][off] jump forward if a >s b (i32) */ \
    X(br_gt_s_i, 4) /* [op][a][imm][off] jump forward if a >s imm */ \
    X(br_gt_s_back, 3) /* [op][a|b][off] jump back if a >s b */ \
    X(br_gt_s_i_back, 4) /* [op][a][imm][off] jump back if a >s imm */ \
    X(br_gt_u, 3) /* [op][a|b][off] jump forward if a >u b (i32) */ \
    X(br_gt_u_i, 4) /* [op][a][imm][off] jump forward if a >u imm */ \
    X(br_gt_u_back, 3) /* [op][a|b][off] jump back if a >u b */ \
    X(br_gt_u_i_back, 4) /* [op][a][imm][off] jump back if a >u imm */ \
    X(br_le_s, 3) /* [op][a|b][off] jump forward if a <=s b (i32) */ \
    X(br_le_s_i, 4) /* [op][a][imm][off] jump forward if a <=s imm */ \
    X(br_le_s_back, 3) /* [op][a|b][off] jump back if a <=s b */ \
    X(br_le_s_i_back, 4) /* [op][a][imm][off] jump back if a <=s imm */ \
    X(br_le_u, 3) /* [op][a|b][off] jump forward if a <=u b (i32) */ \
    X(br_le_u_i, 4) /* [op][a][imm][off] jump forward if a <=u imm */ \
    X(br_le_u_back, 3) /* [op][a|b][off] jump back if a <=u b */ \
    X(br_le_u_i_back, 4) /* [op][a][imm][off] jump back if a <=u imm */ \
    X(br_ge_s, 3) /* [op][a|b][off] jump forward if a >=s b (i32) */ \
    X(br_ge_s_i, 4) /* [op][a][imm][off] jump forward if a >=s imm */ \
    X(br_ge_s_back, 3) /* [op][a|b][off] jump back if a >=s b */ \
    X(br_ge_s_i_back, 4) /* [op][a][imm][off] jump back if a >=s imm */ \
    X(br_ge_u, 3) /* [op][a|b][off] jump forward if a >=u b (i32) */ \
    X(br_ge_u_i, 4) /* [op][a][imm][off] jump forward if a >=u imm */ \
    X(br_ge_u_back, 3) /* [op][a|b][off] jump back if a >=u b */ \
    X(br_ge_u_i_back, 4) /* [op][a][imm][off] jump back if a >=u imm */ \
    /* fused compare-and-branch (i64) */ \
    X(br64_eq, 3) /* [op][a|b][off] jump forward if a == b (i64) */ \
    X(br64_eq_back, 3) /* [op][a|b][off] jump back if a == b (i64) */ \
    X(br64_ne, 3) /* [op][a|b][off] jump forward if a != b (i64) */ \
    X(br64_ne_back, 3) /* [op][a|b][off] jump back if a != b (i64) */ \
    X(br64_lt_s, 3) /* [op][a|b][off] jump forward if a <s b (i64) */ \
    X(br64_lt_s_back, 3) /* [op][a|b][off] jump back if a <s b (i64) */ \
    X(br64_lt_u, 3) /* [op][a|b][off] jump forward if a <u b (i64) */ \
    X(br64_lt_u_back, 3) /* [op][a|b][off] jump back if a <u b (i64) */ \
    X(br64_gt_s, 3) /* [op][a|b][off] jump forward if a >s b (i64) */ \
    X(br64_gt_s_back, 3) /* [op][a|b][off] jump back if a >s b (i64) */ \
    X(br64_gt_u, 3) /* [op][a|b][off] jump forward if a >u b (i64) */ \
    X(br64_gt_u_back, 3) /* [op][a|b][off] jump back if a >u b (i64) */ \
    X(br64_le_s, 3) /* [op][a|b][off] jump forward if a <=s b (i64) */ \
    X(br64_le_s_back, 3) /* [op][a|b][off] jump back if a <=s b (i64) */ \
    X(br64_le_u, 3) /* [op][a|b][off] jump forward if a <=u b (i64) */ \
    X(br64_le_u_back, 3) /* [op][a|b][off] jump back if a <=u b (i64) */ \
    X(br64_ge_s, 3) /* [op][a|b][off] jump forward if a >=s b (i64) */ \
    X(br64_ge_s_back, 3) /* [op][a|b][off] jump back if a >=s b (i64) */ \
    X(br64_ge_u, 3) /* [op][a|b][off] jump forward if a >=u b (i64) */ \
    X(br64_ge_u_back, 3) /* [op][a|b][off] jump back if a >=u b (i64) */ \
    /* loop tails: d = a + k, then jump back if d CMP b (or imm); d is written even when not taken */ \
    X(addi_br_eq_back, 5) /* [op][d|a][k][b][off] d = a + k; jump back if d == b */ \
    X(addi_br_eq_i_back, 5) /* [op][d|a][k][imm][off] d = a + k; jump back if d == imm */ \
    X(addi_br_ne_back, 5) /* [op][d|a][k][b][off] d = a + k; jump back if d != b */ \
    X(addi_br_ne_i_back, 5) /* [op][d|a][k][imm][off] d = a + k; jump back if d != imm */ \
    X(addi_br_lt_s_back, 5) /* [op][d|a][k][b][off] d = a + k; jump back if d <s b */ \
    X(addi_br_lt_s_i_back, 5) /* [op][d|a][k][imm][off] d = a + k; jump back if d <s imm */ \
    X(addi_br_lt_u_back, 5) /* [op][d|a][k][b][off] d = a + k; jump back if d <u b */ \
    X(addi_br_lt_u_i_back, 5) /* [op][d|a][k][imm][off] d = a + k; jump back if d <u imm */ \
    X(addi_br_gt_s_back, 5) /* [op][d|a][k][b][off] d = a + k; jump back if d >s b */ \
    X(addi_br_gt_s_i_back, 5) /* [op][d|a][k][imm][off] d = a + k; jump back if d >s imm */ \
    X(addi_br_gt_u_back, 5) /* [op][d|a][k][b][off] d = a + k; jump back if d >u b */ \
    X(addi_br_gt_u_i_back, 5) /* [op][d|a][k][imm][off] d = a + k; jump back if d >u imm */ \
    X(addi_br_le_s_back, 5) /* [op][d|a][k][b][off] d = a + k; jump back if d <=s b */ \
    X(addi_br_le_s_i_back, 5) /* [op][d|a][k][imm][off] d = a + k; jump back if d <=s imm */ \
    X(addi_br_le_u_back, 5) /* [op][d|a][k][b][off] d = a + k; jump back if d <=u b */ \
    X(addi_br_le_u_i_back, 5) /* [op][d|a][k][imm][off] d = a + k; jump back if d <=u imm */ \
    X(addi_br_ge_s_back, 5) /* [op][d|a][k][b][off] d = a + k; jump back if d >=s b */ \
    X(addi_br_ge_s_i_back, 5) /* [op][d|a][k][imm][off] d = a + k; jump back if d >=s imm */ \
    X(addi_br_ge_u_back, 5) /* [op][d|a][k][b][off] d = a + k; jump back if d >=u b */ \
    X(addi_br_ge_u_i_back, 5) /* [op][d|a][k][imm][off] d = a + k; jump back if d >=u imm */

/* Data movement, loads and stores: every build */
#define MOTE_OPS_DATA(X) \
    /* data movement */ \
    X(copy, 2) /* [op][d|a] d = a (8 bytes) */ \
    X(copy2, 3) /* [op][d|a][e|b] d = a; e = b */ \
    X(const32, 3) /* [op][d][imm] d = imm (low 32 bits) */ \
    X(const64, 4) /* [op][d][lo][hi] d = hi:lo */ \
    X(select, 3) /* [op][d|a][b|c] d = c ? a : b */ \
    X(global_get, 3) /* [op][d][g] d = global g */ \
    X(global_set, 3) /* [op][a][g] global g = a */ \
    /* loads and stores: the effective address is base + offset (33 bits), bounds checked \
       with the access size; i32 loads zero-extend into the 64-bit slot */ \
    X(ld8s, 3) /* [op][d|a][offset] d = mem[a + offset], 8-bit, sign-extended */ \
    X(ld8u, 3) /* [op][d|a][offset] d = mem[a + offset], 8-bit, zero-extended */ \
    X(ld16s, 3) /* [op][d|a][offset] d = mem[a + offset], 16-bit, sign-extended */ \
    X(ld16u, 3) /* [op][d|a][offset] d = mem[a + offset], 16-bit, zero-extended */ \
    X(ld32s, 3) /* [op][d|a][offset] d = mem[a + offset], 32-bit, sign-extended */ \
    X(ld32u, 3) /* [op][d|a][offset] d = mem[a + offset], 32-bit, zero-extended */ \
    X(ld64, 3) /* [op][d|a][offset] d = mem[a + offset], 64-bit */ \
    X(st8, 3) /* [op][v|a][offset] mem[a + offset] = v, low 8 bits */ \
    X(st16, 3) /* [op][v|a][offset] mem[a + offset] = v, low 16 bits */ \
    X(st32, 3) /* [op][v|a][offset] mem[a + offset] = v, low 32 bits */ \
    X(st64, 3) /* [op][v|a][offset] mem[a + offset] = v, 64 bits */

/* Superinstructions: the address add folded into loads and stores (MOTE_WITH_FUSED) */
#define MOTE_OPS_FUSED_ADDRESSES(X) \
    /* base + k: the address is (a + k) mod 2^32, as the i32.add it replaces */ \
    X(ld8s_k, 4) /* [op][d|a][k][offset] d = mem[(a + k) + offset], 8-bit, sign-extended */ \
    X(ld8u_k, 4) /* [op][d|a][k][offset] d = mem[(a + k) + offset], 8-bit, zero-extended */ \
    X(ld16s_k, 4) /* [op][d|a][k][offset] d = mem[(a + k) + offset], 16-bit, sign-extended */ \
    X(ld16u_k, 4) /* [op][d|a][k][offset] d = mem[(a + k) + offset], 16-bit, zero-extended */ \
    X(ld32s_k, 4) /* [op][d|a][k][offset] d = mem[(a + k) + offset], 32-bit, sign-extended */ \
    X(ld32u_k, 4) /* [op][d|a][k][offset] d = mem[(a + k) + offset], 32-bit, zero-extended */ \
    X(ld64_k, 4) /* [op][d|a][k][offset] d = mem[(a + k) + offset], 64-bit */ \
    X(st8_k, 4) /* [op][v|a][k][offset] mem[(a + k) + offset] = v, low 8 bits */ \
    X(st16_k, 4) /* [op][v|a][k][offset] mem[(a + k) + offset] = v, low 16 bits */ \
    X(st32_k, 4) /* [op][v|a][k][offset] mem[(a + k) + offset] = v, low 32 bits */ \
    X(st64_k, 4) /* [op][v|a][k][offset] mem[(a + k) + offset] = v, 64 bits */ \
    /* base + index: the address is (a + x) mod 2^32 */ \
    X(ld8s_x, 4) /* [op][d|a][x][offset] d = mem[(a + x) + offset], 8-bit, sign-extended */ \
    X(ld8u_x, 4) /* [op][d|a][x][offset] d = mem[(a + x) + offset], 8-bit, zero-extended */ \
    X(ld16s_x, 4) /* [op][d|a][x][offset] d = mem[(a + x) + offset], 16-bit, sign-extended */ \
    X(ld16u_x, 4) /* [op][d|a][x][offset] d = mem[(a + x) + offset], 16-bit, zero-extended */ \
    X(ld32s_x, 4) /* [op][d|a][x][offset] d = mem[(a + x) + offset], 32-bit, sign-extended */ \
    X(ld32u_x, 4) /* [op][d|a][x][offset] d = mem[(a + x) + offset], 32-bit, zero-extended */ \
    X(ld64_x, 4) /* [op][d|a][x][offset] d = mem[(a + x) + offset], 64-bit */ \
    X(st8_x, 4) /* [op][v|a][x][offset] mem[(a + x) + offset] = v, low 8 bits */ \
    X(st16_x, 4) /* [op][v|a][x][offset] mem[(a + x) + offset] = v, low 16 bits */ \
    X(st32_x, 4) /* [op][v|a][x][offset] mem[(a + x) + offset] = v, low 32 bits */ \
    X(st64_x, 4) /* [op][v|a][x][offset] mem[(a + x) + offset] = v, 64 bits */ \
    /* a pointer advanced, then loaded through: x = a + b (or a + k) is written first */ \
    X(ld8s_ar, 4) /* [op][d|x][a|b][offset] x = a + b; d = mem[x + offset], 8-bit, sign-extended */ \
    X(ld8u_ar, 4) /* [op][d|x][a|b][offset] x = a + b; d = mem[x + offset], 8-bit, zero-extended */ \
    X(ld16s_ar, 4) /* [op][d|x][a|b][offset] x = a + b; d = mem[x + offset], 16-bit, sign-extended */ \
    X(ld16u_ar, 4) /* [op][d|x][a|b][offset] x = a + b; d = mem[x + offset], 16-bit, zero-extended */ \
    X(ld32s_ar, 4) /* [op][d|x][a|b][offset] x = a + b; d = mem[x + offset], 32-bit, sign-extended */ \
    X(ld32u_ar, 4) /* [op][d|x][a|b][offset] x = a + b; d = mem[x + offset], 32-bit, zero-extended */ \
    X(ld64_ar, 4) /* [op][d|x][a|b][offset] x = a + b; d = mem[x + offset], 64-bit */ \
    X(ld8s_ai, 5) /* [op][d|x][a][k][offset] x = a + k; d = mem[x + offset], 8-bit, sign-extended */ \
    X(ld8u_ai, 5) /* [op][d|x][a][k][offset] x = a + k; d = mem[x + offset], 8-bit, zero-extended */ \
    X(ld16s_ai, 5) /* [op][d|x][a][k][offset] x = a + k; d = mem[x + offset], 16-bit, sign-extended */ \
    X(ld16u_ai, 5) /* [op][d|x][a][k][offset] x = a + k; d = mem[x + offset], 16-bit, zero-extended */ \
    X(ld32s_ai, 5) /* [op][d|x][a][k][offset] x = a + k; d = mem[x + offset], 32-bit, sign-extended */ \
    X(ld32u_ai, 5) /* [op][d|x][a][k][offset] x = a + k; d = mem[x + offset], 32-bit, zero-extended */ \
    X(ld64_ai, 5) /* [op][d|x][a][k][offset] x = a + k; d = mem[x + offset], 64-bit */

/* Memory size and growth: every build */
#define MOTE_OPS_MEMORY(X) \
    X(memory_size, 2) /* [op][d] d = memory 0 size in pages */ \
    X(memory_grow, 2) /* [op][d|a] d = memory.grow(a): old size in pages, or -1 */

/* Bulk memory: memories, then tables (MOTE_WITH_BULK_MEMORY) */
#define MOTE_OPS_BULK_MEMORY(X) \
    X(memory_fill, 3) /* [op][d|v][n] fill n bytes at d with v (bounds checked first) */ \
    X(memory_copy, 3) /* [op][d|s][n] copy n bytes from s to d (overlap allowed) */ \
    X(memory_init, 4) /* [op][d|s][n][seg] copy n bytes of data segment seg from s to d */ \
    X(data_drop, 2) /* [op][seg] drop data segment seg */ \
    X(table_copy, 5) /* [op][d|s][n][dt][st] copy n elements from table st at s to table dt at d */ \
    X(table_init, 5) /* [op][d|s][n][t][seg] copy n items of element segment seg from s to table t at d */ \
    X(elem_drop, 2) /* [op][seg] drop element segment seg */

/* Any memory, 32- or 64-bit (MOTE_WITH_MULTI_MEMORY or MOTE_WITH_MEMORY64) */
#define MOTE_OPS_WIDE_MEMORY(X) \
    /* the address a is the memory's address type; offset = lo | hi << 32; \
       the bounds check is done in 64 bits with carries */ \
    X(ld8s_m, 5) /* [op][d|a][mem][lo][hi] d = mem[a + offset], 8-bit, sign-extended */ \
    X(ld8u_m, 5) /* [op][d|a][mem][lo][hi] d = mem[a + offset], 8-bit, zero-extended */ \
    X(ld16s_m, 5) /* [op][d|a][mem][lo][hi] d = mem[a + offset], 16-bit, sign-extended */ \
    X(ld16u_m, 5) /* [op][d|a][mem][lo][hi] d = mem[a + offset], 16-bit, zero-extended */ \
    X(ld32s_m, 5) /* [op][d|a][mem][lo][hi] d = mem[a + offset], 32-bit, sign-extended */ \
    X(ld32u_m, 5) /* [op][d|a][mem][lo][hi] d = mem[a + offset], 32-bit, zero-extended */ \
    X(ld64_m, 5) /* [op][d|a][mem][lo][hi] d = mem[a + offset], 64-bit */ \
    X(st8_m, 5) /* [op][v|a][mem][lo][hi] mem[a + offset] = v, low 8 bits */ \
    X(st16_m, 5) /* [op][v|a][mem][lo][hi] mem[a + offset] = v, low 16 bits */ \
    X(st32_m, 5) /* [op][v|a][mem][lo][hi] mem[a + offset] = v, low 32 bits */ \
    X(st64_m, 5) /* [op][v|a][mem][lo][hi] mem[a + offset] = v, 64 bits */ \
    X(memory_size_m, 3) /* [op][d][mem] d = size of memory mem in pages */ \
    X(memory_grow_m, 3) /* [op][d|a][mem] d = memory.grow(mem, a): old size, or -1 */ \
    X(memory_fill_m, 4) /* [op][d|v][n][mem] fill n bytes of memory mem at d with v */ \
    X(memory_copy_m, 4) /* [op][d|s][n][dm|sm] copy n bytes from memory sm at s to dm at d */ \
    X(memory_init_m, 5) /* [op][d|s][n][seg][mem] copy n bytes of segment seg from s to mem at d */ \
    /* table64 indices and lengths */ \
    X(u64_sat_u32, 2) /* [op][d|a] d = min(a, 2^32 - 1): a table64 index or length, as i32 */ \
    X(i64_from_grow, 2) /* [op][d|a] d = a == 2^32 - 1 ? -1 : a, zero-extended (table.grow on table64) */

/* Tables and references (MOTE_WITH_REFERENCE_TYPES) */
#define MOTE_OPS_REFERENCE_TYPES(X) \
    X(table_get, 3) /* [op][d|i][t] d = table t[i] */ \
    X(table_set, 3) /* [op][i|v][t] table t[i] = v */ \
    X(table_size, 3) /* [op][d][t] d = size of table t */ \
    X(table_grow, 4) /* [op][d|v][n][t] d = table.grow(t, v, n): old size, or -1 */ \
    X(table_fill, 4) /* [op][i|v][n][t] table t[i .. i+n) = v */ \
    X(ref_func, 3) /* [op][d][f] d = a reference to function f */ \
    X(ref_is_null, 2) /* [op][d|a] d = (a == null) */

/* I32 arithmetic: every build */
#define MOTE_OPS_I32(X) \
    /* i32: DAB [op][d|a][b] d = a OP b; immediate forms (_i) [op][d|a][imm] d = a OP imm */ \
    X(i32_eqz, 2) /* [op][d|a] d = (a == 0) */ \
    X(i32_eq, 3) /* [op][d|a][b] d = (a == b) */ \
    X(i32_eq_i, 3) /* [op][d|a][imm] d = (a == imm) */ \
    X(i32_ne, 3) /* [op][d|a][b] d = (a != b) */ \
    X(i32_ne_i, 3) /* [op][d|a][imm] d = (a != imm) */ \
    X(i32_lt_s, 3) /* [op][d|a][b] d = (a <s b) */ \
    X(i32_lt_s_i, 3) /* [op][d|a][imm] d = (a <s imm) */ \
    X(i32_lt_u, 3) /* [op][d|a][b] d = (a <u b) */ \
    X(i32_lt_u_i, 3) /* [op][d|a][imm] d = (a <u imm) */ \
    X(i32_gt_s, 3) /* [op][d|a][b] d = (a >s b) */ \
    X(i32_gt_s_i, 3) /* [op][d|a][imm] d = (a >s imm) */ \
    X(i32_gt_u, 3) /* [op][d|a][b] d = (a >u b) */ \
    X(i32_gt_u_i, 3) /* [op][d|a][imm] d = (a >u imm) */ \
    X(i32_le_s, 3) /* [op][d|a][b] d = (a <=s b) */ \
    X(i32_le_s_i, 3) /* [op][d|a][imm] d = (a <=s imm) */ \
    X(i32_le_u, 3) /* [op][d|a][b] d = (a <=u b) */ \
    X(i32_le_u_i, 3) /* [op][d|a][imm] d = (a <=u imm) */ \
    X(i32_ge_s, 3) /* [op][d|a][b] d = (a >=s b) */ \
    X(i32_ge_s_i, 3) /* [op][d|a][imm] d = (a >=s imm) */ \
    X(i32_ge_u, 3) /* [op][d|a][b] d = (a >=u b) */ \
    X(i32_ge_u_i, 3) /* [op][d|a][imm] d = (a >=u imm) */ \
    X(i32_clz, 2) /* [op][d|a] d = leading zero bits of a */ \
    X(i32_ctz, 2) /* [op][d|a] d = trailing zero bits of a */ \
    X(i32_popcnt, 2) /* [op][d|a] d = one bits in a */ \
    X(i32_add, 3) /* [op][d|a][b] d = a + b */ \
    X(i32_sub, 3) /* [op][d|a][b] d = a - b */ \
    X(i32_mul, 3) /* [op][d|a][b] d = a * b */ \
    X(i32_div_s, 3) /* [op][d|a][b] d = a / b, signed (traps on 0 and overflow) */ \
    X(i32_div_u, 3) /* [op][d|a][b] d = a / b, unsigned (traps on 0) */ \
    X(i32_rem_s, 3) /* [op][d|a][b] d = a % b, signed (traps on 0) */ \
    X(i32_rem_u, 3) /* [op][d|a][b] d = a % b, unsigned (traps on 0) */ \
    X(i32_and, 3) /* [op][d|a][b] d = a & b */ \
    X(i32_or, 3) /* [op][d|a][b] d = a | b */ \
    X(i32_xor, 3) /* [op][d|a][b] d = a ^ b */ \
    X(i32_shl, 3) /* [op][d|a][b] d = a << (b mod 32) */ \
    X(i32_shr_s, 3) /* [op][d|a][b] d = a >> (b mod 32), arithmetic */ \
    X(i32_shr_u, 3) /* [op][d|a][b] d = a >> (b mod 32), logical */ \
    X(i32_rotl, 3) /* [op][d|a][b] d = a rotated left by b */ \
    X(i32_rotr, 3) /* [op][d|a][b] d = a rotated right by b */ \
    X(i32_add_i, 3) /* [op][d|a][imm] d = a + imm */ \
    X(i32_mul_i, 3) /* [op][d|a][imm] d = a * imm */ \
    X(i32_and_i, 3) /* [op][d|a][imm] d = a & imm */ \
    X(i32_or_i, 3) /* [op][d|a][imm] d = a | imm */ \
    X(i32_xor_i, 3) /* [op][d|a][imm] d = a ^ imm */ \
    X(i32_shl_i, 3) /* [op][d|a][imm] d = a << (imm mod 32) */ \
    X(i32_shr_s_i, 3) /* [op][d|a][imm] d = a >> (imm mod 32), arithmetic */ \
    X(i32_shr_u_i, 3) /* [op][d|a][imm] d = a >> (imm mod 32), logical */ \
    X(i32_rotl_i, 3) /* [op][d|a][imm] d = a rotated left by imm */

/* Superinstructions: integer multiply-add and shift-add (MOTE_WITH_FUSED) */
#define MOTE_OPS_FUSED_PAIRS(X) \
    X(i32_mad, 3) /* [op][d|a][b|c] d = a * b + c (i32) */ \
    X(i64_mad, 3) /* [op][d|a][b|c] d = a * b + c (i64) */ \
    X(i32_shladd, 3) /* [op][d|a][c|k] d = (a << k) + c (i32) */

/* Superinstructions: float multiply-add (MOTE_WITH_FUSED and MOTE_WITH_FLOAT) */
#define MOTE_OPS_FUSED_FLOAT(X) \
    X(f32_mad, 3) /* [op][d|a][b|c] d = a * b + c (f32, two roundings) */ \
    X(f64_mad, 3) /* [op][d|a][b|c] d = a * b + c (f64, two roundings) */

/* I64 arithmetic: every build */
#define MOTE_OPS_I64(X) \
    /* i64: as i32; the immediate forms take a sign-extended 32-bit imm */ \
    X(i64_eqz, 2) /* [op][d|a] d = (a == 0) */ \
    X(i64_eq, 3) /* [op][d|a][b] d = (a == b) */ \
    X(i64_ne, 3) /* [op][d|a][b] d = (a != b) */ \
    X(i64_lt_s, 3) /* [op][d|a][b] d = (a <s b) */ \
    X(i64_lt_u, 3) /* [op][d|a][b] d = (a <u b) */ \
    X(i64_gt_s, 3) /* [op][d|a][b] d = (a >s b) */ \
    X(i64_gt_u, 3) /* [op][d|a][b] d = (a >u b) */ \
    X(i64_le_s, 3) /* [op][d|a][b] d = (a <=s b) */ \
    X(i64_le_u, 3) /* [op][d|a][b] d = (a <=u b) */ \
    X(i64_ge_s, 3) /* [op][d|a][b] d = (a >=s b) */ \
    X(i64_ge_u, 3) /* [op][d|a][b] d = (a >=u b) */ \
    X(i64_clz, 2) /* [op][d|a] d = leading zero bits of a */ \
    X(i64_ctz, 2) /* [op][d|a] d = trailing zero bits of a */ \
    X(i64_popcnt, 2) /* [op][d|a] d = one bits in a */ \
    X(i64_add, 3) /* [op][d|a][b] d = a + b */ \
    X(i64_sub, 3) /* [op][d|a][b] d = a - b */ \
    X(i64_mul, 3) /* [op][d|a][b] d = a * b */ \
    X(i64_div_s, 3) /* [op][d|a][b] d = a / b, signed (traps on 0 and overflow) */ \
    X(i64_div_u, 3) /* [op][d|a][b] d = a / b, unsigned (traps on 0) */ \
    X(i64_rem_s, 3) /* [op][d|a][b] d = a % b, signed (traps on 0) */ \
    X(i64_rem_u, 3) /* [op][d|a][b] d = a % b, unsigned (traps on 0) */ \
    X(i64_and, 3) /* [op][d|a][b] d = a & b */ \
    X(i64_or, 3) /* [op][d|a][b] d = a | b */ \
    X(i64_xor, 3) /* [op][d|a][b] d = a ^ b */ \
    X(i64_shl, 3) /* [op][d|a][b] d = a << (b mod 64) */ \
    X(i64_shr_s, 3) /* [op][d|a][b] d = a >> (b mod 64), arithmetic */ \
    X(i64_shr_u, 3) /* [op][d|a][b] d = a >> (b mod 64), logical */ \
    X(i64_rotl, 3) /* [op][d|a][b] d = a rotated left by b */ \
    X(i64_rotr, 3) /* [op][d|a][b] d = a rotated right by b */ \
    X(i64_add_i, 3) /* [op][d|a][imm] d = a + imm */ \
    X(i64_and_i, 3) /* [op][d|a][imm] d = a & imm */ \
    X(i64_shl_i, 3) /* [op][d|a][imm] d = a << (imm mod 64) */ \
    X(i64_shr_s_i, 3) /* [op][d|a][imm] d = a >> (imm mod 64), arithmetic */ \
    X(i64_shr_u_i, 3) /* [op][d|a][imm] d = a >> (imm mod 64), logical */

/* Floating point: arithmetic, comparisons, conversions (MOTE_WITH_FLOAT) */
#define MOTE_OPS_FLOAT(X) \
    /* f32 (IEEE 754, NaNs as the spec allows; min/max order -0 < +0) */ \
    X(f32_eq, 3) /* [op][d|a][b] d = (a == b) */ \
    X(f32_ne, 3) /* [op][d|a][b] d = (a != b) */ \
    X(f32_lt, 3) /* [op][d|a][b] d = (a < b) */ \
    X(f32_gt, 3) /* [op][d|a][b] d = (a > b) */ \
    X(f32_le, 3) /* [op][d|a][b] d = (a <= b) */ \
    X(f32_ge, 3) /* [op][d|a][b] d = (a >= b) */ \
    X(f32_abs, 2) /* [op][d|a] d = |a| */ \
    X(f32_neg, 2) /* [op][d|a] d = -a */ \
    X(f32_ceil, 2) /* [op][d|a] d = a rounded up */ \
    X(f32_floor, 2) /* [op][d|a] d = a rounded down */ \
    X(f32_trunc, 2) /* [op][d|a] d = a rounded toward zero */ \
    X(f32_nearest, 2) /* [op][d|a] d = a rounded to nearest, ties to even */ \
    X(f32_sqrt, 2) /* [op][d|a] d = square root of a */ \
    X(f32_add, 3) /* [op][d|a][b] d = a + b */ \
    X(f32_sub, 3) /* [op][d|a][b] d = a - b */ \
    X(f32_mul, 3) /* [op][d|a][b] d = a * b */ \
    X(f32_div, 3) /* [op][d|a][b] d = a / b */ \
    X(f32_min, 3) /* [op][d|a][b] d = min(a, b) */ \
    X(f32_max, 3) /* [op][d|a][b] d = max(a, b) */ \
    X(f32_copysign, 3) /* [op][d|a][b] d = |a| with the sign of b */ \
    /* f64 (IEEE 754, NaNs as the spec allows; min/max order -0 < +0) */ \
    X(f64_eq, 3) /* [op][d|a][b] d = (a == b) */ \
    X(f64_ne, 3) /* [op][d|a][b] d = (a != b) */ \
    X(f64_lt, 3) /* [op][d|a][b] d = (a < b) */ \
    X(f64_gt, 3) /* [op][d|a][b] d = (a > b) */ \
    X(f64_le, 3) /* [op][d|a][b] d = (a <= b) */ \
    X(f64_ge, 3) /* [op][d|a][b] d = (a >= b) */ \
    X(f64_abs, 2) /* [op][d|a] d = |a| */ \
    X(f64_neg, 2) /* [op][d|a] d = -a */ \
    X(f64_ceil, 2) /* [op][d|a] d = a rounded up */ \
    X(f64_floor, 2) /* [op][d|a] d = a rounded down */ \
    X(f64_trunc, 2) /* [op][d|a] d = a rounded toward zero */ \
    X(f64_nearest, 2) /* [op][d|a] d = a rounded to nearest, ties to even */ \
    X(f64_sqrt, 2) /* [op][d|a] d = square root of a */ \
    X(f64_add, 3) /* [op][d|a][b] d = a + b */ \
    X(f64_sub, 3) /* [op][d|a][b] d = a - b */ \
    X(f64_mul, 3) /* [op][d|a][b] d = a * b */ \
    X(f64_div, 3) /* [op][d|a][b] d = a / b */ \
    X(f64_min, 3) /* [op][d|a][b] d = min(a, b) */ \
    X(f64_max, 3) /* [op][d|a][b] d = max(a, b) */ \
    X(f64_copysign, 3) /* [op][d|a][b] d = |a| with the sign of b */ \
    /* conversions: [op][d|a] */ \
    X(i32_trunc_f32_s, 2) /* [op][d|a] d = f32 to i32, signed (traps when out of range or NaN) */ \
    X(i32_trunc_f32_u, 2) /* [op][d|a] d = f32 to i32, unsigned (traps) */ \
    X(i32_trunc_f64_s, 2) /* [op][d|a] d = f64 to i32, signed (traps) */ \
    X(i32_trunc_f64_u, 2) /* [op][d|a] d = f64 to i32, unsigned (traps) */ \
    X(i64_trunc_f32_s, 2) /* [op][d|a] d = f32 to i64, signed (traps) */ \
    X(i64_trunc_f32_u, 2) /* [op][d|a] d = f32 to i64, unsigned (traps) */ \
    X(i64_trunc_f64_s, 2) /* [op][d|a] d = f64 to i64, signed (traps) */ \
    X(i64_trunc_f64_u, 2) /* [op][d|a] d = f64 to i64, unsigned (traps) */ \
    X(f32_convert_i32_s, 2) /* [op][d|a] d = signed i32 to f32 */ \
    X(f32_convert_i32_u, 2) /* [op][d|a] d = unsigned i32 to f32 */ \
    X(f32_convert_i64_s, 2) /* [op][d|a] d = signed i64 to f32 */ \
    X(f32_convert_i64_u, 2) /* [op][d|a] d = unsigned i64 to f32 */ \
    X(f32_demote_f64, 2) /* [op][d|a] d = f64 to f32 */ \
    X(f64_convert_i32_s, 2) /* [op][d|a] d = signed i32 to f64 */ \
    X(f64_convert_i32_u, 2) /* [op][d|a] d = unsigned i32 to f64 */ \
    X(f64_convert_i64_s, 2) /* [op][d|a] d = signed i64 to f64 */ \
    X(f64_convert_i64_u, 2) /* [op][d|a] d = unsigned i64 to f64 */ \
    X(f64_promote_f32, 2) /* [op][d|a] d = f32 to f64 */

/* I32 to i64: every build */
#define MOTE_OPS_CONVERT(X) \
    X(i64_extend_i32_s, 2) /* [op][d|a] d = i32 to i64, sign-extended */ \
    X(i64_extend_i32_u, 2) /* [op][d|a] d = i32 to i64, zero-extended */

/* Sign extension (MOTE_WITH_SIGN_EXT) */
#define MOTE_OPS_SIGN_EXT(X) \
    X(i32_extend8_s, 2) /* [op][d|a] d = low 8 bits sign-extended to i32 */ \
    X(i32_extend16_s, 2) /* [op][d|a] d = low 16 bits sign-extended to i32 */ \
    X(i64_extend8_s, 2) /* [op][d|a] d = low 8 bits sign-extended to i64 */ \
    X(i64_extend16_s, 2) /* [op][d|a] d = low 16 bits sign-extended to i64 */ \
    X(i64_extend32_s, 2) /* [op][d|a] d = low 32 bits sign-extended to i64 */

/* Saturating float-to-int conversions (MOTE_WITH_SAT_CONV) */
#define MOTE_OPS_SAT_CONV(X) \
    X(i32_trunc_sat_f32_s, 2) /* [op][d|a] d = f32 to i32, signed, saturating */ \
    X(i32_trunc_sat_f32_u, 2) /* [op][d|a] d = f32 to i32, unsigned, saturating */ \
    X(i32_trunc_sat_f64_s, 2) /* [op][d|a] d = f64 to i32, signed, saturating */ \
    X(i32_trunc_sat_f64_u, 2) /* [op][d|a] d = f64 to i32, unsigned, saturating */ \
    X(i64_trunc_sat_f32_s, 2) /* [op][d|a] d = f32 to i64, signed, saturating */ \
    X(i64_trunc_sat_f32_u, 2) /* [op][d|a] d = f32 to i64, unsigned, saturating */ \
    X(i64_trunc_sat_f64_s, 2) /* [op][d|a] d = f64 to i64, signed, saturating */ \
    X(i64_trunc_sat_f64_u, 2) /* [op][d|a] d = f64 to i64, unsigned, saturating */


/*
 * SIMD (MOTE_WITH_SIMD).  A v128 takes two slots, lane 0 in the lowest
 * byte; v128 operands name the first slot.  Float lanes follow numeric.h's
 * rules, and every NaN that arithmetic (add, sub, mul, div, sqrt, demote,
 * promote) produces is the canonical NaN 0x7fc00000 / 0x7ff8000000000000,
 * so results are bit-identical on every target (simd.c).  Loads and stores
 * address any memory, 32- or 64-bit, as the scalar _m forms do: a + offset
 * + access size is checked in 64 bits (lo, hi: the offset's halves).
 */
#define MOTE_OPS_SIMD(X) \
    /* v128 values: moving them (the compiler's plumbing) */ \
    X(copy_v128, 2) /* [op][d|a] d = a (16 bytes) */ \
    X(select_v128, 3) /* [op][d|a][b|c] d = c ? a : b (v128) */ \
    X(global_get_v128, 3) /* [op][d][g] d = global g (v128) */ \
    X(global_set_v128, 3) /* [op][a][g] global g = a (v128) */ \
    /* the 0xFD instructions, in opcode order */ \
    X(v128_load, 5) /* [op][d|a][mem][lo][hi] d = 16 bytes at a + offset */ \
    X(v128_load8x8_s, 5) /* [op][d|a][mem][lo][hi] d = 8 8-bit values at a + offset, each sign-extended to twice its width */ \
    X(v128_load8x8_u, 5) /* [op][d|a][mem][lo][hi] d = 8 8-bit values at a + offset, each zero-extended to twice its width */ \
    X(v128_load16x4_s, 5) /* [op][d|a][mem][lo][hi] d = 4 16-bit values at a + offset, each sign-extended to twice its width */ \
    X(v128_load16x4_u, 5) /* [op][d|a][mem][lo][hi] d = 4 16-bit values at a + offset, each zero-extended to twice its width */ \
    X(v128_load32x2_s, 5) /* [op][d|a][mem][lo][hi] d = 2 32-bit values at a + offset, each sign-extended to twice its width */ \
    X(v128_load32x2_u, 5) /* [op][d|a][mem][lo][hi] d = 2 32-bit values at a + offset, each zero-extended to twice its width */ \
    X(v128_load8_splat, 5) /* [op][d|a][mem][lo][hi] d = the 8-bit value at a + offset in every lane */ \
    X(v128_load16_splat, 5) /* [op][d|a][mem][lo][hi] d = the 16-bit value at a + offset in every lane */ \
    X(v128_load32_splat, 5) /* [op][d|a][mem][lo][hi] d = the 32-bit value at a + offset in every lane */ \
    X(v128_load64_splat, 5) /* [op][d|a][mem][lo][hi] d = the 64-bit value at a + offset in every lane */ \
    X(v128_store, 5) /* [op][v|a][mem][lo][hi] 16 bytes at a + offset = v */ \
    X(v128_const, 6) /* [op][d][w0][w1][w2][w3] d = the 16 bytes of w0..w3 */ \
    X(i8x16_shuffle, 7) /* [op][d|a][b][l0-3][l4-7][l8-11][l12-15] d[i] = byte li of a:b (32 bytes) */ \
    X(i8x16_swizzle, 3) /* [op][d|a][b] d = lanewise a[b], 0 where b >= 16 (i8x16) */ \
    X(i8x16_splat, 2) /* [op][d|a] d = a in every i8x16 lane */ \
    X(i16x8_splat, 2) /* [op][d|a] d = a in every i16x8 lane */ \
    X(i32x4_splat, 2) /* [op][d|a] d = a in every i32x4 lane */ \
    X(i64x2_splat, 2) /* [op][d|a] d = a in every i64x2 lane */ \
    X(f32x4_splat, 2) /* [op][d|a] d = a in every f32x4 lane */ \
    X(f64x2_splat, 2) /* [op][d|a] d = a in every f64x2 lane */ \
    X(i8x16_extract_lane_s, 3) /* [op][d|a][lane] d = lane `lane` of a (i8x16), sign-extended */ \
    X(i8x16_extract_lane_u, 3) /* [op][d|a][lane] d = lane `lane` of a (i8x16), zero-extended */ \
    X(i8x16_replace_lane, 3) /* [op][d|a][b|lane] d = a with i8x16 lane `lane` = b */ \
    X(i16x8_extract_lane_s, 3) /* [op][d|a][lane] d = lane `lane` of a (i16x8), sign-extended */ \
    X(i16x8_extract_lane_u, 3) /* [op][d|a][lane] d = lane `lane` of a (i16x8), zero-extended */ \
    X(i16x8_replace_lane, 3) /* [op][d|a][b|lane] d = a with i16x8 lane `lane` = b */ \
    X(i32x4_extract_lane, 3) /* [op][d|a][lane] d = lane `lane` of a (i32x4) */ \
    X(i32x4_replace_lane, 3) /* [op][d|a][b|lane] d = a with i32x4 lane `lane` = b */ \
    X(i64x2_extract_lane, 3) /* [op][d|a][lane] d = lane `lane` of a (i64x2) */ \
    X(i64x2_replace_lane, 3) /* [op][d|a][b|lane] d = a with i64x2 lane `lane` = b */ \
    X(f32x4_extract_lane, 3) /* [op][d|a][lane] d = lane `lane` of a (f32x4) */ \
    X(f32x4_replace_lane, 3) /* [op][d|a][b|lane] d = a with f32x4 lane `lane` = b */ \
    X(f64x2_extract_lane, 3) /* [op][d|a][lane] d = lane `lane` of a (f64x2) */ \
    X(f64x2_replace_lane, 3) /* [op][d|a][b|lane] d = a with f64x2 lane `lane` = b */ \
    X(i8x16_eq, 3) /* [op][d|a][b] d = lanewise a == b (i8x16): all ones or zero */ \
    X(i8x16_ne, 3) /* [op][d|a][b] d = lanewise a != b (i8x16): all ones or zero */ \
    X(i8x16_lt_s, 3) /* [op][d|a][b] d = lanewise a <s b (i8x16): all ones or zero */ \
    X(i8x16_lt_u, 3) /* [op][d|a][b] d = lanewise a <u b (i8x16): all ones or zero */ \
    X(i8x16_gt_s, 3) /* [op][d|a][b] d = lanewise a >s b (i8x16): all ones or zero */ \
    X(i8x16_gt_u, 3) /* [op][d|a][b] d = lanewise a >u b (i8x16): all ones or zero */ \
    X(i8x16_le_s, 3) /* [op][d|a][b] d = lanewise a <=s b (i8x16): all ones or zero */ \
    X(i8x16_le_u, 3) /* [op][d|a][b] d = lanewise a <=u b (i8x16): all ones or zero */ \
    X(i8x16_ge_s, 3) /* [op][d|a][b] d = lanewise a >=s b (i8x16): all ones or zero */ \
    X(i8x16_ge_u, 3) /* [op][d|a][b] d = lanewise a >=u b (i8x16): all ones or zero */ \
    X(i16x8_eq, 3) /* [op][d|a][b] d = lanewise a == b (i16x8): all ones or zero */ \
    X(i16x8_ne, 3) /* [op][d|a][b] d = lanewise a != b (i16x8): all ones or zero */ \
    X(i16x8_lt_s, 3) /* [op][d|a][b] d = lanewise a <s b (i16x8): all ones or zero */ \
    X(i16x8_lt_u, 3) /* [op][d|a][b] d = lanewise a <u b (i16x8): all ones or zero */ \
    X(i16x8_gt_s, 3) /* [op][d|a][b] d = lanewise a >s b (i16x8): all ones or zero */ \
    X(i16x8_gt_u, 3) /* [op][d|a][b] d = lanewise a >u b (i16x8): all ones or zero */ \
    X(i16x8_le_s, 3) /* [op][d|a][b] d = lanewise a <=s b (i16x8): all ones or zero */ \
    X(i16x8_le_u, 3) /* [op][d|a][b] d = lanewise a <=u b (i16x8): all ones or zero */ \
    X(i16x8_ge_s, 3) /* [op][d|a][b] d = lanewise a >=s b (i16x8): all ones or zero */ \
    X(i16x8_ge_u, 3) /* [op][d|a][b] d = lanewise a >=u b (i16x8): all ones or zero */ \
    X(i32x4_eq, 3) /* [op][d|a][b] d = lanewise a == b (i32x4): all ones or zero */ \
    X(i32x4_ne, 3) /* [op][d|a][b] d = lanewise a != b (i32x4): all ones or zero */ \
    X(i32x4_lt_s, 3) /* [op][d|a][b] d = lanewise a <s b (i32x4): all ones or zero */ \
    X(i32x4_lt_u, 3) /* [op][d|a][b] d = lanewise a <u b (i32x4): all ones or zero */ \
    X(i32x4_gt_s, 3) /* [op][d|a][b] d = lanewise a >s b (i32x4): all ones or zero */ \
    X(i32x4_gt_u, 3) /* [op][d|a][b] d = lanewise a >u b (i32x4): all ones or zero */ \
    X(i32x4_le_s, 3) /* [op][d|a][b] d = lanewise a <=s b (i32x4): all ones or zero */ \
    X(i32x4_le_u, 3) /* [op][d|a][b] d = lanewise a <=u b (i32x4): all ones or zero */ \
    X(i32x4_ge_s, 3) /* [op][d|a][b] d = lanewise a >=s b (i32x4): all ones or zero */ \
    X(i32x4_ge_u, 3) /* [op][d|a][b] d = lanewise a >=u b (i32x4): all ones or zero */ \
    X(f32x4_eq, 3) /* [op][d|a][b] d = lanewise a == b (f32x4): all ones or zero */ \
    X(f32x4_ne, 3) /* [op][d|a][b] d = lanewise a != b (f32x4): all ones or zero */ \
    X(f32x4_lt, 3) /* [op][d|a][b] d = lanewise a < b (f32x4): all ones or zero */ \
    X(f32x4_gt, 3) /* [op][d|a][b] d = lanewise a > b (f32x4): all ones or zero */ \
    X(f32x4_le, 3) /* [op][d|a][b] d = lanewise a <= b (f32x4): all ones or zero */ \
    X(f32x4_ge, 3) /* [op][d|a][b] d = lanewise a >= b (f32x4): all ones or zero */ \
    X(f64x2_eq, 3) /* [op][d|a][b] d = lanewise a == b (f64x2): all ones or zero */ \
    X(f64x2_ne, 3) /* [op][d|a][b] d = lanewise a != b (f64x2): all ones or zero */ \
    X(f64x2_lt, 3) /* [op][d|a][b] d = lanewise a < b (f64x2): all ones or zero */ \
    X(f64x2_gt, 3) /* [op][d|a][b] d = lanewise a > b (f64x2): all ones or zero */ \
    X(f64x2_le, 3) /* [op][d|a][b] d = lanewise a <= b (f64x2): all ones or zero */ \
    X(f64x2_ge, 3) /* [op][d|a][b] d = lanewise a >= b (f64x2): all ones or zero */ \
    X(v128_not, 2) /* [op][d|a] d = ~a */ \
    X(v128_and, 3) /* [op][d|a][b] d = a & b */ \
    X(v128_andnot, 3) /* [op][d|a][b] d = a & ~b */ \
    X(v128_or, 3) /* [op][d|a][b] d = a | b */ \
    X(v128_xor, 3) /* [op][d|a][b] d = a ^ b */ \
    X(v128_bitselect, 3) /* [op][d|a][b|c] d = (a & c) | (b & ~c) */ \
    X(v128_any_true, 2) /* [op][d|a] d = (a != 0) (i32) */ \
    X(v128_load8_lane, 6) /* [op][d|a][mem][lo][hi][v|lane] d = v with its 8-bit lane `lane` loaded from a + offset */ \
    X(v128_load16_lane, 6) /* [op][d|a][mem][lo][hi][v|lane] d = v with its 16-bit lane `lane` loaded from a + offset */ \
    X(v128_load32_lane, 6) /* [op][d|a][mem][lo][hi][v|lane] d = v with its 32-bit lane `lane` loaded from a + offset */ \
    X(v128_load64_lane, 6) /* [op][d|a][mem][lo][hi][v|lane] d = v with its 64-bit lane `lane` loaded from a + offset */ \
    X(v128_store8_lane, 6) /* [op][v|a][mem][lo][hi][lane] the 8-bit lane `lane` of v stored at a + offset */ \
    X(v128_store16_lane, 6) /* [op][v|a][mem][lo][hi][lane] the 16-bit lane `lane` of v stored at a + offset */ \
    X(v128_store32_lane, 6) /* [op][v|a][mem][lo][hi][lane] the 32-bit lane `lane` of v stored at a + offset */ \
    X(v128_store64_lane, 6) /* [op][v|a][mem][lo][hi][lane] the 64-bit lane `lane` of v stored at a + offset */ \
    X(v128_load32_zero, 5) /* [op][d|a][mem][lo][hi] d = the 32-bit value at a + offset in lane 0, zeros above */ \
    X(v128_load64_zero, 5) /* [op][d|a][mem][lo][hi] d = the 64-bit value at a + offset in lane 0, zeros above */ \
    X(f32x4_demote_f64x2_zero, 2) /* [op][d|a] d = the two f64 lanes of a as f32, then two zero lanes */ \
    X(f64x2_promote_low_f32x4, 2) /* [op][d|a] d = the low two f32 lanes of a as f64 */ \
    X(i8x16_abs, 2) /* [op][d|a] d = lanewise |a| (i8x16) */ \
    X(i8x16_neg, 2) /* [op][d|a] d = lanewise -a (i8x16) */ \
    X(i8x16_popcnt, 2) /* [op][d|a] d = lanewise one bits of a (i8x16) */ \
    X(i8x16_all_true, 2) /* [op][d|a] d = every i8x16 lane of a is non-zero (i32) */ \
    X(i8x16_bitmask, 2) /* [op][d|a] d = the sign bits of the i8x16 lanes of a (i32, lane 0 in bit 0) */ \
    X(i8x16_narrow_i16x8_s, 3) /* [op][d|a][b] d = the lanes of a then b narrowed to i8x16, saturated (signed) */ \
    X(i8x16_narrow_i16x8_u, 3) /* [op][d|a][b] d = the lanes of a then b narrowed to i8x16, saturated (unsigned) */ \
    X(f32x4_ceil, 2) /* [op][d|a] d = lanewise a rounded up (f32x4) */ \
    X(f32x4_floor, 2) /* [op][d|a] d = lanewise a rounded down (f32x4) */ \
    X(f32x4_trunc, 2) /* [op][d|a] d = lanewise a rounded toward zero (f32x4) */ \
    X(f32x4_nearest, 2) /* [op][d|a] d = lanewise a rounded to nearest, ties to even (f32x4) */ \
    X(i8x16_shl, 3) /* [op][d|a][b] d = lanewise a << (b mod lane bits) (i8x16; b is an i32) */ \
    X(i8x16_shr_s, 3) /* [op][d|a][b] d = lanewise a >> (b mod lane bits) (i8x16, arithmetic; b is an i32) */ \
    X(i8x16_shr_u, 3) /* [op][d|a][b] d = lanewise a >> (b mod lane bits) (i8x16, logical; b is an i32) */ \
    X(i8x16_add, 3) /* [op][d|a][b] d = lanewise a + b (i8x16) */ \
    X(i8x16_add_sat_s, 3) /* [op][d|a][b] d = lanewise a + b, saturated (signed) (i8x16) */ \
    X(i8x16_add_sat_u, 3) /* [op][d|a][b] d = lanewise a + b, saturated (unsigned) (i8x16) */ \
    X(i8x16_sub, 3) /* [op][d|a][b] d = lanewise a - b (i8x16) */ \
    X(i8x16_sub_sat_s, 3) /* [op][d|a][b] d = lanewise a - b, saturated (signed) (i8x16) */ \
    X(i8x16_sub_sat_u, 3) /* [op][d|a][b] d = lanewise a - b, saturated (unsigned) (i8x16) */ \
    X(f64x2_ceil, 2) /* [op][d|a] d = lanewise a rounded up (f64x2) */ \
    X(f64x2_floor, 2) /* [op][d|a] d = lanewise a rounded down (f64x2) */ \
    X(i8x16_min_s, 3) /* [op][d|a][b] d = lanewise min(a, b), signed (i8x16) */ \
    X(i8x16_min_u, 3) /* [op][d|a][b] d = lanewise min(a, b), unsigned (i8x16) */ \
    X(i8x16_max_s, 3) /* [op][d|a][b] d = lanewise max(a, b), signed (i8x16) */ \
    X(i8x16_max_u, 3) /* [op][d|a][b] d = lanewise max(a, b), unsigned (i8x16) */ \
    X(f64x2_trunc, 2) /* [op][d|a] d = lanewise a rounded toward zero (f64x2) */ \
    X(i8x16_avgr_u, 3) /* [op][d|a][b] d = lanewise (a + b + 1) / 2, unsigned (i8x16) */ \
    X(i16x8_extadd_pairwise_i8x16_s, 2) /* [op][d|a] d = sums of adjacent lane pairs of a, widened to i16x8 (signed) */ \
    X(i16x8_extadd_pairwise_i8x16_u, 2) /* [op][d|a] d = sums of adjacent lane pairs of a, widened to i16x8 (unsigned) */ \
    X(i32x4_extadd_pairwise_i16x8_s, 2) /* [op][d|a] d = sums of adjacent lane pairs of a, widened to i32x4 (signed) */ \
    X(i32x4_extadd_pairwise_i16x8_u, 2) /* [op][d|a] d = sums of adjacent lane pairs of a, widened to i32x4 (unsigned) */ \
    X(i16x8_abs, 2) /* [op][d|a] d = lanewise |a| (i16x8) */ \
    X(i16x8_neg, 2) /* [op][d|a] d = lanewise -a (i16x8) */ \
    X(i16x8_q15mulr_sat_s, 3) /* [op][d|a][b] d = lanewise (a * b + 0x4000) >> 15, saturated (i16x8) */ \
    X(i16x8_all_true, 2) /* [op][d|a] d = every i16x8 lane of a is non-zero (i32) */ \
    X(i16x8_bitmask, 2) /* [op][d|a] d = the sign bits of the i16x8 lanes of a (i32, lane 0 in bit 0) */ \
    X(i16x8_narrow_i32x4_s, 3) /* [op][d|a][b] d = the lanes of a then b narrowed to i16x8, saturated (signed) */ \
    X(i16x8_narrow_i32x4_u, 3) /* [op][d|a][b] d = the lanes of a then b narrowed to i16x8, saturated (unsigned) */ \
    X(i16x8_extend_low_i8x16_s, 2) /* [op][d|a] d = the low half of a widened to i16x8 (signed) */ \
    X(i16x8_extend_high_i8x16_s, 2) /* [op][d|a] d = the high half of a widened to i16x8 (signed) */ \
    X(i16x8_extend_low_i8x16_u, 2) /* [op][d|a] d = the low half of a widened to i16x8 (unsigned) */ \
    X(i16x8_extend_high_i8x16_u, 2) /* [op][d|a] d = the high half of a widened to i16x8 (unsigned) */ \
    X(i16x8_shl, 3) /* [op][d|a][b] d = lanewise a << (b mod lane bits) (i16x8; b is an i32) */ \
    X(i16x8_shr_s, 3) /* [op][d|a][b] d = lanewise a >> (b mod lane bits) (i16x8, arithmetic; b is an i32) */ \
    X(i16x8_shr_u, 3) /* [op][d|a][b] d = lanewise a >> (b mod lane bits) (i16x8, logical; b is an i32) */ \
    X(i16x8_add, 3) /* [op][d|a][b] d = lanewise a + b (i16x8) */ \
    X(i16x8_add_sat_s, 3) /* [op][d|a][b] d = lanewise a + b, saturated (signed) (i16x8) */ \
    X(i16x8_add_sat_u, 3) /* [op][d|a][b] d = lanewise a + b, saturated (unsigned) (i16x8) */ \
    X(i16x8_sub, 3) /* [op][d|a][b] d = lanewise a - b (i16x8) */ \
    X(i16x8_sub_sat_s, 3) /* [op][d|a][b] d = lanewise a - b, saturated (signed) (i16x8) */ \
    X(i16x8_sub_sat_u, 3) /* [op][d|a][b] d = lanewise a - b, saturated (unsigned) (i16x8) */ \
    X(f64x2_nearest, 2) /* [op][d|a] d = lanewise a rounded to nearest, ties to even (f64x2) */ \
    X(i16x8_mul, 3) /* [op][d|a][b] d = lanewise a * b (i16x8) */ \
    X(i16x8_min_s, 3) /* [op][d|a][b] d = lanewise min(a, b), signed (i16x8) */ \
    X(i16x8_min_u, 3) /* [op][d|a][b] d = lanewise min(a, b), unsigned (i16x8) */ \
    X(i16x8_max_s, 3) /* [op][d|a][b] d = lanewise max(a, b), signed (i16x8) */ \
    X(i16x8_max_u, 3) /* [op][d|a][b] d = lanewise max(a, b), unsigned (i16x8) */ \
    X(i16x8_avgr_u, 3) /* [op][d|a][b] d = lanewise (a + b + 1) / 2, unsigned (i16x8) */ \
    X(i16x8_extmul_low_i8x16_s, 3) /* [op][d|a][b] d = the low halves of a and b widened to i16x8 and multiplied (signed) */ \
    X(i16x8_extmul_high_i8x16_s, 3) /* [op][d|a][b] d = the high halves of a and b widened to i16x8 and multiplied (signed) */ \
    X(i16x8_extmul_low_i8x16_u, 3) /* [op][d|a][b] d = the low halves of a and b widened to i16x8 and multiplied (unsigned) */ \
    X(i16x8_extmul_high_i8x16_u, 3) /* [op][d|a][b] d = the high halves of a and b widened to i16x8 and multiplied (unsigned) */ \
    X(i32x4_abs, 2) /* [op][d|a] d = lanewise |a| (i32x4) */ \
    X(i32x4_neg, 2) /* [op][d|a] d = lanewise -a (i32x4) */ \
    X(i32x4_all_true, 2) /* [op][d|a] d = every i32x4 lane of a is non-zero (i32) */ \
    X(i32x4_bitmask, 2) /* [op][d|a] d = the sign bits of the i32x4 lanes of a (i32, lane 0 in bit 0) */ \
    X(i32x4_extend_low_i16x8_s, 2) /* [op][d|a] d = the low half of a widened to i32x4 (signed) */ \
    X(i32x4_extend_high_i16x8_s, 2) /* [op][d|a] d = the high half of a widened to i32x4 (signed) */ \
    X(i32x4_extend_low_i16x8_u, 2) /* [op][d|a] d = the low half of a widened to i32x4 (unsigned) */ \
    X(i32x4_extend_high_i16x8_u, 2) /* [op][d|a] d = the high half of a widened to i32x4 (unsigned) */ \
    X(i32x4_shl, 3) /* [op][d|a][b] d = lanewise a << (b mod lane bits) (i32x4; b is an i32) */ \
    X(i32x4_shr_s, 3) /* [op][d|a][b] d = lanewise a >> (b mod lane bits) (i32x4, arithmetic; b is an i32) */ \
    X(i32x4_shr_u, 3) /* [op][d|a][b] d = lanewise a >> (b mod lane bits) (i32x4, logical; b is an i32) */ \
    X(i32x4_add, 3) /* [op][d|a][b] d = lanewise a + b (i32x4) */ \
    X(i32x4_sub, 3) /* [op][d|a][b] d = lanewise a - b (i32x4) */ \
    X(i32x4_mul, 3) /* [op][d|a][b] d = lanewise a * b (i32x4) */ \
    X(i32x4_min_s, 3) /* [op][d|a][b] d = lanewise min(a, b), signed (i32x4) */ \
    X(i32x4_min_u, 3) /* [op][d|a][b] d = lanewise min(a, b), unsigned (i32x4) */ \
    X(i32x4_max_s, 3) /* [op][d|a][b] d = lanewise max(a, b), signed (i32x4) */ \
    X(i32x4_max_u, 3) /* [op][d|a][b] d = lanewise max(a, b), unsigned (i32x4) */ \
    X(i32x4_dot_i16x8_s, 3) /* [op][d|a][b] d[i] = a[2i]*b[2i] + a[2i+1]*b[2i+1] (i16 lanes, signed, to i32) */ \
    X(i32x4_extmul_low_i16x8_s, 3) /* [op][d|a][b] d = the low halves of a and b widened to i32x4 and multiplied (signed) */ \
    X(i32x4_extmul_high_i16x8_s, 3) /* [op][d|a][b] d = the high halves of a and b widened to i32x4 and multiplied (signed) */ \
    X(i32x4_extmul_low_i16x8_u, 3) /* [op][d|a][b] d = the low halves of a and b widened to i32x4 and multiplied (unsigned) */ \
    X(i32x4_extmul_high_i16x8_u, 3) /* [op][d|a][b] d = the high halves of a and b widened to i32x4 and multiplied (unsigned) */ \
    X(i64x2_abs, 2) /* [op][d|a] d = lanewise |a| (i64x2) */ \
    X(i64x2_neg, 2) /* [op][d|a] d = lanewise -a (i64x2) */ \
    X(i64x2_all_true, 2) /* [op][d|a] d = every i64x2 lane of a is non-zero (i32) */ \
    X(i64x2_bitmask, 2) /* [op][d|a] d = the sign bits of the i64x2 lanes of a (i32, lane 0 in bit 0) */ \
    X(i64x2_extend_low_i32x4_s, 2) /* [op][d|a] d = the low half of a widened to i64x2 (signed) */ \
    X(i64x2_extend_high_i32x4_s, 2) /* [op][d|a] d = the high half of a widened to i64x2 (signed) */ \
    X(i64x2_extend_low_i32x4_u, 2) /* [op][d|a] d = the low half of a widened to i64x2 (unsigned) */ \
    X(i64x2_extend_high_i32x4_u, 2) /* [op][d|a] d = the high half of a widened to i64x2 (unsigned) */ \
    X(i64x2_shl, 3) /* [op][d|a][b] d = lanewise a << (b mod lane bits) (i64x2; b is an i32) */ \
    X(i64x2_shr_s, 3) /* [op][d|a][b] d = lanewise a >> (b mod lane bits) (i64x2, arithmetic; b is an i32) */ \
    X(i64x2_shr_u, 3) /* [op][d|a][b] d = lanewise a >> (b mod lane bits) (i64x2, logical; b is an i32) */ \
    X(i64x2_add, 3) /* [op][d|a][b] d = lanewise a + b (i64x2) */ \
    X(i64x2_sub, 3) /* [op][d|a][b] d = lanewise a - b (i64x2) */ \
    X(i64x2_mul, 3) /* [op][d|a][b] d = lanewise a * b (i64x2) */ \
    X(i64x2_eq, 3) /* [op][d|a][b] d = lanewise a == b (i64x2): all ones or zero */ \
    X(i64x2_ne, 3) /* [op][d|a][b] d = lanewise a != b (i64x2): all ones or zero */ \
    X(i64x2_lt_s, 3) /* [op][d|a][b] d = lanewise a <s b (i64x2): all ones or zero */ \
    X(i64x2_gt_s, 3) /* [op][d|a][b] d = lanewise a >s b (i64x2): all ones or zero */ \
    X(i64x2_le_s, 3) /* [op][d|a][b] d = lanewise a <=s b (i64x2): all ones or zero */ \
    X(i64x2_ge_s, 3) /* [op][d|a][b] d = lanewise a >=s b (i64x2): all ones or zero */ \
    X(i64x2_extmul_low_i32x4_s, 3) /* [op][d|a][b] d = the low halves of a and b widened to i64x2 and multiplied (signed) */ \
    X(i64x2_extmul_high_i32x4_s, 3) /* [op][d|a][b] d = the high halves of a and b widened to i64x2 and multiplied (signed) */ \
    X(i64x2_extmul_low_i32x4_u, 3) /* [op][d|a][b] d = the low halves of a and b widened to i64x2 and multiplied (unsigned) */ \
    X(i64x2_extmul_high_i32x4_u, 3) /* [op][d|a][b] d = the high halves of a and b widened to i64x2 and multiplied (unsigned) */ \
    X(f32x4_abs, 2) /* [op][d|a] d = lanewise |a| (f32x4) */ \
    X(f32x4_neg, 2) /* [op][d|a] d = lanewise -a (f32x4) */ \
    X(f32x4_sqrt, 2) /* [op][d|a] d = lanewise square root of a (f32x4) */ \
    X(f32x4_add, 3) /* [op][d|a][b] d = lanewise a + b (f32x4) */ \
    X(f32x4_sub, 3) /* [op][d|a][b] d = lanewise a - b (f32x4) */ \
    X(f32x4_mul, 3) /* [op][d|a][b] d = lanewise a * b (f32x4) */ \
    X(f32x4_div, 3) /* [op][d|a][b] d = lanewise a / b (f32x4) */ \
    X(f32x4_min, 3) /* [op][d|a][b] d = lanewise min(a, b) (NaN wins, -0 < +0) (f32x4) */ \
    X(f32x4_max, 3) /* [op][d|a][b] d = lanewise max(a, b) (NaN wins, -0 < +0) (f32x4) */ \
    X(f32x4_pmin, 3) /* [op][d|a][b] d = lanewise b < a ? b : a (f32x4) */ \
    X(f32x4_pmax, 3) /* [op][d|a][b] d = lanewise a < b ? b : a (f32x4) */ \
    X(f64x2_abs, 2) /* [op][d|a] d = lanewise |a| (f64x2) */ \
    X(f64x2_neg, 2) /* [op][d|a] d = lanewise -a (f64x2) */ \
    X(f64x2_sqrt, 2) /* [op][d|a] d = lanewise square root of a (f64x2) */ \
    X(f64x2_add, 3) /* [op][d|a][b] d = lanewise a + b (f64x2) */ \
    X(f64x2_sub, 3) /* [op][d|a][b] d = lanewise a - b (f64x2) */ \
    X(f64x2_mul, 3) /* [op][d|a][b] d = lanewise a * b (f64x2) */ \
    X(f64x2_div, 3) /* [op][d|a][b] d = lanewise a / b (f64x2) */ \
    X(f64x2_min, 3) /* [op][d|a][b] d = lanewise min(a, b) (NaN wins, -0 < +0) (f64x2) */ \
    X(f64x2_max, 3) /* [op][d|a][b] d = lanewise max(a, b) (NaN wins, -0 < +0) (f64x2) */ \
    X(f64x2_pmin, 3) /* [op][d|a][b] d = lanewise b < a ? b : a (f64x2) */ \
    X(f64x2_pmax, 3) /* [op][d|a][b] d = lanewise a < b ? b : a (f64x2) */ \
    X(i32x4_trunc_sat_f32x4_s, 2) /* [op][d|a] d = f32 lanes to i32, signed, saturating (NaN: 0) */ \
    X(i32x4_trunc_sat_f32x4_u, 2) /* [op][d|a] d = f32 lanes to i32, unsigned, saturating (NaN: 0) */ \
    X(f32x4_convert_i32x4_s, 2) /* [op][d|a] d = i32 lanes to f32 (signed) */ \
    X(f32x4_convert_i32x4_u, 2) /* [op][d|a] d = i32 lanes to f32 (unsigned) */ \
    X(i32x4_trunc_sat_f64x2_s_zero, 2) /* [op][d|a] d = f64 lanes to i32, signed, saturating (NaN: 0), then two zero lanes */ \
    X(i32x4_trunc_sat_f64x2_u_zero, 2) /* [op][d|a] d = f64 lanes to i32, unsigned, saturating (NaN: 0), then two zero lanes */ \
    X(f64x2_convert_low_i32x4_s, 2) /* [op][d|a] d = the low two i32 lanes to f64 (signed) */ \
    X(f64x2_convert_low_i32x4_u, 2) /* [op][d|a] d = the low two i32 lanes to f64 (unsigned) */

/* Relaxed SIMD (MOTE_WITH_RELAXED_SIMD): one fixed choice each (docs/simd.md). */
#define MOTE_OPS_RELAXED_SIMD(X) \
    X(i8x16_relaxed_swizzle, 3) /* [op][d|a][b] as i8x16_swizzle */ \
    X(i32x4_relaxed_trunc_f32x4_s, 2) /* [op][d|a] as i32x4_trunc_sat_f32x4_s */ \
    X(i32x4_relaxed_trunc_f32x4_u, 2) /* [op][d|a] as i32x4_trunc_sat_f32x4_u */ \
    X(i32x4_relaxed_trunc_f64x2_s_zero, 2) /* [op][d|a] as i32x4_trunc_sat_f64x2_s_zero */ \
    X(i32x4_relaxed_trunc_f64x2_u_zero, 2) /* [op][d|a] as i32x4_trunc_sat_f64x2_u_zero */ \
    X(f32x4_relaxed_madd, 3) /* [op][d|a][b|c] d = a * b + c (f32x4, two roundings) */ \
    X(f32x4_relaxed_nmadd, 3) /* [op][d|a][b|c] d = -(a * b) + c (f32x4, two roundings) */ \
    X(f64x2_relaxed_madd, 3) /* [op][d|a][b|c] d = a * b + c (f64x2, two roundings) */ \
    X(f64x2_relaxed_nmadd, 3) /* [op][d|a][b|c] d = -(a * b) + c (f64x2, two roundings) */ \
    X(i8x16_relaxed_laneselect, 3) /* [op][d|a][b|c] as v128_bitselect */ \
    X(i16x8_relaxed_laneselect, 3) /* [op][d|a][b|c] as v128_bitselect */ \
    X(i32x4_relaxed_laneselect, 3) /* [op][d|a][b|c] as v128_bitselect */ \
    X(i64x2_relaxed_laneselect, 3) /* [op][d|a][b|c] as v128_bitselect */ \
    X(f32x4_relaxed_min, 3) /* [op][d|a][b] as f32x4_min */ \
    X(f32x4_relaxed_max, 3) /* [op][d|a][b] as f32x4_max */ \
    X(f64x2_relaxed_min, 3) /* [op][d|a][b] as f64x2_min */ \
    X(f64x2_relaxed_max, 3) /* [op][d|a][b] as f64x2_max */ \
    X(i16x8_relaxed_q15mulr_s, 3) /* [op][d|a][b] as i16x8_q15mulr_sat_s */ \
    X(i16x8_relaxed_dot_i8x16_i7x16_s, 3) /* [op][d|a][b] d[i] = a[2i]*b[2i] + a[2i+1]*b[2i+1] (i8 lanes, signed, to i16, wrapping) */ \
    X(i32x4_relaxed_dot_i8x16_i7x16_add_s, 3) /* [op][d|a][b|c] d[i] = c[i] + the i16 dots of lanes 2i and 2i+1 (as i16x8_relaxed_dot) */

/* The lists of the scalar ops, each with the flag that builds it (1: every
 * build).  SEL(flag, list) picks: MOTE_OPS_IF keeps the lists of this
 * build, MOTE_OPS_UNLESS the others. */
#if MOTE_WITH_MULTI_MEMORY || MOTE_WITH_MEMORY64
#define MOTE_OPS_WIDE_MEMORY_BUILT 1
#else
#define MOTE_OPS_WIDE_MEMORY_BUILT 0
#endif
#if MOTE_WITH_FUSED && MOTE_WITH_FLOAT
#define MOTE_OPS_FUSED_FLOAT_BUILT 1
#else
#define MOTE_OPS_FUSED_FLOAT_BUILT 0
#endif
#define MOTE_OPS_BY_GROUP(X, SEL) \
    SEL(1, MOTE_OPS_CONTROL(X)) \
    SEL(MOTE_WITH_TAIL_CALL, MOTE_OPS_TAIL_CALL(X)) \
    SEL(MOTE_WITH_TYPED_REFS, MOTE_OPS_TYPED_REFS(X)) \
    SEL(MOTE_WITH_EXCEPTIONS, MOTE_OPS_EXCEPTIONS(X)) \
    SEL(MOTE_WITH_FUSED, MOTE_OPS_FUSED_BRANCHES(X)) \
    SEL(1, MOTE_OPS_DATA(X)) \
    SEL(MOTE_WITH_FUSED, MOTE_OPS_FUSED_ADDRESSES(X)) \
    SEL(1, MOTE_OPS_MEMORY(X)) \
    SEL(MOTE_WITH_BULK_MEMORY, MOTE_OPS_BULK_MEMORY(X)) \
    SEL(MOTE_OPS_WIDE_MEMORY_BUILT, MOTE_OPS_WIDE_MEMORY(X)) \
    SEL(MOTE_WITH_REFERENCE_TYPES, MOTE_OPS_REFERENCE_TYPES(X)) \
    SEL(1, MOTE_OPS_I32(X)) \
    SEL(MOTE_WITH_FUSED, MOTE_OPS_FUSED_PAIRS(X)) \
    SEL(MOTE_OPS_FUSED_FLOAT_BUILT, MOTE_OPS_FUSED_FLOAT(X)) \
    SEL(1, MOTE_OPS_I64(X)) \
    SEL(MOTE_WITH_FLOAT, MOTE_OPS_FLOAT(X)) \
    SEL(1, MOTE_OPS_CONVERT(X)) \
    SEL(MOTE_WITH_SIGN_EXT, MOTE_OPS_SIGN_EXT(X)) \
    SEL(MOTE_WITH_SAT_CONV, MOTE_OPS_SAT_CONV(X))

/* MOTE_OPS_IF(flag, list): the list when flag (0 or 1) is 1, nothing
 * otherwise; MOTE_OPS_UNLESS the reverse. */
#define MOTE_OPS_IF(built, ...) MOTE_OPS_IF_(built, __VA_ARGS__)
#define MOTE_OPS_IF_(built, ...) MOTE_OPS_IF_##built(__VA_ARGS__)
#define MOTE_OPS_IF_0(...)
#define MOTE_OPS_IF_1(...) __VA_ARGS__
#define MOTE_OPS_UNLESS(built, ...) MOTE_OPS_UNLESS_(built, __VA_ARGS__)
#define MOTE_OPS_UNLESS_(built, ...) MOTE_OPS_IF(MOTE_OPS_NOT_##built, __VA_ARGS__)
#define MOTE_OPS_NOT_0 1
#define MOTE_OPS_NOT_1 0

/* Every op of this build: these have handlers and handler-table entries. */
#define MOTE_OPS(X) \
    MOTE_OPS_BY_GROUP(X, MOTE_OPS_IF) \
    MOTE_OPS_IF(MOTE_WITH_SIMD, MOTE_OPS_SIMD(X)) \
    MOTE_OPS_IF(MOTE_WITH_RELAXED_SIMD, MOTE_OPS_RELAXED_SIMD(X))

/* The scalar ops this build leaves out.  They keep a name and a length, so
 * that the compiler's paths for their group still compile (and fold away:
 * the loader refuses the group's instructions first), but their numbers
 * come after OP_COUNT_: no handler, no entry in the handler table.  SIMD's
 * ops exist only with SIMD (compile_simd.c and simd.c are its own). */
#define MOTE_OPS_LEFT_OUT(X) MOTE_OPS_BY_GROUP(X, MOTE_OPS_UNLESS)

typedef enum op {
#define X(name, len) OP_##name,
    MOTE_OPS(X)
    OP_COUNT_, /* the handler table's length */
    MOTE_OPS_LEFT_OUT(X)
#undef X
} op;

/* Each op's length in words (0 for br_table, whose length is 3 + n + 1). */
enum op_len {
#define X(name, len) OPLEN_##name = len,
    MOTE_OPS(X)
    MOTE_OPS_LEFT_OUT(X)
#undef X
};

/* OPBUILT_<name>: 1 for an op of this build, 0 for one it leaves out: the
 * interpreter compiles out the handlers of the latter. */
enum op_built {
#define X(name, len) OPBUILT_##name = 1,
    MOTE_OPS(X)
#undef X
#define X(name, len) OPBUILT_##name = 0,
    MOTE_OPS_LEFT_OUT(X)
#undef X
};
/* clang-format on */

/* The handler word of each op, filled in by the interpreter (interp.c). */
const int32_t *interp_handler_words(void);

#endif
