/*
 * api.c -- the public calls that act on loaded modules and instances:
 * introspection, unloading, exports, calling, traps, memories, tables and
 * globals.  (Loading and sizing a module are the decoder's, decode.c: a
 * firmware that only attaches precompiled images links none of it.)
 */
#include <string.h>

#include "arena.h"
#include "compile.h"
#include "error.h"
#include "reader.h"
#include "runtime.h"
#include "types.h"

#define MOTE_MSG_TAG "a" /* this file's message codes (error.h) */

/* ---- module introspection ------------------------------------------------- */

uint32_t mote_module_num_imports(const mote_module *m)
{
    return m->nimports;
}

uint32_t mote_module_num_exports(const mote_module *m)
{
    return m->nexports;
}

static void describe(const mote_module *m, mote_extern_kind kind, uint32_t index,
                     mote_extern_info *out)
{
    out->kind = kind;
    out->index = index;
    switch (kind) {
    case MOTE_EXTERN_FUNC:
    case MOTE_EXTERN_TAG: {
        uint32_t ti = kind == MOTE_EXTERN_FUNC ? MOD_FUNCS(m)[index].type : MOD_TAGS(m)[index].type;
        const mod_type *t = &MOD_TYPES(m)[ti];
        out->params = type_param_classes(m, t);
        out->results = type_result_classes(m, t);
        out->num_params = t->nparams;
        out->num_results = t->nresults;
        break;
    }
    case MOTE_EXTERN_TABLE: {
        const mod_table *t = &MOD_TABLES(m)[index];
        out->valtype = types_class(t->elem_type);
        out->limits.min = t->min;
        out->limits.max = t->max;
        out->limits.has_max = t->has_max;
        out->limits.is64 = t->is64;
        break;
    }
    case MOTE_EXTERN_MEMORY: {
        const mod_memory *mem = &MOD_MEMS(m)[index];
        out->limits.min = mem->min;
        out->limits.max = mem->max;
        out->limits.has_max = mem->has_max;
        out->limits.is64 = mem->is64;
        out->limits.page_size = 1u << mem->page_log2;
        break;
    }
    default: {
        const mod_global *g = &MOD_GLOBALS(m)[index];
        out->valtype = types_class(g->type);
        out->mutable_ = g->mutable_;
        break;
    }
    }
}

mote_status mote_module_import(const mote_module *m, uint32_t i, mote_extern_info *out)
{
    if (i >= m->nimports)
        return MOTE_ERR_NOT_FOUND;
    const mod_import *im = &MOD_IMPORTS(m)[i];
    memset(out, 0, sizeof *out);
    out->module = (const char *)m->wasm + im->module;
    out->module_len = im->module_len;
    out->name = (const char *)m->wasm + im->name;
    out->name_len = im->name_len;
    describe(m, (mote_extern_kind)im->kind, im->index, out);
    return MOTE_OK;
}

mote_status mote_module_export(const mote_module *m, uint32_t i, mote_extern_info *out)
{
    if (i >= m->nexports)
        return MOTE_ERR_NOT_FOUND;
    const mod_export *e = &MOD_EXPORTS(m)[i];
    memset(out, 0, sizeof *out);
    out->name = (const char *)m->wasm + e->name;
    out->name_len = e->name_len;
    describe(m, (mote_extern_kind)e->kind, e->index, out);
    return MOTE_OK;
}

const char *mote_module_func_name(const mote_module *m, uint32_t index, size_t *len)
{
    if (!MOTE_WITH_NAMES || !m->names_len)
        return NULL;
    reader r = {m->wasm + m->names, m->wasm + m->names + m->names_len, m->wasm, 0};
    uint32_t n;
    if (!rd_u32(&r, &n))
        return NULL;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t idx, nlen;
        const uint8_t *name;
        if (!rd_u32(&r, &idx) || !rd_u32(&r, &nlen) || !rd_bytes(&r, nlen, &name))
            return NULL;
        if (idx == index) {
            *len = nlen;
            return (const char *)name;
        }
        if (idx > index) /* the map is sorted by index */
            return NULL;
    }
    return NULL;
}

