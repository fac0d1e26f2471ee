/* The bundle format end to end: host signing (tools/mote-ota/bundle.c,
 * libsodium) against the device verifier (streamed in random pieces and
 * from flash), the reference bundles of data/cases.txt on every path (host
 * check, flash as a slot and as a transfer, the receiver, boot from a slot
 * written directly), the classic rejections, and a mutation cross-check of
 * host and device. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "cases.h"
#include "keyfile.h"
#include "mote/ota.h"
#include "norsim.h"
#include "simdev.h"
#include "testutil.h"

static const char *data_dir;

/* Device verdict on a bundle fed in random pieces. */
static mote_ota_status stream_verify(const uint8_t *b, size_t len, const uint8_t *pk,
                                     uint32_t limit)
{
    mote_ota_verifier v;
    mote_ota_verifier_init(&v, limit, NULL);
    for (size_t off = 0; off < len;) {
        size_t k = 1 + rng_below((uint32_t)(len - off < 97 ? len - off : 97));
        mote_ota_status s = mote_ota_verifier_feed(&v, b + off, k);
        if (s != MOTE_OTA_OK)
            return s;
        off += k;
    }
    return mote_ota_verifier_finish(&v, pk);
}

/* Device verdict on a bundle sitting in (simulated) flash at the start of
 * a slot of slot bytes, checked as a slot (the bytes after it are the
 * slot's) or as a transfer (limit = len); *same tells whether the payload
 * it points at is `want`. */
static mote_ota_status flash_verify(const uint8_t *b, size_t len, const uint8_t *pk, uint32_t slot,
                                    bool transfer, mote_ota_image_info *info, mote_ota_why *why,
                                    const uint8_t *want, size_t want_len, bool *same)
{
    norsim n;
    norsim_init(&n, 0x10000000, 4096 + slot, 4096, 8);
    norsim_factory(&n, 4096, b, (uint32_t)len);
    mote_ota_status s = mote_ota_image_verify(&n.flash, 4096, transfer ? (uint32_t)len : slot,
                                              transfer, pk, NULL, info, why);
    *same = s == MOTE_OTA_OK && info->payload == n.mem + info->payload_off &&
            info->payload_size == want_len && !memcmp(info->payload, want, want_len);
    info->payload = NULL; /* gone with the simulator */
    norsim_free(&n);
    return s;
}

static void round_trips(const uint8_t seed[32], const uint8_t pk[32])
{
    static const uint16_t headers[] = {32, 64, 0x200};
    static uint8_t wasm[20000];
    for (int i = 0; i < 60; i++) {
        size_t n = 48 + rng_below(i % 3 ? 2000 : sizeof wasm - 48);
        make_wasm(wasm, n, i);
        bundle_params p = {.version = {(uint8_t)i, 1, 2, 3},
                           .header_size = headers[i % 3],
                           .load_addr = i % 4 ? 0 : 0x20000000};
        uint8_t *b;
        size_t len;
        bundle_build(wasm, n, &p, seed, &b, &len);
        bundle_report r;
        const char *why;
        mote_ota_image_info info;
        bool same;
        CHECKF(bundle_check(b, len, pk, &r, &why) == MOTE_OTA_OK, "host check: %s", why);
        CHECKF(stream_verify(b, len, pk, (uint32_t)len) == MOTE_OTA_OK, "stream verify %d", i);
        CHECKF(flash_verify(b, len, pk, 60 * 1024, i % 2, &info, NULL, wasm, n, &same) ==
                   MOTE_OTA_OK,
               "flash verify %d", i);
        CHECKF(same && info.total_size == len && info.payload_off == 4096u + p.header_size &&
                   !memcmp(info.digest, r.digest, 32) &&
                   mote_ota_version_cmp(&info.hdr.version, &p.version) == 0 &&
                   info.hdr.flags == (p.load_addr ? MOTE_OTA_IMAGE_F_RAM_LOAD : 0u),
               "image info %d", i);
        free(b);
    }
}

