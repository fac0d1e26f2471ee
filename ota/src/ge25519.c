/* Ed25519 point arithmetic for verification (variable time is fine: every
 * input is public).  Formulas: "add-2008-hwcd-3" and "dbl-2008-hwcd" for
 * a = -1 twisted Edwards curves in extended coordinates (Hisil, Wong,
 * Carter, Dawson 2008), which are complete on this curve. */
#include "ge25519.h"

#define fe_add mote_ota_fe_add
#define fe_sub mote_ota_fe_sub
#define fe_mul mote_ota_fe_mul
#define fe_sq mote_ota_fe_sq

/* d = -121665/121666, 2d and sqrt(-1), as limbs (values from RFC 8032). */
static const fe D = {{0x135978a3, 0x75eb4dca, 0x4141d8ab, 0x00700a4d, 0x7779e898, 0x8cc74079,
                      0x2b6ffe73, 0x52036cee}};
static const fe D2 = {{0x26b2f159, 0xebd69b94, 0x8283b156, 0x00e0149a, 0xeef3d130, 0x198e80f2,
                       0x56dffce7, 0x2406d9dc}};
static const fe SQRTM1 = {{0x4a0ea0b0, 0xc4ee1b27, 0xad2fe478, 0x2f431806, 0x3dfbd7a7, 0x2b4d0099,
                           0x4fc1df0b, 0x2b832480}};
/* The base point B: y = 4/5, x even. */
static const ge BASE = {
    {{0x8f25d51a, 0xc9562d60, 0x9525a7b2, 0x692cc760, 0xfdd6dc5c, 0xc0a4e231, 0xcd6e53fe,
      0x216936d3}},
    {{0x66666658, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666,
      0x66666666}},
    {{1, 0, 0, 0, 0, 0, 0, 0}},
    {{0xa5b7dda3, 0x6dde8ab3, 0x775152f5, 0x20f09f80, 0x64abe37d, 0x66ea4e8e, 0xd78b7665,
      0x67875f0f}},
};

static void ge_identity(ge *r)
{
    static const fe zero, one = {{1, 0, 0, 0, 0, 0, 0, 0}};
    r->X = zero;
    r->Y = one;
    r->Z = one;
    r->T = zero;
}

/* Completes both formulas: X3 = E*F, Y3 = G*H, T3 = E*H, Z3 = F*G. */
static void finish(ge *r, const fe *e, const fe *f, const fe *g, const fe *h)
{
    fe_mul(&r->X, e, f);
    fe_mul(&r->Y, g, h);
    fe_mul(&r->T, e, h);
    fe_mul(&r->Z, f, g);
}

static void ge_add(ge *r, const ge *p, const ge *q)
{
    fe a, b, c, d, t, e, f, g, h;
    fe_sub(&a, &p->Y, &p->X);
    fe_sub(&t, &q->Y, &q->X);
    fe_mul(&a, &a, &t); /* A = (Y1-X1)(Y2-X2) */
    fe_add(&b, &p->Y, &p->X);
    fe_add(&t, &q->Y, &q->X);
    fe_mul(&b, &b, &t); /* B = (Y1+X1)(Y2+X2) */
    fe_mul(&c, &p->T, &q->T);
    fe_mul(&c, &c, &D2); /* C = 2d T1 T2 */
    fe_mul(&d, &p->Z, &q->Z);
    fe_add(&d, &d, &d); /* D = 2 Z1 Z2 */
    fe_sub(&e, &b, &a);
    fe_sub(&f, &d, &c);
    fe_add(&g, &d, &c);
    fe_add(&h, &b, &a);
    finish(r, &e, &f, &g, &h);
}

static void ge_dbl(ge *r, const ge *p)
{
    fe a, b, c, d, e, f, g, h;
    fe_sq(&a, &p->X); /* A = X1^2 */
    fe_sq(&b, &p->Y); /* B = Y1^2 */
    fe_sq(&c, &p->Z);
    fe_add(&c, &c, &c);      /* C = 2 Z1^2 */
    mote_ota_fe_neg(&d, &a); /* D = aA with a = -1 */
    fe_add(&e, &p->X, &p->Y);
    fe_sq(&e, &e);
    fe_sub(&e, &e, &a);
    fe_sub(&e, &e, &b); /* E = (X1+Y1)^2 - A - B */
    fe_add(&g, &d, &b); /* G = D + B */
    fe_sub(&f, &g, &c); /* F = G - C */
    fe_sub(&h, &d, &b); /* H = D - B */
    finish(r, &e, &f, &g, &h);
}

