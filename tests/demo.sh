#!/usr/bin/env bash
# make demo: firmware for the default board (mps2-an385, Cortex-M3) with C
# apps built for wasm32-wasi embedded in flash, booted under QEMU.  The apps
# print through the board's UART; the LED register writes are what QEMU
# itself sees (its mps2_fpgaio_write trace), shown as they happen.
#
# The build shows its progress.  Each app's exit status comes back through
# QEMU (semihosting) and is printed; the demo exits with the last app's
# status, or stops at the first app that could not run (a status from 125
# up: not loaded, trapped, a CPU fault, QEMU failing).
#
#   BOARD=<preset>        the board (default mps2-an385; an MPS2 board)
#   APPS="hello blinky"   the apps to run, in order
#   DEMO_BUILD_DIR=<dir>  build there instead of the preset's build/<board>
set -u
cd "$(dirname "$0")/.."
board=${BOARD:-mps2-an385}
apps=${APPS:-hello blinky}
build=${DEMO_BUILD_DIR:-build/$board}

targets=()
for app in $apps; do
  case "$app" in
    hello|blinky) targets+=("fw-$app") ;;
    *) echo "demo: unknown app '$app' (apps: hello blinky)" >&2; exit 2 ;;
  esac
done

echo "=== configuring $build for $board"
mkdir -p "$build"
if ! cmake --preset "$board" -B "$build" >"$build/demo-configure.log" 2>&1; then
  tail -n 30 "$build/demo-configure.log"
  echo "demo: configuring failed; the whole log is $build/demo-configure.log" >&2
  exit 1
fi
echo "=== building ${targets[*]} (the core, WASI-lite, the board's HAL and the apps)"
cmake --build "$build" -j "${JOBS:-2}" --target "${targets[@]}" || {
  echo "demo: the build failed" >&2
  exit 1
}
qemu=$(sed 's/#.*//' "boards/$board/qemu.args" | tr '\n' ' ')

status=0
for app in $apps; do
  fw="$build/examples/$app/fw-$app.elf"
  echo
  case "$app" in
    hello)
      echo "=== $board: the hello app (printf, arguments, an exit status)"
      # shellcheck disable=SC2086
      $qemu -kernel "$fw"
      status=$?
      ;;
    blinky)
      echo "=== $board: the blinky app (a periodic timer toggles LED 0)"
      # shellcheck disable=SC2086
      $qemu -trace mps2_fpgaio_write -kernel "$fw" 2>&1 |
        sed -E 's/^mps2_fpgaio_write MPS2 FPGAIO write: offset 0x0 data (0x[0-9a-f]+).*/    [QEMU: LED register <- \1]/'
      status=${PIPESTATUS[0]}
      ;;
  esac
  echo "=== $app exited with status $status"
  if [ "$status" -ge 125 ]; then
    echo "demo: $app did not run to its end (statuses from 125 up are mote's or QEMU's:" \
         "docs/cli.md, \"Exit status\")" >&2
    exit "$status"
  fi
done
exit "$status"
