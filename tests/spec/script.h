/*
 * script.h -- the runner's internal state while one script runs, shared by
 * the files that implement the commands.
 */
#ifndef MOTE_SPEC_SCRIPT_H
#define MOTE_SPEC_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include <mote/mote.h>

#include "json.h"
#include "msg.h"
#include "runner.h"
#include "value.h"
#include "xfail.h"

/* ---- modules ------------------------------------------------------------- */

typedef enum spec_module_state {
    SPEC_MODULE_READY,  /* loaded and instantiated */
    SPEC_MODULE_FAILED, /* a module command failed: dependents fail */
    SPEC_MODULE_SKIPPED /* did not fit: dependents are skipped */
} spec_module_state;

/* Whether a module's state (or spectest's) still follows the script's, and
 * if not why: a module that would have written it was skipped.  Ordered:
 * a skip for a group this build leaves out outweighs one for room. */
typedef enum spec_divergence {
    SPEC_SAME,              /* as the script has it */
    SPEC_DIVERGED_ROOM,     /* a writer was skipped for lack of room */
    SPEC_DIVERGED_NOT_BUILT /* a writer needs a group not in this build */
} spec_divergence;

typedef struct spec_module spec_module;
struct spec_module {
    spec_module *next; /* all live records of the script */
    char *name;        /* "$M" from the script, or NULL */
    size_t name_len;
    unsigned long line;
    spec_module_state state;
    /*
     * What must outlive the module's time as the current module:
     * keep_record -- named or registered: later commands reach it by name;
     * keep_arena  -- its instantiation got objects others share (exports of
     *                a registered instance, the spectest table) and it can
     *                make references to its own functions (makes_refs: it
     *                has an element section, see peek.h), so it may have
     *                stored them where other instances will call them, even
     *                if instantiation failed.
     * A record with neither is freed when the next module replaces it.
     */
    bool keep_record;
    bool keep_arena;
    bool makes_refs;
    unsigned char *wasm; /* must outlive the module (read in place) */
    size_t wasm_len;
    void *arena_buf;
    size_t arena_bytes;
    mote_arena *arena;
    mote_module *module;
    mote_instance *inst;
    mote_import *imports; /* kept while the instance lives */
    char *import_names;
    /*
     * Where its imports came from, to tell whether its state still follows
     * the specification's (spec_module_diverged): the registered records
     * (they live to the end of the script) and whether spectest's objects.
     */
    spec_module **sources;
    size_t num_sources;
    bool uses_spectest;
    spec_divergence diverged; /* whether a module importing from it was
                                 skipped, and why (see modules.c) */
    bool no_room;             /* skipped for lack of room, or because a
                                 module it imports from was */
    bool not_built;           /* skipped because this build leaves out a group it
                                 needs (MOTE_WITH_<GROUP>), or because a module it
                                 imports from was */
};

typedef struct spec_registration spec_registration;
struct spec_registration {
    spec_registration *next;
    char *as;
    size_t as_len;
    spec_module *module;
};

/* The spectest host module, created on first use. */
typedef struct spec_host {
    bool tried;
    mote_status status; /* of creating it */
    spec_msg error;
    void *arena_buf;
    mote_arena *arena;
    mote_memory *memory;
    mote_table *table, *table64;
    mote_global *global_i32, *global_i64, *global_f32, *global_f64;
} spec_host;

/* ---- the script ---------------------------------------------------------- */

typedef enum spec_skip_reason {
    SPEC_SKIP_TEXT,
    SPEC_SKIP_ARENA,
    SPEC_SKIP_DEPENDENT,
    SPEC_SKIP_NOT_BUILT
} spec_skip_reason;

