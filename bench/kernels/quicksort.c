/* quicksort: sorts 4096 uint32 keys with median-of-three quicksort and an
 * insertion sort for short runs. Data-dependent branches, swaps and
 * recursion.
 *
 * scale = number of arrays sorted. Most are random; every eighth is a
 * special shape (ascending, descending, few distinct values, all equal)
 * that breaks naive pivot choices.
 * Check: after every sort the array must be non-decreasing and hold the
 * same multiset as before, compared through an order-independent checksum
 * (sum and xor of mixed keys) taken before sorting. */
#include "bench.h"

#define N 4096
#define SMALL 16 /* below this, insertion sort is cheaper */

static uint32_t a[N];

static void swap(uint32_t *x, uint32_t *y)
{
    uint32_t t = *x;
    *x = *y;
    *y = t;
}

static void insertion(uint32_t *v, int n)
{
    for (int i = 1; i < n; i++) {
        uint32_t key = v[i];
        int j = i - 1;
        while (j >= 0 && v[j] > key) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = key;
    }
}

/* Sorts v[0..n). Recurses into the smaller side and loops on the larger,
 * so the stack depth stays below log2(N) frames. */
static void quicksort(uint32_t *v, int n)
{
    while (n > SMALL) {
        int mid = n / 2;
        if (v[mid] < v[0])
            swap(&v[mid], &v[0]);
        if (v[n - 1] < v[0])
            swap(&v[n - 1], &v[0]);
        if (v[n - 1] < v[mid])
            swap(&v[n - 1], &v[mid]);
        uint32_t pivot = v[mid];
        int i = 0, j = n - 1;
        for (;;) { /* Hoare partition */
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i >= j)
                break;
            swap(&v[i], &v[j]);
            i++;
            j--;
        }
        int left = j + 1; /* v[0..left) <= pivot <= v[left..n) */
        if (left < n - left) {
            quicksort(v, left);
            v += left;
            n -= left;
        } else {
            quicksort(v + left, n - left);
            n = left;
        }
    }
    insertion(v, n);
}

static void fill(uint32_t round, uint32_t *rng)
{
    uint32_t shape = (round % 8 == 7) ? (round / 8) % 4 : 4;
    for (uint32_t i = 0; i < N; i++) {
        switch (shape) {
        case 0: a[i] = i * 3u; break;
        case 1: a[i] = (N - i) * 5u; break;
        case 2: a[i] = bench_rand(rng) % 7u; break;
        case 3: a[i] = 42u; break;
        default: a[i] = bench_rand(rng); break;
        }
    }
}

static void checksum(uint32_t *sum, uint32_t *xr)
{
    uint32_t s = 0, x = 0;
    for (int i = 0; i < N; i++) {
        uint32_t m = bench_mix(a[i]);
        s += m;
        x ^= m;
    }
    *sum = s;
    *xr = x;
}

BENCH_ENTRY uint32_t bench_run(uint32_t scale)
{
    uint32_t rng = 0x9e3779b9u;
    for (uint32_t r = 0; r < scale; r++) {
        uint32_t s0, x0, s1, x1;
        fill(r, &rng);
        checksum(&s0, &x0);
        quicksort(a, N);
        for (int i = 1; i < N; i++)
            if (a[i - 1] > a[i])
                return 1;
        checksum(&s1, &x1);
        if (s0 != s1 || x0 != x1)
            return 2;
    }
    return 0;
}
