;; eh.wat -- exceptions crossing host calls and instances (test_api.c,
;; "exceptions"): legacy try/catch, as clang emits for C++.
(module
  (import "env" "err" (tag $err (param i32)))
  (import "env" "host_throw" (func $host_throw (param i32)))
  (import "env" "host_bad_throw" (func $host_bad_throw))
  (import "env" "call_other" (func $call_other (param i32) (result i32)))
  (import "other" "inner" (func $other_inner (param i32) (result i32)))
  (tag $own (export "own") (param i32 i64))

  ;; a host function throws; wasm catches
  (func (export "catch_host") (param i32) (result i32)
    (try (result i32)
      (do local.get 0 call $host_throw i32.const -1)
      (catch $err i32.const 1 i32.add)))

  ;; a host function makes a nested call into another instance, which
  ;; throws; the host passes the exception on; wasm catches
  (func (export "through_host") (param i32) (result i32)
    (try (result i32)
      (do local.get 0 call $call_other)
      (catch $err i32.const 100 i32.add)))

  ;; a wasm call into another instance throws; wasm catches
  (func (export "direct") (param i32) (result i32)
    (try (result i32)
      (do local.get 0 call $other_inner)
      (catch $err i32.const 1000 i32.add)))

  ;; nothing catches
  (func (export "uncaught") (param i32)
    local.get 0
    i64.const 7
    throw $own)

  ;; a trap is no exception: catch_all does not catch it
  (func (export "trap") (result i32)
    (try (result i32)
      (do unreachable)
      (catch_all i32.const 5)))

  ;; a host throw whose payload does not match its tag traps
  (func (export "bad_throw") (result i32)
    (try (result i32)
      (do call $host_bad_throw i32.const 0)
      (catch_all i32.const 5))))
