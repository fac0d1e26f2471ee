/* ota_rules.h on its own: every header flag bit, every TLV type MCUboot
 * defines in both areas, lengths, duplicates, which problem names a bundle,
 * the trailer in its layouts, fed in pieces, and sizes near 2^32 (the
 * arithmetic must hold with a 32-bit size_t). */
#include <stdlib.h>
#include <string.h>

#include "mote/ota.h"
#include "testutil.h"

static bool has(const mote_ota_why *w, const char *s)
{
    return strstr(w->text, s) != NULL && strlen(w->text) <= MOTE_OTA_WHY_MAX;
}

static void flags(void)
{
    static const struct {
        uint32_t flag;
        const char *named; /* NULL: honoured */
    } known[] = {
        {MOTE_OTA_IMAGE_F_PIC, NULL},
        {MOTE_OTA_IMAGE_F_RAM_LOAD, NULL},
        {MOTE_OTA_IMAGE_F_ENCRYPTED_AES128, "AES-128"},
        {MOTE_OTA_IMAGE_F_ENCRYPTED_AES256, "AES-256"},
        {MOTE_OTA_IMAGE_F_NON_BOOTABLE, "non-bootable"},
        {MOTE_OTA_IMAGE_F_ROM_FIXED, "--rom-fixed"},
        {MOTE_OTA_IMAGE_F_COMPRESSED_LZMA1, "LZMA1"},
        {MOTE_OTA_IMAGE_F_COMPRESSED_LZMA2, "LZMA2"},
        {MOTE_OTA_IMAGE_F_COMPRESSED_ARM_THUMB, "ARM Thumb"},
    };
    mote_ota_why w;
    uint32_t all_known = 0;
    CHECKF(mote_ota_check_flags(0, &w) == MOTE_OTA_OK && !w.text[0], "no flags");
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        mote_ota_status s = mote_ota_check_flags(known[i].flag, &w);
        all_known |= known[i].flag;
        if (!known[i].named)
            CHECKF(s == MOTE_OTA_OK, "flag 0x%x must be honoured", known[i].flag);
        else
            CHECKF(s == MOTE_OTA_ERR_UNSUPPORTED && has(&w, known[i].named), "flag 0x%x: %s (%s)",
                   known[i].flag, mote_ota_status_str(s), w.text);
    }
    CHECKF(mote_ota_check_flags(MOTE_OTA_IMAGE_F_PIC | MOTE_OTA_IMAGE_F_RAM_LOAD, &w) ==
               MOTE_OTA_OK,
           "PIC and RAM_LOAD together");
    for (int bit = 0; bit < 32; bit++) {
        uint32_t f = 1u << bit;
        if (f & all_known)
            continue;
        char hex[16];
        snprintf(hex, sizeof hex, "0x%08x", f);
        mote_ota_status s = mote_ota_check_flags(f | MOTE_OTA_IMAGE_F_RAM_LOAD, &w);
        CHECKF(s == MOTE_OTA_ERR_UNSUPPORTED && has(&w, hex) && has(&w, "unknown"),
               "unknown flag bit %d: %s (%s)", bit, mote_ota_status_str(s), w.text);
    }
    CHECKF(mote_ota_check_flags(UINT32_MAX, NULL) == MOTE_OTA_ERR_UNSUPPORTED, "every bit");
}

/* The verdict on one entry alone. */
static mote_ota_status one(mote_ota_tlv_area area, uint16_t type, uint16_t len,
                           mote_ota_tlv_use *use, mote_ota_why *w)
{
    mote_ota_tlv_check c;
    mote_ota_tlv_check_init(&c);
    *use = mote_ota_tlv_check_entry(&c, area, type, len);
    return mote_ota_tlv_check_end(&c, w);
}

