/* wasm_ops.c -- the lookup tables over wasm_ops.h's list (read inline, wasm_ops.h). */
#include "mote/mote.h"
#include "wasm_ops.h"

const wasm_op_info wasm_op_infos[WASM_COUNT_] = {
#define W00(name, code, imm, group) {WI_##imm, 0, FG_##group, 0, code},
#define WFC(name, code, imm, group) {WI_##imm, WASM_PREFIX_FC, FG_##group, 0, code},
#define WFD(name, code, imm, group) {WI_##imm, WASM_PREFIX_FD, FG_##group, 0, code},
    MOTE_WASM_OPS_00(W00) MOTE_WASM_OPS_FC(WFC) MOTE_WASM_OPS_FD(WFD)
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
const uint16_t wasm_op_by_fd[WASM_FD_LIMIT] = {
#define W(name, code, imm, group) [code] = WASM_##name + 1,
    MOTE_WASM_OPS_FD(W)
#undef W
};
