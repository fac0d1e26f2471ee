/* The device end of the chunk protocol, driven in-process: clean transfers
 * at many chunk sizes, a noisy link (damaged, lost and repeated frames),
 * resume, the rejection cases (each must leave the old app running, the
 * early ones without touching flash) and protocol misuse. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "simdev.h"
#include "testutil.h"

static uint8_t seed[32], pk[32], other_seed[32], other_pk[32];

typedef struct blob {
    uint8_t *b;
    size_t len;
} blob;

static blob sign_params(const uint8_t *key_seed, const bundle_params *p, size_t wasm_len)
{
    blob out;
    uint8_t *wasm = malloc(wasm_len);
    make_wasm(wasm, wasm_len, p->version.major);
    bundle_build(wasm, wasm_len, p, key_seed, &out.b, &out.len);
    free(wasm);
    return out;
}

static blob sign_with(const uint8_t *key_seed, mote_ota_version v, size_t wasm_len)
{
    bundle_params p = {.version = v, .header_size = 32};
    return sign_params(key_seed, &p, wasm_len);
}

static blob V1, V2;

/* A device with v1 installed and booted, listening. */
static void fresh(simdev *d, uint32_t prog)
{
    simdev_init(d, 1024, prog, 8, pk);
    norsim_factory(&d->nor, d->layout.slot_off[0], V1.b, (uint32_t)V1.len);
    simdev_boot(d);
    simdev_start_receiver(d);
}

static bool runs(simdev *d, const blob *app, bool trial)
{
    simdev_boot(d);
    return d->boot_status == MOTE_OTA_OK && d->boot.trial == trial &&
           d->boot.image.padded_size == app->len &&
           !memcmp(d->nor.mem + d->boot.image.offset, app->b, app->len);
}

static void clean_transfers(void)
{
    static const uint32_t chunks[] = {1, 7, 100, 255, 256, 512};
    static const uint32_t progs[] = {1, 4, 8, 16, 64};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        simdev d;
        fresh(&d, progs[i % 5]);
        mote_ota_status s = simdev_send(&d, V2.b, (uint32_t)V2.len, chunks[i], NULL, NULL);
        CHECKF(s == MOTE_OTA_OK && mote_ota_receiver_committed(&d.rx) && d.validate_calls == 1,
               "chunk %u: %s", chunks[i], mote_ota_status_str(s));
        CHECKF(runs(&d, &V2, true), "chunk %u: v2 must boot on trial", chunks[i]);
        CHECKF(d.nor.violations == 0, "chunk %u: flash misuse", chunks[i]);
        simdev_free(&d);
    }
}

static void noisy_link(void)
{
    link_faults faults = {.corrupt = 60, .drop = 60, .dup = 60};
    unsigned total_frames = 0, ok = 0;
    for (int i = 0; i < 20; i++) {
        simdev d;
        unsigned frames;
        fresh(&d, 8);
        mote_ota_status s = simdev_send(&d, V2.b, (uint32_t)V2.len, 200, &faults, &frames);
        CHECKF(s == MOTE_OTA_OK, "noisy run %d: %s", i, mote_ota_status_str(s));
        CHECKF(runs(&d, &V2, true), "noisy run %d: image must be intact", i);
        total_frames += frames;
        ok += s == MOTE_OTA_OK;
        simdev_free(&d);
    }
    printf("receiver: 20 transfers over a link damaging/dropping/repeating 6%% of frames each: "
           "%u ok, %u frames for %u needed each\n",
           ok, total_frames / 20, (unsigned)(V2.len + 199) / 200 + 2);
}

/* Sends one frame, returns the device's (last) reply. */
static bool exchange(simdev *d, uint8_t type, uint32_t off, const uint8_t *p, uint16_t len,
                     mote_ota_frame *reply, uint8_t *copy)
{
    static uint8_t buf[MOTE_OTA_FRAME_OVERHEAD + 2048], fb[MOTE_OTA_FRAME_OVERHEAD + 256];
    static uint16_t seq;
    mote_ota_frame f = {type, 0, ++seq, len, off, p};
    size_t n = mote_ota_frame_encode(buf, sizeof buf, &f);
    mote_ota_receiver_feed(&d->rx, buf, n);
    mote_ota_framer fr;
    mote_ota_framer_init(&fr, fb, sizeof fb);
    bool got = false;
    for (size_t i = 0; i < d->out_len; i++)
        if (mote_ota_framer_push(&fr, d->out[i], reply) == MOTE_OTA_FRAMER_FRAME) {
            memcpy(copy, reply->payload, reply->len);
            reply->payload = copy;
            got = true;
        }
    d->out_len = 0;
    return got;
}

