/*
 * assert_module.c -- the assertions about a module itself:
 *
 *   assert_malformed       mote_load() returns MOTE_ERR_MALFORMED
 *   assert_invalid         mote_load() returns MOTE_ERR_INVALID
 *   assert_unlinkable      it loads; mote_instantiate() returns
 *                          MOTE_ERR_UNLINKABLE
 *   assert_uninstantiable  it loads; mote_instantiate() returns MOTE_TRAP
 *                          and the trap matches "text" (trap_text.h)
 *
 * Only the status class is checked for the first three: the suite's texts
 * ("unknown import", "type mismatch", ...) are the reference interpreter's
 * messages, and mote words its own (they are printed on failure).  Modules
 * given as text ("module_type": "text") are skipped and counted: mote reads
 * binary modules only.  A module that does not fit the arena is skipped.
 */
#include "script.h"
#include "trap_text.h"

#include <string.h>

typedef struct spec_expect {
    const char *command;
    bool instantiate;
    mote_status status;
} spec_expect;

static const spec_expect expectations[] = {
    {"assert_malformed", false, MOTE_ERR_MALFORMED},
    {"assert_invalid", false, MOTE_ERR_INVALID},
    {"assert_unlinkable", true, MOTE_ERR_UNLINKABLE},
    {"assert_uninstantiable", true, MOTE_TRAP},
};

static const spec_expect *expectation(const char *kind)
{
    for (size_t i = 0; i < sizeof expectations / sizeof expectations[0]; i++)
        if (strcmp(expectations[i].command, kind) == 0)
            return &expectations[i];
    return NULL;
}

/* Judges a failed load or instantiation against the expectation. */
static void judge_failure(spec_script *s, const spec_expect *x, const spec_loaded *l,
                          const json_node *text)
{
    bool right_stage = (l->stage == SPEC_STAGE_INSTANTIATE) == x->instantiate;
    bool matches = right_stage && l->status == x->status;
    if (matches && x->status == MOTE_TRAP)
        matches = spec_trap_text_matches(spec_trap_wording(l->error), text->str, text->len);
    if (matches) {
        spec_pass(s);
        return;
    }
    spec_msg m;
    msg_clear(&m);
    msg_add(&m, "%s failed: %s: %s, expected %s",
            l->stage == SPEC_STAGE_LOAD ? "mote_load" : "mote_instantiate",
            mote_status_name(l->status), l->error->message, mote_status_name(x->status));
    msg_add(&m, " ");
    msg_name(&m, text->str, text->len);
    spec_fail(s, "%s", m.text);
}

static void judge(spec_script *s, const spec_expect *x, const spec_loaded *l, const json_node *text)
{
    switch (l->stage) {
    case SPEC_STAGE_ARENA:
    case SPEC_STAGE_LINK: spec_skip(s, l->skip, "%s", l->why.text); return;
    case SPEC_STAGE_LOAD:
    case SPEC_STAGE_INSTANTIATE:
        if (l->status == MOTE_ERR_NO_MEMORY)
            spec_skip(s, SPEC_SKIP_ARENA, "arena too small: %s", l->error->message);
        else
            judge_failure(s, x, l, text);
        return;
    case SPEC_STAGE_DONE: {
        spec_msg m;
        msg_clear(&m);
        msg_add(&m, "%s, expected %s ", x->instantiate ? "instantiated" : "loaded",
                mote_status_name(x->status));
        msg_name(&m, text->str, text->len);
        spec_fail(s, "%s", m.text);
        return;
    }
    default: spec_fail(s, "%s", l->why.text); return;
    }
}

void spec_cmd_assert_module(spec_script *s)
{
    const spec_expect *x = expectation(s->kind);
    const json_node *file = json_get(s->cmd, "filename");
    const json_node *text = json_get(s->cmd, "text");
    if (file && file->type == JSON_STRING)
        msg_add(&s->what, "%.*s", (int)file->len, file->str);
    if (json_is(json_get(s->cmd, "module_type"), "text")) {
        spec_skip(s, SPEC_SKIP_TEXT, "text module");
        return;
    }
    if (x == NULL || text == NULL || text->type != JSON_STRING) {
        spec_fail(s, "the command has no \"text\"");
        return;
    }
    spec_loaded l;
    spec_module_open(s, file, x->instantiate, &l);
    judge(s, x, &l, text);
    /* Never current; kept only if it may have left references behind. */
    spec_module_release(s, l.module);
}