static void tlv_types(void)
{
    static const struct {
        uint16_t type, len;
        mote_ota_tlv_area area; /* where it belongs */
        mote_ota_status status; /* there */
        const char *named;
    } types[] = {
        {MOTE_OTA_TLV_KEYHASH, 32, MOTE_OTA_AREA_MAIN, MOTE_OTA_OK, NULL},
        {MOTE_OTA_TLV_PUBKEY, 44, MOTE_OTA_AREA_MAIN, MOTE_OTA_OK, NULL},
        {MOTE_OTA_TLV_KEYID, 4, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "key id"},
        {MOTE_OTA_TLV_SHA256, 32, MOTE_OTA_AREA_MAIN, MOTE_OTA_OK, NULL},
        {MOTE_OTA_TLV_SHA384, 48, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "SHA-384"},
        {MOTE_OTA_TLV_SHA512, 64, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "SHA-512"},
        {MOTE_OTA_TLV_RSA2048_PSS, 256, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "RSA-2048"},
        {MOTE_OTA_TLV_ECDSA224, 64, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "P-224"},
        {MOTE_OTA_TLV_ECDSA_SIG, 72, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "ECDSA"},
        {MOTE_OTA_TLV_RSA3072_PSS, 384, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "RSA-3072"},
        {MOTE_OTA_TLV_ED25519, 64, MOTE_OTA_AREA_MAIN, MOTE_OTA_OK, NULL},
        {MOTE_OTA_TLV_SIG_PURE, 1, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "pure"},
        {MOTE_OTA_TLV_ENC_RSA2048, 256, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "RSA-OAEP"},
        {MOTE_OTA_TLV_ENC_KW, 24, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "AES-KW"},
        {MOTE_OTA_TLV_ENC_EC256, 113, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "P256"},
        {MOTE_OTA_TLV_ENC_X25519, 80, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED, "X25519"},
        {MOTE_OTA_TLV_ENC_X25519_SHA512, 80, MOTE_OTA_AREA_MAIN, MOTE_OTA_ERR_UNSUPPORTED,
         "SHA-512 key"},
        {MOTE_OTA_TLV_DEPENDENCY, 12, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_ERR_UNSUPPORTED,
         "dependency"},
        {MOTE_OTA_TLV_SEC_CNT, 4, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_OK, NULL},
        {MOTE_OTA_TLV_BOOT_RECORD, 70, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_OK, NULL},
        {MOTE_OTA_TLV_DECOMP_SIZE, 4, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_ERR_UNSUPPORTED,
         "compressed"},
        {MOTE_OTA_TLV_DECOMP_SHA, 32, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_ERR_UNSUPPORTED,
         "compressed"},
        {MOTE_OTA_TLV_DECOMP_SIGNATURE, 64, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_ERR_UNSUPPORTED,
         "compressed"},
        {MOTE_OTA_TLV_COMP_DEC_SIZE, 4, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_ERR_UNSUPPORTED,
         "compressed"},
        {MOTE_OTA_TLV_MANIFEST, 0, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_OK, NULL},
        {MOTE_OTA_TLV_MANIFEST, 65000, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_OK, NULL},
    };
    mote_ota_tlv_use use;
    mote_ota_why w;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        mote_ota_status s = one(types[i].area, types[i].type, types[i].len, &use, &w);
        CHECKF(s == types[i].status && (!types[i].named || has(&w, types[i].named)) &&
                   (s == MOTE_OTA_OK) == (use != MOTE_OTA_USE_SKIP),
               "TLV 0x%02x in its area: %s (%s)", types[i].type, mote_ota_status_str(s), w.text);
        /* In the other area it is a broken rule, whatever it is. */
        mote_ota_tlv_area other =
            types[i].area == MOTE_OTA_AREA_MAIN ? MOTE_OTA_AREA_PROTECTED : MOTE_OTA_AREA_MAIN;
        s = one(other, types[i].type, types[i].len, &use, &w);
        CHECKF(s == MOTE_OTA_ERR_FORMAT && has(&w, "not allowed") && use == MOTE_OTA_USE_SKIP,
               "TLV 0x%02x in the wrong area: %s (%s)", types[i].type, mote_ota_status_str(s),
               w.text);
    }
    /* Every other type: unknown. */
    int unknown = 0;
    for (uint32_t t = 0; t <= 0xffff; t++) {
        bool listed = false;
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            listed |= types[i].type == t;
        if (listed)
            continue;
        mote_ota_status p = one(MOTE_OTA_AREA_PROTECTED, (uint16_t)t, 4, &use, &w);
        mote_ota_status m = one(MOTE_OTA_AREA_MAIN, (uint16_t)t, 4, &use, &w);
        unknown += p == MOTE_OTA_ERR_UNSUPPORTED && m == MOTE_OTA_ERR_FORMAT;
    }
    CHECKF(unknown == 65536 - 25, "unknown types refused in both areas: %d", unknown);
    CHECKF(one(MOTE_OTA_AREA_PROTECTED, 0x00a5, 3, &use, &w) == MOTE_OTA_ERR_UNSUPPORTED &&
               has(&w, "TLV 0x00a5: unknown protected TLV"),
           "unknown message: %s", w.text);
    CHECKF(one(MOTE_OTA_AREA_MAIN, 0x0077, 3, &use, &w) == MOTE_OTA_ERR_FORMAT &&
               has(&w, "TLV 0x0077: not allowed in the unprotected area"),
           "allow-list: %s", w.text);
    /* Lengths: the kept values have one each. */
    CHECKF(one(MOTE_OTA_AREA_PROTECTED, MOTE_OTA_TLV_SEC_CNT, 8, &use, &w) == MOTE_OTA_ERR_FORMAT &&
               has(&w, "wrong length") && use == MOTE_OTA_USE_SKIP,
           "SEC_CNT of 8 bytes");
    CHECKF(one(MOTE_OTA_AREA_MAIN, MOTE_OTA_TLV_ED25519, 65, &use, &w) == MOTE_OTA_ERR_FORMAT,
           "ED25519 of 65 bytes");
}

