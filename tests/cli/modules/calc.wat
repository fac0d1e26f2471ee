;; calc: exports for `mote run --invoke` -- integers, floats, several
;; results, a trap, unbounded recursion and a loop that never ends.
(module
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func $div (export "div") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.div_s)
  (func $mix (export "mix") (param i64 f32 f64) (result i64 f32 f64)
    local.get 0 local.get 1 local.get 2)
  (func $halve (export "halve") (param f64) (result f64)
    local.get 0 f64.const 0.5 f64.mul)
  (func $deep (export "deep") (param i32) (result i32)
    local.get 0 call $deep)
  (func $spin (export "spin")
    (loop br 0))
  (memory (export "memory") 1 2)
  (table 2 funcref)
  (global (export "counter") (mut i32) (i32.const 5)))
