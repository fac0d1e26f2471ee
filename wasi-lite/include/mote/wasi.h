/*
 * wasi.h -- WASI-lite: runs WebAssembly apps built against wasi-libc on a
 * board, and gives them GPIO, timers and events.
 *
 * WASI-lite offers two import modules to an app:
 *
 *   wasi_snapshot_preview1   the WASI calls wasi-libc makes: console I/O on
 *                            fds 0/1/2, files in preopened directories (on
 *                            the flash file system, or a host directory),
 *                            args, environment, clocks, sleeping
 *                            (poll_oneoff), random, exit.  Every other call
 *                            wasi-libc may import is present and returns an
 *                            error code (see wasi-lite/README.md).
 *   mote                     the device API (wasi-lite/sdk/include/mote/device.h):
 *                            GPIO, logical timers, and an event call.
 *
 * It never allocates.  The firmware owns one `mote_wasi` context per app
 * (static storage is fine), fills a configuration, and either calls the
 * all-in-one mote_wasi_run_app() or drives the steps itself:
 *
 *     static mote_wasi wasi;
 *     mote_wasi_config cfg;
 *     mote_wasi_config_init(&cfg);
 *     cfg.pins = 1u << LED_PIN;           // capabilities
 *     cfg.max_timers = 1;
 *     mote_wasi_init(&wasi, &cfg);
 *     int status = mote_wasi_run_app(&wasi, app, app_len, arena);
 *
 * A context alone owns the board's single HAL alarm and the edge
 * interrupts of the pins its app watches, until mote_wasi_stop().  Several
 * apps at once (a scheduler, or one RTOS task per app: apps/) each have a
 * context, and the contexts join one mote_wasi_hub, which shares the alarm
 * among them and lets them message each other (cfg.hub).
 *
 * Threading: the functions here run on the thread that runs the context's
 * app (the firmware's main thread, or the app's RTOS task); apps on other
 * threads reach it only through the hub (messages).  The event queue,
 * timers, mailbox and hub are also touched by HAL callbacks in interrupt
 * context and by other apps' threads; WASI-lite masks interrupts
 * (mote_hal_irq_lock) around every access to them.
 */
#ifndef MOTE_WASI_H
#define MOTE_WASI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mote/fs.h>
#include <mote/mote.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Build-time sizes (define before including to change them, in every file
 * that includes this header and in the wasi-lite library build alike)
 * ------------------------------------------------------------------------ */

/* Logical timers per context: the largest max_timers a config may ask. */
#ifndef MOTE_WASI_MAX_TIMERS
#define MOTE_WASI_MAX_TIMERS 8
#endif

/* Events the queue holds before it drops (and counts) new ones.  A power of two. */
#ifndef MOTE_WASI_EVENT_QUEUE
#define MOTE_WASI_EVENT_QUEUE 16
#endif

/* Most WASI-lite imports a module may have for mote_wasi_instantiate(),
 * which builds the module's import table on the C stack: 36 bytes per
 * import on a 32-bit CPU (a wasi-libc printf app has about 10). */
#ifndef MOTE_WASI_MAX_IMPORTS
#define MOTE_WASI_MAX_IMPORTS 64
#endif

/* Longest message between apps, in bytes.  A message is copied into and
 * out of a mailbox with interrupts masked, so this bounds the interrupt
 * latency a send adds (256 bytes: a few hundred cycles). */
#ifndef MOTE_WASI_MSG_MAX
#define MOTE_WASI_MSG_MAX 256
#endif

/* Longest app name (cfg.name), in bytes: names travel with messages. */
#define MOTE_WASI_NAME_MAX 15

/* Denied calls reported on the console per context (the rest are counted:
 * mote_wasi_denied()). */
#ifndef MOTE_WASI_DENIED_REPORTS
#define MOTE_WASI_DENIED_REPORTS 4
#endif

/* File descriptors an app may number: files and directories get fds 3 ..
 * 3 + MOTE_WASI_MAX_FDS - 1 (the config's fds[] says how many may be open;
 * at most 255). */
