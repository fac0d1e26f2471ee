/* The arena a module needs; see sizing.h. */
#include "sizing.h"

#include "scratch.h"
#include "sections.h"

#define MAX_DEFINED 64

mote_limits sizing_own_memory(const mote_module *module, const uint8_t *wasm, size_t len)
{
    mote_limits none = {.page_size = 0};
    for (uint32_t i = 0; i < mote_module_num_imports(module); i++) {
        mote_extern_info info;
        if (mote_module_import(module, i, &info) == MOTE_OK && info.kind == MOTE_EXTERN_MEMORY)
            return none; /* memory 0 is someone else's */
    }
    defined_item items[MAX_DEFINED];
    size_t n = defined_tables_memories(wasm, len, items, MAX_DEFINED);
    for (size_t i = 0; i < n && i < MAX_DEFINED; i++)
        if (items[i].kind == MOTE_EXTERN_MEMORY)
            return items[i].limits;
    return none;
}

static size_t align8(uint64_t n)
{
    return (size_t)((n + 7) & ~(uint64_t)7); /* the arena's alignment */
}

size_t sizing_growth(const mote_limits *memory, uint64_t cap)
{
    if (memory->page_size == 0 || !memory->has_max)
        return 0;
    uint64_t min = memory->min * memory->page_size, max = memory->max * memory->page_size;
    if (cap != 0 && max > cap)
        max = cap > min ? cap : min;
    return align8(max) - align8(min);
}

size_t sizing_grown_total(const mote_needs *n, size_t growth)
{
    size_t stays = n->module_bytes + n->instance_bytes;
    size_t header = n->total - (n->load_peak > stays ? n->load_peak : stays);
    stays += growth;
    return (n->load_peak > stays ? n->load_peak : stays) + header;
}

bool sizing_arena_for(const uint8_t *wasm, size_t len, const mote_instance_config *cfg,
                      size_t *total)
{
    scratch s;
    mote_module *m;
    bool ok = scratch_load(&s, wasm, len, &m) == MOTE_OK;
    if (ok) {
        mote_limits memory = sizing_own_memory(m, wasm, len);
        mote_unload(m);
        mote_needs needs;
        ok = mote_measure(s.arena, wasm, len, NULL, cfg, &needs) == MOTE_OK;
        if (ok)
            *total = sizing_grown_total(&needs, sizing_growth(&memory, cfg->memory_cap));
    }
    scratch_free(&s);
    return ok;
}
