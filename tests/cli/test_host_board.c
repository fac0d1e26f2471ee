/*
 * The host board's simulation, tested through the HAL as firmware uses it:
 *
 *   test_host_board virtual FLASH_FILE TRACE.vcd
 *       virtual time (alarms and sleeps land exactly on their due times,
 *       callbacks held off by the interrupt lock), scripted GPIO edges as
 *       interrupts at their times, the VCD trace, a flash file with NOR
 *       semantics that holds its contents across runs, the text formats
 *   test_host_board huge-period
 *       a periodic alarm served late near the end of time (2^64 us)
 *   test_host_board deadlock
 *       a wait that nothing can end: the board stops the run (status 123)
 *   test_host_board real
 *       real time: a scripted edge and an alarm come on the wall clock
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mote/hal.h>
#include <mote_host.h>

#include "mote_check.h"

MOTE_CHECK_DEFINE;

static volatile unsigned alarms;
static volatile uint64_t alarm_at[16];

static void on_alarm(void *user)
{
    (void)user;
    if (alarms < 16)
        alarm_at[alarms] = mote_hal_time_us();
    alarms++;
}

static volatile unsigned edges;
static volatile uint64_t edge_at[16];
static volatile bool edge_level[16];

static void on_edge(uint32_t pin, bool high, void *user)
{
    (void)user;
    (void)pin;
    if (edges < 16) {
        edge_at[edges] = mote_hal_time_us();
        edge_level[edges] = high;
    }
    edges++;
}

/* Sleeps (as firmware does: lock, check, wait) until n alarms came. */
static void wait_alarms(unsigned n)
{
    for (;;) {
        mote_hal_irq_state s = mote_hal_irq_lock();
        bool done = alarms >= n;
        if (!done)
            mote_hal_wait_for_interrupt();
        mote_hal_irq_unlock(s);
        if (done)
            return;
    }
}

static void test_formats(void)
{
    uint64_t us = 0;
    CHECK(mote_host_parse_duration("250ms", &us) && us == 250000);
    CHECK(mote_host_parse_duration("1.5s", &us) && us == 1500000);
    CHECK(mote_host_parse_duration("10m", &us) && us == 600000000);
    CHECK(mote_host_parse_duration("2h", &us) && us == 7200000000ull);
    CHECK(mote_host_parse_duration("42", &us) && us == 42);
    CHECK(mote_host_parse_duration("0.0005s", &us) && us == 500);
    CHECK(!mote_host_parse_duration("ms", &us));
    CHECK(!mote_host_parse_duration("5 ms", &us));
    CHECK(!mote_host_parse_duration("-5ms", &us));
    CHECK(!mote_host_parse_duration("5parsecs", &us));
    char err[128];
    CHECK(!mote_host_gpio_script("10ms 1=0\n5ms 1=1", err, sizeof err));
    CHECK(strstr(err, "line 2") && strstr(err, "time order"));
    CHECK(!mote_host_gpio_script("10ms 40=1", err, sizeof err) && strstr(err, "0 to 31"));
    CHECK(!mote_host_gpio_script("10ms", err, sizeof err) && strstr(err, "PIN=LEVEL"));
    CHECK(!mote_host_gpio_script("10ms 1=x", err, sizeof err) && strstr(err, "level"));
}

static void test_virtual_time(void)
{
    CHECK(mote_hal_time_us() == 0);
    mote_hal_sleep_us(250000);
    CHECK(mote_hal_time_us() == 250000); /* exactly: the clock jumped */
    CHECK(mote_hal_alarm_start(1000, 0, on_alarm, NULL) == MOTE_HAL_OK);
    wait_alarms(1);
    CHECK(alarm_at[0] == 251000);
    alarms = 0;
    CHECK(mote_hal_alarm_start(100000, 100000, on_alarm, NULL) == MOTE_HAL_OK);
    mote_hal_sleep_us(1000000); /* ten periods pass while asleep */
    CHECK(alarms == 10);
    CHECK(alarm_at[9] == 1251000);
    mote_hal_alarm_stop();

    /* Locked, a due alarm waits for the unlock. */
    alarms = 0;
    mote_hal_irq_state s = mote_hal_irq_lock();
    CHECK(mote_hal_alarm_start(0, 0, on_alarm, NULL) == MOTE_HAL_OK);
    CHECK(alarms == 0);
    mote_hal_irq_unlock(s);
    CHECK(alarms == 1);
}

/* A busy-wait on the clock still ends: the clock creeps forward while it
 * is read again and again at one instant.  (Last: from here on every read
 * moves the clock, until the next sleep.) */
static void test_busy_wait(void)
{
    uint64_t start = mote_hal_time_us(), end = start + 50;
    while (mote_hal_time_us() < end) {
    }
    mote_hal_sleep_us(1000);
    CHECK(mote_hal_time_us() == end + 1000 + 1);
}

/* The script (main) drives pin 3 at 2 s, 2.5 s and 3 s. */
static void test_scripted_edges(void)
{
    CHECK(mote_hal_gpio_configure(3, MOTE_HAL_GPIO_INPUT_PULLUP) == MOTE_HAL_OK);
    CHECK(mote_hal_gpio_set_interrupt(3, MOTE_HAL_GPIO_EDGE_BOTH, on_edge, NULL) == MOTE_HAL_OK);
    CHECK(mote_hal_gpio_configure(5, MOTE_HAL_GPIO_OUTPUT) == MOTE_HAL_OK);
    mote_hal_sleep_us(2000000 - mote_hal_time_us() + 700000); /* to 2.7 s */
    CHECK(edges == 2);
    CHECK(edge_at[0] == 2000000 && !edge_level[0]);
    CHECK(edge_at[1] == 2500000 && edge_level[1]);
    bool level = false;
    CHECK(mote_hal_gpio_read(3, &level) == MOTE_HAL_OK && level);
    CHECK(mote_hal_gpio_write(5, true) == MOTE_HAL_OK); /* traced at 2.7 s */
    mote_hal_sleep_us(500000);
    CHECK(edges == 3 && edge_at[2] == 3000000);
    CHECK(mote_hal_gpio_toggle(5) == MOTE_HAL_OK); /* and at 3.2 s */
    CHECK(mote_hal_gpio_configure(32, MOTE_HAL_GPIO_OUTPUT) == MOTE_HAL_ERR_ARGUMENT);
}

