/*
 * fib_module.h -- the module every size firmware loads: a recursive
 * fib(n) -> i32, as wat2wasm writes it from
 *
 *   (module
 *     (func $fib (export "fib") (param $n i32) (result i32)
 *       (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
 *         (then (local.get $n))
 *         (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
 *                        (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
 *
 * A const array: it stays in flash and the core reads it in place.
 */
#ifndef MOTE_SIZE_FIB_MODULE_H
#define MOTE_SIZE_FIB_MODULE_H

#include <stdint.h>

static const uint8_t fib_module[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,       /* magic, version */
    0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,       /* type 0: (i32) -> i32 */
    0x03, 0x02, 0x01, 0x00,                               /* func 0: type 0 */
    0x07, 0x07, 0x01, 0x03, 0x66, 0x69, 0x62, 0x00, 0x00, /* export "fib" */
    0x0a, 0x1e, 0x01, 0x1c, 0x00,                         /* code: one body */
    0x20, 0x00, 0x41, 0x02, 0x49,                         /* n < 2 */
    0x04, 0x7f, 0x20, 0x00,                               /* if: n */
    0x05, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x10, 0x00,       /* else fib(n - 1) */
    0x20, 0x00, 0x41, 0x02, 0x6b, 0x10, 0x00, 0x6a,       /* + fib(n - 2) */
    0x0b, 0x0b,
};

#endif
