;; calls.wat -- an app that imports only fd_write and proc_exit, for
;; WASI-lite built with MOTE_WASI_CALLS="fd_write;proc_exit" (test_calls.c).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hi\n")
  ;; write() -> errno; the bytes written at 32
  (func (export "write") (result i32)
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 32))))
