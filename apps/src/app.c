/*
 * app.c -- one app slot: checking a manifest against the board and the
 * other apps, laying out the slot's RAM, loading and instantiating, and
 * running one slice of the app's code.
 *
 * The slot's RAM: [mailbox][arena ................................]
 * (the manifest's RAM, at most the slot's; the arena holds the module,
 * the instance, its stacks and its linear memory).
 *
 * A command runs _start.  A reactor runs _initialize and mote_on_start
 * (when exported), then one mote_on_event call per event.  Every call
 * runs in slices: WASI-lite is in cooperative mode, so a wait pauses the
 * call (MOTE_PAUSED, mote_wasi_waiting) instead of sleeping the CPU, and
 * the call is resumed when mote_wasi_ready() says it can go on.
 */
#include <string.h>

#include "internal.h"

enum { PHASE_COMMAND, PHASE_INIT, PHASE_ON_START, PHASE_EVENTS };

/* ---- the manifest against the board and the others ------------------------ */

static bool refuse(mote_app *app, at_text *why)
{
    ap_end(app, MOTE_APP_END_MANIFEST, 0, why->buf);
    return false;
}

/* The first bit set in both masks, or -1. */
static int common_bit(uint64_t a, uint64_t b)
{
    uint64_t both = a & b;
    for (int i = 0; i < 64; i++)
        if (both >> i & 1u)
            return i;
    return -1;
}

static bool check_grants(mote_app *app)
{
    const mote_manifest *m = &app->manifest;
    const mote_apps_config *cfg = &app->set->cfg;
    char reason[96];
    at_text why = at_begin(reason, sizeof reason);
    if (m->ram > app->ram_size) {
        at_str(&why, "manifest asks ram ");
        at_u64(&why, m->ram);
        at_str(&why, ", the slot has ");
        at_u64(&why, app->ram_size);
        return refuse(app, &why);
    }
    int pin = common_bit(m->pins, cfg->reserved_pins);
    int uart = common_bit(m->uarts, cfg->reserved_uarts);
    if (pin >= 0 || uart >= 0) {
        at_str(&why, pin >= 0 ? "manifest grants pin " : "manifest grants uart ");
        at_u64(&why, (uint64_t)(pin >= 0 ? pin : uart));
        at_str(&why, ", which the firmware keeps");
        return refuse(app, &why);
    }
    for (uint32_t i = 0; i < app->set->count; i++) {
        const mote_app *other = app->set->app[i];
        if (other == app || other->state != MOTE_APP_RUNNING)
            continue;
        pin = common_bit(m->pins, other->manifest.pins);
        uart = common_bit(m->uarts, other->manifest.uarts);
        bool same_name = strcmp(m->name, other->manifest.name) == 0;
        if (pin < 0 && uart < 0 && !same_name)
            continue;
        if (same_name)
            at_str(&why, "an app of that name runs in another slot");
        else {
            at_str(&why, pin >= 0 ? "pin " : "uart ");
            at_u64(&why, (uint64_t)(pin >= 0 ? pin : uart));
            at_str(&why, " is granted to '");
            at_str(&why, other->manifest.name);
            at_str(&why, "' already");
        }
        return refuse(app, &why);
    }
    return true;
}

/* ---- starting ------------------------------------------------------------- */

static void wasi_config(mote_app *app, mote_wasi_config *c, size_t mailbox_bytes)
{
    const mote_manifest *m = &app->manifest;
    const mote_apps_config *cfg = &app->set->cfg;
    mote_wasi_config_init(c);
    c->name = m->name;
    c->argv = app->argv;
    c->argc = app->argc;
    c->envp = app->envp;
    c->envc = app->envc;
    c->pins = m->pins;
    c->pins_input_only = m->pins & ~m->pins_out;
    c->max_timers = m->timers;
    c->uarts = m->uarts;
    for (uint32_t i = 0; i < m->send_count; i++)
        app->send_to[i] = m->send[i];
    c->send_to = app->send_to;
    c->send_to_count = m->send_count;
    c->mailbox = NULL;
    if (mailbox_bytes > 0 &&
        mote_wasi_mailbox_init(&app->mailbox, app->ram, mailbox_bytes, m->mailbox_slots,
                               m->mailbox_msg_max, 0) == MOTE_OK)
        c->mailbox = &app->mailbox;
    c->hub = &app->set->hub;
    c->cooperative = true;
    c->on_wake = ap_on_wake;
    c->wake_user = app;
    c->instance.value_stack_bytes = m->value_stack ? m->value_stack : cfg->value_stack;
    c->instance.call_stack_bytes = m->call_stack ? m->call_stack : cfg->call_stack;
    c->instance.memory_cap = m->memory_cap;
}

