/* The slot manager's decisions: factory boot, trial, confirm, rollback by
 * reset and by reject, downgrade policy, corrupt slots, record-log rotation
 * and garbage in the state sectors. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "simdev.h"
#include "testutil.h"

static uint8_t seed[32], pk[32];

typedef struct app {
    uint8_t *b;
    size_t len;
    mote_ota_version v;
} app;

static app make_counted(mote_ota_version v, size_t wasm_len, int answer, bool counted,
                        uint32_t counter)
{
    app a = {.v = v};
    uint8_t *wasm = malloc(wasm_len);
    make_wasm(wasm, wasm_len, answer);
    bundle_params p = {.version = v,
                       .header_size = 32,
                       .has_security_counter = counted,
                       .security_counter = counter};
    bundle_build(wasm, wasm_len, &p, seed, &a.b, &a.len);
    free(wasm);
    return a;
}

static app make_version(mote_ota_version v, size_t wasm_len, int answer)
{
    return make_counted(v, wasm_len, answer, false, 0);
}

static app make_app(uint8_t major, uint8_t minor, size_t wasm_len)
{
    return make_version((mote_ota_version){major, minor, 0, 0}, wasm_len, major * 10 + minor);
}

static void factory(simdev *d, int slot, const app *a)
{
    norsim_factory(&d->nor, d->layout.slot_off[slot], a->b, (uint32_t)a->len);
}

/* Writes, verifies and commits an app as the receiver would. */
static mote_ota_status install_as(simdev *d, const app *a, bool trial)
{
    int slot = mote_ota_inactive_slot(&d->slots);
    mote_ota_status s = mote_ota_update_allowed(&d->slots, &a->v);
    if (s != MOTE_OTA_OK)
        return s;
    mote_ota_writer w;
    mote_ota_writer_begin(&w, &d->nor.flash, d->layout.slot_off[slot], d->layout.slot_size);
    s = mote_ota_writer_write(&w, a->b, a->len);
    if (s == MOTE_OTA_OK)
        s = mote_ota_writer_finish(&w);
    mote_ota_image_info img;
    if (s == MOTE_OTA_OK)
        s = mote_ota_image_verify(&d->nor.flash, d->layout.slot_off[slot], d->layout.slot_size,
                                  false, pk, NULL, &img, NULL);
    return s == MOTE_OTA_OK ? mote_ota_commit(&d->slots, &img, trial) : s;
}

static mote_ota_status install(simdev *d, const app *a)
{
    return install_as(d, a, true);
}

static bool booted(const simdev *d, const app *a, bool trial)
{
    return d->boot_status == MOTE_OTA_OK && d->boot.trial == trial &&
           mote_ota_version_cmp(&d->boot.image.hdr.version, &a->v) == 0 &&
           d->boot.image.total_size == a->len &&
           !memcmp(d->nor.mem + d->boot.image.offset, a->b, a->len);
}

static void factory_boot(const app *v1)
{
    simdev d;
    simdev_init(&d, 512, 8, 8, pk);
    CHECKF(simdev_boot(&d) == MOTE_OTA_ERR_NO_IMAGE, "blank flash must not boot");
    factory(&d, 1, v1);
    simdev_boot(&d);
    CHECKF(booted(&d, v1, false) && d.boot.slot == 1, "factory image in slot B");
    factory(&d, 0, v1);
    simdev_boot(&d);
    CHECKF(booted(&d, v1, false) && d.boot.slot == 0, "slot A preferred without records");
    simdev_free(&d);
}

static void update_confirm_rollback(const app *v1, const app *v2)
{
    simdev d;
    simdev_init(&d, 512, 8, 8, pk);
    factory(&d, 0, v1);
    simdev_boot(&d);
    CHECKF(install(&d, v2) == MOTE_OTA_OK, "install v2");
    CHECKF(install(&d, v2) == MOTE_OTA_ERR_STATE, "second install before reboot");
    simdev_boot(&d);
    CHECKF(booted(&d, v2, true) && d.boot.slot == 1, "v2 on trial after reset");
    CHECKF(install(&d, v2) == MOTE_OTA_ERR_STATE, "install during a trial");
    simdev_boot(&d); /* reset before confirmation */
    CHECKF(booted(&d, v1, false) && d.boot.rolled_back, "reset during trial rolls back");
    simdev_boot(&d);
    CHECKF(booted(&d, v1, false) && !d.boot.rolled_back, "rollback is permanent");

    CHECKF(install(&d, v2) == MOTE_OTA_OK, "install v2 again");
    simdev_boot(&d);
    CHECKF(booted(&d, v2, true), "trial again");
    mote_ota_image_info old;
    CHECKF(mote_ota_reject(&d.slots, &old) == MOTE_OTA_OK &&
               mote_ota_version_cmp(&old.hdr.version, &v1->v) == 0,
           "reject hands back v1");
    simdev_boot(&d);
    CHECKF(booted(&d, v1, false), "reject rolls back");

    CHECKF(install(&d, v2) == MOTE_OTA_OK, "install v2 a third time");
    simdev_boot(&d);
    CHECKF(mote_ota_confirm(&d.slots) == MOTE_OTA_OK, "confirm");
    CHECKF(mote_ota_confirm(&d.slots) == MOTE_OTA_OK, "confirm twice is harmless");
    CHECKF(mote_ota_reject(&d.slots, NULL) == MOTE_OTA_ERR_STATE, "reject after confirm");
    simdev_boot(&d);
    CHECKF(booted(&d, v2, false), "confirmed v2 stays");
    simdev_boot(&d);
    CHECKF(booted(&d, v2, false) && d.boot.slot == 1, "and stays");
    simdev_free(&d);
}

