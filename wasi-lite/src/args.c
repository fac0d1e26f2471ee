/*
 * args.c -- args_* and environ_*: the strings the firmware put in the
 * configuration, laid out as wasi-libc expects: an array of guest
 * pointers, and one buffer holding the NUL-terminated strings.
 */
#include <string.h>

#include "internal.h"

/* Bytes of all strings with their NULs. */
static uint64_t strings_bytes(const char *const *list, uint32_t count)
{
    uint64_t total = 0;
    for (uint32_t i = 0; i < count; i++)
        total += strlen(list[i]) + 1;
    return total;
}

static mote_status sizes_get(mote_instance *inst, mote_value *io, const char *const *list,
                             uint32_t count)
{
    uint32_t count_ptr = io[0].u32, size_ptr = io[1].u32;
    uint64_t bytes = strings_bytes(list, count);
    if (bytes > UINT32_MAX)
        return wl_wasi_return(io, WASI_EOVERFLOW);
    if (wl_guest_range(inst, count_ptr, 4) == NULL || wl_guest_range(inst, size_ptr, 4) == NULL)
        return wl_wasi_return(io, WASI_EFAULT);
    wl_guest_put_u32(inst, count_ptr, count);
    wl_guest_put_u32(inst, size_ptr, (uint32_t)bytes);
    return wl_wasi_return(io, WASI_ESUCCESS);
}

static mote_status strings_get(mote_instance *inst, mote_value *io, const char *const *list,
                               uint32_t count)
{
    uint32_t array = io[0].u32, buf = io[1].u32;
    uint64_t bytes = strings_bytes(list, count);
    uint8_t *pointers = wl_guest_range(inst, array, (uint64_t)count * 4);
    uint8_t *text = wl_guest_range(inst, buf, bytes);
    if (pointers == NULL || text == NULL)
        return wl_wasi_return(io, WASI_EFAULT);
    uint32_t at = 0;
    for (uint32_t i = 0; i < count; i++) {
        size_t len = strlen(list[i]) + 1;
        memmove(text + at, list[i], len);
        wl_store_u32(pointers + (size_t)i * 4, buf + at);
        at += (uint32_t)len;
    }
    return wl_wasi_return(io, WASI_ESUCCESS);
}

/* args_sizes_get(argc_ptr, argv_buf_size_ptr) -> errno */
mote_status wl_wasi_args_sizes_get(mote_instance *inst, mote_value *io, void *user)
{
    const mote_wasi *ctx = user;
    return sizes_get(inst, io, ctx->cfg.argv, ctx->cfg.argc);
}

/* args_get(argv_ptr, argv_buf_ptr) -> errno */
mote_status wl_wasi_args_get(mote_instance *inst, mote_value *io, void *user)
{
    const mote_wasi *ctx = user;
    return strings_get(inst, io, ctx->cfg.argv, ctx->cfg.argc);
}

/* environ_sizes_get(count_ptr, buf_size_ptr) -> errno */
mote_status wl_wasi_environ_sizes_get(mote_instance *inst, mote_value *io, void *user)
{
    const mote_wasi *ctx = user;
    return sizes_get(inst, io, ctx->cfg.envp, ctx->cfg.envc);
}

/* environ_get(environ_ptr, environ_buf_ptr) -> errno */
mote_status wl_wasi_environ_get(mote_instance *inst, mote_value *io, void *user)
{
    const mote_wasi *ctx = user;
    return strings_get(inst, io, ctx->cfg.envp, ctx->cfg.envc);
}