static void tlv_sequences(void)
{
    mote_ota_tlv_check c;
    mote_ota_why w;
    /* A duplicate is refused, and not used. */
    mote_ota_tlv_check_init(&c);
    CHECKF(mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_TLV_SEC_CNT, 4) ==
               MOTE_OTA_USE_SEC_CNT,
           "first SEC_CNT");
    CHECKF(mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_TLV_SEC_CNT, 4) ==
               MOTE_OTA_USE_SKIP,
           "second SEC_CNT");
    CHECKF(mote_ota_tlv_check_end(&c, &w) == MOTE_OTA_ERR_FORMAT && has(&w, "duplicate"),
           "duplicate: %s", w.text);
    /* imgtool --pure: SHA512, SIG_PURE, a 64-byte KEYHASH, ED25519 -- named as pure. */
    mote_ota_tlv_check_init(&c);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_MAIN, MOTE_OTA_TLV_SHA512, 64);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_MAIN, MOTE_OTA_TLV_SIG_PURE, 1);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_MAIN, MOTE_OTA_TLV_KEYHASH, 64);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_MAIN, MOTE_OTA_TLV_ED25519, 64);
    CHECKF(mote_ota_tlv_check_end(&c, &w) == MOTE_OTA_ERR_UNSUPPORTED && has(&w, "pure"),
           "pure: %s", w.text);
    /* --sha 512: the key hash's length is not the point. */
    mote_ota_tlv_check_init(&c);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_MAIN, MOTE_OTA_TLV_KEYHASH, 64);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_MAIN, MOTE_OTA_TLV_SHA512, 64);
    CHECKF(mote_ota_tlv_check_end(&c, &w) == MOTE_OTA_ERR_UNSUPPORTED && has(&w, "SHA-512"),
           "sha512: %s", w.text);
    /* A good set. */
    mote_ota_tlv_check_init(&c);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_TLV_SEC_CNT, 4);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_PROTECTED, MOTE_OTA_TLV_MANIFEST, 10);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_MAIN, MOTE_OTA_TLV_SHA256, 32);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_MAIN, MOTE_OTA_TLV_KEYHASH, 32);
    mote_ota_tlv_check_entry(&c, MOTE_OTA_AREA_MAIN, MOTE_OTA_TLV_ED25519, 64);
    CHECKF(mote_ota_tlv_check_end(&c, &w) == MOTE_OTA_OK, "a good set");
}

