;; trap: a command whose _start traps two calls deep, for the trap report
;; (message, backtrace with names from the name section, exit status).
(module
  (func $crash_here (unreachable))
  (func $caller_of_crash (call $crash_here))
  (func $_start (export "_start") (call $caller_of_crash))
  (memory (export "memory") 1))
