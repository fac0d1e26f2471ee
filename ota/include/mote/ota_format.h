/*
 * ota_format.h -- the numbers of MCUboot's image format: magics, header
 * flags, TLV types and the image trailer, as MCUboot's bootutil and imgtool
 * define them (little-endian images), plus the one TLV type mote adds.
 * What mote does with each is in ota_rules.h; docs/ota.md has the tables.
 */
#ifndef MOTE_OTA_FORMAT_H
#define MOTE_OTA_FORMAT_H

#define MOTE_OTA_IMAGE_MAGIC 0x96f3b83dU
#define MOTE_OTA_HEADER_SIZE 32 /* the fixed part of the header */
#define MOTE_OTA_TLV_INFO_MAGIC 0x6907
#define MOTE_OTA_TLV_PROT_INFO_MAGIC 0x6908
#define MOTE_OTA_SPKI_SIZE 44 /* DER SubjectPublicKeyInfo of an Ed25519 key */

/* Header flags (ih_flags). */
#define MOTE_OTA_IMAGE_F_PIC 0x00000001U /* position independent */
#define MOTE_OTA_IMAGE_F_ENCRYPTED_AES128 0x00000004U
#define MOTE_OTA_IMAGE_F_ENCRYPTED_AES256 0x00000008U
#define MOTE_OTA_IMAGE_F_NON_BOOTABLE 0x00000010U /* imgtool --non-bootable */
#define MOTE_OTA_IMAGE_F_RAM_LOAD 0x00000020U     /* imgtool sets it with --load-addr */
#define MOTE_OTA_IMAGE_F_ROM_FIXED 0x00000100U    /* imgtool --rom-fixed */
#define MOTE_OTA_IMAGE_F_COMPRESSED_LZMA1 0x00000200U
#define MOTE_OTA_IMAGE_F_COMPRESSED_LZMA2 0x00000400U /* imgtool --compression */
#define MOTE_OTA_IMAGE_F_COMPRESSED_ARM_THUMB 0x00000800U

/* TLV types.  An entry is a 16-bit type (imgtool writes MCUboot's own
 * types as a type byte and a zero byte), a 16-bit length and the value. */
#define MOTE_OTA_TLV_KEYHASH 0x01 /* SHA-256 of the signer's SPKI */
#define MOTE_OTA_TLV_PUBKEY 0x02  /* the signer's SPKI itself */
#define MOTE_OTA_TLV_KEYID 0x03   /* a PSA key id */
#define MOTE_OTA_TLV_SHA256 0x10
#define MOTE_OTA_TLV_SHA384 0x11
#define MOTE_OTA_TLV_SHA512 0x12
#define MOTE_OTA_TLV_RSA2048_PSS 0x20
#define MOTE_OTA_TLV_ECDSA224 0x21
#define MOTE_OTA_TLV_ECDSA_SIG 0x22
#define MOTE_OTA_TLV_RSA3072_PSS 0x23
#define MOTE_OTA_TLV_ED25519 0x24
#define MOTE_OTA_TLV_SIG_PURE 0x25 /* the signature is over the image, not its hash */
#define MOTE_OTA_TLV_ENC_RSA2048 0x30
#define MOTE_OTA_TLV_ENC_KW 0x31
#define MOTE_OTA_TLV_ENC_EC256 0x32
#define MOTE_OTA_TLV_ENC_X25519 0x33
#define MOTE_OTA_TLV_ENC_X25519_SHA512 0x34
#define MOTE_OTA_TLV_DEPENDENCY 0x40  /* image id and minimum version of another image */
#define MOTE_OTA_TLV_SEC_CNT 0x50     /* security counter, u32 */
#define MOTE_OTA_TLV_BOOT_RECORD 0x60 /* CBOR measured-boot record */
#define MOTE_OTA_TLV_DECOMP_SIZE 0x70
#define MOTE_OTA_TLV_DECOMP_SHA 0x71
#define MOTE_OTA_TLV_DECOMP_SIGNATURE 0x72
#define MOTE_OTA_TLV_COMP_DEC_SIZE 0x73
/* MCUboot leaves 0x??a0-0x??ff to vendors (imgtool --custom-tlv accepts
 * 0x00a0-0xfffe).  mote takes the first for the per-app manifest. */
#define MOTE_OTA_TLV_VENDOR_MIN 0x00a0
#define MOTE_OTA_TLV_VENDOR_MAX 0xfffe
#define MOTE_OTA_TLV_MANIFEST 0x00a0

/* The image trailer imgtool --pad/--confirm appends, read from the end of
 * the slot: the 16-byte magic in a block of align_up(16, max_align) bytes,
 * then one max_align block each for image_ok, copy_done, swap_info and the
 * swap size.  max_align is 8 with the standard magic; the other magic
 * starts with max_align as a little-endian u16. */
#define MOTE_OTA_TRAILER_MAGIC_SIZE 16
#define MOTE_OTA_TRAILER_MAX_ALIGN 8   /* with the standard magic */
#define MOTE_OTA_TRAILER_FLAG_SET 0x01 /* image_ok / copy_done when set */
#define MOTE_OTA_SWAP_TYPE_TEST 2      /* swap_info: boot once on trial */
#define MOTE_OTA_SWAP_TYPE_PERM 3      /* swap_info: install for good */

#endif
