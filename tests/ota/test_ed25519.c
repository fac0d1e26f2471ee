/* Ed25519 verification: RFC 8032 vectors, then agreement with libsodium's
 * crypto_sign_verify_detached on thousands of random keys and messages,
 * their corruptions and the hand-made edge cases (non-canonical S and keys,
 * small-order keys), and the hardware-hook path. */
#include <sodium.h>
#include <string.h>

#include "mote/ota_crypto.h"
#include "testutil.h"

typedef struct rfc_vector {
    const char *seed, *pk, *msg, *sig;
} rfc_vector;

/* RFC 8032 section 7.1: TEST 1, TEST 2, TEST 3 and TEST SHA(abc) (whose
 * message, the SHA-512 of "abc", is computed below). */
static const rfc_vector RFC[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
     "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
     "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
     "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    {"833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", NULL,
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
     "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"},
};

static bool dev(const uint8_t *sig, const uint8_t *m, size_t n, const uint8_t *pk)
{
    return mote_ota_ed25519_verify(sig, m, n, pk, NULL);
}

static bool lib(const uint8_t *sig, const uint8_t *m, size_t n, const uint8_t *pk)
{
    return crypto_sign_verify_detached(sig, m, n, pk) == 0;
}

static int rfc_vectors(void)
{
    int passed = 0;
    for (size_t i = 0; i < sizeof RFC / sizeof RFC[0]; i++) {
        uint8_t seed[32], pk[32], sig[64], m[64], mine_pk[32], sk[64], mine_sig[64];
        hex_to_bytes(RFC[i].seed, seed, 32);
        hex_to_bytes(RFC[i].pk, pk, 32);
        hex_to_bytes(RFC[i].sig, sig, 64);
        size_t n = RFC[i].msg ? hex_to_bytes(RFC[i].msg, m, sizeof m) : 64;
        if (!RFC[i].msg)
            crypto_hash_sha512(m, (const uint8_t *)"abc", 3);
        crypto_sign_seed_keypair(mine_pk, sk, seed);
        crypto_sign_detached(mine_sig, NULL, m, n, sk);
        CHECKF(!memcmp(mine_pk, pk, 32) && !memcmp(mine_sig, sig, 64),
               "libsodium disagrees with RFC vector %zu (test data typo?)", i);
        bool ok = dev(sig, m, n, pk);
        sig[i % 64] ^= 0x10;
        bool bad = dev(sig, m, n, pk);
        CHECKF(ok && !bad, "RFC 8032 vector %zu: valid %d, corrupted %d", i, ok, bad);
        passed += ok && !bad;
    }
    return passed;
}

typedef struct tally {
    int cases, agree, accepted, rejected;
} tally;

static void compare(tally *t, const uint8_t *sig, const uint8_t *m, size_t n, const uint8_t *pk,
                    const char *what)
{
    bool a = dev(sig, m, n, pk), b = lib(sig, m, n, pk);
    t->cases++;
    t->agree += a == b;
    t->accepted += a;
    t->rejected += !a;
    CHECKF(a == b, "%s: device %d, libsodium %d", what, a, b);
}

/* Random keys and messages: valid signatures, then one flipped bit in the
 * signature, the key or the message. */
static void random_signatures(tally *valid, tally *bad, int count)
{
    static uint8_t m[600];
    for (int i = 0; i < count; i++) {
        uint8_t pk[32], sk[64], sig[64], s2[64], pk2[32];
        size_t n = rng_below(sizeof m);
        rng_bytes(m, n);
        crypto_sign_keypair(pk, sk);
        crypto_sign_detached(sig, NULL, m, n, sk);
        compare(valid, sig, m, n, pk, "valid signature");
        memcpy(s2, sig, 64);
        s2[rng_below(64)] ^= (uint8_t)(1u << rng_below(8));
        compare(bad, s2, m, n, pk, "flipped signature bit");
        memcpy(pk2, pk, 32);
        pk2[rng_below(32)] ^= (uint8_t)(1u << rng_below(8));
        compare(bad, sig, m, n, pk2, "flipped key bit");
        if (n) {
            m[rng_below((uint32_t)n)] ^= (uint8_t)(1u << rng_below(8));
            compare(bad, sig, m, n, pk, "flipped message bit");
        }
        rng_bytes(s2, 64);
        compare(bad, s2, m, n, pk, "random signature");
    }
}

/* S + L: the same group element, a non-canonical scalar; must be refused
 * (else signatures are malleable). */
static void add_l(uint8_t s[32])
{
    static const uint8_t L[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                  0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                                  0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};
    unsigned c = 0;
    for (int i = 0; i < 32; i++) {
        c += (unsigned)s[i] + L[i];
        s[i] = (uint8_t)c;
        c >>= 8;
    }
}

