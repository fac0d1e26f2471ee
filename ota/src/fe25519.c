/* GF(2^255 - 19) with eight 32-bit limbs; see fe25519.h for the design. */
#include <string.h>

#include "fe25519.h"

/* p = 2^255 - 19 */
static const fe P = {{0xffffffed, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
                      0xffffffff, 0x7fffffff}};

/* Adds x (a small multiple of 38 coming from above 2^256) into r.  When
 * that overflows 2^256 again the result is tiny, so a second pass with
 * 38 cannot overflow: two passes always settle. */
static void fold(uint32_t r[8], uint32_t x)
{
    uint64_t c = x;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < 8; i++) {
            c += r[i];
            r[i] = (uint32_t)c;
            c >>= 32;
        }
        c *= 38;
    }
}

void mote_ota_fe_add(fe *r, const fe *a, const fe *b)
{
    uint64_t c = 0;
    for (int i = 0; i < 8; i++) {
        c += (uint64_t)a->v[i] + b->v[i];
        r->v[i] = (uint32_t)c;
        c >>= 32;
    }
    fold(r->v, (uint32_t)c * 38);
}

/* Subtracts x from r; a borrow out of 2^256 means we are 2^256 = 38 too
 * high, so subtract 38 more.  A second borrow leaves r near 2^256, where a
 * third cannot happen. */
static void sub_small(uint32_t r[8], uint32_t x)
{
    for (int pass = 0; pass < 2 && x != 0; pass++) {
        uint64_t borrow = x;
        for (int i = 0; i < 8; i++) {
            uint64_t d = (uint64_t)r[i] - borrow;
            r[i] = (uint32_t)d;
            borrow = (d >> 32) & 1;
        }
        x = (uint32_t)borrow * 38;
    }
}

void mote_ota_fe_sub(fe *r, const fe *a, const fe *b)
{
    uint64_t borrow = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t d = (uint64_t)a->v[i] - b->v[i] - borrow;
        r->v[i] = (uint32_t)d;
        borrow = (d >> 32) & 1;
    }
    sub_small(r->v, (uint32_t)borrow * 38);
}

void mote_ota_fe_neg(fe *r, const fe *a)
{
    static const fe zero;
    mote_ota_fe_sub(r, &zero, a);
}

/* Schoolbook 8x8 product, then the top half is folded in times 38.  Each
 * inner step is at most (2^32-1)^2 + 2(2^32-1) = 2^64 - 1: no overflow. */
void mote_ota_fe_mul(fe *r, const fe *a, const fe *b)
{
    uint32_t t[16] = {0};
    for (int i = 0; i < 8; i++) {
        uint64_t c = 0;
        for (int j = 0; j < 8; j++) {
            c += (uint64_t)a->v[i] * b->v[j] + t[i + j];
            t[i + j] = (uint32_t)c;
            c >>= 32;
        }
        t[i + 8] = (uint32_t)c;
    }
    uint64_t c = 0;
    for (int i = 0; i < 8; i++) {
        c += (uint64_t)t[i + 8] * 38 + t[i];
        r->v[i] = (uint32_t)c;
        c >>= 32;
    }
    fold(r->v, (uint32_t)c * 38);
}

void mote_ota_fe_sq(fe *r, const fe *a)
{
    mote_ota_fe_mul(r, a, a);
}

/* r = a^(2^n) */
static void sqn(fe *r, const fe *a, int n)
{
    *r = *a;
    while (n-- > 0)
        mote_ota_fe_sq(r, r);
}

/* The shared part of the two exponentiations: t = a^(2^250 - 1) and
 * a11 = a^11, by the usual addition chain (254 squarings, 11 products). */
