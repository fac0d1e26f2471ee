/* wasm_ops.c -- the lookup tables over wasm_ops.h's list (read inline, wasm_ops.h). */
#include "mote/mote.h"
#include "wasm_ops.h"

const wasm_op_info wasm_op_infos[WASM_INFO_COUNT] = {
#define W00(name, code, imm, group) {WI_##imm, 0, FG_##group, 0, code},
#define WFC(name, code, imm, group) {WI_##imm, WASM_PREFIX_FC, FG_##group, 0, code},
#define WFD(name, code, imm, group) {WI_##imm, WASM_PREFIX_FD, FG_##group, 0, code},
    MOTE_WASM_OPS_00(W00) MOTE_WASM_OPS_FC(WFC)
#if MOTE_WITH_SIMD
        MOTE_WASM_OPS_FD(WFD)
#else
#define S(index, imm, group) [WASM_FD_FIRST_ + index] = WFD(standin, 0, imm, group)
        WASM_FD_STANDINS(S)
#undef S
#endif
#undef W00
#undef WFC
#undef WFD
};

const uint16_t wasm_op_by_byte[256] = {
#define W(name, code, imm, group) [code] = WASM_##name + 1,
    MOTE_WASM_OPS_00(W)
#undef W
};
const uint16_t wasm_op_by_fc[WASM_FC_LIMIT] = {
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
