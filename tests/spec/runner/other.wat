;; Were this instantiated, "get" would answer 8 instead of the current module's 7.
(module (func (export "get") (result i32) (i32.const 8)))
