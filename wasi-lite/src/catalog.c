/*
 * catalog.c -- every function WASI-lite offers, with the type an app
 * imports it with, and the linking of an app against them.
 *
 * The catalog is const (it stays in flash).  The core wants each import's
 * `user` pointer -- the context -- in the table passed to
 * mote_instantiate(), and copies what it needs, so the table is built per
 * module, only for the functions the module imports, and only lives
 * during instantiation.
 */
#include <string.h>

#include "internal.h"

typedef struct entry {
    const char *name;
    const char *signature;
    mote_host_fn fn;
} entry;

static const char WASI[] = "wasi_snapshot_preview1";
static const char MOTE[] = "mote";

/* wasi_snapshot_preview1, as wasi-libc imports it (wasi/api.h). */
static const entry wasi_entries[] = {
    {"args_get", "(ii)i", wl_wasi_args_get},
    {"args_sizes_get", "(ii)i", wl_wasi_args_sizes_get},
    {"environ_get", "(ii)i", wl_wasi_environ_get},
    {"environ_sizes_get", "(ii)i", wl_wasi_environ_sizes_get},
    {"clock_res_get", "(ii)i", wl_wasi_clock_res_get},
    {"clock_time_get", "(iIi)i", wl_wasi_clock_time_get},
    {"fd_advise", "(iIIi)i", wl_wasi_fd_advise},
    {"fd_allocate", "(iII)i", wl_wasi_fd_allocate},
    {"fd_close", "(i)i", wl_wasi_fd_close},
    {"fd_datasync", "(i)i", wl_wasi_fd_datasync},
    {"fd_fdstat_get", "(ii)i", wl_wasi_fd_fdstat_get},
    {"fd_fdstat_set_flags", "(ii)i", wl_wasi_fd_fdstat_set_flags},
    {"fd_fdstat_set_rights", "(iII)i", wl_wasi_fd_fdstat_set_rights},
    {"fd_filestat_get", "(ii)i", wl_wasi_fd_filestat_get},
    {"fd_filestat_set_size", "(iI)i", wl_wasi_fd_filestat_set_size},
    {"fd_filestat_set_times", "(iIIi)i", wl_wasi_fd_filestat_set_times},
    {"fd_pread", "(iiiIi)i", wl_wasi_fd_pread},
    {"fd_prestat_get", "(ii)i", wl_wasi_fd_prestat_get},
    {"fd_prestat_dir_name", "(iii)i", wl_wasi_fd_prestat_dir_name},
    {"fd_pwrite", "(iiiIi)i", wl_wasi_fd_pwrite},
    {"fd_read", "(iiii)i", wl_wasi_fd_read},
    {"fd_readdir", "(iiiIi)i", wl_wasi_fd_readdir},
    {"fd_renumber", "(ii)i", wl_wasi_fd_renumber},
    {"fd_seek", "(iIii)i", wl_wasi_fd_seek},
    {"fd_sync", "(i)i", wl_wasi_fd_sync},
    {"fd_tell", "(ii)i", wl_wasi_fd_tell},
    {"fd_write", "(iiii)i", wl_wasi_fd_write},
    {"path_create_directory", "(iii)i", wl_wasi_path_create_directory},
    {"path_filestat_get", "(iiiii)i", wl_wasi_path_filestat_get},
    {"path_filestat_set_times", "(iiiiIIi)i", wl_wasi_path_filestat_set_times},
    {"path_link", "(iiiiiii)i", wl_wasi_path_link},
    {"path_open", "(iiiiiIIii)i", wl_wasi_path_open},
    {"path_readlink", "(iiiiii)i", wl_wasi_path_readlink},
    {"path_remove_directory", "(iii)i", wl_wasi_path_remove_directory},
    {"path_rename", "(iiiiii)i", wl_wasi_path_rename},
    {"path_symlink", "(iiiii)i", wl_wasi_path_symlink},
    {"path_unlink_file", "(iii)i", wl_wasi_path_unlink_file},
    {"poll_oneoff", "(iiii)i", wl_wasi_poll_oneoff},
    {"proc_exit", "(i)", wl_wasi_proc_exit},
    {"proc_raise", "(i)i", wl_wasi_enosys},
    {"sched_yield", "()i", wl_wasi_sched_yield},
    {"random_get", "(ii)i", wl_wasi_random_get},
    {"sock_accept", "(iii)i", wl_wasi_deny_enotsock},
    {"sock_recv", "(iiiiii)i", wl_wasi_deny_enotsock},
    {"sock_send", "(iiiii)i", wl_wasi_deny_enotsock},
    {"sock_shutdown", "(ii)i", wl_wasi_deny_enotsock},
};