#ifndef MOTE_WASI_MAX_FDS
#define MOTE_WASI_MAX_FDS 32
#endif

/* Longest path an app may pass, in bytes (copied to the C stack; a path
 * call with two paths takes twice this). */
#ifndef MOTE_WASI_PATH_MAX
#define MOTE_WASI_PATH_MAX 255
#endif

/* ------------------------------------------------------------------------
 * Files: back ends and preopened directories (README "Files")
 * ------------------------------------------------------------------------ */

/* What an fd refers to, as its back end keeps it. */
typedef struct mote_wasi_node {
    uint8_t filetype; /* WASI filetype: 3 directory, 4 regular file */
    union {
        mote_fs_file file; /* flash back end: an open file */
        uint32_t dir;      /* flash back end: a directory's id */
        int host;          /* host back end: a POSIX descriptor */
    } u;
} mote_wasi_node;

/* A filestat, as the back ends fill it. */
typedef struct mote_wasi_stat {
    uint64_t dev, ino, nlink, size, atim, mtim, ctim;
    uint8_t filetype;
} mote_wasi_stat;

/* readdir's callback: one entry, and the cookie that resumes after it;
 * returns false to stop. */
typedef bool (*mote_wasi_dirent_fn)(void *ctx, const char *name, size_t len, uint8_t filetype,
                                    uint64_t ino, uint64_t next);

/*
 * A file back end: each operation returns a WASI errno.  Paths are
 * relative to a directory node, NUL-terminated, not empty, and the back
 * end's to change (they are copies); they may hold "." and ".."
 * components, and the back end must never let them -- nor a symbolic
 * link -- reach outside the directory its root() gave (ENOTCAPABLE).  access: bit 0 read, bit 1
 * write.  oflags are WASI's (CREAT 1, DIRECTORY 2, EXCL 4, TRUNC 8).  at: a position for pread /
 * pwrite, or NULL for the fd's own position; append: write at the end.
 */
typedef struct mote_wasi_fs_ops {
    uint16_t (*root)(void *be, mote_wasi_node *out);
    uint16_t (*open)(void *be, mote_wasi_node *dir, char *path, uint32_t oflags, uint32_t access,
                     bool follow, mote_wasi_node *out);
    uint16_t (*close)(void *be, mote_wasi_node *n);
    uint16_t (*read)(void *be, mote_wasi_node *n, void *buf, size_t len, const uint64_t *at,
                     size_t *got);
    uint16_t (*write)(void *be, mote_wasi_node *n, const void *buf, size_t len, const uint64_t *at,
                      bool append, size_t *done);
    uint16_t (*seek)(void *be, mote_wasi_node *n, int64_t offset, uint8_t whence, uint64_t *pos);
    uint16_t (*sync)(void *be, mote_wasi_node *n);
    uint16_t (*stat)(void *be, mote_wasi_node *n, mote_wasi_stat *st);
    uint16_t (*set_size)(void *be, mote_wasi_node *n, uint64_t size);
    uint16_t (*readdir)(void *be, mote_wasi_node *dir, uint64_t cookie, mote_wasi_dirent_fn fn,
                        void *ctx);
    uint16_t (*mkdir)(void *be, mote_wasi_node *dir, char *path);
    uint16_t (*remove)(void *be, mote_wasi_node *dir, char *path, bool is_dir);
    uint16_t (*rename)(void *be, mote_wasi_node *from_dir, char *from, mote_wasi_node *to_dir,
                       char *to);
    uint16_t (*path_stat)(void *be, mote_wasi_node *dir, char *path, bool follow,
                          mote_wasi_stat *st);
} mote_wasi_fs_ops;

/* A directory the app gets at start-up (wasi-libc finds it with
 * fd_prestat_get and resolves the app's paths against its name). */
typedef struct mote_wasi_preopen {
    const char *guest_path; /* the name the app sees: "/", "/data", "." */
    const mote_wasi_fs_ops *ops;
    void *backend; /* the back end's state, e.g. a mote_wasi_flash */
} mote_wasi_preopen;

