;; Instantiating this traps: a runner that instantiates a definition fails.
(module (func $boom unreachable) (start $boom))
