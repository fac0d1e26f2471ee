#!/usr/bin/env bash
# docs/getting-started.md, run as printed: every ```sh block, in order, in
# one shell, in a fresh copy of the repository (its files, no build tree)
# with a home folder of its own; then what the page promises is checked in
# the transcript and the files it made.
#
# usage: getting_started_test.sh <mote source dir> <scratch dir>
set -u
src=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work/mote" "$work/home" || exit 2
fail() { echo "FAIL: $*"; echo "--- transcript (last 60 lines):"; tail -n 60 "$work/transcript"; exit 1; }

# The copy: tracked and new files, as a clone (plus this work tree's edits).
(cd "$src" && git ls-files -co --exclude-standard -z) |
  (cd "$src" && xargs -0 cp --parents -t "$work/mote") || exit 2
# ../shared as developers have it, so nothing is fetched.
[ -d "$src/../shared" ] && ln -s "$(cd "$src/../shared" && pwd)" "$work/shared"

python3 "$here/doc_blocks.py" "$src/docs/getting-started.md" sh "$work/blocks" >/dev/null || exit 2
{
  echo 'set -euo pipefail'
  echo 'trap '"'"'kill $(jobs -p) 2>/dev/null || true'"'"' EXIT'    # no QEMU left behind
  n=$(cut -d' ' -f1 "$work/blocks/sh.count")
  for i in $(seq 1 "$n"); do
    echo "echo '=== block $i'"
    cat "$work/blocks/sh-$i.sh"
  done
} > "$work/script.sh"
(cd "$work/mote" && HOME="$work/home" JOBS=${JOBS:-2} bash "$work/script.sh") >"$work/transcript" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail "the page's commands stopped with status $rc ($(grep '^=== block' "$work/transcript" | tail -n 1))"

t=$work/transcript
expect() { grep -Eq -- "$1" "$t" || fail "the transcript lacks: $1"; }
expect '^mote 0\.1\.0$'
[ -f "$work/home/mote/lib/mote/mps2-an385/libmote.a" ] || fail "the board is not installed"
[ "$(grep -c '^hello-mote: 2 blinks on pin 0$' "$t")" -eq 2 ] || fail "mote run did not run the app twice"
[ "$(grep -c '^hello-mote: done$' "$t")" -ge 4 ] || fail "the app did not finish on the PC, the host firmware and the board"
expect 'arena: [0-9]+ bytes for mote run'
expect 'Booting fw-hello on mps2-an385'
[ -s "$work/home/hello-mote/blink.vcd" ] || fail "no trace"
d=$work/mote/device.log
grep -q '^ota: version 2\.0\.0+0 passed its check: confirmed' "$d" || fail "the update was not confirmed"
grep -q '^hello-mote: done' "$d" || fail "the app did not run on the device"
! grep -q 'rolling back' "$d" || fail "the device rolled the update back"
echo "getting-started: all $(cut -d' ' -f1 "$work/blocks/sh.count") command blocks ran; the app ran on the PC, on mps2-an385 and over the air"