static void test_flash(const char *path)
{
    mote_hal_flash_info info;
    CHECK(mote_hal_flash_info_get(&info) == MOTE_HAL_OK);
    CHECK(info.size == 1024 * 1024 && info.sector_size == 4096 && info.write_size == 4);
    const uint8_t *mapped = (const uint8_t *)info.base;
    uint8_t word[4] = {0x0F, 0xF0, 0x55, 0xAA}, back[4];
    /* What an earlier run left in the last sector: this run's pattern, if
     * the file existed already. */
    uint32_t last = info.size - info.sector_size;
    bool earlier = mapped[last] == 0x0F;
    printf("flash: %s\n", earlier ? "contents from the earlier run found" : "a new file");
    CHECK(mote_hal_flash_erase(last, info.sector_size) == MOTE_HAL_OK);
    CHECK(mapped[last] == 0xFF && mapped[info.size - 1] == 0xFF);
    CHECK(mote_hal_flash_program(last, word, 4) == MOTE_HAL_OK);
    uint8_t more[4] = {0xFF, 0x0F, 0xF0, 0xFF};
    CHECK(mote_hal_flash_program(last, more, 4) == MOTE_HAL_OK); /* only clears bits */
    CHECK(mote_hal_flash_read(last, back, 4) == MOTE_HAL_OK);
    CHECK(back[0] == 0x0F && back[1] == 0x00 && back[2] == 0x50 && back[3] == 0xAA);
    CHECK(mote_hal_flash_program(last + 2, word, 4) == MOTE_HAL_ERR_ARGUMENT);
    CHECK(mote_hal_flash_erase(last + 4096 / 2, 4096) == MOTE_HAL_ERR_ARGUMENT);
    CHECK(mote_hal_flash_read(info.size - 2, back, 4) == MOTE_HAL_ERR_ARGUMENT);
    /* The file itself holds the bytes. */
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0 && pread(fd, back, 4, last) == 4 && back[1] == 0x00 && back[2] == 0x50);
    if (fd >= 0)
        close(fd);
}

/* A periodic alarm served late, near the end of time, with a period near
 * 2^64: its next slot is past the end and saturates; it must not wrap to
 * the past, where the alarm would fire for ever.  A run of its own: the
 * clock ends near 2^64. */
static void test_late_huge_period(void)
{
    alarms = 0;
    mote_hal_irq_state s = mote_hal_irq_lock();
    CHECK(mote_hal_alarm_start(1000, (uint64_t)1 << 63, on_alarm, NULL) == MOTE_HAL_OK);
    uint64_t start = mote_hal_time_us();
    mote_host_spend_us(UINT64_MAX - 5000 - start); /* two slots pass, locked */
    mote_hal_irq_unlock(s);
    CHECK(alarms == 1 && alarm_at[0] == UINT64_MAX - 5000);
    mote_host_spend_us(1000);
    CHECK(alarms == 1);
    mote_hal_alarm_stop();
}

static int run_virtual(const char *flash, const char *trace)
{
    test_formats();
    char err[256];
    mote_host_set_virtual_time(true);
    CHECK(mote_host_set_flash_file(flash, 0, 0, err, sizeof err));
    CHECK(mote_host_gpio_script("2s 3=0  # pressed\n+500ms 3=1; 3s 3=0", err, sizeof err));
    CHECK(mote_host_gpio_trace(trace, err, sizeof err));
    mote_hal_init();
    test_virtual_time();
    test_scripted_edges();
    test_flash(flash);
    test_busy_wait();
    return check_summary("host board");
}

static int run_real(void)
{
    char err[128];
    CHECK(mote_host_gpio_script("30ms 7=1", err, sizeof err));
    mote_hal_init();
    CHECK(mote_hal_gpio_set_interrupt(7, MOTE_HAL_GPIO_EDGE_RISING, on_edge, NULL) == MOTE_HAL_OK);
    CHECK(mote_hal_alarm_start(60000, 0, on_alarm, NULL) == MOTE_HAL_OK);
    wait_alarms(1);
    CHECK(edges == 1 && edge_at[0] >= 30000 && edge_at[0] < alarm_at[0]);
    CHECK(alarm_at[0] >= 60000);
    return check_summary("host board");
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "virtual"))
        return run_virtual(argv[2], argv[3]);
    if (argc == 2 && !strcmp(argv[1], "real"))
        return run_real();
    if (argc == 2 && !strcmp(argv[1], "huge-period")) {
        mote_host_set_virtual_time(true);
        mote_hal_init();
        test_late_huge_period();
        return check_summary("host board");
    }
    if (argc == 2 && !strcmp(argv[1], "deadlock")) {
        mote_host_set_virtual_time(true);
        mote_hal_init();
        mote_hal_sleep_us(1000);
        mote_hal_irq_state s = mote_hal_irq_lock();
        mote_hal_wait_for_interrupt(); /* nothing can end this */
        mote_hal_irq_unlock(s);
        printf("still running\n");
        return 1;
    }
    fprintf(stderr, "usage: test_host_board virtual FLASH TRACE | real | huge-period | deadlock\n");
    return 2;
}
