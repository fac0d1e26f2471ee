/*
 * test_hub.c -- several WASI-lite contexts on one board: the hub that
 * shares the HAL alarm, wake-ups for a scheduler (cooperative mode,
 * mote_wasi_ready), messages between apps, and a context started again
 * without a stop.
 *
 * Three instances of forward.wasm (one export per import) in three arenas,
 * on the simulated HAL with virtual time.  Messages are checked byte for
 * byte on both sides, and nothing but the receive buffers may change in the
 * receiver's memory, nothing at all in the sender's.
 *
 * usage: test_hub forward.wasm
 */
#include <string.h>

#include <mote/hal.h>
#include <mote/wasi.h>

#include "mote_check.h"
#include "internal.h"
#include "read_file.h"
#include "sim_hal.h"
#include "wasi_abi.h"

MOTE_CHECK_DEFINE;

#define ARENA (256 * 1024)
#define M 65536u
#define ERR(e) (-(int32_t)(e))

typedef struct app {
    const char *name;
    uint8_t arena_buf[ARENA];
    mote_arena *arena;
    mote_module *module;
    mote_instance *inst;
    mote_wasi ctx;
    mote_wasi_config cfg;
    uint8_t *mem;
    mote_value result; /* a paused call writes here on completion */
    uint32_t wakes;
    uint8_t mailbox_buf[MOTE_WASI_MAILBOX_BYTES(4, 32)];
    mote_wasi_mailbox mailbox;
    uint8_t before[M]; /* memory snapshot */
} app;

static app apps[3];
static mote_wasi_hub hub;
static uint8_t *wasm;
static size_t wasm_len;

static void on_wake(mote_wasi *ctx, void *user)
{
    (void)ctx;
    ((app *)user)->wakes++;
}

static void open_app(app *a, const char *name, bool cooperative, const char *const *send_to,
                     uint32_t nsend)
{
    a->name = name;
    mote_wasi_config_init(&a->cfg);
    a->cfg.name = name;
    a->cfg.hub = &hub;
    a->cfg.max_timers = 2;
    a->cfg.cooperative = cooperative;
    a->cfg.on_wake = on_wake;
    a->cfg.wake_user = a;
    a->cfg.send_to = send_to;
    a->cfg.send_to_count = nsend;
    CHECK_EQ(mote_wasi_mailbox_init(&a->mailbox, a->mailbox_buf, sizeof a->mailbox_buf, 4, 32, 2),
             MOTE_OK);
    a->cfg.mailbox = &a->mailbox;
    CHECK_EQ(mote_wasi_init(&a->ctx, &a->cfg), MOTE_OK);
    a->arena = mote_arena_init(a->arena_buf, sizeof a->arena_buf);
    CHECK_EQ(mote_load(a->arena, wasm, wasm_len, NULL, &a->module), MOTE_OK);
    CHECK_EQ(mote_wasi_instantiate(&a->ctx, a->arena, a->module, NULL, &a->inst), MOTE_OK);
    a->mem = mote_memory_data(mote_instance_memory(a->inst));
    a->wakes = 0;
}

static void close_app(app *a)
{
    if (mote_is_paused(a->inst)) {
        mote_abandon(a->inst);
        mote_wasi_forget_wait(&a->ctx);
    }
    mote_wasi_stop(&a->ctx);
    mote_arena_reset(a->arena);
}

/* Calls export name; the status goes to *st (the result to a->result). */
static int32_t call_st(app *a, const char *name, const mote_value *args, size_t n, mote_status *st)
{
    mote_func *f = mote_export_func(a->inst, name);
    const mote_valtype *p, *r;
    uint32_t np, nr;
    mote_func_type(f, &p, &np, &r, &nr);
    a->result.u64 = 0;
    *st = mote_call(a->inst, f, args, n, &a->result, nr);
    return a->result.i32;
}

static int32_t call(app *a, const char *name, const mote_value *args, size_t n)
{
    mote_status st;
    int32_t r = call_st(a, name, args, n, &st);
    CHECK_EQ(st, MOTE_OK);
    return r;
}

