#!/bin/sh
# mote-ota end to end against ota_sim_device over a unix socket: keys,
# signing, verification, a transfer over a noisy link that drops and must
# resume, the trial boot and confirmation, and the four rejections (bad
# signature, truncated, wrong key, downgrade), each leaving the old app
# running.  Also the reference bundles and the one-line usage errors.
# usage: cli_test.sh MOTE_OTA SIM_DEVICE DATA_DIR WORK_DIR
set -u
TOOL=$1 DEV=$2 DATA=$3 WORK=$4
fails=0
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 2

ok()   { echo "ok   $*"; }
bad()  { echo "FAIL $*"; fails=$((fails + 1)); }
# expect RC TEXT CMD...: CMD exits with RC and its output contains TEXT
expect() {
    rc=$1 text=$2; shift 2
    out=$("$@" 2>&1); got=$?
    if [ "$got" -eq "$rc" ] && printf '%s' "$out" | grep -qF -- "$text"; then
        ok "$* -> $rc"
    else
        bad "$* -> $got (want $rc, '$text'): $out"
    fi
}
# send BUNDLE RC TEXT [device options]: one transfer to a fresh serve run
send() {
    bundle=$1 rc=$2 text=$3; shift 3
    "$DEV" serve flash.img dev.sock "$@" > serve.log 2>&1 &
    pid=$!
    expect "$rc" "$text" "$TOOL" send --unix dev.sock --timeout 300 --quiet --no-check "$bundle"
    wait $pid
    cat serve.log
}

# Keys, bundles.
expect 0 "wrote" "$TOOL" keygen -k key.pem
expect 0 "wrote" "$TOOL" keygen -k other.pem
expect 2 "exists" "$TOOL" keygen -k key.pem
grep -q "mote_ota_public_key\[32\]" key.h && ok "C header" || bad "C header"
export OTA_SIM_KEY="$WORK/key.pub.pem"
W="$DATA/ref-app.wasm"
"$DEV" wasm app1.wasm 12000 1 && "$DEV" wasm app2.wasm 30000 2 || bad "wasm helper"
expect 0 "version 1.0.0+0" "$TOOL" sign -k key.pem -v 1.0.0 app1.wasm -o v1.bin
expect 0 "version 2.0.0+0" "$TOOL" sign -k key.pem -v 2.0.0 app2.wasm -o v2.bin
expect 0 "version 3.0.0+0" "$TOOL" sign -k other.pem -v 3.0.0 app2.wasm -o wrongkey.bin
expect 0 "version 1.5.0+0" "$TOOL" sign -k key.pem -v 1.5.0 app1.wasm -o older.bin
expect 1 "not a WebAssembly module" "$TOOL" sign -k key.pem -v 1.0.0 key.pem -o x.bin
expect 0 "version 2.5.0+0" "$TOOL" sign -k key.pem -v 2.5.0 --not-wasm key.pem -o notwasm.bin
"$DEV" flip v2.bin badsig.bin -3 && "$DEV" cut v2.bin truncated.bin 20000 || bad "helpers"
expect 0 "signature OK" "$TOOL" verify -k key.pub.pem v2.bin
expect 1 "bad or missing Ed25519 signature" "$TOOL" verify -k key.pub.pem badsig.bin
expect 1 "signed with a different key" "$TOOL" verify -k key.pub.pem wrongkey.bin
expect 1 "truncated" "$TOOL" verify truncated.bin

# Byte for byte against the reference bundles (data/make_reference.py),
# with mote-ota sign and as an imgtool command line (which wants -H and -S).
RK="$DATA/ref-key.pem"
grep '^rebuild ' "$DATA/cases.txt" | while read -r _ file args; do
    # shellcheck disable=SC2086
    "$TOOL" sign -k "$RK" $args "$W" -o rb.bin > /dev/null && cmp -s rb.bin "$DATA/$file" &&
        ok "mote-ota sign $args: $file" || bad "mote-ota sign $args: differs from $file"
    extra="--pad-header"
    case " $args" in *" -H "*) ;; *) extra="$extra -H 32";; esac
    case " $args" in *" -S "*) ;; *) extra="$extra -S 0x20000";; esac
    # shellcheck disable=SC2086
    "$TOOL" imgtool sign -k "$RK" $args $extra "$W" rb.bin > /dev/null &&
        cmp -s rb.bin "$DATA/$file" && ok "imgtool sign $args $extra: $file" ||
        bad "imgtool sign $args $extra: differs from $file"
done > rebuild.log
cat rebuild.log
fails=$((fails + $(grep -c '^FAIL' rebuild.log)))