/* A padded image's tail as imgtool writes it: erased bytes, image_ok, the
 * magic; start..end are bundle offsets. */
static uint8_t *tail(uint32_t n, uint32_t max_align, bool confirm)
{
    uint8_t *t = malloc(n);
    memset(t, 0xff, n);
    mote_ota_trailer_magic(max_align, t + n - 16);
    if (confirm)
        t[n - (max_align > 16 ? max_align : 16) - max_align] = 1;
    return t;
}

/* Checks a tail fed in random pieces. */
static mote_ota_status judge(const uint8_t *t, uint32_t start, uint32_t n,
                             mote_ota_trailer_kind *kind, mote_ota_why *w, bool *magic)
{
    mote_ota_trailer_check c;
    *magic = mote_ota_trailer_begin(&c, start, start + n, t + n - 16);
    if (!*magic)
        return MOTE_OTA_ERR_FORMAT;
    for (uint32_t off = 0; off < n;) {
        uint32_t k = 1 + rng_below(n - off < 300 ? n - off : 300);
        mote_ota_trailer_feed(&c, t + off, k);
        off += k;
    }
    return mote_ota_trailer_end(&c, kind, w);
}

static void trailers(void)
{
    static const uint32_t aligns[] = {8, 16, 32};
    mote_ota_trailer_kind kind;
    mote_ota_why w;
    bool magic;
    for (size_t i = 0; i < 3; i++) {
        for (int confirm = 0; confirm < 2; confirm++) {
            uint32_t a = aligns[i], n = 500 + 100 * (uint32_t)i;
            uint8_t *t = tail(n, a, confirm);
            mote_ota_status s = judge(t, 1000, n, &kind, &w, &magic);
            CHECKF(magic && s == MOTE_OTA_OK &&
                       kind == (confirm ? MOTE_OTA_TRAILER_CONFIRMED : MOTE_OTA_TRAILER_TEST),
                   "max-align %u confirm %d: %s (%s)", a, confirm, mote_ota_status_str(s), w.text);
            /* Any one programmed byte but the flags is refused. */
            int refused = 0, tried = 0;
            for (uint32_t at = 0; at < n - 16; at++) {
                uint32_t block = a > 16 ? a : 16;
                if (at == n - block - a || at == n - block - 3 * a)
                    continue;
                t[at] = 0xfe;
                tried++;
                refused += judge(t, 1000, n, &kind, &w, &magic) == MOTE_OTA_ERR_FORMAT &&
                           has(&w, "is not 0xff");
                t[at] = 0xff;
            }
            CHECKF(refused == tried, "max-align %u: %d of %d programmed bytes refused", a, refused,
                   tried);
            free(t);
        }
    }
    /* swap_info TEST and PERM; other flag values. */
    uint8_t *t = tail(600, 8, false);
    t[600 - 16 - 24] = MOTE_OTA_SWAP_TYPE_PERM;
    CHECKF(judge(t, 0, 600, &kind, &w, &magic) == MOTE_OTA_OK && kind == MOTE_OTA_TRAILER_CONFIRMED,
           "swap_info PERM");
    t[600 - 16 - 24] = MOTE_OTA_SWAP_TYPE_TEST;
    CHECKF(judge(t, 0, 600, &kind, &w, &magic) == MOTE_OTA_OK && kind == MOTE_OTA_TRAILER_TEST,
           "swap_info TEST");
    t[600 - 16 - 24] = 0x04;
    CHECKF(judge(t, 0, 600, &kind, &w, &magic) == MOTE_OTA_ERR_FORMAT &&
               has(&w, "swap_info is 0x04"),
           "swap_info REVERT: %s", w.text);
    t[600 - 16 - 24] = 0xff;
    t[600 - 16 - 8] = 0x02;
    CHECKF(judge(t, 0, 600, &kind, &w, &magic) == MOTE_OTA_ERR_FORMAT &&
               has(&w, "image_ok is 0x02"),
           "image_ok 2: %s", w.text);
    free(t);
    /* Zero padding (imgtool -R 0), no room, no magic. */
    t = tail(600, 8, false);
    memset(t, 0, 600 - 16);
    CHECKF(judge(t, 0, 600, &kind, &w, &magic) == MOTE_OTA_ERR_FORMAT && has(&w, "[-R 0?]"),
           "-R 0: %s", w.text);
    free(t);
    t = tail(20, 8, false);
    CHECKF(judge(t, 0, 20, &kind, &w, &magic) == MOTE_OTA_ERR_FORMAT && has(&w, "does not fit"),
           "no room: %s", w.text);
    t[19] ^= 1;
    judge(t, 0, 20, &kind, &w, &magic);
    CHECKF(!magic, "a damaged magic is no magic");
    free(t);
    /* Offsets at the top of the 32-bit range: no wrap-around. */
    mote_ota_trailer_check c;
    t = tail(64, 32, true);
    CHECKF(mote_ota_trailer_begin(&c, UINT32_MAX - 64, UINT32_MAX, t + 48) &&
               c.image_ok_at == UINT32_MAX - 64 && c.swap_info_at == UINT32_MAX,
           "near 2^32");
    mote_ota_trailer_feed(&c, t, 64);
    CHECKF(mote_ota_trailer_end(&c, &kind, &w) == MOTE_OTA_OK && kind == MOTE_OTA_TRAILER_CONFIRMED,
           "near 2^32: %s", w.text);
    CHECKF(!mote_ota_trailer_begin(&c, 10, 5, t + 48), "end before start");
    free(t);
}

