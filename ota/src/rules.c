/* What mote honours of MCUboot's header flags and TLVs; see ota_rules.h.
 * The two tables below are the single list: docs/ota.md describes them. */
#include "mote/ota_rules.h"

/* --- header flags --- */

#define HONOURED_FLAGS (MOTE_OTA_IMAGE_F_PIC | MOTE_OTA_IMAGE_F_RAM_LOAD)

static const struct {
    uint32_t flag;
    const char *text;
} REFUSED_FLAGS[] = {
    {MOTE_OTA_IMAGE_F_ENCRYPTED_AES128, "encrypted image, AES-128 [-E]"},
    {MOTE_OTA_IMAGE_F_ENCRYPTED_AES256, "encrypted image, AES-256 [-E]"},
    {MOTE_OTA_IMAGE_F_NON_BOOTABLE, "image marked non-bootable [--non-bootable]"},
    {MOTE_OTA_IMAGE_F_ROM_FIXED, "image for a fixed flash address [--rom-fixed]"},
    {MOTE_OTA_IMAGE_F_COMPRESSED_LZMA1, "LZMA1-compressed image"},
    {MOTE_OTA_IMAGE_F_COMPRESSED_LZMA2, "LZMA2-compressed image [--compression]"},
    {MOTE_OTA_IMAGE_F_COMPRESSED_ARM_THUMB, "ARM Thumb filtered image [--compression]"},
};

mote_ota_status mote_ota_check_flags(uint32_t flags, mote_ota_why *why)
{
    mote_ota_why scratch;
    if (!why)
        why = &scratch;
    why->text[0] = 0;
    for (size_t i = 0; i < sizeof REFUSED_FLAGS / sizeof REFUSED_FLAGS[0]; i++) {
        if (flags & REFUSED_FLAGS[i].flag) {
            mote_ota_why_set(why, REFUSED_FLAGS[i].text);
            return MOTE_OTA_ERR_UNSUPPORTED;
        }
    }
    uint32_t unknown = flags & ~(uint32_t)HONOURED_FLAGS;
    if (unknown == 0)
        return MOTE_OTA_OK;
    mote_ota_why_set(why, "header flag ");
    mote_ota_why_hex(why, unknown & (0u - unknown), 8); /* the lowest one */
    mote_ota_why_add(why, ": unknown");
    return MOTE_OTA_ERR_UNSUPPORTED;
}

/* --- TLVs --- */

#define ANY_LEN 0xffff

/* Ranks: which problem names a bundle best.  A pure-signature bundle also
 * has a SHA-512 hash; one with another signature scheme also has a key
 * hash of another length.  Features first, then broken rules. */
enum {
    R_NONE = 0,
    R_PURE = 1,
    R_HASH = 2,
    R_SIG = 3,
    R_ENC = 4,
    R_COMP = 5,
    R_DEP = 6,
    R_KEYID = 7,
    R_AREA = 10,
    R_UNKNOWN = 11,
    R_ENTRY = 12,
    R_CLEAR = 0xff
};

typedef struct tlv_rule {
    uint16_t type;
    uint8_t area; /* where MCUboot allows it */
    uint8_t use;  /* mote_ota_tlv_use; SKIP for refused types */
    uint16_t len; /* its one legal length, or ANY_LEN */
    uint8_t rank; /* R_NONE: honoured; else refused with text */
    const char *text;
} tlv_rule;

#define MAIN MOTE_OTA_AREA_MAIN
#define PROT MOTE_OTA_AREA_PROTECTED

