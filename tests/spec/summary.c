/* summary.c -- the per-script summary line and result file; see runner.h. */
#include "runner.h"

/* Appends ", N what" (or "N what" first) when n is not zero. */
static void part(FILE *out, bool *first, unsigned long n, const char *what)
{
    if (n == 0)
        return;
    fprintf(out, "%s%lu %s", *first ? "" : ", ", n, what);
    *first = false;
}

void spec_print_summary(FILE *out, const char *name, const spec_counts *c)
{
    fprintf(out, "%s: %lu passed, %lu failed, %lu skipped", name, c->passed, c->failed, c->skipped);
    if (c->expected_failures || c->stale || c->skipped) {
        bool first = true;
        fprintf(out, " (");
        part(out, &first, c->expected_failures, "expected failures");
        part(out, &first, c->stale, "stale expected failures");
        if (c->skipped) {
            fprintf(out, "%sskipped: ", first ? "" : "; ");
            first = true;
            part(out, &first, c->skipped_text, "text");
            part(out, &first, c->skipped_arena, "arena too small");
            part(out, &first, c->skipped_dependent, "dependent");
            part(out, &first, c->skipped_not_built, "not in this build");
        }
        fprintf(out, ")");
    }
    fprintf(out, "\n");
}

bool spec_write_result(const char *path, const char *name, const spec_counts *c)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return false;
    fprintf(f, "%s %lu %lu %lu %lu %lu %lu\n", name, c->passed, c->failed, c->skipped,
            c->expected_failures, c->stale, c->skipped_arena);
    return fclose(f) == 0;
}