static void start(simdev *d, const blob *bl, mote_ota_frame *r, uint8_t *copy)
{
    uint8_t p[4 + MOTE_OTA_ID_SIZE];
    mote_ota_put32(p, (uint32_t)bl->len);
    mote_ota_sha256(bl->b, bl->len, p + 4);
    exchange(d, MOTE_OTA_F_START, 0, p, sizeof p, r, copy);
}

/* The host goes away halfway and comes back: START with the same bundle
 * resumes at the device's offset; another bundle starts over. */
static void resume(void)
{
    simdev d;
    mote_ota_frame r;
    uint8_t copy[256];
    fresh(&d, 8);
    start(&d, &V2, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_READY && r.offset == 0, "first START");
    uint32_t off = 0;
    while (off < V2.len / 2) {
        exchange(&d, MOTE_OTA_F_DATA, off, V2.b + off, 300, &r, copy);
        off = r.offset;
    }
    start(&d, &V2, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_READY && r.offset == off, "resume at %u, got %u", off, r.offset);
    start(&d, &V1, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_READY && r.offset == 0, "other bundle restarts");
    start(&d, &V2, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_READY && r.offset == 0, "and the old progress is gone");
    simdev_free(&d);
    /* Resume with an uneven split: chunks overlap what the device has. */
    fresh(&d, 16);
    start(&d, &V2, &r, copy);
    exchange(&d, MOTE_OTA_F_DATA, 0, V2.b, 401, &r, copy);
    exchange(&d, MOTE_OTA_F_DATA, 200, V2.b + 200, 400, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_ACK && r.offset == 600, "overlapping chunk: %u", r.offset);
    mote_ota_status s = simdev_send(&d, V2.b, (uint32_t)V2.len, 256, NULL, NULL);
    CHECKF(s == MOTE_OTA_OK && runs(&d, &V2, true), "resumed transfer completes");
    simdev_free(&d);
}