static void edge_cases(tally *t)
{
    uint8_t pk[32], sk[64], sig[64], m[32] = "edge";
    crypto_sign_keypair(pk, sk);
    crypto_sign_detached(sig, NULL, m, sizeof m, sk);
    uint8_t s2[64];
    memcpy(s2, sig, 64);
    add_l(s2 + 32);
    compare(t, s2, m, sizeof m, pk, "S + L");
    CHECKF(!dev(s2, m, sizeof m, pk), "S + L accepted");
    /* Small-order and non-canonical keys: the identity, the point of order
     * 2 (y = -1), y = 0 (order 4) with either sign, and y = p + 1. */
    static const char *weird[] = {
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    };
    for (size_t i = 0; i < sizeof weird / sizeof weird[0]; i++) {
        uint8_t w[32], zero_sig[64] = {0};
        hex_to_bytes(weird[i], w, 32);
        compare(t, sig, m, sizeof m, w, "small-order or non-canonical key");
        compare(t, zero_sig, m, sizeof m, w, "zero signature, weird key");
        memcpy(zero_sig, w, 32); /* R = that point, S = 0 */
        compare(t, zero_sig, m, sizeof m, pk, "small-order R");
        CHECKF(!dev(zero_sig, m, sizeof m, w), "weird key %zu accepted", i);
    }
}

/* Hooks: SHA-256/512 through "hardware" (libsodium standing in for a
 * crypto engine) must give the same results; an Ed25519 hook replaces the
 * check entirely; an incomplete set of hooks is ignored. */
static crypto_hash_sha512_state hw512;
static crypto_hash_sha256_state hw256;
static int hw_calls;

static void h512_begin(void *u)
{
    (void)u;
    hw_calls++;
    crypto_hash_sha512_init(&hw512);
}
static void h512_update(void *u, const uint8_t *p, size_t n)
{
    (void)u;
    crypto_hash_sha512_update(&hw512, p, n);
}
static void h512_end(void *u, uint8_t out[64])
{
    (void)u;
    crypto_hash_sha512_final(&hw512, out);
}
static void h256_begin(void *u)
{
    (void)u;
    hw_calls++;
    crypto_hash_sha256_init(&hw256);
}
static void h256_update(void *u, const uint8_t *p, size_t n)
{
    (void)u;
    crypto_hash_sha256_update(&hw256, p, n);
}
static void h256_end(void *u, uint8_t out[32])
{
    (void)u;
    crypto_hash_sha256_final(&hw256, out);
}
static bool ed_refuse(void *u, const uint8_t sig[64], const uint8_t *m, size_t n,
                      const uint8_t pk[32])
{
    (void)sig, (void)m, (void)n, (void)pk;
    ++*(int *)u;
    return false;
}

static void hooks(void)
{
    uint8_t pk[32], sk[64], sig[64], m[100], a[32], b[32];
    rng_bytes(m, sizeof m);
    crypto_sign_keypair(pk, sk);
    crypto_sign_detached(sig, NULL, m, sizeof m, sk);
    int ed_calls = 0;
    mote_ota_crypto hw = {.user = &ed_calls,
                          .sha256_begin = h256_begin,
                          .sha256_update = h256_update,
                          .sha256_end = h256_end,
                          .sha512_begin = h512_begin,
                          .sha512_update = h512_update,
                          .sha512_end = h512_end};
    hw_calls = 0;
    CHECKF(mote_ota_ed25519_verify(sig, m, sizeof m, pk, &hw) && hw_calls == 1,
           "verify with SHA-512 hooks (calls %d)", hw_calls);
    mote_ota_hash h;
    mote_ota_hash_begin(&h, &hw);
    mote_ota_hash_update(&h, m, sizeof m);
    mote_ota_hash_end(&h, a);
    mote_ota_sha256(m, sizeof m, b);
    CHECKF(!memcmp(a, b, 32) && hw_calls == 2, "SHA-256 hooks");
    hw.ed25519_verify = ed_refuse;
    CHECKF(!mote_ota_signature_ok(&hw, sig, m, sizeof m, pk) && ed_calls == 1,
           "Ed25519 hook not used");
    mote_ota_crypto partial = {.sha256_begin = h256_begin};
    mote_ota_hash_begin(&h, &partial);
    mote_ota_hash_update(&h, m, sizeof m);
    mote_ota_hash_end(&h, a);
    CHECKF(!memcmp(a, b, 32) && hw_calls == 2, "incomplete hooks must fall back to software");
}

int main(void)
{
    if (sodium_init() < 0)
        return 99;
    rng_seed_from_env(8032);
    int rfc = rfc_vectors();
    tally valid = {0}, bad = {0}, edge = {0};
    random_signatures(&valid, &bad, 3000);
    edge_cases(&edge);
    hooks();
    printf("ed25519: RFC 8032 vectors %d/4; %d libsodium signatures accepted %d, agree %d; "
           "%d corrupted/random cases rejected %d, agree %d; %d edge cases agree %d\n",
           rfc, valid.cases, valid.accepted, valid.agree, bad.cases, bad.rejected, bad.agree,
           edge.cases, edge.agree);
    CHECKF(valid.accepted == valid.cases, "valid signatures refused");
    return check_state.failed ? 1 : 0;
}
