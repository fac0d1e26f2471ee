/* runner -- runs a WASI app file on the host board, as an embedder's own
 * tool would: read the module, give WASI-lite a context, run it. */
#include <stdio.h>
#include <stdlib.h>

#include <mote/hal.h>
#include <mote/wasi.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: runner app.wasm [args...]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    static uint8_t wasm[1 << 20];
    size_t len = fread(wasm, 1, sizeof wasm, f);
    fclose(f);

    mote_hal_init();
    static mote_wasi wasi;
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.argv = (const char *const *)argv + 1;
    cfg.argc = (uint32_t)argc - 1;
    static const char *const env[] = {"GREETING=hello"};
    cfg.envp = env;
    cfg.envc = 1;
    static uint8_t arena_buf[1 << 20];
    mote_arena *arena = mote_arena_init(arena_buf, sizeof arena_buf);
    if (arena == NULL || mote_wasi_init(&wasi, &cfg) != MOTE_OK)
        return 2;
    return mote_wasi_run_app(&wasi, wasm, len, arena);
}
