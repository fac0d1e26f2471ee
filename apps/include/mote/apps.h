/*
 * apps.h -- several Wasm apps on one device, each in its own arena, held
 * to its manifest, and scheduled: on bare metal by the scheduler here, on
 * FreeRTOS as one task per app (mote/apps_rtos.h).
 *
 * The model (docs/apps.md):
 *
 *   app        a module and its instance, stacks and linear memory, all in
 *              the app's own arena, carved from the RAM the firmware gave
 *              its slot (mote_apps_add); plus its WASI-lite context and its
 *              mailbox.  A trap, a runaway loop or a full arena ends that
 *              app only, with a report; the others keep running.
 *   manifest   what the app may do and use (mote/manifest.h): pins, UARTs,
 *              timers, files, RAM, CPU share and priority, whom it may
 *              message.  Checked at start against the board and the other
 *              apps, enforced by WASI-lite while it runs.
 *   scheduler  runs apps in fuel slices (mote_set_fuel), highest priority
 *              first, round robin among equals; an app that waits (sleep,
 *              poll, event_wait, msg_recv) runs again when woken (WASI-lite's
 *              cooperative mode), a higher-priority app that wakes preempts
 *              the running one at its next loop back-edge or call
 *              (mote_interrupt).  Each app may use at most its CPU share of
 *              every window (cfg.window_us) while apps within their share
 *              want the CPU.  When every app waits, the CPU sleeps.
 *   tasks      the firmware's own work on bare metal: C functions the
 *              scheduler calls when they are due or woken, between slices.
 *
 * Life cycle of a slot: add (once) -> start -> [running: slices, waits]
 *   -> exits / fails (report, cfg.on_stop) or mote_app_stop() -> start
 *   again (restart, or another module: an update) ...
 *
 * Threading: on bare metal everything runs on the main thread, except
 * mote_apps_task_wake() (interrupt-safe).  Under FreeRTOS see apps_rtos.h.
 * No allocation: every structure is the firmware's (static storage).
 */
#ifndef MOTE_APPS_H
#define MOTE_APPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mote/manifest.h>
#include <mote/mote.h>
#include <mote/wasi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Apps per set. */
#ifndef MOTE_APPS_MAX
#define MOTE_APPS_MAX 8
#endif

#define MOTE_APPS_NEVER UINT64_MAX

typedef struct mote_apps mote_apps;
typedef struct mote_app mote_app;

/* Where a slot's app is. */
typedef enum mote_app_state {
    MOTE_APP_EMPTY = 0,     /* nothing loaded: never started, or stopped */
    MOTE_APP_RUNNING,       /* loaded: running, runnable or waiting */
    MOTE_APP_EXITED,        /* the app ended by itself (see exit code) */
    MOTE_APP_FAILED         /* ended by a fault (see mote_app_end) */
} mote_app_state;

/* Why an app ended. */
typedef enum mote_app_end {
    MOTE_APP_END_NONE = 0,
    MOTE_APP_END_EXIT,          /* main returned or exit(): the exit code */
    MOTE_APP_END_TRAP,          /* it trapped */
    MOTE_APP_END_WATCHDOG,      /* it ran longer than its watchdog without waiting */
    MOTE_APP_END_NO_MEMORY,     /* its arena cannot hold the module and instance */
    MOTE_APP_END_LOAD,          /* the module is malformed, invalid or unlinkable,
                                   or exports no entry point */
    MOTE_APP_END_MANIFEST,      /* the manifest is malformed, or grants what the
                                   board or the other apps do not allow */
    MOTE_APP_END_STOPPED        /* the firmware stopped it */
} mote_app_end;

/* What an app has used (mote_app_stats). */
typedef struct mote_app_stats {
    uint64_t started_us;        /* when it was last started */
    uint64_t cpu_us;            /* CPU time it used since */
    uint64_t longest_run_us;    /* its longest stretch without waiting */
    uint64_t slices;            /* slices it ran */
    uint64_t wakeups;           /* times a wait of it ended */
    uint32_t restarts;          /* starts of this slot after the first */
    uint32_t denied;            /* calls refused for a missing capability */
    uint32_t events_lost;       /* events dropped by its full queue */
    uint32_t messages_in;       /* messages delivered to its mailbox */
    uint32_t messages_refused;  /* sends to it refused (full, or a sender's share) */
    uint32_t grow_refusals;     /* memory.grow refused because the arena was full */
    size_t arena_size;          /* its arena (the manifest's RAM less the mailbox) */
    size_t arena_used, arena_peak;
    size_t module_bytes;        /* of arena_used, the module */
} mote_app_stats;

/* A report line for the firmware to show or log (cfg.report), without
 * the trailing newline: "logger: started ...", "hostile: stopped: ...". */
