;; fd_write imported with the wrong type: linking must fail.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32))))