/* How many running apps (and the one starting) may message app. */
static uint32_t senders_of(const mote_app *app, const mote_app *starting)
{
    uint32_t senders = 0;
    for (uint32_t i = 0; i < app->set->count; i++) {
        const mote_app *o = app->set->app[i];
        if (o->state != MOTE_APP_RUNNING && o != starting)
            continue;
        for (uint32_t k = 0; k < o->manifest.send_count; k++)
            if (strcmp(o->manifest.send[k], app->manifest.name) == 0)
                senders++;
    }
    return senders;
}

void ap_update_shares(mote_apps *set, const mote_app *starting)
{
    for (uint32_t i = 0; i < set->count; i++) {
        mote_app *a = set->app[i];
        if ((a->state != MOTE_APP_RUNNING && a != starting) || a->wasi.cfg.mailbox == NULL)
            continue;
        uint32_t senders = senders_of(a, starting);
        uint32_t slots = a->manifest.mailbox_slots;
        uint32_t share = senders <= 1 ? slots : slots / senders;
        mote_wasi_mailbox_set_share(&a->mailbox, share > 0 ? share : 1);
    }
}

/* The manifest's files: the firmware's hook, or a note that there are none
 * on this firmware.  False after ap_end. */
static bool give_files(mote_app *app, mote_wasi_config *c)
{
    const mote_apps_config *cfg = &app->set->cfg;
    char line[96];
    at_text t = at_begin(line, sizeof line);
    at_str(&t, "files ");
    at_str(&t, app->manifest.files_dir);
    if (cfg->files == NULL) {
        at_str(&t, " granted, but this firmware has no file system: none given");
        ap_report(app, line);
        return true;
    }
    if (cfg->files(app, &app->manifest, c, cfg->user))
        return true;
    at_str(&t, ": the firmware could not give them");
    ap_end(app, MOTE_APP_END_MANIFEST, 0, line);
    return false;
}

/* Loads and instantiates into a fresh arena; false after ap_end. */
static bool load(mote_app *app, const mote_wasi_config *c, size_t arena_off)
{
    app->arena = mote_arena_init(app->ram + arena_off, app->manifest.ram - arena_off);
    if (app->arena == NULL) {
        ap_end(app, MOTE_APP_END_NO_MEMORY, 0, "no room for an arena after the mailbox");
        return false;
    }
    mote_status st = mote_load(app->arena, app->wasm, app->wasm_len, NULL, &app->module);
    if (st == MOTE_OK)
        st = mote_wasi_instantiate(&app->wasi, app->arena, app->module, &c->instance, &app->inst);
    if (st == MOTE_OK)
        return true;
    const char *msg = mote_arena_error(app->arena)->message;
    if (st == MOTE_ERR_LIMIT && mote_arena_error(app->arena)->status != st)
        msg = "more WASI-lite imports than MOTE_WASI_MAX_IMPORTS";
    mote_app_end end = st == MOTE_ERR_NO_MEMORY ? MOTE_APP_END_NO_MEMORY
                       : st == MOTE_TRAP        ? MOTE_APP_END_TRAP
                                                : MOTE_APP_END_LOAD;
    app->inst = NULL;
    ap_end(app, end, 0, msg);
    return false;
}