static void downgrade(const app *v1, const app *v2)
{
    simdev d;
    simdev_init(&d, 512, 8, 8, pk);
    factory(&d, 0, v2);
    simdev_boot(&d);
    CHECKF(install(&d, v1) == MOTE_OTA_ERR_DOWNGRADE, "downgrade refused");
    CHECKF(mote_ota_update_allowed(&d.slots, &v2->v) == MOTE_OTA_OK, "same version allowed");
    d.slots.allow_downgrade = true;
    CHECKF(install(&d, v1) == MOTE_OTA_OK, "downgrade allowed by firmware policy");
    simdev_free(&d);
}

static void corrupt_slots(const app *v1, const app *v2)
{
    simdev d;
    simdev_init(&d, 512, 8, 8, pk);
    factory(&d, 0, v1);
    simdev_boot(&d);
    install(&d, v2);
    d.nor.mem[d.layout.slot_off[1] + 100] ^= 0x20; /* bit rot before the trial */
    simdev_boot(&d);
    CHECKF(booted(&d, v1, false) && d.boot.rolled_back, "corrupt trial image rolls back");
    d.nor.mem[d.layout.slot_off[1] + 100] ^= 0x20;
    install(&d, v2);
    simdev_boot(&d);
    mote_ota_confirm(&d.slots);
    d.nor.mem[d.layout.slot_off[1] + 200] ^= 0x01; /* bit rot in the confirmed app */
    simdev_boot(&d);
    CHECKF(booted(&d, v1, false) && d.boot.fallback, "corrupt confirmed app falls back");
    d.nor.mem[d.layout.slot_off[0] + 50] ^= 0x01;
    CHECKF(simdev_boot(&d) == MOTE_OTA_ERR_NO_IMAGE, "nothing valid: no boot");
    simdev_free(&d);
}

/* Many updates with 256-byte state sectors (8 records each): the log
 * rotates again and again and the state always survives.  Every third new
 * app fails its trial. */
static void rotation(void)
{
    simdev d;
    simdev_init(&d, 256, 4, 16, pk);
    app cur = make_version((mote_ota_version){1, 1, 0, 0}, 1500, 0);
    factory(&d, 0, &cur);
    simdev_boot(&d);
    int ok = 0;
    for (int i = 1; i <= 40; i++) {
        app next = make_version((mote_ota_version){1, 1, (uint16_t)i, 0},
                                1500 + 200 * (size_t)(i % 2), i % 60);
        bool good = install(&d, &next) == MOTE_OTA_OK;
        simdev_boot(&d);
        good = good && booted(&d, &next, true);
        if (i % 3 == 0) {
            simdev_boot(&d); /* reset during the trial */
            good = good && booted(&d, &cur, false) && d.boot.rolled_back;
            free(next.b);
        } else {
            good = good && mote_ota_confirm(&d.slots) == MOTE_OTA_OK;
            simdev_boot(&d);
            good = good && booted(&d, &next, false);
            free(cur.b);
            cur = next;
        }
        CHECKF(good, "update %d through a rotating log", i);
        ok += good;
    }
    CHECKF(d.nor.violations == 0, "double programs: %u", d.nor.violations);
    printf("slots: %d/40 updates through a rotating record log (%u flash operations)\n", ok,
           d.nor.ops);
    free(cur.b);
    simdev_free(&d);
}

static void garbage_state(const app *v1, const app *v2)
{
    simdev d;
    simdev_init(&d, 512, 8, 8, pk);
    factory(&d, 0, v1);
    rng_bytes(d.nor.mem + d.layout.state_off[0], 1024); /* both state sectors */
    simdev_boot(&d);
    CHECKF(booted(&d, v1, false), "garbage state sectors read as no record");
    CHECKF(install(&d, v2) == MOTE_OTA_OK, "first record after garbage");
    simdev_boot(&d);
    CHECKF(booted(&d, v2, true), "trial after garbage");
    simdev_free(&d);
}