size_t mote_module_bytes(const mote_module *m)
{
    return m->bytes;
}

size_t mote_module_code_bytes(const mote_module *m)
{
    return (size_t)m->code_words * 4;
}

void mote_unload(mote_module *m)
{
    if (!m)
        return;
    mote_arena *a = m->arena;
    arena_mark mark = {(size_t)m->mark_bottom, (size_t)m->mark_top};
    arena_rollback(a, mark);
}

/* ---- exports ----------------------------------------------------------------- */

mote_arena *mote_instance_arena(const mote_instance *inst)
{
    return inst->arena;
}

const mote_module *mote_instance_module(const mote_instance *inst)
{
    return inst->module;
}

static int compare_name(const mote_module *m, const mod_export *e, const char *name, size_t len)
{
    size_t n = e->name_len < len ? e->name_len : len;
    int c = memcmp(m->wasm + e->name, name, n);
    if (c)
        return c;
    return e->name_len < len ? -1 : e->name_len > len;
}

mote_status mote_find_export(mote_instance *inst, const char *name, size_t len, mote_extern *out)
{
    const mote_module *m = inst->module;
    const mod_export *exports = MOD_EXPORTS(m);
    uint32_t lo = 0, hi = m->nexports;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = compare_name(m, &exports[mid], name, len);
        if (c == 0) {
            const mod_export *e = &exports[mid];
            out->kind = (mote_extern_kind)e->kind;
            switch (e->kind) {
            case MOTE_EXTERN_FUNC: out->u.func = instance_func(inst, e->index); break;
            case MOTE_EXTERN_TABLE: out->u.table = (mote_table *)inst->tables[e->index].p; break;
            case MOTE_EXTERN_MEMORY: out->u.memory = (mote_memory *)inst->mems[e->index].p; break;
            case MOTE_EXTERN_TAG: out->u.tag = (mote_tag *)inst->tags[e->index].p; break;
            default: out->u.global = (mote_global *)inst->globals[e->index].p; break;
            }
            return MOTE_OK;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return error_set(&inst->arena->error, MOTE_ERR_NOT_FOUND, "no export named \"%.*s\"", (int)len,
                     name);
}

mote_func *mote_export_func(mote_instance *inst, const char *name)
{
    mote_extern e;
    if (!name || mote_find_export(inst, name, strlen(name), &e) != MOTE_OK ||
        e.kind != MOTE_EXTERN_FUNC)
        return NULL;
    return e.u.func;
}

mote_memory *mote_export_memory(mote_instance *inst, const char *name)
{
    mote_extern e;
    if (!name || mote_find_export(inst, name, strlen(name), &e) != MOTE_OK ||
        e.kind != MOTE_EXTERN_MEMORY)
        return NULL;
    return e.u.memory;
}

mote_global *mote_export_global(mote_instance *inst, const char *name)
{
    mote_extern e;
    if (!name || mote_find_export(inst, name, strlen(name), &e) != MOTE_OK ||
        e.kind != MOTE_EXTERN_GLOBAL)
        return NULL;
    return e.u.global;
}

mote_tag *mote_export_tag(mote_instance *inst, const char *name)
{
    mote_extern e;
    if (!name || mote_find_export(inst, name, strlen(name), &e) != MOTE_OK ||
        e.kind != MOTE_EXTERN_TAG)
        return NULL;
    return e.u.tag;
}

mote_table *mote_export_table(mote_instance *inst, const char *name)
{
    mote_extern e;
    if (!name || mote_find_export(inst, name, strlen(name), &e) != MOTE_OK ||
        e.kind != MOTE_EXTERN_TABLE)
        return NULL;
    return e.u.table;
}

/* ---- calls ---------------------------------------------------------------------- */

/* May the embedder's value v be stored as type t (of module m)?  Typed
 * references are checked here so that no ill-typed one reaches code that
 * validation proved well typed. */
static bool ref_fits(const mote_module *m, vtype t, mote_value v)
{
    if (!vt_is_ref(t))
        return true;
    if (!v.ref)
        return vt_nullable(t);
    uint32_t h = vt_heap(t);
    if (h == HT_NOFUNC || h == HT_NOEXTERN || h == HT_NOEXN || h == HT_NONE)
        return false;
    if (h != HT_CONCRETE)
        return true;
    const mote_module *fm;
    const mod_type *ft = instance_func_type(v.func, &fm);
    return types_func_equal(m, &MOD_TYPES(m)[vt_index(t)], fm, ft);
}

void mote_func_type(const mote_func *f, const mote_valtype **params, uint32_t *np,
                    const mote_valtype **results, uint32_t *nr)
{
    const mote_module *m;
    const mod_type *t = instance_func_type(f, &m);
    *params = type_param_classes(m, t);
    *np = t->nparams;
    *results = type_result_classes(m, t);
    *nr = t->nresults;
}

static mote_status finish_call(mote_instance *inst)
{
    exec *ex = &inst->ex;
    mote_status st = interp_run(inst);
    if (st == MOTE_PAUSED)
        return st;
    ex->state = EXEC_IDLE;
    if (st == MOTE_OK && ex->nresults)
        memcpy(ex->results, ex->stack, (size_t)ex->nresults * sizeof(mote_value));
    return st;
}

mote_status mote_call(mote_instance *inst, mote_func *f, const mote_value *args, size_t nargs,
                      mote_value *results, size_t nresults)
{
    mote_error *err = &inst->arena->error;
    exec *ex = &inst->ex;
    if (!f)
        return error_set(err, MOTE_ERR_ARGUMENT, "mote_call: no function");
    if (ex->state != EXEC_IDLE)
        return error_set(err, MOTE_ERR_STATE, "mote_call: a call is already %s on this instance",
                         ex->state == EXEC_PAUSED ? "paused" : "running");
    const mote_module *fm;
    const mod_type *t = instance_func_type(f, &fm);
    /* counted in values: a v128 is two (mote.h) */
    if (nargs != t->param_slots || nresults != t->result_slots || (nargs && !args) ||
        (nresults && !results))
        return error_set(err, MOTE_ERR_ARGUMENT,
                         "mote_call: the function takes %u argument values and returns %u "
                         "(a v128 counts as two)",
                         t->param_slots, t->result_slots);
    const vtype *params = type_params(fm, t);
    for (uint32_t i = 0, v = 0; i < t->nparams; v += valtype_slots(params[i]), i++)
        if (!ref_fits(fm, params[i], args[v]))
            return error_set(err, MOTE_ERR_ARGUMENT,
                             "mote_call: argument %u is not a reference "
                             "of the parameter's type",
                             i + 1);
    size_t need = t->param_slots > t->result_slots ? t->param_slots : t->result_slots;
    err->status = MOTE_OK;
    if (feature_built(FG_EXCEPTIONS))
        exn_reset(ex); /* the exceptions of the last call are gone */
    else
        ex->exn = NULL;
    if (need > (size_t)(ex->stack_end - ex->stack))
        return error_set(err, MOTE_ERR_LIMIT, "mote_call: the value stack is too small");
    if (nargs)
        memcpy(ex->stack, args, nargs * sizeof(mote_value));
    ex->callee = f;
    ex->pc = ex->stub;
    ex->fp = ex->stack;
    ex->fr = ex->frames;
    ex->cur = inst;
    ex->results = results;
    ex->nresults = (uint32_t)nresults;
    ex->state = EXEC_RUNNING;
    return finish_call(inst);
}

mote_status mote_resume(mote_instance *inst)
{
    exec *ex = &inst->ex;
    if (ex->state != EXEC_PAUSED)
        return error_set(&inst->arena->error, MOTE_ERR_STATE, "mote_resume: no call is paused");
    ex->state = EXEC_RUNNING;
    return finish_call(inst);
}

void mote_abandon(mote_instance *inst)
{
    if (inst->ex.state == EXEC_PAUSED)
        inst->ex.state = EXEC_IDLE;
}

bool mote_is_paused(const mote_instance *inst)
{
    return inst->ex.state == EXEC_PAUSED;
}

void mote_set_fuel(mote_instance *inst, int64_t fuel)
{
    inst->ex.fuel = fuel < 0 ? 0 : fuel;
}

int64_t mote_get_fuel(const mote_instance *inst)
{
    return inst->ex.fuel;
}

void mote_interrupt(mote_instance *inst)
{
    inst->ex.interrupt = 1;
}

int32_t mote_exit_code(const mote_instance *inst)
{
    return inst->ex.exit_code;
}

mote_status mote_host_trap(mote_instance *caller, const char *message)
{
    mote_error *err = &caller->arena->error;
    error_setf(err, MOTE_TRAP, "%s", message ? message : "host trap");
    err->trap = MOTE_TRAP_HOST;
    return MOTE_TRAP;
}

mote_status mote_host_exit(mote_instance *caller, int32_t code)
{
    caller->ex.exit_code = code;
    return MOTE_EXIT;
}

/* ---- exceptions ---------------------------------------------------------------------- */

mote_status mote_tag_new(mote_arena *a, const char *sig, mote_tag **out)
{
    /* Without exceptions no tag exists, so no host function can throw, and
     * the exception records' collector is not linked. */
    if (!feature_built(FG_EXCEPTIONS))
        return error_setf(&a->error, MOTE_ERR_UNSUPPORTED,
                          "mote_tag_new: exceptions are not in this build (MOTE_WITH_EXCEPTIONS)");
    size_t n = 0;
    if (sig && *sig == '(')
        while (sig[1 + n] && instance_sig_type(sig[1 + n]))
            n++;
    if (!sig || *sig != '(' || sig[1 + n] != ')' || sig[2 + n] != '\0' || n > MAX_FRAME_SLOTS)
        return error_set(&a->error, MOTE_ERR_ARGUMENT,
                         "mote_tag_new: bad payload types (want \"(...)\")");
    arena_mark mark = arena_get_mark(a);
    mote_tag *t = arena_zalloc(a, sizeof *t);
    mote_valtype *classes = t ? arena_alloc(a, n + 1) : NULL;
    if (!classes) {
        arena_rollback(a, mark);
        return arena_no_room(a, "a tag needs", sizeof *t + n + 1);
    }
    for (size_t i = 0; i < n; i++)
        classes[i] = instance_sig_type(sig[1 + i]);
    t->classes = classes;
    t->nparams = t->param_slots = (uint32_t)n;
    *out = t;
    return MOTE_OK;
}

void mote_tag_type(const mote_tag *tag, const mote_valtype **params, uint32_t *num_params)
{
    *params = tag->classes;
    *num_params = tag->nparams;
}

/* Throws an exception of `tag` with payload slots `payload` on the call a
 * host function of `caller` runs in. */
static mote_status host_throw(mote_instance *caller, mote_tag *tag, const mote_slot *payload)
{
    exec *ex = caller->host_ex;
    if (!feature_built(FG_EXCEPTIONS)) /* (no tag to throw: mote_tag_new) */
        return mote_host_trap(caller, MSG_STR("mote_host_throw: exceptions are not in this build"));
    if (!ex || ex->state != EXEC_RUNNING)
        return mote_host_trap(caller, MSG_STR("mote_host_throw: not called from a host function"));
    mote_exception *e = exn_new(ex, exn_live_top(ex), tag);
    if (!e)
        return mote_host_trap(caller, MSG_STR("call stack exhausted: no room for the exception"));
    if (tag->param_slots)
        memcpy(e->payload, payload, (size_t)tag->param_slots * sizeof(mote_slot));
    ex->exn = e;
    return MOTE_EXCEPTION;
}

mote_status mote_host_throw(mote_instance *caller, mote_tag *tag, const mote_value *payload,
                            size_t num_payload)
{
    /* the API passes one mote_value per value: no v128 payloads */
    if (!tag || num_payload != tag->nparams || tag->param_slots != tag->nparams ||
        (num_payload && !payload))
        return mote_host_trap(caller,
                              MSG_STR("mote_host_throw: the payload does not match the tag"));
    return host_throw(caller, tag, payload);
}

mote_status mote_host_rethrow(mote_instance *caller, const mote_exception *exn)
{
    if (!exn || !exn->tag)
        return mote_host_trap(caller, MSG_STR("mote_host_rethrow: no exception"));
    return host_throw(caller, exn->tag, exn->payload);
}

const mote_exception *mote_uncaught_exception(const mote_instance *inst)
{
    return inst->ex.state == EXEC_IDLE ? inst->ex.exn : NULL;
}

mote_tag *mote_exception_tag(const mote_exception *exn)
{
    return exn->tag;
}

size_t mote_exception_payload(const mote_exception *exn, mote_value *out, size_t max)
{
    size_t n = exn->tag->param_slots;
    memcpy(out, exn->payload, (n < max ? n : max) * sizeof(mote_value));
    return n;
}

/* ---- traps and backtraces ----------------------------------------------------------- */

/* The defined function whose code holds pc (functions are laid out in order). */
uint32_t instance_func_at(const mote_instance *inst, const uint32_t *pc)
{
    const mote_module *m = inst->module;
    const mod_func *funcs = MOD_FUNCS(m);
    if (!pc || pc < inst->code || pc >= inst->code + m->code_words)
        return MOTE_NO_FUNC;
    uint32_t w = (uint32_t)(pc - inst->code);
    uint32_t lo = m->nfunc_imports, hi = m->nfuncs;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (funcs[mid].code <= w)
            lo = mid;
        else
            hi = mid;
    }
    return lo < m->nfuncs ? lo : MOTE_NO_FUNC;
}