static void pow_core(fe *t, fe *a11, const fe *a)
{
    fe a2, a9, x5, x10, x20, x50, x100, u;
    mote_ota_fe_sq(&a2, a);         /* a^2 */
    sqn(&u, &a2, 2);                /* a^8 */
    mote_ota_fe_mul(&a9, &u, a);    /* a^9 */
    mote_ota_fe_mul(a11, &a9, &a2); /* a^11 */
    mote_ota_fe_sq(&u, a11);        /* a^22 */
    mote_ota_fe_mul(&x5, &u, &a9);  /* a^(2^5 - 1) */
    sqn(&u, &x5, 5);
    mote_ota_fe_mul(&x10, &u, &x5); /* a^(2^10 - 1) */
    sqn(&u, &x10, 10);
    mote_ota_fe_mul(&x20, &u, &x10); /* a^(2^20 - 1) */
    sqn(&u, &x20, 20);
    mote_ota_fe_mul(&u, &u, &x20); /* a^(2^40 - 1) */
    sqn(&u, &u, 10);
    mote_ota_fe_mul(&x50, &u, &x10); /* a^(2^50 - 1) */
    sqn(&u, &x50, 50);
    mote_ota_fe_mul(&x100, &u, &x50); /* a^(2^100 - 1) */
    sqn(&u, &x100, 100);
    mote_ota_fe_mul(&u, &u, &x100); /* a^(2^200 - 1) */
    sqn(&u, &u, 50);
    mote_ota_fe_mul(t, &u, &x50); /* a^(2^250 - 1) */
}

void mote_ota_fe_invert(fe *r, const fe *a)
{
    fe t, a11;
    pow_core(&t, &a11, a);
    sqn(&t, &t, 5);               /* a^(2^255 - 32) */
    mote_ota_fe_mul(r, &t, &a11); /* a^(2^255 - 21) = a^(p-2) */
}

void mote_ota_fe_pow22523(fe *r, const fe *a)
{
    fe t, a11;
    pow_core(&t, &a11, a);
    sqn(&t, &t, 2);            /* a^(2^252 - 4) */
    mote_ota_fe_mul(r, &t, a); /* a^(2^252 - 3) = a^((p-5)/8) */
}

/* Values are below 2^256 = 2p + 38, so at most two subtractions of p. */
void mote_ota_fe_freeze(fe *a)
{
    for (int pass = 0; pass < 2; pass++) {
        uint32_t t[8];
        uint64_t borrow = 0;
        for (int i = 0; i < 8; i++) {
            uint64_t d = (uint64_t)a->v[i] - P.v[i] - borrow;
            t[i] = (uint32_t)d;
            borrow = (d >> 32) & 1;
        }
        if (!borrow)
            memcpy(a->v, t, sizeof t);
    }
}

bool mote_ota_fe_is_zero(const fe *a)
{
    fe t = *a;
    mote_ota_fe_freeze(&t);
    uint32_t acc = 0;
    for (int i = 0; i < 8; i++)
        acc |= t.v[i];
    return acc == 0;
}

bool mote_ota_fe_eq(const fe *a, const fe *b)
{
    fe d;
    mote_ota_fe_sub(&d, a, b);
    return mote_ota_fe_is_zero(&d);
}

int mote_ota_fe_is_odd(const fe *a)
{
    fe t = *a;
    mote_ota_fe_freeze(&t);
    return (int)(t.v[0] & 1);
}

void mote_ota_fe_from_bytes(fe *r, const uint8_t s[32])
{
    for (int i = 0; i < 8; i++)
        r->v[i] = (uint32_t)s[4 * i] | ((uint32_t)s[4 * i + 1] << 8) |
                  ((uint32_t)s[4 * i + 2] << 16) | ((uint32_t)s[4 * i + 3] << 24);
    r->v[7] &= 0x7fffffff;
}

void mote_ota_fe_to_bytes(uint8_t s[32], const fe *a)
{
    fe t = *a;
    mote_ota_fe_freeze(&t);
    for (int i = 0; i < 8; i++) {
        s[4 * i] = (uint8_t)t.v[i];
        s[4 * i + 1] = (uint8_t)(t.v[i] >> 8);
        s[4 * i + 2] = (uint8_t)(t.v[i] >> 16);
        s[4 * i + 3] = (uint8_t)(t.v[i] >> 24);
    }
}

bool mote_ota_fe_bytes_canonical(const uint8_t s[32])
{
    fe t;
    mote_ota_fe_from_bytes(&t, s);
    /* Compare with p from the top limb down. */
    for (int i = 7; i >= 0; i--) {
        if (t.v[i] != P.v[i])
            return t.v[i] < P.v[i];
    }
    return false; /* equal to p */
}
