/*
 * Power-fail enumeration.  Each scenario (update + confirm, update + reset
 * during the trial, update + reject, a chain of updates that rotates the
 * record log, and an update padded with --confirm, installed confirmed) first runs without faults
 * while every flash erase and program is numbered and, after each one, a copy of the flash is
 * booted to learn what the device would run at that instant.  Then, for every operation k, the
 * scenario runs again with the power cut inside operation k -- erases left partly done, programs
 * cut at byte 0, 1, the middle, the last byte and a random byte, with the byte in flight
 * half-programmed -- and the device reboots.  Every reboot must:
 *   - boot (a brick is a failure),
 *   - run a slot whose bytes are exactly one of the signed bundles (a
 *     half-written or unverified image is a failure),
 *   - run what the device ran just before operation k or just after it,
 *     with the security counter it had then (each operation is atomic as
 *     far as booting is concerned; bundle i carries security counter i),
 * while the fault-free run itself must, after every operation, only ever
 * be in the state before the current step or the state the script says
 * the step leads to (so the atomic steps are also the right ones),
 * and from there the device must still take an update to the newest
 * version (recovery).  A sample of cut points gets a second cut during
 * recovery.  The counts are printed.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "simdev.h"
#include "testutil.h"

enum { MAX_BUNDLES = 7, RECOVERY = 5, PADDED = 6, SLOT = 4096 };
static uint8_t seed[32], pk[32];
static uint8_t *bundles[MAX_BUNDLES];
static size_t bundle_len[MAX_BUNDLES];

typedef enum { BOOT, UPDATE, CONFIRM, REJECT, END } step_kind;
/* A step, and what a reset right after it must boot: which bundle, and
 * whether on trial. */
typedef struct step {
    step_kind kind;
    int bundle; /* for UPDATE */
    int want;
    bool want_trial;
} step;

typedef struct geometry {
    uint32_t sector, prog;
} geometry;

/* What booting yields: which bundle (-1: none/brick, -2: unknown bytes),
 * and the device's security counter after it. */
typedef struct outcome {
    int bundle;
    bool trial;
    uint32_t counter;
} outcome;

typedef struct totals {
    unsigned ops, cuts, bricks, unverified, non_atomic, recover_fail, double_cuts;
    unsigned violations;
} totals;

/* Bundle i carries security counter i, but for the last: 3.5.0, counter
 * 3, padded to the slot with --confirm (installed without a trial). */
static const uint32_t counters[MAX_BUNDLES] = {0, 1, 2, 3, 4, 5, 3};

static void make_bundles(void)
{
    static const size_t sizes[MAX_BUNDLES] = {2500, 3100, 2200, 3300, 2900, 2000, 1800};
    for (int i = 0; i < MAX_BUNDLES; i++) {
        uint8_t *wasm = malloc(sizes[i]);
        make_wasm(wasm, sizes[i], i);
        bundle_params p = {.version = {(uint8_t)(i + 1), 0, 0, 0},
                           .header_size = 32,
                           .has_security_counter = true,
                           .security_counter = counters[i]};
        if (i == PADDED)
            p.version = (mote_ota_version){3, 5, 0, 0}, p.slot_size = SLOT,
            p.pad = p.confirm = true;
        bundle_build(wasm, sizes[i], &p, seed, &bundles[i], &bundle_len[i]);
        free(wasm);
    }
}

static void device(simdev *d, const geometry *g)
{
    simdev_init(d, g->sector, g->prog, SLOT / g->sector, pk);
    norsim_factory(&d->nor, d->layout.slot_off[0], bundles[0], (uint32_t)bundle_len[0]);
}

/* Which bundle the booted slot holds, byte for byte. */
static outcome classify(simdev *d)
{
    outcome o = {-1, false, 0};
    if (d->boot_status != MOTE_OTA_OK)
        return o;
    o.counter = d->slots.have_record ? d->slots.rec.security_counter : 0;
    o.trial = d->boot.trial;
    o.bundle = -2;
    for (int i = 0; i < MAX_BUNDLES; i++)
        if (d->boot.image.padded_size == bundle_len[i] &&
            !memcmp(d->nor.mem + d->boot.image.offset, bundles[i], bundle_len[i]))
            o.bundle = i;
    return o;
}

