;; A module with neither _start nor mote_on_event: nothing to run.
(module (func (export "something_else")))