/* compile_locate() finds the wasm offset of a code word by compiling its
 * function again.  The reference is weak: a firmware that only attaches
 * precompiled images (image.c) links no compiler, and there a trap gives
 * its function with offset 0 (unknown). */
#if defined(__GNUC__)
#pragma weak compile_locate
#endif

/* The wasm offset of code word pc of function func in inst's module. */
static uint32_t offset_at(const mote_instance *inst, uint32_t func, const uint32_t *pc)
{
    if (func == MOTE_NO_FUNC || !compile_locate)
        return 0;
    return compile_locate(inst->module, inst->arena, func, (uint32_t)(pc - inst->code));
}

mote_status api_raise_trap(mote_instance *owner, mote_trap kind, const char *message)
{
    exec *ex = &owner->ex;
    mote_error *err = &owner->arena->error;
    const mote_instance *where = ex->trap_inst ? ex->trap_inst : owner;
    uint32_t func = instance_func_at(where, ex->trap_pc);
    uint32_t offset = offset_at(where, func, ex->trap_pc);
    const char *text = message ? message : mote_trap_message(kind);
    if (func != MOTE_NO_FUNC)
        error_setf(err, MOTE_TRAP, "%s (func %u +0x%x)", text, func, offset);
    else
        error_setf(err, MOTE_TRAP, "%s", text);
    err->trap = kind;
    err->func = func;
    err->offset = offset;
    return MOTE_TRAP;
}