bool mote_ota_ge_decode(ge *r, const uint8_t s[32])
{
    fe u, v, v3, t, vx2;
    if (!mote_ota_fe_bytes_canonical(s))
        return false;
    mote_ota_fe_from_bytes(&r->Y, s);
    r->Z = (fe){{1, 0, 0, 0, 0, 0, 0, 0}};
    /* x^2 = u/v with u = y^2 - 1, v = d y^2 + 1.  Candidate root:
     * x = u v^3 (u v^7)^((p-5)/8). */
    fe_sq(&u, &r->Y);
    fe_mul(&v, &u, &D);
    fe_sub(&u, &u, &r->Z);
    fe_add(&v, &v, &r->Z);
    fe_sq(&v3, &v);
    fe_mul(&v3, &v3, &v); /* v^3 */
    fe_sq(&t, &v3);
    fe_mul(&t, &t, &v);
    fe_mul(&t, &t, &u); /* u v^7 */
    mote_ota_fe_pow22523(&t, &t);
    fe_mul(&t, &t, &v3);
    fe_mul(&r->X, &t, &u);
    /* If v x^2 = -u the root is off by sqrt(-1); otherwise there is none. */
    fe_sq(&vx2, &r->X);
    fe_mul(&vx2, &vx2, &v);
    if (!mote_ota_fe_eq(&vx2, &u)) {
        fe_add(&vx2, &vx2, &u);
        if (!mote_ota_fe_is_zero(&vx2))
            return false;
        fe_mul(&r->X, &r->X, &SQRTM1);
    }
    int sign = s[31] >> 7;
    if (mote_ota_fe_is_zero(&r->X) && sign)
        return false; /* RFC 8032: x = 0 has no negative twin */
    if (mote_ota_fe_is_odd(&r->X) != sign)
        mote_ota_fe_neg(&r->X, &r->X);
    fe_mul(&r->T, &r->X, &r->Y);
    return true;
}

void mote_ota_ge_encode(uint8_t s[32], const ge *p)
{
    fe zi, x, y;
    mote_ota_fe_invert(&zi, &p->Z);
    fe_mul(&x, &p->X, &zi);
    fe_mul(&y, &p->Y, &zi);
    mote_ota_fe_to_bytes(s, &y);
    s[31] |= (uint8_t)(mote_ota_fe_is_odd(&x) << 7);
}

void mote_ota_ge_neg(ge *r, const ge *p)
{
    mote_ota_fe_neg(&r->X, &p->X);
    r->Y = p->Y;
    r->Z = p->Z;
    mote_ota_fe_neg(&r->T, &p->T);
}

bool mote_ota_ge_small_order(const ge *p)
{
    ge q;
    ge_dbl(&q, p);
    ge_dbl(&q, &q);
    ge_dbl(&q, &q);
    /* The neutral element is (0 : Z : Z : 0). */
    return mote_ota_fe_is_zero(&q.X) && mote_ota_fe_eq(&q.Y, &q.Z);
}

static int bit(const uint8_t s[32], int i)
{
    return (s[i >> 3] >> (i & 7)) & 1;
}

/* Shamir's trick: one shared run of 256 doublings, adding B, P or B+P
 * wherever the scalars have bits set. */
void mote_ota_ge_double_scalarmult(ge *r, const uint8_t a[32], const ge *p, const uint8_t b[32])
{
    ge bp;
    ge_add(&bp, &BASE, p);
    ge_identity(r);
    for (int i = 255; i >= 0; i--) {
        ge_dbl(r, r);
        int sel = bit(a, i) | (bit(b, i) << 1);
        if (sel == 1)
            ge_add(r, r, &BASE);
        else if (sel == 2)
            ge_add(r, r, p);
        else if (sel == 3)
            ge_add(r, r, &bp);
    }
}
