#!/usr/bin/env bash
# examples/template-firmware, a firmware project outside mote's tree, built
# for a board the two ways a user can -- with mote's sources
# (add_subdirectory) and with an installed mote (find_package) -- and booted
# under QEMU through its run target.
#
# usage: template_test.sh <subdirectory|package> <board> <mote source dir>
#                         <this board's build dir> <scratch dir>
set -u
mode=$1 board=$2 src=$3 build=$4 work=$5
rm -rf "$work" && mkdir -p "$work" || exit 2
fail() { echo "FAIL ($mode, $board): $*"; exit 1; }
project=$src/examples/template-firmware
dir=$work/build

if [ "$mode" = package ]; then
  # Nothing said where mote is: one clear message.
  cmake -S "$project" -B "$work/nowhere" -G Ninja -DMOTE_BOARD="$board" >"$work/nowhere.log" 2>&1 &&
    fail "configuring without mote succeeded"
  grep -q "Where is mote?" "$work/nowhere.log" || { cat "$work/nowhere.log"; fail "no clear message"; }
  cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; fail "cmake --install $build failed"; }
  where=(-DCMAKE_PREFIX_PATH="$work/prefix")
else
  where=(-DMOTE_SOURCE_DIR="$src")
fi
cmake -S "$project" -B "$dir" -G Ninja -DMOTE_BOARD="$board" "${where[@]}" >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; fail "configuring the template failed"; }
cmake --build "$dir" -j "${JOBS:-2}" >"$work/build.log" 2>&1 ||
  { tail -30 "$work/build.log"; fail "building the template failed"; }
[ -f "$dir/fw-blink.elf" ] || fail "no fw-blink.elf: the firmware lacks the board's .elf suffix"
grep -q "qemu-system-" "$dir/build.ninja" || fail "the run target does not boot QEMU"
echo "ok: built $dir/fw-blink.elf ($mode)"

timeout -k 5 90 cmake --build "$dir" --target run-fw-blink >"$work/run.log" 2>&1
rc=$?
[ "$rc" -eq 0 ] || { cat "$work/run.log"; fail "run-fw-blink exited with $rc"; }
grep -q "Booting fw-blink on $board" "$work/run.log" &&
  grep -q "^template: hello from $board$" "$work/run.log" &&
  [ "$(grep -c '^template: LED on$' "$work/run.log")" -eq 3 ] &&
  grep -q "^template: done$" "$work/run.log" || { cat "$work/run.log"; fail "unexpected output"; }
echo "ok: run-fw-blink booted it under QEMU: hello, 3 blinks, done, status 0"
