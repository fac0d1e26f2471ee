;; The start function runs at instantiation and can trap.
(module
  (import "env" "flag" (global $flag i32))
  (global $seen (export "seen") (mut i32) (i32.const 0))
  (func $start
    (if (i32.eq (global.get $flag) (i32.const 2)) (then (loop (br 0))))
    (if (global.get $flag) (then (unreachable)))
    (global.set $seen (i32.const 1)))
  (start $start))
