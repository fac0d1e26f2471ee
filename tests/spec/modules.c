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
#include "peek.h"

#include <stdlib.h>
#include <string.h>

static void free_heavy(spec_script *s, spec_module *m)
{
    spec_arena_give(s, m->arena_buf, m->arena_bytes);
    free(m->wasm);
    free(m->imports);
    free(m->import_names);
    free(m->sources);
    m->arena_buf = NULL;
    m->arena = NULL;
    m->module = NULL;
    m->inst = NULL;
    m->wasm = NULL;
    m->imports = NULL;
    m->import_names = NULL;
    m->sources = NULL;
    m->num_sources = 0;
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
    m->next = s->modules; /* newest first: name lookups find it first */
    s->modules = m;
    return m;
}

mote_load_config spec_load_config(const spec_script *s)
{
    /* mote_load_config.features == 0 means "all features". */
    mote_load_config config = {s->cfg->features ? s->cfg->features : MOTE_FEATURE_NONE};
    return config;
}

mote_instance_config spec_instance_config(const spec_script *s)
{
    mote_instance_config config;
    memset(&config, 0, sizeof config);
    config.value_stack_bytes = s->cfg->value_stack_bytes;
    config.call_stack_bytes = s->cfg->call_stack_bytes;
    return config;
}

typedef struct diverging {
    spec_script *s;
    spec_divergence cause; /* the skip's cause */
} diverging;

static void diverge(spec_divergence *state, spec_divergence cause)
{
    if (cause > *state)
        *state = cause;
}

static void mark_source(void *ctx, const char *name, size_t len)
{
    diverging *d = ctx;
    spec_registration *r = spec_registry_find(d->s, name, len);
    if (r)
        diverge(&r->module->diverged, d->cause);
    else if (len == 8 && memcmp(name, "spectest", 8) == 0)
        diverge(&d->s->host_diverged, d->cause);
}

/*
 * m is skipped: why is SPEC_SKIP_ARENA for lack of room (the board's,
 * never the host's), SPEC_SKIP_NOT_BUILT for a group this build leaves out,
 * else SPEC_SKIP_DEPENDENT.  For either of the first two, what it imports
 * from never saw its segments and start function (script.h,
 * spec_module_diverged).  If its imports cannot be read, that may be any
 * registered module, or spectest.
 */
static void skipped(spec_script *s, spec_module *m, spec_skip_reason why)
{
    m->state = SPEC_MODULE_SKIPPED;
    m->no_room = why == SPEC_SKIP_ARENA;
    m->not_built = why == SPEC_SKIP_NOT_BUILT;
    if (!m->no_room && !m->not_built)
        return;
    diverging d = {s, m->not_built ? SPEC_DIVERGED_NOT_BUILT : SPEC_DIVERGED_ROOM};
    if (m->wasm && spec_peek_import_modules(m->wasm, m->wasm_len, mark_source, &d))
        return;
    for (spec_registration *r = s->registry; r; r = r->next)
        diverge(&r->module->diverged, d.cause);
    diverge(&s->host_diverged, d.cause);
}

/* Reads the .wasm and makes the arena; false with out filled on failure. */
static bool prepare(spec_script *s, spec_module *m, const json_node *filename, spec_loaded *out)
{
    char *path = spec_sibling_path(s->path, filename->str, filename->len);
    spec_read r = path ? spec_read_file(path, &m->wasm, &m->wasm_len) : SPEC_READ_NO_MEMORY;
    if (r != SPEC_READ_OK) {
        if (r == SPEC_READ_NO_MEMORY) {
            /* The module file itself does not fit: the board is too small. */
            out->stage = SPEC_STAGE_ARENA;
            out->skip = SPEC_SKIP_ARENA;
            skipped(s, m, SPEC_SKIP_ARENA);
            msg_add(&out->why, "arena too small: no memory to read %s", path ? path : "the module");
        } else {
            out->stage = SPEC_STAGE_IO;
            msg_add(&out->why, "cannot read %s", path);
        }
        free(path);
        return false;
    }
    free(path);
    size_t size;
    m->arena_buf = spec_arena_for(s, m, &size);
    m->arena_bytes = size;
    m->arena = m->arena_buf ? mote_arena_init(m->arena_buf, size) : NULL;
    if (m->arena == NULL) {
        out->stage = SPEC_STAGE_ARENA;
        out->skip = SPEC_SKIP_ARENA;
        msg_add(&out->why, "arena too small: %s %lu bytes",
                m->arena_buf ? "cannot set up an arena in" : "cannot allocate",
                (unsigned long)size);
        skipped(s, m, SPEC_SKIP_ARENA);
        return false;
    }
    return true;
}

