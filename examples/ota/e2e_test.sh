#!/usr/bin/env bash
# The OTA example end to end under QEMU: the firmware boots and installs
# its factory app (v1); `mote-ota send` streams v2 (security counter 5, an
# app manifest) over the board's second UART (a unix socket); the firmware
# verifies, validates and commits it, resets, runs v2 on trial and confirms
# it.  Then the bundles it must refuse -- bad signature, truncated, wrong
# key, downgrade, every refused reference bundle of tests/ota/data (flags,
# TLVs, trailers, padded for another slot size) and a newer version with a
# lower security counter -- each with its reason on the console and v2
# running again afterwards.  Then a bundle padded to the slot (imgtool
# --pad: a trial) and one with --confirm (installed confirmed, no trial).
# Last, v3, which fails the firmware's check on its trial run: the firmware
# rolls back and boots the confirmed app again.  Every wait has a
# deadline: a hang fails.
#
# usage: e2e_test.sh MOTE_OTA KEY.pem V1.wasm V2.wasm V3.wasm FIRMWARE.elf WORK_DIR
#                    DATA_DIR -- QEMU COMMAND...   (without -kernel; this script
#                                      adds the update UART and the image)
set -u
[ $# -ge 10 ] && [ "$9" = "--" ] || { echo "usage: see the top of $0" >&2; exit 2; }
tool=$1 key=$2 v1=$3 v2=$4 v3=$5 fw=$6 work=$7 data=$8
shift 9

STEP_TIMEOUT=30     # seconds for any one step (a send takes 1-5); the whole test 10-20
start_ms=$(date +%s%3N)
elapsed() { local ms=$(($(date +%s%3N) - start_ms)); printf '%d.%03ds' $((ms / 1000)) $((ms % 1000)); }
ok() { echo "ok   [$(elapsed)] $*"; }
# The first failure ends the test (later steps build on earlier ones);
# the console output is shown on the way out.
bad() { echo "FAIL [$(elapsed)] $*"; exit 1; }

rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
# Unix socket paths are limited to about 100 bytes: keep it out of the
# (possibly deep) build tree.
sockdir=$(mktemp -d "${TMPDIR:-/tmp}/mote-ota.XXXXXX") || exit 2
sock=$sockdir/uart1
qemu_pid=
finish() {
    local rc=$?
    [ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null && wait "$qemu_pid" 2>/dev/null
    rm -rf "$sockdir"
    if [ -f console.log ]; then
        echo "--- console output:"
        tr -d '\r' < console.log
    fi
    # (QEMU's own note that this script ended it is no news.)
    if grep -qv 'terminating on signal' qemu.log 2>/dev/null; then
        echo "--- QEMU stderr:"
        cat qemu.log
    fi
    [ "$rc" -eq 0 ] && echo "ota e2e: passed" || echo "ota e2e: FAILED"
    exit "$rc"
}
trap finish EXIT

# ---- bundles ----------------------------------------------------------------
sign() {   # sign KEY VERSION APP.wasm OUT [options]
    local k=$1 ver=$2 in=$3 out=$4
    shift 4
    "$tool" sign -k "$k" -v "$ver" "$@" "$in" -o "$out" > /dev/null ||
        { echo "cannot sign $out" >&2; exit 2; }
}
"$tool" keygen -k other.pem > /dev/null || exit 2
sign "$key" 2.0.0 "$v2" v2.bin -s 5 --custom-tlv 0xa0 '{"app":"ota-example"}'
sign "$key" 2.1.0 "$v2" badsig.bin -s 5
sign "$key" 2.1.0 "$v2" whole.bin -s 5
sign other.pem 2.1.0 "$v2" wrongkey.bin -s 5
sign "$key" 1.5.0 "$v1" older.bin -s 5
sign "$key" 2.1.0 "$v2" lower.bin -s 4
sign "$key" 3.0.0 "$v3" v3.bin -s 7
# The Ed25519 signature is the bundle's last 64 bytes: invert one of them.
size=$(stat -c %s badsig.bin)
at=$((size - 3))
byte=$(od -An -tu1 -j "$at" -N1 badsig.bin | tr -d ' ')
printf "\\$(printf %03o $((byte ^ 0xff)))" |
    dd of=badsig.bin bs=1 seek="$at" conv=notrunc status=none
# Half a bundle: the header promises more than is sent.
head -c $(($(stat -c %s whole.bin) / 2)) whole.bin > truncated.bin

# ---- the board --------------------------------------------------------------
"$@" -serial "unix:$sock,server=on,wait=off" -kernel "$fw" \
    < /dev/null > console.log 2> qemu.log &
qemu_pid=$!

# expect COUNT REGEX: wait until COUNT console lines match (extended regex).
expect() {
    local count=$1 re=$2 n=0 deadline=$((SECONDS + STEP_TIMEOUT))
    while :; do
        n=$(tr -d '\r' < console.log | grep -Ec -- "$re")
        [ "$n" -ge "$count" ] && { ok "console: $re (x$count)"; return 0; }
        kill -0 "$qemu_pid" 2>/dev/null || bad "console: $re (x$count): QEMU exited"
        [ $SECONDS -lt $deadline ] || bad "console: $re (x$count): only $n after ${STEP_TIMEOUT}s"
        sleep 0.1
    done
}

# send BUNDLE STATUS TEXT: mote-ota send exits with STATUS and says TEXT.
# --no-check: the device, not the host tool, must catch the bad bundles.
send() {
    local out rc
    out=$(timeout "$STEP_TIMEOUT" "$tool" send --unix "$sock" --wait 5000 --timeout 1000 \
        --quiet --no-check "$1" 2>&1)
    rc=$?
    if [ "$rc" -eq "$2" ] && printf '%s' "$out" | grep -qF -- "$3"; then
        ok "send $1 -> $rc: $3"
    else
        bad "send $1 -> $rc (want $2, '$3'): $out"
    fi
}

v=2\\.0\\.0\\+0
app1='^app: version 1, the factory app$'
app2='^app: version 2, delivered over the air$'
waiting='^ota: waiting for updates on UART1$'

echo "-- first boot: the factory app"
expect 1 '^ota: mote OTA example on .*: A/B slots of [0-9]+ bytes'
# Bundles padded to the board's slot size (imgtool --pad, --confirm).
slot=$(tr -d '\r' < console.log | sed -n 's/.*A\/B slots of \([0-9]*\) bytes.*/\1/p' | head -1)
sign "$key" 2.5.0 "$v2" padded.bin -s 5 -S "$slot" --pad
sign "$key" 2.6.0 "$v2" confirmed.bin -s 6 -S "$slot" --confirm
expect 1 '^ota: no verified app in flash: installing the factory app in slot A$'
expect 1 '^ota: booting slot A, version 1\.0\.0\+0$'
expect 1 "$app1"
expect 1 "$waiting"

echo "-- the update to v2, its trial run and confirmation"
send v2.bin 0 "device installed version 2.0.0+0"
expect 1 "^ota: receiving update $v \\([0-9]+ bytes\\)$"
expect 1 "^ota: update $v verified, validated and committed: resetting to try it$"
expect 1 "^ota: booting slot B, version $v on trial$"
expect 1 '^ota: security counter 5 \(the device.s: 0\)$'
expect 1 '^ota: app manifest of 21 bytes \(not enforced yet\)$'
expect 1 "$app2"
expect 1 "^ota: version $v passed its check: confirmed$"
expect 2 "$waiting"

echo "-- bundles to refuse; v2 runs again after each"
runs=1 refused=0
refuse() {   # refuse BUNDLE TEXT: the device refuses it and says TEXT
    send "$1" 1 "$2"
    refused=$((refused + 1))
    expect "$refused" "^ota: update refused: .*; still running $v$"
    expect 1 "^ota: update refused: .*$(printf '%s' "$2" | sed 's/[].[+()*^$]/\\&/g').*; still running $v$"
    runs=$((runs + 1))
    expect "$runs" "$app2"
}
refuse badsig.bin "bad or missing Ed25519 signature"
refuse truncated.bin "bundle is truncated"
refuse wrongkey.bin "bundle is signed with a different key"
refuse older.bin "version is older than the installed one (1.5.0+0 is older than the running 2.0.0+0)"
refuse lower.bin "security counter is below the device's (security counter 4 is below the device's 5)"
# The reference bundles a device refuses (signed with the reference key:
# each is refused for its own reason before the key is looked at).  The
# padded ones are made for smaller slots than this board's, and that is
# what it says; their trailers are judged at their own slot size by the
# ota-cases board test.
cases=0
while read -r _ file verdict why; do
    [ "$verdict" = ok ] && continue
    size=$(stat -c %s "$data/$file")
    [ "$size" -ge 4096 ] && why="padded for a $size-byte slot, not $slot"
    refuse "$data/$file" "$why"
    cases=$((cases + 1))
done < <(grep '^case ' "$data/cases.txt")
[ "$cases" -gt 20 ] || bad "only $cases reference bundles to refuse"
ok "$cases reference bundles refused, each for its reason"

echo "-- a bundle padded to the slot: a trial; one with --confirm: no trial"
send padded.bin 0 "device installed version 2.5.0+0 (installed; reset to run it)"
expect 1 '^ota: booting slot A, version 2\.5\.0\+0 on trial$'
expect 1 '^ota: version 2\.5\.0\+0 passed its check: confirmed$'
send confirmed.bin 0 "device installed version 2.6.0+0 (installed, confirmed; reset to run it)"
expect 1 '^ota: update 2\.6\.0\+0 verified, validated and committed confirmed \(no trial\): resetting to run it$'
expect 1 '^ota: booting slot B, version 2\.6\.0\+0$'
expect 1 '^ota: security counter 6 \(the device.s: 6\)$'
expect $((runs + 2)) "$app2"
! tr -d '\r' < console.log | grep -q '^ota: version 2\.6\.0+0 passed its check' ||
    bad "the confirmed bundle ran a trial"

echo "-- v3 fails its trial run: rollback to 2.6.0"
send v3.bin 0 "device installed version 3.0.0+0"
expect 1 '^ota: booting slot A, version 3\.0\.0\+0 on trial$'
expect 1 '^app: version 3, a broken release: self-test failed$'
expect 1 "^ota: version 3\\.0\\.0\\+0 failed its check \\(exit status 3\\): rolling back to 2\\.6\\.0\\+0$"
expect 2 '^ota: booting slot B, version 2\.6\.0\+0$'
expect $((runs + 3)) "$app2"
expect 5 "$waiting"

# Nothing else went wrong on the way: no error line, and exactly the six
# boots above (a refused bundle must not reset the board).
! tr -d '\r' < console.log | grep -Eq '^mote: |FAULT|cannot reset' || bad "console: an error line"
boots=$(grep -c '^ota: mote OTA example on ' console.log)
[ "$boots" -eq 6 ] || bad "console: $boots boots, expected 6"
ok "console: 6 boots, no error line"
kill -0 "$qemu_pid" 2>/dev/null || bad "QEMU exited"
ok "the board is still running"
