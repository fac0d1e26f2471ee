/* wasm_op_names.c -- instruction names for tools and messages; a file of
 * its own so that a firmware that never asks for them links none. */
#include "mote/mote.h"
#include "wasm_ops.h"

static const char *const names[WASM_COUNT_] = {
#define W(name, code, imm, group) [WASM_##name] = #name,
    MOTE_WASM_OPS(W)
#undef W
};

const char *wasm_op_name(wasm_op op)
{
#if !MOTE_WITH_SIMD
    if (op >= WASM_FD_FIRST_ && op < WASM_COUNT_)
        return "(an 0xFD instruction: SIMD is not in this build)";
#endif
    return op < WASM_COUNT_ ? names[op] : "?";
}
