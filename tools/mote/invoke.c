/* `mote run --invoke`; see invoke.h. */
#include "invoke.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "describe.h"
#include "values.h"

/* Runs a call through its pauses. */
static mote_status finish_call(mote_instance *inst, mote_status st, invoke_pause_fn on_pause,
                               void *user)
{
    while (st == MOTE_PAUSED && on_pause(inst, user))
        st = mote_resume(inst);
    return st;
}

/* "a, b, c": the exported functions, for a message. */
static void exported_functions(mote_instance *inst, char *buf, size_t size)
{
    const mote_module *m = mote_instance_module(inst);
    size_t used = 0;
    buf[0] = '\0';
    for (uint32_t i = 0; i < mote_module_num_exports(m) && used + 1 < size; i++) {
        mote_extern_info info;
        if (mote_module_export(m, i, &info) != MOTE_OK || info.kind != MOTE_EXTERN_FUNC)
            continue;
        int n = snprintf(buf + used, size - used, "%s%.*s", used ? ", " : "", (int)info.name_len,
                         info.name);
        used = n > 0 && used + (size_t)n < size ? used + (size_t)n : size - 1;
    }
}

static int parse_args(const char *name, const mote_valtype *params, uint32_t num_params,
                      const mote_valtype *results, uint32_t num_results, char **args, int num_args,
                      mote_value *values)
{
    char type[256];
    if ((uint32_t)num_args != num_params) {
        describe_func_type(params, num_params, results, num_results, type, sizeof type);
        return cli_fail(EXIT_USAGE, "%s %s takes %u argument%s, %d given", name, type, num_params,
                        num_params == 1 ? "" : "s", num_args);
    }
    for (uint32_t i = 0; i < num_params; i++) {
        if (!value_parse(args[i], params[i], &values[i]))
            return cli_fail(EXIT_USAGE, "argument %u of %s, '%s', is not an %s: expected %s", i + 1,
                            name, args[i], mote_valtype_name(params[i]), value_syntax(params[i]));
    }
    return 0;
}

int invoke_export(mote_instance *inst, const char *name, char **args, int num_args,
                  invoke_pause_fn on_pause, void *user, mote_status *st)
{
    *st = MOTE_OK;
    mote_func *f = mote_export_func(inst, name);
    if (f == NULL) {
        char names[512];
        exported_functions(inst, names, sizeof names);
        return cli_fail(EXIT_NO_ENTRY, "the module exports no function '%s' (it exports: %s)", name,
                        names[0] ? names : "no functions");
    }
    const mote_valtype *params, *results;
    uint32_t num_params, num_results;
    mote_func_type(f, &params, &num_params, &results, &num_results);
    mote_value *values = calloc((size_t)num_params + num_results + 1, sizeof *values);
    if (values == NULL)
        return cli_fail(EXIT_SETUP, "out of memory");
    mote_value *out = values + num_params;
    int status = parse_args(name, params, num_params, results, num_results, args, num_args, values);
    mote_func *init = mote_export_func(inst, "_initialize");
    if (status == 0 && init != NULL && init != f)
        *st = finish_call(inst, mote_call(inst, init, NULL, 0, NULL, 0), on_pause, user);
    if (status == 0 && *st == MOTE_OK)
        *st = finish_call(inst, mote_call(inst, f, values, num_params, out, num_results), on_pause,
                          user);
    if (status == 0 && *st == MOTE_OK) {
        for (uint32_t i = 0; i < num_results; i++) {
            char text[48];
            printf("%s\n", value_format(out[i], results[i], text));
        }
    }
    free(values);
    return status;
}
