/* wasm_ops.c -- the lookups over wasm_ops.h's list. */
#include "mote/mote.h"
#include "wasm_ops.h"

typedef struct op_info {
    uint8_t imm, prefix, group, pad_;
    uint16_t code;
} op_info;

static const op_info infos[WASM_COUNT_] = {
#define W00(name, code, imm, group) {WI_##imm, 0, FG_##group, 0, code},
#define WFC(name, code, imm, group) {WI_##imm, WASM_PREFIX_FC, FG_##group, 0, code},
#define WFD(name, code, imm, group) {WI_##imm, WASM_PREFIX_FD, FG_##group, 0, code},
    MOTE_WASM_OPS_00(W00)
    MOTE_WASM_OPS_FC(WFC)
    MOTE_WASM_OPS_FD(WFD)
#undef W00
#undef WFC
#undef WFD
};

/* encoding -> index + 1 (0: no such instruction) */
static const uint16_t by_byte[256] = {
#define W(name, code, imm, group) [code] = WASM_##name + 1,
    MOTE_WASM_OPS_00(W)
#undef W
};
static const uint16_t by_fc[WASM_FC_LIMIT] = {
#define W(name, code, imm, group) [code] = WASM_##name + 1,
    MOTE_WASM_OPS_FC(W)
#undef W
};
static const uint16_t by_fd[WASM_FD_LIMIT] = {
#define W(name, code, imm, group) [code] = WASM_##name + 1,
    MOTE_WASM_OPS_FD(W)
#undef W
};

wasm_op wasm_op_of(uint32_t prefix, uint32_t code)
{
    uint32_t i = 0;
    if (prefix == 0 && code < 256)
        i = by_byte[code];
    else if (prefix == WASM_PREFIX_FC && code < WASM_FC_LIMIT)
        i = by_fc[code];
    else if (prefix == WASM_PREFIX_FD && code < WASM_FD_LIMIT)
        i = by_fd[code];
    return i ? (wasm_op)(i - 1) : WASM_NONE_;
}

wasm_imm wasm_op_imm(wasm_op op)
{
    return (wasm_imm)infos[op].imm;
}

feature_group wasm_op_group(wasm_op op)
{
    return (feature_group)infos[op].group;
}

uint32_t wasm_op_prefix(wasm_op op)
{
    return infos[op].prefix;
}

uint32_t wasm_op_code(wasm_op op)
{
    return infos[op].code;
}
