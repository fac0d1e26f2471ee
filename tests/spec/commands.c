/*
 * commands.c -- the script commands that run code: module, register,
 * action, assert_return, assert_trap, assert_exhaustion and assert_exception.
 */
#include "script.h"
#include "trap_text.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

/* Records the outcome of a module that did not load or instantiate. */
static void module_problem(spec_script *s, const spec_loaded *l)
{
    switch (l->stage) {
    case SPEC_STAGE_ARENA:
    case SPEC_STAGE_LINK: spec_skip(s, l->skip, "%s", l->why.text); return;
    case SPEC_STAGE_LOAD:
    case SPEC_STAGE_INSTANTIATE:
        if (l->status == MOTE_ERR_NO_MEMORY)
            spec_skip(s, SPEC_SKIP_ARENA, "arena too small: %s", l->error->message);
        else
            spec_fail(s, "%s failed: %s: %s",
                      l->stage == SPEC_STAGE_LOAD ? "mote_load" : "mote_instantiate",
                      mote_status_name(l->status), l->error->message);
        return;
    default: spec_fail(s, "%s", l->why.text); return;
    }
}

static bool set_name(spec_module *m, const json_node *name)
{
    if (m == NULL || name == NULL || name->type != JSON_STRING)
        return true;
    m->name = malloc(name->len + 1);
    if (m->name == NULL)
        return false;
    memcpy(m->name, name->str, name->len);
    m->name[name->len] = '\0';
    m->name_len = name->len;
    m->keep_record = true;
    return true;
}

/* (module definition ...): validated, never instantiated; the current
 * module stays what it was, as the spec's script semantics say. */
static void module_definition(spec_script *s, const json_node *file)
{
    spec_module *current = s->current;
    spec_loaded l;
    spec_module_open(s, file, false, &l);
    s->current = current;
    if (l.stage == SPEC_STAGE_DONE)
        spec_pass(s);
    else
        module_problem(s, &l);
    spec_module_release(s, l.module);
}

void spec_cmd_module(spec_script *s)
{
    const json_node *file = json_get(s->cmd, "filename");
    if (file && file->type == JSON_STRING)
        msg_add(&s->what, "%.*s", (int)file->len, file->str);
    if (json_is(json_get(s->cmd, "definition"), "true") &&
        !json_is(json_get(s->cmd, "module_type"), "text")) {
        module_definition(s, file);
        return;
    }
    /* The previous module can no longer be reached by "current": free it
       first, so a board never holds both. */
    spec_module_release(s, s->current);
    s->current = NULL;
    if (json_is(json_get(s->cmd, "module_type"), "text")) {
        /* What refers to it later is skipped too, not run on another module. */
        s->current = spec_module_placeholder(s, SPEC_MODULE_SKIPPED);
        if (!set_name(s->current, json_get(s->cmd, "name")))
            spec_fail(s, "out of host memory");
        spec_skip(s, SPEC_SKIP_TEXT, "text module");
        return;
    }
    spec_loaded l;
    spec_module_open(s, file, true, &l);
    s->current = l.module;
    if (!set_name(l.module, json_get(s->cmd, "name"))) {
        spec_fail(s, "out of host memory");
        return;
    }
    if (l.stage == SPEC_STAGE_DONE) {
        spec_pass(s);
        return;
    }
    module_problem(s, &l);
    spec_module_trim(s, l.module);
}

void spec_cmd_register(spec_script *s)
{
    const json_node *as = json_get(s->cmd, "as");
    const json_node *name = json_get(s->cmd, "name");
    if (as == NULL || as->type != JSON_STRING) {
        spec_fail(s, "the command has no \"as\"");
        return;
    }
    msg_name(&s->what, as->str, as->len);
    spec_module *m = spec_module_find(s, name);
    if (m == NULL) {
        spec_fail(s, name ? "no module of that name" : "no module has been loaded");
        return;
    }
    if (!spec_register(s, m, as->str, as->len)) {
        spec_fail(s, "out of host memory");
        return;
    }
    if (m->state == SPEC_MODULE_READY) {
        spec_pass(s);
        return;
    }
    spec_msg why;
    msg_clear(&why);
    spec_module_describe(s, m, &why);
    if (m->state == SPEC_MODULE_SKIPPED)
        spec_skip(s, spec_skip_dependent(m), "%s", why.text);
    else
        spec_fail(s, "%s", why.text);
}

void spec_cmd_action(spec_script *s)
{
    spec_action_result res;
    spec_act act = spec_run_action(s, json_get(s->cmd, "action"), &res);
    if (act == SPEC_ACT_RETURNED)
        spec_pass(s);
    else if (act == SPEC_ACT_TRAPPED)
        spec_fail(s, "trapped: %s", res.error->message);
    else if (act == SPEC_ACT_THREW)
        spec_fail(s, "threw an exception nothing caught: %s", res.error->message);
}

/* ---- assert_return ------------------------------------------------------- */

typedef struct spec_expected {
    size_t count;
    spec_value *values;
} spec_expected;