mote_status ap_launch(mote_app *app)
{
    const mote_manifest *m = &app->manifest;
    app->starting = true;               /* its task (RTOS) waits for the load */
    app->state = MOTE_APP_RUNNING;      /* so that a failure below ends it */
    app->end = MOTE_APP_END_NONE;
    app->exit_code = 0;
    app->module = NULL;
    app->inst = NULL;
    app->arena = NULL;
    if (!check_grants(app))
        return MOTE_ERR_ARGUMENT;
    size_t mailbox = m->mailbox_slots > 0
                         ? MOTE_WASI_MAILBOX_BYTES(m->mailbox_slots, m->mailbox_msg_max) : 0;
    mote_wasi_config c;
    wasi_config(app, &c, mailbox);
    if (m->has_files && !give_files(app, &c))
        return MOTE_ERR_ARGUMENT;
    mote_status st = mote_wasi_init(&app->wasi, &c);
    if (st == MOTE_ERR_UNSUPPORTED) {
        ap_end(app, MOTE_APP_END_MANIFEST, 0,
               "WASI-lite was built without what the app needs: several apps "
               "(MOTE_WASI_APPS) or files (MOTE_WASI_FILES)");
        return st;
    }
    if (st != MOTE_OK) {
        ap_end(app, MOTE_APP_END_MANIFEST, 0, "WASI-lite refused the configuration");
        return MOTE_ERR_ARGUMENT;
    }
    app->ctx_live = true;
    ap_update_shares(app->set, app);
    if (!load(app, &c, (mailbox + 7u) & ~(size_t)7u))
        return MOTE_ERR_ARGUMENT;
    bool command = mote_export_func(app->inst, "_start") != NULL;
    if (!command && mote_export_func(app->inst, "mote_on_event") == NULL) {
        ap_end(app, MOTE_APP_END_LOAD, 0, "the module exports neither _start nor mote_on_event");
        return MOTE_ERR_NOT_FOUND;
    }
    app->phase = command ? PHASE_COMMAND : PHASE_INIT;
    app->in_call = false;
    app->waiting = false;
    app->woken = true;
    app->priority = (uint8_t)m->priority;
    app->budget_us = (uint32_t)((uint64_t)app->set->cfg.window_us * m->cpu_share / 100u);
    app->window_used_us = 0;
    uint32_t watchdog = m->has_cpu ? m->watchdog_ms : app->set->cfg.watchdog_ms;
    app->watchdog_us = (uint64_t)watchdog * 1000u;
    app->run_us = 0;
    uint32_t restarts = app->stats.restarts + (app->stats.started_us != 0 || app->stats.slices);
    memset(&app->stats, 0, sizeof app->stats);
    app->stats.restarts = restarts;
    app->stats.started_us = mote_hal_time_us();
    ap_collect(app);
    char line[128];
    at_text t = at_begin(line, sizeof line);
    at_str(&t, "started (module ");
    at_u64(&t, app->stats.module_bytes);
    at_str(&t, " + instance ");
    at_u64(&t, app->stats.arena_used - app->stats.module_bytes);
    at_str(&t, " of a ");
    at_u64(&t, app->stats.arena_size);
    at_str(&t, "-byte arena");
    if (mailbox > 0) {
        at_str(&t, ", mailbox ");
        at_u64(&t, mailbox);
    }
    at_str(&t, ")");
    ap_report(app, line);
    app->starting = false;
    ap_on_wake(&app->wasi, app);        /* run it */
    return MOTE_OK;
}

mote_status mote_app_start(mote_app *app, const uint8_t *wasm, size_t len,
                           const mote_manifest *m)
{
    if (app == NULL || app->set == NULL || m == NULL || wasm == NULL)
        return MOTE_ERR_ARGUMENT;
    if (app->state == MOTE_APP_RUNNING)
        return MOTE_ERR_STATE;
    app->manifest = *m;
    app->wasm = wasm;
    app->wasm_len = len;
    return ap_launch(app);
}

mote_status mote_app_start_signed(mote_app *app, const uint8_t *wasm, size_t len,
                                  const uint8_t *manifest, size_t manifest_len)
{
    if (app == NULL || app->set == NULL || wasm == NULL)
        return MOTE_ERR_ARGUMENT;
    if (app->state == MOTE_APP_RUNNING)
        return MOTE_ERR_STATE;
    mote_manifest m;
    mote_manifest_error err;
    if (manifest == NULL || !mote_manifest_parse(manifest, manifest_len, &m, &err)) {
        if (manifest == NULL)
            strcpy(err.text, "the bundle carries no manifest");
        strcpy(app->manifest.name, "?");
        app->state = MOTE_APP_RUNNING;
        app->inst = NULL;
        app->arena = NULL;
        ap_end(app, MOTE_APP_END_MANIFEST, 0, err.text);   /* "?: failed: manifest: ..." */
        return MOTE_ERR_ARGUMENT;
    }
    return mote_app_start(app, wasm, len, &m);
}

void mote_app_stop(mote_app *app)
{
    if (app->set->rtos_stop != NULL && app->set->rtos_stop(app))
        return;                         /* its task ended it */
    if (app->state == MOTE_APP_RUNNING)
        ap_end(app, MOTE_APP_END_STOPPED, 0, NULL);
    app->state = MOTE_APP_EMPTY;
}

mote_status mote_app_restart(mote_app *app)
{
    if (app->wasm == NULL)
        return MOTE_ERR_STATE;
    mote_app_stop(app);
    return ap_launch(app);
}

/* ---- running a slice -------------------------------------------------------- */

/* The call a new slice starts, or NULL when a reactor has no event (then
 * *idle) or a phase's optional export is missing (the phase is skipped). */
static mote_func *next_call(mote_app *app, size_t *nargs, bool *idle)
{
    *nargs = 0;
    *idle = false;
    switch (app->phase) {
    case PHASE_COMMAND: return mote_export_func(app->inst, "_start");
    case PHASE_INIT: return mote_export_func(app->inst, "_initialize");
    case PHASE_ON_START: return mote_export_func(app->inst, "mote_on_start");
    default:
        if (!mote_wasi_next_event(&app->wasi, app->event)) {
            *idle = true;
            return NULL;
        }
        *nargs = 3;
        return mote_export_func(app->inst, "mote_on_event");
    }
}

