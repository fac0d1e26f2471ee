;; main traps after logging: run_app() must report the trap and return -1,
;; never an unset result.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "about to trap\n")
  (func (export "main") (param i32) (result i32)
    (call $log (i32.const 0) (i32.const 14))
    unreachable))
