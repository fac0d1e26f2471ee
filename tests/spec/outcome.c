/*
 * outcome.c -- recording what became of each command: counts, the
 * expected-failures list, and the lines printed for failures and skips.
 */
#include "script.h"

#include <stdarg.h>
#include <stdio.h>

/* "<name>:<line>: <kind> <what>: " then the detail. */
static void print_line(spec_script *s, const char *detail)
{
    fprintf(s->out, "%s:%lu: %s%s%s: %s\n", s->name, s->line, s->kind, s->what.len ? " " : "",
            s->what.text, detail);
}

static spec_xfail_entry *entry(spec_script *s)
{
    spec_xfail_entry *e = spec_xfail_find(&s->xfail, s->line);
    if (e)
        e->seen = true;
    return e;
}

void spec_pass(spec_script *s)
{
    if (s->done)
        return;
    s->done = true;
    spec_xfail_entry *e = entry(s);
    if (e)
        e->passed = true;
    if (s->is_assertion)
        s->counts->passed++;
}

/* Counts a skip; only an arena skip prints its line (see spec_skip). */
static void record_skip(spec_script *s, spec_skip_reason why, const char *detail)
{
    s->done = true;
    entry(s);
    s->counts->skipped++;
    switch (why) {
    case SPEC_SKIP_TEXT: s->counts->skipped_text++; break;
    case SPEC_SKIP_ARENA: s->counts->skipped_arena++; break;
    case SPEC_SKIP_DEPENDENT: s->counts->skipped_dependent++; break;
    case SPEC_SKIP_NOT_BUILT: s->counts->skipped_not_built++; break;
    }
    /* Text modules are a known gap, counted in the summary; a module
       that does not fit the arena is a fact about this board: say it. */
    if (why == SPEC_SKIP_ARENA)
        print_line(s, detail);
}

void spec_fail(spec_script *s, const char *fmt, ...)
{
    if (s->done)
        return;
    spec_msg detail;
    msg_clear(&detail);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail.text, sizeof detail.text, fmt, ap);
    va_end(ap);
    /* A memory or table of this module could not grow for lack of arena
       room, where the script expects it to, or a module that would have
       written to its state was skipped (no room, or a group this build
       leaves out): its state is no longer the script's, so what fails from
       here on was not a fair test.  It neither passes nor fails. */
    spec_skip_reason why;
    if (s->target && spec_module_diverged(s, s->target, &why)) {
        spec_msg m;
        msg_clear(&m);
        msg_add(&m, "%s: %s",
                why == SPEC_SKIP_NOT_BUILT
                    ? "not in this build (a module sharing its state was skipped)"
                    : "arena too small (a memory or table could not grow)",
                detail.text);
        record_skip(s, why, m.text);
        return;
    }
    s->done = true;
    spec_xfail_entry *e = entry(s);
    if (e) {
        e->failed = true;
        s->counts->expected_failures++;
        return;
    }
    s->counts->failed++;
    print_line(s, detail.text);
}

void spec_skip(spec_script *s, spec_skip_reason why, const char *fmt, ...)
{
    if (s->done)
        return;
    spec_msg detail;
    msg_clear(&detail);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail.text, sizeof detail.text, fmt, ap);
    va_end(ap);
    record_skip(s, why, detail.text);
}

void spec_note(spec_script *s, const char *fmt, ...)
{
    spec_msg detail;
    msg_clear(&detail);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail.text, sizeof detail.text, fmt, ap);
    va_end(ap);
    print_line(s, detail.text);
}