/* One open file or directory: the RAM an open file costs an app. */
typedef struct mote_wasi_fd {
    mote_wasi_node node;
    uint64_t rights, inheriting; /* WASI rights */
    uint16_t flags;              /* WASI fdflags */
    uint8_t preopen;             /* the preopen (back end) it came from */
    uint8_t number;              /* its fd is 3 + number */
    bool used, is_preopen;
} mote_wasi_fd;

/* The flash back end: an app confined to one directory of a mounted
 * mote_fs, its creations charged to a quota.  Several apps may share a
 * file system, each with its own directory and quota. */
typedef struct mote_wasi_flash {
    mote_fs *fs;
    uint32_t root;        /* the directory's id */
    mote_fs_quota *quota; /* NULL: no quota */
} mote_wasi_flash;

extern const mote_wasi_fs_ops mote_wasi_flash_ops;

/*
 * Confines be to directory path of fs (created, with its parents, if
 * missing; "" is the root) and, with a quota, counts what the directory
 * already holds into quota->used_*.
 */
mote_fs_status mote_wasi_flash_init(mote_wasi_flash *be, mote_fs *fs, const char *path,
                                    mote_fs_quota *quota);

/* ------------------------------------------------------------------------
 * Configuration
 * ------------------------------------------------------------------------ */

typedef struct mote_wasi mote_wasi;
typedef struct mote_wasi_hub mote_wasi_hub;
typedef struct mote_wasi_mailbox mote_wasi_mailbox;

/* Fills buf[0..len) with random bytes from a hardware generator; returns
 * false if it failed (the app then gets EIO). */
typedef bool (*mote_wasi_random_fn)(void *buf, size_t len, void *user);

/* Called by the run functions each time the app pauses (fuel slice spent,
 * mote_interrupt(), or a cooperative wait): the firmware's turn to work.
 * To stop the app from here: mote_abandon(inst) and
 * mote_wasi_forget_wait(ctx); the run function then returns MOTE_ERR_STATE. */
typedef void (*mote_wasi_pause_fn)(mote_wasi *ctx, mote_instance *inst, void *user);

/* Called when something the app may be waiting for has happened: an event
 * was queued, a message arrived, the deadline (or console poll time) of
 * its wait came.  It may run in interrupt context and with interrupts
 * masked: it may only set flags, call mote_interrupt() or give an RTOS
 * notification from an ISR-safe call. */
typedef void (*mote_wasi_wake_fn)(mote_wasi *ctx, void *user);

/* Called for a call the app's capabilities do not allow, with a text that
 * names what was missing ("gpio pin 3 as output"); the call itself returns
 * -ENOTCAPABLE to the app. */
typedef void (*mote_wasi_denied_fn)(mote_wasi *ctx, const char *what, void *user);

