/*
 * test_events.c -- timers, GPIO edges, the event queue and waiting, on the
 * simulated HAL where time is exact: periodic and one-shot timers
 * multiplexed on the one alarm, late expirations counted, queue overflow
 * reported at the right place, timer_stop purging, UART readiness, and the
 * cooperative mode (MOTE_PAUSED, mote_wasi_idle, resumed waits that keep
 * their start time).
 *
 * usage: test_events forward.wasm reactor.wasm
 */
#include <string.h>

#include <mote/hal.h>

#include "mote_check.h"
#include "fixture.h"
#include "sim_hal.h"
#include "wasi_abi.h"

MOTE_CHECK_DEFINE;

#define REC 3000u /* where event records go in guest memory */
#define BUTTON 1u

enum { EV_GPIO = 1, EV_TIMER = 2, EV_UART = 3, EV_OVERFLOW = 4 };

static fixture fx;
static const char *wasm_path;

static uint32_t get32(uint32_t at)
{
    return (uint32_t)fx.mem[at] | (uint32_t)fx.mem[at + 1] << 8 | (uint32_t)fx.mem[at + 2] << 16 |
           (uint32_t)fx.mem[at + 3] << 24;
}

static uint64_t get64(uint32_t at)
{
    return get32(at) | (uint64_t)get32(at + 4) << 32;
}

static void open_app(bool cooperative)
{
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.pins = 0x3;
    cfg.max_timers = 3;
    cfg.cooperative = cooperative;
    sim_reset();
    fx_open(&fx, wasm_path, &cfg);
}

static int32_t timer_start(uint32_t id, uint64_t delay, uint64_t period)
{
    mote_value a[3] = {{.u32 = id}, {.u64 = delay}, {.u64 = period}};
    return fx_call(&fx, "mote.timer_start", a, 3, NULL);
}

/* event_wait(REC, timeout); returns its result. */
static int32_t wait_event(int64_t timeout)
{
    mote_value a[2] = {{.u32 = REC}, {.i64 = timeout}};
    memset(fx.mem + REC, 0xEE, 24);
    return fx_call(&fx, "mote.event_wait", a, 2, NULL);
}

/* Waits for one event and checks it. */
static void expect_event(uint32_t kind, uint32_t source, uint32_t value, uint64_t time)
{
    CHECK_EQ(wait_event(-1), 1);
    CHECK_EQ(get32(REC), kind);
    CHECK_EQ(get32(REC + 4), source);
    CHECK_EQ(get32(REC + 8), value);
    CHECK_EQ(get32(REC + 12), 0);
    CHECK_EQ(get64(REC + 16), time);
}

static void test_timers(void)
{
    open_app(false);
    /* periodic timer 0 every 1 ms from 1 ms, one-shot timer 1 at 2.5 ms,
     * periodic timer 2 every 1.5 ms from 0.5 ms: one alarm serves all */
    CHECK_EQ(timer_start(0, 1000, 1000), 0);
    CHECK_EQ(timer_start(1, 2500, 0), 0);
    CHECK_EQ(timer_start(2, 500, 1500), 0);
    expect_event(EV_TIMER, 2, 1, 500);
    expect_event(EV_TIMER, 0, 1, 1000);
    expect_event(EV_TIMER, 0, 1, 2000); /* due together: id order */
    expect_event(EV_TIMER, 2, 1, 2000);
    expect_event(EV_TIMER, 1, 1, 2500);
    expect_event(EV_TIMER, 0, 1, 3000);
    CHECK_EQ(fx_call_i(&fx, "mote.timer_stop", 1, 2), 0);
    expect_event(EV_TIMER, 0, 1, 4000);
    /* a timeout shorter than the next expiry */
    CHECK_EQ(wait_event(300), 0);
    CHECK_EQ(sim_now(), 4300);
    /* the app is busy (interrupts held off) for 3.5 periods: one late
     * event that stands for every expiration it missed */
    mote_hal_irq_state s = mote_hal_irq_lock();
    sim_advance(3500);
    mote_hal_irq_unlock(s);
    expect_event(EV_TIMER, 0, 3, 7800); /* 5000, 6000, 7000 */
    expect_event(EV_TIMER, 0, 1, 8000);
    /* restarting replaces the schedule */
    CHECK_EQ(timer_start(0, 100, 0), 0);
    expect_event(EV_TIMER, 0, 1, 8100);
    CHECK_EQ(wait_event(-1), -WASI_EDEADLK); /* nothing left running */
    fx_close(&fx);
}

