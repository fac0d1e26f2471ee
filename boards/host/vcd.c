/*
 * The GPIO trace: every level change of every pin, with its time, written
 * when the run ends as a Value Change Dump (IEEE 1364) that GTKWave and
 * other waveform viewers open.  One 1-bit wire per pin the firmware
 * configured or the script drove, named pin<N>; floating inputs show as z;
 * times in microseconds, from 0 at mote_hal_init().
 *
 * The file is only written at the end because a VCD header must name every
 * wire first, and which pins get used is known only then.  Changes are
 * kept in blocks; recording from the real-time timer signal handler (a
 * scripted edge) cannot call malloc(), so a spare block is kept ready and
 * refilled from the main thread.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_sim.h"

#define BLOCK_CHANGES 4096

typedef struct change {
    uint64_t time_us;
    uint8_t pin;
    uint8_t level;
} change;

typedef struct block {
    struct block *next;
    size_t count;
    change changes[BLOCK_CHANGES];
} block;

static FILE *file;
static block *first, *last, *spare;
static uint32_t used; /* bit n: pin n is in the trace */
static uint8_t levels[MOTE_HOST_GPIO_PINS];
static unsigned long lost;

bool mote_host_gpio_trace(const char *vcd_path, char *err, size_t err_len)
{
    host_config_touched();
    file = fopen(vcd_path, "w");
    if (file == NULL) {
        snprintf(err, err_len, "cannot create %s: %s", vcd_path, strerror(errno));
        return false;
    }
    first = last = calloc(1, sizeof *first);
    spare = calloc(1, sizeof *spare);
    memset(levels, HOST_FLOATING, sizeof levels);
    return true;
}

void host_trace_refill(void)
{
    if (file != NULL && spare == NULL)
        spare = calloc(1, sizeof *spare);
}

static change *new_change(void)
{
    if (last == NULL)
        return NULL;
    if (last->count == BLOCK_CHANGES) {
        block *b = spare;
        spare = NULL;
        if (b == NULL && !host_in_interrupt())
            b = calloc(1, sizeof *b);
        if (b == NULL)
            return NULL;
        last->next = b;
        last = b;
    }
    return &last->changes[last->count++];
}

void host_trace_pin(uint32_t pin, int level, uint64_t time_us)
{
    if (file == NULL || pin >= MOTE_HOST_GPIO_PINS)
        return;
    used |= 1u << pin;
    if (levels[pin] == level)
        return;
    levels[pin] = (uint8_t)level;
    change *c = new_change();
    if (c == NULL) {
        lost++;
        return;
    }
    *c = (change){time_us, (uint8_t)pin, (uint8_t)level};
}

static char wire_id(uint32_t pin)
{
    return (char)('!' + pin); /* VCD identifiers: printable, no spaces */
}

static char value(uint8_t level)
{
    return level == HOST_FLOATING ? 'z' : (char)('0' + level);
}

static void write_header(void)
{
    fprintf(file, "$version mote host board $end\n"
                  "$timescale 1us $end\n"
                  "$scope module gpio $end\n");
    for (uint32_t pin = 0; pin < MOTE_HOST_GPIO_PINS; pin++)
        if (used & (1u << pin))
            fprintf(file, "$var wire 1 %c pin%u $end\n", wire_id(pin), pin);
    fprintf(file, "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n");
    for (uint32_t pin = 0; pin < MOTE_HOST_GPIO_PINS; pin++)
        if (used & (1u << pin))
            fprintf(file, "z%c\n", wire_id(pin)); /* every pin starts a floating input */
    fprintf(file, "$end\n");
}

void host_trace_write(void)
{
    if (file == NULL)
        return;
    write_header();
    uint64_t now = 0;
    for (block *b = first; b != NULL; b = b->next) {
        for (size_t i = 0; i < b->count; i++) {
            const change *c = &b->changes[i];
            if (c->time_us != now)
                fprintf(file, "#%llu\n", (unsigned long long)c->time_us);
            now = c->time_us;
            fprintf(file, "%c%c\n", value(c->level), wire_id(c->pin));
        }
    }
    uint64_t end = mote_hal_time_us();
    if (end > now)
        fprintf(file, "#%llu\n", (unsigned long long)end); /* the trace runs to the end */
    if (lost != 0)
        fprintf(stderr, "mote: the GPIO trace lost %lu changes (out of memory)\n", lost);
    fclose(file);
    file = NULL;
    for (block *b = first, *next; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(spare);
    first = last = spare = NULL;
}
