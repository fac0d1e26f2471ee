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
#include "wl_calls.h" /* generated: WL_CALL_<name>, 1 for each call linked */

typedef struct entry {
    const char *name;
    const char *signature;
    mote_host_fn fn;
} entry;

static const char WASI[] = "wasi_snapshot_preview1";
static const char MOTE[] = "mote";

/*
 * The calls, one list per import module.  E(name, signature, function): the
 * name an app imports, the type it must import it with, and its host
 * function.  A firmware that knows its apps can link only the calls they
 * import (CMake MOTE_WASI_CALLS, wasi-lite/CMakeLists.txt): the generated
 * wl_calls.h then defines WL_CALL_<name> 0 for the others, and they drop
 * out of the lists below with their functions; an app that imports one is
 * refused at instantiation as importing something unknown.
 */
/* clang-format off */
/* wasi_snapshot_preview1, as wasi-libc imports it (wasi/api.h). */
#define WASI_CALLS(E)                                                         \
    E(args_get, "(ii)i", wl_wasi_args_get)                                    \
    E(args_sizes_get, "(ii)i", wl_wasi_args_sizes_get)                        \
    E(environ_get, "(ii)i", wl_wasi_environ_get)                              \
    E(environ_sizes_get, "(ii)i", wl_wasi_environ_sizes_get)                  \
    E(clock_res_get, "(ii)i", wl_wasi_clock_res_get)                          \
    E(clock_time_get, "(iIi)i", wl_wasi_clock_time_get)                       \
    E(fd_advise, "(iIIi)i", wl_wasi_fd_advise)                                \
    E(fd_allocate, "(iII)i", wl_wasi_fd_allocate)                             \
    E(fd_close, "(i)i", wl_wasi_fd_close)                                     \
    E(fd_datasync, "(i)i", wl_wasi_fd_datasync)                               \
    E(fd_fdstat_get, "(ii)i", wl_wasi_fd_fdstat_get)                          \
    E(fd_fdstat_set_flags, "(ii)i", wl_wasi_fd_fdstat_set_flags)              \
    E(fd_fdstat_set_rights, "(iII)i", wl_wasi_fd_fdstat_set_rights)           \
    E(fd_filestat_get, "(ii)i", wl_wasi_fd_filestat_get)                      \
    E(fd_filestat_set_size, "(iI)i", wl_wasi_fd_filestat_set_size)            \
    E(fd_filestat_set_times, "(iIIi)i", wl_wasi_fd_filestat_set_times)        \
    E(fd_pread, "(iiiIi)i", wl_wasi_fd_pread)                                 \
    E(fd_prestat_get, "(ii)i", wl_wasi_fd_prestat_get)                        \
    E(fd_prestat_dir_name, "(iii)i", wl_wasi_fd_prestat_dir_name)             \
    E(fd_pwrite, "(iiiIi)i", wl_wasi_fd_pwrite)                               \
    E(fd_read, "(iiii)i", wl_wasi_fd_read)                                    \
    E(fd_readdir, "(iiiIi)i", wl_wasi_fd_readdir)                             \
    E(fd_renumber, "(ii)i", wl_wasi_fd_renumber)                              \
    E(fd_seek, "(iIii)i", wl_wasi_fd_seek)                                    \
    E(fd_sync, "(i)i", wl_wasi_fd_sync)                                       \
    E(fd_tell, "(ii)i", wl_wasi_fd_tell)                                      \
    E(fd_write, "(iiii)i", wl_wasi_fd_write)                                  \
    E(path_create_directory, "(iii)i", wl_wasi_path_create_directory)         \
    E(path_filestat_get, "(iiiii)i", wl_wasi_path_filestat_get)               \
    E(path_filestat_set_times, "(iiiiIIi)i", wl_wasi_path_filestat_set_times) \
    E(path_link, "(iiiiiii)i", wl_wasi_path_link)                             \
    E(path_open, "(iiiiiIIii)i", wl_wasi_path_open)                           \
    E(path_readlink, "(iiiiii)i", wl_wasi_path_readlink)                      \
    E(path_remove_directory, "(iii)i", wl_wasi_path_remove_directory)         \
    E(path_rename, "(iiiiii)i", wl_wasi_path_rename)                          \
    E(path_symlink, "(iiiii)i", wl_wasi_path_symlink)                         \
    E(path_unlink_file, "(iii)i", wl_wasi_path_unlink_file)                   \
    E(poll_oneoff, "(iiii)i", wl_wasi_poll_oneoff)                            \
    E(proc_exit, "(i)", wl_wasi_proc_exit)                                    \
    E(proc_raise, "(i)i", wl_wasi_enosys)                                     \
    E(sched_yield, "()i", wl_wasi_sched_yield)                                \
    E(random_get, "(ii)i", wl_wasi_random_get)                                \
    E(sock_accept, "(iii)i", wl_wasi_deny_enotsock)                           \
    E(sock_recv, "(iiiiii)i", wl_wasi_deny_enotsock)                          \
    E(sock_send, "(iiiii)i", wl_wasi_deny_enotsock)                           \
    E(sock_shutdown, "(ii)i", wl_wasi_deny_enotsock)

