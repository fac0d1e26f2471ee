/* Module items in words; see describe.h. */
#include "describe.h"

#include <stdarg.h>
#include <string.h>

#include "cli.h"

/* Appends to buf[0..size) at *used, keeping it NUL-terminated. */
static void add(char *buf, size_t size, size_t *used, const char *fmt, ...)
{
    if (*used + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *used, size - *used, fmt, ap);
    va_end(ap);
    if (n > 0)
        *used = *used + (size_t)n < size ? *used + (size_t)n : size - 1;
}

/* "(i32, i64)"; a single result without parentheses. */
static void add_types(char *buf, size_t size, size_t *used, const mote_valtype *types,
                      uint32_t count, bool bare_single)
{
    bool parens = !(bare_single && count == 1);
    add(buf, size, used, parens ? "(" : "");
    for (uint32_t i = 0; i < count; i++)
        add(buf, size, used, "%s%s", i ? ", " : "", mote_valtype_name(types[i]));
    add(buf, size, used, parens ? ")" : "");
}

const char *describe_func_type(const mote_valtype *params, uint32_t num_params,
                               const mote_valtype *results, uint32_t num_results, char *buf,
                               size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    add_types(buf, size, &used, params, num_params, false);
    add(buf, size, &used, " -> ");
    add_types(buf, size, &used, results, num_results, true);
    if (used + 1 >= size && size > 4)
        strcpy(buf + size - 4, "...");
    return buf;
}

const char *describe_kind(mote_extern_kind kind)
{
    static const char *const names[] = {"func", "table", "memory", "global"};
    return (unsigned)kind < 4 ? names[kind] : "?";
}

static const char *plural(uint64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

const char *describe_limits(const mote_extern_info *info, char *buf, size_t size)
{
    const mote_limits *l = &info->limits;
    size_t used = 0;
    char a[32], b[32];
    buf[0] = '\0';
    if (info->kind == MOTE_EXTERN_TABLE) {
        add(buf, size, &used, "%s, %llu %s", mote_valtype_name(info->valtype),
            (unsigned long long)l->min, plural(l->min, "element", "elements"));
        if (l->has_max)
            add(buf, size, &used, ", max %llu", (unsigned long long)l->max);
        return buf;
    }
    uint32_t page = l->page_size != 0 ? l->page_size : 65536;
    if (page == 1) { /* custom-page-sizes: pages are bytes */
        add(buf, size, &used, "%llu bytes (1-byte pages)", (unsigned long long)l->min);
        if (l->has_max)
            add(buf, size, &used, ", max %llu", (unsigned long long)l->max);
    } else {
        add(buf, size, &used, "%llu %s of %s (%s)", (unsigned long long)l->min,
            plural(l->min, "page", "pages"), cli_bytes(page, a), cli_bytes(l->min * page, b));
        if (l->has_max)
            add(buf, size, &used, ", max %llu (%s)", (unsigned long long)l->max,
                cli_bytes(l->max * page, a));
    }
    if (!l->has_max)
        add(buf, size, &used, ", no max");
    return buf;
}

void describe_extern(FILE *out, const mote_extern_info *info, bool with_module)
{
    char type[256];
    switch (info->kind) {
    case MOTE_EXTERN_FUNC:
        describe_func_type(info->params, info->num_params, info->results, info->num_results, type,
                           sizeof type);
        break;
    case MOTE_EXTERN_GLOBAL:
        snprintf(type, sizeof type, "%s%s", info->mutable_ ? "mut " : "",
                 mote_valtype_name(info->valtype));
        break;
    default: describe_limits(info, type, sizeof type);
    }
    fprintf(out, "  %-7s", describe_kind(info->kind));
    if (with_module)
        fprintf(out, "%.*s.", (int)info->module_len, info->module);
    fprintf(out, "%.*s %s\n", (int)info->name_len, info->name, type);
}