typedef void (*mote_apps_report_fn)(mote_app *app, const char *line, void *user);

/* The scheduler's settings (mote_apps_config_init gives the defaults). */
typedef struct mote_apps_config {
    int64_t slice_fuel;         /* fuel per slice: loop iterations and calls
                                   (default 5000) */
    uint32_t window_us;         /* CPU share window (default 100 ms) */
    uint32_t watchdog_ms;       /* for manifests without a cpu line
                                   (default 2000; 0: none) */
    uint32_t value_stack, call_stack;   /* for manifests without a stack line
                                           (default 8 KiB, 2 KiB) */
    uint64_t reserved_pins;     /* pins no manifest may grant (the firmware's) */
    uint32_t reserved_uarts;    /* UARTs no manifest may grant (bit n: UART n;
                                   bit 0: console input) */
    /* Every line the library reports; NULL prints "apps: <line>\n" on the
     * console.  A trap's backtrace follows its line on the console. */
    mote_apps_report_fn report;
    /* An app ended (exited, failed, stopped); the firmware may restart it
     * from here.  Called on the scheduler's thread, outside any slice. */
    void (*on_stop)(mote_app *app, void *user);
    /*
     * The manifest's files grant (a directory, a byte quota, a number of
     * files): the firmware gives the app its directory here, by setting
     * the preopen fields of c (WASI-lite's flash back end confined to
     * m->files_dir with a quota of m->files_bytes and m->files_max: fs/),
     * before the app's context starts.  Return false to refuse the start
     * (reported).  NULL: an app granted files starts without them, and a
     * report says so.
     */
    bool (*files)(mote_app *app, const mote_manifest *m, mote_wasi_config *c, void *user);
    /* Called after every slice with the fuel it used: a simulation whose
     * clock does not move while code runs (the host board's virtual time)
     * advances it here, so that CPU shares and watchdogs work there too. */
    void (*on_slice)(mote_app *app, int64_t fuel_used, void *user);
    void *user;
} mote_apps_config;

/* A firmware task on bare metal (mote_apps_add_task).  Private fields. */
typedef uint64_t (*mote_apps_task_fn)(void *user, uint64_t now_us);
typedef struct mote_apps_task {
    mote_apps_task_fn fn;       /* runs the task; returns when to run it next
                                   (absolute µs), MOTE_APPS_NEVER: when woken */
    void *user;
    uint64_t due_us;
    volatile bool woken;
    struct mote_apps_task *next;
} mote_apps_task;

/* One app slot.  Set argv/envp before mote_app_start() if the app wants
 * arguments; treat the rest as private. */
struct mote_app {
    const char *const *argv;    /* argv[0] is conventionally the app's name */
    uint32_t argc;
    const char *const *envp;
    uint32_t envc;
    /* private */
    mote_apps *set;
    uint8_t *ram;
    size_t ram_size;
    mote_manifest manifest;
    const char *send_to[MOTE_MANIFEST_MAX_SEND];
    mote_wasi wasi;
    mote_wasi_mailbox mailbox;
    mote_arena *arena;
    mote_module *module;
    mote_instance *inst;
    const uint8_t *wasm;        /* what runs, for a restart */
    size_t wasm_len;
    bool ctx_live;              /* wasi was initialised and not stopped */
    mote_app_state state;
    mote_app_end end;
    int32_t exit_code;
    uint8_t phase;              /* where a command or reactor is (app.c) */
    bool in_call;               /* a call is paused or running */
    mote_value results[1];      /* a paused call writes here */
    mote_value event[3];        /* the reactor's current event */
    volatile bool woken;        /* something it may wait for happened */
    bool waiting;               /* its call waits (cooperative) */
    uint8_t priority;           /* 0..7 */
    uint32_t budget_us;         /* of each window */
    uint32_t window_used_us;
    uint64_t watchdog_us;       /* 0: none */
    uint64_t run_us;            /* since it last waited */
    uint64_t last_run;          /* round robin: the pass it last ran in */
    volatile bool starting;     /* being loaded: not for its task yet */
    mote_app_stats stats;
    void *rtos;                 /* the FreeRTOS runner's record, if any */
};

struct mote_apps {
    mote_apps_config cfg;
    mote_wasi_hub hub;
    mote_app *app[MOTE_APPS_MAX];
    uint32_t count;
    mote_app *volatile current; /* the app running a slice now */
    volatile bool pending;      /* something woke since the scheduler looked */
    bool quit;
    uint64_t pass;              /* scheduling passes, for round robin */
    uint64_t window_start;
    mote_apps_task *tasks;
    mote_wasi_hub_timer task_timer;
    /* the FreeRTOS runner's hooks (apps_rtos.h), NULL on bare metal */
    void (*rtos_wake)(mote_app *app);
    bool (*rtos_stop)(mote_app *app);
};

