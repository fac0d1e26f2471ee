;; Two 64 KiB pages do not fit the example's 96 KiB arena: the load or the
;; instantiation fails with the size needed, and run_app() returns -1.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory 2)
  (func (export "main") (param i32) (result i32) (i32.const 0)))
