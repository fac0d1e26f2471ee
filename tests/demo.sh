#!/usr/bin/env bash
# make demo: firmware for the default board (mps2-an385, Cortex-M3) with C
# apps built for wasm32-wasi embedded in flash, booted under QEMU.  The apps
# print through the board's UART; the LED register writes are what QEMU
# itself sees (its mps2_fpgaio_write trace), shown as they happen.
set -eu
cd "$(dirname "$0")/.."
board=${BOARD:-mps2-an385}
cmake --preset "$board" >/dev/null
cmake --build --preset "$board" --target fw-hello fw-blinky >/dev/null
qemu=$(sed 's/#.*//' "boards/$board/qemu.args" | tr '\n' ' ')
fw=build/$board/examples

echo "=== $board: the hello app (printf, arguments, an exit status)"
$qemu -kernel "$fw/hello/fw-hello.elf" || true

echo
echo "=== $board: the blinky app (a periodic timer toggles LED 0)"
# shellcheck disable=SC2086
$qemu -trace mps2_fpgaio_write -kernel "$fw/blinky/fw-blinky.elf" 2>&1 |
  sed -E 's/^mps2_fpgaio_write MPS2 FPGAIO write: offset 0x0 data (0x[0-9a-f]+).*/    [QEMU: LED register <- \1]/'
echo "=== done: the firmware exits with the app's status"
