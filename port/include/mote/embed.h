/*
 * embed.h -- reaching a Wasm module that mote_add_firmware(... APP ...)
 * placed in the firmware image.
 *
 *     MOTE_EMBEDDED_APP(mote_app);
 *     mote_load(arena, mote_app, mote_app_size, NULL, &module);
 *
 * The bytes are const data in flash: the core reads them in place.
 */
#ifndef MOTE_EMBED_H
#define MOTE_EMBED_H

#include <stddef.h>
#include <stdint.h>

#define MOTE_EMBEDDED_APP(symbol)  \
    extern const uint8_t symbol[]; \
    extern const size_t symbol##_size

#endif /* MOTE_EMBED_H */
