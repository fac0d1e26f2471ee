;; An import WASI-lite does not provide: linking must fail and name it.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "no_such_call" (func (param i32) (result i32))))
