/*
 * registry.c -- finding module records: by the name a script gives a module
 * ("$M"), and by the name it was registered under for imports ("as").
 * Later definitions shadow earlier ones, as in the reference interpreter.
 */
#include "script.h"

#include <stdlib.h>
#include <string.h>

spec_module *spec_module_find(spec_script *s, const json_node *name)
{
    if (name == NULL)
        return s->current;
    if (name->type != JSON_STRING)
        return NULL;
    for (spec_module *m = s->modules; m; m = m->next)
        if (m->name && m->name_len == name->len && memcmp(m->name, name->str, name->len) == 0)
            return m;
    return NULL;
}

spec_registration *spec_registry_find(spec_script *s, const char *as, size_t as_len)
{
    for (spec_registration *r = s->registry; r; r = r->next)
        if (r->as_len == as_len && memcmp(r->as, as, as_len) == 0)
            return r;
    return NULL;
}

bool spec_register(spec_script *s, spec_module *m, const char *as, size_t as_len)
{
    spec_registration *r = calloc(1, sizeof *r);
    char *copy = malloc(as_len + 1);
    if (r == NULL || copy == NULL) {
        free(r);
        free(copy);
        return false;
    }
    memcpy(copy, as, as_len);
    copy[as_len] = '\0';
    r->as = copy;
    r->as_len = as_len;
    r->module = m;
    r->next = s->registry; /* newest first: a later registration wins */
    s->registry = r;
    m->keep_record = true;
    return true;
}

spec_skip_reason spec_skip_dependent(const spec_module *m)
{
    return m->no_room ? SPEC_SKIP_ARENA : SPEC_SKIP_DEPENDENT;
}

void spec_module_describe(spec_script *s, const spec_module *m, spec_msg *out)
{
    (void)s;
    if (m->name)
        msg_add(out, "module %.*s (line %lu) ", (int)m->name_len, m->name, m->line);
    else
        msg_add(out, "the module of line %lu ", m->line);
    msg_add(out, m->state != SPEC_MODULE_SKIPPED ? "failed"
                 : m->no_room                    ? "was skipped (arena too small)"
                                                 : "was skipped");
}
