/*
 * device.h -- the mote device API for WebAssembly apps: GPIO, timers,
 * events, messages to other apps and auxiliary UARTs.  Include it from app code built with the SDK
 * (mote_add_wasm_app); the functions are imports from the "mote" module, provided by WASI-lite on
 * every board.  The rest of an app is ordinary C with wasi-libc: printf, fgets, nanosleep,
 * clock_gettime and so on.
 *
 * Errors: every call returns a negative errno value from <errno.h> on
 * failure (wasi-libc's errno numbers, so strerror(-r) names them):
 *
 *   -ENOTCAPABLE  the app's capabilities (its manifest, or what the
 *                 firmware gave it) do not include that pin, timer id,
 *                 UART or message destination; the board also reports
 *                 the refusal, naming what was missing
 *   -EINVAL       an argument is out of range (mode, edge, level)
 *   -ENOTSUP      the board cannot do it (no edge interrupts on this pin,
 *                 an LED used as an input)
 *   -EBUSY        the board uses the pin itself (e.g. for the console)
 *   -EFAULT       a pointer does not lie inside the app's memory
 *   -EDEADLK      mote_event_wait() without a timeout, but nothing could
 *                 ever produce an event (no timer running, nothing watched)
 *   -EIO          the device reported a failure
 *   -ENOENT       no app of that name runs (now) with a mailbox
 *   -EAGAIN       the receiver's mailbox (or this app's share of it) is
 *                 full; or no message when not waiting
 *   -EMSGSIZE     a message longer than the mailbox takes, or than the
 *                 buffer given to mote_msg_recv()
 *   -ETIMEDOUT    mote_msg_recv()'s timeout passed
 *
 * Nothing here traps: a bad call only returns its error.
 *
 * Pins: which pin is the LED or the button depends on the board; the
 * example firmware passes them in the environment (getenv("LED"),
 * getenv("BUTTON")).
 */
#ifndef MOTE_DEVICE_H
#define MOTE_DEVICE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_IMPORT(name) __attribute__((import_module("mote"), import_name(name)))
#define MOTE_EXPORT(name) __attribute__((export_name(name)))

/* ---- GPIO ------------------------------------------------------------- */

#define MOTE_GPIO_INPUT 0        /* floating input */
#define MOTE_GPIO_INPUT_PULLUP 1 /* input with the internal pull-up */
#define MOTE_GPIO_OUTPUT 2       /* push-pull output */

/* Sets a pin's direction and pull.  0 or -errno. */
MOTE_IMPORT("gpio_configure") int32_t mote_gpio_configure(uint32_t pin, uint32_t mode);

/* Drives an output high (level != 0) or low.  0 or -errno. */
MOTE_IMPORT("gpio_write") int32_t mote_gpio_write(uint32_t pin, uint32_t level);

/* Inverts an output.  0 or -errno. */
MOTE_IMPORT("gpio_toggle") int32_t mote_gpio_toggle(uint32_t pin);

/* The level on a pin: 0 or 1, or -errno. */
MOTE_IMPORT("gpio_read") int32_t mote_gpio_read(uint32_t pin);

#define MOTE_EDGE_NONE 0
#define MOTE_EDGE_RISING 1
#define MOTE_EDGE_FALLING 2
#define MOTE_EDGE_BOTH 3

/*
 * Queues a MOTE_EVENT_GPIO event each time the pin sees one of the edges
 * (MOTE_EDGE_NONE stops it).  0, or -ENOTSUP on boards whose GPIO cannot
 * interrupt: poll with mote_gpio_read() on a timer instead.
 */
MOTE_IMPORT("gpio_watch") int32_t mote_gpio_watch(uint32_t pin, uint32_t edges);

/* ---- timers ----------------------------------------------------------- */

/*
 * Starts logical timer `id` (0 .. the number the firmware allows - 1):
 * a MOTE_EVENT_TIMER event after delay_us microseconds, then, if period_us
 * is not 0, every period_us on a fixed schedule.  Starting a running timer
 * restarts it.  0 or -errno.
 */
MOTE_IMPORT("timer_start")
int32_t mote_timer_start(uint32_t id, uint64_t delay_us, uint64_t period_us);

/* Stops timer `id`; its events still in the queue are dropped too.  0 or -errno. */
MOTE_IMPORT("timer_stop") int32_t mote_timer_stop(uint32_t id);

/* ---- events ----------------------------------------------------------- */

#define MOTE_EVENT_NONE 0 /* (never delivered) */
#define MOTE_EVENT_GPIO 1 /* source: pin; value: level after the edge */
/* source: timer id; value: expirations it stands for (more than 1 when the app
 * was too busy to take them one by one) */
