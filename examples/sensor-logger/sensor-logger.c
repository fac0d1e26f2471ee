/*
 * sensor-logger -- samples a sensor on a periodic timer and logs formatted
 * readings; a one-shot timer turns the status LED off 20 ms after each
 * sample's blink; a door switch on a GPIO input is logged the moment it
 * changes (edge event) and with every sample; a summary (min, max, mean)
 * follows every few samples.
 *
 *   sensor-logger [period_ms [samples [summary_every [show]]]]   defaults 250, 8, 4
 *   env LED=<pin> (default 0), DOOR=<pin> (default 2; closed = low)
 *
 * Where the app has files (a preopened directory: the board's flash, or
 * mote run --flash / --dir), every sample also goes to log.csv, synced at
 * once, so a power cut loses no sample already logged; "show" as a fourth
 * argument prints the file at the end.  Read it back on a PC with
 * `mote fs cat IMAGE log.csv`.
 *
 * The HAL has no ADC, so the "sensor" is a synthetic temperature curve of
 * the sample number: the log is the same on every board and every run.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mote/device.h>

#define SAMPLE_TIMER 0
#define LED_TIMER 1
#define BLINK_US 20000u

typedef struct stats {
    int count;
    double min, max, sum;
} stats;

static uint32_t led, door;
static int have_door;
static FILE *log_file; /* log.csv, when the app has files */

static long arg(int argc, char **argv, int i, long fallback)
{
    return argc > i ? strtol(argv[i], NULL, 10) : fallback;
}

static double read_temperature(long k)
{
    return 21.0 + 2.5 * sin(0.7 * (double)k) + 0.01 * (double)(k % 7);
}

static const char *door_state(void)
{
    int level = have_door ? mote_gpio_read(door) : -1;
    return level < 0 ? "n/a" : level ? "open" : "closed";
}

static void add(stats *s, double v)
{
    if (s->count == 0 || v < s->min)
        s->min = v;
    if (s->count == 0 || v > s->max)
        s->max = v;
    s->sum += v;
    s->count++;
}

static void summary(stats *s)
{
    printf("summary: %d samples, min %.2f max %.2f mean %.2f C\n", s->count, s->min, s->max,
           s->sum / s->count);
    *s = (stats){0};
}

static void open_log(void)
{
    log_file = fopen("log.csv", "a");
    if (log_file == NULL)
        return; /* no files here: the console only */
    fseek(log_file, 0, SEEK_END);
    if (ftell(log_file) == 0)
        fputs("sample,time_ms,temp_c,door\n", log_file);
}

/* One line per sample, synced: once this returns, a power cut keeps it. */
static void log_sample(long k, long ms, double t, const char *door_now)
{
    if (log_file == NULL)
        return;
    fprintf(log_file, "%ld,%ld,%.2f,%s\n", k, ms, t, door_now);
    fflush(log_file);
    fsync(fileno(log_file));
}

static void show_log(void)
{
    FILE *f = fopen("log.csv", "r");
    char line[80];
    if (f == NULL)
        return;
    printf("log.csv:\n");
    while (fgets(line, sizeof line, f) != NULL)
        fputs(line, stdout);
    fclose(f);
}

static void setup_pins(void)
{
    const char *v = getenv("LED");
    led = v ? (uint32_t)atoi(v) : 0;
    v = getenv("DOOR");
    door = v ? (uint32_t)atoi(v) : 2;
    mote_gpio_configure(led, MOTE_GPIO_OUTPUT);
    int32_t r = mote_gpio_configure(door, MOTE_GPIO_INPUT_PULLUP);
    if (r == -ENOTSUP) /* no pull-up on this board */
        r = mote_gpio_configure(door, MOTE_GPIO_INPUT);
    have_door = r == 0;
    if (have_door)
        mote_gpio_watch(door, MOTE_EDGE_BOTH);
}

int main(int argc, char **argv)
{
    long period_ms = arg(argc, argv, 1, 250), samples = arg(argc, argv, 2, 8);
    long every = arg(argc, argv, 3, 4);
    setup_pins();
    open_log();
    printf("sensor-logger: a sample every %ld ms, %ld samples, door on pin %u\n", period_ms,
           samples, door);
    uint64_t period_us = (uint64_t)period_ms * 1000;
    mote_timer_start(SAMPLE_TIMER, period_us, period_us);
    stats s = {0};
    long k = 0;
    while (k < samples) {
        mote_event ev;
        if (mote_event_wait(&ev, -1) != 1)
            continue;
        if (ev.kind == MOTE_EVENT_GPIO && ev.source == door) {
            printf("door %s at %llu ms\n", ev.value ? "opened" : "closed",
                   (unsigned long long)(ev.time_us / 1000));
        } else if (ev.kind == MOTE_EVENT_TIMER && ev.source == LED_TIMER) {
            mote_gpio_write(led, 0);
        } else if (ev.kind == MOTE_EVENT_TIMER && ev.source == SAMPLE_TIMER) {
            k += ev.value; /* more than 1 if samples were missed */
            double t = read_temperature(k);
            add(&s, t);
            mote_gpio_write(led, 1);
            mote_timer_start(LED_TIMER, BLINK_US, 0);
            printf("[%6ld ms] #%ld temp %6.2f C door %s\n", k * period_ms, k, t, door_state());
            log_sample(k, k * period_ms, t, door_state());
            if (every > 0 && s.count == every)
                summary(&s);
        } else if (ev.kind == MOTE_EVENT_OVERFLOW) {
            printf("lost %u events\n", ev.value);
        }
    }
    mote_timer_stop(SAMPLE_TIMER);
    mote_timer_stop(LED_TIMER);
    mote_gpio_write(led, 0);
    if (log_file != NULL)
        fclose(log_file);
    if (argc > 4 && strcmp(argv[4], "show") == 0)
        show_log();
    return 0;
}
