/* wasm_op_names.c -- instruction names for tools and messages; a file of
 * its own so that a firmware that never asks for them links none. */
#include "mote/mote.h"
#include "wasm_ops.h"

static const char *const names[WASM_COUNT_] = {
#define W(name, code, imm, group) #name,
    MOTE_WASM_OPS(W)
#undef W
};

const char *wasm_op_name(wasm_op op)
{
    return op < WASM_COUNT_ ? names[op] : "?";
}
