/* wasm_ops.c -- the lookup tables over wasm_ops.h's list (read inline, wasm_ops.h). */
#include "mote/mote.h"
#include "wasm_ops.h"

const wasm_op_info wasm_op_infos[WASM_INFO_COUNT] = {
#define W(name, code, imm, group) [WASM_##name] = {WI_##imm, FG_##group},
    MOTE_WASM_OPS_00(W) MOTE_WASM_OPS_FC(W)
#if MOTE_WITH_SIMD
        MOTE_WASM_OPS_FD(W)
#else
#define S(index, imm, group) [WASM_FD_FIRST_ + index] = {WI_##imm, FG_##group},
        WASM_FD_STANDINS(S)
#undef S
#endif
#undef W
};

/* The numbering (wasm_ops.h): the one-byte and 0xFC instructions of the
 * build's groups first, then the others, then the 0xFD ones. */
#define W(name, code, imm, group)                                                                 \
    _Static_assert(WASM_BUILT_##name ? WASM_##name < WASM_ROWS_                                   \
                                     : WASM_##name >= WASM_ROWS_ && WASM_##name < WASM_FD_FIRST_, \
                   "wasm_ops.h: " #name " numbered out of its part");
MOTE_WASM_OPS_00(W)
MOTE_WASM_OPS_FC(W)
#undef W
#define W(name, code, imm, group) \
    _Static_assert(WASM_##name >= WASM_FD_FIRST_, "wasm_ops.h: " #name " before the 0xFD list");
MOTE_WASM_OPS_FD(W)
#undef W
_Static_assert(WASM_FD_FIRST_ <= 255, "wasm_ops.h: the byte-wide tables below need "
                                      "one-byte and 0xFC instructions to number under 255");

const uint8_t wasm_op_by_byte[256] = {
#define W(name, code, imm, group) [code] = WASM_##name + 1,
    MOTE_WASM_OPS_00(W)
#undef W
};
const uint8_t wasm_op_by_fc[WASM_FC_LIMIT] = {
#define W(name, code, imm, group) [code] = WASM_##name + 1,
    MOTE_WASM_OPS_FC(W)
#undef W
};
#if MOTE_WITH_SIMD
const uint16_t wasm_op_by_fd[WASM_FD_LIMIT] = {
#define W(name, code, imm, group) [code] = WASM_##name + 1,
    MOTE_WASM_OPS_FD(W)
#undef W
};
#else
/* Every 0xFD row has a stand-in, and each stand-in says its shape and group. */
#define W(name, code, imm, group)                              \
    _Static_assert(WASM_FD_STANDIN(WI_##imm, FG_##group) >= 0, \
                   "wasm_ops.h: no 0xFD stand-in for " #name "'s immediates and group");
MOTE_WASM_OPS_FD(W)
#undef W
#define S(index, imm, group)                                       \
    _Static_assert(WASM_FD_STANDIN(WI_##imm, FG_##group) == index, \
                   "wasm_ops.h: stand-in " #index " is not the one for its shape and group");
WASM_FD_STANDINS(S)
#undef S
const uint8_t wasm_op_fd_standin[WASM_FD_LIMIT] = {
#define W(name, code, imm, group) [code] = WASM_FD_STANDIN(WI_##imm, FG_##group) + 1,
    MOTE_WASM_OPS_FD(W)
#undef W
};
#endif
