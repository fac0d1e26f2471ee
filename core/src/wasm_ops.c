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

/*
 * Which stand-in an 0xFD sub-opcode takes, without a byte per sub-opcode
 * (276 bytes): the SIMD encoding groups its instructions by immediate
 * shape, so ranges of codes say the shape, and the 20 codes it leaves
 * unassigned are listed.  Every fact is checked against the instruction
 * list at compile time, below.
 */
/* clang-format off */
#define FD_GAPS(G, x)                                                         \
    G(154, x) G(162, x) G(165, x) G(166, x) G(175, x) G(176, x) G(178, x)     \
    G(179, x) G(180, x) G(187, x) G(194, x) G(197, x) G(198, x) G(207, x)     \
    G(208, x) G(210, x) G(211, x) G(212, x) G(226, x) G(238, x)
/* clang-format on */
/* The stand-in of an assigned code (wasm_ops.h's WASM_FD_STANDINS). */
#define FD_RANGE_STANDIN(c)      \
    ((c) >= 0x100            ? 5 \
     : (c) < 12              ? 3 \
     : (c) < 14              ? 1 \
     : (c) >= 21 && (c) < 35 ? 2 \
     : (c) >= 84 && (c) < 92 ? 4 \
     : (c) >= 92 && (c) < 94 ? 3 \
                             : 0)
#define FD_GAP_BYTE(g, x) g,
#define FD_IS_GAP(g, c) || (c) == (g)
#define FD_ONE(g, x) +1
static const uint8_t fd_gaps[] = {FD_GAPS(FD_GAP_BYTE, )};

/* Each listed code is no gap and its range gives its stand-in; the list
 * and the gaps together are every code below WASM_FD_LIMIT once (the
 * listed codes are distinct: a code given twice in the SIMD build's
 * wasm_op_by_fd is an -Woverride-init warning, an error in CI). */
#define W(name, code, imm, group)                                                       \
    _Static_assert(!(0 FD_GAPS(FD_IS_GAP, code)) && (code) < WASM_FD_LIMIT &&           \
                       FD_RANGE_STANDIN(code) == WASM_FD_STANDIN(WI_##imm, FG_##group), \
                   "wasm_ops.c: the 0xFD ranges or gaps are wrong for " #name);
MOTE_WASM_OPS_FD(W)
#undef W
#define W(name, code, imm, group) +1
_Static_assert((0 MOTE_WASM_OPS_FD(W)) + (0 FD_GAPS(FD_ONE, )) == WASM_FD_LIMIT,
               "wasm_ops.c: an 0xFD code is neither listed nor a gap");
#undef W

uint32_t wasm_op_fd_standin(uint32_t code)
{
    if (code >= WASM_FD_LIMIT)
        return 0;
    for (size_t i = 0; i < sizeof fd_gaps; i++)
        if (fd_gaps[i] == code)
            return 0;
    return FD_RANGE_STANDIN(code) + 1;
}
#endif
