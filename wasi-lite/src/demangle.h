/*
 * demangle.h -- the demanglers behind mote_wasi_demangle() (wasi.h), one
 * per mangling.  Each writes a NUL-terminated readable name to out (at most
 * cap bytes with the NUL) and returns its length, or 0 when the name is not
 * of its kind or not understood -- the caller then shows it as it is.
 */
#ifndef MOTE_WASI_DEMANGLE_H
#define MOTE_WASI_DEMANGLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* v in decimal into out (no NUL); returns the digit count. */
size_t wl_decimal(uint64_t v, char out[20]);

/* C++: _Z... (demangle_itanium.c). */
size_t wl_demangle_itanium(const char *name, size_t len, char *out, size_t cap);

/* Rust: _R... (v0), _ZN...17h<hash>E (legacy) and legacy names a linker
 * already demangled but left the hash on (demangle_rust.c). */
size_t wl_demangle_rust(const char *name, size_t len, char *out, size_t cap);

#endif /* MOTE_WASI_DEMANGLE_H */