/* A period near 2^64 and a clock near its end: the next slot, start +
 * k * period, is past the end of time, and stays there (saturated); it
 * must not wrap to the past, where the timer would be due forever. */
static void test_huge_period(void)
{
    const uint64_t period = (uint64_t)1 << 63, late = UINT64_MAX - 1000;
    sim_time_limit(UINT64_MAX);
    open_app(false);
    CHECK_EQ(timer_start(0, 1000, period), 0);
    mote_hal_irq_state s = mote_hal_irq_lock();
    sim_advance(late); /* two slots passed: 1000 and 1000 + 2^63 */
    mote_hal_irq_unlock(s);
    expect_event(EV_TIMER, 0, 2, late);
    CHECK_EQ(wait_event(0), 0); /* the next slot is beyond the clock */
    fx_close(&fx);
    sim_time_limit(0);
}

static void test_stop_purges(void)
{
    open_app(false);
    CHECK_EQ(timer_start(0, 1000, 1000), 0);
    CHECK_EQ(timer_start(1, 1500, 0), 0);
    sim_advance(3200); /* queued: t0@1000, t1@1500, t0@2000, t0@3000 */
    CHECK_EQ(fx_call_i(&fx, "mote.timer_stop", 1, 0), 0);
    expect_event(EV_TIMER, 1, 1, 1500);
    CHECK_EQ(wait_event(0), 0);
    fx_close(&fx);
}

static void test_gpio_edges(void)
{
    open_app(false);
    CHECK_EQ(fx_call_i(&fx, "mote.gpio_configure", 2, BUTTON, 1), 0);
    CHECK_EQ(fx_call_i(&fx, "mote.gpio_watch", 2, BUTTON, 2), 0); /* falling */
    sim_gpio_drive(BUTTON, false, 1000);
    sim_gpio_drive(BUTTON, true, 1200);
    sim_gpio_drive(BUTTON, false, 5000);
    expect_event(EV_GPIO, BUTTON, 0, 1000);
    expect_event(EV_GPIO, BUTTON, 0, 5000);
    CHECK_EQ(fx_call_i(&fx, "mote.gpio_watch", 2, BUTTON, 3), 0); /* both */
    sim_gpio_drive(BUTTON, true, 6000);
    expect_event(EV_GPIO, BUTTON, 1, 6000);
    CHECK_EQ(fx_call_i(&fx, "mote.gpio_watch", 2, BUTTON, 0), 0); /* off */
    sim_gpio_drive(BUTTON, false, 7000);
    CHECK_EQ(wait_event(-1), -WASI_EDEADLK);
    fx_close(&fx);
}

static void test_overflow(void)
{
    open_app(false);
    CHECK_EQ(fx_call_i(&fx, "mote.gpio_configure", 2, BUTTON, 0), 0);
    CHECK_EQ(fx_call_i(&fx, "mote.gpio_watch", 2, BUTTON, 3), 0);
    /* 20 edges while the app does not look: 16 fit, 4 are lost */
    for (uint32_t i = 0; i < 20; i++)
        sim_gpio_drive(BUTTON, i % 2 == 0, 100 * (i + 1));
    sim_advance(2500);
    CHECK_EQ(mote_wasi_events_lost(&fx.ctx), 4);
    for (uint32_t i = 0; i < MOTE_WASI_EVENT_QUEUE; i++)
        expect_event(EV_GPIO, BUTTON, i % 2 == 0, 100 * (i + 1));
    /* the report comes where the events were lost, before newer ones */
    sim_gpio_drive(BUTTON, true, 3000);
    sim_advance(1000);
    CHECK_EQ(wait_event(-1), 1);
    CHECK_EQ(get32(REC), EV_OVERFLOW);
    CHECK_EQ(get32(REC + 8), 4);
    expect_event(EV_GPIO, BUTTON, 1, 3000);
    CHECK_EQ(wait_event(0), 0);
    fx_close(&fx);
}

