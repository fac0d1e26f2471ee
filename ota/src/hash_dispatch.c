/* Routes hashing to the board's crypto hooks when a complete set is given,
 * else to the built-in code. */
#include "hash_dispatch.h"

static bool has_sha256(const mote_ota_crypto *c)
{
    return c && c->sha256_begin && c->sha256_update && c->sha256_end;
}

static bool has_sha512(const mote_ota_crypto *c)
{
    return c && c->sha512_begin && c->sha512_update && c->sha512_end;
}

void mote_ota_hash_begin(mote_ota_hash *h, const mote_ota_crypto *crypto)
{
    h->hw = has_sha256(crypto) ? crypto : NULL;
    if (h->hw)
        h->hw->sha256_begin(h->hw->user);
    else
        mote_ota_sha256_init(&h->sw);
}

void mote_ota_hash_update(mote_ota_hash *h, const void *data, size_t len)
{
    if (h->hw)
        h->hw->sha256_update(h->hw->user, data, len);
    else
        mote_ota_sha256_update(&h->sw, data, len);
}

void mote_ota_hash_end(mote_ota_hash *h, uint8_t out[32])
{
    if (h->hw)
        h->hw->sha256_end(h->hw->user, out);
    else
        mote_ota_sha256_final(&h->sw, out);
}

void mote_ota_hash512_begin(mote_ota_hash512 *h, const mote_ota_crypto *crypto)
{
    h->hw = has_sha512(crypto) ? crypto : NULL;
    if (h->hw)
        h->hw->sha512_begin(h->hw->user);
    else
        mote_ota_sha512_init(&h->sw);
}

void mote_ota_hash512_update(mote_ota_hash512 *h, const void *data, size_t len)
{
    if (h->hw)
        h->hw->sha512_update(h->hw->user, data, len);
    else
        mote_ota_sha512_update(&h->sw, data, len);
}

void mote_ota_hash512_end(mote_ota_hash512 *h, uint8_t out[64])
{
    if (h->hw)
        h->hw->sha512_end(h->hw->user, out);
    else
        mote_ota_sha512_final(&h->sw, out);
}
