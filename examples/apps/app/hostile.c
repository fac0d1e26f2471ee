/*
 * hostile -- an app that misbehaves, to show that only it suffers.  Its
 * manifest grants it little: pin 3 as an input, one timer, messages to the
 * logger, 24 KiB of RAM and a 300 ms watchdog.
 *
 *   hostile pin      drives pins it was not given, and its input as an
 *                    output: each call refused (-ENOTCAPABLE) and reported;
 *                    opens a file in the logger's directory: it has none
 *   hostile flood    sends the logger 1000 messages as fast as it can:
 *                    its share of the logger's mailbox fills, the rest are
 *                    refused (-EAGAIN), the logger keeps room for others
 *   hostile memory   allocates until its arena is full, then aborts (a trap)
 *   hostile loop     spins without waiting: the watchdog stops it
 *
 * The firmware starts the modes one after the other while the other apps
 * run (examples/apps/main.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mote/device.h>

static int pins(void)
{
    static const uint32_t tries[] = {0, 1, 3, 63, 1000};
    for (unsigned i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        int32_t r = mote_gpio_write(tries[i], 1);
        printf("hostile: gpio_write(%u) = %s\n", tries[i], r < 0 ? strerror(-r) : "0");
    }
    /* the logger's files are the logger's */
    FILE *f = fopen("/log/stolen.txt", "w");
    if (f == NULL)
        printf("hostile: fopen(/log/stolen.txt) failed: %s\n", strerror(errno));
    else
        fclose(f);
    return 3;
}

static int flood(void)
{
    unsigned sent = 0, refused = 0;
    for (int i = 0; i < 1000; i++) {
        int32_t r = mote_msg_send("logger", "flood!", 6);
        if (r == 0)
            sent++;
        else if (r == -EAGAIN)
            refused++;
    }
    printf("hostile: flood: %u delivered, %u refused (mailbox share full)\n", sent, refused);
    return 4;
}

/* The blocks stay linked from a volatile head, or the compiler, which
 * knows what malloc is, would drop them and the loop would never end. */
static void *volatile blocks;

static int memory(void)
{
    size_t total = 0;
    for (;;) {
        void **p = malloc(1024);
        if (p == NULL)
            break;
        memset(p, 0xab, 1024);
        *p = blocks;
        blocks = p;
        total += 1024;
    }
    printf("hostile: memory: got %zu bytes, then malloc failed; aborting\n", total);
    abort();
}

static int loop(void)
{
    printf("hostile: loop: spinning\n");
    volatile unsigned long n = 0;
    for (;;)
        n++;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "pin";
    if (!strcmp(mode, "pin"))
        return pins();
    if (!strcmp(mode, "flood"))
        return flood();
    if (!strcmp(mode, "memory"))
        return memory();
    if (!strcmp(mode, "loop"))
        return loop();
    printf("hostile: unknown mode %s\n", mode);
    return 2;
}
