#!/usr/bin/env bash
# The project's blinky sent over the air to the OTA example firmware under
# QEMU: it must run on its trial boot -- the firmware grants it the board's
# pins and timers -- blink the LED (QEMU's own trace of the LED register),
# pass the firmware's check and be confirmed, not rolled back.
#
# usage: blinky_test.sh MOTE_OTA KEY.pem BLINKY.wasm FIRMWARE.elf WORK_DIR
#                       -- QEMU COMMAND...   (without -kernel)
set -u
[ $# -ge 7 ] && [ "$6" = "--" ] || { echo "usage: see the top of $0" >&2; exit 2; }
tool=$1 key=$2 app=$3 fw=$4 work=$5
shift 6

rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
sockdir=$(mktemp -d "${TMPDIR:-/tmp}/mote-ota.XXXXXX") || exit 2
qemu_pid=
finish() {
    local rc=$?
    [ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null && wait "$qemu_pid" 2>/dev/null
    rm -rf "$sockdir"
    [ "$rc" -eq 0 ] || { echo "--- console output:"; tr -d '\r' < console.log; }
    exit "$rc"
}
trap finish EXIT
bad() { echo "FAIL: $*"; exit 1; }

"$tool" sign -k "$key" -v 2.0.0 "$app" -o blinky.bin > /dev/null || bad "cannot sign $app"
"$@" -trace mps2_fpgaio_write -serial "unix:$sockdir/uart1,server=on,wait=off" -kernel "$fw" \
    < /dev/null > console.log 2> qemu.log &
qemu_pid=$!

# expect REGEX: waits (30 s at most) for a console line to match.
expect() {
    local deadline=$((SECONDS + 30))
    until tr -d '\r' < console.log | grep -Eq -- "$1"; do
        kill -0 "$qemu_pid" 2>/dev/null || bad "QEMU exited before: $1"
        [ $SECONDS -lt $deadline ] || bad "no console line after 30 s: $1"
        sleep 0.1
    done
    echo "ok: $1"
}

expect '^ota: waiting for updates on UART1$'
timeout 60 "$tool" send --unix "$sockdir/uart1" --wait 5000 --quiet blinky.bin ||
    bad "mote-ota send failed"
expect '^ota: booting slot B, version 2\.0\.0\+0 on trial$'
expect '^blinky: pin 0 every 500 ms$'
expect '^blink 10: LED off$'
expect '^ota: version 2\.0\.0\+0 passed its check: confirmed$'
! tr -d '\r' < console.log | grep -Eq 'no LED|cannot start a timer|rolling back|^mote: ' ||
    bad "the app was refused a pin or timer, or rolled back"
on=$(grep -c 'offset 0x0 data 0x1 ' qemu.log)
[ "$on" -ge 5 ] || bad "QEMU saw the LED switched on $on times, expected 5"
echo "ok: QEMU saw the LED switched on $on times"