typedef struct mote_wasi_config {
    /* Command-line arguments and environment ("KEY=value" strings) the app
     * sees through args_get / environ_get.  The strings must stay valid
     * while the app runs.  argv[0] is conventionally the app's name. */
    const char *const *argv;
    uint32_t argc;
    const char *const *envp;
    uint32_t envc;

    /* The app's name ("blinky", at most MOTE_WASI_NAME_MAX bytes): other
     * apps message it by this name, and reports carry it.  May be NULL
     * for an app that neither sends nor receives messages. */
    const char *name;

    /* Capabilities.  Bit n of `pins` lets the app use GPIO pin n; of
     * those, the bits of pins_input_only may only be read and watched
     * (configured as inputs), not driven.  Timer ids 0 .. max_timers-1 are
     * the app's (max_timers <= MOTE_WASI_MAX_TIMERS).  Bit 0 of `uarts`
     * lets it read the console (stdin, uart_watch; writing stdout and
     * stderr needs nothing), bit n auxiliary UART n (uart_open/read/write).
     * send_to[0 .. send_to_count) name the apps it may message.  A call
     * outside them returns -ENOTCAPABLE to the app and is reported
     * (on_denied). */
    uint64_t pins;
    uint64_t pins_input_only;
    uint32_t max_timers;
    uint32_t uarts;
    const char *const *send_to;
    uint32_t send_to_count;

    /* Where messages to this app go (mote_wasi_mailbox_init); NULL: the
     * app receives none (msg_recv gives -ENOTCAPABLE, senders -ENOENT). */
    mote_wasi_mailbox *mailbox;

    /* Denied calls: on_denied(ctx, what, denied_user) for each; NULL
     * prints the first MOTE_WASI_DENIED_REPORTS on the console as
     * "mote: <name>: denied: <what>". */
    mote_wasi_denied_fn on_denied;
    void *denied_user;

    /* Several apps on one board: the hub all their contexts join (it
     * shares the HAL alarm and routes messages); NULL: this context uses
     * the alarm alone, as a single app does. */
    mote_wasi_hub *hub;

    /* Wake-ups, for a scheduler or an RTOS task that runs the app in
     * cooperative mode: see mote_wasi_wake_fn and mote_wasi_ready(). */
    mote_wasi_wake_fn on_wake;
    void *wake_user;

    /* Console input.  A byte equal to eof_byte reads as end of file (like
     * Ctrl-D on a terminal), so fgets() and friends can finish; 0 disables
     * it.  With input_cr_to_nl, received '\r' bytes read as '\n' (serial
     * terminals send '\r' for Enter).  The HAL has no receive interrupt:
     * while an app waits for input, the console is polled every
     * console_poll_us microseconds. */
    uint8_t eof_byte;
    bool input_cr_to_nl;
    uint32_t console_poll_us;

    /* Console output.  With write set, the app's stdout (fd 1) and stderr
     * (fd 2) go to write(fd, data, len, write_user) -- the host's `mote
     * run` sends stderr to the process's stderr; NULL: both go to the
     * board's console (mote_hal_console_write), as on a device.
     * (The wall clock, CLOCK_REALTIME, is the board's: mote_hal_rtc_get.) */
    void (*write)(uint32_t fd, const void *data, size_t len, void *write_user);
    void *write_user;

    /* random_get: a hardware generator if set, else a non-cryptographic
     * generator (xorshift64*, seeded from the time; see README). */
    mote_wasi_random_fn random;
    void *random_user;

    /* Cooperative mode: instead of sleeping inside a WASI call (poll_oneoff,
     * a blocking fd_read, event_wait) or sched_yield, the call returns
     * MOTE_PAUSED to whoever called mote_call()/mote_resume(), which then
     * does its own work, calls mote_wasi_idle() and mote_resume().  The run
     * functions below do this for you and call on_pause each time. */
    bool cooperative;

    /* With fuel_slice > 0 the run functions give the app that much fuel per
     * slice (mote_set_fuel), so on_pause also runs while the app computes. */
    int64_t fuel_slice;
    mote_wasi_pause_fn on_pause;
    void *pause_user;

    /* Instance sizes for mote_wasi_run_app(); zeros take the core's defaults. */
    mote_instance_config instance;

    /* Files.  preopens become fds 3, 4, ...; fds[0 .. max_fds) is the RAM
     * for them and every file or directory the app opens (max_fds up to
     * MOTE_WASI_MAX_FDS; the array must outlive the run).  Without fds the
     * app has no files (path calls give ENOTCAPABLE, wasi-libc's preopen
     * scan finds none). */
    const mote_wasi_preopen *preopens;
    mote_wasi_fd *fds;
    uint8_t npreopens, max_fds;
} mote_wasi_config;

/* Sets every field to its default: no args, no env, no pins, no timers,
 * console input allowed (uarts = 1), no messages, eof_byte 0x04,
 * console_poll_us 10000, blocking waits, output to the console, no hub. */
void mote_wasi_config_init(mote_wasi_config *cfg);

/* ------------------------------------------------------------------------
 * The context (treat the fields as private; they are here so that a
 * context can be a static variable)
 * ------------------------------------------------------------------------ */

