;; Reduced (wasm-reduce, then by hand) from difftest seed 179, where wabt
;; 1.0.32's spectest-interp and mote disagreed.  wabt was wrong: in a module
;; that imports functions, its return_call to a function defined later than
;; the caller lands on the next function (here $trap).  mote returns
;; normally, as the specification says.  The same wabt defect (return_call
;; to a function its reader has not reached yet) is wabt issue #2557, with
;; a fix proposed in PR #2689; difftest.py now keeps generated modules free
;; of imported functions, so the batch does not keep meeting it.
(module
  (import "spectest" "print_i32" (func $print (param i32)))
  (func $f1)
  (func $tail (return_call $target))
  (func $target (call $print (i32.const 7)))
  (func $trap (unreachable))
  (func (export "run") (param i32 i64) (call $tail)))