mote_status api_raise_exception(mote_instance *owner)
{
    exec *ex = &owner->ex;
    mote_error *err = &owner->arena->error;
    const mote_instance *where = ex->trap_inst ? ex->trap_inst : owner;
    uint32_t func = instance_func_at(where, ex->trap_pc);
    uint32_t offset = func == MOTE_NO_FUNC ? 0 : offset_at(where, func, ex->trap_pc);
    if (func != MOTE_NO_FUNC)
        error_set(err, MOTE_EXCEPTION, "uncaught exception (thrown at func %u +0x%x)", func,
                  offset);
    else
        error_set(err, MOTE_EXCEPTION, "uncaught exception (thrown by a host function)");
    err->func = func;
    err->offset = offset;
    return MOTE_EXCEPTION;
}

/* Fills frames[] with frames first .. first+max-1 of the last trap's
 * backtrace (innermost first) and returns how many frames it has in all. */
static size_t backtrace_walk(const mote_instance *inst, size_t first, mote_frame *frames,
                             size_t max)
{
    const exec *ex = &inst->ex;
    if (!ex->trap_inst)
        return 0;
    size_t depth = 0;
    const uint32_t *pc = ex->trap_pc;
    const mote_instance *where = ex->trap_inst;
    /* Frame records hold the caller's return point; the oldest returns to the stub. */
    for (const frame *f = ex->trap_fr;; f--) {
        if (depth >= first && depth - first < max) {
            mote_frame *out = &frames[depth - first];
            out->func = instance_func_at(where, pc);
            out->offset = offset_at(where, out->func, pc);
            out->instance = where;
        }
        depth++;
        if (f == ex->frames || f[-1].pc == inst->ex.stub + 1)
            return depth;
        pc = f[-1].pc - 1;
        where = f[-1].inst;
    }
}