/* mote: the device API (sdk/include/mote/device.h). */
#define MOTE_CALLS(E)                                 \
    E(gpio_configure, "(ii)i", wl_dev_gpio_configure) \
    E(gpio_write, "(ii)i", wl_dev_gpio_write)         \
    E(gpio_toggle, "(i)i", wl_dev_gpio_toggle)        \
    E(gpio_read, "(i)i", wl_dev_gpio_read)            \
    E(gpio_watch, "(ii)i", wl_dev_gpio_watch)         \
    E(timer_start, "(iII)i", wl_dev_timer_start)      \
    E(timer_stop, "(i)i", wl_dev_timer_stop)          \
    E(event_wait, "(iI)i", wl_dev_event_wait)         \
    E(uart_watch, "(i)i", wl_dev_uart_watch)          \
    E(time_us, "()I", wl_dev_time_us)                 \
    E(msg_send, "(iiii)i", wl_dev_msg_send)           \
    E(msg_recv, "(iiiiI)i", wl_dev_msg_recv)          \
    E(msg_watch, "(i)i", wl_dev_msg_watch)            \
    E(uart_open, "(ii)i", wl_dev_uart_open)           \
    E(uart_write, "(iii)i", wl_dev_uart_write)        \
    E(uart_read, "(iii)i", wl_dev_uart_read)
/* clang-format on */

/* WL_IF(c)(x) is x when c expands to 1 and nothing when it expands to 0;
 * any other c (a call wl_calls.h does not name) fails to compile. */
#define WL_IF(c) WL_IF_(c)
#define WL_IF_(c) WL_IF_##c
#define WL_IF_1(...) __VA_ARGS__
#define WL_IF_0(...)
#define ENTRY(name, sig, fn) WL_IF(WL_CALL_##name)({#name, sig, fn}, )

/* Each list ends with a NULL entry, so that none is empty. */
static const entry wasi_entries[] = {WASI_CALLS(ENTRY){NULL, NULL, NULL}};
static const entry mote_entries[] = {MOTE_CALLS(ENTRY){NULL, NULL, NULL}};

const char *mote_wasi_calls_linked(void)
{
    return WL_CALLS_LIST;
}

static bool same(const char *bytes, size_t len, const char *text)
{
    return strlen(text) == len && memcmp(bytes, text, len) == 0;
}

static const entry *lookup(const entry *list, const char *name, size_t len)
{
    for (; list->name != NULL; list++)
        if (same(name, len, list->name))
            return list;
    return NULL;
}

/* The catalog entry for one import, and its module name; NULL if none. */
static const entry *find(const mote_extern_info *im, const char **module)
{
    if (im->kind != MOTE_EXTERN_FUNC)
        return NULL;
    if (same(im->module, im->module_len, WASI)) {
        *module = WASI;
        return lookup(wasi_entries, im->name, im->name_len);
    }
    if (same(im->module, im->module_len, MOTE)) {
        *module = MOTE;
        return lookup(mote_entries, im->name, im->name_len);
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
