/*
 * sim_hal.c -- the virtual-time HAL for WASI-lite's tests (see sim_hal.h).
 *
 * Everything is one static state: time, the alarm, the pins, scripted
 * input.  "Interrupts" are the alarm and scripted pin edges; both are kept
 * in time order and fired, with the lock flag set as an interrupt handler
 * would run, whenever time moves: in mote_hal_wait_for_interrupt(),
 * mote_hal_sleep_us() and sim_advance().
 */
#include "sim_hal.h"

#include <stdlib.h>
#include <string.h>

#include <mote/hal.h>

#define NEVER UINT64_MAX
#define MAX_DRIVES 256
#define MAX_CHUNKS 64
#define INPUT_BYTES 65536
#define OUTPUT_BYTES (1u << 20)
#define DEFAULT_LIMIT_US (600ull * 1000 * 1000)

typedef struct pin_state {
    mote_hal_gpio_mode mode;
    bool level;
    bool driven, drive_level; /* an external signal holds the pin */
    mote_hal_gpio_edge edge;
    mote_hal_gpio_fn fn;
    void *user;
} pin_state;

typedef struct drive {
    uint64_t at;
    uint32_t pin;
    bool high;
} drive;

static struct {
    uint64_t now;
    uint64_t limit; /* 0: DEFAULT_LIMIT_US */
    bool locked;
    struct {
        bool active;
        uint64_t due, period;
        mote_hal_alarm_fn fn;
        void *user;
    } alarm;
    uint32_t alarm_starts;
    bool rtc_known;      /* a board without an RTC until it is set */
    uint64_t rtc_offset; /* wall clock - virtual time */
    pin_state pins[SIM_PINS];
    drive drives[MAX_DRIVES];
    size_t ndrives, next_drive;
    uint8_t in[INPUT_BYTES];
    struct {
        uint64_t at;
        size_t end;
    } chunks[MAX_CHUNKS];
    size_t nchunks, in_len, in_pos;
    char out[OUTPUT_BYTES];
    size_t out_len;
    FILE *echo, *trace;
} sim;

bool sim_available(void)
{
    return true;
}

void sim_reset(void)
{
    FILE *echo = sim.echo, *trace = sim.trace;
    uint64_t limit = sim.limit;
    memset(&sim, 0, sizeof sim);
    sim.echo = echo;
    sim.trace = trace;
    sim.limit = limit;
}

void sim_time_limit(uint64_t us)
{
    sim.limit = us;
}

/* Moves the clock to t, unless that passes the time limit. */
static void set_time(uint64_t t)
{
    uint64_t limit = sim.limit != 0 ? sim.limit : DEFAULT_LIMIT_US;
    if (t > limit) {
        fflush(sim.echo);
        fprintf(stderr, "sim: time limit: virtual time would pass %llu us\n",
                (unsigned long long)limit);
        exit(SIM_EXIT_TIME_LIMIT);
    }
    sim.now = t;
}

uint64_t sim_now(void)
{
    return sim.now;
}

uint32_t sim_alarm_starts(void)
{
    return sim.alarm_starts;
}

bool sim_irq_locked(void)
{
    return sim.locked;
}

/* ---- interrupts ---------------------------------------------------------- */

/* Sets a pin's level; calls its edge callback as an interrupt would. */
static void set_level(uint32_t pin, bool level)
{
    pin_state *p = &sim.pins[pin];
    bool was = p->level;
    p->level = level;
    mote_hal_gpio_edge seen = level ? MOTE_HAL_GPIO_EDGE_RISING : MOTE_HAL_GPIO_EDGE_FALLING;
    if (was == level || !(p->edge & seen) || p->fn == NULL)
        return;
    bool locked = sim.locked;
    sim.locked = true;
    p->fn(pin, level, p->user);
    sim.locked = locked;
}

static void fire_alarm(void)
{
    mote_hal_alarm_fn fn = sim.alarm.fn;
    void *user = sim.alarm.user;
    if (sim.alarm.period != 0) {
        uint64_t late = (sim.now - sim.alarm.due) % sim.alarm.period;
        uint64_t next = sim.now - late; /* the last slot passed */
        sim.alarm.due = sim.alarm.period >= NEVER - 1 - next ? NEVER - 1 : next + sim.alarm.period;
    } else {
        sim.alarm.active = false;
    }
    bool locked = sim.locked;
    sim.locked = true;
    fn(user);
    sim.locked = locked;
}

static void fire_drive(void)
{
    drive d = sim.drives[sim.next_drive++];
    pin_state *p = &sim.pins[d.pin];
    p->driven = true;
    p->drive_level = d.high;
    if (p->mode != MOTE_HAL_GPIO_OUTPUT)
        set_level(d.pin, d.high);
}