/* The security counter: raised only by a confirmed app, recorded in every
 * record, and below it nothing is installed or booted -- not even the
 * previous app as a fallback. */
static void security_counter(void)
{
    simdev d;
    app v1 = make_counted((mote_ota_version){1, 0, 0, 0}, 1800, 10, true, 3),
        v15 = make_counted((mote_ota_version){1, 5, 0, 0}, 1900, 15, true, 2),
        v2 = make_counted((mote_ota_version){2, 0, 0, 0}, 2000, 20, true, 5),
        v3 = make_counted((mote_ota_version){3, 0, 0, 0}, 2100, 30, false, 0),
        v4 = make_counted((mote_ota_version){4, 0, 0, 0}, 2200, 40, true, 9);
    simdev_init(&d, 512, 8, 8, pk);
    factory(&d, 0, &v1);
    simdev_boot(&d);
    CHECKF(mote_ota_security_counter(&d.slots) == 3, "the running app's counter counts");
    CHECKF(install(&d, &v15) == MOTE_OTA_ERR_ROLLBACK, "newer version, lower counter refused");
    CHECKF(install(&d, &v2) == MOTE_OTA_OK && d.slots.rec.security_counter == 3,
           "commit records the running app's counter, not the new one's");
    simdev_boot(&d);
    simdev_boot(&d); /* reset during the trial */
    CHECKF(booted(&d, &v1, false) && d.boot.rolled_back, "a trial above the counter rolls back");
    CHECKF(install(&d, &v2) == MOTE_OTA_OK, "install v2 again");
    simdev_boot(&d);
    CHECKF(mote_ota_confirm(&d.slots) == MOTE_OTA_OK && d.slots.rec.security_counter == 5,
           "confirming raises the counter to 5");
    simdev_boot(&d);
    CHECKF(booted(&d, &v2, false) && d.slots.rec.security_counter == 5, "and it persists");
    CHECKF(install(&d, &v3) == MOTE_OTA_ERR_ROLLBACK, "no counter (0) is below 5");
    d.nor.mem[d.layout.slot_off[1] + 100] ^= 0x20; /* v2 rots */
    CHECKF(simdev_boot(&d) == MOTE_OTA_ERR_NO_IMAGE, "v1 (3) is no fallback below 5");
    d.nor.mem[d.layout.slot_off[1] + 100] ^= 0x20;
    simdev_boot(&d);
    CHECKF(install_as(&d, &v4, false) == MOTE_OTA_OK && d.slots.rec.security_counter == 9,
           "an app committed confirmed raises the counter at once");
    simdev_boot(&d);
    CHECKF(booted(&d, &v4, false), "v4 runs confirmed");
    CHECKF(d.nor.violations == 0, "flash misuse");
    printf("slots: security counter 3 -> 5 -> 9, rollbacks and fallbacks below it refused\n");
    free(v1.b), free(v15.b), free(v2.b), free(v3.b), free(v4.b);
    simdev_free(&d);
}

static void records(void)
{
    mote_ota_record r = {.seq = 77,
                         .slot = 1,
                         .state = MOTE_OTA_STATE_TRIAL_RUNNING,
                         .version = {1, 2, 3, 4},
                         .digest = {1, 2, 3, 4, 5, 6, 7, 8},
                         .security_counter = 0x01020304},
                    back;
    uint8_t raw[MOTE_OTA_RECORD_SIZE];
    mote_ota_record_encode(raw, &r);
    CHECKF(mote_ota_record_decode(raw, &back) && back.seq == 77 && back.slot == 1 &&
               back.state == r.state && !memcmp(&back.version, &r.version, sizeof r.version) &&
               back.security_counter == r.security_counter,
           "record round trip");
    int caught = 0;
    for (int bit = 0; bit < MOTE_OTA_RECORD_SIZE * 8; bit++) {
        raw[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        caught += !mote_ota_record_decode(raw, &back);
        raw[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
    CHECKF(caught == MOTE_OTA_RECORD_SIZE * 8, "single bit flips caught: %d", caught);
}

int main(void)
{
    if (sodium_init() < 0)
        return 99;
    rng_seed_from_env(5107);
    uint8_t sk[64];
    rng_bytes(seed, 32);
    crypto_sign_seed_keypair(pk, sk, seed);
    app v1 = make_app(1, 0, 1800), v2 = make_app(2, 0, 2300);
    records();
    factory_boot(&v1);
    update_confirm_rollback(&v1, &v2);
    downgrade(&v1, &v2);
    corrupt_slots(&v1, &v2);
    garbage_state(&v1, &v2);
    security_counter();
    rotation();
    free(v1.b);
    free(v2.b);
    return check_summary("slots");
}