#define MOTE_EVENT_TIMER 2
/* Console input is waiting (read it: the event repeats while input is pending) */
#define MOTE_EVENT_UART 3
/* value: events lost because the queue was full, at this point of the sequence */
#define MOTE_EVENT_OVERFLOW 4
/* Messages are waiting (mote_msg_watch()); value: how many. Repeats while any
 * do */
#define MOTE_EVENT_MESSAGE 5

typedef struct mote_event {
    uint32_t kind; /* MOTE_EVENT_* */
    uint32_t source;
    uint32_t value;
    uint32_t reserved; /* 0 */
    uint64_t time_us;  /* when it happened, on the monotonic clock */
} mote_event;

/*
 * Sleeps the CPU until the next event, then writes it to *event and returns
 * 1; returns 0 if timeout_us passed first (timeout_us < 0: no limit; 0: only
 * look), or -errno.  Events come in the order they happened.
 */
MOTE_IMPORT("event_wait") int32_t mote_event_wait(mote_event *event, int64_t timeout_us);

/* Asks for MOTE_EVENT_UART events while console input is pending (enable
 * != 0), or stops them.  0 or -errno. */
MOTE_IMPORT("uart_watch") int32_t mote_uart_watch(uint32_t enable);

/* Microseconds on the monotonic clock (the same as CLOCK_MONOTONIC). */
MOTE_IMPORT("time_us") uint64_t mote_time_us(void);

/* ---- messages between apps -------------------------------------------- */

/*
 * Copies data[0..len) into the mailbox of the app named to[0..to_len).
 * Never waits: 0, or -ENOTCAPABLE (this app may not message it), -ENOENT
 * (it does not run now, or has no mailbox), -EMSGSIZE, -EAGAIN (its
 * mailbox, or this app's share of it, is full: try again later).
 * Apps share no memory: the bytes are copied.
 */
MOTE_IMPORT("msg_send")
int32_t mote_msg_send_to(const char *to, uint32_t to_len, const void *data, uint32_t len);

static inline int32_t mote_msg_send(const char *to, const void *data, uint32_t len)
{
    return mote_msg_send_to(to, (uint32_t)__builtin_strlen(to), data, len);
}

/*
 * Takes the oldest message of this app's mailbox into buf[0..cap) and the
 * sender's name, NUL-terminated, into from[0..from_cap) (from_cap 0: not
 * wanted); returns the message's length.  Waits up to timeout_us for one
 * (< 0: no limit; 0: only look, -EAGAIN if none): -ETIMEDOUT.  A message
 * longer than cap stays in the mailbox: -EMSGSIZE.  -ENOTCAPABLE if the
 * app has no mailbox.
 */
MOTE_IMPORT("msg_recv")
int32_t mote_msg_recv(void *buf, uint32_t cap, char *from, uint32_t from_cap, int64_t timeout_us);

/* Asks for MOTE_EVENT_MESSAGE events while messages wait (enable != 0),
 * or stops them.  0 or -errno. */
MOTE_IMPORT("msg_watch") int32_t mote_msg_watch(uint32_t enable);

/* ---- auxiliary UARTs ----------------------------------------------------- */

/*
 * UARTs other than the console (numbered from 1), if the app has them:
 * open at a baud rate, then write (waits while the transmitter is full;
 * returns len) and read (never waits; returns the bytes read, 0 when none
 * is pending).  0 / count, or -errno.
 */
MOTE_IMPORT("uart_open") int32_t mote_uart_open(uint32_t uart, uint32_t baud);
MOTE_IMPORT("uart_write") int32_t mote_uart_write(uint32_t uart, const void *data, uint32_t len);
MOTE_IMPORT("uart_read") int32_t mote_uart_read(uint32_t uart, void *buf, uint32_t cap);

/*
 * Reactor apps (built with mote_add_wasm_app(... REACTOR)) have no main():
 * the firmware calls mote_on_start() once, then mote_on_event() for each
 * event, sleeping in between.  Define them with these macros:
 *
 *     MOTE_ON_START { mote_gpio_watch(BUTTON, MOTE_EDGE_FALLING); }
 *     MOTE_ON_EVENT(kind, source, value) { ... }
 *
 * The app ends by calling exit(), or when nothing is left to wait for.
 */
#define MOTE_ON_START MOTE_EXPORT("mote_on_start") void mote_on_start(void)
#define MOTE_ON_EVENT(kind, source, value) \
    MOTE_EXPORT("mote_on_event") void mote_on_event(uint32_t kind, uint32_t source, uint32_t value)

#ifdef __cplusplus
}
#endif

#endif /* MOTE_DEVICE_H */