static void test_uart(void)
{
    open_app(false);
    CHECK_EQ(fx_call_i(&fx, "mote.uart_watch", 1, 1), 0);
    sim_console_input(25000, "k", 1);
    CHECK_EQ(wait_event(-1), 1);
    CHECK_EQ(get32(REC), EV_UART);
    /* no receive interrupt: seen at the next console poll (every 10 ms) */
    CHECK_EQ(sim_now(), 30000);
    CHECK_EQ(wait_event(-1), 1); /* still pending: repeats */
    uint8_t c;
    CHECK_EQ(mote_hal_console_read(&c, 1), 1);
    CHECK_EQ(wait_event(100), 0);
    CHECK_EQ(fx_call_i(&fx, "mote.uart_watch", 1, 0), 0);
    CHECK_EQ(wait_event(-1), -WASI_EDEADLK);
    fx_close(&fx);
}

/* Cooperative mode: waits pause the call instead of sleeping. */
static void test_cooperative(void)
{
    open_app(true);
    /* poll_oneoff: a 5 ms sleep, 3 ms of which the firmware spends elsewhere */
    uint8_t *sub = fx.mem + 4000;
    memset(sub, 0, 48);
    sub[16] = WASI_CLOCK_MONOTONIC;
    uint64_t timeout = 5000000;
    memcpy(sub + 24, &timeout, 8);
    mote_func *poll = mote_export_func(fx.inst, "poll_oneoff");
    mote_value args[4] = {{.u32 = 4000}, {.u32 = 5000}, {.u32 = 1}, {.u32 = 6000}}, result;
    CHECK_EQ(mote_call(fx.inst, poll, args, 4, &result, 1), MOTE_PAUSED);
    CHECK_EQ(sim_now(), 0);
    sim_advance(3000);
    CHECK_EQ(mote_resume(fx.inst), MOTE_PAUSED);
    mote_wasi_idle(&fx.ctx);
    CHECK_EQ(sim_now(), 5000); /* not 8000: the wait kept its start */
    CHECK_EQ(mote_resume(fx.inst), MOTE_OK);
    CHECK_EQ(result.i32, 0);
    CHECK_EQ(get32(6000), 1);

    /* event_wait on a timer */
    CHECK_EQ(timer_start(0, 2000, 0), 0);
    mote_func *wait = mote_export_func(fx.inst, "mote.event_wait");
    mote_value w[2] = {{.u32 = REC}, {.i64 = -1}};
    CHECK_EQ(mote_call(fx.inst, wait, w, 2, &result, 1), MOTE_PAUSED);
    mote_wasi_idle(&fx.ctx);
    CHECK_EQ(sim_now(), 7000);
    CHECK_EQ(mote_resume(fx.inst), MOTE_OK);
    CHECK(result.i32 == 1 && get32(REC) == EV_TIMER && get64(REC + 16) == 7000);

    /* sched_yield gives the firmware one turn */
    mote_func *yield = mote_export_func(fx.inst, "sched_yield");
    CHECK_EQ(mote_call(fx.inst, yield, NULL, 0, &result, 1), MOTE_PAUSED);
    mote_wasi_idle(&fx.ctx); /* not waiting: returns at once */
    CHECK_EQ(sim_now(), 7000);
    CHECK_EQ(mote_resume(fx.inst), MOTE_OK);
    CHECK_EQ(result.i32, 0);

    /* an abandoned wait is forgotten: the next one starts afresh */
    CHECK_EQ(mote_call(fx.inst, poll, args, 4, &result, 1), MOTE_PAUSED);
    mote_abandon(fx.inst);
    mote_wasi_forget_wait(&fx.ctx);
    sim_advance(10000);
    CHECK_EQ(mote_call(fx.inst, poll, args, 4, &result, 1), MOTE_PAUSED);
    mote_wasi_idle(&fx.ctx);
    CHECK_EQ(sim_now(), 22000);
    CHECK_EQ(mote_resume(fx.inst), MOTE_OK);
    fx_close(&fx);
}

static bool fake_trng(void *buf, size_t len, void *user)
{
    memset(buf, 0x5A, len);
    ++*(int *)user;
    return true;
}

