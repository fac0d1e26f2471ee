/* A load into an arena that is surely big enough; see scratch.h. */
#include "scratch.h"

#include <stdlib.h>

#define FIRST_SIZE (1u << 20)
#define LAST_SIZE ((size_t)1 << 31)

mote_status scratch_load(scratch *s, const uint8_t *wasm, size_t len, mote_module **out)
{
    s->buf = NULL;
    s->arena = NULL;
    /* Compiled code is a few times the wasm code; start above that. */
    for (size_t size = FIRST_SIZE + 8 * len; size <= LAST_SIZE; size *= 2) {
        scratch_free(s);
        s->buf = malloc(size);
        s->arena = s->buf != NULL ? mote_arena_init(s->buf, size) : NULL;
        if (s->arena == NULL)
            break;
        mote_status st = mote_load(s->arena, wasm, len, NULL, out);
        if (st != MOTE_ERR_NO_MEMORY)
            return st;
    }
    return MOTE_ERR_NO_MEMORY;
}

void scratch_free(scratch *s)
{
    free(s->buf);
    s->buf = NULL;
    s->arena = NULL;
}
