/*
 * link.c -- offering a module its imports.
 *
 * For each import the module declares, the runner looks up the import's
 * module name among the registered names (the latest registration wins, as
 * in the reference interpreter), then in the built-in spectest module.  It
 * offers exactly one entry per distinct (module, name) pair and nothing for
 * imports it cannot find, so the core itself reports unknown imports and
 * type mismatches (assert_unlinkable tests exactly that).
 *
 * mote_import takes NUL-terminated names, so names are copied; a name that
 * contains a NUL byte cannot be offered exactly (no test in the suite
 * imports one).
 */
#include "script.h"
#include "peek.h"

#include <stdlib.h>
#include <string.h>

static bool is_spectest(const mote_extern_info *info)
{
    return info->module_len == 8 && memcmp(info->module, "spectest", 8) == 0;
}

/* Copies bytes as a C string at *cursor; returns the copy. */
static const char *copy_name(char **cursor, const char *bytes, size_t len)
{
    char *dst = *cursor;
    if (len)
        memcpy(dst, bytes, len);
    dst[len] = '\0';
    *cursor = dst + len + 1;
    return dst;
}

static bool already_offered(const mote_import *imports, size_t n, const mote_import *e)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(imports[i].module, e->module) == 0 && strcmp(imports[i].name, e->name) == 0)
            return true;
    return false;
}

/* Resolves from a registered instance. 1 found, 0 not offered, -1 skip. */
static int from_registry(spec_script *s, spec_module *m, const spec_registration *r,
                         const mote_extern_info *info, mote_import *e, spec_skip_reason *skip,
                         spec_msg *why)
{
    spec_module *target = r->module;
    if (target->state == SPEC_MODULE_SKIPPED) {
        m->no_room |= target->no_room;
        m->not_built |= target->not_built;
        *skip = spec_skip_dependent(target);
        msg_add(why, "imports from ");
        msg_name(why, r->as, r->as_len);
        msg_add(why, ", and ");
        spec_module_describe(s, target, why);
        return -1;
    }
    if (target->inst == NULL)
        return 0; /* it failed: the import stays unresolved */
    if (mote_find_export(target->inst, info->name, info->name_len, &e->ext) != MOTE_OK)
        return 0;
    m->keep_arena |= m->makes_refs;
    m->sources[m->num_sources++] = target;
    return 1;
}

/* Resolves from spectest. 1 found, 0 not offered, -1 skip. */
static int from_spectest(spec_script *s, spec_module *m, const mote_extern_info *info,
                         mote_import *e, spec_skip_reason *skip, spec_msg *why)
{
    bool is_table = false;
    if (spec_host_import(s, info->name, info->name_len, e, &is_table)) {
        m->keep_arena |= is_table && m->makes_refs;
        m->uses_spectest = true;
        return 1;
    }
    if (s->host.tried && s->host.status == MOTE_ERR_NO_MEMORY) {
        *skip = SPEC_SKIP_ARENA;
        msg_add(why, "arena too small for spectest: %s", s->host.error.text);
        return -1;
    }
    return 0;
}

static size_t names_size(const mote_module *module, uint32_t n)
{
    size_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        mote_extern_info info;
        if (mote_module_import(module, i, &info) == MOTE_OK)
            total += info.module_len + info.name_len + 2;
    }
    return total ? total : 1;
}

spec_link spec_link_imports(spec_script *s, spec_module *m, size_t *count, spec_skip_reason *skip,
                            spec_msg *why)
{
    uint32_t n = mote_module_num_imports(m->module);
    m->makes_refs = spec_peek_makes_func_refs(m->wasm, m->wasm_len);
    *count = 0;
    *skip = SPEC_SKIP_DEPENDENT;
    if (n == 0)
        return SPEC_LINK_OK;
    m->imports = calloc(n, sizeof *m->imports);
    m->import_names = malloc(names_size(m->module, n));
    m->sources = calloc(n, sizeof *m->sources);
    if (m->imports == NULL || m->import_names == NULL || m->sources == NULL)
        return SPEC_LINK_NO_HOST_MEMORY;
    char *cursor = m->import_names;
    for (uint32_t i = 0; i < n; i++) {
        mote_extern_info info;
        if (mote_module_import(m->module, i, &info) != MOTE_OK)
            continue; /* the core's own instantiate will complain */
        mote_import *e = &m->imports[*count];
        memset(e, 0, sizeof *e);
        e->module = copy_name(&cursor, info.module, info.module_len);
        e->name = copy_name(&cursor, info.name, info.name_len);
        if (already_offered(m->imports, *count, e))
            continue;
        const spec_registration *r = spec_registry_find(s, info.module, info.module_len);
        int found = r                    ? from_registry(s, m, r, &info, e, skip, why)
                    : is_spectest(&info) ? from_spectest(s, m, &info, e, skip, why)
                                         : 0;
        if (found < 0)
            return SPEC_LINK_SKIP;
        if (found > 0)
            (*count)++;
    }
    return SPEC_LINK_OK;
}