size_t mote_backtrace_depth(const mote_instance *inst)
{
    return backtrace_walk(inst, 0, NULL, 0);
}

size_t mote_backtrace_from(const mote_instance *inst, size_t first, mote_frame *frames, size_t max)
{
    size_t depth = backtrace_walk(inst, first, frames, max);
    return depth <= first ? 0 : depth - first < max ? depth - first : max;
}

size_t mote_backtrace(const mote_instance *inst, mote_frame *frames, size_t max)
{
    return mote_backtrace_from(inst, 0, frames, max);
}

/* One line of a backtrace: "  #3 func 8 <name> +0x1f9 at file.c:12". */
static void trap_print_frame(size_t index, const mote_frame *f, mote_write_fn write, void *ctx,
                             const mote_trap_print_options *opt)
{
    char line[320], renamed[256], where[120];
    size_t len = 0, n;
    const char *name =
        f->func == MOTE_NO_FUNC ? NULL : mote_module_func_name(f->instance->module, f->func, &len);
    if (name && opt && opt->rename) {
        size_t r = opt->rename(opt->user, name, len, renamed, sizeof renamed);
        if (r > 0) {
            name = renamed;
            len = r < sizeof renamed ? r : sizeof renamed - 1;
        }
    }
    if (name)
        n = error_format(line, sizeof line, "  #%z func %u <%.*s> +0x%x", index, f->func,
                         (int)(len > 180 ? 180 : len), name, f->offset);
    else
        n = error_format(line, sizeof line, "  #%z func %u +0x%x", index, f->func, f->offset);
    size_t w = opt && opt->locate ? opt->locate(opt->user, f, where, sizeof where) : 0;
    if (w > 0 && w < sizeof where && n + 4 + w < sizeof line)
        n += error_format(line + n, sizeof line - n, " at %.*s", (int)w, where);
    if (n + 1 < sizeof line) {
        line[n++] = '\n';
        line[n] = '\0';
    }
    write(ctx, line, n < sizeof line ? n : sizeof line - 1);
}

