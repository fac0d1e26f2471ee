/*
 * action.c -- running a script's action: invoke an exported function with
 * arguments, or get an exported global, on the current or a named module.
 */
#include "script.h"
#include "value.h"

#include <string.h>

const char *spec_trap_wording(const mote_error *error)
{
    if (error->trap != MOTE_TRAP_NONE && error->trap != MOTE_TRAP_HOST)
        return mote_trap_message(error->trap);
    return error->message;
}

void spec_describe_results(const spec_action_result *res, spec_msg *out)
{
    char buf[96];
    size_t slot = 0;
    msg_add(out, "(");
    for (uint32_t i = 0; i < res->count; i++) {
        spec_result_format_at(buf, sizeof buf, res->types[i], &res->values[slot]);
        slot += spec_type_slots(res->types[i]);
        msg_add(out, "%s%s", i ? ", " : "", buf);
    }
    msg_add(out, ")");
}

spec_parse spec_value_from_json(const json_node *node, spec_value *out)
{
    const json_node *t = json_get(node, "type"), *v = json_get(node, "value");
    if (t == NULL || t->type != JSON_STRING)
        return SPEC_PARSE_BAD;
    if (v == NULL || v->type != JSON_ARRAY)
        return spec_value_parse(t->str, t->len, v && v->type == JSON_STRING ? v->str : NULL,
                                v ? v->len : 0, out);
    /* a v128: {"type": "v128", "lane_type": "i32", "value": ["1", ...]} */
    const json_node *lt = json_get(node, "lane_type");
    const char *lanes[16];
    size_t lens[16], n = 0;
    if (!json_is(t, "v128") || lt == NULL || lt->type != JSON_STRING)
        return SPEC_PARSE_BAD;
    for (const json_node *l = v->child; l; l = l->next, n++) {
        if (n == 16 || l->type != JSON_STRING)
            return SPEC_PARSE_BAD;
        lanes[n] = l->str;
        lens[n] = l->len;
    }
    return spec_value_parse_v128(lt->str, lt->len, lanes, lens, n, out);
}

/* Allocates n values (at least one) from the command's pool. */
static mote_value *pool_values(spec_script *s, size_t n)
{
    mote_value *v = json_pool_alloc(&s->pool, (n ? n : 1) * sizeof *v);
    if (v)
        memset(v, 0, (n ? n : 1) * sizeof *v);
    return v;
}

/* Parses the "args" into args[]; false when the outcome is recorded. */
static bool parse_args(spec_script *s, const json_node *list, mote_value *args, mote_valtype *types)
{
    size_t i = 0;
    char buf[96];
    msg_add(&s->what, "(");
    size_t slot = 0;
    for (const json_node *a = list ? list->child : NULL; a; a = a->next, i++) {
        spec_value sv;
        spec_parse p = spec_value_from_json(a, &sv);
        if (p != SPEC_PARSE_OK || !spec_value_to_arg(&sv, &args[slot])) {
            spec_fail(s, "argument %lu is not a value the runner understands",
                      (unsigned long)i + 1);
            return false;
        }
        slot += spec_type_slots(sv.type);
        types[i] = sv.type;
        spec_value_format(buf, sizeof buf, &sv);
        msg_add(&s->what, "%s%s", i ? ", " : "", buf);
    }
    msg_add(&s->what, ")");
    return true;
}

/* The instance the action runs on; NULL when the outcome is recorded. */
static mote_instance *target(spec_script *s, const json_node *module)
{
    spec_module *m = spec_module_find(s, module);
    if (m == NULL) {
        spec_fail(s, module ? "no module of that name" : "no module has been loaded");
        return NULL;
    }
    if (m->state == SPEC_MODULE_READY && m->inst) {
        s->target = m;
        return m->inst;
    }
    spec_msg why;
    msg_clear(&why);
    spec_module_describe(s, m, &why);
    if (m->state == SPEC_MODULE_SKIPPED)
        spec_skip(s, spec_skip_dependent(m), "%s", why.text);
    else
        spec_fail(s, "%s", why.text);
    return NULL;
}