typedef struct mote_wasi_queued {
    uint8_t kind; /* MOTE_WASI_EVENT_*, or 0 once purged */
    uint8_t unused;
    uint16_t lost_after; /* events dropped right after this one */
    uint32_t source;
    uint32_t value;
    uint64_t time_us;
} mote_wasi_queued;

typedef struct mote_wasi_timer {
    bool active;
    uint64_t due_us;
    uint64_t period_us; /* 0: one-shot */
} mote_wasi_timer;

/* What a paused or sleeping call waits for. */
typedef struct mote_wasi_wait {
    bool active;          /* a wait is in progress (survives a pause) */
    bool events;          /* wakes on a queued event or UART input */
    bool console;         /* wakes on console input */
    bool messages;        /* wakes on a message in the mailbox */
    uint64_t start_us;    /* when the waiting call first came */
    uint64_t deadline_us; /* UINT64_MAX: none */
} mote_wasi_wait;

/* A mailbox: `slots` messages of at most `msg_max` bytes each, in a
 * buffer the firmware gives (MOTE_WASI_MAILBOX_BYTES); one sender may hold
 * at most `share` of the slots, so a flood from one app cannot shut the
 * others out. */
typedef struct mote_wasi_mailbox {
    uint8_t *buf;
    uint16_t slots, msg_max, share;
    uint16_t head, count; /* oldest slot, slots in use */
    uint32_t received;    /* messages taken in since init */
    uint32_t refused;     /* sends refused: full, or the sender's share */
} mote_wasi_mailbox;

/* Bytes of buffer a mailbox of `slots` messages of `msg_max` bytes needs. */
#define MOTE_WASI_MAILBOX_SLOT(msg_max) (((size_t)(msg_max) + 20u + 3u) & ~(size_t)3u)
#define MOTE_WASI_MAILBOX_BYTES(slots, msg_max) ((size_t)(slots)*MOTE_WASI_MAILBOX_SLOT(msg_max))

/* A timed call for the firmware itself while a hub owns the alarm
 * (mote_wasi_hub_timer_set).  Treat the fields as private. */
typedef struct mote_wasi_hub_timer {
    uint64_t due_us;        /* UINT64_MAX: not armed */
    void (*fn)(void *user); /* called in interrupt context */
    void *user;
    struct mote_wasi_hub_timer *next;
    bool linked;
} mote_wasi_hub_timer;

/* The contexts of the apps on one board (treat the fields as private). */
struct mote_wasi_hub {
    mote_wasi *first; /* the members, linked through ctx->hub_next */
    mote_wasi_hub_timer *timers;
    uint64_t armed_us; /* what the HAL alarm is armed for */
};

struct mote_wasi {
    mote_wasi_config cfg;
    mote_instance *inst; /* the app's instance, once instantiated */
    /* console fds 0, 1, 2 */
    uint8_t fd_open;      /* bit n: fd n is open */
    uint16_t fd_flags[3]; /* WASI fdflags (append, nonblock) */
    bool eof_pending;     /* an EOF byte ended the last read */
    /* events, filled by interrupt callbacks */
    mote_wasi_queued queue[MOTE_WASI_EVENT_QUEUE];
    volatile uint32_t head, tail; /* free-running counters */
    uint32_t overflow_pending;    /* lost events to report next */
    uint32_t lost_total;
    uint64_t watched_pins;
    bool uart_watch;
    /* timers, multiplexed on the HAL alarm */
    mote_wasi_timer timers[MOTE_WASI_MAX_TIMERS];
    uint64_t wake_us; /* a private wake-up for waits; UINT64_MAX: none */
    mote_wasi_wait wait;
    bool yielded;   /* cooperative sched_yield has paused once */
    bool msg_watch; /* MESSAGE events while messages are pending */
    uint64_t rng;
    uint64_t alarm_due;  /* earliest timer or wake_us: what it wants
                            of the alarm */
    mote_wasi *hub_next; /* next member of cfg.hub */
    bool in_hub;
    uint32_t denied;    /* calls refused for a missing capability */
    uint32_t uart_open; /* bit n: auxiliary UART n opened by the app */
};