/* Every classic way to be wrong, with the status both sides must give. */
static void rejections(const uint8_t seed[32], const uint8_t pk[32])
{
    uint8_t wasm[3000], other_pk[32], other_sk[64];
    make_wasm(wasm, sizeof wasm, 7);
    crypto_sign_keypair(other_pk, other_sk);
    bundle_params p = {.version = {1, 0, 0, 0}, .header_size = 32};
    uint8_t *b;
    size_t len;
    bundle_build(wasm, sizeof wasm, &p, seed, &b, &len);
    uint8_t *m = malloc(len + 16);
    struct {
        const char *what;
        size_t at; /* byte to change, or new length if resize */
        uint8_t xor ;
        int resize; /* 0: flip, -1: truncate to `at`, +1: append `at` bytes */
        const uint8_t *key;
        mote_ota_status want;
    } cases[] = {
        {"bad signature", len - 10, 0x01, 0, pk, MOTE_OTA_ERR_SIGNATURE},
        {"bad signature R", len - 60, 0x80, 0, pk, MOTE_OTA_ERR_SIGNATURE},
        {"payload changed", 32 + 1000, 0x04, 0, pk, MOTE_OTA_ERR_HASH},
        {"version changed", 20, 0x01, 0, pk, MOTE_OTA_ERR_HASH},
        {"hash TLV changed", len - 130, 0x01, 0, pk, MOTE_OTA_ERR_HASH},
        {"bad magic", 0, 0x01, 0, pk, MOTE_OTA_ERR_MAGIC},
        {"wrong key", 0, 0, 0, other_pk, MOTE_OTA_ERR_KEY},
        {"truncated in payload", 1500, 0, -1, pk, MOTE_OTA_ERR_TRUNCATED},
        {"truncated in TLVs", len - 1, 0, -1, pk, MOTE_OTA_ERR_TRUNCATED},
        {"truncated to header", 32, 0, -1, pk, MOTE_OTA_ERR_TRUNCATED},
        {"bytes after the TLVs", 16, 0, +1, pk, MOTE_OTA_ERR_FORMAT},
        {"bad TLV length", len - 138, 0x01, 0, pk, MOTE_OTA_ERR_FORMAT},
        {"bad TLV info magic", 32 + 3000, 0x01, 0, pk, MOTE_OTA_ERR_FORMAT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = len;
        memcpy(m, b, len);
        if (cases[i].resize < 0)
            n = cases[i].at;
        else if (cases[i].resize > 0)
            memset(m + len, 0, cases[i].at), n = len + cases[i].at;
        else
            m[cases[i].at] ^= cases[i].xor ;
        bundle_report r;
        const char *why;
        mote_ota_status host = bundle_check(m, n, cases[i].key, &r, &why);
        mote_ota_status dev = stream_verify(m, n, cases[i].key, 1 << 20);
        CHECKF(host == cases[i].want && dev == cases[i].want, "%s: host %s, device %s",
               cases[i].what, mote_ota_status_str(host), mote_ota_status_str(dev));
    }
    /* Too big for the slot: the device refuses at the header. */
    CHECKF(stream_verify(b, len, pk, (uint32_t)len - 1) == MOTE_OTA_ERR_TOO_BIG, "slot limit");
    free(m);
    free(b);
}

/* Random damage.  Host and device must agree on every verdict.  The only
 * changes either may accept are outside the signed part: the unprotected
 * TLVs are metadata (MCUboot's too), e.g. a KEYHASH retyped into an unknown
 * TLV leaves a bundle that is still correctly signed. */
static void mutations(const uint8_t seed[32], const uint8_t pk[32], int count)
{
    uint8_t wasm[700];
    make_wasm(wasm, sizeof wasm, 3);
    bundle_params p = {.version = {3, 1, 4, 1}, .header_size = 64};
    uint8_t *b;
    size_t len, signed_len = 64 + sizeof wasm;
    bundle_build(wasm, sizeof wasm, &p, seed, &b, &len);
    uint8_t *m = malloc(len + 64);
    int tried = 0, agree = 0, same_status = 0, metadata_only = 0;
    for (int i = 0; i < count; i++) {
        size_t n = len;
        memcpy(m, b, len);
        switch (i % 4) {
        case 0: m[rng_below((uint32_t)len)] ^= (uint8_t)(1u << rng_below(8)); break;
        case 1: m[rng_below((uint32_t)len)] = (uint8_t)rng_next(); break;
        case 2: n = rng_below((uint32_t)len); break;
        default: rng_bytes(m + len, n = 1 + rng_below(64)), n += len; break;
        }
        if (n == len && !memcmp(m, b, len))
            continue; /* the random byte happened to be the same */
        bundle_report r;
        const char *why;
        mote_ota_status host = bundle_check(m, n, pk, &r, &why);
        mote_ota_status dev = stream_verify(m, n, pk, 1 << 20);
        tried++;
        agree += (host == MOTE_OTA_OK) == (dev == MOTE_OTA_OK);
        same_status += host == dev;
        CHECKF((host == MOTE_OTA_OK) == (dev == MOTE_OTA_OK), "mutation %d: host %s, device %s", i,
               mote_ota_status_str(host), mote_ota_status_str(dev));
        if (dev == MOTE_OTA_OK) {
            metadata_only++;
            CHECKF(n >= signed_len && !memcmp(m, b, signed_len),
                   "mutation %d of the signed part accepted", i);
        }
    }
    printf("bundle: %d random mutations: host and device agree on %d (same status on %d); "
           "%d accepted, all of them outside the signed part\n",
           tried, agree, same_status, metadata_only);
    free(m);
    free(b);
}

/* A device with the factory app 0.0.1 (ref key) in slot A, slots of
 * `slot` bytes, ready for an update. */
static void ref_device(simdev *d, uint32_t slot, const uint8_t *pk, const uint8_t *seed,
                       const uint8_t *wasm, size_t wlen)
{
    uint8_t *b;
    size_t len;
    bundle_params p = {.version = {0, 0, 1, 0}, .header_size = 32};
    bundle_build(wasm, wlen, &p, seed, &b, &len);
    simdev_init(d, 1024, 8, slot / 1024, pk);
    norsim_factory(&d->nor, 0, b, (uint32_t)len);
    free(b);
    simdev_boot(d);
    simdev_start_receiver(d);
}

static bool says(const char *text, const char *want)
{
    return strstr(text, want) != NULL;
}

/* One reference bundle on every path.  A bundle padded for another slot
 * size is refused as a transfer; in a slot its trailer is not at the slot
 * end, so there it is no trailer (as for MCUboot) and the image is good. */
static void one_case(const ota_cases *cs, const ota_case *c, const uint8_t *b, size_t len,
                     const uint8_t *seed, const uint8_t *wasm, size_t wlen)
{
    bundle_report r;
    const char *why;
    mote_ota_why dwhy;
    mote_ota_image_info info;
    bool same;
    mote_ota_status host = bundle_check(b, len, cs->pk, &r, &why);
    char msg[64];
    bool other_slot = host == MOTE_OTA_OK && r.trailer && r.padded_size != cs->slot;
    if (other_slot) { /* what mote-ota verify -S says */
        snprintf(msg, sizeof msg, "padded for a %zu-byte slot, not %u", r.padded_size,
                 (unsigned)cs->slot);
        host = MOTE_OTA_ERR_FORMAT, why = msg;
    }
    CHECKF(host == c->want && says(why, c->why), "%s: host says %s (%s)", c->file,
           mote_ota_status_str(host), why);
    mote_ota_status want_flash = other_slot ? MOTE_OTA_OK : c->want;
    for (int transfer = 0; transfer < 2; transfer++) {
        memset(&dwhy, 0, sizeof dwhy);
        mote_ota_status dev =
            flash_verify(b, len, cs->pk, cs->slot, transfer, &info, &dwhy, wasm, wlen, &same);
        CHECKF(dev == want_flash && (dev != MOTE_OTA_OK || same) &&
                   (dev == MOTE_OTA_OK || says(dwhy.text, c->why)),
               "%s: from flash as a %s, the device says %s (%s)", c->file,
               transfer ? "transfer" : "slot", mote_ota_status_str(dev), dwhy.text);
        if (dev == MOTE_OTA_OK)
            CHECKF((info.trailer == r.trailer || (other_slot && !transfer)) &&
                       info.security_counter == r.security_counter &&
                       info.manifest.present == r.manifest.present &&
                       info.manifest.len == r.manifest.len &&
                       info.boot_record.len == r.boot_record.len,
                   "%s: device and host read the TLVs differently", c->file);
    }
    /* Sent to a device, which installs it or refuses it. */
    simdev d;
    ref_device(&d, cs->slot, cs->pk, seed, wasm, wlen);
    mote_ota_status sent = simdev_send(&d, b, (uint32_t)len, 200, NULL, NULL);
    CHECKF(sent == c->want && says(d.rx.why, c->why), "%s: the receiver says %s (%s)", c->file,
           mote_ota_status_str(sent), d.rx.why);
    if (sent == MOTE_OTA_OK) {
        bool trial = r.trailer != MOTE_OTA_TRAILER_CONFIRMED;
        simdev_boot(&d);
        CHECKF(d.boot_status == MOTE_OTA_OK && d.boot.slot == 1 && d.boot.trial == trial &&
                   d.boot.image.security_counter == r.security_counter,
               "%s: boots %s slot %d%s", c->file, mote_ota_status_str(d.boot_status), d.boot.slot,
               d.boot.trial ? " on trial" : "");
    }
    simdev_free(&d);
    /* Written straight into slot A of a blank device: boots, or nothing does. */
    simdev_init(&d, 1024, 8, cs->slot / 1024, cs->pk);
    norsim_factory(&d.nor, 0, b, (uint32_t)len);
    simdev_boot(&d);
    CHECKF(d.boot_status == (want_flash == MOTE_OTA_OK ? MOTE_OTA_OK : MOTE_OTA_ERR_NO_IMAGE),
           "%s: written into a slot, boot says %s", c->file, mote_ota_status_str(d.boot_status));
    simdev_free(&d);
}

/* data/cases.txt: every reference bundle gives its verdict on every path. */
static void reference_cases(void)
{
    ota_cases cs;
    keyfile k;
    char path[1024];
    snprintf(path, sizeof path, "%s/ref-key.pem", data_dir);
    if (!ota_cases_read(data_dir, &cs) || !keyfile_read(path, &k)) {
        CHECKF(false, "cannot read the reference data in %s", data_dir);
        return;
    }
    CHECKF(!memcmp(cs.pk, k.pk, 32), "cases.txt names another key than ref-key.pem");
    size_t wlen;
    snprintf(path, sizeof path, "%s/ref-app.wasm", data_dir);
    uint8_t *wasm = read_whole(path, &wlen);
    int accepted = 0;
    for (int i = 0; i < cs.n; i++) {
        size_t len;
        snprintf(path, sizeof path, "%s/%s", data_dir, cs.c[i].file);
        uint8_t *b = read_whole(path, &len);
        one_case(&cs, &cs.c[i], b, len, k.seed, wasm, wlen);
        accepted += cs.c[i].want == MOTE_OTA_OK;
        free(b);
    }
    printf("bundle: %d reference bundles (%d accepted, %d refused) on the host, from flash as "
           "slot and transfer, through the receiver and booted from a slot\n",
           cs.n, accepted, cs.n - accepted);
    free(wasm);
}

int main(int argc, char **argv)
{
    if (sodium_init() < 0 || argc < 2)
        return 99;
    data_dir = argv[1];
    rng_seed_from_env(0x0b0d1e);
    uint8_t pk[32], sk[64], seed[32];
    rng_bytes(seed, 32);
    crypto_sign_seed_keypair(pk, sk, seed);
    round_trips(seed, pk);
    rejections(seed, pk);
    mutations(seed, pk, 4000);
    reference_cases();
    printf("bundle: round trips, 13 rejection cases, reference bundles: %s\n",
           check_state.failed ? "FAILED" : "ok");
    return check_state.failed ? 1 : 0;
}