/* ------------------------------------------------------------------------
 * Setting up
 * ------------------------------------------------------------------------ */

void mote_apps_config_init(mote_apps_config *cfg);

/* Prepares an empty set (no apps, no tasks).  Call after mote_hal_init().
 * MOTE_ERR_ARGUMENT for a bad config (slice_fuel or window_us of 0). */
mote_status mote_apps_init(mote_apps *apps, const mote_apps_config *cfg);

/*
 * Adds a slot with ram[0..ram_size) as everything its apps may use: the
 * arena (module, instance, stacks, linear memory) and the mailbox.  The
 * slot is empty until mote_app_start().  MOTE_ERR_LIMIT when the set has
 * MOTE_APPS_MAX slots.
 */
mote_status mote_apps_add(mote_apps *apps, mote_app *app, void *ram, size_t ram_size);

/* The slot whose app (running or ended, not empty) is named name; NULL if none. */
mote_app *mote_apps_find(mote_apps *apps, const char *name);

/* ------------------------------------------------------------------------
 * Starting and stopping apps
 * ------------------------------------------------------------------------ */

/*
 * Starts the module wasm[0..len) (read in place: it must stay valid and
 * unchanged while the app runs, e.g. in flash or an OTA slot) in the slot,
 * with the capabilities of manifest m (copied).  Checks the manifest
 * against the board and the other running apps (pins and UARTs are
 * exclusive; reserved ones refused; its RAM must fit the slot), loads and
 * instantiates.  MOTE_OK: the app is RUNNING (scheduled from the next
 * pass); otherwise it is FAILED with the reason reported and
 * mote_app_end() says which.  MOTE_ERR_STATE if the slot is RUNNING.
 */
mote_status mote_app_start(mote_app *app, const uint8_t *wasm, size_t len,
                           const mote_manifest *m);

/* The same with the manifest in its binary form (an OTA bundle's TLV
 * 0xa0); a malformed one fails the app with MOTE_APP_END_MANIFEST. */
mote_status mote_app_start_signed(mote_app *app, const uint8_t *wasm, size_t len,
                                  const uint8_t *manifest, size_t manifest_len);

/* Stops a RUNNING app: drops its call, timers, watched pins, queued events
 * and messages, and empties its arena; reports it (STOPPED).  Other
 * states: only empties the slot. */
void mote_app_stop(mote_app *app);

/* Stops the app if it runs, then starts the same module and manifest
 * again. */
mote_status mote_app_restart(mote_app *app);

mote_app_state mote_app_state_of(const mote_app *app);
mote_app_end mote_app_end_of(const mote_app *app);
/* "exit", "trap", "watchdog", ... */
const char *mote_app_end_name(mote_app_end end);
int32_t mote_app_exit_code(const mote_app *app);
/* The app's name ("" for an empty slot that never ran). */
const char *mote_app_name(const mote_app *app);
const mote_manifest *mote_app_manifest(const mote_app *app);
void mote_app_stats_get(const mote_app *app, mote_app_stats *out);

/* Prints one line of the app's figures through the report hook:
 * "<name>: cpu 12.345 ms in 40 slices, longest run 0.120 ms, ram 6012/24576
 * (module 3120), 2 denied ...". */
void mote_app_report_stats(mote_app *app);

/* ------------------------------------------------------------------------
 * The bare-metal scheduler
 * ------------------------------------------------------------------------ */

/*
 * Runs apps and tasks until mote_apps_quit() is called or nothing is left
 * that could ever run (no app RUNNING, no task due or wakeable).  Sleeps
 * the CPU (mote_hal_wait_for_interrupt) whenever everything waits.
 */
void mote_apps_run(mote_apps *apps);

/* One scheduling step: due tasks, then one slice of the app that should
 * run; true if anything ran.  For firmware with its own main loop (then
 * sleep while it returns false and nothing else is to do). */
bool mote_apps_step(mote_apps *apps);

/* Makes mote_apps_run() return after the current step. */
void mote_apps_quit(mote_apps *apps);

/*
 * Adds a firmware task: fn(user, now) runs on the scheduler's thread
 * between slices, first at once, then when the time it returns comes, or
 * when mote_apps_task_wake() asks (from an interrupt, say).  Tasks run
 * before apps: keep them short.  The task's storage must stay valid.
 * Adding a task that is already there only renews it (fn, user, run now).
 */
mote_status mote_apps_add_task(mote_apps *apps, mote_apps_task *task, mote_apps_task_fn fn,
                               void *user);

/* Runs the task soon.  Interrupt-safe. */
void mote_apps_task_wake(mote_apps *apps, mote_apps_task *task);

#ifdef __cplusplus
}
#endif
#endif
