/*
 * modules.c -- the script's module records: one arena per module, the
 * registry of `register`ed names, and freeing what nothing can reach.
 *
 * Why free at all: const.wast alone has 402 modules.  On the host untouched
 * arena pages cost nothing, but a board has a few MiB, so a module's arena
 * is freed as soon as no later command can reach the module (see the
 * keep_record/keep_arena rule in script.h).  --keep-all turns this off.
 */
#include "script.h"
#include "file.h"

#include <stdlib.h>
#include <string.h>

/*
 * mote_load_config.features == 0 means "all features"; to ask for none we
 * pass a mask whose only bit is one the core does not define.
 */
#define SPEC_FEATURES_NONE (1u << 31)

/*
 * Arena buffers: one freed buffer is kept for the next module of the same
 * size.  Most modules are short-lived, and allocating and freeing 64 MiB
 * hundreds of times per script is slow under AddressSanitizer.
 */
static void *take_arena(spec_script *s, size_t size)
{
    if (s->spare_arena && s->spare_bytes == size) {
        void *buf = s->spare_arena;
        s->spare_arena = NULL;
        return buf;
    }
    return malloc(size);
}

static void give_arena(spec_script *s, void *buf, size_t size)
{
    if (buf == NULL)
        return;
    if (s->spare_arena == NULL) {
        s->spare_arena = buf;
        s->spare_bytes = size;
    } else {
        free(buf);
    }
}

static void free_heavy(spec_script *s, spec_module *m)
{
    give_arena(s, m->arena_buf, m->arena_bytes);
    free(m->wasm);
    free(m->imports);
    free(m->import_names);
    m->arena_buf = NULL;
    m->arena = NULL;
    m->module = NULL;
    m->inst = NULL;
    m->wasm = NULL;
    m->imports = NULL;
    m->import_names = NULL;
}

static void unlink_record(spec_script *s, spec_module *m)
{
    for (spec_module **p = &s->modules; *p; p = &(*p)->next)
        if (*p == m) {
            *p = m->next;
            return;
        }
}

static void free_record(spec_script *s, spec_module *m)
{
    free_heavy(s, m);
    free(m->name);
    free(m);
}

static spec_module *new_record(spec_script *s)
{
    spec_module *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->line = s->line;
    m->state = SPEC_MODULE_FAILED;
    m->next = s->modules;       /* newest first: name lookups find it first */
    s->modules = m;
    return m;
}

static mote_load_config load_config(const spec_script *s)
{
    mote_load_config config = {s->cfg->features ? s->cfg->features : SPEC_FEATURES_NONE};
    return config;
}

static mote_instance_config instance_config(const spec_script *s)
{
    mote_instance_config config;
    memset(&config, 0, sizeof config);
    config.value_stack_bytes = s->cfg->value_stack_bytes;
    config.call_stack_bytes = s->cfg->call_stack_bytes;
    return config;
}

/*
 * The arena size for a module: cfg->arena_bytes, or with fit_arena what
 * mote_measure() says it needs plus the headroom.  The measurement borrows a
 * full-size scratch arena for a moment.  If it fails, the full size is used
 * and the real load reports the problem.
 */
static size_t arena_size(spec_script *s, const spec_module *m)
{
    size_t full = s->cfg->arena_bytes;
    if (!s->cfg->fit_arena)
        return full;
    void *scratch_buf = take_arena(s, full);
    mote_arena *scratch = scratch_buf ? mote_arena_init(scratch_buf, full) : NULL;
    mote_load_config lc = load_config(s);
    mote_instance_config ic = instance_config(s);
    mote_needs needs;
    size_t size = full;
    if (scratch && mote_measure(scratch, m->wasm, m->wasm_len, &lc, &ic, &needs) == MOTE_OK
        && needs.total < full && full - needs.total > s->cfg->fit_headroom)
        size = needs.total + s->cfg->fit_headroom;
    give_arena(s, scratch_buf, full);
    return size;
}