/* Parses a list of values; false when the outcome is recorded. */
static bool read_expected(spec_script *s, const json_node *list, spec_expected *out)
{
    out->count = json_count(list);
    out->values = json_pool_alloc(&s->pool, (out->count ? out->count : 1) * sizeof *out->values);
    if (out->values == NULL) {
        spec_fail(s, "JSON pool too small for the expected values");
        return false;
    }
    size_t i = 0;
    for (const json_node *v = list ? list->child : NULL; v; v = v->next, i++) {
        spec_parse p = spec_value_from_json(v, &out->values[i]);
        if (p != SPEC_PARSE_OK) {
            spec_fail(s, "expected value %lu is not one the runner understands",
                      (unsigned long)i + 1);
            return false;
        }
    }
    return true;
}

static void describe_expected(const spec_expected *e, const char *sep, spec_msg *out)
{
    char buf[96];
    msg_add(out, "(");
    for (size_t i = 0; i < e->count; i++) {
        spec_value_format(buf, sizeof buf, &e->values[i]);
        msg_add(out, "%s%s", i ? sep : "", buf);
    }
    msg_add(out, ")");
}

static bool all_match(const spec_expected *e, const spec_action_result *r)
{
    if (e->count != r->count)
        return false;
    size_t slot = 0;
    for (size_t i = 0; i < e->count; i++) {
        if (!spec_value_matches_at(&e->values[i], r->types[i], &r->values[slot]))
            return false;
        slot += spec_type_slots(r->types[i]);
    }
    return true;
}

/* "either": the single result matches one of the alternatives. */
static bool any_matches(const spec_expected *e, const spec_action_result *r)
{
    if (r->count != 1)
        return false;
    for (size_t i = 0; i < e->count; i++)
        if (spec_value_matches_at(&e->values[i], r->types[0], r->values))
            return true;
    return false;
}

void spec_cmd_assert_return(spec_script *s)
{
    const json_node *either = json_get(s->cmd, "either");
    spec_expected exp;
    if (!read_expected(s, either ? either : json_get(s->cmd, "expected"), &exp))
        return;
    spec_action_result res;
    spec_act act = spec_run_action(s, json_get(s->cmd, "action"), &res);
    if (act == SPEC_ACT_DONE)
        return;
    spec_msg m;
    msg_clear(&m);
    if (act == SPEC_ACT_TRAPPED) {
        msg_add(&m, "trapped: %s", res.error->message);
    } else if (act == SPEC_ACT_THREW) {
        msg_add(&m, "threw: %s", res.error->message);
    } else if (either ? any_matches(&exp, &res) : all_match(&exp, &res)) {
        spec_pass(s);
        return;
    } else {
        msg_add(&m, "got ");
        spec_describe_results(&res, &m);
    }
    msg_add(&m, ", expected %s", either ? "one of " : "");
    describe_expected(&exp, either ? " | " : ", ", &m);
    spec_fail(s, "%s", m.text);
}

/* ---- assert_trap, assert_exhaustion -------------------------------------- */

void spec_cmd_assert_trap(spec_script *s)
{
    const json_node *text = json_get(s->cmd, "text");
    if (text == NULL || text->type != JSON_STRING) {
        spec_fail(s, "the command has no \"text\"");
        return;
    }
    spec_action_result res;
    spec_act act = spec_run_action(s, json_get(s->cmd, "action"), &res);
    if (act == SPEC_ACT_DONE)
        return;
    spec_msg m;
    msg_clear(&m);
    if (act == SPEC_ACT_RETURNED) {
        msg_add(&m, "returned ");
        spec_describe_results(&res, &m);
    } else if (act == SPEC_ACT_THREW) {
        msg_add(&m, "threw: %s", res.error->message);
    } else if (spec_trap_text_matches(spec_trap_wording(res.error), text->str, text->len)) {
        spec_pass(s);
        return;
    } else {
        msg_add(&m, "trapped with \"%s\" (%s)", spec_trap_wording(res.error), res.error->message);
    }
    msg_add(&m, ", expected a trap: ");
    msg_name(&m, text->str, text->len);
    spec_fail(s, "%s", m.text);
}

/* ---- assert_exception -------------------------------------------------------- */

/* The action must end in a wasm exception that nothing caught (a trap is
 * not an exception). */
void spec_cmd_assert_exception(spec_script *s)
{
    spec_action_result res;
    spec_act act = spec_run_action(s, json_get(s->cmd, "action"), &res);
    if (act == SPEC_ACT_DONE)
        return;
    if (act == SPEC_ACT_THREW) {
        spec_pass(s);
        return;
    }
    spec_msg m;
    msg_clear(&m);
    if (act == SPEC_ACT_RETURNED) {
        msg_add(&m, "returned ");
        spec_describe_results(&res, &m);
    } else {
        msg_add(&m, "trapped: %s", res.error->message);
    }
    spec_fail(s, "%s, expected an uncaught exception", m.text);
}
