/*
 * busy -- a neighbour that never waits: it computes (a checksum over its
 * memory, again and again) and reports its progress every n rounds.  With
 * a low priority and its CPU share it must not delay the apps that wait
 * for timers (the latency measurement, docs/apps.md).
 *
 *   busy [report_every]     default 200 rounds
 */
#include <stdio.h>
#include <stdlib.h>

static unsigned char block[2048];

int main(int argc, char **argv)
{
    long every = argc > 1 ? strtol(argv[1], NULL, 10) : 200;
    unsigned long sum = 0;
    for (unsigned long round = 1;; round++) {
        for (unsigned i = 0; i < sizeof block; i++) {
            block[i] = (unsigned char)(block[i] * 31u + i + round);
            sum += block[i];
        }
        if (every > 0 && round % (unsigned long)every == 0)
            printf("busy: round %lu sum %lu\n", round, sum);
    }
}
