/*
 * ota_example.h -- the pieces of the OTA example firmware:
 *
 *   main.c     boot: choose and verify a slot, run its app, confirm or roll
 *              back a trial
 *   storage.c  the OTA library's flash ops on the HAL flash region, the
 *              slot layout, the factory install of the first app
 *   run.c      running an app with WASI-lite, and the validate check the
 *              receiver applies to a new module before committing it
 *   update.c   the receiver on the update UART: the main loop once the app
 *              has run
 */
#ifndef OTA_EXAMPLE_H
#define OTA_EXAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include <mote/ota.h>

/* The UART that carries updates (QEMU: the second -serial). */
#define OTA_UART 1u
#define OTA_UART_BAUD 115200u

/* "1.2.3+4" into out (at least OTA_VERSION_TEXT bytes); returns out. */
#define OTA_VERSION_TEXT 32
const char *ota_version_text(char *out, const mote_ota_version *v);

/* storage.c: the layout of the example, or (tests) one with other slots. */
mote_ota_status storage_open(mote_ota_layout *layout);
mote_ota_status storage_open_slots(mote_ota_layout *layout, uint32_t slot_size);
mote_ota_status storage_factory_install(const mote_ota_layout *layout, const uint8_t *bundle,
                                        size_t len);

/* run.c: runs the module in img with WASI-lite; returns its exit status
 * (the firmware's check: 0 passes), or one of MOTE_WASI_EXIT_*. */
int app_run(const mote_ota_image_info *img);
/* mote_ota_receiver_config.validate: can this firmware run the module? */
int app_validate(void *user, const mote_ota_image_info *img, const char **why);

/* update.c: serves updates forever; after a refused one the current app
 * (img) runs again, after a committed one the board resets into it. */
_Noreturn void update_serve(mote_ota_slots *slots, const mote_ota_image_info *img);

#endif
