/* SHA-256 and SHA-512: FIPS 180 example vectors, then the device code
 * against libsodium on random inputs fed in random pieces. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "mote/ota_crypto.h"
#include "testutil.h"

typedef struct vector {
    const char *msg;
    unsigned repeat;
    const char *sha256, *sha512;
} vector;

/* The FIPS 180-2 / NIST example messages. */
static const vector VECTORS[] = {
    {"abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {"", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
     "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
     "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
     "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"},
    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnop"
     "jklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
     1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
     "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
    {"a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
     "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
     "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"},
};

static void known_vectors(void)
{
    for (size_t i = 0; i < sizeof VECTORS / sizeof VECTORS[0]; i++) {
        const vector *v = &VECTORS[i];
        uint8_t want256[32], want512[64], got256[32], got512[64];
        hex_to_bytes(v->sha256, want256, 32);
        hex_to_bytes(v->sha512, want512, 64);
        mote_ota_sha256_ctx c256;
        mote_ota_sha512_ctx c512;
        mote_ota_sha256_init(&c256);
        mote_ota_sha512_init(&c512);
        for (unsigned r = 0; r < v->repeat; r++) {
            mote_ota_sha256_update(&c256, v->msg, strlen(v->msg));
            mote_ota_sha512_update(&c512, v->msg, strlen(v->msg));
        }
        mote_ota_sha256_final(&c256, got256);
        mote_ota_sha512_final(&c512, got512);
        CHECKF(!memcmp(got256, want256, 32), "SHA-256 vector %zu", i);
        CHECKF(!memcmp(got512, want512, 64), "SHA-512 vector %zu", i);
    }
}

/* Feeds data to both streaming hashes in random-sized pieces. */
static void hash_in_pieces(const uint8_t *m, size_t n, uint8_t d256[32], uint8_t d512[64])
{
    mote_ota_sha256_ctx c256;
    mote_ota_sha512_ctx c512;
    mote_ota_sha256_init(&c256);
    mote_ota_sha512_init(&c512);
    for (size_t off = 0; off < n;) {
        size_t k = 1 + rng_below((uint32_t)(n - off < 300 ? n - off : 300));
        mote_ota_sha256_update(&c256, m + off, k);
        mote_ota_sha512_update(&c512, m + off, k);
        off += k;
    }
    mote_ota_sha256_final(&c256, d256);
    mote_ota_sha512_final(&c512, d512);
}

static int random_inputs(int count)
{
    static uint8_t m[4096];
    int agreed = 0;
    for (int i = 0; i < count; i++) {
        /* Lengths cluster around the block boundaries, where padding bugs hide. */
        size_t n = i < 300 ? (size_t)i : rng_below(i % 4 ? 300 : sizeof m);
        rng_bytes(m, n);
        uint8_t a256[32], a512[64], b256[32], b512[64], c256[32], c512[64];
        mote_ota_sha256(m, n, a256);
        mote_ota_sha512(m, n, a512);
        hash_in_pieces(m, n, c256, c512);
        crypto_hash_sha256(b256, m, n);
        crypto_hash_sha512(b512, m, n);
        bool ok = !memcmp(a256, b256, 32) && !memcmp(a512, b512, 64) && !memcmp(c256, b256, 32) &&
                  !memcmp(c512, b512, 64);
        CHECKF(ok, "random input %d (%zu bytes) differs from libsodium", i, n);
        agreed += ok;
    }
    return agreed;
}

int main(void)
{
    if (sodium_init() < 0)
        return 99;
    rng_seed_from_env(20240901);
    known_vectors();
    int n = 5000, agreed = random_inputs(n);
    printf("hash: %zu FIPS vectors x 2 algorithms; %d/%d random inputs agree with libsodium "
           "(one-shot and streamed)\n",
           sizeof VECTORS / sizeof VECTORS[0], agreed, n);
    return check_state.failed ? 1 : 0;
}
