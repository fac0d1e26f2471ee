/*
 * spectest.c -- the `spectest` host module every spec script may import:
 *
 *   func print, print_i32, print_i64, print_f32, print_f64, print_i32_f32,
 *        print_f64_f64                       (they print nothing here: the
 *                                             runner prints failures only)
 *   global global_i32 = 666, global_i64 = 666 (immutable)
 *   global global_f32 = 666.6, global_f64 = 666.6 (immutable)
 *   table  table: 10..20 funcref; table64: the same with i64 indices
 *   memory memory: 1..2 pages
 *
 * The functions are offered as typed host functions to each instantiation;
 * the table, memory and globals are objects made once per script, in their
 * own arena, on the first import that needs them, so one script's modules
 * all share them (as they share the reference interpreter's spectest).
 */
#include "script.h"

#include <string.h>

/* 666.6 rounded to f32 and f64, as bits: no float arithmetic on the board. */
#define SPECTEST_F32_666_6 0x4426A666u
#define SPECTEST_F64_666_6 0x4084D4CCCCCCCCCDu

static mote_status spectest_print(mote_instance *caller, mote_value *io, void *user)
{
    (void)caller;
    (void)io;
    (void)user;
    return MOTE_OK;
}

static const struct {
    const char *name;
    const char *signature;
} host_funcs[] = {
    {"print", "()"},           {"print_i32", "(i)"}, {"print_i64", "(I)"},
    {"print_f32", "(f)"},      {"print_f64", "(F)"}, {"print_i32_f32", "(if)"},
    {"print_f64_f64", "(FF)"},
};

static bool name_is(const char *name, size_t len, const char *s)
{
    return strlen(s) == len && memcmp(name, s, len) == 0;
}

static mote_status make_globals(spec_host *h)
{
    mote_value v;
    mote_status st;
    memset(&v, 0, sizeof v);
    v.i32 = 666;
    if ((st = mote_global_new(h->arena, MOTE_I32, false, v, &h->global_i32)) != MOTE_OK)
        return st;
    memset(&v, 0, sizeof v);
    v.i64 = 666;
    if ((st = mote_global_new(h->arena, MOTE_I64, false, v, &h->global_i64)) != MOTE_OK)
        return st;
    memset(&v, 0, sizeof v);
    v.u32 = SPECTEST_F32_666_6;
    if ((st = mote_global_new(h->arena, MOTE_F32, false, v, &h->global_f32)) != MOTE_OK)
        return st;
    memset(&v, 0, sizeof v);
    v.u64 = SPECTEST_F64_666_6;
    return mote_global_new(h->arena, MOTE_F64, false, v, &h->global_f64);
}

static mote_status make_objects(spec_host *h)
{
    mote_limits mem = {.min = 1, .max = 2, .has_max = true, .page_size = 65536};
    mote_limits tab = {.min = 10, .max = 20, .has_max = true, .page_size = 0};
    mote_limits tab64 = {.min = 10, .max = 20, .has_max = true, .is64 = true};
    mote_status st = mote_memory_new(h->arena, &mem, &h->memory);
    if (st == MOTE_OK)
        st = mote_table_new(h->arena, MOTE_FUNCREF, &tab, &h->table);
    if (st == MOTE_OK)
        st = mote_table_new(h->arena, MOTE_FUNCREF, &tab64, &h->table64);
    if (st == MOTE_OK)
        st = make_globals(h);
    return st;
}

bool spec_host_ready(spec_script *s)
{
    spec_host *h = &s->host;
    if (h->tried)
        return h->status == MOTE_OK;
    h->tried = true;
    msg_clear(&h->error);
    size_t size = s->cfg->spectest_arena_bytes;
    h->arena_buf = spec_arena_alloc(s, size);
    h->arena = h->arena_buf ? mote_arena_init(h->arena_buf, size) : NULL;
    if (h->arena == NULL) {
        h->status = MOTE_ERR_NO_MEMORY;
        msg_add(&h->error, "cannot %s %lu bytes", h->arena_buf ? "set up an arena in" : "allocate",
                (unsigned long)size);
    } else {
        h->status = make_objects(h);
        if (h->status != MOTE_OK)
            msg_add(&h->error, "%s: %s", mote_status_name(h->status),
                    mote_arena_error(h->arena)->message);
    }
    if (h->status != MOTE_OK)
        spec_note(s, "cannot create the spectest module: %s", h->error.text);
    return h->status == MOTE_OK;
}

static bool object_import(spec_host *h, const char *name, size_t len, mote_extern *ext)
{
    if (name_is(name, len, "memory")) {
        ext->kind = MOTE_EXTERN_MEMORY;
        ext->u.memory = h->memory;
    } else if (name_is(name, len, "table")) {
        ext->kind = MOTE_EXTERN_TABLE;
        ext->u.table = h->table;
    } else if (name_is(name, len, "table64")) {
        ext->kind = MOTE_EXTERN_TABLE;
        ext->u.table = h->table64;
    } else {
        static const char *const names[] = {"global_i32", "global_i64", "global_f32", "global_f64"};
        mote_global *globals[] = {h->global_i32, h->global_i64, h->global_f32, h->global_f64};
        for (size_t i = 0; i < 4; i++)
            if (name_is(name, len, names[i])) {
                ext->kind = MOTE_EXTERN_GLOBAL;
                ext->u.global = globals[i];
                return true;
            }
        return false;
    }
    return true;
}

bool spec_host_import(spec_script *s, const char *name, size_t len, mote_import *out,
                      bool *is_table)
{
    *is_table = false;
    for (size_t i = 0; i < sizeof host_funcs / sizeof host_funcs[0]; i++)
        if (name_is(name, len, host_funcs[i].name)) {
            out->fn = spectest_print;
            out->signature = host_funcs[i].signature;
            out->user = NULL;
            return true;
        }
    mote_extern probe;
    if (!object_import(&s->host, name, len, &probe))
        return false; /* no such export: leave it unknown */
    if (!spec_host_ready(s) || !object_import(&s->host, name, len, &out->ext))
        return false;
    *is_table = out->ext.kind == MOTE_EXTERN_TABLE;
    return true;
}

void spec_host_free(spec_script *s)
{
    if (s->host.arena_buf)
        spec_arena_free(s, s->host.arena_buf);
    memset(&s->host, 0, sizeof s->host);
}
