;; invalid: well formed, but the body of func 1 adds an f64 to an i32
;; (assembled with wat2wasm --no-check); validation must name the place.
(module
  (func $fine (result i32) i32.const 1)
  (func $wrong (result i32) i32.const 1 f64.const 2 i32.add))