/* --- the fault-free reference run --- */

typedef struct reference {
    const geometry *g;
    simdev *live, scratch;
    outcome *after; /* after[j]: boot result once j operations are done */
    char *kind;     /* 'E'rase, 'P'rogram of a slot, 'R'ecord program */
    uint32_t *len;
    unsigned count, cap;
} reference;

static outcome boot_copy(reference *r, const simdev *from)
{
    norsim_copy(&r->scratch.nor, &from->nor);
    simdev_boot(&r->scratch);
    return classify(&r->scratch);
}

static void grow(reference *r)
{
    r->cap = r->cap ? 2 * r->cap : 256;
    r->after = realloc(r->after, r->cap * sizeof *r->after);
    r->kind = realloc(r->kind, r->cap);
    r->len = realloc(r->len, r->cap * sizeof *r->len);
}

static void snapshot(void *ctx, char kind, uint32_t off, uint32_t len)
{
    reference *r = ctx;
    if (r->count + 1 >= r->cap)
        grow(r);
    if (kind == 'P' && off >= r->live->layout.state_off[0])
        kind = 'R';
    r->kind[r->count] = kind;
    r->len[r->count] = len;
    r->after[++r->count] = boot_copy(r, r->live);
}

static void do_step(simdev *d, const step *s)
{
    switch (s->kind) {
    case BOOT: simdev_boot(d); break;
    case UPDATE:
        simdev_start_receiver(d);
        simdev_send(d, bundles[s->bundle], (uint32_t)bundle_len[s->bundle], 200, NULL, NULL);
        break;
    case CONFIRM: mote_ota_confirm(&d->slots); break;
    case REJECT: mote_ota_reject(&d->slots, NULL); break;
    case END: break;
    }
}

/* Runs the steps; stops early if the power fails. */
static void run(simdev *d, const step *s)
{
    for (; s->kind != END && !d->nor.dead; s++)
        do_step(d, s);
}

static bool same(outcome a, int bundle, bool trial)
{
    return a.bundle == bundle && a.trial == trial;
}

/* The fault-free run: every snapshot must be the state before the step or
 * the one the script promises after it; a live boot must run what a reset
 * just before it would. */
static void record_reference(reference *r, const geometry *g, const step *script, const char *name)
{
    simdev d;
    memset(r, 0, sizeof *r);
    r->g = g;
    r->live = &d;
    device(&d, g);
    device(&r->scratch, g);
    grow(r);
    r->after[0] = boot_copy(r, &d);
    d.nor.after_op = snapshot;
    d.nor.after_ctx = r;
    outcome prev = r->after[0];
    CHECKF(same(prev, 0, false), "%s: factory state", name);
    for (int i = 0; script[i].kind != END; i++) {
        unsigned first = r->count;
        do_step(&d, &script[i]);
        if (script[i].kind == BOOT)
            CHECKF(same(classify(&d), prev.bundle, prev.trial), "%s: step %d booted the wrong app",
                   name, i);
        for (unsigned j = first + 1; j <= r->count; j++)
            CHECKF(same(r->after[j], prev.bundle, prev.trial) ||
                       same(r->after[j], script[i].want, script[i].want_trial),
                   "%s: step %d, after op %u a reset would run %d/%d", name, i, j - 1,
                   r->after[j].bundle, r->after[j].trial);
        prev = boot_copy(r, &d);
        CHECKF(same(prev, script[i].want, script[i].want_trial),
               "%s: after step %d a reset runs %d/%d, not %d/%d", name, i, prev.bundle, prev.trial,
               script[i].want, script[i].want_trial);
    }
    simdev_free(&d);
}

/* --- cuts --- */

/* Takes the device to the newest bundle; true if it ends there, confirmed. */
static bool recover(simdev *d)
{
    for (int round = 0; round < 6; round++) {
        if (d->nor.dead || simdev_boot(d) != MOTE_OTA_OK)
            return false;
        outcome o = classify(d);
        if (o.bundle == RECOVERY && !o.trial)
            return true;
        if (o.trial) {
            mote_ota_confirm(&d->slots);
        } else {
            simdev_start_receiver(d);
            simdev_send(d, bundles[RECOVERY], (uint32_t)bundle_len[RECOVERY], 200, NULL, NULL);
        }
    }
    return false;
}