/* Headers whose sizes only overflow in 32-bit arithmetic. */
static void sizes(void)
{
    static const struct {
        uint16_t hdr, prot;
        uint32_t img, limit;
        mote_ota_status want;
    } cases[] = {
        {0xffff, 0xffff, 0xffffffff, UINT32_MAX, MOTE_OTA_ERR_TOO_BIG},
        {32, 0, 0xffffffe0, UINT32_MAX, MOTE_OTA_ERR_TOO_BIG}, /* + 4: past 2^32 */
        {32, 0, 0xffffffd8, UINT32_MAX, MOTE_OTA_OK},          /* just fits */
        {32, 8, 0xfffffff0, UINT32_MAX, MOTE_OTA_ERR_TOO_BIG},
        {0x200, 0, 100, 0x200 + 100 + 3, MOTE_OTA_ERR_TOO_BIG},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t raw[32];
        mote_ota_header h = {0, cases[i].hdr, cases[i].prot, cases[i].img, 0, {1, 0, 0, 0}};
        mote_ota_verifier v;
        mote_ota_header_encode(raw, &h);
        mote_ota_verifier_init(&v, cases[i].limit, NULL);
        mote_ota_status s = mote_ota_verifier_feed(&v, raw, sizeof raw);
        CHECKF(s == cases[i].want, "sizes %d: %s", (int)i, mote_ota_status_str(s));
        if (s == MOTE_OTA_OK)
            CHECKF(mote_ota_verifier_wanted(&v) == cases[i].hdr - 32 + 0u ||
                       mote_ota_verifier_wanted(&v) == cases[i].img,
                   "wanted after the header");
    }
}

static void messages(void)
{
    mote_ota_why w;
    mote_ota_why_set(&w, "");
    for (int i = 0; i < 20; i++)
        mote_ota_why_add(&w, "abcde");
    CHECKF(strlen(w.text) == MOTE_OTA_WHY_MAX, "cut at %d", MOTE_OTA_WHY_MAX);
    mote_ota_why_set(&w, "n=");
    mote_ota_why_dec(&w, 4294967295u);
    mote_ota_why_add(&w, " h=");
    mote_ota_why_hex(&w, 0xa5, 4);
    CHECKF(!strcmp(w.text, "n=4294967295 h=0x00a5"), "numbers: %s", w.text);
}

int main(void)
{
    rng_seed_from_env(0x3a11);
    flags();
    tlv_types();
    tlv_sequences();
    trailers();
    sizes();
    messages();
    printf("rules: every flag bit, every TLV type in both areas, trailers, sizes near 2^32: %s\n",
           check_state.failed ? "FAILED" : "ok");
    return check_state.failed ? 1 : 0;
}