static int32_t send(app *from, const char *to, const void *data, uint32_t len)
{
    size_t to_len = strlen(to);
    memcpy(from->mem + 1000, to, to_len);
    memcpy(from->mem + 2000, data, len);
    mote_value args[4] = {{.u32 = 1000}, {.u32 = (uint32_t)to_len}, {.u32 = 2000}, {.u32 = len}};
    memcpy(from->before, from->mem, M);
    int32_t r = call(from, "mote.msg_send", args, 4);
    CHECK(memcmp(from->before, from->mem, M) == 0); /* the sender is only read */
    return r;
}

/* msg_recv into [4000, 4000+cap) and the sender's name into [5000, +16). */
static mote_value recv_args[5];
static void recv_setup(app *a, uint32_t cap, int64_t timeout)
{
    mote_value args[5] = {
        {.u32 = 4000}, {.u32 = cap}, {.u32 = 5000}, {.u32 = 16}, {.i64 = timeout}};
    memcpy(recv_args, args, sizeof args);
    memset(a->mem + 4000, 0xEE, 600);
    memset(a->mem + 5000, 0xEE, 32);
    memcpy(a->before, a->mem, M);
}

/* Nothing in a's memory changed but [4000, 4000+len) and [5000, +16). */
static bool only_buffers_changed(const app *a, uint32_t len)
{
    for (uint32_t i = 0; i < M; i++) {
        bool allowed = (i >= 4000 && i < 4000 + len) || (i >= 5000 && i < 5016);
        if (!allowed && a->mem[i] != a->before[i])
            return false;
    }
    return true;
}

static int32_t recv(app *a, uint32_t cap, int64_t timeout)
{
    recv_setup(a, cap, timeout);
    int32_t r = call(a, "mote.msg_recv", recv_args, 5);
    CHECK(only_buffers_changed(a, r > 0 ? (uint32_t)r : 0));
    return r;
}

/* ---- the alarm, shared ---------------------------------------------------- */

/* Takes events of app a without waiting; returns the kind of the first
 * (0 if none) and the number of them. */
static uint32_t take_events(app *a, uint32_t *count, uint32_t *first_source)
{
    uint32_t kind = 0;
    *count = 0;
    for (;;) {
        mote_value args[2] = {{.u32 = 3000}, {.i64 = 0}};
        if (call(a, "mote.event_wait", args, 2) != 1)
            return kind;
        if (*count == 0) {
            kind = a->mem[3000];
            *first_source = a->mem[3004];
        }
        (*count)++;
    }
}

static void start_timer(app *a, uint32_t id, uint64_t delay, uint64_t period)
{
    mote_value args[3] = {{.u32 = id}, {.u64 = delay}, {.u64 = period}};
    CHECK_EQ(call(a, "mote.timer_start", args, 3), 0);
}

static void test_shared_alarm(void)
{
    app *a = &apps[0], *b = &apps[1];
    open_app(a, "a", false, NULL, 0);
    open_app(b, "b", false, NULL, 0);
    start_timer(a, 0, 10000, 10000); /* a: every 10 ms */
    start_timer(b, 1, 15000, 0);     /* b: once at 15 ms */
    uint32_t n, src;
    sim_advance(9999);
    CHECK_EQ(take_events(a, &n, &src), 0);
    CHECK_EQ(a->wakes, 0);
    sim_advance(1); /* 10 ms */
    CHECK_EQ(take_events(a, &n, &src), MOTE_WASI_EVENT_TIMER);
    CHECK_EQ(n, 1);
    CHECK_EQ(take_events(b, &n, &src), 0);
    CHECK_EQ(a->wakes, 1);
    CHECK_EQ(b->wakes, 0);
    sim_advance(5000); /* 15 ms: b's one-shot */
    CHECK_EQ(take_events(b, &n, &src), MOTE_WASI_EVENT_TIMER);
    CHECK_EQ(src, 1);
    CHECK_EQ(b->wakes, 1);
    CHECK_EQ(take_events(a, &n, &src), 0);
    sim_advance(5000); /* 20 ms: a again */
    CHECK_EQ(take_events(a, &n, &src), MOTE_WASI_EVENT_TIMER);
    /* b stops: a keeps its schedule */
    close_app(b);
    sim_advance(30000); /* 50 ms: 30, 40 and 50 */
    CHECK_EQ(take_events(a, &n, &src), MOTE_WASI_EVENT_TIMER);
    CHECK_EQ(n, 3);
    CHECK_EQ(a->wakes, 5);
    /* b again (started anew, no stop) and a, while a is started again
     * without a stop: the hub's list stays whole */
    open_app(b, "b", false, NULL, 0);
    start_timer(b, 0, 5000, 0);
    CHECK_EQ(mote_wasi_init(&a->ctx, &a->cfg), MOTE_OK);
    CHECK_EQ(mote_wasi_init(&a->ctx, &a->cfg), MOTE_OK);
    sim_advance(5000);
    CHECK_EQ(take_events(b, &n, &src), MOTE_WASI_EVENT_TIMER);
    CHECK_EQ(b->wakes, 1);
    close_app(a);
    close_app(b);
    CHECK_EQ(hub.first == NULL, 1);
}