static bool types_match(spec_script *s, mote_func *f, const mote_valtype *arg_types, size_t n)
{
    const mote_valtype *params, *results;
    uint32_t np, nr;
    mote_func_type(f, &params, &np, &results, &nr);
    if (np != n) {
        spec_fail(s, "the function takes %lu arguments, the script passes %lu", (unsigned long)np,
                  (unsigned long)n);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        if (params[i] != arg_types[i]) {
            char a[16], b[16];
            spec_fail(s, "argument %lu is %s, the function takes %s", (unsigned long)i + 1,
                      spec_type_name(arg_types[i], a), spec_type_name(params[i], b));
            return false;
        }
    return true;
}

static spec_act call_status(spec_script *s, mote_instance *inst, mote_status st,
                            spec_action_result *res)
{
    const mote_error *e = mote_arena_error(mote_instance_arena(inst));
    switch (st) {
    case MOTE_OK: return SPEC_ACT_RETURNED;
    case MOTE_TRAP: res->error = e; return SPEC_ACT_TRAPPED;
    case MOTE_EXCEPTION: res->error = e; return SPEC_ACT_THREW;
    case MOTE_PAUSED:
        mote_abandon(inst);
        spec_fail(s, "the call paused, but no fuel limit or interrupt was set");
        return SPEC_ACT_DONE;
    case MOTE_EXIT:
        spec_fail(s, "the call exited with code %ld", (long)mote_exit_code(inst));
        return SPEC_ACT_DONE;
    default:
        spec_fail(s, "mote_call: %s: %s", mote_status_name(st), e->message);
        return SPEC_ACT_DONE;
    }
}

/* The parsed arguments of an invoke: count values in `slots` mote_values. */
typedef struct spec_args {
    size_t count, slots;
    mote_value *values;
    mote_valtype *types;
} spec_args;

/* The mote_values of values of these types. */
static size_t slots_of(const mote_valtype *types, size_t n)
{
    size_t slots = 0;
    for (size_t i = 0; i < n; i++)
        slots += spec_type_slots(types[i]);
    return slots;
}

/* Parses the "args" (and describes them); false when the outcome is recorded. */
static bool read_args(spec_script *s, const json_node *list, spec_args *args)
{
    args->count = json_count(list);
    args->values = pool_values(s, 2 * args->count); /* room for v128s */
    args->types = json_pool_alloc(&s->pool, args->count ? args->count : 1);
    if (args->values == NULL || args->types == NULL) {
        spec_fail(s, "JSON pool too small for the arguments");
        return false;
    }
    if (!parse_args(s, list, args->values, args->types))
        return false;
    args->slots = slots_of(args->types, args->count);
    return true;
}

static spec_act invoke(spec_script *s, mote_instance *inst, const json_node *field,
                       const spec_args *args, spec_action_result *res)
{
    mote_extern ext;
    if (mote_find_export(inst, field->str, field->len, &ext) != MOTE_OK ||
        ext.kind != MOTE_EXTERN_FUNC) {
        spec_fail(s, "no exported function of that name");
        return SPEC_ACT_DONE;
    }
    if (!types_match(s, ext.u.func, args->types, args->count))
        return SPEC_ACT_DONE;
    const mote_valtype *params;
    uint32_t np;
    mote_func_type(ext.u.func, &params, &np, &res->types, &res->count);
    size_t result_slots = slots_of(res->types, res->count);
    res->values = pool_values(s, result_slots);
    if (res->values == NULL) {
        spec_fail(s, "JSON pool too small for the results");
        return SPEC_ACT_DONE;
    }
    mote_status st =
        mote_call(inst, ext.u.func, args->values, args->slots, res->values, result_slots);
    return call_status(s, inst, st, res);
}

static spec_act get(spec_script *s, mote_instance *inst, const json_node *field,
                    spec_action_result *res)
{
    mote_extern ext;
    if (mote_find_export(inst, field->str, field->len, &ext) != MOTE_OK ||
        ext.kind != MOTE_EXTERN_GLOBAL) {
        spec_fail(s, "no exported global of that name");
        return SPEC_ACT_DONE;
    }
    bool mutable_;
    res->global_type = mote_global_type(ext.u.global, &mutable_);
    res->types = &res->global_type;
    res->count = 1;
    res->values = pool_values(s, 2);
    if (res->values == NULL) {
        spec_fail(s, "JSON pool too small for the result");
        return SPEC_ACT_DONE;
    }
    if (res->global_type == MOTE_V128)
        mote_global_get_v128(ext.u.global, res->values);
    else
        res->values[0] = mote_global_get(ext.u.global);
    return SPEC_ACT_RETURNED;
}

spec_act spec_run_action(spec_script *s, const json_node *action, spec_action_result *res)
{
    memset(res, 0, sizeof *res);
    const json_node *type = json_get(action, "type");
    const json_node *module = json_get(action, "module");
    const json_node *field = json_get(action, "field");
    bool is_invoke = json_is(type, "invoke");
    msg_add(&s->what, "%s ", is_invoke ? "invoke" : json_is(type, "get") ? "get" : "action");
    if (module && module->type == JSON_STRING)
        msg_add(&s->what, "%.*s ", (int)module->len, module->str);
    if (field && field->type == JSON_STRING)
        msg_name(&s->what, field->str, field->len);
    if (!is_invoke && !json_is(type, "get")) {
        spec_fail(s, "unknown action type");
        return SPEC_ACT_DONE;
    }
    if (field == NULL || field->type != JSON_STRING) {
        spec_fail(s, "the action has no \"field\"");
        return SPEC_ACT_DONE;
    }
    spec_args args = {0, 0, NULL, NULL};
    if (is_invoke && !read_args(s, json_get(action, "args"), &args))
        return SPEC_ACT_DONE;
    mote_instance *inst = target(s, module);
    if (inst == NULL)
        return SPEC_ACT_DONE;
    return is_invoke ? invoke(s, inst, field, &args, res) : get(s, inst, field, res);
}
