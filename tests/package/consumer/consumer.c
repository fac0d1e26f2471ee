/* Loads a hand-written module (add two i32) and calls it. */
#include <mote/mote.h>
#include <stdio.h>

static const uint8_t add_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,       /* header */
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, /* type (i32 i32) -> i32 */
    0x03, 0x02, 0x01, 0x00,                               /* one function */
    0x07, 0x07, 0x01, 0x03, 'a',  'd',  'd',  0x00, 0x00, /* export "add" */
    0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
};

int main(void)
{
    static uint8_t buf[32 * 1024];
    mote_arena *a = mote_arena_init(buf, sizeof buf);
    mote_module *m;
    mote_instance *inst;
    mote_instance_config cfg = {.value_stack_bytes = 1024, .call_stack_bytes = 256};
    if (mote_load(a, add_wasm, sizeof add_wasm, NULL, &m) != MOTE_OK ||
        mote_instantiate(a, m, NULL, 0, &cfg, &inst) != MOTE_OK) {
        printf("error: %s\n", mote_arena_error(a)->message);
        return 1;
    }
    mote_value args[2] = {{.i32 = 40}, {.i32 = 2}}, r;
    if (mote_call(inst, mote_export_func(inst, "add"), args, 2, &r, 1) != MOTE_OK)
        return 1;
    printf("mote %s: add(40, 2) = %d\n", MOTE_VERSION_STRING, r.i32);
    return r.i32 == 42 ? 0 : 1;
}