static uint64_t next_time(void)
{
    uint64_t t = sim.alarm.active ? sim.alarm.due : NEVER;
    if (sim.next_drive < sim.ndrives && sim.drives[sim.next_drive].at < t)
        t = sim.drives[sim.next_drive].at;
    return t;
}

/* Fires the earliest scheduled thing if it is due by `limit`. */
static bool fire_next(uint64_t limit)
{
    uint64_t t = next_time();
    if (t == NEVER || t > limit)
        return false;
    if (t > sim.now)
        set_time(t);
    bool drive_first = sim.next_drive < sim.ndrives && sim.drives[sim.next_drive].at == t;
    if (drive_first)
        fire_drive();
    else
        fire_alarm();
    return true;
}

/* Time passes; with interrupts locked, what falls due waits for the unlock. */
void sim_advance(uint64_t us)
{
    uint64_t target = sim.now + us;
    while (!sim.locked && fire_next(target)) {
    }
    set_time(target);
}

void mote_hal_wait_for_interrupt(void)
{
    uint64_t t = next_time();
    if (t == NEVER) {
        fprintf(stderr,
                "sim: deadlock: waiting for an interrupt at t=%llu us with nothing "
                "scheduled\n",
                (unsigned long long)sim.now);
        exit(SIM_EXIT_DEADLOCK);
    }
    fire_next(t);
}

void mote_hal_sleep_us(uint64_t us)
{
    sim_advance(us);
}

mote_hal_irq_state mote_hal_irq_lock(void)
{
    bool was = sim.locked;
    sim.locked = true;
    return was;
}

void mote_hal_irq_unlock(mote_hal_irq_state previous)
{
    sim.locked = previous != 0;
    while (!sim.locked && fire_next(sim.now)) { /* interrupts held back */
    }
}

/* ---- time and alarm ------------------------------------------------------ */

void mote_hal_init(void)
{
}

uint64_t mote_hal_time_us(void)
{
    return sim.now;
}

