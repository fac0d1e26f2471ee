#!/usr/bin/env bash
# make demo: firmware for the default board (mps2-an385, Cortex-M3) with C
# apps built for wasm32-wasi embedded in flash, booted under QEMU.  The apps
# print through the board's UART; the LED writes are what QEMU itself sees
# (the trace event the board names, MOTE_BOARD_LED_TRACE in its board.cmake;
# on MPS2 mps2_fpgaio_write), shown as they happen.
#
# The build shows its progress.  Each app's exit status comes back through
# QEMU (semihosting) and is printed; the demo exits with the last app's
# status, or stops at the first app that could not run (a status from 125
# up: not loaded, trapped, a CPU fault, QEMU failing).
#
#   BOARD=<preset>        the board (default mps2-an385)
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
# The board's QEMU command line and LED trace, as the configure read them
# from its folder.
# (CMake writes a value that ends in a space between single quotes.)
cache_value() { sed -n -e "s/^$1:INTERNAL='\(.*\)'\$/\1/p" -e "t" -e "s/^$1:INTERNAL=//p" "$build/CMakeCache.txt"; }
qemu=$(cache_value MOTE_BOARD_RUN | tr ';' ' ')
qemu=${qemu% -kernel}
led_event=$(cache_value MOTE_BOARD_LED_TRACE)
led_event=${led_event%%;*}
trace=()
[ -n "$led_event" ] && trace=(-trace "$led_event")

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
      $qemu "${trace[@]}" -kernel "$fw" 2>&1 |
        sed -E -e 's/^mps2_fpgaio_write MPS2 FPGAIO write: offset 0x0 data (0x[0-9a-f]+).*/    [QEMU: LED register <- \1]/' \
               -e "s/^(${led_event:-no LED trace} .*)/    [QEMU: \1]/"
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