/* ------------------------------------------------------------------------
 * Life cycle
 * ------------------------------------------------------------------------ */

/*
 * Prepares ctx for one app run with a copy of cfg.  Call after
 * mote_hal_init().  MOTE_ERR_ARGUMENT if cfg asks for more than
 * MOTE_WASI_MAX_TIMERS timers, gives a NULL argv/envp with a count, more
 * preopens than fds, or a preopen whose back end fails to open its root.
 * MOTE_ERR_UNSUPPORTED if cfg has preopens and WASI-lite was built without
 * files (CMake MOTE_WASI_FILES=OFF, the minimal configuration's default):
 * such a build answers every file call as a system with no file open.
 * Likewise if cfg names a hub, a mailbox or peers (send_to) and WASI-lite
 * was built for one app per board (MOTE_WASI_APPS=OFF, minimal's default):
 * msg_* then answer as to an app granted no mailbox and no peers.
 */
mote_status mote_wasi_init(mote_wasi *ctx, const mote_wasi_config *cfg);

/*
 * Ends the run: stops the app's timers and the alarm, turns off the edge
 * interrupts of the pins it watched, drops queued events, and closes
 * every file the app left open (which commits them).  Afterwards no
 * callback touches ctx.  Call it before ctx goes out of scope or another
 * context starts.  mote_wasi_run_app() calls it.
 */
void mote_wasi_stop(mote_wasi *ctx);

/* Events lost to a full queue since mote_wasi_init(). */
uint32_t mote_wasi_events_lost(const mote_wasi *ctx);

/* Calls refused for a missing capability since mote_wasi_init(). */
uint32_t mote_wasi_denied(const mote_wasi *ctx);

/* ------------------------------------------------------------------------
 * Several apps: the hub, wake-ups, messages
 *
 * The hub and the messages are built with the CMake option MOTE_WASI_APPS
 * (on except in the minimal configuration); without it mote_wasi_init()
 * refuses a configuration that uses them.
 * ------------------------------------------------------------------------ */

/* An empty hub.  Contexts join it in mote_wasi_init() (cfg.hub) and leave
 * it in mote_wasi_stop(); while it has members it owns the HAL alarm. */
void mote_wasi_hub_init(mote_wasi_hub *hub);

/*
 * The firmware's own use of the alarm while a hub owns it: calls fn(user)
 * in interrupt context once mote_hal_time_us() reaches due_us (at once if
 * it has); setting a timer again moves it, due_us UINT64_MAX cancels it.
 * Once set, a timer stays on the hub's list: its storage must live as
 * long as the hub (static storage).  Interrupt-safe.
 */
void mote_wasi_hub_timer_set(mote_wasi_hub *hub, mote_wasi_hub_timer *t, uint64_t due_us,
                             void (*fn)(void *user), void *user);

/*
 * For whoever runs the app in cooperative mode (a scheduler, an RTOS
 * task): true when the app can make progress -- its paused call waits for
 * nothing (a fuel pause, sched_yield) or what it waits for has happened;
 * or, between calls, when ctx has an event or message for a reactor
 * (mote_wasi_next_event()).  When it returns false the context has made
 * sure that cfg.on_wake will be called when that may change (an event, a
 * message, the wait's deadline, the next console poll), so the caller can
 * sleep until then.  Call it from the thread that runs the app.
 */
bool mote_wasi_ready(mote_wasi *ctx);

/* True while a call of the app waits (it paused in a wait in cooperative
 * mode, or sleeps in one); false for a fuel pause or no call. */
bool mote_wasi_waiting(const mote_wasi *ctx);

/*
 * For a reactor run by a scheduler: takes the next event without waiting
 * and writes mote_on_event's three arguments (kind, source, value) to
 * args; false if there is none.  mote_wasi_can_wake() says whether one
 * can still come (a timer runs, a pin, the console or messages are
 * watched): a reactor with neither is finished.
 */
bool mote_wasi_next_event(mote_wasi *ctx, mote_value args[3]);
bool mote_wasi_can_wake(mote_wasi *ctx);