/* Frames printed: all of a short backtrace; of a long one (deep recursion)
 * the innermost and the outermost half each, where the trap happened and
 * how the app got there, with the middle elided. */
#define TRAP_PRINT_HALF 8

void mote_trap_print_with(const mote_instance *inst, mote_write_fn write, void *ctx,
                          const mote_trap_print_options *options)
{
    const mote_error *err = &inst->arena->error;
    if (err->status != MOTE_TRAP || !inst->ex.trap_inst)
        return;
    char line[192];
    size_t n = error_format(line, sizeof line, "trap: %s\n", err->message);
    write(ctx, line, n < sizeof line ? n : sizeof line - 1);
    mote_frame frames[TRAP_PRINT_HALF];
    size_t depth = mote_backtrace_depth(inst);
    bool elide = depth > 2 * TRAP_PRINT_HALF;
    for (size_t first = 0; first < depth;) {
        if (elide && first == TRAP_PRINT_HALF) {
            n = error_format(line, sizeof line, "  ... %z frames not shown\n",
                             depth - 2 * TRAP_PRINT_HALF);
            write(ctx, line, n < sizeof line ? n : sizeof line - 1);
            first = depth - TRAP_PRINT_HALF;
        }
        size_t got = mote_backtrace_from(inst, first, frames, TRAP_PRINT_HALF);
        for (size_t i = 0; i < got; i++)
            trap_print_frame(first + i, &frames[i], write, ctx, options);
        if (got == 0)
            break;
        first += got;
    }
}