/* Reads the .wasm and makes the arena; false with out filled on failure. */
static bool prepare(spec_script *s, spec_module *m, const json_node *filename, spec_loaded *out)
{
    char *path = spec_sibling_path(s->path, filename->str, filename->len);
    if (path == NULL || !spec_read_file(path, &m->wasm, &m->wasm_len)) {
        out->stage = SPEC_STAGE_IO;
        msg_add(&out->why, "cannot read %s", path ? path : "(out of host memory)");
        free(path);
        return false;
    }
    free(path);
    size_t size = arena_size(s, m);
    m->arena_buf = take_arena(s, size);
    m->arena_bytes = size;
    m->arena = m->arena_buf ? mote_arena_init(m->arena_buf, size) : NULL;
    if (m->arena == NULL) {
        out->stage = SPEC_STAGE_ARENA;
        out->skip = SPEC_SKIP_ARENA;
        msg_add(&out->why, "arena too small: %s %lu bytes",
                m->arena_buf ? "cannot set up an arena in" : "cannot allocate",
                (unsigned long)size);
        m->state = SPEC_MODULE_SKIPPED;
        return false;
    }
    return true;
}

static void failed_stage(spec_module *m, spec_stage stage, mote_status status, spec_loaded *out)
{
    out->stage = stage;
    out->status = status;
    out->error = mote_arena_error(m->arena);
    out->skip = SPEC_SKIP_ARENA;
    m->state = status == MOTE_ERR_NO_MEMORY ? SPEC_MODULE_SKIPPED : SPEC_MODULE_FAILED;
}

static void instantiate(spec_script *s, spec_module *m, spec_loaded *out)
{
    size_t count;
    spec_link link = spec_link_imports(s, m, &count, &out->skip, &out->why);
    if (link == SPEC_LINK_SKIP) {
        out->stage = SPEC_STAGE_LINK;
        m->state = SPEC_MODULE_SKIPPED;
        return;
    }
    if (link == SPEC_LINK_NO_HOST_MEMORY) {
        out->stage = SPEC_STAGE_IO;
        msg_add(&out->why, "out of host memory for the import list");
        return;
    }
    mote_instance *inst = NULL;
    mote_instance_config config = instance_config(s);
    mote_status st = mote_instantiate(m->arena, m->module, m->imports, count, &config, &inst);
    if (st != MOTE_OK) {
        failed_stage(m, SPEC_STAGE_INSTANTIATE, st, out);
        return;
    }
    m->inst = inst;
    m->state = SPEC_MODULE_READY;
    out->stage = SPEC_STAGE_DONE;
}

void spec_module_open(spec_script *s, const json_node *filename, bool inst, spec_loaded *out)
{
    memset(out, 0, sizeof *out);
    msg_clear(&out->why);
    out->stage = SPEC_STAGE_IO;
    if (filename == NULL || filename->type != JSON_STRING) {
        msg_add(&out->why, "the command has no \"filename\"");
        return;
    }
    spec_module *m = new_record(s);
    out->module = m;
    if (m == NULL) {
        msg_add(&out->why, "out of host memory");
        return;
    }
    if (!prepare(s, m, filename, out))
        return;
    mote_load_config config = load_config(s);
    mote_status st = mote_load(m->arena, m->wasm, m->wasm_len, &config, &m->module);
    if (st != MOTE_OK) {
        m->module = NULL;
        failed_stage(m, SPEC_STAGE_LOAD, st, out);
        return;
    }
    if (!inst) {
        m->state = SPEC_MODULE_READY;
        out->stage = SPEC_STAGE_DONE;
        return;
    }
    instantiate(s, m, out);
}

spec_module *spec_module_placeholder(spec_script *s, spec_module_state state)
{
    spec_module *m = new_record(s);
    if (m)
        m->state = state;
    return m;
}

void spec_module_trim(spec_script *s, spec_module *m)
{
    if (m && m->inst == NULL && !m->keep_arena && !s->cfg->keep_all)
        free_heavy(s, m);
}

void spec_module_release(spec_script *s, spec_module *m)
{
    if (m == NULL || s->cfg->keep_all || m->keep_arena)
        return;
    if (m->keep_record) {
        spec_module_trim(s, m);
        return;
    }
    if (s->current == m)
        s->current = NULL;
    unlink_record(s, m);
    free_record(s, m);
}

void spec_modules_free_all(spec_script *s)
{
    while (s->registry) {
        spec_registration *r = s->registry;
        s->registry = r->next;
        free(r->as);
        free(r);
    }
    while (s->modules) {
        spec_module *m = s->modules;
        s->modules = m->next;
        free_record(s, m);
    }
    s->current = NULL;
    free(s->spare_arena);
    s->spare_arena = NULL;
}
