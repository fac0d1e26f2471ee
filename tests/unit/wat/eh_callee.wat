;; eh_callee.wat -- the second instance of the "exceptions" unit test: it
;; throws the embedder's tag, for a host function or for a wasm caller in
;; another instance.
(module
  (import "env" "err" (tag $err (param i32)))
  (func (export "inner") (param i32) (result i32)
    local.get 0
    throw $err))