/*
 * Prepares a mailbox in buf[0..size): `slots` messages of up to msg_max
 * bytes (at most MOTE_WASI_MSG_MAX), `share` of them at most from one
 * sender (0: all).  MOTE_ERR_ARGUMENT for a size below
 * MOTE_WASI_MAILBOX_BYTES(slots, msg_max) or out-of-range numbers.  Give it
 * to the receiving app's cfg.mailbox; initialise it again for each run.
 */
mote_status mote_wasi_mailbox_init(mote_wasi_mailbox *mb, void *buf, size_t size, uint32_t slots,
                                   uint32_t msg_max, uint32_t share);

/* Changes a mailbox's share (0: all slots), as senders come and go; a
 * sender that holds more than the new share keeps its messages but sends
 * no more until it holds fewer.  Any thread. */
void mote_wasi_mailbox_set_share(mote_wasi_mailbox *mb, uint32_t share);

/* ------------------------------------------------------------------------
 * Linking
 * ------------------------------------------------------------------------ */

/*
 * Writes to out[] one import entry (user = ctx) for each function the
 * module imports from "wasi_snapshot_preview1" or "mote" that WASI-lite
 * provides, and returns how many there are; when that is more than cap,
 * only cap are written.  Imports WASI-lite does not know are left out: the
 * core then reports them as unlinkable.  Use this to add the firmware's own
 * host functions to the table; the table is only read during
 * mote_instantiate().
 */
size_t mote_wasi_imports(mote_wasi *ctx, const mote_module *module, mote_import *out, size_t cap);

/*
 * Instantiates module in arena with WASI-lite's imports and remembers the
 * instance in ctx.  Returns what mote_instantiate() returns, or
 * MOTE_ERR_LIMIT without touching the arena (nor its error record) when
 * the module has more than MOTE_WASI_MAX_IMPORTS WASI-lite imports.
 */
mote_status mote_wasi_instantiate(mote_wasi *ctx, mote_arena *arena, const mote_module *module,
                                  const mote_instance_config *config, mote_instance **out);

/*
 * The calls this WASI-lite links when it was built with a list of them
 * (MOTE_WASI_CALLS="fd_write;proc_exit"): their names, separated by
 * spaces ("fd_write proc_exit").  NULL when it links every call.  An app
 * importing a call the list leaves out is refused by mote_instantiate()
 * as unlinkable ("unknown import"), as for a name WASI-lite does not know;
 * mote_wasi_report() then names the option and the list.
 */
const char *mote_wasi_calls_linked(void);

/* ------------------------------------------------------------------------
 * Running
 *
 * The run functions return MOTE_OK or MOTE_EXIT with *exit_code set (0 when
 * _start returns normally, else the code given to proc_exit), or the
 * core's status for a trap or error.  They handle pauses: on each one they
 * call on_pause, wait (mote_wasi_idle) and resume.
 * ------------------------------------------------------------------------ */

/* Runs a command app: calls its exported _start. */
mote_status mote_wasi_run_command(mote_wasi *ctx, mote_instance *inst, int32_t *exit_code);

/*
 * Runs a reactor app: calls _initialize and mote_on_start() if exported,
 * then for each event calls the exported handler
 * mote_on_event(kind, source, value) (see device.h), sleeping between
 * events.  Returns when the app exits (proc_exit), traps, or has nothing
 * left that could produce an event (no timer running, no pin or UART
 * watched): that last case is MOTE_OK with *exit_code 0.
 */
mote_status mote_wasi_run_reactor(mote_wasi *ctx, mote_instance *inst, int32_t *exit_code);

/*
 * Delivers at most one event to a reactor's mote_on_event, waiting up to
 * timeout_us for it (UINT64_MAX: no limit; 0: only what is pending).  For
 * firmware with its own main loop.  *delivered tells whether a handler
 * ran.  Returns the handler call's status (MOTE_OK when none ran).
 */