/* mote: the device API (sdk/include/mote/device.h). */
static const entry mote_entries[] = {
    {"gpio_configure", "(ii)i", wl_dev_gpio_configure},
    {"gpio_write", "(ii)i", wl_dev_gpio_write},
    {"gpio_toggle", "(i)i", wl_dev_gpio_toggle},
    {"gpio_read", "(i)i", wl_dev_gpio_read},
    {"gpio_watch", "(ii)i", wl_dev_gpio_watch},
    {"timer_start", "(iII)i", wl_dev_timer_start},
    {"timer_stop", "(i)i", wl_dev_timer_stop},
    {"event_wait", "(iI)i", wl_dev_event_wait},
    {"uart_watch", "(i)i", wl_dev_uart_watch},
    {"time_us", "()I", wl_dev_time_us},
    {"msg_send", "(iiii)i", wl_dev_msg_send},
    {"msg_recv", "(iiiiI)i", wl_dev_msg_recv},
    {"msg_watch", "(i)i", wl_dev_msg_watch},
    {"uart_open", "(ii)i", wl_dev_uart_open},
    {"uart_write", "(iii)i", wl_dev_uart_write},
    {"uart_read", "(iii)i", wl_dev_uart_read},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool same(const char *bytes, size_t len, const char *text)
{
    return strlen(text) == len && memcmp(bytes, text, len) == 0;
}

static const entry *lookup(const entry *list, size_t count, const char *name, size_t len)
{
    for (size_t i = 0; i < count; i++)
        if (same(name, len, list[i].name))
            return &list[i];
    return NULL;
}

/* The catalog entry for one import, and its module name; NULL if none. */
static const entry *find(const mote_extern_info *im, const char **module)
{
    if (im->kind != MOTE_EXTERN_FUNC)
        return NULL;
    if (same(im->module, im->module_len, WASI)) {
        *module = WASI;
        return lookup(wasi_entries, COUNT(wasi_entries), im->name, im->name_len);
    }
    if (same(im->module, im->module_len, MOTE)) {
        *module = MOTE;
        return lookup(mote_entries, COUNT(mote_entries), im->name, im->name_len);
    }
    return NULL;
}

size_t mote_wasi_imports(mote_wasi *ctx, const mote_module *module, mote_import *out, size_t cap)
{
    size_t n = 0;
    uint32_t count = mote_module_num_imports(module);
    for (uint32_t i = 0; i < count; i++) {
        mote_extern_info im;
        const char *module_name = NULL;
        if (mote_module_import(module, i, &im) != MOTE_OK)
            continue;
        const entry *e = find(&im, &module_name);
        if (e == NULL)
            continue;
        if (n < cap)
            out[n] = (mote_import){.module = module_name,
                                   .name = e->name,
                                   .fn = e->fn,
                                   .signature = e->signature,
                                   .user = ctx};
        n++;
    }
    return n;
}

/*
 * The table lives on the stack, sized to the module's own imports (a
 * variable-length array, bounded by MOTE_WASI_MAX_IMPORTS so that a module
 * with thousands of imports cannot overflow the stack); out of line so
 * that it only exists while the core instantiates.
 */
__attribute__((noinline)) static mote_status
instantiate_with_table(mote_wasi *ctx, mote_arena *arena, const mote_module *module, size_t n,
                       const mote_instance_config *config, mote_instance **out)
{
    mote_import table[n > 0 ? n : 1]; /* a VLA may not be empty */
    mote_wasi_imports(ctx, module, table, n);
    return mote_instantiate(arena, module, table, n, config, out);
}

mote_status mote_wasi_instantiate(mote_wasi *ctx, mote_arena *arena, const mote_module *module,
                                  const mote_instance_config *config, mote_instance **out)
{
    *out = NULL;
    size_t n = mote_wasi_imports(ctx, module, NULL, 0);
    if (n > MOTE_WASI_MAX_IMPORTS)
        return MOTE_ERR_LIMIT;
    mote_status st = instantiate_with_table(ctx, arena, module, n, config, out);
    if (st == MOTE_OK)
        ctx->inst = *out;
    return st;
}
