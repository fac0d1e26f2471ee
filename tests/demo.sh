#!/usr/bin/env bash
# make demo: firmware for the default board (mps2-an385, Cortex-M3) with an
# example Wasm app embedded in flash, booted under QEMU.
set -eu
cd "$(dirname "$0")/.."
board=${BOARD:-mps2-an385}
cmake --preset "$board" >/dev/null
cmake --build --preset "$board" --target example-hello >/dev/null
echo "=== booting the $board firmware under QEMU (the app's output follows)"
status=0
cmake --build --preset "$board" --target run-example-hello || status=$?
echo "=== QEMU exited; the firmware exits with the app's status (42 for this app)"