mote_hal_status mote_hal_rtc_get(uint64_t *unix_us)
{
    if (!sim.rtc_known)
        return MOTE_HAL_ERR_UNSUPPORTED;
    *unix_us = sim.rtc_offset + sim.now;
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_rtc_set(uint64_t unix_us)
{
    sim.rtc_offset = unix_us - sim.now;
    sim.rtc_known = true;
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_alarm_start(uint64_t delay_us, uint64_t period_us, mote_hal_alarm_fn fn,
                                     void *user)
{
    if (fn == NULL)
        return MOTE_HAL_ERR_ARGUMENT;
    sim.alarm_starts++;
    sim.alarm.active = true;
    sim.alarm.due = delay_us > NEVER - 1 - sim.now ? NEVER - 1 : sim.now + delay_us;
    sim.alarm.period = period_us;
    sim.alarm.fn = fn;
    sim.alarm.user = user;
    return MOTE_HAL_OK;
}

void mote_hal_alarm_stop(void)
{
    sim.alarm.active = false;
}

/* ---- console ------------------------------------------------------------- */

void mote_hal_console_write(const void *data, size_t len)
{
    size_t room = OUTPUT_BYTES - sim.out_len;
    memcpy(sim.out + sim.out_len, data, len < room ? len : room);
    sim.out_len += len < room ? len : room;
    if (sim.echo != NULL) {
        fwrite(data, 1, len, sim.echo);
        fflush(sim.echo);
    }
}

/* Bytes that have arrived by now. */
static size_t input_arrived(void)
{
    size_t end = 0;
    for (size_t i = 0; i < sim.nchunks && sim.chunks[i].at <= sim.now; i++)
        end = sim.chunks[i].end;
    return end;
}

bool mote_hal_console_readable(void)
{
    return sim.in_pos < input_arrived();
}

size_t mote_hal_console_read(void *buf, size_t max)
{
    size_t avail = input_arrived() - sim.in_pos;
    size_t n = avail < max ? avail : max;
    memcpy(buf, sim.in + sim.in_pos, n);
    sim.in_pos += n;
    return n;
}

bool sim_console_input(uint64_t at_us, const void *data, size_t len)
{
    if (sim.nchunks == MAX_CHUNKS || len > INPUT_BYTES - sim.in_len ||
        (sim.nchunks > 0 && at_us < sim.chunks[sim.nchunks - 1].at))
        return false;
    memcpy(sim.in + sim.in_len, data, len);
    sim.in_len += len;
    sim.chunks[sim.nchunks].at = at_us;
    sim.chunks[sim.nchunks].end = sim.in_len;
    sim.nchunks++;
    return true;
}

const char *sim_console_output(size_t *len)
{
    *len = sim.out_len;
    return sim.out;
}

void sim_console_clear(void)
{
    sim.out_len = 0;
}

void sim_console_echo(FILE *echo)
{
    sim.echo = echo;
}

/* ---- GPIO ---------------------------------------------------------------- */

const mote_hal_board_info *mote_hal_board(void)
{
    static const mote_hal_board_info info = {
        .name = "sim",
        .cpu = "virtual",
        .gpio_count = SIM_PINS,
    };
    return &info;
}

bool sim_gpio_drive(uint32_t pin, bool high, uint64_t at_us)
{
    if (pin >= SIM_PINS || sim.ndrives == MAX_DRIVES ||
        (sim.ndrives > 0 && at_us < sim.drives[sim.ndrives - 1].at))
        return false;
    sim.drives[sim.ndrives++] = (drive){at_us, pin, high};
    return true;
}

void sim_gpio_trace(FILE *trace)
{
    sim.trace = trace;
}

static void output_level(uint32_t pin, bool high)
{
    if (sim.pins[pin].level != high && sim.trace != NULL)
        fprintf(sim.trace, "gpio %llu %u %d\n", (unsigned long long)sim.now, pin, high);
    set_level(pin, high);
}

mote_hal_status mote_hal_gpio_configure(uint32_t pin, mote_hal_gpio_mode mode)
{
    if (pin >= SIM_PINS || mode > MOTE_HAL_GPIO_OUTPUT)
        return MOTE_HAL_ERR_ARGUMENT;
    if (pin == SIM_PIN_BUSY)
        return MOTE_HAL_ERR_BUSY;
    if (pin == SIM_PIN_LED_ONLY && mode != MOTE_HAL_GPIO_OUTPUT)
        return MOTE_HAL_ERR_UNSUPPORTED;
    pin_state *p = &sim.pins[pin];
    p->mode = mode;
    if (mode != MOTE_HAL_GPIO_OUTPUT)
        set_level(pin, p->driven ? p->drive_level : mode == MOTE_HAL_GPIO_INPUT_PULLUP);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_write(uint32_t pin, bool high)
{
    if (pin >= SIM_PINS)
        return MOTE_HAL_ERR_ARGUMENT;
    if (sim.pins[pin].mode == MOTE_HAL_GPIO_OUTPUT)
        output_level(pin, high);
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_toggle(uint32_t pin)
{
    if (pin >= SIM_PINS)
        return MOTE_HAL_ERR_ARGUMENT;
    return mote_hal_gpio_write(pin, !sim.pins[pin].level);
}

mote_hal_status mote_hal_gpio_read(uint32_t pin, bool *high)
{
    if (pin >= SIM_PINS)
        return MOTE_HAL_ERR_ARGUMENT;
    *high = sim.pins[pin].level;
    return MOTE_HAL_OK;
}

mote_hal_status mote_hal_gpio_set_interrupt(uint32_t pin, mote_hal_gpio_edge edge,
                                            mote_hal_gpio_fn fn, void *user)
{
    if (pin >= SIM_PINS || edge > MOTE_HAL_GPIO_EDGE_BOTH ||
        (edge != MOTE_HAL_GPIO_EDGE_NONE && fn == NULL))
        return MOTE_HAL_ERR_ARGUMENT;
    if (pin == SIM_PIN_BUSY)
        return MOTE_HAL_ERR_BUSY;
    if (pin == SIM_PIN_NO_IRQ && edge != MOTE_HAL_GPIO_EDGE_NONE)
        return MOTE_HAL_ERR_UNSUPPORTED;
    sim.pins[pin].edge = edge;
    sim.pins[pin].fn = fn;
    sim.pins[pin].user = user;
    return MOTE_HAL_OK;
}

/* ---- the rest of the contract ------------------------------------------- */

const char *mote_hal_status_name(mote_hal_status status)
{
    static const char *const names[] = {"ok", "unsupported", "argument", "busy", "io"};
    return (unsigned)status < 5 ? names[status] : "unknown";
}

_Noreturn void mote_hal_exit(int status)
{
    fflush(NULL);
    exit(status);
}

mote_hal_status mote_hal_flash_info_get(mote_hal_flash_info *info)
{
    (void)info;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_hal_flash_read(uint32_t offset, void *buf, size_t len)
{
    (void)offset, (void)buf, (void)len;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_hal_flash_erase(uint32_t offset, uint32_t len)
{
    (void)offset, (void)len;
    return MOTE_HAL_ERR_UNSUPPORTED;
}

mote_hal_status mote_hal_flash_program(uint32_t offset, const void *data, size_t len)
{
    (void)offset, (void)data, (void)len;
    return MOTE_HAL_ERR_UNSUPPORTED;
}
