/* options.c -- mote-spec's command line; see options.h. */
#include "options.h"

#include <mote/mote.h>

#include <string.h>

const char spec_usage[] =
    "usage: mote-spec [--arena BYTES] [--fit-arena HEADROOM] [--spectest-arena BYTES]\n"
    "                 [--value-stack BYTES] [--call-stack BYTES] [--json-pool BYTES]\n"
    "                 [--expected-failures FILE] [--name NAME] [--features LIST]\n"
    "                 [--keep-all] [--not-built-ok] [--result-file FILE] [--region BYTES] "
    "file.json\n";

static bool parse_bytes(const char *s, size_t *out)
{
    size_t v = 0;
    if (*s == '\0')
        return false;
    for (; *s >= '0' && *s <= '9'; s++) {
        size_t d = (size_t)(*s - '0');
        if (v > ((size_t)-1 - d) / 10)
            return false;
        v = v * 10 + d;
    }
    unsigned shift = 0;
    if (*s == 'K' || *s == 'k')
        shift = 10;
    else if (*s == 'M' || *s == 'm')
        shift = 20;
    else if (*s == 'G' || *s == 'g')
        shift = 30;
    if (shift)
        s++;
    if (*s != '\0' || v > ((size_t)-1 >> shift))
        return false;
    *out = v << shift;
    return *out > 0;
}

static bool parse_u32_bytes(const char *s, uint32_t *out)
{
    size_t v;
    if (!parse_bytes(s, &v) || v > UINT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

static bool parse_features(const char *list, uint32_t *out)
{
    static const struct {
        const char *name;
        uint32_t bit;
    } names[] = {
        {"tail-call", MOTE_FEATURE_TAIL_CALL},
        {"extended-const", MOTE_FEATURE_EXTENDED_CONST},
        {"custom-page-sizes", MOTE_FEATURE_CUSTOM_PAGE_SIZES},
        {"simd", MOTE_FEATURE_SIMD},
        {"relaxed-simd", MOTE_FEATURE_RELAXED_SIMD},
    };
    if (strcmp(list, "all") == 0) {
        *out = MOTE_FEATURE_ALL;
        return true;
    }
    *out = 0;
    if (strcmp(list, "none") == 0)
        return true;
    while (*list) {
        size_t len = strcspn(list, ",");
        size_t i = 0;
        while (i < sizeof names / sizeof names[0] &&
               !(strlen(names[i].name) == len && strncmp(names[i].name, list, len) == 0))
            i++;
        if (i == sizeof names / sizeof names[0])
            return false;
        *out |= names[i].bit;
        list += len + (list[len] == ',');
    }
    return true;
}

const char *spec_parse_options(int argc, char **argv, spec_options *opts)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes_value = true;
        if (strcmp(a, "--keep-all") == 0) {
            opts->cfg.keep_all = true;
            takes_value = false;
        } else if (strcmp(a, "--not-built-ok") == 0) {
            opts->cfg.not_built_ok = true;
            takes_value = false;
        } else if (a[0] != '-' || a[1] == '\0') {
            if (opts->script)
                return "one script at a time";
            opts->script = a;
            takes_value = false;
        } else if (v == NULL) {
            return "an option lacks its value";
        } else if (strcmp(a, "--arena") == 0) {
            if (!parse_bytes(v, &opts->cfg.arena_bytes))
                return "bad --arena";
        } else if (strcmp(a, "--fit-arena") == 0) {
            opts->cfg.fit_arena = true;
            opts->cfg.fit_headroom_now = NULL; /* the number given wins */
            if (strcmp(v, "0") != 0 && !parse_bytes(v, &opts->cfg.fit_headroom))
                return "bad --fit-arena";
        } else if (strcmp(a, "--value-stack") == 0) {
            if (!parse_u32_bytes(v, &opts->cfg.value_stack_bytes))
                return "bad --value-stack";
        } else if (strcmp(a, "--call-stack") == 0) {
            if (!parse_u32_bytes(v, &opts->cfg.call_stack_bytes))
                return "bad --call-stack";
        } else if (strcmp(a, "--region") == 0) {
            if (!parse_bytes(v, &opts->region_bytes))
                return "bad --region";
        } else if (strcmp(a, "--spectest-arena") == 0) {
            if (!parse_bytes(v, &opts->cfg.spectest_arena_bytes))
                return "bad --spectest-arena";
        } else if (strcmp(a, "--json-pool") == 0) {
            if (!parse_bytes(v, &opts->cfg.json_pool_bytes))
                return "bad --json-pool";
        } else if (strcmp(a, "--expected-failures") == 0) {
            opts->cfg.xfail_path = v;
        } else if (strcmp(a, "--name") == 0) {
            opts->cfg.name = v;
        } else if (strcmp(a, "--features") == 0) {
            if (!parse_features(v, &opts->cfg.features))
                return "bad --features";
        } else if (strcmp(a, "--result-file") == 0) {
            opts->result_file = v;
        } else {
            return "unknown option";
        }
        if (takes_value)
            i++;
    }
    return opts->script ? NULL : "no script given";
}

int spec_run_options(const spec_options *opts)
{
    spec_counts counts;
    bool ok = spec_run_script(&opts->cfg, opts->script, &counts);
    if (opts->result_file) {
        const char *name = opts->cfg.name ? opts->cfg.name : opts->script;
        if (!spec_write_result(opts->result_file, name, &counts)) {
            fprintf(opts->cfg.out ? opts->cfg.out : stdout, "mote-spec: cannot write %s\n",
                    opts->result_file);
            ok = false;
        }
    }
    return ok ? 0 : 1;
}