static void rejections(void)
{
    blob bad_sig = {malloc(V2.len), V2.len},
         wrong_key = sign_with(other_seed, (mote_ota_version){2, 0, 0, 0}, 3000),
         older = sign_with(seed, (mote_ota_version){0, 9, 0, 0}, 3000),
         huge = sign_with(seed, (mote_ota_version){3, 0, 0, 0}, 9000), junk = {malloc(2000), 2000},
         trunc = {V2.b, V2.len - 200};
    memcpy(bad_sig.b, V2.b, V2.len);
    bad_sig.b[V2.len - 5] ^= 0x40;
    rng_bytes(junk.b, junk.len);
    struct {
        const char *what;
        const blob *bl;
        mote_ota_status want;
        bool early; /* refused before any flash operation */
        bool refuse_module;
    } cases[] = {
        {"bad signature", &bad_sig, MOTE_OTA_ERR_SIGNATURE, false, false},
        {"wrong key", &wrong_key, MOTE_OTA_ERR_KEY, false, false},
        {"truncated", &trunc, MOTE_OTA_ERR_TRUNCATED, true, false},
        {"downgrade", &older, MOTE_OTA_ERR_DOWNGRADE, true, false},
        {"too big for the slot", &huge, MOTE_OTA_ERR_TOO_BIG, true, false},
        {"not a bundle", &junk, MOTE_OTA_ERR_MAGIC, true, false},
        {"module refused by firmware", &V2, MOTE_OTA_ERR_VALIDATE, false, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        simdev d;
        fresh(&d, 8);
        d.refuse_module = cases[i].refuse_module;
        uint32_t ops = d.nor.ops;
        mote_ota_status s =
            simdev_send(&d, cases[i].bl->b, (uint32_t)cases[i].bl->len, 256, NULL, NULL);
        CHECKF(s == cases[i].want, "%s: got %s", cases[i].what, mote_ota_status_str(s));
        CHECKF(!cases[i].early || d.nor.ops == ops, "%s: flash touched", cases[i].what);
        CHECKF(!mote_ota_receiver_committed(&d.rx) && runs(&d, &V1, false),
               "%s: the old app must keep running", cases[i].what);
        simdev_free(&d);
    }
    printf("receiver: %zu rejection cases checked\n", sizeof cases / sizeof cases[0]);
    free(bad_sig.b);
    free(wrong_key.b);
    free(older.b);
    free(huge.b);
    free(junk.b);
}

/* MCUboot's semantics over the link: a refused flag before any flash
 * operation, padded images (trial, or confirmed with --confirm; refused if
 * padded for another slot size), the security counter. */
static void semantics(void)
{
    simdev d;
    const uint32_t slot = 1024 * 8; /* fresh()'s slots */
    bundle_params pad = {.version = {2, 1, 0, 0},
                         .header_size = 32,
                         .slot_size = slot,
                         .pad = true},
                  confirm = pad, small = pad,
                  counted = {.version = {2, 2, 0, 0},
                             .header_size = 32,
                             .has_security_counter = true,
                             .security_counter = 5},
                  lower = counted;
    confirm.confirm = true;
    small.slot_size = slot / 2;
    lower.version.minor = 3;
    lower.security_counter = 4;
    blob padded = sign_params(seed, &pad, 3000), confirmed = sign_params(seed, &confirm, 3000),
         other = sign_params(seed, &small, 1000), c5 = sign_params(seed, &counted, 3000),
         c4 = sign_params(seed, &lower, 3000),
         nonboot = sign_with(seed, (mote_ota_version){2, 0, 0, 0}, 3000);
    nonboot.b[16] |= MOTE_OTA_IMAGE_F_NON_BOOTABLE;

    fresh(&d, 8);
    uint32_t ops = d.nor.ops;
    CHECKF(simdev_send(&d, nonboot.b, (uint32_t)nonboot.len, 256, NULL, NULL) ==
                   MOTE_OTA_ERR_UNSUPPORTED &&
               strstr(d.rx.why, "non-bootable") && d.nor.ops == ops,
           "a non-bootable image is refused from its header: %s", d.rx.why);
    simdev_free(&d);

    fresh(&d, 4);
    CHECKF(padded.len == slot && simdev_send(&d, padded.b, slot, 256, NULL, NULL) == MOTE_OTA_OK &&
               runs(&d, &padded, true),
           "--pad: installed, boots on trial");
    simdev_free(&d);
    fresh(&d, 16);
    CHECKF(simdev_send(&d, confirmed.b, slot, 256, NULL, NULL) == MOTE_OTA_OK &&
               strstr(d.rx.why, "confirmed"),
           "--confirm: installed confirmed (%s)", d.rx.why);
    simdev_boot(&d);
    CHECKF(d.boot_status == MOTE_OTA_OK && d.boot.slot == 1 && !d.boot.trial,
           "--confirm: boots without a trial");
    simdev_free(&d);
    fresh(&d, 8);
    CHECKF(simdev_send(&d, other.b, (uint32_t)other.len, 256, NULL, NULL) == MOTE_OTA_ERR_FORMAT &&
               strstr(d.rx.why, "padded for a 4096-byte slot, not 8192") && runs(&d, &V1, false),
           "padded for another slot: %s", d.rx.why);
    simdev_free(&d);

    fresh(&d, 8);
    CHECKF(simdev_send(&d, c5.b, (uint32_t)c5.len, 256, NULL, NULL) == MOTE_OTA_OK, "counter 5");
    simdev_boot(&d);
    mote_ota_confirm(&d.slots);
    simdev_boot(&d);
    simdev_start_receiver(&d);
    CHECKF(simdev_send(&d, c4.b, (uint32_t)c4.len, 256, NULL, NULL) == MOTE_OTA_ERR_ROLLBACK &&
               !strcmp(d.rx.why, "security counter 4 is below the device's 5"),
           "a newer version with a lower counter: %s", d.rx.why);
    CHECKF(runs(&d, &c5, false), "the counted app keeps running");
    simdev_free(&d);
    printf("receiver: flags, padded and confirmed transfers, security counter checked\n");
    free(padded.b), free(confirmed.b), free(other.b), free(c5.b), free(c4.b), free(nonboot.b);
}

static void misuse(void)
{
    simdev d;
    mote_ota_frame r;
    uint8_t copy[256], big[600] = {0};
    fresh(&d, 8);
    exchange(&d, MOTE_OTA_F_DATA, 0, V2.b, 100, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_NAK && copy[0] == MOTE_OTA_NAK_NOT_STARTED, "DATA before START");
    start(&d, &V2, &r, copy);
    exchange(&d, MOTE_OTA_F_DATA, 50, V2.b + 50, 100, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_NAK && copy[0] == MOTE_OTA_NAK_GAP && r.offset == 0, "gap");
    exchange(&d, MOTE_OTA_F_DATA, 0, big, sizeof big, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_NAK && copy[0] == MOTE_OTA_NAK_TOO_LONG, "frame too long");
    exchange(&d, MOTE_OTA_F_DATA, 0, V2.b, 200, &r, copy);
    exchange(&d, MOTE_OTA_F_END, (uint32_t)V2.len, NULL, 0, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_NAK && copy[0] == MOTE_OTA_NAK_INCOMPLETE && r.offset == 200,
           "END too early");
    exchange(&d, MOTE_OTA_F_DATA, (uint32_t)V2.len - 10, V2.b, 100, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_NAK || r.type == MOTE_OTA_F_RESULT, "data past the end");
    exchange(&d, MOTE_OTA_F_ABORT, 0, NULL, 0, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_ACK, "abort");
    simdev_free(&d);
}

/* A device with several apps: the START frame names the app, the route
 * callback picks its slots.  Device d holds app "a", device e app "b";
 * d's receiver serves both (each slot manager has its own flash). */
static simdev *route_devs[2];

static mote_ota_slots *route(void *user, const char *app, size_t len, const char **why)
{
    (void)user;
    if (len == 1 && (app[0] == 'a' || app[0] == 'b'))
        return &route_devs[app[0] - 'a']->slots;
    *why = len == 0 ? "name the app: this device runs several" : "no such app here";
    return NULL;
}

static void start_app(simdev *d, const blob *bl, const char *app, uint8_t n, mote_ota_frame *r,
                      uint8_t *copy)
{
    uint8_t p[4 + MOTE_OTA_ID_SIZE + 1 + 32];
    mote_ota_put32(p, (uint32_t)bl->len);
    mote_ota_sha256(bl->b, bl->len, p + 4);
    p[4 + MOTE_OTA_ID_SIZE] = n;
    memcpy(p + 5 + MOTE_OTA_ID_SIZE, app, strlen(app));
    exchange(d, MOTE_OTA_F_START, 0, p, (uint16_t)(5 + MOTE_OTA_ID_SIZE + strlen(app)), r, copy);
}

static void routing(void)
{
    simdev d, e;
    mote_ota_frame r;
    uint8_t copy[256];
    fresh(&d, 8);
    fresh(&e, 4);
    route_devs[0] = &d;
    route_devs[1] = &e;
    mote_ota_receiver_config cfg = d.rx.cfg;
    cfg.slots = NULL;
    cfg.route = route;
    CHECKF(mote_ota_receiver_init(&d.rx, &cfg) == MOTE_OTA_OK, "receiver with a route");
    /* to app b: written to e's slots, d's untouched */
    start_app(&d, &V2, "b", 1, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_READY, "START for app b");
    CHECKF(strcmp(mote_ota_receiver_app(&d.rx), "b") == 0 &&
               mote_ota_receiver_slots(&d.rx) == &e.slots,
           "the transfer is app b's");
    uint32_t off = 0;
    while (off < V2.len / 2) {
        exchange(&d, MOTE_OTA_F_DATA, off, V2.b + off, 200, &r, copy);
        off = r.offset;
    }
    start_app(&d, &V2, "a", 1, &r, copy); /* another app: starts over */
    CHECKF(r.type == MOTE_OTA_F_READY && r.offset == 0, "app a starts at 0, got %u", r.offset);
    start_app(&d, &V2, "b", 1, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_READY && r.offset == 0, "back to b: from 0 again");
    for (off = 0; off < V2.len;) {
        uint32_t n = V2.len - off < 200 ? (uint32_t)V2.len - off : 200;
        exchange(&d, MOTE_OTA_F_DATA, off, V2.b + off, (uint16_t)n, &r, copy);
        off = r.offset;
    }
    exchange(&d, MOTE_OTA_F_END, off, NULL, 0, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_RESULT && r.payload[0] == MOTE_OTA_OK, "app b committed");
    CHECKF(runs(&e, &V2, true), "app b boots v2 on trial");
    CHECKF(runs(&d, &V1, false), "app a still boots v1");
    /* unknown, missing and malformed names */
    CHECKF(mote_ota_receiver_init(&d.rx, &cfg) == MOTE_OTA_OK, "receiver again");
    start_app(&d, &V2, "zz", 2, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_RESULT && r.payload[0] == MOTE_OTA_ERR_STATE &&
               r.len == 10 + strlen("no such app here") &&
               !memcmp(r.payload + 10, "no such app here", 16),
           "an unknown app is refused by name");
    start(&d, &V2, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_RESULT && r.payload[0] == MOTE_OTA_ERR_STATE,
           "no app named, with several apps: refused");
    start_app(&d, &V2, "b", 2, &r, copy); /* the length says 2, one byte follows */
    CHECKF(r.type == MOTE_OTA_F_NAK, "a cut app name: NAK");
    start_app(&d, &V2, "abcdefghijklmnop", 16, &r, copy);
    CHECKF(r.type == MOTE_OTA_F_NAK, "an app name of 16 bytes: NAK");
    simdev_free(&d);
    simdev_free(&e);
}

int main(void)
{
    if (sodium_init() < 0)
        return 99;
    rng_seed_from_env(4242);
    uint8_t sk[64];
    rng_bytes(seed, 32);
    rng_bytes(other_seed, 32);
    crypto_sign_seed_keypair(pk, sk, seed);
    crypto_sign_seed_keypair(other_pk, sk, other_seed);
    V1 = sign_with(seed, (mote_ota_version){1, 0, 0, 0}, 2500);
    V2 = sign_with(seed, (mote_ota_version){2, 0, 0, 0}, 3000);
    clean_transfers();
    noisy_link();
    resume();
    rejections();
    semantics();
    misuse();
    routing();
    free(V1.b);
    free(V2.b);
    return check_summary("receiver");
}