typedef struct spec_script {
    const spec_config *cfg;
    FILE *out;
    const char *path; /* of the JSON file */
    const char *name;
    spec_counts *counts;
    spec_xfail xfail;
    json_pool pool; /* the current command's tree */

    spec_module *modules;
    spec_module *current; /* the last module command's record */
    spec_module *target;  /* the record the current command runs code
                             in (instantiation or action), or NULL */
    void *spare_arena;    /* one freed arena kept for the next module */
    size_t spare_bytes;
    spec_registration *registry;
    spec_host host;
    spec_divergence host_diverged; /* the same for spectest's objects */

    /* the command being run */
    const json_node *cmd;
    unsigned long line;
    const char *kind; /* "assert_return", ... */
    bool is_assertion;
    bool done;     /* its outcome was recorded */
    spec_msg what; /* e.g. invoke "add"(i32:1, i32:2) */
} spec_script;

/* ---- outcomes: each command records exactly one (outcome.c) ---------------- */

void spec_pass(spec_script *s);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void spec_fail(spec_script *s, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void spec_skip(spec_script *s, spec_skip_reason why, const char *fmt, ...);
/* Prints a line about the current command that is not an outcome. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void spec_note(spec_script *s, const char *fmt, ...);

/* ---- modules (modules.c) --------------------------------------------------- */

/* What became of loading a module file, for the commands to judge. */
typedef enum spec_stage {
    SPEC_STAGE_IO,          /* the .wasm file could not be read */
    SPEC_STAGE_ARENA,       /* no memory for the arena: skip */
    SPEC_STAGE_LOAD,        /* mote_load() failed: see status, error */
    SPEC_STAGE_LINK,        /* an import's module was skipped: skip */
    SPEC_STAGE_INSTANTIATE, /* mote_instantiate() failed: see status, error */
    SPEC_STAGE_DONE         /* loaded (and instantiated if asked) */
} spec_stage;

typedef struct spec_loaded {
    spec_module *module;
    spec_stage stage;
    mote_status status;      /* of the stage that failed, or MOTE_OK */
    const mote_error *error; /* valid until the module is released */
    spec_skip_reason skip;   /* for ARENA and LINK */
    spec_msg why;            /* for IO, ARENA and LINK */
} spec_loaded;

/*
 * Reads the script's module file `filename` into a new record with its own
 * arena, loads it and, if `instantiate`, links and instantiates it.
 */
void spec_module_open(spec_script *s, const json_node *filename, bool instantiate,
                      spec_loaded *out);
/*
 * Called when a record stops being the current module (or, for assert_*
 * modules, right after use): frees what nothing can reach any more, by the
 * keep_record/keep_arena rule, unless the config keeps everything.
 */
void spec_module_release(spec_script *s, spec_module *m);
/* A record with no module, standing for one that was skipped or failed. */
spec_module *spec_module_placeholder(spec_script *s, spec_module_state state);
/* The configs every load and instantiation of the script uses. */
mote_load_config spec_load_config(const spec_script *s);
mote_instance_config spec_instance_config(const spec_script *s);

/* ---- arenas (arenas.c) ------------------------------------------------------ */

/* Memory for an arena, and giving it back (cfg->arena_alloc or malloc). */
void *spec_arena_alloc(const spec_script *s, size_t bytes);
void spec_arena_free(const spec_script *s, void *buf);
/*
 * The arena buffer for module m, whose wasm is read; *size gets its size.
 * NULL if there is no memory for it (a board's: the module is skipped).
 */
void *spec_arena_for(spec_script *s, const spec_module *m, size_t *size);
/* Gives back an arena buffer of `size` bytes (NULL: nothing); it may be
   kept for the next module. */
void spec_arena_give(spec_script *s, void *buf, size_t size);
/* Frees the buffer kept, if any: the end of the script. */
void spec_arena_drop_spare(spec_script *s);

/* Frees the arena and bytes of a record that has no instance, unless kept. */
void spec_module_trim(spec_script *s, spec_module *m);
/*
 * True when m's state may differ from what the script expects because the
 * board ran out of room or the build leaves out a group: a memory.grow or
 * table.grow was refused for lack of arena room (mote_arena_grow_refusals)
 * in m's arena or in that of a module (or spectest) m imports from, or a
 * module that imports from m (or from those) was skipped, so its segments
 * and start function never ran on them.  A failure of a command on m then
 * counts as skipped, not failed: *why says whether for lack of room
 * (SPEC_SKIP_ARENA) or for the build (SPEC_SKIP_NOT_BUILT).  Never with
 * every group built on the host, where every script fits.
 */
bool spec_module_diverged(const spec_script *s, const spec_module *m, spec_skip_reason *why);
/* Frees every record and registration; the end of the script. */
void spec_modules_free_all(spec_script *s);

/* ---- finding modules (registry.c) ------------------------------------------ */

/* The record a command names ("module": "$M"), or the current one; NULL if none. */
spec_module *spec_module_find(spec_script *s, const json_node *name);
/* The most recent registration under that name, or NULL. */
spec_registration *spec_registry_find(spec_script *s, const char *as, size_t as_len);
/* Registers m under `as` (m is then kept to the end); false if out of memory. */
bool spec_register(spec_script *s, spec_module *m, const char *as, size_t as_len);
/* How to count a command skipped because it needs skipped record m: as
   arena too small if m was skipped for lack of room, else as dependent. */
spec_skip_reason spec_skip_dependent(const spec_module *m);
/* Describes why a record is unusable, for messages. */
void spec_module_describe(spec_script *s, const spec_module *m, spec_msg *out);

/* ---- linking (link.c) and spectest (spectest.c) ---------------------------- */

typedef enum spec_link {
    SPEC_LINK_OK,
    SPEC_LINK_SKIP, /* needs a skipped module or a spectest that did not fit */
    SPEC_LINK_NO_HOST_MEMORY
} spec_link;

/*
 * Builds m->imports for m's import list: from registered instances' exports
 * and from spectest; imports nothing offers are left out, so the core
 * reports them as unknown.  Sets m->pinned when the rule in spec_module
 * says so.  On SPEC_LINK_SKIP, why says what was missing.
 */
spec_link spec_link_imports(spec_script *s, spec_module *m, size_t *count, spec_skip_reason *skip,
                            spec_msg *why);

/* The spectest export `name` as an import entry; false if there is none. */
bool spec_host_import(spec_script *s, const char *name, size_t len, mote_import *out,
                      bool *is_table);
/* Creates spectest on first use; false (with s->host.status) if it failed. */
bool spec_host_ready(spec_script *s);
void spec_host_free(spec_script *s);

/* ---- actions (action.c) ---------------------------------------------------- */

typedef enum spec_act {
    SPEC_ACT_RETURNED,
    SPEC_ACT_TRAPPED,
    SPEC_ACT_THREW, /* an exception nothing caught (MOTE_EXCEPTION) */
    SPEC_ACT_DONE   /* the outcome is already recorded (a failure or skip) */
} spec_act;

typedef struct spec_action_result {
    uint32_t count;
    const mote_valtype *types;
    mote_value *values;       /* in the command's pool */
    mote_valtype global_type; /* storage for `types` of a get */
    const mote_error *error;  /* when trapped */
} spec_action_result;

/* Runs an "action" object (invoke or get); fills s->what with its description. */
spec_act spec_run_action(spec_script *s, const json_node *action, spec_action_result *res);
/* A value of a script ({"type": ..., "value": ...}, v128 lanes included). */
spec_parse spec_value_from_json(const json_node *node, spec_value *out);
/* "(i32:1, f32:0x3f800000 (1))" into out. */
void spec_describe_results(const spec_action_result *res, spec_msg *out);
/* The spec wording of a trap (see trap_text.h), for matching and messages. */
const char *spec_trap_wording(const mote_error *error);

/* ---- commands (commands.c, assert_module.c) -------------------------------- */

void spec_cmd_module(spec_script *s);
void spec_cmd_register(spec_script *s);
void spec_cmd_action(spec_script *s);
void spec_cmd_assert_return(spec_script *s);
void spec_cmd_assert_trap(spec_script *s);
void spec_cmd_assert_exception(spec_script *s);
void spec_cmd_assert_module(spec_script *s);

#endif
