/*
 * ota.h -- over-the-air updates of Wasm modules for mote: everything in one
 * include.  The pieces, bottom up:
 *
 *   ota_base.h      status codes, versions, CRC-32
 *   ota_crypto.h    SHA-256, SHA-512, Ed25519 verification, hardware hooks
 *   ota_flash.h     the flash ops struct and the slot layout
 *   ota_format.h    MCUboot's numbers: magics, header flags, TLV types, trailer
 *   ota_rules.h     which flags and TLVs mote honours or refuses, the trailer
 *   ota_image.h     the signed bundle format (MCUboot's) and its verifier
 *   ota_slots.h     A/B slots, power-safe commit records, trial and rollback
 *   ota_writer.h    erase-as-you-go writing of a slot
 *   ota_proto.h     the chunk protocol frames (shared with mote-ota)
 *   ota_receiver.h  the device end of that protocol
 *
 * Typical firmware:
 *
 *   mote_ota_slots_open(&slots, &layout, pubkey, NULL);
 *   mote_ota_boot(&slots, &boot);         // verified image in boot.image
 *   mote_load(arena, boot.image.payload, boot.image.payload_size, ...);
 *   ... run; if boot.trial and the app passes its check: mote_ota_confirm()
 *   ... on a trap during the trial: mote_ota_reject() and reset
 *   mote_ota_receiver_init(&rx, &cfg);    // then feed it UART bytes;
 *   if (mote_ota_receiver_committed(&rx)) reset();
 *
 * docs/ota.md describes the format, the protocol and the power-fail design.
 */
#ifndef MOTE_OTA_H
#define MOTE_OTA_H

#include "mote/ota_base.h"
#include "mote/ota_crypto.h"
#include "mote/ota_flash.h"
#include "mote/ota_format.h"
#include "mote/ota_image.h"
#include "mote/ota_proto.h"
#include "mote/ota_receiver.h"
#include "mote/ota_rules.h"
#include "mote/ota_slots.h"
#include "mote/ota_writer.h"

#endif