/* A call returned: the next phase, or the app's end. */
static ap_outcome returned(mote_app *app)
{
    app->in_call = false;
    switch (app->phase) {
    case PHASE_COMMAND:
        ap_end(app, MOTE_APP_END_EXIT, 0, NULL);
        return AP_ENDED;
    case PHASE_INIT:
    case PHASE_ON_START:
        app->phase++;
        return AP_RAN;
    default:
        return AP_HANDLED;
    }
}

ap_outcome ap_step(mote_app *app, int64_t fuel, int64_t *fuel_used)
{
    mote_status st;
    mote_set_fuel(app->inst, fuel);
    *fuel_used = 0;
    if (app->in_call) {
        st = mote_resume(app->inst);
    } else {
        size_t nargs;
        bool idle;
        mote_func *f = next_call(app, &nargs, &idle);
        if (f == NULL) {
            if (!idle)
                app->phase++;
            return idle ? AP_HANDLED : AP_RAN;
        }
        const mote_valtype *p, *r;
        uint32_t np, nr;
        mote_func_type(f, &p, &np, &r, &nr);
        if (np != nargs || nr > 1) {
            ap_end(app, MOTE_APP_END_LOAD, 0, "an entry point has the wrong type");
            return AP_ENDED;
        }
        app->in_call = true;
        st = mote_call(app->inst, f, app->event, nargs, app->results, nr);
    }
    int64_t left = mote_get_fuel(app->inst);
    *fuel_used = left >= 0 && left <= fuel ? fuel - left : fuel;
    switch (st) {
    case MOTE_PAUSED:
        app->waiting = mote_wasi_waiting(&app->wasi);
        return app->waiting ? AP_WAITING : AP_RAN;
    case MOTE_OK:
        return returned(app);
    case MOTE_EXIT:
        app->in_call = false;
        ap_end(app, MOTE_APP_END_EXIT, mote_exit_code(app->inst), NULL);
        return AP_ENDED;
    case MOTE_TRAP:
        ap_end(app, MOTE_APP_END_TRAP, 0, mote_arena_error(app->arena)->message);
        return AP_ENDED;
    default:
        ap_end(app, MOTE_APP_END_LOAD, 0, mote_status_name(st));
        return AP_ENDED;
    }
}

bool ap_ready(mote_app *app)
{
    if (app->state != MOTE_APP_RUNNING)
        return false;
    if (!app->in_call && app->phase != PHASE_EVENTS)
        return true;                    /* a call to begin */
    if (mote_wasi_ready(&app->wasi))
        return true;
    if (!app->in_call && !mote_wasi_can_wake(&app->wasi)) {
        ap_end(app, MOTE_APP_END_EXIT, 0, "nothing left to wait for");
        return false;
    }
    return false;
}

void ap_account(mote_app *app, ap_outcome outcome, uint64_t dt_us)
{
    mote_app_stats *s = &app->stats;
    s->slices++;
    s->cpu_us += dt_us;
    app->window_used_us = app->window_used_us + dt_us > UINT32_MAX
                              ? UINT32_MAX : (uint32_t)(app->window_used_us + dt_us);
    app->run_us += dt_us;
    if (app->run_us > s->longest_run_us)
        s->longest_run_us = app->run_us;
    if (outcome == AP_WAITING || outcome == AP_HANDLED || outcome == AP_ENDED) {
        app->run_us = 0;
        return;
    }
    if (app->watchdog_us != 0 && app->run_us > app->watchdog_us) {
        char line[96];
        at_text t = at_begin(line, sizeof line);
        at_str(&t, "ran ");
        at_ms(&t, app->run_us);
        at_str(&t, " without waiting (watchdog ");
        at_ms(&t, app->watchdog_us);
        at_str(&t, ")");
        ap_end(app, MOTE_APP_END_WATCHDOG, 0, line);
    }
}

int ap_rank(const mote_app *app)
{
    bool over = app->budget_us < app->set->cfg.window_us && app->window_used_us >= app->budget_us;
    return over ? 0 : app->priority + 1;
}

/* ---- queries ------------------------------------------------------------ */

mote_app_state mote_app_state_of(const mote_app *app)
{
    return app->state;
}

mote_app_end mote_app_end_of(const mote_app *app)
{
    return app->end;
}

int32_t mote_app_exit_code(const mote_app *app)
{
    return app->exit_code;
}

const char *mote_app_name(const mote_app *app)
{
    return app->manifest.name;
}

const mote_manifest *mote_app_manifest(const mote_app *app)
{
    return &app->manifest;
}