/* ---- wake-ups in cooperative mode ------------------------------------------ */

static void test_cooperative_wake(void)
{
    app *a = &apps[0];
    open_app(a, "a", true, NULL, 0);
    start_timer(a, 0, 7000, 0);
    mote_value args[2] = {{.u32 = 3000}, {.i64 = -1}};
    mote_status st;
    call_st(a, "mote.event_wait", args, 2, &st);
    CHECK_EQ(st, MOTE_PAUSED);
    CHECK(!mote_wasi_ready(&a->ctx));
    sim_advance(6999);
    CHECK(!mote_wasi_ready(&a->ctx));
    CHECK_EQ(a->wakes, 0);
    sim_advance(1);
    CHECK_EQ(a->wakes, 1);
    CHECK(mote_wasi_ready(&a->ctx));
    CHECK_EQ(mote_resume(a->inst), MOTE_OK);
    CHECK_EQ(a->result.i32, 1);
    CHECK_EQ(a->mem[3000], MOTE_WASI_EVENT_TIMER);

    /* a relative timeout keeps its start across pauses, and the wait's
     * deadline wakes the app by itself */
    mote_value t[2] = {{.u32 = 3000}, {.i64 = 4000}};
    call_st(a, "mote.event_wait", t, 2, &st);
    CHECK_EQ(st, MOTE_PAUSED);
    uint64_t start = sim_now();
    sim_advance(1000);
    CHECK_EQ(mote_resume(a->inst), MOTE_PAUSED); /* looked too early */
    CHECK(!mote_wasi_ready(&a->ctx));
    sim_advance(2999);
    CHECK(!mote_wasi_ready(&a->ctx));
    CHECK_EQ(a->wakes, 1);
    sim_advance(1);
    CHECK_EQ(a->wakes, 2);
    CHECK_EQ(sim_now() - start, 4000);
    CHECK(mote_wasi_ready(&a->ctx));
    CHECK_EQ(mote_resume(a->inst), MOTE_OK);
    CHECK_EQ(a->result.i32, 0); /* the timeout */

    /* waiting for events with the console watched: the console poll comes
     * console_poll_us after the first look, however often the scheduler
     * looks meanwhile (a busy neighbour's every slice) */
    mote_value on = {.u32 = 1};
    CHECK_EQ(call(a, "mote.uart_watch", &on, 1), 0);
    call_st(a, "mote.event_wait", args, 2, &st);
    CHECK_EQ(st, MOTE_PAUSED);
    uint64_t first = sim_now();
    uint32_t wakes = a->wakes;
    for (int i = 0; i < 9; i++) {
        sim_advance(a->ctx.cfg.console_poll_us / 10);
        CHECK(!mote_wasi_ready(&a->ctx));
    }
    CHECK_EQ(a->wakes, wakes);
    sim_advance(a->ctx.cfg.console_poll_us - (sim_now() - first));
    CHECK_EQ(a->wakes, wakes + 1);    /* the poll, on time */
    CHECK(!mote_wasi_ready(&a->ctx)); /* no input: armed again */
    sim_console_input(sim_now() + 10, "k", 1);
    sim_advance(a->ctx.cfg.console_poll_us);
    CHECK_EQ(a->wakes, wakes + 2);
    CHECK(mote_wasi_ready(&a->ctx));
    CHECK_EQ(mote_resume(a->inst), MOTE_OK);
    CHECK_EQ(a->result.i32, 1);
    CHECK_EQ(a->mem[3000], MOTE_WASI_EVENT_UART);
    mote_value off = {.u32 = 0};
    CHECK_EQ(call(a, "mote.uart_watch", &off, 1), 0);

    /* a fuel pause is ready at once; an idle reactor when an event waits */
    CHECK(!mote_wasi_ready(&a->ctx)); /* no call, no event */
    CHECK(!mote_wasi_can_wake(&a->ctx));
    start_timer(a, 1, 100, 0);
    CHECK(mote_wasi_can_wake(&a->ctx));
    sim_advance(100);
    CHECK(mote_wasi_ready(&a->ctx));
    mote_value ev[3];
    CHECK(mote_wasi_next_event(&a->ctx, ev));
    CHECK_EQ(ev[0].u32, MOTE_WASI_EVENT_TIMER);
    CHECK_EQ(ev[1].u32, 1);
    CHECK_EQ(ev[2].u32, 1);
    CHECK(!mote_wasi_next_event(&a->ctx, ev));
    CHECK(!mote_wasi_can_wake(&a->ctx));
    close_app(a);
}

