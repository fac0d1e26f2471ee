;; deep.wat -- a trap 42 frames deep, in functions named as compilers name
;; them: a C++ method (Itanium mangling), a Rust function in the legacy
;; mangling and one in the v0 mangling.  A backtrace must show the names
;; demangled and keep both ends of the stack: where it trapped, and main
;; and _start, with the middle elided.  (--debug-names puts these names in
;; the name section.)
(module
  ;; app::Box<int>::crash(int): traps at 0, else goes round again.
  (func $_ZN3app3BoxIiE5crashEi (param $n i32) (result i32)
    (if (i32.eqz (local.get $n)) (then unreachable))
    (call $_ZN5fd_rs4dive17h4121452ee825221aE (i32.sub (local.get $n) (i32.const 1))))
  ;; fd_rs::dive (legacy mangling, with its hash)
  (func $_ZN5fd_rs4dive17h4121452ee825221aE (param $n i32) (result i32)
    (call $_RNvCslkgq5TcXodA_5fd_rs7recurse (local.get $n)))
  ;; fd_rs::recurse (v0 mangling)
  (func $_RNvCslkgq5TcXodA_5fd_rs7recurse (param $n i32) (result i32)
    (call $_ZN3app3BoxIiE5crashEi (local.get $n)))
  (func $main (result i32)
    (call $_ZN3app3BoxIiE5crashEi (i32.const 13)))
  (func $_start (export "_start")
    (drop (call $main))))