static void failed_stage(spec_script *s, spec_module *m, spec_stage stage, mote_status status,
                         spec_loaded *out)
{
    out->stage = stage;
    out->status = status;
    out->error = mote_arena_error(m->arena);
    out->skip = SPEC_SKIP_ARENA;
    if (status == MOTE_ERR_NO_MEMORY)
        skipped(s, m, SPEC_SKIP_ARENA);
    else
        m->state = SPEC_MODULE_FAILED;
}

static void instantiate(spec_script *s, spec_module *m, spec_loaded *out)
{
    size_t count;
    spec_link link = spec_link_imports(s, m, &count, &out->skip, &out->why);
    if (link == SPEC_LINK_SKIP) {
        out->stage = SPEC_STAGE_LINK;
        skipped(s, m,
                m->no_room || out->skip == SPEC_SKIP_ARENA ? SPEC_SKIP_ARENA
                : m->not_built                             ? SPEC_SKIP_NOT_BUILT
                                                           : SPEC_SKIP_DEPENDENT);
        return;
    }
    if (link == SPEC_LINK_NO_HOST_MEMORY) {
        out->stage = SPEC_STAGE_IO;
        msg_add(&out->why, "out of host memory for the import list");
        return;
    }
    mote_instance *inst = NULL;
    mote_instance_config config = spec_instance_config(s);
    mote_status st = mote_instantiate(m->arena, m->module, m->imports, count, &config, &inst);
    if (st != MOTE_OK) {
        failed_stage(s, m, SPEC_STAGE_INSTANTIATE, st, out);
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
    s->target = m;
    if (m == NULL) {
        msg_add(&out->why, "out of host memory");
        return;
    }
    if (!prepare(s, m, filename, out))
        return;
    mote_load_config config = spec_load_config(s);
    mote_status st = mote_load(m->arena, m->wasm, m->wasm_len, &config, &m->module);
    if (st == MOTE_ERR_UNSUPPORTED && s->cfg->not_built_ok) {
        /* a feature group this build leaves out: skipped, as are the
         * commands that need the module */
        m->module = NULL;
        out->stage = SPEC_STAGE_ARENA;
        out->status = st;
        out->error = mote_arena_error(m->arena);
        out->skip = SPEC_SKIP_NOT_BUILT;
        msg_add(&out->why, "not in this build: %s", out->error->message);
        skipped(s, m, SPEC_SKIP_NOT_BUILT);
        return;
    }
    if (st != MOTE_OK) {
        m->module = NULL;
        failed_stage(s, m, SPEC_STAGE_LOAD, st, out);
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
    if (s->target == m)
        s->target = NULL;
    unlink_record(s, m);
    free_record(s, m);
}

bool spec_module_diverged(const spec_script *s, const spec_module *m, spec_skip_reason *why)
{
    *why = SPEC_SKIP_ARENA;
    if (m->arena && mote_arena_grow_refusals(m->arena) > 0)
        return true;
    if (m->uses_spectest && s->host.arena && mote_arena_grow_refusals(s->host.arena) > 0)
        return true;
    spec_divergence d = m->diverged ? m->diverged : m->uses_spectest ? s->host_diverged : SPEC_SAME;
    if (d != SPEC_SAME) {
        *why = d == SPEC_DIVERGED_NOT_BUILT ? SPEC_SKIP_NOT_BUILT : SPEC_SKIP_ARENA;
        return true;
    }
    /* Sources were instantiated before m: the recursion ends. */
    for (size_t i = 0; i < m->num_sources; i++)
        if (spec_module_diverged(s, m->sources[i], why))
            return true;
    return false;
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
    spec_arena_drop_spare(s);
}
