;; unknown-import: imports a function no host provides.
(module
  (import "env" "missing" (func))
  (func (export "_start") call 0)
  (memory (export "memory") 1))