void mote_trap_print(const mote_instance *inst, mote_write_fn write, void *ctx)
{
    mote_trap_print_with(inst, write, ctx, NULL);
}

/* ---- memories, tables, globals ---------------------------------------------------------- */

mote_memory *mote_instance_memory(mote_instance *inst)
{
    return inst->mem;
}

uint64_t mote_memory_size(const mote_memory *mem)
{
    return mem->size;
}

uint8_t *mote_memory_data(mote_memory *mem)
{
    return mem->base;
}

uint8_t *mote_memory_ptr(mote_instance *inst, uint64_t offset, uint64_t len)
{
    mote_memory *mem = inst->mem;
    if (!mem || offset > mem->size || len > mem->size - offset)
        return NULL;
    return mem->base + offset;
}

int64_t mote_memory_grow(mote_memory *mem, uint64_t delta)
{
    return instance_memory_grow(mem, delta);
}

uint32_t mote_table_size(const mote_table *t)
{
    return t->size;
}

mote_status mote_table_get(const mote_table *t, uint32_t i, mote_value *out)
{
    if (i >= t->size)
        return MOTE_ERR_ARGUMENT;
    *out = t->elems[i];
    return MOTE_OK;
}

mote_status mote_table_set(mote_table *t, uint32_t i, mote_value v)
{
    if (i >= t->size || !ref_fits(t->module, t->elem_type, v))
        return MOTE_ERR_ARGUMENT;
    if (types_class(t->elem_type) == MOTE_EXNREF)
        exn_pin(v.exn);
    t->elems[i] = v;
    return MOTE_OK;
}

mote_valtype mote_global_type(const mote_global *g, bool *mutable_)
{
    if (mutable_)
        *mutable_ = g->mutable_;
    return types_class(g->type);
}

mote_value mote_global_get(const mote_global *g)
{
    return g->value;
}

mote_status mote_global_set(mote_global *g, mote_value v)
{
    if (!g->mutable_ || !ref_fits(g->module, g->type, v))
        return MOTE_ERR_ARGUMENT;
    if (types_class(g->type) == MOTE_EXNREF)
        exn_pin(v.exn);
    g->value = v;
    return MOTE_OK;
}

mote_status mote_global_get_v128(const mote_global *g, mote_value value[2])
{
    if (g->type != MOTE_V128)
        return MOTE_ERR_ARGUMENT;
    value[0] = g->value;
    value[1] = g->value_hi;
    return MOTE_OK;
}

mote_status mote_global_set_v128(mote_global *g, const mote_value value[2])
{
    if (g->type != MOTE_V128 || !g->mutable_)
        return MOTE_ERR_ARGUMENT;
    g->value = value[0];
    g->value_hi = value[1];
    return MOTE_OK;
}

/* ---- objects made by the embedder --------------------------------------------------------- */