mote_status mote_wasi_dispatch(mote_wasi *ctx, mote_instance *inst, uint64_t timeout_us,
                               bool *delivered);

/*
 * After a cooperative pause: sleeps the CPU until what the app waits for
 * may have happened (its deadline, an event, console input), or returns at
 * once if the app was not waiting (a fuel pause or sched_yield).  Then
 * mote_resume() the app.
 */
void mote_wasi_idle(mote_wasi *ctx);

/* Forgets a wait in progress: call after mote_abandon() of a paused call. */
void mote_wasi_forget_wait(mote_wasi *ctx);

/* Exit statuses of mote_wasi_run_app() that are not the app's own. */
#define MOTE_WASI_EXIT_NOT_RUN 126 /* could not load, link or instantiate */
/* Stopped by another error (no entry point, a pause abandoned in on_pause) */
#define MOTE_WASI_EXIT_STOPPED 127
#define MOTE_WASI_EXIT_TRAP 128 /* 128 + mote_trap kind: the app trapped */

/*
 * Everything at once: loads wasm[0..len) into arena (the bytes are read in
 * place), instantiates it with cfg.instance sizes, runs it as a command
 * (_start) or, if it has no _start but exports mote_on_event, as a reactor,
 * then calls mote_wasi_stop() and unloads the module, leaving the arena as
 * it was.  Failures and traps are reported on the console with
 * mote_wasi_report().  Returns the app's exit status, or
 * MOTE_WASI_EXIT_NOT_RUN, MOTE_WASI_EXIT_STOPPED, or MOTE_WASI_EXIT_TRAP +
 * the trap kind.
 */
int mote_wasi_run_app(mote_wasi *ctx, const uint8_t *wasm, size_t len, mote_arena *arena);

/*
 * The same for a module the firmware loaded itself (for example from a
 * precompiled image with mote_image_attach()): instantiates it in arena,
 * runs it, stops the context and reports failures.  The module and the
 * instance stay in the arena (mote_unload() the module to free both).
 */
int mote_wasi_run_module(mote_wasi *ctx, const mote_module *module, mote_arena *arena);

/*
 * Prints the last failure recorded in arena on the console, one line
 * "mote: <status>: <message>", and for a trap of inst (may be NULL) a
 * backtrace as mote_trap_print() does, with the function names from the
 * name section demangled (mote_wasi_demangle):
 *
 *     mote: trap: unreachable (func 7 +0x280)
 *       #0 func 7 <app::Box<int>::crash(int)> +0x280
 *       #1 func 6 <main> +0x21a
 *
 * An unlinkable module, in a WASI-lite built with a list of calls, gets a
 * second line with the list (mote_wasi_calls_linked()):
 *
 *     mote: unlinkable: unknown import: "wasi_snapshot_preview1" "args_get"
 *     mote: MOTE_WASI_CALLS links only: fd_write proc_exit
 */
void mote_wasi_report(const mote_arena *arena, const mote_instance *inst);

/*
 * Demangles a C++ (Itanium ABI, as clang mangles for wasm32) or Rust
 * (legacy or v0) name into out, at most cap bytes with the closing NUL:
 *
 *     _ZN3app3BoxIiE5crashEi                   app::Box<int>::crash(int)
 *     _ZN4core9panicking9panic_fmt17h7687...E  core::panicking::panic_fmt
 *     _RNvCslkgq5TcXodA_5fd_rs4main            fd_rs::main
 *
 * Rust's hashes, crate disambiguators and LLVM's ".llvm.N" suffixes are
 * left out, and a C++ function's return type.  Returns the length, or 0
 * when the name is not mangled, not understood or does not fit: show it as
 * it is then.  Never reads past name[len-1].  Built without the
 * MOTE_WASI_DEMANGLE option (CMake, default ON) it always returns 0.
 */
size_t mote_wasi_demangle(const char *name, size_t len, char *out, size_t cap);

/* mote_wasi_demangle as a mote_trap_print_options.rename function. */
size_t mote_wasi_demangle_rename(void *user, const char *name, size_t len, char *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_WASI_H */