# Every reference bundle: mote-ota verify, and a transfer to a device with
# the reference key and slots of the size the padded ones are made for.
SLOT=$(awk '$1 == "slot" {print $2}' "$DATA/cases.txt")
"$TOOL" sign -k "$RK" -v 0.0.1 "$W" -o factory.bin > /dev/null || bad "factory bundle"
grep '^case ' "$DATA/cases.txt" > cases.list
while read -r _ file verdict why; do
    if [ "$verdict" = ok ]; then
        expect 0 "signature OK" "$TOOL" verify -k "$RK" -S "$SLOT" "$DATA/$file"
    else
        expect 1 "$why" "$TOOL" verify -k "$RK" -S "$SLOT" "$DATA/$file"
    fi
    OTA_SIM_KEY="$RK" OTA_SIM_SLOT=$SLOT "$DEV" init ref.img factory.bin || bad "init"
    OTA_SIM_KEY="$RK" OTA_SIM_SLOT=$SLOT "$DEV" serve ref.img ref.sock > serve.log 2>&1 &
    pid=$!
    if [ "$verdict" = ok ]; then
        expect 0 "device installed version" "$TOOL" send --unix ref.sock --timeout 300 --quiet \
            --no-check "$DATA/$file"
    else
        expect 1 "$why" "$TOOL" send --unix ref.sock --timeout 300 --quiet --no-check \
            "$DATA/$file"
    fi
    wait $pid
done < cases.list

# Usage errors: one line, exit 2.
expect 2 "missing --key" "$TOOL" sign -v 1 "$W" -o x.bin
expect 2 "bad version" "$TOOL" sign -k key.pem -v 1.2.x "$W" -o x.bin
expect 2 "unknown command" "$TOOL" frobnicate
expect 2 "missing --serial, --tcp, --unix or --frames-out" "$TOOL" send v2.bin
expect 2 "bad --app 'Logger'" "$TOOL" send --unix x.sock --app Logger v2.bin

# Manifests (docs/apps.md): compiled into TLV 0xa0 and decoded by verify;
# a broken one refused with its line.
printf 'name logger\nram 24K\npin 0 out\nuart console\ncpu 25%% priority 2 watchdog 500ms\nsend blinky\nmailbox 8 64\n' > logger.mf
expect 0 "version 1.0.0+0" "$TOOL" sign -k key.pem -v 1.0.0 --manifest logger.mf app1.wasm -o mf.bin
expect 0 "app logger, ram 24576, pin 0 out, uart console, cpu 25% priority 2 watchdog 500 ms, send blinky, mailbox 8 x 64" "$TOOL" verify -k key.pem mf.bin
printf 'name logger\nram 24K\npin 70 out\n' > bad.mf
expect 2 "bad.mf: manifest line 3: pin 70: pins are 0..63" "$TOOL" sign -k key.pem -v 1.0.0 --manifest bad.mf app1.wasm -o x.bin
expect 2 "Custom TLV 0xa0 already exists" "$TOOL" sign -k key.pem -v 1.0.0 --manifest logger.mf --custom-tlv 0xa0 x app1.wasm -o x.bin
expect 2 "imgtool sign has no option --manifest" "$TOOL" imgtool sign -k key.pem -v 1.0.0 -H 32 -S 0x20000 --manifest logger.mf app1.wasm x.bin
# The frames of a transfer, to a file: START (with the app), DATA of 256
# bytes, END -- a device reading them gets the same as over a link.
"$TOOL" send --frames-out mf.frames --app logger mf.bin && ok "send --frames-out" ||
    bad "send --frames-out failed"
size=$(stat -c %s mf.bin)
frames=$(( (size + 255) / 256 ))
want=$(( 16 + 36 + 1 + 6 + frames * 16 + size + 16 ))
[ "$(stat -c %s mf.frames)" -eq "$want" ] && ok "frames file of $want bytes" ||
    bad "frames file of $(stat -c %s mf.frames) bytes, want $want"
expect 0 "usage: mote-ota send" "$TOOL" send --help

# The device: v1 from the factory, then v2 over a noisy link that drops once.
"$DEV" init flash.img v1.bin || bad "init"
expect 0 "version 1.0.0+0" "$DEV" boot flash.img
send v2.bin 0 "device installed version 2.0.0+0" --noise 20 --drop-after 12000
grep -q "dropping the link" serve.log && ok "the link dropped and the transfer resumed" ||
    bad "the link never dropped"
expect 0 "version 2.0.0+0 (trial)" "$DEV" boot flash.img --confirm
expect 0 "version 2.0.0+0" "$DEV" boot flash.img

# Four rejections, and a signed file that is no module; v2 keeps running.
send badsig.bin 1 "bad or missing Ed25519 signature"
send truncated.bin 1 "bundle is truncated"
send wrongkey.bin 1 "bundle is signed with a different key"
send older.bin 1 "1.5.0+0 is older than the running 2.0.0+0"
send notwasm.bin 1 "firmware rejected the module"
out=$("$DEV" boot flash.img)
case $out in *"version 2.0.0+0"*) case $out in *trial*) bad "trial after rejections: $out";;
    *) ok "v2 still runs after the rejections";; esac;; *) bad "after rejections: $out";; esac

echo "cli: $fails failure(s)"
[ "$fails" -eq 0 ]
