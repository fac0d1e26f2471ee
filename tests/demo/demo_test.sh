#!/usr/bin/env bash
# `make demo` as a user sees it (tests/demo.sh), in a build tree of its own:
# the build shows its progress, each app's output and status are printed,
# and the demo's exit status is the app's (hello exits 7, blinky 0).
# usage: demo_test.sh <board> <scratch build dir>
set -u
board=$1 build=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$build"
fail() { echo "FAIL: $*"; echo "--- output:"; cat "$build.log"; exit 1; }

# demo APPS STATUS REGEX...: runs the demo, checks its status and its output.
demo() {
  local apps=$1 want=$2 rc
  shift 2
  BOARD=$board APPS=$apps DEMO_BUILD_DIR=$build "$here/../demo.sh" >"$build.log" 2>&1
  rc=$?
  [ "$rc" -eq "$want" ] || fail "APPS=$apps: make demo exited with $rc, expected the app's $want"
  for re in "$@"; do
    grep -Eq -- "$re" "$build.log" || fail "APPS=$apps: no output line matches: $re"
  done
  echo "ok: APPS=$apps exits $rc"
}
demo hello 7 '^=== building fw-hello' '^\[[0-9]+/[0-9]+\] Building C object core/' \
  '^\[[0-9]+/[0-9]+\] Linking C executable examples/hello/fw-hello\.elf$' \
  '^Hello, world! A WebAssembly app on mote' '^=== hello exited with status 7$'
demo "hello blinky" 0 '^exiting with status 7$' '^=== hello exited with status 7$' \
  '^\[[0-9]+/[0-9]+\] Linking C executable examples/blinky/fw-blinky\.elf$' \
  '^blink 6: LED off$' 'QEMU: LED register <- 0x1' '^=== blinky exited with status 0$'
