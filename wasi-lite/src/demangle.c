/*
 * demangle.c -- mote_wasi_demangle(): C++ and Rust function names, as the
 * name section holds them, made readable for backtraces.  Rust first: its
 * legacy names are shaped like C++ ones and only their hash tells them
 * apart.  Built without MOTE_WASI_DEMANGLE (the CMake option of that name)
 * it leaves every name as it is, for the smallest firmware.
 */
#include "demangle.h"
#include "internal.h"

size_t wl_decimal(uint64_t v, char out[20])
{
    char digits[20];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        out[i] = digits[n - 1 - i];
    return n;
}

size_t mote_wasi_demangle(const char *name, size_t len, char *out, size_t cap)
{
#if MOTE_WASI_DEMANGLE
    size_t n = wl_demangle_rust(name, len, out, cap);
    if (n == 0)
        n = wl_demangle_itanium(name, len, out, cap);
    return n;
#else
    (void)name;
    (void)len;
    (void)out;
    (void)cap;
    return 0;
#endif
}