mote_status mote_memory_new(mote_arena *a, const mote_limits *lim, mote_memory **out)
{
    uint32_t page_log2 = lim->page_size == 1 ? 0 : 16;
    uint64_t format_max = memory_format_max(page_log2, lim->is64);
    if ((lim->page_size != 1 && lim->page_size != 65536 && lim->page_size != 0) ||
        lim->min > format_max || (lim->has_max && (lim->max > format_max || lim->max < lim->min)))
        return error_set(&a->error, MOTE_ERR_ARGUMENT, "mote_memory_new: bad limits");
    /* Both limits are at most the format's maximum: their bytes fit 64 bits. */
    uint64_t bytes = pages_to_bytes(lim->min, page_log2);
    uint64_t max_bytes = lim->has_max ? pages_to_bytes(lim->max, page_log2) : 0;
    arena_mark mark = arena_get_mark(a);
    mote_memory *mem = arena_zalloc(a, sizeof *mem);
    if (!mem)
        return arena_no_room(a, "a memory needs", sizeof *mem);
    /* Reserve the maximum when it is known and fits, so the memory can grow
     * even after other objects are allocated behind it. */
    uint64_t reserve = bytes;
    uint8_t *base = NULL;
    if (lim->has_max && max_bytes <= arena_free(a)) {
        reserve = max_bytes;
        base = arena_alloc(a, reserve);
    }
    if (!base) {
        reserve = bytes;
        base = arena_alloc(a, bytes);
    }
    if (!base && bytes) {
        arena_rollback(a, mark);
        return arena_no_room(a, "the memory needs", bytes);
    }
    if (!base)
        base = a->base + a->bottom; /* empty: grows from the arena's bottom */
    memset(base, 0, (size_t)bytes);
    mem->base = base;
    mem->arena = a;
    mem->size = bytes;
    mem->reserved = reserve;
    mem->page_log2 = page_log2;
    mem->is64 = lim->is64;
    mem->max_pages = lim->has_max ? lim->max : format_max;
    *out = mem;
    return MOTE_OK;
}

mote_status mote_table_new(mote_arena *a, mote_valtype type, const mote_limits *lim,
                           mote_table **out)
{
    vtype vt = types_from_byte(type);
    if (!vt_is_ref(vt) || lim->min > UINT32_MAX ||
        (lim->has_max && (lim->max < lim->min || (!lim->is64 && lim->max > UINT32_MAX))))
        return error_set(&a->error, MOTE_ERR_ARGUMENT, "mote_table_new: bad type or limits");
    uint64_t cap = lim->has_max && lim->max <= UINT32_MAX ? lim->max : lim->min;
    arena_mark mark = arena_get_mark(a);
    mote_table *t = arena_zalloc(a, sizeof *t);
    mote_slot *elems = t ? arena_zalloc(a, cap * sizeof(mote_slot)) : NULL; /* cap < 2^32 */
    if (!t || !elems) {
        arena_rollback(a, mark);
        return arena_no_room(a, "the table needs", sizeof *t + cap * sizeof(mote_slot));
    }
    t->elems = elems;
    t->arena = a;
    t->size = (uint32_t)lim->min;
    t->capacity = (uint32_t)cap;
    t->max = lim->has_max ? lim->max : UINT32_MAX;
    t->elem_type = vt;
    t->is64 = lim->is64;
    *out = t;
    return MOTE_OK;
}

mote_status mote_global_new(mote_arena *a, mote_valtype type, bool mutable_, mote_value value,
                            mote_global **out)
{
    vtype vt = types_from_byte(type);
    if (vt == VT_BOT)
        return error_set(&a->error, MOTE_ERR_ARGUMENT, "mote_global_new: bad type");
    mote_global *g = arena_zalloc(a, sizeof *g);
    if (!g)
        return error_set(&a->error, MOTE_ERR_NO_MEMORY, "arena too small for a global");
    if (types_class(vt) == MOTE_EXNREF)
        exn_pin(value.exn);
    g->type = vt;
    g->mutable_ = mutable_;
    g->value = value;
    *out = g;
    return MOTE_OK;
}

mote_status mote_global_new_v128(mote_arena *a, bool mutable_, const mote_value value[2],
                                 mote_global **out)
{
    TRY(mote_global_new(a, MOTE_V128, mutable_, value[0], out));
    (*out)->value_hi = value[1];
    return MOTE_OK;
}