static const tlv_rule TLV_RULES[] = {
    {MOTE_OTA_TLV_KEYHASH, MAIN, MOTE_OTA_USE_KEYHASH, 32, R_NONE, 0},
    {MOTE_OTA_TLV_PUBKEY, MAIN, MOTE_OTA_USE_PUBKEY, MOTE_OTA_SPKI_SIZE, R_NONE, 0},
    {MOTE_OTA_TLV_KEYID, MAIN, 0, ANY_LEN, R_KEYID, "PSA key id TLV [--psa-key-ids]"},
    {MOTE_OTA_TLV_SHA256, MAIN, MOTE_OTA_USE_SHA256, 32, R_NONE, 0},
    {MOTE_OTA_TLV_SHA384, MAIN, 0, ANY_LEN, R_HASH, "SHA-384 image hash [--sha 384]"},
    {MOTE_OTA_TLV_SHA512, MAIN, 0, ANY_LEN, R_HASH, "SHA-512 image hash [--sha 512]"},
    {MOTE_OTA_TLV_RSA2048_PSS, MAIN, 0, ANY_LEN, R_SIG, "RSA-2048 signature"},
    {MOTE_OTA_TLV_ECDSA224, MAIN, 0, ANY_LEN, R_SIG, "ECDSA P-224 signature"},
    {MOTE_OTA_TLV_ECDSA_SIG, MAIN, 0, ANY_LEN, R_SIG, "ECDSA signature"},
    {MOTE_OTA_TLV_RSA3072_PSS, MAIN, 0, ANY_LEN, R_SIG, "RSA-3072 signature"},
    {MOTE_OTA_TLV_ED25519, MAIN, MOTE_OTA_USE_ED25519, 64, R_NONE, 0},
    {MOTE_OTA_TLV_SIG_PURE, MAIN, 0, ANY_LEN, R_PURE, "pure Ed25519 signature [--pure]"},
    {MOTE_OTA_TLV_ENC_RSA2048, MAIN, 0, ANY_LEN, R_ENC, "encrypted image, RSA-OAEP key [-E]"},
    {MOTE_OTA_TLV_ENC_KW, MAIN, 0, ANY_LEN, R_ENC, "encrypted image, AES-KW key [-E]"},
    {MOTE_OTA_TLV_ENC_EC256, MAIN, 0, ANY_LEN, R_ENC, "encrypted image, ECIES-P256 key [-E]"},
    {MOTE_OTA_TLV_ENC_X25519, MAIN, 0, ANY_LEN, R_ENC, "encrypted image, ECIES-X25519 key [-E]"},
    {MOTE_OTA_TLV_ENC_X25519_SHA512, MAIN, 0, ANY_LEN, R_ENC,
     "encrypted image, X25519/SHA-512 key [-E]"},
    {MOTE_OTA_TLV_DEPENDENCY, PROT, 0, ANY_LEN, R_DEP, "dependency on another image [-d]"},
    {MOTE_OTA_TLV_SEC_CNT, PROT, MOTE_OTA_USE_SEC_CNT, 4, R_NONE, 0},
    {MOTE_OTA_TLV_BOOT_RECORD, PROT, MOTE_OTA_USE_BOOT_RECORD, ANY_LEN, R_NONE, 0},
    {MOTE_OTA_TLV_DECOMP_SIZE, PROT, 0, ANY_LEN, R_COMP, "compressed image [--compression]"},
    {MOTE_OTA_TLV_DECOMP_SHA, PROT, 0, ANY_LEN, R_COMP, "compressed image [--compression]"},
    {MOTE_OTA_TLV_DECOMP_SIGNATURE, PROT, 0, ANY_LEN, R_COMP, "compressed image [--compression]"},
    {MOTE_OTA_TLV_COMP_DEC_SIZE, PROT, 0, ANY_LEN, R_COMP, "compressed image [--compression]"},
    {MOTE_OTA_TLV_MANIFEST, PROT, MOTE_OTA_USE_MANIFEST, ANY_LEN, R_NONE, 0},
};

static const tlv_rule *rule_for(uint16_t type)
{
    for (size_t i = 0; i < sizeof TLV_RULES / sizeof TLV_RULES[0]; i++)
        if (TLV_RULES[i].type == type)
            return &TLV_RULES[i];
    return NULL;
}

void mote_ota_tlv_check_init(mote_ota_tlv_check *c)
{
    c->seen = 0;
    c->type = 0;
    c->rank = R_CLEAR;
    c->status = MOTE_OTA_OK;
    c->text = "";
    c->typed = false;
}

/* Keeps the problem if it names the bundle better than the one before. */
static mote_ota_tlv_use problem(mote_ota_tlv_check *c, uint8_t rank, mote_ota_status s,
                                uint16_t type, bool typed, const char *text)
{
    if (rank < c->rank) {
        c->rank = rank;
        c->status = (uint8_t)s;
        c->type = type;
        c->typed = typed;
        c->text = text;
    }
    return MOTE_OTA_USE_SKIP;
}

mote_ota_tlv_use mote_ota_tlv_check_entry(mote_ota_tlv_check *c, mote_ota_tlv_area area,
                                          uint16_t type, uint16_t len)
{
    const tlv_rule *r = rule_for(type);
    if (!r && area == MOTE_OTA_AREA_PROTECTED)
        return problem(c, R_UNKNOWN, MOTE_OTA_ERR_UNSUPPORTED, type, true, "unknown protected TLV");
    if (!r || r->area != area)
        return problem(c, R_AREA, MOTE_OTA_ERR_FORMAT, type, true,
                       area == MOTE_OTA_AREA_MAIN ? "not allowed in the unprotected area"
                                                  : "not allowed in the protected area");
    if (r->rank != R_NONE)
        return problem(c, r->rank, MOTE_OTA_ERR_UNSUPPORTED, type, false, r->text);
    if (r->len != ANY_LEN && len != r->len)
        return problem(c, R_ENTRY, MOTE_OTA_ERR_FORMAT, type, true, "wrong length");
    uint32_t bit = 1u << r->use;
    if (c->seen & bit) /* a second one would be ambiguous */
        return problem(c, R_ENTRY, MOTE_OTA_ERR_FORMAT, type, true, "duplicate");
    c->seen |= bit;
    return (mote_ota_tlv_use)r->use;
}

mote_ota_status mote_ota_tlv_check_end(const mote_ota_tlv_check *c, mote_ota_why *why)
{
    if (c->rank == R_CLEAR)
        return MOTE_OTA_OK;
    if (why) {
        why->text[0] = 0;
        if (c->typed) {
            mote_ota_why_add(why, "TLV ");
            mote_ota_why_hex(why, c->type, 4);
            mote_ota_why_add(why, ": ");
        }
        mote_ota_why_add(why, c->text);
    }
    return (mote_ota_status)c->status;
}