/* Checks a reboot after a cut; returns its outcome. */
static outcome check_reboot(simdev *d, totals *t, const char *where)
{
    simdev_power_cycle(d);
    outcome o = classify(d);
    t->bricks += o.bundle == -1;
    t->unverified += o.bundle == -2;
    CHECKF(o.bundle >= 0, "%s: %s", where,
           o.bundle == -1 ? "device bricked" : "booted an unknown image");
    return o;
}

static void one_cut(const reference *r, const step *script, long k, uint32_t byte, bool scatter,
                    bool clean, totals *t, const char *name)
{
    simdev d;
    char where[160];
    device(&d, r->g);
    norsim_arm(&d.nor, k, byte, scatter, clean);
    run(&d, script);
    snprintf(where, sizeof where, "%s: cut in op %ld (%c, byte %u%s)", name, k, r->kind[k], byte,
             clean ? ", clean" : "");
    CHECKF(d.nor.dead, "%s: the cut never happened", where);
    t->cuts++;
    outcome o = check_reboot(&d, t, where);
    const outcome *before = &r->after[k], *after = &r->after[k + 1];
    bool atomic = (same(o, before->bundle, before->trial) && o.counter == before->counter) ||
                  (same(o, after->bundle, after->trial) && o.counter == after->counter);
    t->non_atomic += !atomic;
    CHECKF(atomic, "%s: booted bundle %d trial %d counter %u, expected %d/%d/%u or %d/%d/%u", where,
           o.bundle, o.trial, o.counter, before->bundle, before->trial, before->counter,
           after->bundle, after->trial, after->counter);
    /* Every 7th cut point also loses power once more during recovery. */
    if (k % 7 == 3) {
        long second = (long)d.nor.ops + 1 + rng_below(30);
        norsim_arm(&d.nor, second, rng_below(64), rng_below(2), false);
        recover(&d);
        if (d.nor.dead) {
            t->double_cuts++;
            check_reboot(&d, t, where);
        }
        norsim_power_on(&d.nor); /* disarm if the second cut never came */
    }
    bool ok = recover(&d);
    t->recover_fail += !ok;
    CHECKF(ok, "%s: cannot recover to the newest version", where);
    t->violations += d.nor.violations;
    simdev_free(&d);
}

/* Every operation, cut at several places inside it: erases not started,
 * partly done as a prefix or scattered; programs with nothing written, and
 * cut at byte 0, in the middle and at a random byte (commit records, the
 * critical writes, also at byte 1 and at the last byte). */
static void enumerate(const reference *r, const step *script, totals *t, const char *name)
{
    for (unsigned k = 0; k < r->count; k++) {
        one_cut(r, script, k, 0, false, true, t, name);
        if (r->kind[k] == 'E') {
            one_cut(r, script, k, 0, false, false, t, name);
            one_cut(r, script, k, 0, true, false, t, name);
            continue;
        }
        uint32_t len = r->len[k], at[5] = {0, len / 2, rng_below(len), 1, len - 1};
        int n = r->kind[k] == 'R' ? 5 : 3;
        for (int i = 0; i < n; i++) {
            bool dup = at[i] >= len;
            for (int j = 0; j < i; j++)
                dup |= at[j] == at[i];
            if (!dup)
                one_cut(r, script, k, at[i], false, false, t, name);
        }
    }
}

/* After an UPDATE the new app waits for its trial; once a trial runs, a
 * reset would roll it back, so a reset "right after" that BOOT runs the
 * old app until CONFIRM. */
static const step CONFIRMED[] = {{BOOT, 0, 0, false},    {UPDATE, 1, 1, true}, {BOOT, 0, 0, false},
                                 {CONFIRM, 0, 1, false}, {BOOT, 0, 1, false},  {END, 0, 0, false}};
static const step RESET_IN_TRIAL[] = {{BOOT, 0, 0, false}, {UPDATE, 1, 1, true},
                                      {BOOT, 0, 0, false}, {BOOT, 0, 0, false},
                                      {BOOT, 0, 0, false}, {END, 0, 0, false}};