/* A wall clock set by the firmware, a hardware generator, '\r' translation. */
static void test_config(void)
{
    static int trng_calls;
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.random = fake_trng;
    cfg.random_user = &trng_calls;
    cfg.input_cr_to_nl = true;
    sim_reset();
    fx_open(&fx, wasm_path, &cfg);
    /* The board has no RTC: no wall clock until the firmware sets it. */
    mote_value t[3] = {{.u32 = WASI_CLOCK_REALTIME}, {.u64 = 0}, {.u32 = 100}};
    CHECK_EQ(fx_call(&fx, "clock_time_get", t, 3, NULL), WASI_ENOTSUP);
    CHECK_EQ(mote_hal_rtc_set(1700000000000000ull), MOTE_HAL_OK);
    sim_advance(250);
    CHECK_EQ(fx_call(&fx, "clock_time_get", t, 3, NULL), 0);
    CHECK(get64(100) == 1700000000000000000ull + 250000);
    CHECK_EQ(fx_call_i(&fx, "clock_res_get", 2, WASI_CLOCK_REALTIME, 100), 0);
    /* an absolute realtime sleep now works: until base + 1 ms */
    uint8_t *sub = fx.mem + 4000;
    memset(sub, 0, 48);
    sub[16] = WASI_CLOCK_REALTIME;
    uint64_t when = 1700000000000000000ull + 1000000;
    memcpy(sub + 24, &when, 8);
    sub[40] = WASI_SUBCLOCK_ABSTIME;
    CHECK_EQ(fx_call_i(&fx, "poll_oneoff", 4, 4000, 5000, 1, 6000), 0);
    CHECK_EQ(sim_now(), 1000);
    CHECK(fx.mem[5000 + 8] == 0 && fx.mem[5000 + 9] == 0);
    CHECK_EQ(fx_call_i(&fx, "random_get", 2, 200, 8), 0);
    CHECK(trng_calls == 1 && fx.mem[200] == 0x5A && fx.mem[207] == 0x5A);
    sim_console_input(sim_now(), "a\rb", 3);
    uint32_t iov[2] = {300, 8};
    memcpy(fx.mem + 400, iov, 8);
    CHECK_EQ(fx_call_i(&fx, "fd_read", 4, 0, 400, 1, 500), 0);
    CHECK(get32(500) == 3 && memcmp(fx.mem + 300, "a\nb", 3) == 0);
    /* no args, no environment */
    CHECK_EQ(fx_call_i(&fx, "args_sizes_get", 2, 600, 604), 0);
    CHECK(get32(600) == 0 && get32(604) == 0);
    fx_close(&fx);

    /* bad configurations are refused */
    mote_wasi ctx;
    cfg.max_timers = MOTE_WASI_MAX_TIMERS + 1;
    CHECK_EQ(mote_wasi_init(&ctx, &cfg), MOTE_ERR_ARGUMENT);
    cfg.max_timers = 0;
    cfg.argc = 1;
    CHECK_EQ(mote_wasi_init(&ctx, &cfg), MOTE_ERR_ARGUMENT);
}

/* The firmware's own loop around a reactor: mote_wasi_dispatch(). */
static void test_dispatch(const char *reactor_path)
{
    mote_wasi_config cfg;
    mote_wasi_config_init(&cfg);
    cfg.pins = 0x3;
    cfg.max_timers = 1;
    sim_reset();
    fx_open(&fx, reactor_path, &cfg);
    fx_call(&fx, "_initialize", NULL, 0, NULL);
    fx_call(&fx, "mote_on_start", NULL, 0, NULL);
    bool delivered = true;
    CHECK_EQ(mote_wasi_dispatch(&fx.ctx, fx.inst, 500, &delivered), MOTE_OK);
    CHECK(!delivered && sim_now() == 500);
    sim_console_clear();
    CHECK_EQ(mote_wasi_dispatch(&fx.ctx, fx.inst, 10000, &delivered), MOTE_OK);
    CHECK(delivered && sim_now() == 1000);
    size_t len;
    const char *out = sim_console_output(&len);
    CHECK(len == 27 && memcmp(out, "reactor: tick 1 at 1000 us\n", 27) == 0);
    CHECK_EQ(mote_wasi_dispatch(&fx.ctx, fx.inst, 0, &delivered), MOTE_OK);
    CHECK(!delivered && sim_now() == 1000);
    fx_close(&fx);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s forward.wasm reactor.wasm\n", argv[0]);
        return 2;
    }
    wasm_path = argv[1];
    test_timers();
    test_huge_period();
    test_stop_purges();
    test_gpio_edges();
    test_overflow();
    test_uart();
    test_cooperative();
    test_config();
    test_dispatch(argv[2]);
    return check_summary("test_events");
}
