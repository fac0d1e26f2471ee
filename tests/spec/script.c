/*
 * script.c -- running one wast2json script: stream its commands one at a
 * time, dispatch each, then report stale expected failures and the summary.
 */
#include "script.h"
#include "file.h"

#include <stdlib.h>
#include <string.h>

void spec_config_default(spec_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->arena_bytes = SPEC_DEFAULT_ARENA_BYTES;
    cfg->spectest_arena_bytes = SPEC_DEFAULT_SPECTEST_ARENA_BYTES;
    cfg->json_pool_bytes = SPEC_DEFAULT_JSON_POOL_BYTES;
    cfg->read_buffer_bytes = SPEC_DEFAULT_READ_BUFFER_BYTES;
    cfg->features = MOTE_FEATURE_ALL;
}

typedef struct spec_command {
    const char *type;
    void (*run)(spec_script *s);
} spec_command;

static const spec_command commands[] = {
    {"module", spec_cmd_module},
    {"register", spec_cmd_register},
    {"action", spec_cmd_action},
    {"assert_return", spec_cmd_assert_return},
    {"assert_trap", spec_cmd_assert_trap},
    {"assert_exhaustion", spec_cmd_assert_trap},
    {"assert_exception", spec_cmd_assert_exception},
    {"assert_malformed", spec_cmd_assert_module},
    {"assert_invalid", spec_cmd_assert_module},
    {"assert_unlinkable", spec_cmd_assert_module},
    {"assert_uninstantiable", spec_cmd_assert_module},
};

static void run_command(spec_script *s, const json_node *cmd)
{
    const json_node *type = json_get(cmd, "type");
    s->cmd = cmd;
    s->target = NULL;
    s->done = false;
    s->line = 0;
    msg_clear(&s->what);
    json_uint(json_get(cmd, "line"), &s->line);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (json_is(type, commands[i].type)) {
            s->kind = commands[i].type;
            s->is_assertion = strncmp(s->kind, "assert_", 7) == 0;
            commands[i].run(s);
            if (!s->done)
                spec_fail(s, "internal error: the command recorded no outcome");
            return;
        }
    /* A command this runner does not know must not pass unnoticed. */
    s->kind = "command";
    s->is_assertion = true;
    if (type && type->type == JSON_STRING)
        msg_name(&s->what, type->str, type->len);
    spec_fail(s, "unknown command type");
}

/*
 * Walks {"source_filename": ..., "commands": [...]}; false on a JSON error.
 * *saw_commands tells whether there was a command list at all.
 */
static bool walk(spec_script *s, json_reader *r, bool *saw_commands)
{
    bool first = true;
    int more;
    *saw_commands = false;
    if (!json_open(r, '{'))
        return false;
    while ((more = json_more(r, '}', &first)) == 1) {
        const char *key;
        size_t len;
        json_pool_reset(&s->pool);
        if (!json_key(r, &s->pool, &key, &len))
            return false;
        if (len == 18 && memcmp(key, "mote_unconvertible", 18) == 0) {
            /* convert-head.sh: wast2json could not parse the script */
            json_node *why;
            if (!json_parse(r, &s->pool, &why))
                return false;
            fprintf(s->out, "%s: not converted by wast2json: %.*s\n", s->name,
                    why->type == JSON_STRING ? (int)why->len : 0,
                    why->type == JSON_STRING ? why->str : "");
            continue;
        }
        if (len != 8 || memcmp(key, "commands", 8) != 0) {
            if (!json_skip(r))
                return false;
            continue;
        }
        bool first_cmd = true;
        int more_cmd;
        *saw_commands = true;
        if (!json_open(r, '['))
            return false;
        while ((more_cmd = json_more(r, ']', &first_cmd)) == 1) {
            json_node *cmd;
            json_pool_reset(&s->pool);
            if (!json_parse(r, &s->pool, &cmd))
                return false;
            run_command(s, cmd);
        }
        if (more_cmd < 0)
            return false;
    }
    return more == 0 && json_at_end(r);
}

/* A fatal problem with the script as a whole: one failure, one line. */
static void fatal(spec_script *s, const char *what, const char *detail)
{
    s->counts->failed++;
    fprintf(s->out, "%s: %s%s%s\n", s->name, what, detail ? ": " : "", detail ? detail : "");
}

static void report_stale(spec_script *s)
{
    for (size_t i = 0; i < s->xfail.count; i++) {
        spec_xfail_entry *e = &s->xfail.entries[i];
        if (e->failed || (e->seen && !e->passed))
            continue;
        s->counts->stale++;
        if (e->line == SPEC_XFAIL_ANY)
            fprintf(s->out,
                    "%s:*: expected failure is stale (%s): no command fails now; remove "
                    "it from the list\n",
                    s->name, e->reason);
        else
            fprintf(s->out, "%s:%lu: expected failure is stale (%s): %s; remove it from the list\n",
                    s->name, e->line, e->reason,
                    e->seen ? "it passes now" : "no command at this line");
    }
}

static void run_file(spec_script *s)
{
    FILE *f = fopen(s->path, "rb");
    if (f == NULL) {
        fatal(s, "cannot open", s->path);
        return;
    }
    size_t cap = s->cfg->read_buffer_bytes ? s->cfg->read_buffer_bytes : 512;
    char *window = malloc(cap);
    void *pool = malloc(s->cfg->json_pool_bytes);
    if (window == NULL || pool == NULL) {
        fatal(s, "out of host memory for the JSON reader", NULL);
    } else {
        json_reader r;
        bool saw_commands;
        json_reader_init(&r, spec_stdio_fill, f, window, cap);
        json_pool_init(&s->pool, pool, s->cfg->json_pool_bytes);
        if (!walk(s, &r, &saw_commands))
            fatal(s, "bad script", r.failed ? r.error : "trailing data");
        else if (!saw_commands)
            fatal(s, "bad script", "no \"commands\" list");
    }
    free(window);
    free(pool);
    fclose(f);
}

/* "dir/x.json" -> "x.wast" (malloc'd). */
static char *default_name(const char *path)
{
    const char *base = spec_basename(path);
    size_t len = strlen(base);
    if (len > 5 && strcmp(base + len - 5, ".json") == 0)
        len -= 5;
    char *name = malloc(len + 6);
    if (name) {
        memcpy(name, base, len);
        memcpy(name + len, ".wast", 6);
    }
    return name;
}

bool spec_run_script(const spec_config *cfg, const char *json_path, spec_counts *counts)
{
    spec_script s;
    char *owned_name = cfg->name ? NULL : default_name(json_path);
    memset(&s, 0, sizeof s);
    memset(counts, 0, sizeof *counts);
    s.cfg = cfg;
    s.out = cfg->out ? cfg->out : stdout;
    s.path = json_path;
    s.name = cfg->name ? cfg->name : owned_name ? owned_name : json_path;
    s.counts = counts;
    char err[160];
    if (cfg->xfail_path && !spec_xfail_load(&s.xfail, cfg->xfail_path, s.name, err, sizeof err))
        fatal(&s, "expected-failures list", err);
    else
        run_file(&s);
    report_stale(&s);
    spec_modules_free_all(&s);
    spec_host_free(&s);
    spec_xfail_free(&s.xfail);
    spec_print_summary(s.out, s.name, counts);
    fflush(s.out);
    free(owned_name);
    return counts->failed == 0 && counts->stale == 0;
}
