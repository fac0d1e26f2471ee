;; The app README.md's example expects: it logs a line through env.log and
;; main(n) returns 4n + 2.  One 64 KiB page of memory, as clang makes it.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wasm\n")
  (func (export "main") (param $n i32) (result i32)
    (call $log (i32.const 16) (i32.const 16))
    (i32.add (i32.mul (local.get $n) (i32.const 4)) (i32.const 2))))