/* ---- messages --------------------------------------------------------------- */

static void test_messages(void)
{
    static const char *const to_b[] = {"b"};
    static const char *const to_ab[] = {"a", "b"};
    app *a = &apps[0], *b = &apps[1], *c = &apps[2];
    open_app(a, "a", false, to_b, 1);
    open_app(b, "b", true, NULL, 0);
    mote_wasi_config long_name;
    mote_wasi_config_init(&long_name);
    long_name.name = "c-with-a-long-nm"; /* 16 bytes: one too many */
    CHECK_EQ(mote_wasi_init(&c->ctx, &long_name), MOTE_ERR_ARGUMENT);
    open_app(c, "c_is_fifteen__", false, to_ab, 2);

    /* b waits for a message (cooperative): a's send wakes it */
    recv_setup(b, 64, -1);
    mote_status st;
    call_st(b, "mote.msg_recv", recv_args, 5, &st);
    CHECK_EQ(st, MOTE_PAUSED);
    CHECK(!mote_wasi_ready(&b->ctx));
    CHECK_EQ(send(a, "b", "hello", 5), 0);
    CHECK_EQ(b->wakes, 1);
    CHECK(mote_wasi_ready(&b->ctx));
    CHECK_EQ(mote_resume(b->inst), MOTE_OK);
    CHECK_EQ(b->result.i32, 5);
    CHECK(memcmp(b->mem + 4000, "hello", 5) == 0);
    CHECK_EQ(b->mem[4005], 0xEE);
    CHECK(strcmp((char *)b->mem + 5000, "a") == 0);
    CHECK(only_buffers_changed(b, 5));

    /* capabilities: a may not message c, nor b a */
    CHECK_EQ(send(a, "c_is_fifteen__", "x", 1), ERR(WASI_ENOTCAPABLE));
    CHECK_EQ(send(b, "a", "x", 1), ERR(WASI_ENOTCAPABLE));
    CHECK_EQ(mote_wasi_denied(&a->ctx), 1);

    /* shares: each sender holds at most 2 of b's 4 slots */
    CHECK_EQ(send(a, "b", "1", 1), 0);
    CHECK_EQ(send(a, "b", "22", 2), 0);
    CHECK_EQ(send(a, "b", "333", 3), ERR(WASI_EAGAIN)); /* a's flood stops at 2 */
    CHECK_EQ(send(c, "b", "c1", 2), 0);                 /* c still gets in */
    CHECK_EQ(send(c, "b", "c2", 2), 0);
    CHECK_EQ(send(c, "b", "c3", 2), ERR(WASI_EAGAIN));
    CHECK_EQ(b->mailbox.refused, 2);
    CHECK_EQ(b->mailbox.count, 4);
    /* too long for the mailbox (32), or for the buffer (stays queued) */
    uint8_t big[40];
    memset(big, 'z', sizeof big);
    CHECK_EQ(send(c, "b", big, 33), ERR(WASI_EMSGSIZE));
    CHECK_EQ(recv(b, 0, 0), ERR(WASI_EMSGSIZE));
    CHECK_EQ(recv(b, 1, 0), 1);
    CHECK_EQ(b->mem[4000], '1');
    CHECK_EQ(recv(b, 2, 0), 2);
    CHECK(memcmp(b->mem + 4000, "22", 2) == 0);
    CHECK_EQ(send(a, "b", "333", 3), 0); /* room again */
    CHECK_EQ(recv(b, 64, 0), 2);
    CHECK(strcmp((char *)b->mem + 5000, "c_is_fifteen__") == 0);
    /* a short name buffer: cut and terminated */
    recv_setup(b, 64, 0);
    recv_args[3].u32 = 3;
    CHECK_EQ(call(b, "mote.msg_recv", recv_args, 5), 2);
    CHECK(memcmp(b->mem + 5000, "c_\0", 3) == 0);
    CHECK_EQ(b->mem[5003], 0xEE);
    CHECK_EQ(recv(b, 64, 0), 3);
    CHECK_EQ(recv(b, 64, 0), ERR(WASI_EAGAIN));
    /* a full-size message and an empty one, across the ring's wrap */
    uint8_t full[32];
    for (int i = 0; i < 32; i++)
        full[i] = (uint8_t)(i * 7 + 1);
    for (int round = 0; round < 5; round++) {
        CHECK_EQ(send(a, "b", full, 32), 0);
        CHECK_EQ(send(a, "b", "", 0), 0);
        CHECK_EQ(recv(b, 32, 0), 32);
        CHECK(memcmp(b->mem + 4000, full, 32) == 0);
        CHECK_EQ(recv(b, 32, 0), 0);
    }
    /* MESSAGE events while watched */
    mote_value on[1] = {{.u32 = 1}};
    CHECK_EQ(call(b, "mote.msg_watch", on, 1), 0);
    CHECK(mote_wasi_can_wake(&b->ctx));
    CHECK_EQ(send(c, "b", "ev", 2), 0);
    mote_value ev[3];
    CHECK(mote_wasi_next_event(&b->ctx, ev));
    CHECK_EQ(ev[0].u32, MOTE_WASI_EVENT_MESSAGE);
    CHECK_EQ(ev[2].u32, 1);
    CHECK(mote_wasi_next_event(&b->ctx, ev)); /* repeats while pending */
    CHECK_EQ(recv(b, 64, 0), 2);
    CHECK(!mote_wasi_next_event(&b->ctx, ev));

    /* a blocking receiver's timeout, in virtual time */
    uint64_t t0 = sim_now();
    CHECK_EQ(recv(a, 64, 0), ERR(WASI_EAGAIN)); /* a has a mailbox, empty */
    CHECK_EQ(recv(a, 64, 2500), ERR(WASI_ETIMEDOUT));
    CHECK_EQ(sim_now() - t0, 2500);

    /* a receiver that stopped: senders find nobody; started again, its
     * mailbox is new */
    close_app(b);
    CHECK_EQ(send(a, "b", "late", 4), ERR(WASI_ENOENT));
    open_app(b, "b", false, NULL, 0);
    CHECK_EQ(recv(b, 64, 0), ERR(WASI_EAGAIN));
    CHECK_EQ(send(a, "b", "again", 5), 0);
    CHECK_EQ(recv(b, 64, 0), 5);
    close_app(a);
    close_app(b);
    close_app(c);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s forward.wasm\n", argv[0]);
        return 2;
    }
    wasm = read_file(argv[1], &wasm_len);
    sim_reset();
    mote_wasi_hub_init(&hub);
    test_shared_alarm();
    test_cooperative_wake();
    test_messages();
    return check_summary("test_hub");
}