static const step REJECTED[] = {{BOOT, 0, 0, false},   {UPDATE, 1, 1, true}, {BOOT, 0, 0, false},
                                {REJECT, 0, 0, false}, {BOOT, 0, 0, false},  {END, 0, 0, false}};
/* A padded bundle with image_ok set: confirmed as it is committed. */
static const step CONFIRMED_BY_TRAILER[] = {{BOOT, 0, 0, false},
                                            {UPDATE, PADDED, PADDED, false},
                                            {BOOT, 0, PADDED, false},
                                            {BOOT, 0, PADDED, false},
                                            {END, 0, 0, false}};
static const step CHAIN[] = {{BOOT, 0, 0, false},    {UPDATE, 1, 1, true},   {BOOT, 0, 0, false},
                             {CONFIRM, 0, 1, false}, {BOOT, 0, 1, false},    {UPDATE, 2, 2, true},
                             {BOOT, 0, 1, false},    {BOOT, 0, 1, false}, /* v3 dies in its trial */
                             {UPDATE, 2, 2, true},   {BOOT, 0, 1, false},    {CONFIRM, 0, 2, false},
                             {BOOT, 0, 2, false},    {UPDATE, 3, 3, true},   {BOOT, 0, 2, false},
                             {REJECT, 0, 2, false},  {BOOT, 0, 2, false},    {UPDATE, 4, 4, true},
                             {BOOT, 0, 2, false},    {CONFIRM, 0, 4, false}, {BOOT, 0, 4, false},
                             {END, 0, 0, false}};

static void scenario(const char *name, const step *script, const geometry *g, int expect_end,
                     totals *all)
{
    reference r;
    totals t = {0};
    record_reference(&r, g, script, name);
    CHECKF(r.after[r.count].bundle == expect_end && !r.after[r.count].trial &&
               r.after[r.count].counter == counters[expect_end],
           "%s: fault-free run ends on bundle %d, security counter %u", name,
           r.after[r.count].bundle, r.after[r.count].counter);
    enumerate(&r, script, &t, name);
    printf("  %-16s sector %4u prog %2u: %3u ops, %4u cuts, bricks %u, unverified %u, "
           "non-atomic %u, failed recoveries %u, double cuts %u\n",
           name, g->sector, g->prog, r.count, t.cuts, t.bricks, t.unverified, t.non_atomic,
           t.recover_fail, t.double_cuts);
    all->ops += r.count;
    all->cuts += t.cuts;
    all->bricks += t.bricks;
    all->unverified += t.unverified;
    all->non_atomic += t.non_atomic;
    all->recover_fail += t.recover_fail;
    all->double_cuts += t.double_cuts;
    all->violations += t.violations;
    simdev_free(&r.scratch);
    free(r.after);
    free(r.kind);
    free(r.len);
}

int main(void)
{
    if (sodium_init() < 0)
        return 99;
    rng_seed_from_env(255019);
    uint8_t sk[64];
    rng_bytes(seed, 32);
    crypto_sign_seed_keypair(pk, sk, seed);
    make_bundles();
    static const geometry geos[] = {{1024, 8}, {512, 1}, {256, 64}, {2048, 16}};
    totals all = {0};
    printf("power-fail: cutting power inside every flash erase and program\n");
    for (size_t i = 0; i < sizeof geos / sizeof geos[0]; i++) {
        scenario("update+confirm", CONFIRMED, &geos[i], 1, &all);
        scenario("reset in trial", RESET_IN_TRIAL, &geos[i], 0, &all);
        scenario("update+reject", REJECTED, &geos[i], 0, &all);
        scenario("chain+rotation", CHAIN, &geos[i], 4, &all);
        scenario("--confirm image", CONFIRMED_BY_TRAILER, &geos[i], PADDED, &all);
    }
    printf("power-fail total: %u operations enumerated, %u cut points, %u double cuts; "
           "bricks %u, unverified runs %u, non-atomic %u, failed recoveries %u, "
           "flash misuse %u\n",
           all.ops, all.cuts, all.double_cuts, all.bricks, all.unverified, all.non_atomic,
           all.recover_fail, all.violations);
    CHECKF(all.violations == 0, "the library programmed a byte twice or misaligned");
    for (int i = 0; i < MAX_BUNDLES; i++)
        free(bundles[i]);
    return check_state.failed ? 1 : 0;
}
